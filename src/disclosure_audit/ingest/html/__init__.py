"""HTML pages → the same blocks the text reader produces (TextLines and table Segments).

Government sites wrap a report in site chrome (navigation, breadcrumbs, share buttons, footers that
say 首页 or 总计) and often in layout tables, while the report's own tables use rowspan/colspan just
like the official format. The reader keeps the report and drops the chrome, one module a step:

1. `charset`: bytes → text: BOM, then the page's declared charset (GBK/GB2312 read as GB18030), then
   `decode_bytes`; a declared charset the bytes contradict is overruled with a note;
2. script/style/form controls/frames are marked to be skipped (`tree`);
3. `chrome`: the *core* is found by descending from <body> into the child that holds most of the
   non-link text; chrome (nav/header/footer/aside, id/class words such as nav, menu, share,
   breadcrumb, and short blocks such as 当前位置… or 版权所有…) is dropped unless it holds the core or
   the report title;
4. `flatten`: the page → lines and table cells in document order; every <table> without nested
   tables is a data table (`grid`: one Segment, one physical row per <tr>, each cell once at its
   origin with its column, spans resolved and bounded); other tables are layout and their text
   becomes lines;
5. `assemble`: the kept range runs from the report title (often printed above the core) to the end
   of the core plus a trailing signature; a publication date shown outside that range is kept as a
   line.

`line` is the HTML source line, so findings point into the file. Pages that put many blocks on one
source line (minified HTML) are numbered by rendered lines instead, and say so in a note.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .. import Document, Note, UnreadableFileError, _read_bytes
from ..blocks import Layout, TextLine
from ..decode import UndecodableError
from ..notes import reader_note
from ..whitespace import normalize_text
from .assemble import keep_publication_date, lines_for, renumber, select_range
from .charset import MAGIC, XML_DECL, binary_share, decode_html
from .chrome import find_core, find_title, mark_chrome, weights
from .flatten import Flattener
from .tree import JUNK_TAGS, MARK, tag

__all__ = ["decode_html", "read_html"]

_META_NAMES = {"articletitle": "ArticleTitle", "pubdate": "PubDate", "contentsource": "ContentSource"}
_META_NAMES |= {"columnname": "ColumnName", "sitename": "SiteName", "keywords": "Keywords"}


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


def _parse(text: str) -> tuple[etree._Element, Note | None]:
    """The tree, and a reading loss when libxml2 gave up part-way (a fatal error such as nesting
    deeper than its 2048-level limit: unclosed <font> or <div> tags in a long page). It then keeps what
    came before and silently drops the rest, so the rest must be named as missing — a report with its
    later sections gone would otherwise be charged with leaving them out."""
    text = XML_DECL.sub("", text, count=1)
    parser = lxml_html.HTMLParser(remove_pis=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise UnreadableFileError(f"cannot parse HTML: {exc}") from exc
    fatal = next((e for e in parser.error_log if e.level_name == "FATAL"), None)
    if fatal is None:
        return root, None
    why = re.sub(r",?\s*use XML_PARSE_HUGE option", "", fatal.message.strip())[:200]
    loss = Note(
        code="page-unread",
        message=f"the HTML parser stopped at source line {fatal.line} ({why}); the rest of the page is missing "
        "from the audit",
        zh=f"网页自源码第{fatal.line}行起无法解析（{why}），其后内容未能审查",
    )
    return root, loss


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
    for magic, what in MAGIC:
        if data.lstrip()[: len(magic)] == magic:
            raise UnreadableFileError(f"file is {what}")
    try:
        text, encoding, enc_notes = decode_html(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(str(exc)) from exc
    if binary_share(text) > 0.01:
        raise UnreadableFileError("binary data, not an HTML page")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes = list(enc_notes)
    n_source = text.count("\n") + 1
    if not _HAS_TAG.search(text[:65536]):
        notes.append(reader_note("file has no HTML markup; read as plain text", "文件没有HTML标记，已按纯文本读取"))
        return Document(path=path, source_format="html", lines=text.split("\n"), encoding=encoding, notes=notes)

    root, parse_loss = _parse(text)
    if parse_loss is not None:
        notes.append(parse_loss)
    metadata = _metadata(root)
    for el in root.iter():
        if tag(el) in JUNK_TAGS:
            el.set(MARK, "junk")
    body = root.find("body")
    if body is None:
        body = root
    body.attrib.pop(MARK, None)

    w = weights(body)
    core = find_core(body, w)
    title = find_title(body, core, w, metadata.get("ArticleTitle"))
    keep = {core, *core.iterancestors()}
    if title is not None:
        keep |= {title, *title.iterancestors()}
    chrome_dates = mark_chrome(body, keep)

    flat = Flattener(core, title).run(body)
    notes += flat.notes
    start, end = select_range(flat)
    items = flat.items[start:end]

    keep_publication_date(items, flat, start, chrome_dates)

    has_text = any(isinstance(i, TextLine) or any(c.text for c in i.cells) for i in items)
    if not has_text and parse_loss is not None:
        raise UnreadableFileError(f"HTML page has no text: {parse_loss.message}")
    if not has_text:
        if any(True for _ in body.iter("img")):
            notes.append(
                reader_note("page shows images and no text: a scanned report?", "网页只有图片、没有文字：可能是扫描件")
            )
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

    renumber_note = renumber(items)
    if renumber_note:
        notes.append(renumber_note)
        n_source = 0
    if flat.attachments and not any(
        isinstance(i, TextLine) and re.match(r"^[一二三四五六][、.．]", i.text) for i in items
    ):
        shown = ", ".join(dict.fromkeys(flat.attachments))
        notes.append(
            reader_note(
                f"page links to attachment(s) {shown}; the report may be in the attachment",
                f"网页链接了附件{shown}，报告可能在附件中",
            )
        )
    lines = lines_for(items, flat.links, n_source)
    return Document(
        path=path,
        source_format="html",
        lines=lines,
        encoding=encoding,
        notes=notes,
        layout=Layout(name="html", items=items),
        metadata=metadata,
    )
