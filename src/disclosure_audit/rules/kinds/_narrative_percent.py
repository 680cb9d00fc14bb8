"""Narrative `check: percent`: “N件，占X%” recomputed from its stated numerator and the stated total,
within the rounding the text uses (rounded half up or cut to its decimals), decided exactly. The total
is the one the sentence states; when the percentage names its base (占答复总数的, 占受理总数, 占申请总量)
it is the one total of that base stated in the sentence or earlier in the paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Paragraph, Report
from ..params.narrative import Patterns
from . import _exact
from . import _narrative_cells as cells
from ._common import fmt
from ._narrative_text import APPROX_AFTER, clause_bounds, coordinated, parse_number, parse_percent


@dataclass(frozen=True)
class Stated:
    """A total stated in the text (a percentage's possible base)."""

    base: str | None
    value: Decimal | None  # None: stated in a sentence that is not judged (another scope or year)
    span: tuple[int, int] | None  # number span in the current sentence; None for earlier sentences


def _table_bases(ctx: RunContext, report: Report) -> list[Decimal]:
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


def stated(pat: Patterns, s: str) -> list[Stated]:
    """The totals a sentence states (a percentage's possible bases)."""
    out = []
    for rx, base in pat.denominators:
        for m in rx.finditer(s):
            v = parse_number(m["n"])
            if v is not None and not APPROX_AFTER.match(s[m.end() :]) and not coordinated(s, m.start()):
                out.append(Stated(base, v, m.span("n")))
    return out


def _named_base(pat: Patterns, rx: re.Pattern, m: re.Match) -> str | None:
    if "b" not in rx.groupindex or not m["b"]:
        return None
    return next((name for name, brx in pat.bases.items() if brx.search(m["b"])), None)


def percents(
    pat: Patterns, ctx: RunContext, report: Report, para: Paragraph, s: str, here: list[Stated], earlier: list[Stated]
) -> Iterator[Hit]:
    """“N件，占X%” recomputed from its numerator and the total it is a share of."""
    seen: set[tuple[int, int]] = set()
    for rx in pat.percents:
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
            elif (named := _named_base(pat, rx, m)) is not None:
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
            # the text's base may be another total it does not state (or names loosely): only a
            # percentage that fits none of them is wrong
            bases = [den, *also, *_table_bases(ctx, report)]
            if any(_rounds_to(num, b, stated, places) for b in bases if b):
                continue
            yield _percent_hit(report, para, s, m, num, den, stated, places)


def _percent_hit(report: Report, para: Paragraph, s, m, num, den, stated, places) -> Hit:
    shown_stated = f"{fmt(stated) if places == 0 else format(stated, 'f')}%"
    should = f"{format(_exact.percent(num, den, places), 'f')}%"
    two = f"{format(_exact.percent(num, den, 2), 'f')}%"
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


def _rounds_to(num: Decimal, den: Decimal, stated: Decimal, places: int) -> bool:
    """The stated figure is num ÷ den × 100 rounded half up or cut to the decimals the text prints."""
    return stated in (_exact.percent(num, den, places), _exact.percent(num, den, places, cut=True))
