"""What every reader produces: narrative lines and runs of table cells, in document order.

HTML, DOCX and PDF readers build them from real table grids; plain text has no Layout (the
extractor reads its lines directly, see extract/regions.py). `line` is the source line (HTML) or
block number (DOCX); `page` is set for PDF. A cell's `col` is the grid column it starts in, spans
resolved (a cell under a rowspan stands right of the covered columns), where the reader knows it (HTML,
DOCX); `colspan` and `rowspan` are how many grid columns and physical rows it covers from there, so the
table reader can tell which cells a row is short of and which merged cell stands in their place.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RawCell:
    text: str
    line: int
    row: int
    page: int | None = None
    col: int | None = None
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class TextLine:
    text: str
    line: int
    page: int | None = None


@dataclass(slots=True)
class Segment:
    """A run of table cells not interrupted by narrative text (one grid, or one pasted table)."""

    cells: list[RawCell] = field(default_factory=list)
    rows_known: bool = True


@dataclass(slots=True)
class Layout:
    name: str
    items: list[Segment | TextLine]

    @property
    def text_lines(self) -> list[TextLine]:
        return [i for i in self.items if isinstance(i, TextLine)]

    @property
    def segments(self) -> list[Segment]:
        return [i for i in self.items if isinstance(i, Segment)]
