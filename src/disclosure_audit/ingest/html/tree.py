"""Walking a parsed page: element names, the skip mark, visible text, source lines.

Elements the reader drops (scripts, form controls, site chrome) are not removed from the tree but
marked with the attribute `MARK`, so source lines of what follows stay right; every walk here steps
over marked elements.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

MARK = "data-disclosure-audit-skip"
# never text of the page: scripts, styles, embedded objects, form controls, the <head>
JUNK_TAGS = frozenset(
    [
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
    ]
)
# elements that start and end a line of text
BLOCK_TAGS = frozenset(
    [
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
    ]
)


def tag(el: etree._Element) -> str | None:
    t = el.tag
    return t.lower() if isinstance(t, str) else None


def skipped(el: etree._Element) -> bool:
    return el.get(MARK) is not None


def children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and not skipped(c)]


def line_of(text: str | None, base: int) -> int:
    """Line where the first visible character of `text` sits, if the text starts on line `base`."""
    if not text:
        return base
    stripped = text.lstrip(" \t\r\n\f\u00a0")
    return base + text[: len(text) - len(stripped)].count("\n")


def newlines_in(el: etree._Element) -> int:
    try:
        return etree.tostring(el, encoding="unicode", with_tail=False, method="html").count("\n")
    except (ValueError, etree.LxmlError):
        return 0


def walk(el: etree._Element) -> Iterator[etree._Element]:
    """Pre-order over elements, not entering skipped ones."""
    stack = [el]
    while stack:
        e = stack.pop()
        yield e
        stack.extend(reversed(children(e)))


def visible_text(el: etree._Element) -> str:
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        e, done = stack.pop()
        if done:
            if e is not el and e.tail:
                parts.append(e.tail)
            continue
        if not isinstance(e.tag, str) or skipped(e):
            if e is not el and e.tail:
                parts.append(e.tail)
            continue
        if tag(e) in BLOCK_TAGS or tag(e) == "br":
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        stack.append((e, True))
        stack.extend((c, False) for c in reversed(list(e)))
    return "".join(parts)


def class_words(el: etree._Element) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}".lower()
