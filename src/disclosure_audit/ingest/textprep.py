"""Plain text as it is found in the wild → lines the extractor can read, with what was around them.

* A crawler's header block (`标题: … / 发布时间: … / 发布机构: … / 原文链接: …`) becomes metadata; the
  发布时间 is the page's online date, kept apart from a signature date.
* Site chrome (`当前位置：首页 > …`, `字号：大 中 小`, `微信 微博 QQ空间`, `打印本页 关闭窗口`) before
  the report's first words and after its signature is blanked out.
* A body saved on ONE line is re-flowed: a line break before every section heading and after it,
  before each table's caption, and after every 。, so headings, tables and sentences become lines.
  Each new line remembers where it starts in the source (`origin`).
* Page furniture: form feeds (`pdftotext`) mark pages; page numbers (`-3-`, `— 5 —`, `第3页`) and
  running headers repeated next to page breaks are listed so tables and paragraphs skip them.
* Markdown decoration (`## 一、总体情况`, `**一、总体情况**`, `<br>`) is removed from the copy the
  reader works on (`clean`); `lines` keeps the text as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..zhtext.chars import cjk_count, squash
from ..zhtext.dates import WRITTEN_DATE, YEAR, find_date
from ..zhtext.pages import is_page_number
from ..zhtext.words import REPORT_NAME
from .notes import Note, reader_note

_HEADER_FIELD = re.compile(
    r"^\s*(标题|题目|文章标题|发布时间|发布日期|发文日期|成文日期|发布机构|发文机关|发布单位|来源|信息来源|"
    r"原文链接|原文地址|链接|网址|URL|url|索引号|文号|发文字号|主题分类|作者|浏览次数|访问量)\s*[:：]\s*(.*?)\s*$"
)
_FIELD_KEY = {
    "标题": "title",
    "题目": "title",
    "文章标题": "title",
    "发布时间": "published",
    "发布日期": "published",
    "发文日期": "published",
    "发布机构": "agency",
    "发文机关": "agency",
    "发布单位": "agency",
    "来源": "source",
    "信息来源": "source",
    "原文链接": "url",
    "原文地址": "url",
    "链接": "url",
    "网址": "url",
    "URL": "url",
    "url": "url",
}

_CHROME = re.compile(
    r"当前位置\s*[:：]?(?:\s*[^\s>＞»]{1,16}\s*[>＞»])+\s*(?:[^\s>＞»。，]{1,12})?|"
    r"您(?:当前)?所在(?:的)?位置\s*[:：]?(?:\s*[^\s>＞»]{1,16}\s*[>＞»])+|"
    r"字号\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?|"
    r"分享到\s*[:：]?|微信|微博|QQ空间|QQ好友|腾讯微博|新浪微博|打印本页|打印此页|关闭窗口|关闭本页|"
    r"[【\[]\s*(?:打印|关闭|收藏|返回顶部|纠错)\s*[】\]]|扫一扫在手机(?:上)?(?:打开|查看)当前页|"
    r"(?:浏览|访问|阅读)(?:次数|量)\s*[:：]?\s*\d*|返回顶部|网站地图|无障碍|长者模式"
)
_MD_HEADING = re.compile(r"^(\s*)#{1,6}\s+")
_MD_BOLD_LINE = re.compile(r"^(\s*)(?:\*\*|__)(.+?)(?:\*\*|__)\s*$")
_MD_QUOTE = re.compile(r"^(\s*)>\s?")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADING_ORD = re.compile(r"(?:[一二三四五六七八九十]{1,2}|[1-9])\s*[、.．]\s*")
_LONG_LINE = 400
# what the report's own text opens with: its legal basis, its first section, or its name
_BODY_OPENING = re.compile(rf"根据《|[一二三]\s*、\s*(?:总体情况|基本情况)|{REPORT_NAME.pattern}")


@dataclass
class Prepared:
    lines: list[str]
    clean: list[str]
    furniture: set[int] = field(default_factory=set)
    origin: dict[int, tuple[int, int]] = field(default_factory=dict)
    pages: dict[int, int] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def prepare(text: str, headings: list[str], table_starts: list[str]) -> Prepared:
    """`headings`: the six section headings and their variants (template data); `table_starts`:
    words that open a table (captions, header words), for re-flowing a one-line body."""
    raw_lines = text.split("\n")
    meta, header_lines = _crawler_header(raw_lines)
    lines: list[str] = []
    origin: dict[int, tuple[int, int]] = {}
    pages: dict[int, int] = {}
    page = 1
    page_breaks: set[int] = set()
    reflowed = False
    src_to_new: dict[int, int] = {}
    for src, line in enumerate(raw_lines, start=1):
        if "\f" in line:
            parts = line.split("\f")
            line = parts[-1]
            page += len(parts) - 1
            page_breaks.add(len(lines) + 1)
        if src not in header_lines and len(line) > _LONG_LINE:
            for col, piece in _reflow(line, headings, table_starts):
                lines.append(piece)
                origin[len(lines)] = (src, col + 1)
                pages[len(lines)] = page
            reflowed = True
            continue
        lines.append(line)
        src_to_new[src] = len(lines)
        origin[len(lines)] = (src, 1)
        pages[len(lines)] = page
    if not reflowed:
        origin = {}
    furniture = {i for i, ln in enumerate(lines, start=1) if is_page_number(ln)}
    furniture |= {src_to_new[s] for s in header_lines if s in src_to_new}
    _blank_chrome(lines, meta)
    # without form feeds (markdown from a converter, text re-saved), a page number ends a page
    breaks = page_breaks or {i + 1 for i in furniture if is_page_number(lines[i - 1])}
    furniture |= _running_headers(lines, furniture, breaks)
    if page == 1:
        pages = {}
    clean = [_strip_markdown(ln) for ln in lines]
    p = Prepared(lines=lines, clean=clean, furniture=furniture, origin=origin, pages=pages, meta=meta)
    if reflowed:
        p.notes.append(
            reader_note(
                "the body was on one line (saved by a web crawler); re-flowed at headings, tables and sentences",
                "正文原为一整行（网页抓取保存），已按标题、表格和句子重新分行",
            )
        )
    return p


def _crawler_header(lines: list[str]) -> tuple[dict[str, str], set[int]]:
    found: dict[str, str] = {}
    used: set[int] = set()
    seen = 0
    for i, ln in enumerate(lines, start=1):
        if not ln.strip():
            continue
        seen += 1
        if seen > 14:
            break
        m = _HEADER_FIELD.match(ln)
        if not m:
            if used:
                break
            continue
        used.add(i)
        key = _FIELD_KEY.get(m.group(1))
        if key and m.group(2) and key not in found:
            found[key] = m.group(2).strip()
    if len(used) < 2:
        return {}, set()
    meta: dict[str, str] = {}
    if "title" in found:
        meta["title"] = found["title"]
    if "agency" in found:
        meta["agency"] = found["agency"]
    if "url" in found:
        meta["url"] = found["url"]
    if "published" in found and (d := find_date(found["published"])):
        meta["published"] = d
        meta["published_raw"] = found["published"]
    if "source" in found:
        meta["source"] = found["source"]
    return meta, used


def _blank_chrome(lines: list[str], meta: dict[str, str]) -> None:
    """Chrome before the report's first words and after its last: blanked, columns kept."""
    first = next((i for i, ln in enumerate(lines) if ln.strip() and not _HEADER_FIELD.match(ln)), None)
    if first is None:
        return
    for i in range(first, min(first + 6, len(lines))):
        head = lines[i]
        cut = _body_start(head, meta)
        prefix = head[:cut]
        new = _CHROME.sub(lambda m: " " * len(m.group()), prefix)
        if new != prefix:
            lines[i] = new + head[cut:]
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        tail = lines[i]
        last_date = None
        for m in WRITTEN_DATE.finditer(tail):
            last_date = m
        start = last_date.end() if last_date else 0
        if start == 0 and "。" in tail:
            start = tail.rfind("。") + 1
        rest = tail[start:]
        new = _CHROME.sub(lambda m: " " * len(m.group()), rest)
        if new != rest:
            lines[i] = tail[:start] + new


def _body_start(line: str, meta: dict[str, str]) -> int:
    """Where the report's own text begins in a line that may open with site chrome."""
    title = meta.get("title")
    if title:
        k = line.find(title[:12])
        if k > 0:
            return k
    m = _BODY_OPENING.search(line)
    return m.start() if m else min(len(line), 200)


def _reflow(line: str, headings: list[str], table_starts: list[str]) -> list[tuple[int, str]]:
    """Split a long line at section headings (before and after the heading's words), before table
    starts and after every 。; returns (column, piece) pairs."""
    cuts: set[int] = set()
    squashed_headings = sorted({re.sub(r"\s+", "", h) for h in headings if h}, key=len, reverse=True)
    for m in _HEADING_ORD.finditer(line):
        end = _match_words(line, m.end(), squashed_headings)
        if end is not None:
            cuts.add(m.start())
            cuts.add(end)
    for w in table_starts:
        for m in re.finditer(re.escape(w), line):
            cuts.add(m.start())
    for m in re.finditer("。", line):
        cuts.add(m.end())
    # the signature run on after the last sentence: "…费。云岭区审计局2024年1月20日"
    tail = line.rfind("。") + 1
    for m in WRITTEN_DATE.finditer(line, tail):
        cuts.add(m.start())
    cuts.discard(0)
    cuts = {c for c in cuts if 0 < c < len(line)}
    out: list[tuple[int, str]] = []
    prev = 0
    for c in sorted(cuts):
        if line[prev:c].strip():
            out.append((prev, line[prev:c]))
        prev = c
    if line[prev:].strip():
        out.append((prev, line[prev:]))
    return out or [(0, line)]


def _match_words(line: str, pos: int, words: list[str]) -> int | None:
    """End of the longest of `words` starting at `pos`, allowing stray spaces inside."""
    for w in words:
        i, k = pos, 0
        while i < len(line) and k < len(w):
            ch = line[i]
            if ch.isspace():
                i += 1
                continue
            if ch != w[k]:
                break
            i += 1
            k += 1
        if k == len(w):
            return i
    return None


def _running_headers(lines: list[str], furniture: set[int], page_breaks: set[int]) -> set[int]:
    """Running headers and footers: short lines printed at a page's edge (the first or last two
    lines of text of a page) on at least two pages, and nowhere else except as the document's title
    at its very top. A table header repeated after a page break also sits at an edge, but it was
    printed once in the body too, so it stays."""
    if not page_breaks:
        return set()
    nonempty = [i for i, ln in enumerate(lines, start=1) if ln.strip() and i not in furniture]
    starts = sorted({1, *page_breaks})
    pages: list[list[int]] = []
    for k, a in enumerate(starts):
        b = starts[k + 1] if k + 1 < len(starts) else len(lines) + 1
        pages.append([i for i in nonempty if a <= i < b])
    top = {i: k for k, pg in enumerate(pages) for i in pg[:2]}
    bottom = {i: k for k, pg in enumerate(pages) for i in pg[-2:]}
    key = {i: squash(lines[i - 1]) for i in nonempty}
    # the document's own title at its top stays; a running header printed above it (no year) does not
    head = {i for i in nonempty[:5] if YEAR.search(lines[i - 1])}
    by_text: dict[str, list[int]] = {}
    for i in nonempty:
        v = key[i]
        if cjk_count(v) >= 4 and len(v) <= 60 and "。" not in v:
            by_text.setdefault(v, []).append(i)
    out: set[int] = set()
    for occ in by_text.values():
        # the same edge (top or bottom) of at least two pages, and nowhere else but the title
        for edge in (top, bottom):
            pages_at = {edge[i] for i in occ if i in edge}
            if len(pages_at) >= 2 and all(i in edge or i in head for i in occ):
                out |= {i for i in occ if i not in head}
    return out


_MD_CHARS = re.compile(r"[#*_<>]")


def _strip_markdown(line: str) -> str:
    if _MD_CHARS.search(line) is None:
        return line  # every pattern below needs one of these characters
    s = _BR.sub(" ", line)
    m = _MD_HEADING.match(s)
    if m:
        s = m.group(1) + s[m.end() :]
    m = _MD_BOLD_LINE.match(s)
    if m:
        s = m.group(1) + m.group(2)
    m = _MD_QUOTE.match(s)
    if m and not s.strip().startswith(">>"):
        s = m.group(1) + s[m.end() :]
    return s.replace("**", "") if s.count("**") >= 2 and "|" not in s else s
