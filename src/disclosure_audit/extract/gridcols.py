"""A table row read by the grid positions its reader resolved (HTML, DOCX), not by counting its cells.

A row one cell short — a value merged down over two rows, or across two columns — cannot be read by
counting: six cells for seven columns say nothing about which column lacks its own. Where every cell
carries its grid column and spans (`tokens.GridSpan`), the header says which grid columns each of the
format's columns occupies: the header cell that prints the column's label (申请人情况 → 自然人 |
法人或其他组织 → 商业企业 … 其他 | 总计), under its group's cell where the format groups columns (表四's
行政复议 / 未经复议直接起诉 / 复议后起诉 over 结果维持 … 总计). Each column then reads the one cell that covers
it on the row: the row's own; one merged down from a row above, read as that cell's value (the way a
person reads the printed table); or one merged across several of the format's columns, its value in
each.

Only a certain mapping is used: each column's header printed exactly once among the header rows above
its block (within its group's cell), the columns' grid ranges disjoint and in the format's order, each
column covered by exactly one cell that starts and ends on column boundaries and holds one value or
nothing, and no value elsewhere on the row. Anything else gives None and the row is left to the other
readings, so an uncertain grid never yields a number.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..templates import BlockDef, ColumnDef, TableDef
from .labelfind import label_form
from .tokens import Tok

Ranges = list[tuple[int, int]]  # per column of a block: first grid column, column after the last


@dataclass(frozen=True, slots=True)
class _Cell:
    row: int  # first physical row
    rows: int
    col: int
    cols: int
    toks: tuple[Tok, ...]
    form: str  # the cell's text as a label is matched

    @property
    def end(self) -> int:
        return self.col + self.cols

    def covers(self, row: int) -> bool:
        return self.row <= row < self.row + self.rows

    def value(self) -> Tok | None:
        """The cell's one value (an empty cell's `empty` token), None when it holds text or several."""
        if len(self.toks) == 1 and self.toks[0].kind != "text":
            return self.toks[0]
        return None

    def blank(self) -> bool:
        return all(t.kind == "empty" for t in self.toks)


class GridTable:
    """The grid cells among one table's tokens, per grid."""

    def __init__(self, tokens: list[Tok]) -> None:
        by_cell: dict[int, list[Tok]] = {}
        for t in tokens:
            if t.span is not None and t.cell is not None and t.row is not None:
                by_cell.setdefault(t.cell, []).append(t)
        self.grids: dict[int, list[_Cell]] = {}
        for toks in by_cell.values():
            first = toks[0]
            assert first.span is not None and first.row is not None
            span = first.span
            form = label_form("".join(t.text for t in toks))
            cell = _Cell(first.row, span.rows, span.col, span.cols, tuple(toks), form)
            self.grids.setdefault(span.grid, []).append(cell)
        self._ranges: dict[tuple[int, int, int, int | None], Ranges | None] = {}

    def __bool__(self) -> bool:
        return bool(self.grids)

    def read(self, tdef: TableDef, block: BlockDef, at: Tok, first: int, floor: int | None) -> list[Tok] | None:
        """The value of each of `block`'s columns on the row of `at` (a token of the row's label or of
        its first value), one token per column; `first` is the first row of the block's items in this
        grid and `floor` the first row its header may be in (None: any row above)."""
        if at.span is None or at.row is None or at.span.grid not in self.grids:
            return None
        cells = self.grids[at.span.grid]
        key = (at.span.grid, id(block), first, floor)
        if key not in self._ranges:
            self._ranges[key] = _columns(tdef, block, cells, first, floor)
        ranges = self._ranges[key]
        return _row(cells, at.row, ranges) if ranges else None


def _columns(tdef: TableDef, block: BlockDef, cells: list[_Cell], first: int, floor: int | None) -> Ranges | None:
    head = [c for c in cells if c.row + c.rows <= first and (floor is None or c.row >= floor)]
    groups = {g.key: label_form(g.label) for g in tdef.groups}
    out: Ranges = []
    for col in block.columns:
        within = head
        group = col.key.split(".")[0] if "." in col.key else None
        if group in groups:
            over = [c for c in head if c.form == groups[group]]
            if len(over) != 1:
                return None
            g = over[0]
            within = [c for c in head if c.row >= g.row + g.rows and g.col <= c.col and c.end <= g.end]
        found = [c for c in within if c.form in _forms(col)]
        if len(found) != 1:
            return None
        out.append((found[0].col, found[0].end))
    if any(a[1] > b[0] for a, b in itertools.pairwise(out)):
        return None  # overlapping or out of the format's order: no certain mapping
    return out


def _forms(col: ColumnDef) -> set[str]:
    return {f for f in (label_form(x) for x in (col.label, *col.variants)) if f}


def _row(cells: list[_Cell], row: int, ranges: Ranges) -> list[Tok] | None:
    out: list[Tok | None] = [None] * len(ranges)
    left = ranges[0][0]
    for c in cells:
        if not c.covers(row):
            continue
        hit = [j for j, (a, b) in enumerate(ranges) if c.col < b and a < c.end]
        if not hit:
            # the row's label (and its group's, merged down) stands left of the values; a value
            # anywhere else is one the header does not place
            if not (c.blank() or (c.end <= left and all(t.kind == "text" for t in c.toks))):
                return None
            continue
        lo, hi = hit[0], hit[-1]
        if c.col != ranges[lo][0] or c.end != ranges[hi][1]:
            return None  # the cell straddles a column boundary
        if any(ranges[j][1] != ranges[j + 1][0] for j in range(lo, hi)):
            return None  # it spans a grid column the format does not have
        value = c.value()
        if value is None:
            return None
        for j in hit:
            if out[j] is not None:
                return None
            out[j] = value
    if any(v is None for v in out):
        return None
    return [v for v in out if v is not None]
