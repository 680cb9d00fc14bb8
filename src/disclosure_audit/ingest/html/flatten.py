"""The kept part of a page → narrative lines and table cells, in document order, with source lines.

Block elements and <br> end a line; inline text is joined and its whitespace collapsed like a
browser's (`normalize_text`); <pre> keeps its line breaks. Every data table (see `grid`) becomes one
Segment: one physical row per <tr>, each cell once at its origin, with the column it stands in (a
cell under a rowspan lands in the column after the covered ones) and the columns and rows it spans;
its caption is a line before it. Other tables are layout and their text becomes lines. Links are
kept beside the line or cell that shows them; links to attachments (.pdf, .doc…) are collected so the
page can say the report may be in one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..blocks import RawCell, Segment, TextLine
from ..notes import Note, oversized_table
from ..whitespace import join_pieces, normalize_text
from .grid import is_data_table, table_grid
from .tree import BLOCK_TAGS, line_of, newlines_in, skipped, visible_text
from .tree import tag as tag_name

_URL = re.compile(r"^(?:https?://|www\.)", re.I)
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|ofd|zip|rar)(?:$|[?#])", re.I)
_PRE_TAGS = ("pre", "xmp", "listing", "plaintext")


@dataclass
class _Frag:
    text: str
    line: int


@dataclass
class Flat:
    items: list[TextLine | Segment] = field(default_factory=list)
    links: dict[int, list[str]] = field(default_factory=dict)  # id(item or cell) → hrefs
    core_start: int | None = None
    core_end: int | None = None
    title_start: int | None = None
    attachments: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # reading losses (an oversized table)


class Flattener:
    def __init__(self, core: etree._Element, title: etree._Element | None) -> None:
        self.core = core
        self.title = title
        self.out = Flat()
        self.buf: list[_Frag] = []
        self.buf_links: list[str] = []
        self.cursor = 1
        self.row = 0
        self.pre = 0

    # -- text lines
    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:  # preformatted text keeps its line breaks
            first, *rest = text.split("\n")
            self.buf.append(_Frag(first, self.cursor))
            for part in rest:
                self.flush()
                self.cursor += 1
                self.buf.append(_Frag(part, self.cursor))
            return
        self.buf.append(_Frag(text, line_of(text, self.cursor)))
        self.cursor += text.count("\n")

    def flush(self) -> None:
        if not self.buf:
            return
        text = normalize_text("".join(f.text for f in self.buf))
        line = next((f.line for f in self.buf if f.text.strip(" \t\r\n\f\u00a0")), self.buf[0].line)
        links = self.buf_links
        self.buf, self.buf_links = [], []
        if text:
            tl = TextLine(text=text, line=line)
            self.out.items.append(tl)
            if links:
                self.out.links[id(tl)] = links

    def link(self, el: etree._Element) -> None:
        href = (el.get("href") or "").strip()
        if _ATTACHMENT.search(href):
            self.out.attachments.append(href)
        if _URL.match(href):
            self.buf_links.append(href)

    # -- tables
    def table(self, table: etree._Element) -> None:
        rows, grid = table_grid(table)
        seg = Segment(rows_known=True)
        for tds, placed in zip(rows, grid.cells, strict=True):
            self.row += 1
            for td, at in zip(tds, placed, strict=True):
                text, line, links = self.cell(td)
                if grid.oversized:
                    cell = RawCell(text, line, self.row)
                else:
                    cell = RawCell(text, line, self.row, col=at.col, colspan=at.colspan, rowspan=at.rowspan)
                seg.cells.append(cell)
                if links:
                    self.out.links[id(cell)] = links
        if seg.cells:
            self.out.items.append(seg)
            if grid.oversized:
                self.out.notes.append(oversized_table(len(grid.cells), grid.width, seg.cells[0].line))

    def cell(self, td: etree._Element) -> tuple[str, int, list[str]]:
        pieces: list[str] = [""]
        links: list[str] = []
        first_line: int | None = None
        stack: list[tuple[etree._Element, bool]] = [(td, False)]
        while stack:
            e, done = stack.pop()
            tag = tag_name(e)
            if done:
                if tag in BLOCK_TAGS:
                    pieces.append("")
                if e is not td and e.tail:
                    pieces[-1] += e.tail
                continue
            if tag is None or skipped(e):
                if e is not td and e.tail:
                    pieces[-1] += e.tail
                continue
            if tag in BLOCK_TAGS or tag == "br":
                pieces.append("")
            if tag == "a":
                href = (e.get("href") or "").strip()
                if _URL.match(href):
                    links.append(href)
                if _ATTACHMENT.search(href):
                    self.out.attachments.append(href)
            if e.text:
                if first_line is None and e.text.strip(" \t\r\n\f\u00a0"):
                    first_line = line_of(e.text, e.sourceline or td.sourceline or self.cursor)
                pieces[-1] += e.text
            stack.append((e, True))
            stack.extend((c, False) for c in reversed(list(e)))
        text = join_pieces([normalize_text(p) for p in pieces])
        return text, first_line or td.sourceline or self.cursor, links

    # -- the walk
    def run(self, body: etree._Element) -> Flat:
        stack: list[tuple[etree._Element, bool]] = [(body, False)]
        while stack:
            el, done = stack.pop()
            tag = tag_name(el)
            if done:
                self.end(el, tag)
                continue
            if tag is None or skipped(el):
                block = tag in BLOCK_TAGS
                if block:
                    self.flush()
                self.cursor = (el.sourceline or self.cursor) + newlines_in(el)
                if block:
                    self.flush()
                self.add(el.tail)
                continue
            self.start(el, tag)
            if tag == "table" and is_data_table(el):
                self.flush()
                for cap in el.iter("caption"):
                    if not skipped(cap) and (text := normalize_text(visible_text(cap))):
                        self.out.items.append(
                            TextLine(text=text, line=line_of(cap.text, cap.sourceline or self.cursor))
                        )
                self.table(el)
                self.cursor = (el.sourceline or self.cursor) + newlines_in(el)
                self.end(el, tag)
                continue
            stack.append((el, True))
            stack.extend((c, False) for c in reversed(list(el)))
        self.flush()
        return self.out

    def start(self, el: etree._Element, tag: str) -> None:
        if tag in BLOCK_TAGS or tag == "br" or el is self.core or el is self.title:
            self.flush()
        if el is self.core:
            self.out.core_start = len(self.out.items)
        if el is self.title:
            self.out.title_start = len(self.out.items)
        if el.sourceline:
            self.cursor = el.sourceline
        if tag in _PRE_TAGS:
            self.pre += 1
        if tag == "a":
            self.link(el)
        self.add(el.text)

    def end(self, el: etree._Element, tag: str) -> None:
        if tag in BLOCK_TAGS or el is self.core or el is self.title:
            self.flush()
        if el is self.core:
            self.out.core_end = len(self.out.items)
        if tag in _PRE_TAGS:
            self.pre = max(0, self.pre - 1)
        self.add(el.tail)
