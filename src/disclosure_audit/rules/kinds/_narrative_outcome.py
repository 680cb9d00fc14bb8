"""Narrative `check: outcome`: a phrase that says a set of cells is zero (“未收到申请”, “均获维持”,
“全部办结”) while the table has a non-zero value there."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Paragraph, Report
from ..params.narrative import OutcomeClaim, Patterns
from . import _exact
from . import _narrative_cells as cells
from ._common import fmt
from ._narrative_text import guards_pass


def outcomes(pat: Patterns, ctx: RunContext, report: Report, para: Paragraph, s: str) -> Iterator[Hit]:
    """Phrases that say a set of cells is zero (未收到申请, 均获维持) while the table has a non-zero value there."""
    done: set[str] = set()
    for c, rx, guards in pat.claims:
        if c.name in done:
            continue
        for m in rx.finditer(s):
            if not guards_pass(guards, s, m):
                continue
            if c.cells:
                exprs = [c.cells]
            else:
                inside = [t for t, trx in pat.topics.items() if trx.search(m[0])]
                before = [t for t, trx in pat.topics.items() if trx.search(s, 0, m.start())]
                named = inside or before
                exprs = [c.by_topic[t] for t in c.by_topic if t in named]
            if not exprs:
                continue
            ops: list[cells.Operand] = []
            for e in exprs:
                ops += cells.read(ctx, report, c.table, e) or []
            nonzero = [op for op in ops if op.value is not None and op.value > 0]
            if not nonzero:
                continue
            done.add(c.name)
            yield _outcome_hit(ctx, report, para, s, m, c, nonzero)
            break


def _outcome_hit(
    ctx: RunContext, report: Report, para: Paragraph, s: str, m: re.Match, c: OutcomeClaim, nonzero
) -> Hit:
    rid = report.report_id
    tdef = ctx.tdef(rid, c.table)
    parts, parts_en, labels, vals = [], [], [], []
    for op in nonzero:
        v = fmt(op.value)
        if c.table == "requests":
            lab = cells.row_label(tdef, op.row)
            if op.substituted:
                parts.append(f"“{lab}”六类申请人之和为{v}（{cells.why([op])}）")
                parts_en.append(f"'{lab}' = {v} (sum of the six applicant columns; {cells.why([op], 'en')})")
            else:
                parts.append(f"“{lab}”总计列为{v}")
                parts_en.append(f"'{lab}' = {v}")
        else:
            lab = tdef.columns[op.col].display
            parts.append(f"“{lab}”为{v}")
            parts_en.append(f"'{lab}' = {v}")
        labels.append(lab)
        vals.append(v)
    total = _exact.total(op.value for op in nonzero)
    phrase = m[0]
    if len(nonzero) > 1:
        arithmetic = f"{'+'.join(labels)} = {'+'.join(vals)} = {fmt(total)}; 正文“{phrase}” → 0"
    else:
        arithmetic = f"{labels[0]} = {vals[0]}; 正文“{phrase}” → 0"
    subs = [op for op in nonzero if op.substituted]
    if subs:
        notes = "；".join(cells.note(ctx, rid, op, cells.row_label(tdef, op.row)) for op in subs)
        arithmetic += f"（{notes}）"
    single = nonzero[0] if len(nonzero) == 1 else None
    return Hit(
        report_id=rid,
        section=para.section,
        table=c.table,
        row=single.row if single else None,
        column=single.col if single else None,
        raw=s.strip(),
        line=para.line,
        expected="；".join(f"{lab} {v}" for lab, v in zip(labels, vals, strict=True)),
        found=phrase,
        arithmetic=arithmetic,
        cells=cells.refs(ctx, rid, c.table, nonzero),
        params={
            "subject": c.subject,
            "subject_en": c.subject_en,
            "phrase": phrase,
            "facts": "、".join(parts),
            "facts_en": ", ".join(parts_en),
            # the phrase alone (均获维持) says little: quote the whole sentence
            "clause": s.strip().rstrip("。！？!?"),
            "table_title": tdef.title.split(" ")[0],
        },
    )
