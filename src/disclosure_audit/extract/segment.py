"""Digit runs whose separators were lost, split back into cells by the table's own arithmetic.

A crawler that saves a page's textContent glues a row's cells together: `21710000218` for seven
cells of 表三. Which split is right cannot be read from the text; it can be decided by the
identities the format builds into the table (the six applicant columns sum to 总计; each 表四 group's
four results sum to its 总计). We enumerate every split into the row's number of cells that is
well formed (no leading zeros) and satisfies every identity whose operands are all numbers. Exactly
one → that is the reading (and the reader notes it was "segmented by arithmetic"); several → the
cells are ambiguous, with the candidates listed; none → the row cannot be read. Never a guess.

The search runs from the right: a total is printed after its parts, so it is cut first, and then
no part can be longer than the total nor the parts add up to more than it. That keeps long runs of
large numbers cheap; a hard step limit still ends the search, and then the row is ambiguous.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

MAX_STEPS = 100_000
MAX_CANDIDATES = 12

_PARTS = re.compile(r"^(?P<sign>[+\-＋－−]?)(?P<digits>\d+)(?P<frac>\.\d+)?(?P<unit>\D*)$")
_NEGATIVE = ("-", "－", "−")


@dataclass(frozen=True)
class Constraint:
    """Σ coef·cell + const = 0 over cell positions of one row."""

    coefs: tuple[tuple[int, int], ...]  # (position, coefficient)
    const: Decimal = Decimal(0)

    @property
    def last(self) -> int:
        return max(p for p, _ in self.coefs)

    @property
    def first(self) -> int:
        return min(p for p, _ in self.coefs)

    def total_at(self) -> int | None:
        """The position of a total: a `total = Σ parts` identity (every part +1, the total -1 and
        printed last, no constant)."""
        neg = [p for p, c in self.coefs if c == -1]
        if self.const == 0 and len(neg) == 1 and neg[0] == self.last and all(c in (1, -1) for _, c in self.coefs):
            return neg[0] if sum(1 for _, c in self.coefs if c == -1) == 1 else None
        return None


@dataclass
class Result:
    candidates: list[list[str]]  # each: the row's cells as printed strings
    exhausted: bool = False  # enumeration stopped early: too many splits to decide


def _value(s: str) -> Decimal | None:
    m = _PARTS.match(s)
    if not m:
        return None
    v = Decimal(m["digits"] + (m["frac"] or ""))
    return -v if m["sign"] in _NEGATIVE else v


def _atoms(tokens: list[str], kinds: list[str]) -> tuple[str, set[int], set[int]]:
    """The row as one string with the positions where a cell may end (`cuts`) and must end
    (`hard`: token boundaries). A number may be cut between two of its integer digits only."""
    text = ""
    cuts: set[int] = set()
    hard: set[int] = set()
    for tok, kind in zip(tokens, kinds, strict=True):
        start = len(text)
        text += tok
        m = _PARTS.match(tok) if kind == "num" else None
        if m is not None:
            d0 = start + len(m["sign"])
            cuts.update(range(d0 + 1, d0 + len(m["digits"])))
        elif kind in ("dash", "slash") and len(set(tok)) == 1:
            cuts.update(range(start + 1, start + len(tok)))  # a run of blank marks: one per cell, or one
        hard.add(len(text))
    cuts |= hard
    return text, cuts, hard


def segmentations(tokens: list[str], kinds: list[str], n: int, constraints: list[Constraint]) -> Result:
    """All ways to read `tokens` as exactly `n` cells. A "num" token may be split between digits
    (sign stays with the first part, decimals and unit with the last); other tokens ("/", "-",
    placeholder words) are one cell each, except a run of one blank mark, which may be one per cell.

    The same row is split several times per report (with and without its identities, for one cell
    fewer, and again when the table is re-read with the other format version's rows), so results
    are kept (`_CACHE`); each caller gets its own lists."""
    if n < 1 or not tokens:
        return Result([])
    key = (tuple(tokens), tuple(kinds), n, tuple(constraints))
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        hit = _CACHE[key] = _segmentations(tokens, kinds, n, constraints)
    return Result([list(c) for c in hit.candidates], hit.exhausted)


_CACHE: dict[tuple, Result] = {}
_CACHE_MAX = 4096


def _segmentations(tokens: list[str], kinds: list[str], n: int, constraints: list[Constraint]) -> Result:
    """The search itself. Every step of it is counted against MAX_STEPS exactly as it always was
    (a row is `exhausted` after the same number of tried cuts); what is precomputed is only what
    each step used to recompute: the cut positions left of a cell's end, the token boundary a cell
    may not cross, each part's form and value, and each identity's operands."""
    text, cuts, hard = _atoms(tokens, kinds)
    starts = sorted({0} | {c for c in cuts if c < len(text)})
    by_first: dict[int, list[Constraint]] = {}
    bounds: dict[int, int] = {}  # part position -> the position of its total
    for c in constraints:
        by_first.setdefault(c.first, []).append(c)
        t = c.total_at()
        if t is not None:
            for p, _ in c.coefs:
                if p != t:
                    bounds[p] = t
    # Integers stand in for Decimals where that cannot change a comparison: no decimals, and every
    # part, sum and constant far inside Decimal's 28 significant digits
    exact_int = (
        len(text) <= 24
        and "." not in text
        and all(abs(k) <= 100 for c in constraints for _, k in c.coefs)
        and all(c.const == c.const.to_integral_value() and abs(c.const) < 10**20 for c in constraints)
    )
    checks: list[tuple[tuple[tuple[int, int], ...], Decimal | int], ...] = [
        tuple((c.coefs, int(c.const) if exact_int else c.const) for c in by_first.get(pos, ())) for pos in range(n)
    ]
    bound_of = [bounds.get(pos) for pos in range(n)]
    # for a cell ending at `end`: the cut positions before it, nearest first, and the last token
    # boundary before it (a cell starting left of that would span two tokens)
    left_of: dict[int, list[int]] = {}
    hard_before: dict[int, int] = {}
    hard_sorted = sorted(hard)
    for end in [*starts, len(text)]:
        left_of[end] = starts[: bisect.bisect_left(starts, end)][::-1]
        k = bisect.bisect_left(hard_sorted, end)
        hard_before[end] = hard_sorted[k - 1] if k else -1
    token_start = [i == 0 or i in hard or not text[i - 1].isdigit() for i in range(len(text) + 1)]
    parts: dict[tuple[int, int], tuple[bool, Decimal | None]] = {}
    cells: list[str | None] = [None] * n
    values: list[Decimal | int | None] = [None] * n
    sums: dict[int, Decimal | int] = {}  # total position -> sum of its parts placed so far
    out: list[list[str]] = []
    steps = 0
    exhausted = False

    def holds(pos: int) -> bool:
        for coefs, const in checks[pos]:
            acc = const
            for p, k in coefs:
                v = values[p]
                if v is None:
                    break  # a "/" or "-" operand: this identity says nothing
                acc = acc + k * v
            else:
                if acc != 0:
                    return False
        return True

    def rec(end: int, pos: int) -> None:
        """Place cell `pos` ending at `end` (cells are placed from the last one backwards)."""
        nonlocal steps, exhausted
        if exhausted or len(out) > MAX_CANDIDATES:
            return
        if pos < 0:
            if end == 0:
                out.append([c or "" for c in cells])
            return
        # each earlier cell needs at least one character
        floor = hard_before[end]
        t = bound_of[pos]
        for start in left_of[end]:
            if start < pos:
                break
            if start < floor:
                break  # a cell never spans two tokens: further left only gets worse
            steps += 1
            if steps > MAX_STEPS:
                exhausted = True
                return
            got = parts.get((start, end))
            if got is None:
                part = text[start:end]
                ok = _well_formed(part, token_start[start])
                val = _value(part) if ok else None
                got = parts[(start, end)] = (ok, int(val) if exact_int and val is not None else val)
            if not got[0]:
                continue
            v = got[1]
            if t is not None and v is not None and values[t] is not None:
                total = values[t]
                if v > total or sums.get(t, 0) + v > total:  # type: ignore[operator]
                    continue  # a part larger than its total, or parts already over it
            cells[pos], values[pos] = text[start:end], v
            if t is not None and v is not None:
                sums[t] = sums.get(t, 0) + v
            if not checks[pos] or holds(pos):
                rec(start, pos - 1)
            if t is not None and v is not None:
                sums[t] -= v
            cells[pos], values[pos] = None, None
            if exhausted:
                return

    rec(len(text), n - 1)
    unique: list[list[str]] = []
    for c in out:
        if c not in unique:
            unique.append(c)
    unique.reverse()  # the order the search found them in is right-to-left; list left-to-right
    unique.sort()
    return Result(unique, exhausted)


def _well_formed(part: str, at_token_start: bool) -> bool:
    """A cell as printed: a number without a leading zero (a lone 0 is fine), a sign only at the
    start of its token, or a blank mark / word."""
    m = _PARTS.match(part)
    if m is None:
        return not any(ch.isdigit() for ch in part)
    if m["sign"] and not at_token_start:
        return False
    digits = m["digits"]
    return len(digits) == 1 or digits[0] != "0"
