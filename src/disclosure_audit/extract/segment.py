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
    placeholder words) are one cell each, except a run of one blank mark, which may be one per cell."""
    if n < 1 or not tokens:
        return Result([])
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
    cells: list[str | None] = [None] * n
    values: list[Decimal | None] = [None] * n
    sums: dict[int, Decimal] = {}  # total position -> sum of its parts placed so far
    out: list[list[str]] = []
    steps = 0
    exhausted = False

    def holds(pos: int) -> bool:
        for c in by_first.get(pos, ()):
            vals = [values[p] for p, _ in c.coefs]
            if any(v is None for v in vals):
                continue  # a "/" or "-" operand: this identity says nothing
            if sum((k * v for (_, k), v in zip(c.coefs, vals, strict=True)), c.const) != 0:  # type: ignore[misc]
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
        for start in reversed([s for s in starts if s < end]):
            if start < pos:
                break
            if any(h for h in hard if start < h < end):
                break  # a cell never spans two tokens: further left only gets worse
            steps += 1
            if steps > MAX_STEPS:
                exhausted = True
                return
            part = text[start:end]
            if not _well_formed(part, start == 0 or start in hard or not text[start - 1].isdigit()):
                continue
            v = _value(part)
            t = bounds.get(pos)
            if t is not None and v is not None and values[t] is not None:
                total = values[t]
                if v > total or sums.get(t, Decimal(0)) + v > total:
                    continue  # a part larger than its total, or parts already over it
            cells[pos], values[pos] = part, v
            if t is not None and v is not None:
                sums[t] = sums.get(t, Decimal(0)) + v
            if holds(pos):
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
