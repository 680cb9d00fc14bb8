"""PDF with a text layer → narrative lines and table grids, with page provenance.

Tables are rebuilt from the ruling lines (pdfplumber's lattice finder) because a PDF has no table
markup: only the drawn grid says which text belongs to which cell. Every character is then placed
into exactly one cell by its centre, so wrapped and vertical labels (三/、/本/年/度…) come back as
one cell text and merged cells are emitted once, by their origin cell.

Text outside the grids becomes one TextLine per paragraph: visual lines are merged only when the
layout proves they belong together (previous line runs to the right margin, the next starts at the
left margin, same font size, and the next does not open with an ordinal), so headings such as
`一、总体情况` always stay on their own line. Page numbers and running headers/footers are dropped,
and a table continued on the next page loses the header rows it repeats there.

Scans (no characters on any page) are returned as not machine-readable; a file pdfplumber cannot
open raises UnreadableFileError. No pdfplumber/pdfminer exception escapes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..zhtext.numerals import ITEM_OPENER
from ..zhtext.pages import edge_key, is_page_number_at_edge
from . import Document, Note, UnreadableFileError, reader_note
from .blocks import Layout, RawCell, Segment, TextLine

# A line opening with an ordinal starts a heading or a list item: never glue it to the line above.
_OPENS_ITEM = re.compile(rf"^(?:{ITEM_OPENER})")
_NUMBER_LIKE = re.compile(r"^[+\-−－]?(?:\d[\d,，]*(?:\.\d+)?|\.\d+)(?:万元|亿元|千元|元|项|件|个|条|次|%)?$")
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")
# A cell line ending inside a number and the next line carrying on with it (`28` / `46`, `6.` / `82`).
_NUMBER_WRAP = re.compile(r"\d[.,]?\n[.,]?\d")
_EDGE_LINES = 2  # lines at each end of a page that may be a running header/footer
_MIN_LINE_OVERLAP = 0.5  # fraction of the smaller glyph height two chars share to sit on one line
_SPACE_GAP = 0.25  # gap, in font sizes, between two non-CJK glyphs that prints a space


@dataclass
class _Line:
    """One visual line of narrative text."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    page: int


@dataclass
class _Grid:
    """One table grid on one page: rows of origin-cell texts (covered merge positions left out)."""

    rows: list[list[str]]
    top: float
    page: int


@dataclass
class _Page:
    number: int
    items: list[_Line | _Grid] = field(default_factory=list)
    chars: int = 0
    unmapped: int = 0  # "(cid:NN)" glyphs: a font without a Unicode map, i.e. no usable text


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer into narrative TextLines and per-page table Segments."""
    try:
        empty = path.stat().st_size == 0
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}") from exc
    if empty:  # said as for every other type, not as pdfminer's "No /Root object! - Is this really a PDF?"
        raise UnreadableFileError("file is empty")
    try:
        import pdfplumber

        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise UnreadableFileError(f"cannot open PDF: {_reason(exc)}") from exc
    notes: list[Note] = []
    pages: list[_Page] = []
    try:
        with pdf:
            metadata = _metadata(pdf)
            n_pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    pages.append(_read_page(page, number))
                except MemoryError:
                    raise  # the file's memory budget, not a damaged page
                except Exception as exc:  # one damaged page costs that page, and says so
                    notes.append(_unread(number, exc))
                finally:
                    page.close()  # drop pdfplumber's per-page caches: memory stays flat on long files
    except Exception as exc:
        raise UnreadableFileError(f"cannot read PDF: {_reason(exc)}") from exc
    if not pages:  # no page at all, or not one page pdfminer could interpret
        raise UnreadableFileError(str(notes[0]) if notes else "PDF has no pages")
    total, unmapped = sum(p.chars for p in pages), sum(p.unmapped for p in pages)
    if total == 0 or unmapped * 2 > total:
        if total == 0:
            notes.append(
                reader_note(
                    f"no text layer on any of {n_pages} pages (scanned image); not machine-readable",
                    f"共{n_pages}页，均无文本层（扫描图像），不可机读",
                )
            )
        else:
            notes.append(
                reader_note(
                    "the text layer has no Unicode mapping (fonts without ToUnicode); not machine-readable",
                    "文本层没有Unicode映射（字体缺少ToUnicode表），不可机读",
                )
            )
        return Document(
            path=path,
            source_format="pdf",
            lines=[],
            notes=notes,
            layout=Layout("pdf", []),
            metadata=metadata,
            machine_readable=False,
        )
    blank = [p.number for p in pages if not p.chars]
    if blank:
        notes.append(
            reader_note(
                f"no text layer on page(s) {', '.join(map(str, blank))} (scanned image); not read",
                f"第{'、'.join(map(str, blank))}页无文本层（扫描图像），未读取",
            )
        )
    _drop_furniture(pages)
    items, lines = _stitch(pages)
    return Document(
        path=path, source_format="pdf", lines=lines, notes=notes, layout=Layout("pdf", items), metadata=metadata
    )


def _reason(exc: BaseException) -> str:
    return str(exc).strip() or type(exc).__name__


def _unread(number: int, exc: BaseException) -> Note:
    reason = _reason(exc)[:200]
    return Note(
        code="page-unread",
        message=f"page {number} could not be read ({reason}); its content is missing from the audit",
        zh=f"第{number}页无法读取（{reason}），该页内容未能审查",
        page=number,
    )


def _metadata(pdf: Any) -> dict[str, str]:
    """Creation/modification dates as ISO dates. Not the publication date: PDFs are re-exported."""
    out: dict[str, str] = {}
    try:
        info = dict(pdf.metadata or {})
    except Exception:  # a broken Info dictionary must not cost the text
        return out
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        raw = info.get(key)
        if isinstance(raw, bytes):
            raw = raw.decode("latin-1", "replace")
        m = _PDF_DATE.search(str(raw)) if raw else None
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            out[name] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return out


# ---------------------------------------------------------------- one page


def _read_page(page: Any, number: int) -> _Page:
    chars = [c for c in page.dedupe_chars().chars if c["text"].strip()]
    out = _Page(number, chars=len(chars), unmapped=sum(1 for c in chars if c["text"].startswith("(cid:")))
    if not chars:
        return out
    # Filled boxes without a stroke are shading (white paragraph backgrounds, tinted header rows), not
    # rules; kept, they turn shaded paragraphs into one-column "tables". Thin filled boxes are rules.
    ruled = page.filter(
        lambda o: o.get("object_type") != "rect" or bool(o.get("stroke")) or min(o["width"], o["height"]) <= 2
    )
    tables = [t for t in ruled.find_tables() if _column_count(t) >= 2]
    placers = [_CellPlacer(t) for t in tables]
    cell_chars: list[dict[tuple, list[dict]]] = [{} for _ in tables]
    free: list[dict] = []
    for ch in chars:
        for placer, bucket in zip(placers, cell_chars, strict=True):
            cell = placer.cell_of(ch)
            if cell is not None:
                bucket.setdefault(cell, []).append(ch)
                break
        else:
            free.append(ch)
    for table, bucket in zip(tables, cell_chars, strict=True):
        rows = []
        for row in table.rows:
            texts = [_text(bucket.get(tuple(c), [])) for c in row.cells if c is not None]
            if any(texts):
                rows.append(texts)
        if rows:
            out.items.append(_Grid(rows, table.bbox[1], number))
    for group in _cluster_lines(free):
        out.items.append(
            _Line(
                text=_join_line(group),
                top=min(c["top"] for c in group),
                bottom=max(c["bottom"] for c in group),
                x0=group[0]["x0"],
                x1=group[-1]["x1"],
                size=Counter(round(c["size"], 1) for c in group).most_common(1)[0][0],
                page=number,
            )
        )
    out.items.sort(key=lambda it: it.top)
    return out


def _column_count(table: Any) -> int:
    """A one-column grid is a boxed or shaded paragraph, not a table."""
    return max((len(r.cells) for r in table.rows), default=0)


class _CellPlacer:
    """Finds the cell a character's centre falls in by bisecting the grid's edges: O(log n) per char
    instead of cropping the page once per cell. Merged cells own every grid square they cover."""

    def __init__(self, table: Any) -> None:
        self.xs = sorted({v for c in table.cells for v in (c[0], c[2])})
        self.ys = sorted({v for c in table.cells for v in (c[1], c[3])})
        xi = {v: i for i, v in enumerate(self.xs)}
        yi = {v: i for i, v in enumerate(self.ys)}
        self.owner: dict[tuple[int, int], tuple] = {}
        for c in table.cells:
            for i in range(xi[c[0]], xi[c[2]]):
                for j in range(yi[c[1]], yi[c[3]]):
                    self.owner[(i, j)] = tuple(c)

    def cell_of(self, ch: dict) -> tuple | None:
        i = bisect_right(self.xs, (ch["x0"] + ch["x1"]) / 2) - 1
        j = bisect_right(self.ys, (ch["top"] + ch["bottom"]) / 2) - 1
        return self.owner.get((i, j))


def _cluster_lines(chars: list[dict]) -> list[list[dict]]:
    """Group characters into visual lines (sorted by top, a char joins the line it overlaps), each
    line ordered left to right."""
    lines: list[list[dict]] = []
    top = bottom = 0.0
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        h = max(ch["bottom"] - ch["top"], 0.1)
        if lines and min(bottom, ch["bottom"]) - max(top, ch["top"]) >= _MIN_LINE_OVERLAP * min(h, bottom - top):
            lines[-1].append(ch)
            bottom = max(bottom, ch["bottom"])
        else:
            lines.append([ch])
            top, bottom = ch["top"], ch["bottom"]
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _glue(a: str, b: str) -> str:
    """No space next to CJK text (Word's CJK/Latin auto-spacing is a gap, not a space)."""
    return "" if not a or not b or _wide(a[-1]) or _wide(b[0]) else " "


def _join_line(line: list[dict]) -> str:
    """Characters of one visual line; a space only where two non-CJK glyphs stand visibly apart, so a
    number split across text runs stays one number."""
    out = line[0]["text"]
    for prev, ch in pairwise(line):
        gap = ch["x0"] - prev["x1"]
        if gap > _SPACE_GAP * max(ch["size"], 1.0) and _glue(out, ch["text"]):
            out += " "
        out += ch["text"]
    return out


def _text(chars: list[dict]) -> str:
    """A cell's text: its visual lines joined, without a space where CJK text wraps or where a number
    too wide for its column wraps (`28` / `46` is 2846, not "28 46")."""
    out = ""
    for line in _cluster_lines(chars):
        t = _join_line(line)
        out += ("" if _NUMBER_WRAP.search(out[-2:] + "\n" + t[:2]) else _glue(out, t)) + t
    return out


# ---------------------------------------------------------------- furniture


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove page numbers and running headers/footers: lines at a page's top or bottom edge that are
    a page number, or whose text (digits ignored) and size recur at an edge of another page."""
    edges: dict[int, list[_Line]] = {}
    for p in pages:
        edges[p.number] = _edge_lines(p.items)
    seen: Counter[tuple[str, float]] = Counter()
    for lines in edges.values():
        seen.update({_furniture_key(ln) for ln in lines})
    for p in pages:
        drop = {
            id(ln)
            for ln in edges[p.number]
            if is_page_number_at_edge(ln.text) or (len(pages) > 1 and seen[_furniture_key(ln)] > 1)
        }
        p.items = [it for it in p.items if id(it) not in drop]


def _edge_lines(items: list[_Line | _Grid]) -> list[_Line]:
    """Up to _EDGE_LINES narrative lines from each end of the page, stopping at a table."""
    out: list[_Line] = []
    for seq in (items, items[::-1]):
        for it in seq[:_EDGE_LINES]:
            if not isinstance(it, _Line):
                break
            if it not in out:
                out.append(it)
    return out


def _furniture_key(line: _Line) -> tuple[str, float]:
    return edge_key(line.text), round(line.size)


# ---------------------------------------------------------------- document order


def _stitch(pages: list[_Page]) -> tuple[list[TextLine | Segment], list[str]]:
    """Pages → Layout items with running line and row numbers; merges paragraph lines and drops the
    header rows a table repeats on a continuation page."""
    body = [ln for p in pages for ln in p.items if isinstance(ln, _Line)]
    left = min((ln.x0 for ln in body), default=0.0)
    right = max((ln.x1 for ln in body), default=0.0)
    items: list[TextLine | Segment] = []
    lines: list[str] = []
    prev_line: _Line | None = None  # the last narrative line, while it may still be continued
    header: set[str] = set()  # cell texts of the current table's header rows
    row_id = 0
    for p in pages:
        for pos, it in enumerate(p.items):
            if isinstance(it, _Line):
                if prev_line is not None and _continues(prev_line, it, left, right):
                    items[-1].text += _glue(items[-1].text, it.text) + it.text
                    lines[-1] = items[-1].text
                    prev_line = it
                    continue
                lines.append(it.text)
                items.append(TextLine(it.text, len(lines), it.page))
                prev_line = it
                continue
            prev_line = None
            rows = it.rows
            continued = pos == 0 and bool(items) and isinstance(items[-1], Segment)
            if continued:
                rows = _without_repeated_header(rows, header)
            else:
                header = _header_texts(rows)
            seg = Segment()
            for texts in rows:
                row_id += 1
                lines.append("\t".join(texts))
                seg.cells.extend(RawCell(t, len(lines), row_id, it.page) for t in texts)
            if seg.cells:
                items.append(seg)
    return items, lines


def _continues(prev: _Line, cur: _Line, left: float, right: float) -> bool:
    """True when `cur` is the next line of the paragraph `prev` belongs to."""
    if abs(prev.size - cur.size) > 0.5 or _OPENS_ITEM.match(cur.text):
        return False
    if prev.x1 < right - 1.5 * prev.size or cur.x0 > left + 0.5 * cur.size:
        return False  # prev ends short (paragraph end) or cur is indented (paragraph start)
    return cur.page != prev.page or cur.top - prev.bottom <= 1.2 * cur.size


def _is_label_row(texts: list[str]) -> bool:
    return any(texts) and not any(_NUMBER_LIKE.match(re.sub(r"\s+", "", t)) for t in texts if t)


def _header_texts(rows: list[list[str]]) -> set[str]:
    """Texts of the rows above the first row with a number: the table's header."""
    out: set[str] = set()
    for texts in rows:
        if not _is_label_row(texts):
            break
        out.update(t for t in texts if t)
    return out


def _without_repeated_header(rows: list[list[str]], header: set[str]) -> list[list[str]]:
    """Drop leading label-only rows whose every text is one of the table's own header texts."""
    i = 0
    while i < len(rows) and _is_label_row(rows[i]) and all(t in header for t in rows[i] if t):
        i += 1
    return rows[i:]
