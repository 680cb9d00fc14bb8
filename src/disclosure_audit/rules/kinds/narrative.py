"""Figures stated in the narrative sections checked against the tables that hold them (X-TXT).

A report restates its own table figures in prose: “全年新收政府信息公开申请12件，办结10件”,
“被申请行政复议2件，均获维持”, “予以公开8件，占66.7%”. Each rule of this kind carries a small
pattern table in its YAML `params`: a regex per subject phrase (with `{N}` where the number stands)
and the table cells it restates, as an expression in the identity language (`new + carried_over`,
`sum(denied.*)`, `suit_direct.total + suit_after_review.total`). Table 三 figures are read from its
总计 column (the expression is over rows); table 四 figures from its one data row (over columns).
When a 总计 cell has no value but the row's six applicant cells all do, their sum stands in for it
and the finding says so (`_narrative_cells`).

Three checks, one params model each (rules/params/narrative.py, where the patterns are compiled):

* `count`   — “subject N件” against the cells' sum (here);
* `outcome` — (`_narrative_outcome`) a phrase that says a set of cells is zero (“未收到申请”, “均获维持”, “全部办结”)
  while the table has a non-zero value there;
* `percent` — (`_narrative_percent`) “N件，占X%” recomputed from its stated numerator and the stated total, within the
  rounding the text uses (rounded or truncated to its decimals). The total is the one the sentence
  states; when the percentage names its base (占答复总数的, 占受理总数, 占申请总量) it is the
  one total of that base stated in the sentence or earlier in the paragraph.

Precision matters more than recall: a sentence is skipped when it compares with another year or
another scope (同比, 去年, a year other than the report's, 全市, 各部门…) or says 分别; a number
is skipped when it is approximate (余, 左右), shared by coordinated subjects (“行政复议、行政诉讼
共3件”), claimed by two subjects with different cells, stated twice with different values, or sits
after 其中 under a head that is not a known total. A claim's `reject` guard reads its clause
together with the comma clauses before it that state no figure (“因涉及国家秘密，不予公开2件”);
its `reject_exempt` spans (“因本机关不掌握等原因”, which covers the whole category) are not read
by it. A table cell without a value (and, for a 总计 cell, no complete row of applicant cells)
is skipped: the blank itself is scored by BLANK-*; a narrative rule never fails on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, partial

from ...core.context import RunContext
from ...core.finding import Hit
from ...expr import parse
from ...model import Paragraph, Report
from ...zhtext.chars import HALF_WIDTH_DIGITS
from ..params.narrative import Count, CountClaim, Outcome, Patterns, Percent
from ..registry import RuleKind
from . import _narrative_cells as cells
from ._common import fmt
from ._narrative_outcome import outcomes
from ._narrative_percent import Stated, percents, stated
from ._narrative_text import (
    APPROX_AFTER,
    COUNT_MENTION,
    blank_asides,
    clause_bounds,
    guards_pass,
    has_number,
    parse_number,
    parse_percent,
    sentences,
    skip_sentence,
    topic_before,
)

__all__ = ["Narrative", "parse_number", "parse_percent", "sentences"]


@dataclass(frozen=True)
class Mention:
    claim: CountClaim
    value: Decimal
    start: int  # match span in the sentence
    end: int
    num: tuple[int, int]  # number span


class Narrative(RuleKind):
    params: Count | Outcome | Percent

    @cached_property
    def patterns(self) -> Patterns:
        return Patterns.of(self.params)

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p, pat = self.params, self.patterns
        mentions: dict[str, list[Mention]] = ctx.memo(("narrative-mentions", self.spec.id), dict)
        for rid in report_ids:
            report = ctx.reports[rid]
            for para, pieces in _split(ctx, report, pat.ambiguous):
                earlier: list[Stated] = []  # percent: totals stated in the paragraph's earlier sentences
                for s, skip in pieces:
                    if isinstance(p, Count):
                        if not skip:
                            yield from self._counts(ctx, report, para, s, mentions)
                    elif isinstance(p, Outcome):
                        if not skip:
                            yield from outcomes(pat, ctx, report, para, s)
                    else:
                        here = stated(pat, s)
                        if not skip:
                            yield from percents(pat, ctx, report, para, s, here, earlier)
                        earlier += [Stated(x.base, None if skip else x.value, None) for x in here]

    def _mentions_of(self, s: str, memo: dict[str, list[Mention]]) -> list[Mention]:
        """`_mentions`, once per distinct sentence and rule in a run (a report restates the same
        sentence in several places, and many reports share their stock sentences)."""
        got = memo.get(s)
        if got is None:
            got = memo[s] = self._mentions(s) if has_number(s) else []
        return got

    def _mentions(self, s: str) -> list[Mention]:
        raw: list[Mention] = []
        for c, rx, guards in self.patterns.claims:
            for m in rx.finditer(s):
                value = parse_number(m["n"])
                if value is None or value != value.to_integral_value():
                    continue
                if APPROX_AFTER.match(s[m.end() :]):
                    continue
                if not guards_pass(guards, s, m):
                    continue
                if c.topic and topic_before(self.patterns.topics, s, m.start("n")) != c.topic:
                    continue
                assert isinstance(c, CountClaim)
                raw.append(Mention(c, value, m.start(), m.end(), m.span("n")))
        kept = [x for x in raw if self._under_ok(x, raw, s)]
        # one number, two subjects with different cells → ambiguous
        by_span: dict[tuple[int, int], set[str]] = {}
        for x in kept:
            by_span.setdefault(x.num, set()).add(x.claim.cells or "")
        kept = [x for x in kept if len(by_span[x.num]) == 1]
        # one subject stated twice with different values → ambiguous
        values: dict[str, set[Decimal]] = {}
        for x in kept:
            values.setdefault(x.claim.name, set()).add(x.value)
        seen: set[tuple[int, int]] = set()
        out = []
        for x in sorted(kept, key=lambda x: x.start):
            if len(values[x.claim.name]) == 1 and x.num not in seen:
                seen.add(x.num)
                out.append(x)
        return out

    def _under_ok(self, x: Mention, raw: list[Mention], s: str) -> bool:
        qi = s.rfind("其中", 0, x.start)
        if qi < 0 or not x.claim.under:
            return True
        heads = list(COUNT_MENTION.finditer(blank_asides(s[:qi])))
        if not heads:
            return False
        head = heads[-1]
        if not any(r.claim.name in x.claim.under and head.start() <= r.num[0] < head.end() for r in raw):
            return False
        # a figure after 其中 that no subject of this rule claims (其中自然人申请10件) starts another
        # breakdown: what follows may be a share of it, not of the head
        known = {r.num for r in raw}
        between = COUNT_MENTION.finditer(s, qi, x.num[0])
        return all(any(k[0] >= m.start() and k[1] <= m.end() for k in known) for m in between)

    # table access ---------------------------------------------------------------------------

    def _label(self, ctx: RunContext, rid: str, table: str, expr: str, given: str | None) -> str:
        if given:
            return given
        tdef = ctx.tdef(rid, table)
        terms = cells.terms(ctx, rid, table, expr)
        if table != "requests":
            return "+".join(tdef.columns[col].display for _, _, col in terms)
        lin = parse(expr)
        if len(lin.terms) == 1 and lin.terms[0].glob and len(terms) > 1:
            group = tdef.rows[terms[0][1]].group
            g = next((x for x in tdef.groups if x.key == group), None)
            if g is not None:
                return f"{g.short or ''}{g.label}合计"
        return "+".join(cells.row_label(tdef, row) for _, row, _ in terms)

    # count ----------------------------------------------------------------------------------

    def _counts(self, ctx: RunContext, report: Report, para, s: str, memo: dict[str, list[Mention]]) -> Iterator[Hit]:
        rid = report.report_id
        for x in self._mentions_of(s, memo):
            c = x.claim
            assert c.cells is not None
            ops = cells.read(ctx, report, c.table, c.cells)
            if not cells.complete(ops):
                continue  # table missing or an operand without a value: not this rule's failure
            assert ops is not None
            total = cells.total(ops)
            if total == x.value:
                continue
            tdef = ctx.tdef(rid, c.table)
            label = self._label(ctx, rid, c.table, c.cells, c.label)
            row_label = partial(cells.row_label, tdef)
            source, source_en = cells.source(ctx, rid, ops, row_label)
            lo, hi = clause_bounds(s, x.start, x.end)
            single = ops[0] if len(ops) == 1 else None
            yield Hit(
                report_id=rid,
                section=para.section,
                table=c.table,
                row=single.row if single else ("cases" if c.table == "appeals" else None),
                column=single.col if single else ("total" if c.table == "requests" else None),
                raw=s.strip(),
                line=para.line,
                expected=fmt(total),
                found=fmt(x.value),
                arithmetic=cells.arithmetic(ctx, rid, label, ops, x.value, row_label),
                cells=cells.refs(ctx, rid, c.table, ops),
                params={
                    "subject": c.subject,
                    "subject_en": c.subject_en,
                    "label": label,
                    "source": source,
                    "source_en": source_en,
                    "clause": s[lo:hi].strip(),
                    "table_title": tdef.title.split(" ")[0],
                },
            )


def _split(ctx: RunContext, report: Report, ambiguous: re.Pattern) -> list[tuple[Paragraph, list[tuple[str, bool]]]]:
    """Each paragraph's sentences (digits made half-width) with whether the precision guard skips
    them, computed once per report and `ambiguous` pattern in a run: the four narrative rules read
    the same sentences, and the split was most of their cost."""

    def compute() -> list[tuple[Paragraph, list[tuple[str, bool]]]]:
        out = []
        for para in report.paragraphs:
            text = para.text.translate(HALF_WIDTH_DIGITS)
            out.append((para, [(s, skip_sentence(s, report.year, ambiguous)) for _, s in sentences(text)]))
        return out

    key = ("narrative-sentences", report.report_id, report.year, ambiguous.pattern, ambiguous.flags)
    return ctx.memo(key, compute)
