"""What a website crawler saves of a report page: four header lines from the site's metadata, then
the whole article on ONE line, the way `element.textContent` flattens a minified page.

The page is the real HTML twin of `tests/test_html_docx.py` (`article_of` + `render_html`, inside the
site chrome of `fixtures/hostile/page_template.html`) as one site serves it: its own breadcrumb,
tool bar, page ending and related links, and 2–4 stray ASCII spaces typed into table labels and
headings (`社会公益 组织`, `本年度办 理结果`, `1.属于国家 秘密`), as pages keyed in by hand have them.
The crawler parses those bytes with lxml, drops script/style, takes the breadcrumb and the article
cell, and joins their text nodes in document order. Whitespace between block elements is gone (the
crawler, like `textContent` of a minified page, adds nothing there), whitespace inside text is
collapsed to one space (NBSP and U+3000 too), and nothing is put between blocks or table cells:

    当前位置：首页 > 政务公开 > 政府信息公开年报 … 一、总体情况2022年，…
    一、本年新收政府信息公开申请数量566002165二、上年结转政府信息公开申请数量31000004…
    5.属于三类内部事务信息00000006.属于四类过程性信息1000001…

A `<br>` inside a cell adds nothing either (`社会公益<br>组织` → `社会公益组织`).

Deterministically from `seed`: the site's chrome and related links, whether the crawler keeps the
article title in the body, the page's charset (UTF-8 or GB2312), the link's number and the time.
"""

from __future__ import annotations

import csv
import html as htmlmod
import random
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"

BREADCRUMBS = [
    ["首页", "政务公开", "政府信息公开年报"],
    ["首页", "信息公开", "法定主动公开内容", "政府信息公开年度报告"],
    ["网站首页", "政府信息公开", "年度报告"],
    ["首页", "政务公开", "政府信息公开", "政府信息公开年报"],
]
BREADCRUMB_LEADS = ["当前位置：", "当前位置： ", "您当前的位置：", "您现在的位置："]
TOOLBARS = [  # after 发布日期/来源, before the article
    "字号：<a>大</a> <a>中</a> <a>小</a> <a>微信</a> <a>微博</a> <a>QQ空间</a> <a>打印本页</a> <a>关闭窗口</a>",
    "【字体：<a>大</a> <a>中</a> <a>小</a>】 分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a>",
    "[ <a>大</a> <a>中</a> <a>小</a> ] <a>打印</a> <a>关闭</a>",
    "浏览次数：<span>1024</span> 字号：<a>大</a> <a>中</a> <a>小</a> 分享：",
]
ENDINGS = [  # after the article
    "【<a>打印本页</a>】【<a>关闭窗口</a>】",
    "扫一扫在手机打开当前页 【<a>打印</a>】【<a>关闭</a>】",
    "<a>打印本页</a> <a>关闭窗口</a> 【<a>我要纠错</a>】",
    "【<a>我要纠错</a>】【<a>打印本页</a>】【<a>关闭窗口</a>】 <a>返回顶部</a>",
]
# elements whose surrounding whitespace a minifier removes (a browser would not render it either)
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol",
    "p", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASCII_WS = re.compile(r"^[ \t\r\n\f]*$")


@dataclass
class CrawlerPage:
    text: str  # the crawler's file: header lines, then the body on one line
    html_path: Path | None = None  # the page it was made from, when written to a folder
    strays: list[tuple[str, str]] = field(default_factory=list)  # (label or heading, as it now reads)
    title: str = ""
    published: str = ""  # YYYY-MM-DD HH:MM
    agency: str = ""
    url: str = ""
    article: tuple[int, int] = (0, 0)  # where the article (without the page chrome) is in `text`


def manifest() -> dict[str, dict[str, str]]:
    path = DEMO / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def _is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in BLOCK


def flat_text(root) -> str:
    """`textContent` of a minified page: text nodes in document order, whitespace-only nodes next to
    a block element dropped, nothing added between elements; then whitespace runs → one space."""
    parts: list[str] = []

    def keep(s: str | None, inline_both_sides: bool) -> None:
        if not s:
            return
        if _ASCII_WS.match(s) and not inline_both_sides:
            return
        parts.append(s)

    def walk(el) -> None:
        if isinstance(el.tag, str):
            kids = list(el)
            keep(el.text, not _is_block(el) and (not kids or not _is_block(kids[0])))
            for i, child in enumerate(kids):
                walk(child)
                nxt = kids[i + 1] if i + 1 < len(kids) else None
                inline_after = (not _is_block(nxt)) if nxt is not None else not _is_block(el)
                keep(child.tail, not _is_block(child) and inline_after)

    walk(root)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _replace_children(el, inner_html: str) -> None:
    for child in list(el):
        el.remove(child)
    frag = lxml_html.fragment_fromstring(f"<span>{inner_html}</span>")
    el.text = frag.text
    for child in frag:
        el.append(child)


def _text_slots(el) -> list[tuple[object, str]]:
    """(element, 'text'|'tail') slots holding the text inside `el`."""
    slots: list[tuple[object, str]] = []
    for sub in el.iter():
        if not isinstance(sub.tag, str):
            continue
        if sub.text and sub.text.strip():
            slots.append((sub, "text"))
        for child in sub:
            if child.tail and child.tail.strip():
                slots.append((child, "tail"))
    return slots


def _insert_strays(zoom, rng: random.Random) -> list[tuple[str, str]]:
    """2–4 stray spaces between two CJK characters of table labels and headings (at least one label
    and, when there are headings, at least one heading); returns (original, damaged) pairs."""
    labels = []
    for td in zoom.iter("td"):
        text = "".join(td.itertext()).strip()
        if len(_CJK.findall(text)) >= 4 and not re.search(r"\d{2,}", text):
            labels.append(td)
    headings = [s for s in zoom.iter("strong") if len(_CJK.findall("".join(s.itertext()))) >= 4]
    n = rng.randint(2, 4)
    chosen = rng.sample(labels, min(len(labels), n - (1 if headings else 0)))
    if headings:
        chosen += rng.sample(headings, 1)
    out = []
    for el in chosen:
        before = re.sub(r"\s+", "", "".join(el.itertext()))
        slots = [
            (node, attr, i)
            for node, attr in _text_slots(el)
            for i in range(1, len(getattr(node, attr)))
            if _CJK.match(getattr(node, attr)[i - 1]) and _CJK.match(getattr(node, attr)[i])
        ]
        if not slots:
            continue
        node, attr, i = rng.choice(slots)
        s = getattr(node, attr)
        setattr(node, attr, s[:i] + " " + s[i:])
        out.append((before, re.sub(r"[\s\u00a0]+", " ", "".join(el.itertext())).strip()))
    return out


def _link(name: str, published: date, row: dict[str, str] | None, rng: random.Random) -> str:
    parts = [p for p in Path(name).stem.split("_")[1:-1] if p not in {"clean", "untitled", "scan"}]
    host = f"www.{parts[0] if parts else 'example'}.gov.cn"
    if row and (m := re.match(r"https?://([^/]+)/", row.get("url", ""))):
        host = m.group(1)
    dept = parts[-1] if parts else "zwgk"
    section = rng.choice(["xxgk", "zwgk", "govinfo"])
    return (
        f"http://{host}/{section}/{dept}/ndbg/{published:%Y%m}/t{published:%Y%m%d}_{rng.randint(100000, 9999999)}.html"
    )


def _site_page(page: str, charset: str, report, row: dict[str, str] | None, rng: random.Random):
    """The HTML twin as this site serves it: its own breadcrumb, tool bar, page ending and related
    links, and 2–4 stray spaces typed into table labels and headings. Returns (bytes, strays)."""
    tree = lxml_html.document_fromstring(page).getroottree()
    root = tree.getroot()
    position = root.find_class("position")[0]
    crumbs = rng.choice(BREADCRUMBS)
    lead = rng.choice(BREADCRUMB_LEADS)
    _replace_children(position, htmlmod.escape(lead) + " &gt; ".join(f"<a>{c}</a>" for c in crumbs))
    for span in root.find_class("font-size"):
        span.drop_tree()
    for bar in root.find_class("bdsharebuttonbox"):
        _replace_children(bar, rng.choice(TOOLBARS))
    for end in root.find_class("print-close"):
        _replace_children(end, rng.choice(ENDINGS))
    for rel in root.find_class("xgwz"):
        if rng.random() < 0.5:
            rel.drop_tree()
            continue
        # the same agency's other pages: last year's report, this year's 解读
        agency = report.agency or (row or {}).get("agency") or "本机关"
        year = report.year or 2020
        items = [
            (f"{agency}{year - 1}年政府信息公开工作年度报告", f"{year}-01-{rng.randint(10, 28)}"),
            (f"一图读懂{agency}{year}年政府信息公开工作年度报告", f"{year + 1}-02-{rng.randint(1, 20):02d}"),
        ]
        lis = "".join(f"<li><a>{htmlmod.escape(t)}</a> <span>发布时间：{d}</span></li>" for t, d in items)
        _replace_children(rel, f"相关文章：<ul>{lis}</ul>")
    strays = _insert_strays(root.get_element_by_id("zoom"), rng)
    html = lxml_html.tostring(tree, encoding="unicode", doctype=tree.docinfo.doctype)
    # lxml leaves the charset declaration out of a text serialization: put the site's back
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    html = re.sub(r"<head>\s*", lambda m: f"<head>\n{meta}\n", html, count=1)
    return html.encode("gb18030" if charset == "gb2312" else "utf-8"), strays


def crawler_page(report_name: str, seed: int, tmp_dir: Path | None = None) -> CrawlerPage:
    """The crawler's view of demo report `report_name`'s web page (see the module doc)."""
    from tests.test_html_docx import article_of, render_html  # the HTML twin

    rng = random.Random(f"crawler:{report_name}:{seed}")
    art = article_of(report_name)
    report = art.report
    row = manifest().get(report_name)
    charset = rng.choice(["utf-8", "utf-8", "gb2312"])
    data, strays = _site_page(render_html(art, charset), charset, report, row, rng)
    keep_title = rng.random() < 0.5  # some crawlers keep the article title in the body
    html_path = None
    if tmp_dir is not None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
        html_path = tmp_dir / f"{Path(report_name).stem}.html"
        html_path.write_bytes(data)

    # ---- the crawler: parse the bytes, drop script/style, take the breadcrumb and the article cell
    root = lxml_html.document_fromstring(data)
    etree.strip_elements(root, "script", "style", with_tail=False)
    if keep_title is False:
        for h1 in root.iter("h1"):
            h1.drop_tree()
    position = root.find_class("position")[0]
    content = root.find_class("content-td")[0]
    body = flat_text(position) + " " + flat_text(content)
    article = flat_text(root.get_element_by_id("zoom"))

    # ---- the site's metadata
    pub = report.published or (row or {}).get("published") or f"{(report.year or 2000) + 1}-01-31"
    pub_date = date.fromisoformat(str(pub))
    when = f"{pub_date.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    agency = report.agency or (row or {}).get("agency") or ""
    title = report.title or f"{report.year}年政府信息公开工作年度报告"
    url = _link(report_name, pub_date, row, rng)
    text = f"标题: {title}\n发布时间: {when}\n发布机构: {agency}\n原文链接: {url}\n{body}\n"
    start = text.index(article)
    return CrawlerPage(text, html_path, strays, title, when, agency, url, (start, start + len(article)))


def crawler_text(report_name: str, seed: int, tmp_dir: Path | None = None) -> str:
    """The crawler's file for demo report `report_name` (header lines, body on one line)."""
    return crawler_page(report_name, seed, tmp_dir).text
