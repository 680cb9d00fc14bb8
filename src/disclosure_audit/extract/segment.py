"""Digit runs whose separators were lost, split back into cells by the table's own arithmetic.

A crawler that saves a page's textContent glues a row's cells together: `21710000218` for seven
cells of 表三. Which split is right cannot be read from the text; it can be decided by the
identities the format builds into the table (the six applicant columns sum to 总计; each 表四 group's
four results sum to its 总计). We enumerate every split into the row's number of cells that is
well formed (no leading zeros) and satisfies every identity whose operands are all numbers. Exactly
one → that is the reading (and the reader notes it was "segmented by arithmetic"); several → the
cells are ambiguous, with the candidates listed; none → the row cannot be read. Never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MAX_STEPS = 200_000
MAX_CANDIDATES = 12

_PARTS = re.compile(r"^(?P<sign>[+\-＋－−]?)(?P<digits>\d+)(?P<frac>\.\d+)?(?P<unit>\D*)$")


@dataclass(frozen=True)
class Constraint:
    """Σ coef·cell + const = 0 over cell positions of one row."""

    coefs: tuple[tuple[int, int], ...]  # (position, coefficient)
    const: Decimal = Decimal(0)

    @property
    def last(self) -> int:
        return max(p for p, _ in self.coefs)


@dataclass
class Result:
    candidates: list[list[str]]  # each: the row's cells as printed strings
    exhausted: bool = False  # enumeration stopped early: too many splits to decide


def _value(s: str) -> Decimal | None:
    m = _PARTS.match(s)
    if not m:
        return None
    v = Decimal(m["digits"] + (m["frac"] or ""))
    return -v if m["sign"] in ("-", "－", "−") else v


def _splittable(tok: str) -> re.Match | None:
    return _PARTS.match(tok)


def segmentations(tokens: list[str], kinds: list[str], n: int, constraints: list[Constraint]) -> Result:
    """All ways to read `tokens` as exactly `n` cells. A "num" token may be split between digits
    (sign stays with the first part, decimals and unit with the last); other tokens ("/", "-",
    placeholder words) are one cell each."""
    by_last: dict[int, list[Constraint]] = {}
    for c in constraints:
        by_last.setdefault(c.last, []).append(c)
    cells: list[str] = []
    values: list[Decimal | None] = []
    out: list[list[str]] = []
    steps = 0
    exhausted = False

    def holds(pos: int) -> bool:
        for c in by_last.get(pos, ()):
            vals = [values[p] for p, _ in c.coefs]
            if any(v is None for v in vals):
                continue  # a "/" or "-" operand: this identity says nothing
            total = sum((coef * v for (_, coef), v in zip(c.coefs, vals, strict=True)), c.const)  # type: ignore[misc]
            if total != 0:
                return False
        return True

    def place(s: str) -> bool:
        cells.append(s)
        values.append(_value(s))
        if holds(len(cells) - 1):
            return True
        cells.pop()
        values.pop()
        return False

    def rec(ti: int) -> None:
        nonlocal steps, exhausted
        if exhausted or len(out) > MAX_CANDIDATES:
            return
        steps += 1
        if steps > MAX_STEPS:
            exhausted = True
            return
        if ti == len(tokens):
            if len(cells) == n:
                out.append(list(cells))
            return
        left_tokens = len(tokens) - ti - 1
        room = n - len(cells) - left_tokens  # cells this token may become
        if room < 1:
            return
        tok = tokens[ti]
        if kinds[ti] in ("dash", "slash") and len(tok) > 1 and len(set(tok)) == 1:
            # a glued run of blank marks ("---"): one mark per cell, or the whole run as one
            options = sorted({1, len(tok)} if room >= len(tok) else {1})
            for k in options:
                parts = [tok] if k == 1 else [tok[0]] * k
                placed = 0
                for part in parts:
                    place(part)
                    placed += 1
                rec(ti + 1)
                for _ in range(placed):
                    cells.pop()
                    values.pop()
            return
        m = _splittable(tok) if kinds[ti] == "num" else None
        if m is None or room == 1:
            if place(tok):
                rec(ti + 1)
                cells.pop()
                values.pop()
            return
        digits = m["digits"]
        for k in range(1, min(room, len(digits)) + 1):
            for parts in _splits(digits, k):
                parts = list(parts)
                parts[0] = m["sign"] + parts[0]
                parts[-1] = parts[-1] + (m["frac"] or "") + m["unit"]
                placed = 0
                ok = True
                for part in parts:
                    if not place(part):
                        ok = False
                        break
                    placed += 1
                if ok:
                    rec(ti + 1)
                for _ in range(placed):
                    cells.pop()
                    values.pop()
                if exhausted:
                    return

    rec(0)
    unique: list[list[str]] = []
    for c in out:
        if c not in unique:
            unique.append(c)
    return Result(unique, exhausted)


def _splits(digits: str, k: int):
    """`digits` cut into k well-formed parts (no leading zero unless the part is "0")."""
    if k == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield (digits,)
        return
    first_max = len(digits) - (k - 1)
    for i in range(1, first_max + 1):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _splits(digits[i:], k - 1):
            yield (head, *rest)
