"""Site chrome: what a government site wraps around a report, and the report inside it.

The *core* is found by descending from <body> into the child that holds most of the non-link text;
the report title is looked for above it (sites often print it outside the article box). Chrome —
nav/header/footer/aside, elements whose id or class says nav, menu, share, breadcrumb…, and short
blocks such as 当前位置… or 版权所有… — is marked to be skipped, unless it holds the core, the title
or several words of the official tables. A publication date the chrome showed is handed back, so the
page's date is not lost with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ...zhtext.chars import squash
from ...zhtext.dates import published_date
from ...zhtext.words import TITLE_WORD, is_report_title
from ..whitespace import normalize_text
from .grid import is_data_table
from .tree import BLOCK_TAGS, MARK, children, class_words, skipped, tag, visible_text, walk

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
_CORE_SHARE = 0.7
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def published_line(text: str) -> str | None:
    """`发布日期：2024-01-20` from a page element showing the publication date (chrome or an info
    table), as a line the metadata reader takes."""
    found = published_date(text)
    return f"{found[0]}：{found[1]}" if found else None


def weights(body: etree._Element) -> dict[etree._Element, int]:
    """Non-link visible text length of every element's subtree (a link's own text counts 0)."""
    order = list(walk(body))
    w: dict[etree._Element, int] = {}
    for el in reversed(order):
        if tag(el) == "a":
            w[el] = 0
            continue
        total = len(squash(el.text or ""))
        for c in el:
            if isinstance(c.tag, str) and not skipped(c):
                total += w.get(c, 0)
            total += len(squash(c.tail or ""))
        w[el] = total
    return w


def find_core(body: etree._Element, w: dict[etree._Element, int]) -> etree._Element:
    el = body
    while True:
        kids = children(el)
        if not kids or not w.get(el):
            return el
        best = max(kids, key=lambda c: w.get(c, 0))
        if w.get(best, 0) < _CORE_SHARE * w[el]:
            return el
        if tag(best) == "table" and is_data_table(best):
            return el
        el = best


@dataclass
class _Title:
    el: etree._Element
    score: int
    pos: int


def find_title(
    body: etree._Element, core: etree._Element, w: dict[etree._Element, int], article_title: str | None
) -> etree._Element | None:
    """The element printing the report title above the core (None when it is inside the core)."""
    pos = {el: i for i, el in enumerate(walk(body))}
    core_pos = pos.get(core, 0)
    ancestors = set(core.iterancestors())
    want = squash(article_title or "")
    found: list[_Title] = []
    for el, i in pos.items():
        if i >= core_pos or el in ancestors or tag(el) in (None, "a", "body", "html"):
            continue
        raw = el.text_content()
        if len(raw) > 400 or not TITLE_WORD.search(squash(raw)):
            continue
        text = squash(normalize_text(visible_text(el)))
        if not (8 <= len(text) <= 60) or "。" in text or _CHROME_TEXT_START.match(text):
            continue
        if not is_report_title(text):
            continue
        ancestors_of = list(el.iterancestors())
        if w.get(el, 0) < 0.5 * len(text) or any(tag(a) == "a" for a in ancestors_of):
            continue
        table = next((a for a in ancestors_of if tag(a) == "table"), None)
        if table is not None and is_data_table(table):
            continue  # a cell of an info table: read as cells, never as a line
        score = 0
        if want and (text == want or want in text):
            score += 4
        name = tag(el) or ""
        if name in ("h1", "h2", "h3"):
            score += 2
        elif name in ("h4", "h5", "h6", "strong", "b"):
            score += 1
        if re.search(r"title|tit\b|bt\b|biaoti", class_words(el)):
            score += 2
        found.append(_Title(el, score, i))
    # deepest qualifying element: drop those with a qualifying descendant
    els = {t.el for t in found}
    found = [t for t in found if not any(d in els for d in t.el.iterdescendants())]
    if not found:
        return None
    return max(found, key=lambda t: (t.score, t.pos)).el


def _is_chrome(el: etree._Element) -> bool:
    name = tag(el)
    if name in _CHROME_TAGS:
        return True
    words = class_words(el)
    if words.strip() and any(cw in words for cw in _CHROME_WORDS):
        return True
    if name in BLOCK_TAGS or name in ("span", "font", "a"):
        raw = squash(el.text_content())  # cheap filter first: the visible text is a part of it
        if not raw or len(raw) > 4 * _CHROME_TEXT_MAX or not _CHROME_HINT.search(raw):
            return False
        text = squash(normalize_text(visible_text(el)))
        if text and len(text) <= _CHROME_TEXT_MAX and (_CHROME_TEXT_START.match(text) or _CHROME_TEXT.search(text)):
            return True
    return False


def _holds_report(el: etree._Element) -> bool:
    text = squash(visible_text(el))
    return sum(1 for m in _REPORT_MARKERS if m in text) >= 2


def mark_chrome(body: etree._Element, keep: set[etree._Element]) -> list[tuple[int, str]]:
    """Mark chrome outside `keep` (the core and the title with their ancestors); return the
    publication dates the removed chrome showed, as (line, text)."""
    dates: list[tuple[int, str]] = []
    stack = children(body)[::-1]
    while stack:
        el = stack.pop()
        if el not in keep and _is_chrome(el) and not _holds_report(el):
            pub = published_line(normalize_text(visible_text(el)))
            if pub:
                dates.append((el.sourceline or 1, pub))
            el.set(MARK, "chrome")
            continue
        stack.extend(children(el)[::-1])
    return dates
