"""Real-world text forms for the demo reports of `tools/make_demo_reports.py`.

The generator's own layouts (tabcell, tsv, pipe, markdown) give every cell its own delimiter. Reports
are also found as a site crawler saved them, as `pdftotext -layout` printed them and as a PDF-to-
markdown converter wrote them. Three renderers draw a report's items (title, paragraphs, headings,
tables, signature; built by the generator) in those forms, deterministically:

* `crawler`: four header lines (`标题:` `发布时间:` `发布机构:` `原文链接:`), then the page's breadcrumb,
  title, tool bar, the article and the page's ending on ONE line. Headings run into the text, table
  cells are concatenated with nothing between them (`一、本年新收政府信息公开申请数量1918000037`), and
  a few stray spaces are typed into table labels (`社会公益 组织`).
* `pdflayout`: `pdftotext -layout` of the report's PDF: a running header at the top of every page and
  a `-N-` footer at the bottom, pages separated by a form feed; paragraphs wrapped with their first
  line indented; table columns padded apart with spaces (each page spacing its columns its own way);
  the vertical group label 三、本年度办理结果 one character per line at the left margin; group labels
  wrapped in their narrow column; a long row label wrapped around the line that holds its values;
  and 表三 broken by a page break after which its three header rows are printed again.
* `mdconvert`: what a PDF-to-markdown converter writes: `#`/`##` headings, `|`-tables with a `|---|`
  separator, and 表三 broken in two at a page break, with the page's footer (`— 5 —`) between the
  parts; the second part's first row stands above its separator like a header.

Also here: the arithmetic a reader has to use on a crawler's glued digits (`glued_readings`), so the
generator can predict, independently of `src/`, which rows read for certain, which only by the
table's arithmetic, and which not at all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------------------------------------
# Form settings carried by a Report
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlerForm:
    published: str  # the page's 发布时间, "YYYY-MM-DD HH:MM"
    url: str
    breadcrumb: str  # the page's chrome before the title
    toolbar: str  # between the title and the article
    ending: str  # after the signature
    strays: tuple[tuple[str, str], ...] = ()  # (table label, as the site typed it)
    ambiguous_rows: tuple[tuple[str, str], ...] = ()  # (table, row) whose glued digits stay undecided


@dataclass(frozen=True)
class LayoutForm:
    running_header: str
    breaks: tuple[str, ...]  # page breaks: "heading:N" before heading N, "row:KEY" before 表三 row KEY
    shift: int = 5  # columns after a page break inside 表三 sit this much further right
    aligned_rows: tuple[tuple[str, str], ...] = ()  # (table, row) with a blank cell placed by position


@dataclass(frozen=True)
class ConverterForm:
    split_before: str  # 表三 row the page break falls before
    footer: str  # the page footer line between the two parts, e.g. "— 5 —"


# ---------------------------------------------------------------------------------------------
# Crawler
# ---------------------------------------------------------------------------------------------


def _table_text(parts: Sequence[Any]) -> str:
    """A table's textContent: every cell's text in document order, nothing in between."""
    out = []
    for part in parts:
        for row in part.rows:
            for cell in row.cells:
                if cell.role != "pad":
                    out.append(cell.text.replace("\n", ""))
    return "".join(out)


def crawler_document(report: Any, items: Sequence[Any]) -> str:
    form: CrawlerForm = report.form
    title = "".join(i.text for i in items if i.kind == "title")
    article: list[str] = []
    for item in items:
        if item.kind == "title":
            continue
        if item.kind == "table":
            text = _table_text(item.parts)
            for original, typed in form.strays:
                if original in text:
                    text = text.replace(original, typed, 1)
            article.append(text)
        else:
            article.append(item.text)
    body = "".join(article)
    for original, typed in form.strays:
        assert typed in body, (report.file, "stray not placed", original)
    date = form.published.split(" ")[0]
    page = f"{form.breadcrumb}{title}发布日期：{date} 来源：{report.agency} {form.toolbar}{body}{form.ending}"
    header = [
        f"标题: {title}",
        f"发布时间: {form.published}",
        f"发布机构: {report.agency}",
        f"原文链接: {form.url}",
    ]
    return "\n".join([*header, page]) + "\n"


# ---------------------------------------------------------------------------------------------
# Glued digits: every way to read a run as n cells, and what the table's arithmetic leaves
# ---------------------------------------------------------------------------------------------


def _cuts(digits: str, n: int) -> Iterator[tuple[str, ...]]:
    """`digits` cut into n numbers, none with a leading zero (unless it is "0")."""
    if n == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield (digits,)
        return
    for i in range(1, len(digits) - n + 2):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            return
        for rest in _cuts(digits[i:], n - 1):
            yield (head, *rest)


# row identities: indices that must sum to the index after them
RowSums = tuple[tuple[tuple[int, ...], int], ...]


def row_readings(cells: Sequence[str], sums: RowSums) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(every cut of the glued run into len(cells) numbers, the cuts that satisfy `sums`)."""
    digits = "".join(cells)
    assert digits.isdigit(), cells
    every = list(_cuts(digits, len(cells)))
    fit = [c for c in every if all(sum(int(c[i]) for i in parts) == int(c[t]) for parts, t in sums)]
    return every, fit


def glued_readings(
    grid: Mapping[str, Mapping[str, str]],
    columns: Sequence[str],
    sums: RowSums,
    column_checks: Callable[[Mapping[str, Sequence[int]]], bool] | None = None,
) -> dict[str, str]:
    """How each row of a glued table reads: `certain` (its digits cut only one way at all, and too
    few of them for a dropped blank cell to hide among them),
    `segmented` (one cut fits the row's identities `sums`, or, tried together with the other
    undecided rows, the table's column identities `column_checks(row → values)`), or `ambiguous`.
    `grid`: row → column → printed text (plain digits)."""
    status: dict[str, str] = {}
    pending: dict[str, list[tuple[str, ...]]] = {}
    for row, cols in grid.items():
        cells = [cols[c] for c in columns]
        every, fit = row_readings(cells, sums)
        assert len(every) == 1 or tuple(cells) in fit, (row, cells, "the printed row must be one of its readings")
        hidden_blank = any(True for _ in _cuts("".join(cells), len(cells) - 1)) if len(cells) > 1 else False
        if len(every) == 1 and not hidden_blank:
            status[row] = "certain"
        elif len(every) == 1:
            status[row] = "segmented"  # one cut, but a dropped blank cell could hide among the digits
        elif len(fit) == 1:
            status[row] = "segmented"
        else:
            pending[row] = fit
    survivors: list[tuple[tuple[str, ...], ...]] = []
    if pending and column_checks is not None:
        base = {r: [int(grid[r][c]) for c in columns] for r in grid if r not in pending}
        for combo in itertools.product(*pending.values()):
            values = {**base, **{r: [int(x) for x in cut] for r, cut in zip(pending, combo, strict=True)}}
            if column_checks(values):
                survivors.append(combo)
    for j, row in enumerate(pending):
        status[row] = "segmented" if len({combo[j] for combo in survivors}) == 1 else "ambiguous"
    return status


# ---------------------------------------------------------------------------------------------
# pdftotext -layout
# ---------------------------------------------------------------------------------------------

PAGE_WIDTH = 92
TEXT_WIDTH = 36  # characters on a wrapped paragraph line (pdftotext counts a glyph as one column)
NO_LINE_START = "，。、；：？！）》」』”’%"
NO_LINE_END = "《（“‘「『"
_ASCII_RUN = re.compile(r"[0-9A-Za-z.%+\-]")


class Canvas:
    """Lines of text written at character columns (later writes fill in spaces only)."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = []

    def new(self, n: int = 1) -> int:
        first = len(self.lines)
        self.lines += [[] for _ in range(n)]
        return first

    def put(self, line: int, col: int, text: str) -> None:
        row = self.lines[line]
        if len(row) < col + len(text):
            row += [" "] * (col + len(text) - len(row))
        for k, ch in enumerate(text):
            assert row[col + k] == " ", (line, col, text, "".join(row))
            row[col + k] = ch

    def centre(self, line: int, centre: int, text: str) -> None:
        self.put(line, centre - (len(text) - 1) // 2, text)

    def text(self) -> list[str]:
        return ["".join(r).rstrip() for r in self.lines]


def wrap(text: str, first: int, rest: int) -> list[str]:
    """Break a paragraph the way a justified PDF line does: never inside a number, never before
    closing punctuation."""
    lines: list[str] = []
    i = 0
    width = first
    while i < len(text):
        j = min(i + width, len(text))
        if j < len(text):
            while j > i + 1 and _ASCII_RUN.match(text[j]) and _ASCII_RUN.match(text[j - 1]):
                j -= 1
            while j < len(text) and text[j] in NO_LINE_START:
                j += 1
            while j > i + 1 and text[j - 1] in NO_LINE_END:
                j -= 1
        lines.append(text[i:j])
        i = j
        width = rest
    return lines


def _vertical_wrap(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def layout_document(report: Any, items: Sequence[Any]) -> str:
    form: LayoutForm = report.form
    pages: list[list[str]] = [[]]

    def emit(lines: list[str]) -> None:
        pages[-1].extend(lines)

    def page_break() -> None:
        pages.append([])

    heading_no = 0
    for item in items:
        if item.kind == "heading":
            heading_no += 1
            if f"heading:{heading_no}" in form.breaks:
                page_break()
            emit(["", "       " + item.text])
        elif item.kind == "title":
            emit(["", " " * max(0, (PAGE_WIDTH - 2 * len(item.text)) // 2) + item.text, ""])
        elif item.kind == "para":
            first, *rest = wrap(item.text, TEXT_WIDTH - 2, TEXT_WIDTH)
            emit(["       " + first] + ["     " + r for r in rest])
        elif item.kind == "sig":
            if item.text == report.agency:
                emit(["", ""])
            emit([" " * (44 if item.text == report.agency else 46) + item.text])
        elif item.kind == "table":
            for block in _layout_table(item.parts, report):
                if block is None:
                    page_break()
                else:
                    emit(block)
    out: list[str] = []
    for n, lines in enumerate(pages, start=1):
        while lines and not lines[-1].strip():
            lines.pop()
        head = " " * 24 + form.running_header
        page = [head, "", "", "", *lines, "", "", "", "", " " * 34 + f"-{n}-"]
        if n > 1:
            page[0] = "\f" + page[0]
        out += page
    return "\n".join(out) + "\n\f"


def _layout_table(parts: Sequence[Any], report: Any) -> list[list[str] | None]:
    """A table as blocks of lines; None where a page break falls."""
    if parts[0].rows[0].kind == "caption":
        return [_layout_active(part) for part in parts]
    if parts[0].width == 10:
        return _layout_requests(parts[0], report)
    return [_layout_appeals(parts[0])]


ACTIVE_CENTRES = {1: [50], 2: [38, 62], 3: [34, 50, 66]}


def _layout_active(part: Any) -> list[str]:
    cv = Canvas()
    centres = ACTIVE_CENTRES[part.width - 1]
    for row in part.rows:
        if row.kind == "caption":
            cv.new()
            cv.put(cv.new(), 25, row.cells[0].text)
            continue
        line = cv.new(2) + 1
        if row.kind == "header":
            cv.put(line, 11, row.cells[0].text)
            for c, text in zip(centres, (x.text.replace("\n", "") for x in row.cells[1:]), strict=True):
                cv.centre(line, c, text)
            continue
        cv.put(line, 0, row.cells[0].text)
        for c, cell in zip(centres, row.cells[1:], strict=True):
            if cell.text.strip():
                cv.centre(line, c, cell.text)
    return cv.text()


REQ_CENTRES = [44, 52, 59, 66, 73, 80, 88]
SUB_HEADS = (("商业", "企业"), ("科研", "机构"), ("社会公", "益组织"), ("法律服", "务机构"))


def _requests_header(cv: Canvas, note: str, centres: list[int]) -> None:
    first = cv.new(8)
    cv.centre(first, (centres[1] + centres[5]) // 2 + 4, "申请人情况")
    cut = 31
    cv.put(first + 2, 0, note[:cut])
    cv.put(first + 3, 12, note[cut:])
    cv.centre(first + 2, (centres[1] + centres[5]) // 2 + 2, "法人或其他组织")
    cv.centre(first + 3, centres[0], "自然人")
    cv.centre(first + 3, centres[6], "总计")
    for k, (a, b) in enumerate(SUB_HEADS):
        cv.centre(first + 4, centres[1 + k], a)
        cv.centre(first + 6, centres[1 + k], b)
    cv.centre(first + 5, centres[5], "其他")


def _layout_requests(part: Any, report: Any) -> list[list[str] | None]:
    form: LayoutForm = report.form
    breaks = {b.split(":", 1)[1] for b in form.breaks if b.startswith("row:")}
    note = part.rows[0].cells[0].text
    blocks: list[list[str] | None] = []
    cv = Canvas()
    centres = list(REQ_CENTRES)
    _requests_header(cv, note, centres)
    vertical: list[str] = []  # the vertical group label, until it is placed
    vstart: int | None = None
    groups: list[tuple[str, list[int]]] = []  # (group label, lines of its rows) on this page

    def flush() -> None:
        nonlocal vstart
        if vertical and vstart is not None:
            for k, ch in enumerate(vertical.pop()):
                cv.put(vstart + k, 0, ch)
        for label, lines in groups:
            frags = _vertical_wrap(label, 6) if label else []
            top = lines[(len(lines) - 1) // 2] + 1 - len(frags) // 2
            for k, frag in enumerate(frags):
                cv.put(top + k, 4, frag)
        groups.clear()
        blocks.append(cv.text())

    for row in part.rows[3:]:
        if row.key in breaks:
            flush()
            blocks.append(None)
            cv = Canvas()
            centres = [c + form.shift for c in REQ_CENTRES]
            _requests_header(cv, note, centres)
            if groups == [] and row.cells[1].role == "pad" and len(row.cells) == 10:
                groups.append(("", []))  # a merged group cell continued: its label stays on the page before
        labels = [c for c in row.cells if c.role != "value"]
        values = [c for c in row.cells if c.role == "value"]
        label = next(c.text for c in labels if c.role == "label")
        vgroup = next((c.text for c in labels if c.role == "vgroup"), None)
        if vgroup is not None:
            vertical.append(vgroup)
        group = next((c.text for c in labels if c.role == "group"), None)
        col = {1: 0, 2: 4, 3: 13}[len(labels)]
        cv.new()
        if label.startswith("（二）") and "（" in label[1:]:
            cut = label.index("（", 1)
            top = cv.new(3)
            cv.put(top, col, label[:cut])
            cv.put(top + 2, col, label[cut:])
            line = top + 1
        else:
            line = cv.new()
            cv.put(line, col, label)
        for c, cell in zip(centres, values, strict=True):
            if cell.text.strip():
                cv.centre(line, c, cell.text)
        if group is not None:
            groups.append((group, []))
        if len(labels) == 3:
            groups[-1][1].append(line)
        if vertical and vstart is None and row.key.startswith("denied."):
            vstart = line
    flush()
    return blocks


APPEAL_CENTRES = [3, 9, 15, 21, 27, 35, 41, 47, 53, 59, 67, 73, 79, 85, 91]


def _layout_appeals(part: Any) -> list[str]:
    cv = Canvas()
    c = APPEAL_CENTRES
    first = cv.new(9)
    cv.centre(first, c[2], "行政复议")
    cv.centre(first, (c[5] + c[14]) // 2, "行政诉讼")
    cv.centre(first + 2, c[7], "未经复议直接起诉")
    cv.centre(first + 2, c[12], "复议后起诉")
    for base in (0, 5, 10):
        for k, (a, b) in enumerate((("结果", "维持"), ("结果", "纠正"), ("其他", "结果"), ("尚未", "审结"))):
            cv.centre(first + 4, c[base + k], a)
            cv.centre(first + 6, c[base + k], b)
        cv.centre(first + 5, c[base + 4], "总计")
    line = cv.new(2) + 1
    for centre, cell in zip(c, part.rows[-1].cells, strict=False):
        cv.centre(line, centre, cell.text)
    return cv.text()


# ---------------------------------------------------------------------------------------------
# PDF-to-markdown converter
# ---------------------------------------------------------------------------------------------


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def converter_document(report: Any, items: Sequence[Any], expand: Callable[..., list[str]]) -> str:
    form: ConverterForm = report.form
    lines: list[str] = []
    for item in items:
        if item.kind == "title":
            lines += [f"# {item.text}", ""]
        elif item.kind == "heading":
            lines += [f"## {item.text}", ""]
        elif item.kind in ("para", "sig"):
            lines += [item.text, ""]
        else:
            for part in item.parts:
                sep = "|" + "|".join(["---"] * part.width) + "|"
                need_sep = True
                for row in part.rows:
                    if row.key and row.key == form.split_before:
                        lines += ["", form.footer, ""]
                        need_sep = True
                    lines.append(_md_row(expand(row, part, pad_label=True)))
                    if need_sep:
                        lines.append(sep)
                        need_sep = False
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
