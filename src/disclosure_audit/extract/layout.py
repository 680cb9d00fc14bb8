"""Text lines → cells, for every layout people paste tables in.

Layouts seen in the wild (see README "Layouts"):
- `tabcell`: one cell per line, each cell line starts with a tab; a blank line ends a row; a cell
  may wrap onto following lines that have no tab (`本年新` / `制作数量`, vertical labels).
- `tsv`: one row per line, cells separated by tabs; a label may wrap onto the next row.
- `pipe`: one cell per line ending in ` |`; lines of only `|` are span markers; rows unknown.
- `markdown`: `| a | b |` rows with a `|---|` separator.
Full-width-space indentation is whitespace to us, so it rides on any of these.
"""

from __future__ import annotations

import re

from ..ingest.blocks import Layout, RawCell, Segment, TextLine
from ..zhtext.chars import squash
from ..zhtext.numerals import HEADING_START

__all__ = ["Layout", "RawCell", "Segment", "TextLine", "detect_layout", "read_layout"]

_MD_SEPARATOR = re.compile(r"^\|?[\s:|\-—]+\|?$")


def _is_pipe_line(s: str) -> bool:
    t = s.rstrip()
    return t.endswith("|") and not (t.startswith("|") and t.count("|") >= 3 and set(t) != {"|"})


def _is_markdown_line(s: str) -> bool:
    t = s.strip()
    return t.startswith("|") and t.count("|") >= 3 and set(t) != {"|"}


def detect_layout(lines: list[str]) -> str:
    counts = {"tabcell": 0, "tsv": 0, "pipe": 0, "markdown": 0}
    for s in lines:
        if "\t" in s:
            body = s.rstrip("\n")
            if body.startswith("\t") and body.count("\t") == 1:
                counts["tabcell"] += 1
            elif len([p for p in body.split("\t") if p.strip()]) >= 2:
                counts["tsv"] += 1
        elif _is_markdown_line(s):
            counts["markdown"] += 1
        elif _is_pipe_line(s):
            counts["pipe"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "text"


def continues_cell(s: str) -> bool:
    """A tab-less line right after a tabcell line is a wrapped cell unless it reads like a heading."""
    body = squash(s)
    return 0 < len(body) <= 30 and not HEADING_START.match(s) and "。" not in body


class _Builder:
    def __init__(self) -> None:
        self.items: list[Segment | TextLine] = []
        self.row = 0
        self.segment: Segment | None = None

    def cell(self, text: str, line: int, rows_known: bool = True) -> RawCell:
        if self.segment is None:
            self.segment = Segment(rows_known=rows_known)
            self.items.append(self.segment)
        c = RawCell(text=text, line=line, row=self.row)
        self.segment.cells.append(c)
        return c

    def break_row(self) -> None:
        self.row += 1

    def text(self, text: str, line: int) -> None:
        self.segment = None
        self.break_row()
        self.items.append(TextLine(text=text, line=line))


def read_layout(lines: list[str]) -> Layout:
    name = detect_layout(lines)
    b = _Builder()
    last_cell: RawCell | None = None  # only for tabcell continuation
    for idx, s in enumerate(lines, start=1):
        if "\t" in s:
            parts = s.split("\t")
            if name == "tsv" or not s.startswith("\t"):
                b.break_row()
                for p in parts:
                    last_cell = b.cell(p, idx)
                b.break_row()
                last_cell = None
            else:
                for p in parts[1:]:
                    last_cell = b.cell(p, idx)
            continue
        if not s.strip(" \u00a0\u3000\ufeff"):
            b.break_row()
            last_cell = None
            continue
        if last_cell is not None and continues_cell(s):
            last_cell.text += s
            continue
        last_cell = None
        if _is_markdown_line(s):
            if _MD_SEPARATOR.match(s.strip()):
                continue
            b.break_row()
            for p in s.strip().strip("|").split("|"):
                b.cell(p, idx)
            b.break_row()
            continue
        if _is_pipe_line(s):
            t = s.rstrip()
            if set(t.strip()) == {"|"}:
                if len(t.strip()) == 1:
                    b.cell("", idx, rows_known=False)
                continue
            for p in t[:-1].split("|"):
                b.cell(p, idx, rows_known=False)
            continue
        b.text(s, idx)
    return Layout(name=name, items=b.items)
