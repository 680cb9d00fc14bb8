"""Reading an HTML table's grid: which tables hold data, and the column every cell stands in.

A table without nested tables whose cells are short is a data table; others are layout. In a data
table each cell takes, as in the HTML table model, the first column of its row that no cell above
still covers, and covers `colspan` columns and `rowspan` rows. Spans are bounded by the table itself:

* rowspan="0" runs to the end of the row's section (its thead, tbody or tfoot, or the table's own
  rows); no rowspan reaches past that section's last row;
* colspan="0", a missing or a bad value is 1; a colspan over 1000 is 1000 (HTML's own limit).

Coverage from the rows above is kept as column intervals, never as grid positions: a cell costs one
interval whatever its spans, and touching intervals that end on the same row are merged. A page of
`rowspan="0" colspan="200"` cells therefore costs about what a plain table of as many cells costs,
not the rows × columns its spans ask for.

A grid of more than MAX_GRID_POSITIONS (rows × columns) is no report table: such a table is
`oversized`, and the flattener reads its cells in row order without the columns its spans would give
them, with a note saying so (`notes.oversized_table`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from ...zhtext.chars import squash
from ..notes import MAX_GRID_POSITIONS
from .tree import skipped, tag, visible_text

LAYOUT_CELL_CHARS = 500
MAX_COLSPAN = 1000
_SECTIONS = ("thead", "tbody", "tfoot")


def is_data_table(table: etree._Element) -> bool:
    if any(True for _ in table.iterdescendants("table")):
        return False
    cells = list(table.iter("td", "th"))
    if len(cells) < 2:
        return False
    return all(len(squash(visible_text(c))) <= LAYOUT_CELL_CHARS for c in cells)


@dataclass(frozen=True, slots=True)
class Placed:
    row: int  # the row's index in the table
    col: int  # the column the cell starts in
    rowspan: int  # as bounded
    colspan: int


@dataclass
class Grid:
    cells: list[list[Placed]] = field(default_factory=list)  # per row, in document order
    width: int = 0  # 1 + the last column a cell starts in
    coverage: int = 0  # coverage intervals held, summed over the rows: the reader's work besides the cells

    @property
    def oversized(self) -> bool:
        return len(self.cells) * self.width > MAX_GRID_POSITIONS


def _number(value: str | None) -> int | None:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else None


def _section_ends(sections: Sequence[object]) -> list[int]:
    """For each row, the index one past the last row of its section (a run of rows sharing one)."""
    ends = [0] * len(sections)
    end = len(sections)
    for i in range(len(sections) - 1, -1, -1):
        if i + 1 < len(sections) and sections[i + 1] is not sections[i]:
            end = i + 1
        ends[i] = end
    return ends


def place(spans: Sequence[Sequence[tuple[str | None, str | None]]], sections: Sequence[object]) -> Grid:
    """Columns of the cells of a table: `spans` holds per row the (rowspan, colspan) attribute values
    of its cells, `sections` per row the section it belongs to (compared by identity)."""
    ends = _section_ends(sections)
    grid = Grid()
    above: list[tuple[int, int, int]] = []  # (first column, column after the last, row after the last)
    for r, row in enumerate(spans):
        above = [iv for iv in above if iv[2] > r]
        grid.coverage += len(above)
        placed: list[Placed] = []
        new: list[tuple[int, int, int]] = []
        c, i = 0, 0
        for rowspan, colspan in row:
            while i < len(above) and above[i][0] <= c:
                c = max(c, above[i][1])
                i += 1
            left = ends[r] - r
            rs = _number(rowspan)
            rs = 1 if rs is None else (left if rs == 0 else max(1, min(rs, left)))
            cs = _number(colspan)
            cs = 1 if not cs else min(cs, MAX_COLSPAN)
            placed.append(Placed(r, c, rs, cs))
            grid.width = max(grid.width, c + 1)
            if rs > 1:
                new.append((c, c + cs, r + rs))
            c += cs
        grid.cells.append(placed)
        above = _merge(sorted(above + new))
    return grid


def _merge(intervals: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Touching or overlapping intervals that end on the same row become one."""
    out: list[tuple[int, int, int]] = []
    for start, end, until in intervals:
        if out and out[-1][2] == until and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), until)
        else:
            out.append((start, end, until))
    return out


def table_grid(table: etree._Element) -> tuple[list[list[etree._Element]], Grid]:
    """A data table's rows (their cells, skipped ones left out) and where each cell stands."""
    rows = [tr for tr in table.iter("tr") if not skipped(tr)]
    cells = [
        [
            td
            for td in tr.iter("td", "th")
            if not skipped(td) and not any(skipped(a) for a in td.iterancestors() if a is not tr)
        ]
        for tr in rows
    ]
    sections = [_section_of(tr, table) for tr in rows]
    grid = place([[(td.get("rowspan"), td.get("colspan")) for td in row] for row in cells], sections)
    return cells, grid


def _section_of(tr: etree._Element, table: etree._Element) -> etree._Element:
    for a in tr.iterancestors():
        if a is table:
            return table
        if tag(a) in _SECTIONS:
            return a
    return table
