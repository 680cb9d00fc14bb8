"""PDF twins of the demo reports: a text report's own extraction drawn as an A4 PDF the way a Word
export prints it, for `tests/test_pdf_twins.py`. Nothing binary is committed: every PDF is rebuilt
from the text report on each run.

The layout follows the official format: narrative paragraphs set in STSong-Light (reportlab's
built-in CID font), first line indented two characters and justified to the page width; the three
tables as ruled grids in which every cell draws its own four borders (so merged cells have no inner
rules): 申请人情况 over seven columns, 法人或其他组织 over five, 三、本年度办理结果 written vertically in a
cell spanning every result row, （三）不予公开 spanning its eight rows. Tables flow over pages like
Word's: a row never splits, a merged cell crossing the break continues as an empty cell, 表三's three
header rows are repeated on the continuation page (and 表三 always breaks). Every page has a running
header and a `- N -` footer.

`hostile=True` adds what real exports do to readers: a number drawn as two text runs, the second
emitted first and set a hair apart (`12` + `3`); a value cell wrapped onto two lines in the middle of
the number; a header cell wrapped inside its unit (`（单位：万` / `元）`); section headings drawn as a
numbering run and a text run with a tab-sized gap; and a page break between two data rows of 表二
(no repeated header there).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from disclosure_audit.model import Report
from disclosure_audit.templates import Templates
from tests.twins import Grid, GridCell, frame_lines, grid_of

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 72.0, PAGE_W - 72.0  # narrative measure
TABLE_LEFT = 50.0
BODY_TOP, BODY_BOTTOM = 72.0, PAGE_H - 72.0  # distances from the top edge
BODY, BODY_LEAD = 12.0, 20.0
HEADING = 14.0
CELL, CELL_LEAD, CELL_PAD, MIN_ROW = 8.0, 10.0, 3.0, 16.0
HOSTILE_RUN_GAP = 0.4  # points between the two runs of a split number: Word's run positioning jitter


def running_header(report: Report) -> str:
    return f"{report.agency or ''}政府信息公开工作年度报告"


# --------------------------------------------------------------------------- the report as blocks


@dataclass
class Article:
    title: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p"|"heading", text) / ("table", key)
    signature: list[str] = field(default_factory=list)


def article(report: Report) -> Article:
    """Title lines, body blocks in document order (each found table where its first line was) and the
    signature, from a text report's extraction."""
    tls, title_lines, sig_lines = frame_lines(report)
    art = Article()
    headings = {s.line for s in report.sections}
    pending = sorted((t.first_line, k) for k, t in report.tables.items() if t.found and t.first_line is not None)
    for tl in tls:
        text = tl.text.strip(" \t\u3000\u00a0")
        if tl.line in title_lines:
            art.title.append(text)
            continue
        if tl.line in sig_lines:
            art.signature.append(text)
            continue
        while pending and pending[0][0] < tl.line:
            art.blocks.append(("table", pending.pop(0)[1]))
        art.blocks.append(("heading" if tl.line in headings else "p", text))
    art.blocks += [("table", k) for _, k in pending]
    return art


# --------------------------------------------------------------------------- table geometry
# (the official grids themselves, built with `pdf=True`, are in `tests/twins.py`)

WIDTHS = {
    "active": [165.0, 110.0, 110.0, 110.0],
    "requests": [24.0, 56.0, 163.0] + [36.0] * 7,
    "appeals": [33.0] * 15,
}
HEADER_ROWS = {"active": 2, "requests": 3, "appeals": 3}  # rows a table may not be left with at a page foot


# --------------------------------------------------------------------------- text measure


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _width(s: str, size: float) -> float:
    return pdfmetrics.stringWidth(s, FONT, size)


def wrap(text: str, size: float, width: float, first_width: float | None = None) -> list[str]:
    """Greedy line breaking like a word processor: CJK breaks anywhere, a run of Latin letters and
    digits (a number, a year, a URL) stays whole unless it is longer than a line."""
    tokens = _tokens(text)
    lines: list[str] = []
    line = ""
    limit = first_width if first_width is not None else width
    for tok in tokens:
        if line and _width(line + tok, size) > limit:
            if _width(tok, size) > width:  # a token longer than a line: break it by characters
                for ch in tok:
                    if line and _width(line + ch, size) > limit:
                        lines.append(line)
                        line, limit = "", width
                    line += ch
                continue
            lines.append(line)
            line, limit = "", width
            tok = tok.lstrip(" ")
        line += tok
    if line or not lines:
        lines.append(line)
    return lines


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    run = ""
    for ch in text:
        if not _wide(ch) and ch != " ":
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


# --------------------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, path: Path, header: str) -> None:
        self.c = Canvas(str(path), pagesize=A4, invariant=1)
        self.header = header
        self.page = 1
        self.y = BODY_TOP
        self._furniture()

    def _furniture(self) -> None:
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(PAGE_W / 2, PAGE_H - 40, self.header)
        self.c.setLineWidth(0.5)
        self.c.line(LEFT, PAGE_H - 46, RIGHT, PAGE_H - 46)
        self.c.setFont(FONT, 10.5)
        self.c.drawCentredString(PAGE_W / 2, 36, f"- {self.page} -")

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = BODY_TOP
        self._furniture()

    def room(self) -> float:
        return BODY_BOTTOM - self.y

    def text(self, x: float, top: float, s: str, size: float) -> None:
        """Draw `s` with its glyph box starting about `top` below the page's top edge."""
        self.c.setFont(FONT, size)
        self.c.drawString(x, PAGE_H - top - size, s)

    def save(self) -> None:
        self.c.save()


def _justified(w: _Writer, line: str, x: float, top: float, size: float, width: float) -> None:
    """Draw a full line stretched to `width`: extra space goes between characters next to CJK text
    only, as Word does, so a number or Latin word is never spaced apart."""
    gaps = [i for i in range(len(line) - 1) if _wide(line[i]) or _wide(line[i + 1])]
    extra = width - _width(line, size)
    if not gaps or extra <= 0:
        w.text(x, top, line, size)
        return
    step = extra / len(gaps)
    start, pos = 0, x
    for i in [*gaps, len(line) - 1]:
        piece = line[start : i + 1]
        w.text(pos, top, piece, size)
        pos += _width(piece, size) + step
        start = i + 1


def _paragraph(w: _Writer, text: str) -> None:
    width = RIGHT - LEFT
    indent = 2 * BODY
    lines = wrap(text, BODY, width, width - indent)
    for k, line in enumerate(lines):
        if w.y + BODY_LEAD > BODY_BOTTOM:
            w.new_page()
        x = LEFT + (indent if k == 0 else 0)
        if k < len(lines) - 1:
            _justified(w, line, x, w.y, BODY, RIGHT - x)
        else:
            w.text(x, w.y, line, BODY)
        w.y += BODY_LEAD


def _heading(w: _Writer, text: str, hostile: bool, next_is_table: bool) -> None:
    need = HEADING * 2 + (120 if next_is_table else BODY_LEAD * 2)
    if w.room() < need:
        w.new_page()
    w.y += 6
    x = LEFT + 2 * BODY
    m = re.match(r"^([一二三四五六七八九十]+、|\d+、)(.*)$", text)
    if hostile and m:  # Word list numbering: the number is its own run, a tab stop before the text
        w.text(x, w.y, m.group(1), HEADING)
        w.text(x + _width(m.group(1), HEADING) + 9, w.y, m.group(2), HEADING)
    else:
        w.text(x, w.y, text, HEADING)
    w.y += HEADING * 1.8


# --------------------------------------------------------------------------- tables


def _layout_cells(grid: Grid, widths: list[float]) -> list[float]:
    """Wrap every cell's text to its width and return row heights (a merged cell too tall for its
    rows stretches its last row)."""
    heights = [MIN_ROW] * len(grid)
    for c in (c for row in grid for c in row):
        inner = sum(widths[c.col : c.col + c.cs]) - 2 * CELL_PAD
        parts = c.text if isinstance(c.text, list) else [c.text]
        if c.vertical:
            c.lines = list(str(c.text))
        elif c.runs is not None:
            c.lines = ["".join(c.runs)]
        else:
            c.lines = [ln for p in parts for ln in wrap(p, CELL, inner)]
    for ri, row in enumerate(grid):
        for c in row:
            if c.rs == 1:
                heights[ri] = max(heights[ri], _need(c))
    for ri, row in enumerate(grid):
        for c in row:
            if c.rs > 1:
                short = _need(c) - sum(heights[ri : ri + c.rs])
                if short > 0:
                    heights[ri + c.rs - 1] += short
    return heights


def _need(c: GridCell) -> float:
    return len(c.lines) * CELL_LEAD + 2 * CELL_PAD + 2


def _origins(grid: Grid) -> list[tuple[int, GridCell]]:
    return [(ri, c) for ri, row in enumerate(grid) for c in row]


def _keep_spans(grid: Grid, heights: list[float], start: int, b: int) -> int:
    """Move a break up so no merged cell is cut before its text fits in the rows above the break."""
    moved = True
    while moved and b > start:
        moved = False
        for ri, c in _origins(grid):
            if start <= ri < b < ri + c.rs and _need(c) > sum(heights[ri:b]):
                b, moved = ri, True
                break
    return b


def _draw_part(w: _Writer, grid: Grid, heights: list[float], widths: list[float], rows: list[int], start: int) -> None:
    """Draw grid rows `rows` (the repeated header rows, then `start`…) at the writer's position. A
    merged cell begun on an earlier page continues as an empty cell over its remaining rows."""
    xs = [TABLE_LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    tops: dict[int, float] = {}
    y = w.y
    for r in rows:
        tops[r] = y
        y += heights[r]
    w.c.setLineWidth(0.5)
    for ri, c in _origins(grid):
        if ri in tops:
            span = [r for r in range(ri, ri + c.rs) if r in tops]
            _cell(w, c, xs, tops[ri], sum(heights[r] for r in span))
        elif ri < start < ri + c.rs:
            span = [r for r in range(start, ri + c.rs) if r in tops]
            rest = GridCell(c.col, "", cs=c.cs)
            _cell(w, rest, xs, tops[start], sum(heights[r] for r in span))
    w.y = y


def _cell(w: _Writer, c: GridCell, xs: list[float], top: float, height: float) -> None:
    """One cell: its own four borders (a merged cell has no inner rules), then its text, vertically
    centred; values and header labels centred, row labels flush left."""
    left, right = xs[c.col], xs[c.col + c.cs]
    bottom = top + height
    for x0, y0, x1, y1 in ((left, top, right, top), (left, bottom, right, bottom), (left, top, left, bottom)):
        w.c.line(x0, PAGE_H - y0, x1, PAGE_H - y1)
    w.c.line(right, PAGE_H - top, right, PAGE_H - bottom)
    if not c.lines:
        return
    pitch = CELL_LEAD
    if c.vertical:
        pitch = min(CELL_LEAD, (height - 2 * CELL_PAD) / len(c.lines))
    block = (len(c.lines) - 1) * pitch + CELL
    y0 = top + (height - block) / 2
    w.c.setFont(FONT, CELL)
    for k, line in enumerate(c.lines):
        base = PAGE_H - (y0 + k * pitch + CELL * 0.88)
        if c.runs is not None:
            head, tail = c.runs
            x = (left + right) / 2 - (_width(line, CELL) + HOSTILE_RUN_GAP) / 2
            w.c.drawString(x + _width(head, CELL) + HOSTILE_RUN_GAP, base, tail)  # the later run comes first
            w.c.drawString(x, base, head)
        elif c.value or c.vertical or c.center:
            w.c.drawCentredString((left + right) / 2, base, line)
        else:
            w.c.drawString(left + CELL_PAD, base, line)


def _table(
    w: _Writer,
    grid: Grid,
    widths: list[float],
    *,
    head: int,
    repeat_header: bool,
    force_at: int | None = None,
) -> list[int]:
    """Flow a grid over pages; returns the grid rows that open each part after the first."""
    heights = _layout_cells(grid, widths)
    n = len(grid)
    hdr = list(range(head)) if repeat_header else []
    hdr_h = sum(heights[r] for r in hdr)
    breaks: list[int] = []
    start = 0
    while start < n:
        prefix = hdr if start > 0 else []
        avail = w.room() - (hdr_h if prefix else 0)
        b, acc = start, 0.0
        while b < n and acc + heights[b] <= avail:
            acc += heights[b]
            b += 1
        if force_at is not None and start < force_at < b:
            b = force_at
        natural = b
        if b < n:
            b = _keep_spans(grid, heights, start, b)
        least = start + (head + 1 if start == 0 else 1)
        if b < min(least, n):
            if w.y > BODY_TOP + 1:
                w.new_page()
                continue
            b = max(natural, min(least, n))  # nothing fits even on a fresh page: cut anyway
        _draw_part(w, grid, heights, widths, prefix + list(range(start, b)), start)
        if b < n:
            breaks.append(b)
            w.new_page()
        start = b
    return breaks


def _requests_fallback_break(grid: Grid) -> int:
    """Where 表三 breaks when it would fit on one page: before （四）无法提供, as in many real reports."""
    for ri, row in enumerate(grid):
        if any("无法提供" in str(c.text) for c in row):
            return ri
    return len(grid) // 2


# --------------------------------------------------------------------------- hostile touches


def _make_hostile(key: str, grid: Grid) -> None:
    """Mark the hostile cells of one table."""
    values = [c for row in grid for c in row if c.value and isinstance(c.text, str)]
    numbers = [c for c in values if re.fullmatch(r"\d{2,}", c.text)]
    if key == "requests" and numbers:  # `12` + `3`: the longest count in 表三
        c = max(numbers, key=lambda c: len(c.text))
        c.runs = [c.text[:-1], c.text[-1:]]
    if key == "active":
        long = [c for c in values if re.fullmatch(r"\d[\d.]+\D*", c.text)]
        if long:  # a value wrapped inside the number, as in a column too narrow for it: `520` / `00元`
            c = max(long, key=lambda c: len(c.text))
            half = max(1, len(re.sub(r"\D+$", "", c.text)) // 2)
            c.text = [c.text[:half], c.text[half:]]
        for row in grid:
            for c in row:
                if isinstance(c.text, str) and "（单位：" in c.text:
                    c.text = [c.text[:-2], c.text[-2:]]  # 本年收费金额（单位：万 / 元）


def _active_break(grid: Grid) -> int | None:
    """Between the first two data rows of 表二 (no header on the continuation)."""
    data = [ri for ri, row in enumerate(grid) if any(c.value for c in row)]
    return next((b for a, b in pairwise(data) if b == a + 1), None)


# --------------------------------------------------------------------------- the report


@dataclass
class TwinInfo:
    """What the renderer did, for tests to check the PDF really has it."""

    pages: int = 0
    breaks: dict[str, list[int]] = field(default_factory=dict)  # table → grid rows opening a new page
    split_runs: list[tuple[str, ...]] = field(default_factory=list)
    split_lines: list[list[str]] = field(default_factory=list)


def render_pdf(report: Report, templates: Templates, path: Path, *, hostile: bool = False) -> TwinInfo:
    """Draw `report` (a text report's extraction) as an A4 PDF at `path`."""
    art = article(report)
    w = _Writer(path, running_header(report))
    info = TwinInfo()
    for t in art.title:
        size = min(18.0, 0.85 * (RIGHT - LEFT) / max(_width(t, 1.0), 1.0))
        w.c.setFont(FONT, size)
        w.c.drawCentredString(PAGE_W / 2, PAGE_H - w.y - size, t)
        w.y += size * 1.6
    if art.title:
        w.y += 12
    for k, (kind, payload) in enumerate(art.blocks):
        if kind == "table":
            grid = grid_of(report, templates, payload, pdf=True)
            widths = WIDTHS[payload]
            force = None
            w.y += 4
            if hostile:
                _make_hostile(payload, grid)
                info.split_runs += [tuple(c.runs) for row in grid for c in row if c.runs]
                info.split_lines += [c.text for row in grid for c in row if c.value and isinstance(c.text, list)]
                if payload == "active":
                    force = _active_break(grid)
            if payload == "requests":
                heights = _layout_cells(grid, widths)
                if sum(heights) <= w.room():
                    force = _requests_fallback_break(grid)
            info.breaks[payload] = _table(
                w,
                grid,
                widths,
                head=HEADER_ROWS[payload],
                repeat_header=payload == "requests",
                force_at=force,
            )
            w.y += 12
        elif kind == "heading":
            nxt = art.blocks[k + 1][0] if k + 1 < len(art.blocks) else ""
            _heading(w, payload, hostile, nxt == "table")
        else:
            _paragraph(w, payload)
    if art.signature:
        w.y += BODY_LEAD
        if w.room() < BODY_LEAD * (len(art.signature) + 1):
            w.new_page()
        for s in art.signature:
            w.c.setFont(FONT, BODY)
            w.c.drawRightString(RIGHT, PAGE_H - w.y - BODY, s)
            w.y += BODY_LEAD
    info.pages = w.page
    w.save()
    return info
