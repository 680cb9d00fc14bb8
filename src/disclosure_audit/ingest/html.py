"""HTML pages → the same blocks the text reader produces (TextLines and table Segments).

Government sites wrap a report in site chrome (navigation, breadcrumbs, share buttons, footers that
say 首页 or 总计) and often in layout tables, while the report's own tables use rowspan/colspan just
like the official format. The reader keeps the report and drops the chrome:

1. bytes → text: BOM, then the page's declared charset (GBK/GB2312 read as GB18030), then
   `decode_bytes`; a declared charset the bytes contradict is overruled with a note;
2. script/style/form controls/frames are dropped; the *core* is found by descending from <body>
   into the child that holds most of the non-link text;
3. chrome (nav/header/footer/aside, id/class words such as nav, menu, share, breadcrumb, and short
   blocks such as 当前位置… or 版权所有…) is dropped unless it holds the core or the report title;
4. the kept range runs from the report title (often printed above the core) to the end of the core
   plus a trailing signature; a publication date shown outside that range is kept as a line;
5. every <table> without nested tables is a data table: one Segment, one physical row per <tr>,
   each cell once at its origin (covered positions emit nothing); other tables are layout and their
   text becomes lines.

`line` is the HTML source line, so findings point into the file. Pages that put many blocks on one
source line (minified HTML) are numbered by rendered lines instead, and say so in a note.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from . import Document, UnreadableFileError, _read_bytes
from .blocks import Layout, RawCell, Segment, TextLine
from .decode import UndecodableError, decode_bytes

# --------------------------------------------------------------------------- text joining

_WIDE_CHARS = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
)
_WIDE = re.compile(f"[{_WIDE_CHARS}]")
_WS_RUN = re.compile(r"[ \t\r\n\f\u00a0]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def is_wide(ch: str) -> bool:
    return bool(ch) and _WIDE.match(ch) is not None


def normalize_text(s: str) -> str:
    """Collapse whitespace like a browser: a line break between two CJK characters vanishes, any
    other run of whitespace (NBSP included) becomes one space; ends are trimmed."""
    s = _INVISIBLE.sub("", s)

    def repl(m: re.Match[str]) -> str:
        ws = m.group(0)
        if "\n" in ws or "\r" in ws:
            a = s[m.start() - 1] if m.start() > 0 else ""
            b = s[m.end()] if m.end() < len(s) else ""
            if is_wide(a) and is_wide(b):
                return ""
        return " "

    return _WS_RUN.sub(repl, s).strip(" ")


def join_pieces(pieces: list[str]) -> str:
    """Join the lines of one cell (split by <br>, <p>, Word paragraphs): nothing between CJK text,
    one space between two pieces of Latin text or digits."""
    out = ""
    for p in pieces:
        if not p:
            continue
        if out and not (is_wide(out[-1]) or is_wide(p[0])):
            out += " "
        out += p
    return out


def squash(s: str) -> str:
    return re.sub(r"[\s\u00a0\u3000]+", "", s)


# Same shape as extract.metadata's publication-date pattern.
PUBLISHED = re.compile(
    r"(发布|印发|成文)(日期|时间)\s*[:：]?\s*(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?"
)
_ORG_SUFFIX = re.compile(r"(局|委员会|委|政府|办公室|办公厅|办事处|街道|镇|乡|中心|院|所|厅|部|处|会|署|馆|办)$")
_DATE_LINE = re.compile(r"^(?:20\d{2}|[二〇零○Ｏ一三四五六七八九]{4})\s*年.{1,6}月.{1,6}日?$")


def published_line(text: str) -> str | None:
    m = PUBLISHED.search(text)
    if not m:
        return None
    return f"{m.group(1)}{m.group(2)}：{m.group(3)}-{int(m.group(4)):02d}-{int(m.group(5)):02d}"


# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB_LABELS = {
    "gb2312",
    "gbk",
    "gb18030",
    "x-gbk",
    "cp936",
    "ms936",
    "windows-936",
    "euc-cn",
    "x-euc-cn",
    "csgb2312",
    "gb_2312",
    "gb_2312-80",
    "chinese",
    "iso-ir-58",
    "csiso58gb231280",
}
_DOMAIN_WORDS = ("政府", "信息", "公开", "报告", "申请")
_MAGIC = (
    (b"%PDF", "a PDF file, not an HTML page"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX?), not an HTML page"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (legacy .doc/.xls or encrypted Office file), not an HTML page"),
    (b"\x89PNG", "a PNG image, not an HTML page"),
    (b"\xff\xd8\xff", "a JPEG image, not an HTML page"),
    (b"GIF8", "a GIF image, not an HTML page"),
    (b"{\\rtf", "an RTF file, not an HTML page"),
)


def _codec_for(label: str) -> str | None:
    name = label.strip().strip("\"'").lower()
    if name in _GB_LABELS:
        return "gb18030"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("gbk", "gb2312", "gb18030"):
        return "gb18030"
    return info.name


def _valid_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_report(text: str) -> bool:
    return any(w in text for w in _DOMAIN_WORDS)


def decode_html(data: bytes) -> tuple[str, str, str | None]:
    """→ (text, encoding used, note or None)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        d = decode_bytes(data)
        return d.text, d.encoding, d.note
    head = data[:16384]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    declared = m.group(1).decode("ascii", "replace") if m else None
    codec = _codec_for(declared) if declared else None
    note = None
    if declared and codec is None:
        note = f"page declares unknown charset '{declared}'"
    if codec and not codec.startswith(("utf-16", "utf-32")):
        if codec != "utf-8" and _valid_utf8_with_non_ascii(data):
            return data.decode("utf-8"), "utf-8", f"page declares charset '{declared}' but its bytes are UTF-8"
        try:
            text: str | None = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            if _looks_like_report(text):
                return text, codec, None
            try:
                d = decode_bytes(data)
            except (UndecodableError, UnicodeDecodeError):
                return text, codec, None
            if _looks_like_report(d.text):
                return d.text, d.encoding, f"page declares charset '{declared}' but reads as {d.encoding}"
            return text, codec, None
        note = f"page declares charset '{declared}' but its bytes do not fit it"
    d = decode_bytes(data)
    notes = [n for n in (note, d.note) if n]
    if note:
        notes[0] += f"; read as {d.encoding}"
    return d.text, d.encoding, "; ".join(notes) or None


def _binary_share(text: str) -> float:
    sample = text[:200000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample)


# --------------------------------------------------------------------------- tree helpers

_MARK = "data-disclosure-audit-skip"
_JUNK_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "template",
        "svg",
        "math",
        "canvas",
        "select",
        "option",
        "optgroup",
        "datalist",
        "button",
        "input",
        "textarea",
        "map",
        "audio",
        "video",
        "head",
        "title",
        "meta",
        "link",
        "base",
    }
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_WORDS = (
    "nav",
    "menu",
    "footer",
    "header",
    "share",
    "breadcrumb",
    "crumb",
    "sidebar",
    "toolbar",
    "copyright",
    "related",
    "location",
    "dqwz",
    "weizhi",
    "friendlink",
    "yqlj",
    "topbar",
    "search",
    "fontsize",
)
_CHROME_TEXT_START = re.compile(r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|当前所在位置|所在位置)")
_CHROME_TEXT = re.compile(
    r"分享到|扫一扫|打印本页|【打印】|\[打印\]|关闭窗口|【关闭】|\[关闭\]|字号[:：]?\s*[【\[]?大|版权所有|网站标识码|ICP备|公网安备|网站地图|返回顶部"
)
_CHROME_TEXT_MAX = 120
_CHROME_HINT = re.compile(f"{_CHROME_TEXT.pattern}|{_CHROME_TEXT_START.pattern.lstrip('^')}")
# Words of the official tables: a block holding several is report content, whatever its class says.
_REPORT_MARKERS = ("申请人情况", "勾稽关系", "本年新收", "予以公开", "第二十条", "信息内容", "行政复议", "行政诉讼")
_REPORT_MARKERS += ("复议后起诉", "总体情况", "主动公开")
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "plaintext",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "xmp",
    }
)
_TITLE_WORDS = re.compile(r"年度报告|年报|工作报告")
_URL = re.compile(r"^(?:https?://|www\.)", re.I)
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|ofd|zip|rar)(?:$|[?#])", re.I)
_MAX_SPAN = 200
_LAYOUT_CELL_CHARS = 500
_CORE_SHARE = 0.7
_META_NAMES = {"articletitle": "ArticleTitle", "pubdate": "PubDate", "contentsource": "ContentSource"}
_META_NAMES |= {"columnname": "ColumnName", "sitename": "SiteName", "keywords": "Keywords"}


def _tag(el: etree._Element) -> str | None:
    t = el.tag
    return t.lower() if isinstance(t, str) else None


def _skipped(el: etree._Element) -> bool:
    return el.get(_MARK) is not None


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and not _skipped(c)]


def _line_of(text: str | None, base: int) -> int:
    """Line where the first visible character of `text` sits, if the text starts on line `base`."""
    if not text:
        return base
    stripped = text.lstrip(" \t\r\n\f\u00a0")
    return base + text[: len(text) - len(stripped)].count("\n")


def _newlines_in(el: etree._Element) -> int:
    try:
        return etree.tostring(el, encoding="unicode", with_tail=False, method="html").count("\n")
    except (ValueError, etree.LxmlError):
        return 0


def _walk(el: etree._Element) -> Iterator[etree._Element]:
    """Pre-order over elements, not entering skipped ones."""
    stack = [el]
    while stack:
        e = stack.pop()
        yield e
        stack.extend(reversed(_children(e)))


def _visible_text(el: etree._Element) -> str:
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        e, done = stack.pop()
        if done:
            if e is not el and e.tail:
                parts.append(e.tail)
            continue
        if not isinstance(e.tag, str) or _skipped(e):
            if e is not el and e.tail:
                parts.append(e.tail)
            continue
        if _tag(e) in _BLOCK_TAGS or _tag(e) == "br":
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        stack.append((e, True))
        stack.extend((c, False) for c in reversed(list(e)))
    return "".join(parts)


def _span(value: str | None, limit: int) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    if not m:
        return 1
    n = int(m.group(1))
    if n == 0:
        return limit
    return max(1, min(n, limit))


def _class_words(el: etree._Element) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}".lower()


# --------------------------------------------------------------------------- page analysis


def _is_data_table(table: etree._Element) -> bool:
    if any(True for _ in table.iterdescendants("table")):
        return False
    cells = list(table.iter("td", "th"))
    if len(cells) < 2:
        return False
    return all(len(squash(_visible_text(c))) <= _LAYOUT_CELL_CHARS for c in cells)


def _weights(body: etree._Element) -> dict[etree._Element, int]:
    """Non-link visible text length of every element's subtree (a link's own text counts 0)."""
    order = list(_walk(body))
    w: dict[etree._Element, int] = {}
    for el in reversed(order):
        if _tag(el) == "a":
            w[el] = 0
            continue
        total = len(squash(el.text or ""))
        for c in el:
            if isinstance(c.tag, str) and not _skipped(c):
                total += w.get(c, 0)
            total += len(squash(c.tail or ""))
        w[el] = total
    return w


def _find_core(body: etree._Element, w: dict[etree._Element, int]) -> etree._Element:
    el = body
    while True:
        kids = _children(el)
        if not kids or not w.get(el):
            return el
        best = max(kids, key=lambda c: w.get(c, 0))
        if w.get(best, 0) < _CORE_SHARE * w[el]:
            return el
        if _tag(best) == "table" and _is_data_table(best):
            return el
        el = best


@dataclass
class _Title:
    el: etree._Element
    score: int
    pos: int


def _find_title(
    body: etree._Element, core: etree._Element, w: dict[etree._Element, int], article_title: str | None
) -> etree._Element | None:
    """The element printing the report title above the core (None when it is inside the core)."""
    pos = {el: i for i, el in enumerate(_walk(body))}
    core_pos = pos.get(core, 0)
    ancestors = set(core.iterancestors())
    want = squash(article_title or "")
    found: list[_Title] = []
    for el, i in pos.items():
        if i >= core_pos or el in ancestors or _tag(el) in (None, "a", "body", "html"):
            continue
        raw = el.text_content()
        if len(raw) > 400 or not _TITLE_WORDS.search(squash(raw)):
            continue
        text = squash(normalize_text(_visible_text(el)))
        if not (8 <= len(text) <= 60) or "。" in text or _CHROME_TEXT_START.match(text):
            continue
        if not (_TITLE_WORDS.search(text) and ("公开" in text or "政务" in text)):
            continue
        ancestors_of = list(el.iterancestors())
        if w.get(el, 0) < 0.5 * len(text) or any(_tag(a) == "a" for a in ancestors_of):
            continue
        table = next((a for a in ancestors_of if _tag(a) == "table"), None)
        if table is not None and _is_data_table(table):
            continue  # a cell of an info table: read as cells, never as a line
        score = 0
        if want and (text == want or want in text):
            score += 4
        tag = _tag(el) or ""
        if tag in ("h1", "h2", "h3"):
            score += 2
        elif tag in ("h4", "h5", "h6", "strong", "b"):
            score += 1
        if re.search(r"title|tit\b|bt\b|biaoti", _class_words(el)):
            score += 2
        found.append(_Title(el, score, i))
    # deepest qualifying element: drop those with a qualifying descendant
    els = {t.el for t in found}
    found = [t for t in found if not any(d in els for d in t.el.iterdescendants())]
    if not found:
        return None
    return max(found, key=lambda t: (t.score, t.pos)).el


def _is_chrome(el: etree._Element) -> bool:
    tag = _tag(el)
    if tag in _CHROME_TAGS:
        return True
    words = _class_words(el)
    if words.strip() and any(cw in words for cw in _CHROME_WORDS):
        return True
    if tag in _BLOCK_TAGS or tag in ("span", "font", "a"):
        raw = squash(el.text_content())  # cheap filter first: the visible text is a part of it
        if not raw or len(raw) > 4 * _CHROME_TEXT_MAX or not _CHROME_HINT.search(raw):
            return False
        text = squash(normalize_text(_visible_text(el)))
        if text and len(text) <= _CHROME_TEXT_MAX and (_CHROME_TEXT_START.match(text) or _CHROME_TEXT.search(text)):
            return True
    return False


def _holds_report(el: etree._Element) -> bool:
    text = squash(_visible_text(el))
    return sum(1 for m in _REPORT_MARKERS if m in text) >= 2


def _mark_chrome(body: etree._Element, keep: set[etree._Element]) -> list[tuple[int, str]]:
    """Mark chrome outside `keep` (the core and the title with their ancestors); return the
    publication dates the removed chrome showed, as (line, text)."""
    dates: list[tuple[int, str]] = []
    stack = _children(body)[::-1]
    while stack:
        el = stack.pop()
        if el not in keep and _is_chrome(el) and not _holds_report(el):
            pub = published_line(normalize_text(_visible_text(el)))
            if pub:
                dates.append((el.sourceline or 1, pub))
            el.set(_MARK, "chrome")
            continue
        stack.extend(_children(el)[::-1])
    return dates


# --------------------------------------------------------------------------- flattening


@dataclass
class _Frag:
    text: str
    line: int


@dataclass
class _Flat:
    items: list[TextLine | Segment] = field(default_factory=list)
    links: dict[int, list[str]] = field(default_factory=dict)  # id(item or cell) → hrefs
    core_start: int | None = None
    core_end: int | None = None
    title_start: int | None = None
    attachments: list[str] = field(default_factory=list)


class _Flattener:
    def __init__(self, core: etree._Element, title: etree._Element | None) -> None:
        self.core = core
        self.title = title
        self.out = _Flat()
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
        self.buf.append(_Frag(text, _line_of(text, self.cursor)))
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
        rows = [tr for tr in table.iter("tr") if not _skipped(tr)]
        seg = Segment(rows_known=True)
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(rows):
            self.row += 1
            c = 0
            for td in tr.iter("td", "th"):
                if _skipped(td) or any(_skipped(a) for a in td.iterancestors() if a is not tr):
                    continue
                while (r, c) in taken:
                    c += 1
                rs = _span(td.get("rowspan"), len(rows) - r)
                cs = _span(td.get("colspan"), _MAX_SPAN)
                for dr in range(rs):
                    for dc in range(cs):
                        taken.add((r + dr, c + dc))
                text, line, links = self.cell(td)
                cell = RawCell(text=text, line=line, row=self.row)
                seg.cells.append(cell)
                if links:
                    self.out.links[id(cell)] = links
                c += cs
        if seg.cells:
            self.out.items.append(seg)

    def cell(self, td: etree._Element) -> tuple[str, int, list[str]]:
        pieces: list[str] = [""]
        links: list[str] = []
        first_line: int | None = None
        stack: list[tuple[etree._Element, bool]] = [(td, False)]
        while stack:
            e, done = stack.pop()
            tag = _tag(e)
            if done:
                if tag in _BLOCK_TAGS:
                    pieces.append("")
                if e is not td and e.tail:
                    pieces[-1] += e.tail
                continue
            if tag is None or _skipped(e):
                if e is not td and e.tail:
                    pieces[-1] += e.tail
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                pieces.append("")
            if tag == "a":
                href = (e.get("href") or "").strip()
                if _URL.match(href):
                    links.append(href)
                if _ATTACHMENT.search(href):
                    self.out.attachments.append(href)
            if e.text:
                if first_line is None and e.text.strip(" \t\r\n\f\u00a0"):
                    first_line = _line_of(e.text, e.sourceline or td.sourceline or self.cursor)
                pieces[-1] += e.text
            stack.append((e, True))
            stack.extend((c, False) for c in reversed(list(e)))
        text = join_pieces([normalize_text(p) for p in pieces])
        return text, first_line or td.sourceline or self.cursor, links

    # -- the walk
    def run(self, body: etree._Element) -> _Flat:
        stack: list[tuple[etree._Element, bool]] = [(body, False)]
        while stack:
            el, done = stack.pop()
            tag = _tag(el)
            if done:
                self.end(el, tag)
                continue
            if tag is None or _skipped(el):
                block = tag in _BLOCK_TAGS
                if block:
                    self.flush()
                self.cursor = (el.sourceline or self.cursor) + _newlines_in(el)
                if block:
                    self.flush()
                self.add(el.tail)
                continue
            self.start(el, tag)
            if tag == "table" and _is_data_table(el):
                self.flush()
                for cap in el.iter("caption"):
                    if not _skipped(cap) and (text := normalize_text(_visible_text(cap))):
                        self.out.items.append(
                            TextLine(text=text, line=_line_of(cap.text, cap.sourceline or self.cursor))
                        )
                self.table(el)
                self.cursor = (el.sourceline or self.cursor) + _newlines_in(el)
                self.end(el, tag)
                continue
            stack.append((el, True))
            stack.extend((c, False) for c in reversed(list(el)))
        self.flush()
        return self.out

    def start(self, el: etree._Element, tag: str) -> None:
        if tag in _BLOCK_TAGS or tag == "br" or el is self.core or el is self.title:
            self.flush()
        if el is self.core:
            self.out.core_start = len(self.out.items)
        if el is self.title:
            self.out.title_start = len(self.out.items)
        if el.sourceline:
            self.cursor = el.sourceline
        if tag in ("pre", "xmp", "listing", "plaintext"):
            self.pre += 1
        if tag == "a":
            self.link(el)
        self.add(el.text)

    def end(self, el: etree._Element, tag: str) -> None:
        if tag in _BLOCK_TAGS or el is self.core or el is self.title:
            self.flush()
        if el is self.core:
            self.out.core_end = len(self.out.items)
        if tag in ("pre", "xmp", "listing", "plaintext"):
            self.pre = max(0, self.pre - 1)
        self.add(el.tail)


# --------------------------------------------------------------------------- assembly


def _select_range(flat: _Flat) -> tuple[int, int]:
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
        if not s or len(s) > 30 or not (_ORG_SUFFIX.search(s) or _DATE_LINE.match(s)):
            break
        end += 1
        extra += 1
    return start, end


def _first_line(item: TextLine | Segment) -> int:
    return item.line if isinstance(item, TextLine) else item.cells[0].line


def _keep_publication_date(
    items: list[TextLine | Segment], flat: _Flat, start: int, chrome_dates: list[tuple[int, str]]
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


def _renumber(items: list[TextLine | Segment]) -> str | None:
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
    return "blocks of this page share source lines (minified HTML): line numbers count rendered lines"


def _lines_for(items: list[TextLine | Segment], links: dict[int, list[str]], n_source: int) -> list[str]:
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


def _metadata(root: etree._Element) -> dict[str, str]:
    md: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None:
        t = normalize_text(title.text_content())
        if t:
            md["title"] = t
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        if name in _META_NAMES and (content := normalize_text(meta.get("content") or "")):
            md.setdefault(_META_NAMES[name], content)
    return md


def _parse(text: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)
    parser = lxml_html.HTMLParser(remove_pis=True, huge_tree=True)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise UnreadableFileError(f"cannot parse HTML: {exc}") from exc


_HAS_TAG = re.compile(r"<\s*(?:html|body|head|div|p|table|br|span|meta|title|!doctype)\b", re.I)


def read_html(path: Path) -> Document:
    data = _read_bytes(path)
    try:
        return _read_html(path, data)
    except UnreadableFileError:
        raise
    except Exception as exc:  # lxml and friends: a page we cannot read is a finding, never a crash
        raise UnreadableFileError(f"cannot read HTML: {type(exc).__name__}: {exc}") from exc


def _read_html(path: Path, data: bytes) -> Document:
    for magic, what in _MAGIC:
        if data.lstrip()[: len(magic)] == magic:
            raise UnreadableFileError(f"file is {what}")
    try:
        text, encoding, enc_note = decode_html(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(str(exc)) from exc
    if _binary_share(text) > 0.01:
        raise UnreadableFileError("binary data, not an HTML page")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes = [enc_note] if enc_note else []
    n_source = text.count("\n") + 1
    if not _HAS_TAG.search(text[:65536]):
        notes.append("file has no HTML markup; read as plain text")
        return Document(path=path, source_format="html", lines=text.split("\n"), encoding=encoding, notes=notes)

    root = _parse(text)
    metadata = _metadata(root)
    for el in root.iter():
        if _tag(el) in _JUNK_TAGS:
            el.set(_MARK, "junk")
    body = root.find("body")
    if body is None:
        body = root
    body.attrib.pop(_MARK, None)

    w = _weights(body)
    core = _find_core(body, w)
    title = _find_title(body, core, w, metadata.get("ArticleTitle"))
    keep = {core, *core.iterancestors()}
    if title is not None:
        keep |= {title, *title.iterancestors()}
    chrome_dates = _mark_chrome(body, keep)

    flat = _Flattener(core, title).run(body)
    start, end = _select_range(flat)
    items = flat.items[start:end]

    _keep_publication_date(items, flat, start, chrome_dates)

    has_text = any(isinstance(i, TextLine) or any(c.text for c in i.cells) for i in items)
    if not has_text:
        if any(True for _ in body.iter("img")):
            notes.append("page shows images and no text: a scanned report?")
            return Document(
                path=path,
                source_format="html",
                lines=[],
                encoding=encoding,
                notes=notes,
                layout=Layout(name="html", items=[]),
                metadata=metadata,
                machine_readable=False,
            )
        raise UnreadableFileError("HTML page has no text")

    renumber_note = _renumber(items)
    if renumber_note:
        notes.append(renumber_note)
        n_source = 0
    if flat.attachments and not any(
        isinstance(i, TextLine) and re.match(r"^[一二三四五六][、.．]", i.text) for i in items
    ):
        shown = ", ".join(dict.fromkeys(flat.attachments))
        notes.append(f"page links to attachment(s) {shown}; the report may be in the attachment")
    lines = _lines_for(items, flat.links, n_source)
    return Document(
        path=path,
        source_format="html",
        lines=lines,
        encoding=encoding,
        notes=notes,
        layout=Layout(name="html", items=items),
        metadata=metadata,
    )
