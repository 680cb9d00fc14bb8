"""DOCX → the same blocks the text reader produces (TextLines and table Segments).

python-docx opens the package; the body is walked in document order over its XML, so paragraphs
and tables interleave as printed and nothing python-docx's convenience API skips is lost: content
controls (w:sdt), tracked insertions, hyperlinks and fields all carry text, and the paragraphs of
text boxes (w:txbxContent; the DrawingML copy, never also its VML fallback) follow the paragraph
that anchors them. Word's automatic list numbering (一、 / （一） / 1.) is rendered into the text,
because the section headings and table labels depend on it.

`line` is a block number: a running count (1-based) over paragraphs — each line of a paragraph split
by a manual line break counts as one — and table rows; `Document.lines[n - 1]` is block n's text.

Tables: each row is a physical row; a merged cell is emitted once at its first position — a
horizontal merge is one w:tc with gridSpan, and the w:tc that continue a vertical merge (the cells
python-docx resolves to the same `_tc` as the one above) emit nothing — with the grid column it
starts in and the columns and rows it covers, so the table reader can place a row that is short of
the cells a merge took. A table holding other
tables, a single cell or long prose is layout: its paragraphs become lines.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from ..zhtext.chars import INVISIBLE, squash
from ..zhtext.numerals import cn_numeral
from . import Document, Note, UnreadableFileError, _read_bytes, reader_note
from .blocks import Layout, RawCell, Segment, TextLine
from .limits import ReadLimits
from .notes import MAX_GRID_POSITIONS, oversized_table
from .whitespace import join_pieces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_LAYOUT_CELL_CHARS = 500
MB = 1 << 20


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_TXBX = _w("txbxContent")
_ALT, _FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Fallback"
# never text of the paragraph itself: properties, deleted text, text boxes (read on their own)
_NOT_TEXT = {_w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _w("instrText"), _w("delInstrText"), _TXBX}
_CONTAINERS = {_w("customXml"), _w("ins"), _w("moveTo"), _w("smartTag"), _w("sdtContent")}


def _val(el: Any, child: str) -> str | None:
    if el is None:
        return None
    c = el.find(_w(child))
    return None if c is None else c.get(_w("val"))


# --------------------------------------------------------------------------- numbering

_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")):
        while n >= v:
            out, n = out + s, n - v
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def format_number(n: int, fmt: str | None) -> str:
    if fmt in (None, "decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return cn_numeral(n)
    if fmt in ("japaneseCounting", "koreanCounting"):
        return cn_numeral(n)
    if fmt == "chineseLegalSimplified":
        return cn_numeral(n, _CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalEnclosedParen",):
        return f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)


class _Numbering:
    """Renders automatic list numbers (`w:numPr`) the way Word prints them."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}  # abstractNumId → ilvl → level
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        self.pending: dict[str, dict[int, int]] = {}
        self.dropped: tuple[str, str] | None = None  # why the last paragraph's number was lost (en, zh)
        if numbering is not None:
            self._load_numbering(numbering)
        if styles is not None:
            self._load_styles(styles)

    def _load_numbering(self, numbering: Any) -> None:
        for a in numbering.iter(_w("abstractNum")):
            aid = a.get(_w("abstractNumId"))
            levels: dict[int, dict[str, Any]] = {}
            for lvl in a.iter(_w("lvl")):
                try:
                    ilvl = int(lvl.get(_w("ilvl")) or 0)
                    start = int(_val(lvl, "start") or 1)
                except ValueError:
                    continue
                levels[ilvl] = {
                    "start": start,
                    "fmt": _val(lvl, "numFmt"),
                    "text": _val(lvl, "lvlText"),
                    "suff": _val(lvl, "suff") or "tab",
                    "legal": lvl.find(_w("isLgl")) is not None,
                }
            if aid is not None:
                self.levels[aid] = levels
        for num in numbering.iter(_w("num")):
            nid, aid = num.get(_w("numId")), _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            overrides: dict[int, int] = {}
            for o in num.iter(_w("lvlOverride")):
                start = _val(o, "startOverride")
                if start is not None and (o.get(_w("ilvl")) or "0").isdigit() and start.isdigit():
                    overrides[int(o.get(_w("ilvl")) or 0)] = int(start)
            self.nums[nid] = (aid, overrides)

    def _load_styles(self, styles: Any) -> None:
        raw: dict[str, tuple[str | None, int | None, str | None]] = {}
        for st in styles.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            ppr = st.find(_w("pPr"))
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            nid = _val(numpr, "numId")
            ilvl = _val(numpr, "ilvl")
            raw[sid] = (nid, int(ilvl) if ilvl and ilvl.isdigit() else None, _val(st, "basedOn"))
        for sid in raw:
            nid, ilvl, based, hops = None, None, sid, 0
            while based in raw and hops < 20:
                n, i, parent = raw[based]
                nid = nid if nid is not None else n
                ilvl = ilvl if ilvl is not None else i
                based, hops = parent, hops + 1
            self.style_num[sid] = (nid, ilvl)

    def prefix(self, p: Any) -> str:
        """The paragraph's list number as Word prints it; "" when it has none. A number the file asks
        for but does not define is "" too, and `dropped` says why."""
        self.dropped = None
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        nid, ilvl_s = _val(numpr, "numId"), _val(numpr, "ilvl")
        style = _val(ppr, "pStyle")
        if style and style in self.style_num:
            snid, silvl = self.style_num[style]
            nid = nid if nid is not None else snid
            if ilvl_s is None and silvl is not None:
                ilvl_s = str(silvl)
        if not nid or nid == "0":
            return ""
        if nid not in self.nums:
            self.dropped = (f"list {nid} is not defined in the numbering part", f"编号列表{nid}未定义")
            return ""
        ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else 0
        aid, overrides = self.nums[nid]
        levels = self.levels.get(aid, {})
        lvl = levels.get(ilvl)
        counters = self.counters.setdefault(aid, [None] * 10)
        if lvl is None or ilvl >= len(counters):
            if aid in self.levels:
                self.dropped = (f"list {nid} has no level {ilvl}", f"编号列表{nid}没有第{ilvl + 1}级")
            else:
                self.dropped = (f"the format of list {nid} is missing", f"编号列表{nid}的格式定义缺失")
            return ""
        if nid not in self.seen:  # a list that restarts its numbering (startOverride) starts here
            self.seen.add(nid)
            if overrides:
                self.pending[aid] = dict(overrides)
        pending = self.pending.get(aid, {})
        current = counters[ilvl]
        if ilvl in pending:
            counters[ilvl] = pending.pop(ilvl)
        else:
            counters[ilvl] = lvl["start"] if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if lvl["fmt"] in ("bullet", "none") or not lvl["text"]:
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, {"start": 1, "fmt": "decimal"})
            n = counters[k] if k < len(counters) and counters[k] is not None else lv["start"]
            return format_number(int(n), "decimal" if lvl["legal"] else lv["fmt"])

        text = re.sub(r"%([1-9])", number, lvl["text"])
        if lvl["suff"] != "nothing" and text and text[-1].isalnum():
            text += " "
        return text


# --------------------------------------------------------------------------- body walk


def _paragraph_pieces(p: Any) -> list[str]:
    """The paragraph's text, split where a manual line/page break stands."""
    out = [""]
    stack = list(reversed(list(p)))
    while stack:
        e = stack.pop()
        tag = e.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT or tag == _FALLBACK:
            continue
        if tag == _T:
            out[-1] += e.text or ""
        elif tag == _w("tab") or tag == _w("ptab"):
            out[-1] += " "
        elif tag in (_w("br"), _w("cr")):
            out.append("")
        elif tag == _w("noBreakHyphen"):
            out[-1] += "-"
        else:
            stack.extend(reversed(list(e)))
    return [INVISIBLE.sub("", s) for s in out]


def _inside(el: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    """Whether an ancestor of `el` below `stop` has one of `tags`."""
    for a in el.iterancestors():
        if a is stop:
            return False
        if a.tag in tags:
            return True
    return False


def _text_boxes(p: Any) -> list[Any]:
    """w:txbxContent anchored in this paragraph; of an mc:AlternateContent only one copy."""
    found: list[Any] = []
    stack = list(reversed(list(p)))
    while stack:
        e = stack.pop()
        if e.tag == _TXBX:
            found.append(e)
        elif e.tag == _ALT:
            branches = [b for b in e if isinstance(b.tag, str)]
            for b in branches:
                boxes = list(b.iter(_TXBX))
                if boxes:
                    found.extend(x for x in boxes if not _inside(x, b, (_TXBX,)))
                    break
        elif isinstance(e.tag, str):
            stack.extend(reversed(list(e)))
    return found


def _has_image(body: Any) -> bool:
    return any(True for _ in body.iter(_w("drawing"))) or any(True for _ in body.iter(_w("pict")))


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.items: list[TextLine | Segment] = []
        self.lines: list[str] = []
        self.row = 0
        self.notes: list[Note] = []
        self.dropped: dict[tuple[str, str], list[int]] = {}  # why numbers were lost → the blocks they were on

    def block(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    def walk(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.walk(content)
            elif tag in _CONTAINERS:
                self.walk(child)
            elif tag == _w("altChunk"):
                self.notes.append(
                    reader_note(
                        "document embeds an alternative-format chunk (w:altChunk) that was not read",
                        "文档内嵌的其他格式内容（w:altChunk）未能读取",
                    )
                )

    def number(self, p: Any, block: int) -> str:
        """The paragraph's list number; one that cannot be rendered is remembered with its block."""
        prefix = self.numbering.prefix(p)
        if self.numbering.dropped:
            self.dropped.setdefault(self.numbering.dropped, []).append(block)
        return prefix

    def dropped_notes(self) -> list[Note]:
        out = []
        for (why, why_zh), blocks in self.dropped.items():
            first, n = blocks[0], len(blocks)
            out.append(
                Note(
                    code="numbering-dropped",
                    message=f"{why}: the list numbers of {n} paragraph(s) are missing (first at block {first})",
                    zh=f"Word自动编号无法还原（{why_zh}）：{n}个段落缺少编号（首个在第{first}段），标题序号可能因此缺失",
                    line=first,
                )
            )
        return out

    def paragraph(self, p: Any) -> None:
        pieces = _paragraph_pieces(p)
        pieces[0] = self.number(p, len(self.lines) + 1) + pieces[0]
        for text in pieces:
            n = self.block(text)
            if text.strip(" \t\u00a0\u3000"):
                self.items.append(TextLine(text=text, line=n))
        for box in _text_boxes(p):
            self.walk(box)

    def cell_text(self, tc: Any) -> str:
        pieces: list[str] = []
        for p in tc.iter(_P):
            if _inside(p, tc, (_TXBX, _FALLBACK)):
                continue
            parts = _paragraph_pieces(p)
            parts[0] = self.number(p, len(self.lines) + 1) + parts[0]
            pieces.extend(s.strip(" \u00a0") for s in parts)
        for box in _text_boxes(tc):
            for p in box.iter(_P):
                pieces.extend(s.strip(" \u00a0") for s in _paragraph_pieces(p))
        return join_pieces(pieces)

    def table(self, tbl: Any) -> None:
        grid = [_children(tr, _TC) for tr in _children(tbl, _TR)]
        cells = [tc for row in grid for tc in row]
        if (
            len(cells) <= 1
            or any(tc.find(f".//{_TBL}") is not None for tc in cells)
            or any(len(squash("".join(tc.itertext()))) > _LAYOUT_CELL_CHARS for tc in cells)
        ):
            self.layout_table(grid)
            return
        seg = Segment(rows_known=True)
        spans = _grid_spans(_children(tbl, _TR), grid)
        width = max((at[0] + at[1] for row in spans for at in row if at is not None), default=0)
        oversized = len(grid) * width > MAX_GRID_POSITIONS  # no report table: its cells lose their columns
        for row, row_spans in zip(grid, spans, strict=True):
            self.row += 1
            shown = [(self.cell_text(tc), at) for tc, at in zip(row, row_spans, strict=True) if at is not None]
            n = self.block("\t".join(t for t, _ in shown))
            if oversized:
                seg.cells.extend(RawCell(t, n, self.row) for t, _ in shown)
            else:
                seg.cells.extend(RawCell(t, n, self.row, col=col, colspan=cs, rowspan=rs) for t, (col, cs, rs) in shown)
        if seg.cells:
            self.items.append(seg)
            if oversized:
                self.notes.append(oversized_table(len(grid), width, seg.cells[0].line))

    def layout_table(self, grid: list[list[Any]]) -> None:
        for row in grid:
            for tc in row:
                if not _covered(tc):
                    self.walk(tc)


def _children(el: Any, tag: str) -> list[Any]:
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    out: list[Any] = []
    for c in el:
        if c.tag == tag:
            out.append(c)
        elif c.tag == _w("sdt"):
            content = c.find(_w("sdtContent"))
            if content is not None:
                out.extend(_children(content, tag))
        elif c.tag in _CONTAINERS:
            out.extend(_children(c, tag))
    return out


_MAX_SPAN = 1000


def _grid_number(value: str | None) -> int | None:
    """A w:gridSpan or w:gridBefore count (any decimal digits), at most _MAX_SPAN; None when missing
    or not a number. A count thousands of digits long costs its length, never a big-number parse."""
    if not value or not value.isdecimal():
        return None
    digits = "".join(str(unicodedata.decimal(c)) for c in value).lstrip("0")
    return _MAX_SPAN if len(digits) > 4 else min(int(digits or "0"), _MAX_SPAN)


def _span_of(tc: Any) -> int:
    return _grid_number(_val(tc.find(_w("tcPr")), "gridSpan")) or 1


def _grid_spans(trs: list[Any], grid: list[list[Any]]) -> list[list[tuple[int, int, int] | None]]:
    """Where each w:tc stands: (first grid column, columns, rows) for a cell that shows its content,
    None for one that continues a merge. Columns count `w:gridBefore` and each cell's `w:gridSpan`
    (each at most _MAX_SPAN); a legacy `w:hMerge` continuation widens the cell before it; a vertical
    merge is as many rows as the cells below continue it in the same columns (a continuation standing
    elsewhere covers nothing). Each row's continuations are looked up by their columns, so a merge
    costs the rows it covers, not those rows times their cells."""
    starts: list[list[tuple[int, int]]] = []
    continued: list[set[tuple[int, int]]] = []  # per row: the (column, columns) of its w:vMerge continuations
    for tr, row in zip(trs, grid, strict=True):
        col = _grid_number(_val(tr.find(_w("trPr")), "gridBefore")) or 0
        placed = []
        for tc in row:
            placed.append((col, _span_of(tc)))
            col += placed[-1][1]
        starts.append(placed)
        continued.append({at for tc, at in zip(row, placed, strict=True) if _merge(tc, "vMerge")})
    out: list[list[tuple[int, int, int] | None]] = []
    for r, (row, placed) in enumerate(zip(grid, starts, strict=True)):
        cells: list[tuple[int, int, int] | None] = []
        for k, (tc, (col, cs)) in enumerate(zip(row, placed, strict=True)):
            if _merge(tc, "hMerge") and k and cells[-1] is not None and sum(cells[-1][:2]) == col:
                cells[-1] = (cells[-1][0], cells[-1][1] + cs, cells[-1][2])
                cells.append(None)
                continue
            if _covered(tc):
                cells.append(None)
                continue
            rows = 1
            while r + rows < len(grid) and (col, cs) in continued[r + rows]:
                rows += 1
            cells.append((col, cs, rows))
        out.append(cells)
    return out


def _merge(tc: Any, merge: str) -> bool:
    """`tc` continues a merge of this kind (w:vMerge or w:hMerge without val="restart")."""
    pr = tc.find(_w("tcPr"))
    m = pr.find(_w(merge)) if pr is not None else None
    return m is not None and m.get(_w("val")) in (None, "continue")


def _covered(tc: Any) -> bool:
    """A w:tc that continues a vertical (or legacy horizontal) merge: its content is the origin's."""
    return _merge(tc, "vMerge") or _merge(tc, "hMerge")


# --------------------------------------------------------------------------- entry point

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(path: Path, data: bytes) -> Document | None:
    """Refuse what is not a DOCX, with the reason; read an HTML page saved as .docx as HTML."""
    if not data:
        raise UnreadableFileError("file is empty")
    if data.startswith(_OLE):
        raise UnreadableFileError(
            "file is an OLE document (a legacy .doc named .docx, or a password-protected file), not a DOCX"
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFileError("file is a PDF, not a DOCX")
    if data.startswith(b"PK"):
        return None
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head:
        from .html import read_html

        doc = read_html(path)
        doc.notes.insert(
            0,
            reader_note(
                "file named .docx is an HTML page (Word 'save as web page'?); read as HTML",
                "扩展名为.docx的文件实为网页（Word“另存为网页”？），已按HTML读取",
            ),
        )
        return doc
    raise UnreadableFileError("file is not a DOCX (not a ZIP package)")


def read_docx(path: Path, limits: ReadLimits | None = None) -> Document:
    data = _read_bytes(path)
    as_html = _sniff(path, data)
    if as_html is not None:
        return as_html
    try:
        check_package(data, limits or ReadLimits())
        return _read_docx(path, data)
    except (UnreadableFileError, MemoryError):
        raise
    except Exception as exc:  # python-docx, zipfile, lxml: a file we cannot read is a finding, never a crash
        raise UnreadableFileError(f"cannot read DOCX: {type(exc).__name__}: {exc}") from exc


_CHUNK = 1 << 20
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def check_package(data: bytes, limits: ReadLimits) -> None:
    """Refuse a ZIP bomb before any XML is parsed: the sizes each part declares (per part, in total,
    and per packed byte), then the XML parts themselves, read in chunks and given up on at the part
    limit (a declared size can lie). A part holding a DTD is refused too: Word never writes one, and
    entity definitions are how an XML file expands in the parser."""
    part_cap, total_cap = limits.docx_part_mb * MB, limits.docx_total_mb * MB
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        if len(infos) > limits.docx_parts:
            raise UnreadableFileError(f"budget: DOCX has {len(infos)} parts, more than {limits.docx_parts}")
        total = 0
        for i in infos:
            if i.file_size > part_cap:
                raise UnreadableFileError(
                    f"budget: DOCX part {i.filename} unpacks to {_mb(i.file_size)}, more than the "
                    f"{limits.docx_part_mb:g} MB a part may (a ZIP bomb or a damaged file)"
                )
            ratio = i.file_size / max(1, i.compress_size)
            if i.file_size > limits.docx_ratio_from_mb * MB and ratio > limits.docx_ratio:
                raise UnreadableFileError(
                    f"budget: DOCX part {i.filename} unpacks to {ratio:.0f} times its packed size "
                    f"({_mb(i.file_size)}), more than {limits.docx_ratio:g} times (a ZIP bomb?)"
                )
            total += i.file_size
        if total > total_cap:
            raise UnreadableFileError(
                f"budget: DOCX unpacks to {_mb(total)} in all, more than {limits.docx_total_mb:g} MB (a ZIP bomb?)"
            )
        for i in infos:
            if i.filename.lower().endswith((".xml", ".rels")):
                _scan_part(z, i, part_cap)


def _scan_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: float) -> None:
    size, tail = 0, b""
    with z.open(info) as f:
        while chunk := f.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise UnreadableFileError(
                    f"budget: DOCX part {info.filename} unpacks to more than {cap / MB:g} MB "
                    "(a ZIP bomb or a damaged file)"
                )
            window = tail + chunk
            if any(m in window for m in _DTD):
                raise UnreadableFileError(
                    f"DOCX part {info.filename} holds a DTD (<!DOCTYPE or <!ENTITY), which Word never writes; "
                    "refused, since entities are how XML bombs expand"
                )
            tail = window[-16:]


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"


def _part_element(getter: Any) -> Any:
    try:
        return getter().element
    except MemoryError:
        raise  # the file's memory budget, not a broken part
    except Exception:  # a missing or broken optional part only costs the numbering
        return None


def _read_docx(path: Path, data: bytes) -> Document:
    import docx

    document = docx.Document(io.BytesIO(data))
    root_tag = str(document.element.tag)
    if "purl.oclc.org/ooxml" in root_tag:
        raise UnreadableFileError(
            "DOCX is in Strict Open XML format, which is not supported; save it as a regular .docx"
        )
    body = document.element.body
    if body is None:
        raise UnreadableFileError("DOCX has no document body")
    numbering = _Numbering(_part_element(lambda: document.part.numbering_part), _part_element(lambda: document.styles))
    reader = _Reader(numbering)
    reader.walk(body)
    metadata = _core_properties(document)
    notes = list(dict.fromkeys([*reader.notes, *reader.dropped_notes()]))
    has_text = any(isinstance(i, TextLine) or any(c.text for c in i.cells) for i in reader.items)
    if not has_text:
        if _has_image(body):
            notes.append(
                reader_note(
                    "document holds images and no text: a scanned report?", "文档只有图片、没有文字：可能是扫描件"
                )
            )
            return Document(
                path=path,
                source_format="docx",
                lines=[],
                notes=notes,
                layout=Layout(name="docx", items=[]),
                metadata=metadata,
                machine_readable=False,
            )
        raise UnreadableFileError("DOCX has no text")
    return Document(
        path=path,
        source_format="docx",
        lines=reader.lines,
        notes=notes,
        layout=Layout(name="docx", items=reader.items),
        metadata=metadata,
    )


def _core_properties(document: Any) -> dict[str, str]:
    md: dict[str, str] = {}
    try:
        cp = document.core_properties
        values = {"title": cp.title, "author": cp.author, "created": cp.created, "modified": cp.modified}
    except Exception:  # broken docProps/core.xml: no metadata, still a readable document
        return md
    for key, v in values.items():
        if v:
            md[key] = v.isoformat() if hasattr(v, "isoformat") else str(v).strip()
    return md
