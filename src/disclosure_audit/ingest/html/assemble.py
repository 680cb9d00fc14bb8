"""The flattened page → the report's items and lines.

The kept range runs from the report title (often printed above the core) to the end of the core
plus a trailing signature; a publication date shown only outside that range is kept as a line of
its own. Lines are then given distinct increasing numbers (source lines where only a few collide,
rendered lines for minified pages), and `Document.lines` is built so that line n shows what the
items on line n show.
"""

from __future__ import annotations

from ...zhtext.chars import squash
from ...zhtext.dates import PUBLISHED, parse_date
from ...zhtext.orgs import ORG_SUFFIX
from ..blocks import RawCell, Segment, TextLine
from ..notes import Note, reader_note
from .chrome import published_line
from .flatten import Flat


def select_range(flat: Flat) -> tuple[int, int]:
    items = flat.items
    if flat.core_start is None or flat.core_end is None or flat.core_end <= flat.core_start:
        return 0, len(items)
    start, end = flat.core_start, flat.core_end
    if flat.title_start is not None and flat.title_start < start:
        start = flat.title_start
    # a signature printed just below the core
    extra = 0
    while end < len(items) and extra < 3:
        it = items[end]
        if not isinstance(it, TextLine):
            break
        s = squash(it.text)
        if not s or len(s) > 30 or not (ORG_SUFFIX.search(s) or parse_date(s)):
            break
        end += 1
        extra += 1
    return start, end


def _first_line(item: TextLine | Segment) -> int:
    return item.line if isinstance(item, TextLine) else item.cells[0].line


def keep_publication_date(
    items: list[TextLine | Segment], flat: Flat, start: int, chrome_dates: list[tuple[int, str]]
) -> None:
    """The metadata extractor reads `发布日期：…` from the first lines. When the page shows the date
    only outside the kept range (an info table above the title, a toolbar taken for chrome), keep the
    date nearest above the report body as a line of its own."""
    if any(isinstance(i, TextLine) and PUBLISHED.search(i.text) for i in items):
        return
    cands = list(chrome_dates)
    for it in flat.items[:start]:
        if isinstance(it, TextLine):
            if pub := published_line(it.text):
                cands.append((it.line, pub))
            continue
        rows: dict[int, list[RawCell]] = {}
        for c in it.cells:
            rows.setdefault(c.row, []).append(c)
        for cells in rows.values():
            if pub := published_line("".join(c.text for c in cells)):
                cands.append((cells[0].line, pub))
    if flat.core_start is not None and flat.core_start < len(flat.items):
        limit = _first_line(flat.items[flat.core_start])
    else:
        limit = _first_line(items[0]) if items else 0
    before = sorted(c for c in cands if c[0] <= limit)
    if not before:
        return
    line, pub = before[-1]
    pos = 0
    while pos < len(items) and _first_line(items[pos]) <= line:
        pos += 1
    items.insert(pos, TextLine(text=pub, line=line))


def renumber(items: list[TextLine | Segment]) -> Note | None:
    """Give TextLines distinct increasing lines: keep source lines when only a few collide (those are
    bumped to the next free line), else number rendered lines. → a note when renumbered."""
    text_lines = [i for i in items if isinstance(i, TextLine)]
    bumped, prev = 0, 0
    for tl in text_lines:
        if tl.line <= prev:
            bumped += 1
        prev = max(prev + 1, tl.line) if tl.line <= prev else tl.line
    if bumped <= max(2, len(text_lines) // 5):
        prev = 0
        for tl in text_lines:
            if tl.line <= prev:
                tl.line = prev + 1
            prev = tl.line
        return None
    n = 0
    for it in items:
        if isinstance(it, TextLine):
            n += 1
            it.line = n
            continue
        last_row = None
        for c in it.cells:
            if c.row != last_row:
                n += 1
                last_row = c.row
            c.line = n
    return reader_note(
        "blocks of this page share source lines (minified HTML): line numbers count rendered lines",
        "网页的多个段落位于同一源代码行（压缩的HTML）：行号按显示的行计",
    )


def lines_for(items: list[TextLine | Segment], links: dict[int, list[str]], n_source: int) -> list[str]:
    per: dict[int, list[str]] = {}
    for it in items:
        objs: list[TextLine | RawCell] = [it] if isinstance(it, TextLine) else list(it.cells)
        for o in objs:
            parts = per.setdefault(o.line, [])
            if o.text:
                parts.append(o.text)
            for href in links.get(id(o), []):
                if href not in o.text:
                    parts.append(href)
    size = max([n_source, *per.keys()]) if per else n_source
    return ["\t".join(per.get(i, [])) for i in range(1, size + 1)]
