"""Figures stated in the narrative sections checked against the tables that hold them (X-TXT).

A report restates its own table figures in prose: “全年新收政府信息公开申请12件，办结10件”,
“被申请行政复议2件，均获维持”, “予以公开8件，占66.7%”. Each rule of this kind carries a small
pattern table in its YAML `params`: a regex per subject phrase (with `{N}` where the number stands)
and the table cells it restates, as an expression in the identity language (`new + carried_over`,
`sum(denied.*)`, `suit_direct.total + suit_after_review.total`). Table 三 figures are read from its
总计 column (the expression is over rows); table 四 figures from its one data row (over columns).
When a 总计 cell has no value but the row's six applicant cells all do, their sum stands in for it
and the finding says so (`_narrative_cells`).

Three checks:

* `count`   — “subject N件” against the cells' sum;
* `outcome` — a phrase that says a set of cells is zero (“未收到申请”, “均获维持”, “全部办结”)
  while the table has a non-zero value there;
* `percent` — “N件，占X%” recomputed from its stated numerator and the stated total, within the
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
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cached_property, partial
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...core.context import RunContext
from ...core.finding import Hit
from ...expr import ExprError, parse
from ...model import Report
from ..registry import KindParams, ParamError, RuleKind, register
from . import _narrative_cells as cells
from ._common import TableKey, fmt
from ._narrative_text import (
    APPROX_AFTER,
    COUNT_MENTION,
    NUMBER,
    PERCENT,
    WIDE,
    blank_asides,
    blank_spans,
    clause_bounds,
    coordinated,
    parse_number,
    parse_percent,
    qualifier_start,
    sentences,
    skip_sentence,
)

# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------

# A sentence with any of these compares with another period or scope, or pairs numbers with
# subjects (分别): its figures may not be this report's own, so nothing in it is checked.
DEFAULT_AMBIGUOUS = (
    r"同比|环比|较上年|比上年|较去年|比去年|去年|前年|往年|上年同期|与上年相比|增长|下降|增加|减少|持平|"
    r"累计|截至|截止|以来|历年|近[一二三四五两几]年|分别|"
    r"全市|全县|全区|全省|全州|全旗|全盟|全国|全系统|系统内|各县|各区|各市|各乡|各镇|各街道|各部门|各单位|"
    r"市直|县直|区直|本级|下属|所属|"
    r"上一?年度?(?!度|结转)"
)
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_BUILTIN = {"N": rf"(?P<n>{NUMBER})", "D": rf"(?P<d>{NUMBER})", "P": rf"(?P<p>{PERCENT})"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(_Strict):
    """One row of the pattern table: a subject phrase and the cells it restates."""

    name: str
    subject: str  # shown in the message (zh)
    subject_en: str
    pattern: str  # regex; {N} the number (count), macros {NAME} from params.macros
    table: TableKey = "requests"
    cells: str | None = None  # expression: rows of 表三 (总计 column) or columns of 表四
    by_topic: dict[str, str] = Field(default_factory=dict)  # outcome: topic → expression
    topic: str | None = None  # count: the last topic named before the number must be this one
    requires: str | None = None  # regex the sentence must contain before or in the match
    reject_before: str | None = None  # regex the sentence must not contain before the match
    reject: str | None = None  # regex the clause holding the match (with its qualifiers) must not contain
    reject_exempt: str | None = None  # regex: spans of that clause `reject` does not read
    under: tuple[str, ...] = ()  # after 其中: the head figure must be one of these claims
    label: str | None = None  # how the cells are named in messages (default: from the template)


class Denominator(_Strict):
    """A total a sentence may state (`{N}`), and which base it is when a percentage names one."""

    pattern: str
    base: str | None = None


class NarrativeParams(KindParams):
    check: Literal["count", "outcome", "percent"]
    macros: dict[str, str] = Field(default_factory=dict)
    topics: dict[str, str] = Field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    # percent: patterns with {N} numerator, {P} percent, optional {D} stated base, and optional
    # group (?P<b>…) around the words that name the base (占答复总数的)
    percents: tuple[str, ...] = ()
    denominators: tuple[str | Denominator, ...] = ()  # percent: the totals a sentence may state
    # percent: base name → regex over the words of group b; the first that matches names the base
    bases: dict[str, str] = Field(default_factory=dict)
    ambiguous: str = DEFAULT_AMBIGUOUS


@dataclass(frozen=True)
class Mention:
    claim: Claim
    value: Decimal
    start: int  # match span in the sentence
    end: int
    num: tuple[int, int]  # number span


@dataclass(frozen=True)
class Stated:
    """A total stated in the text (a percentage's possible base)."""

    base: str | None
    value: Decimal | None  # None: stated in a sentence that is not judged (another scope or year)
    span: tuple[int, int] | None  # number span in the current sentence; None for earlier sentences


# ---------------------------------------------------------------------------------------------
# The kind
# ---------------------------------------------------------------------------------------------


@register("narrative")
class Narrative(RuleKind):
    Params = NarrativeParams
    doc = "figures and outcome words in the narrative against the table cells they restate"
    params: NarrativeParams

    # -- compilation and validation ---------------------------------------------------------

    def _expand(self, pattern: str, where: str) -> str:
        """Replace {NAME} by params.macros (which may use each other), then {N} {D} {P}."""
        macros = self.params.macros

        def user(m: re.Match) -> str:
            if m[1] in _BUILTIN:
                return m[0]
            if m[1] not in macros:
                raise ParamError(where, f"unknown macro {{{m[1]}}} in '{pattern}'")
            return macros[m[1]]

        out = pattern
        for _ in range(4):
            out = _MACRO.sub(user, out)
        return _MACRO.sub(lambda m: _BUILTIN.get(m[1], m[0]), out)

    def _compile(self, pattern: str, where: str, need: tuple[str, ...] = ()) -> re.Pattern:
        expanded = self._expand(pattern, where)
        try:
            rx = re.compile(expanded)
        except re.error as exc:
            raise ParamError(where, f"bad pattern '{pattern}': {exc}") from exc
        for g in need:
            if g not in rx.groupindex:
                raise ParamError(where, f"pattern '{pattern}' needs {{{g.upper()}}}")
        return rx

    @cached_property
    def _ambiguous(self) -> re.Pattern:
        return self._compile(self.params.ambiguous, "ambiguous")

    @cached_property
    def _topics(self) -> dict[str, re.Pattern]:
        return {k: self._compile(v, "topics") for k, v in self.params.topics.items()}

    @cached_property
    def _claims(self) -> list[tuple[Claim, re.Pattern, dict[str, re.Pattern | None]]]:
        need = ("n",) if self.params.check == "count" else ()
        out = []
        for i, c in enumerate(self.params.claims):
            rx = self._compile(c.pattern, f"claims.{i}.pattern", need)
            guards = {
                k: (self._compile(getattr(c, k), f"claims.{i}.{k}") if getattr(c, k) else None)
                for k in ("requires", "reject_before", "reject", "reject_exempt")
            }
            out.append((c, rx, guards))
        return out

    @cached_property
    def _percents(self) -> list[re.Pattern]:
        return [self._compile(p, f"percents.{i}", ("n", "p")) for i, p in enumerate(self.params.percents)]

    @cached_property
    def _denominators(self) -> list[tuple[re.Pattern, str | None]]:
        out = []
        for i, d in enumerate(self.params.denominators):
            pattern, base = (d, None) if isinstance(d, str) else (d.pattern, d.base)
            out.append((self._compile(pattern, f"denominators.{i}", ("n",)), base))
        return out

    @cached_property
    def _bases(self) -> dict[str, re.Pattern]:
        return {k: self._compile(v, f"bases.{k}") for k, v in self.params.bases.items()}

    def check_params(self, templates, rules_dir) -> None:
        p = self.params
        for compiled in ("_ambiguous", "_topics", "_claims", "_percents", "_denominators", "_bases"):
            getattr(self, compiled)  # compile every pattern now: a bad one is a load error
        if p.check == "percent":
            if not p.percents or not p.denominators:
                raise ParamError("percents", "check 'percent' needs 'percents' and 'denominators'")
            for i, d in enumerate(p.denominators):
                if isinstance(d, Denominator) and d.base is not None and d.base not in p.bases:
                    raise ParamError(f"denominators.{i}.base", f"unknown base '{d.base}'")
            for i, rx in enumerate(self._percents):
                if "b" in rx.groupindex and not p.bases:
                    raise ParamError(f"percents.{i}", "a pattern with group 'b' needs 'bases'")
            return
        if not p.claims:
            raise ParamError("claims", f"check '{p.check}' needs at least one claim")
        names = [c.name for c in p.claims]
        for i, c in enumerate(p.claims):
            if names.count(c.name) > 1:
                raise ParamError(f"claims.{i}.name", f"duplicate claim name '{c.name}'")
            for u in c.under:
                if u not in names:
                    raise ParamError(f"claims.{i}.under", f"'{u}' is not a claim of this rule")
            topics = [c.topic] if c.topic else []
            topics += list(c.by_topic)
            for t in topics:
                if t not in p.topics:
                    raise ParamError(f"claims.{i}", f"unknown topic '{t}'")
            exprs = list(c.by_topic.values()) + ([c.cells] if c.cells else [])
            if not exprs or (c.cells and c.by_topic):
                raise ParamError(f"claims.{i}", "give exactly one of 'cells' or 'by_topic'")
            if c.by_topic and p.check != "outcome":
                raise ParamError(f"claims.{i}.by_topic", "'by_topic' is for check 'outcome'")
            for v in self.spec.applies_to.templates:
                tdef = templates.versions[v].tables[c.table]
                keys = list(tdef.rows) if c.table == "requests" else list(tdef.columns)
                for e in exprs:
                    try:
                        parse(e).expand(keys)
                    except ExprError as exc:
                        raise ParamError(f"claims.{i}", f"format {v}: '{e}': {exc}") from exc

    # -- evaluation -------------------------------------------------------------------------

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            report = ctx.reports[rid]
            for para in report.paragraphs:
                text = para.text.translate(WIDE)
                earlier: list[Stated] = []  # percent: totals stated in the paragraph's earlier sentences
                for _, s in sentences(text):
                    skip = skip_sentence(s, report.year, self._ambiguous)
                    if self.params.check == "count":
                        if not skip:
                            yield from self._counts(ctx, report, para, s)
                    elif self.params.check == "outcome":
                        if not skip:
                            yield from self._outcomes(ctx, report, para, s)
                    else:
                        here = self._stated(s)
                        if not skip:
                            yield from self._percent(ctx, report, para, s, here, earlier)
                        earlier += [Stated(x.base, None if skip else x.value, None) for x in here]

    def _topic_before(self, s: str, pos: int) -> str | None:
        best, best_end = None, -1
        for name, rx in self._topics.items():
            for m in rx.finditer(s, 0, pos):
                if m.end() > best_end:
                    best, best_end = name, m.end()
        return best

    def _guards_pass(self, c: Claim, guards: dict, s: str, m: re.Match) -> bool:
        before = s[: m.start()]
        if guards["requires"] is not None and not guards["requires"].search(s[: m.end()]):
            return False
        if guards["reject_before"] is not None and guards["reject_before"].search(before):
            return False
        if guards["reject"] is not None:
            lo, hi = clause_bounds(s, m.start(), m.end())
            clause = blank_spans(s[qualifier_start(s, lo) : hi], guards["reject_exempt"])
            if guards["reject"].search(clause):
                return False
        return not coordinated(s, m.start())

    def _mentions(self, s: str) -> list[Mention]:
        raw: list[Mention] = []
        for c, rx, guards in self._claims:
            for m in rx.finditer(s):
                value = parse_number(m["n"])
                if value is None or value != value.to_integral_value():
                    continue
                if APPROX_AFTER.match(s[m.end() :]):
                    continue
                if not self._guards_pass(c, guards, s, m):
                    continue
                if c.topic and self._topic_before(s, m.start("n")) != c.topic:
                    continue
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
        return "+".join(_row_label(tdef, row) for _, row, _ in terms)

    # count ----------------------------------------------------------------------------------

    def _counts(self, ctx: RunContext, report: Report, para, s: str) -> Iterator[Hit]:
        rid = report.report_id
        for x in self._mentions(s):
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
            row_label = partial(_row_label, tdef)
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

    # outcome --------------------------------------------------------------------------------

    def _outcomes(self, ctx: RunContext, report: Report, para, s: str) -> Iterator[Hit]:
        done: set[str] = set()
        for c, rx, guards in self._claims:
            if c.name in done:
                continue
            for m in rx.finditer(s):
                if not self._guards_pass(c, guards, s, m):
                    continue
                if c.cells:
                    exprs = [c.cells]
                else:
                    inside = [t for t, trx in self._topics.items() if trx.search(m[0])]
                    before = [t for t, trx in self._topics.items() if trx.search(s, 0, m.start())]
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
                yield self._outcome_hit(ctx, report, para, s, m, c, nonzero)
                break

    def _outcome_hit(self, ctx, report: Report, para, s: str, m: re.Match, c: Claim, nonzero) -> Hit:
        rid = report.report_id
        tdef = ctx.tdef(rid, c.table)
        parts, parts_en, labels, vals = [], [], [], []
        for op in nonzero:
            v = fmt(op.value)
            if c.table == "requests":
                lab = _row_label(tdef, op.row)
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
        total = sum((op.value for op in nonzero), Decimal(0))
        phrase = m[0]
        if len(nonzero) > 1:
            arithmetic = f"{'+'.join(labels)} = {'+'.join(vals)} = {fmt(total)}; 正文“{phrase}” → 0"
        else:
            arithmetic = f"{labels[0]} = {vals[0]}; 正文“{phrase}” → 0"
        subs = [op for op in nonzero if op.substituted]
        if subs:
            notes = "；".join(cells.note(ctx, rid, op, _row_label(tdef, op.row)) for op in subs)
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

    # percent --------------------------------------------------------------------------------

    def _table_bases(self, ctx: RunContext, report: Report) -> list[Decimal]:
        """Totals a percentage may silently be taken of: 表三 一, 一+二 and （七） (总计 column)."""
        out = []
        for expr in ("new", "new + carried_over", "total"):
            ops = cells.read(ctx, report, "requests", expr)
            if cells.complete(ops):
                assert ops is not None
                v = cells.total(ops)
                if v > 0:
                    out.append(v)
        return out

    def _stated(self, s: str) -> list[Stated]:
        out = []
        for rx, base in self._denominators:
            for m in rx.finditer(s):
                v = parse_number(m["n"])
                if v is not None and not APPROX_AFTER.match(s[m.end() :]) and not coordinated(s, m.start()):
                    out.append(Stated(base, v, m.span("n")))
        return out

    def _named_base(self, rx: re.Pattern, m: re.Match) -> str | None:
        if "b" not in rx.groupindex or not m["b"]:
            return None
        return next((name for name, brx in self._bases.items() if brx.search(m["b"])), None)

    def _percent(
        self, ctx: RunContext, report: Report, para, s: str, here: list[Stated], earlier: list[Stated]
    ) -> Iterator[Hit]:
        seen: set[tuple[int, int]] = set()
        for rx in self._percents:
            for m in rx.finditer(s):
                if m.span("p") in seen:
                    continue
                num = parse_number(m["n"])
                pct = parse_percent(m["p"])
                if num is None or pct is None or APPROX_AFTER.match(s[m.end() :]):
                    continue
                before = [x for x in here if x.span and x.span[1] <= m.start("n") and x.span != m.span("n")]
                also: list[Decimal] = []  # other stated totals that explain the percentage as well
                if "d" in rx.groupindex and m["d"] is not None:
                    den = parse_number(m["d"])
                elif (named := self._named_base(rx, m)) is not None:
                    # the percentage names its base: the one total of that base stated in this
                    # sentence, else earlier in the paragraph; two values, or one stated in a
                    # sentence that is not judged, leave it open
                    same = [x for x in before if x.base == named] or [x for x in earlier if x.base == named]
                    values = {x.value for x in same}
                    den = values.pop() if len(values) == 1 and None not in values else None
                    also = [x.value for x in (*before, *earlier) if x.value is not None]
                else:
                    values = {x.value for x in before}
                    den = values.pop() if len(values) == 1 else None
                if den is None or den == 0:
                    continue
                seen.add(m.span("p"))
                stated, places = pct
                computed = num / den * 100
                # the text's base may be another total it does not state (or names loosely): only a
                # percentage that fits none of them is wrong
                bases = [den, *also, *self._table_bases(ctx, report)]
                if any(_rounds_to(num / b * 100, stated, places) for b in bases if b):
                    continue
                yield self._percent_hit(report, para, s, m, num, den, stated, places, computed)

    def _percent_hit(self, report: Report, para, s, m, num, den, stated, places, computed) -> Hit:
        q = Decimal(1).scaleb(-places)
        shown_stated = f"{fmt(stated) if places == 0 else format(stated, 'f')}%"
        should = f"{format(computed.quantize(q, ROUND_HALF_UP), 'f')}%"
        two = f"{format(computed.quantize(Decimal('0.01'), ROUND_HALF_UP), 'f')}%"
        lo, hi = clause_bounds(s, m.start(), m.end())
        return Hit(
            report_id=report.report_id,
            section=para.section,
            raw=s.strip(),
            line=para.line,
            expected=should,
            found=shown_stated,
            arithmetic=f"{fmt(num)} ÷ {fmt(den)} × 100% = {two}; 正文 {shown_stated}",
            params={
                "numerator": fmt(num),
                "denominator": fmt(den),
                "stated": shown_stated,
                "computed": should,
                "clause": s[lo:hi].strip(),
            },
        )


def _rounds_to(value: Decimal, stated: Decimal, places: int) -> bool:
    """The stated figure is the value rounded half up or cut to the decimals the text prints."""
    q = Decimal(1).scaleb(-places)
    return stated in (value.quantize(q, ROUND_HALF_UP), value.quantize(q, ROUND_DOWN))


def _row_label(tdef, key: str) -> str:
    r = tdef.rows[key]
    short = r.short or ""
    if short in ("一", "二", "三", "四"):
        return f"{short}、{r.label}"
    if short[-1:].isdigit():
        return f"{short}.{r.label}"
    return f"{short}{r.label}"


__all__ = ["Narrative", "parse_number", "parse_percent", "sentences"]
