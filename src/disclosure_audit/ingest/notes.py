"""A reader's notes about how it read a file, in English and in Chinese.

Every note reaches the audit page as an extraction problem, and a Chinese page must not show
English: so a note is never a bare string, it carries both texts from where it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Note:
    """A reader's note. `code` `reader-note` says how the file was read (an encoding guessed, a body
    re-flowed); any other code names content the reader could not read (a page, list numbers): a
    reading problem in its own right, which the extractor turns into a Problem with this code, its
    Chinese text and its place, listed for review (EXT-READ) and never charged to the agency."""

    code: str  # reader-note, or a reading loss: page-unread, numbering-dropped, table-oversized
    message: str  # English
    zh: str
    line: int | None = None  # the line (DOCX: block number) it concerns
    page: int | None = None

    def __str__(self) -> str:
        return self.message


def reader_note(en: str, zh: str) -> Note:
    """A note on how the file was read, which is not a reading loss."""
    return Note(code="reader-note", message=en, zh=zh)


def joined(notes: Iterable[Note]) -> Note | None:
    """Several notes as one (the reasons a file is not machine-readable), or None when there are none."""
    notes = list(notes)
    if not notes:
        return None
    return reader_note("; ".join(n.message for n in notes), "；".join(n.zh for n in notes))


# A table grid (rows × columns) larger than this is no report table: the form's tables have a few
# dozen rows and columns. Its cell spans are not honoured (see `oversized_table`).
MAX_GRID_POSITIONS = 1_000_000


def oversized_table(rows: int, cols: int, line: int | None) -> Note:
    """The reading loss of a table whose cell spans ask for an absurd grid: its cells were read in
    row order without grid columns, so an absurd layout never places a value in a column."""
    return Note(
        code="table-oversized",
        message=(
            f"a table's merged cells ask for a grid of {rows} rows × {cols} columns (more than "
            f"{MAX_GRID_POSITIONS:,} positions): its cells were read in row order, without their columns"
        ),
        zh=(
            f"表格的合并单元格要求{rows}行×{cols}列的网格（超过{MAX_GRID_POSITIONS}个位置），"
            "已按行序读取其单元格，未按列定位"
        ),
        line=line,
    )
