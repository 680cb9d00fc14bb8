#!/usr/bin/env python3
"""Render the invented demo reports in ``reports_in/`` and the files that describe them.

Every agency, place, figure and paragraph is invented for testing; nothing is copied from a real
report. Each report is data in `tools/demo_data/<file stem>.yaml`: leaf numbers of 表三 and 表四
(totals are computed here, so a clean report is right by construction), the printed cells of 表二, the
prose, the layout and encoding, and the deliberate defects, which are explicit overrides applied after
the totals are computed. This script holds the standard format and the rendering (the tables' layout
is `tools/official_grid.py`, shared with the test twins), and checks each report's data against its
declared defects before writing anything.

Outputs (byte-identical on every run):
    reports_in/*.txt, *.md              the demo reports, in five text layouts and four encodings, and
                                        three reports in forms found in the wild (a crawler's one-line
                                        text, `pdftotext -layout`, a PDF-to-markdown converter's output;
                                        rendered by `tools/demo_forms.py`)
    reports_in/README.md                what each file is and which defects it carries
    tests/data/demo_expectations.yaml   machine-readable expectations for tests/test_demo_reports.py

Usage: python3 tools/make_demo_reports.py [--out ROOT]   (ROOT defaults to the repository; tests write a copy)
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import json
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import official_grid as og
import yaml
from demo_forms import (
    ConverterForm,
    CrawlerForm,
    LayoutForm,
    converter_document,
    crawler_document,
    glued_readings,
    layout_document,
)

ROOT = Path(__file__).resolve().parents[1]
REPORTS_DIR = ROOT / "reports_in"
EXPECTATIONS = ROOT / "tests" / "data" / "demo_expectations.yaml"
RULE_DOC = ROOT / "docs" / "rule-ids.md"

Six = tuple[int, int, int, int, int, int]
Four = tuple[int, int, int, int]
TableCells = dict[str, dict[str, str]]  # row → column → printed text
ZERO6: Six = (0, 0, 0, 0, 0, 0)
ZERO4: Four = (0, 0, 0, 0)

# ---------------------------------------------------------------------------------------------
# The standard format: headings and table labels, exactly as rules/templates/*.yaml match them.
# ---------------------------------------------------------------------------------------------

HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other_org")
REQ_COLS = (*APPLICANTS, "total")
OUTCOMES = ("upheld", "corrected", "other", "pending")
APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
APPEAL_COLS = tuple(f"{g}.{o}" for g in APPEAL_GROUPS for o in (*OUTCOMES, "total"))

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS_GROUP = "三、本年度办理结果"
ORG_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
SUBGROUPS = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
REQ_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.1": "1.属于国家秘密",
    "denied.2": "2.其他法律行政法规禁止公开",
    "denied.3": "3.危及“三安全一稳定”",
    "denied.4": "4.保护第三方合法权益",
    "denied.5": "5.属于三类内部事务信息",
    "denied.6": "6.属于四类过程性信息",
    "denied.7": "7.属于行政执法案卷",
    "denied.8": "8.属于行政查询事项",
    "unable.1": "1.本机关不掌握相关政府信息",
    "unable.2": "2.没有现成信息需要另行制作",
    "unable.3": "3.补正后申请内容仍不明确",
    "not_processed.1": "1.信访举报投诉类申请",
    "not_processed.2": "2.重复申请",
    "not_processed.3": "3.要求提供公开出版物",
    "not_processed.4": "4.无正当理由大量反复申请",
    "not_processed.5": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other.1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.3": "3.其他",
    "total": "（七）总计",
    "carry_forward": "四、结转下年度继续办理",
}
_LEAVES_COMMON = (
    "granted",
    "partial",
    *(f"denied.{i}" for i in range(1, 9)),
    *(f"unable.{i}" for i in range(1, 4)),
    *(f"not_processed.{i}" for i in range(1, 6)),
)
LEAVES = {"2019": (*_LEAVES_COMMON, "other"), "2021": (*_LEAVES_COMMON, "other.1", "other.2", "other.3")}


@dataclass(frozen=True)
class Block:
    """One block of 表二: caption, (key, header label) columns, (key, label) rows."""

    caption: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]


_ITEMS_19 = (("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))
_DECISIONS_21 = (("decisions", "本年处理决定数量"),)
ACTIVE_BLOCKS = {
    "2019": (
        Block(
            "第二十条第（一）项",
            (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")),
            (("rules", "规章"), ("normative", "规范性文件")),
        ),
        Block(
            "第二十条第（五）项",
            _ITEMS_19,
            (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        Block("第二十条第（六）项", _ITEMS_19, (("penalty", "行政处罚"), ("coercion", "行政强制"))),
        Block("第二十条第（八）项", _ITEMS_19[:2], (("fees", "行政事业性收费"),)),
        Block(
            "第二十条第（九）项",
            (("projects", "采购项目数量"), ("amount", "采购总金额")),
            (("procurement", "政府集中采购"),),
        ),
    ),
    "2021": (
        Block(
            "第二十条第（一）项",
            (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
            (("rules", "规章"), ("normative", "行政规范性文件")),
        ),
        Block("第二十条第（五）项", _DECISIONS_21, (("licensing", "行政许可"),)),
        Block("第二十条第（六）项", _DECISIONS_21, (("penalty", "行政处罚"), ("coercion", "行政强制"))),
        Block("第二十条第（八）项", (("amount", "本年收费金额（单位：万元）"),), (("fees", "行政事业性收费"),)),
    ),
}
MONEY_CELLS = {("procurement", "amount"), ("fees", "amount")}

# Header cells that the tabcell layouts print over two lines (continuation line has no tab).
HEADER_WRAPS = {
    "本年新制作数量": "本年新\n制作数量",
    "本年新公开数量": "本年新\n公开数量",
    "商业企业": "商业\n企业",
    "科研机构": "科研\n机构",
    "法律服务机构": "法律\n服务机构",
}

FORMAT_BASIS = {
    "2019": (
        "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"
    ),
    "2021": "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
}
SIX_PARTS = (
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。"
)


def preamble(template: str, year: int, *, parts: bool = False, site: str | None = None) -> str:
    """The conventional opening paragraph: statutory basis, statistics period, where to download."""
    basis = FORMAT_BASIS[template]
    text = f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{basis}要求编制。"
    if parts:
        text += SIX_PARTS
    text += f"本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。"
    if site:
        text += f"本报告电子版可在{site}“政府信息公开”专栏查阅下载。"
    return text


# ---------------------------------------------------------------------------------------------
# Report data model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading line inside a section's prose (used for the SEC-EXTRA defect)."""

    text: str


Para = str | Heading


@dataclass(frozen=True)
class Defect:
    rules: tuple[str, ...]
    zh: str
    en: str


@dataclass(frozen=True, kw_only=True)
class Requests:
    """表三 inputs: leaf result rows (absent = all zero), 二 and 四. Row 一, （七） and 总计 are computed."""

    leaves: Mapping[str, Six]
    carried_over: Six = ZERO6
    carry_forward: Six = ZERO6


@dataclass(frozen=True, kw_only=True)
class Report:
    file: str
    template: str
    year: int
    agency: str  # the body the report is about (printed only in title and signature)
    layout: str  # tabcell | fullwidth | tsv | pipe | markdown | crawler | pdflayout | mdconvert
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | gb18030 | utf-16
    crlf: bool = False
    title: tuple[str, ...]  # title lines; () = no title
    signed: str | None  # signature date line; None = no signature at all
    preamble: str | None
    overall: tuple[Para, ...]
    problems: tuple[str, ...]
    other: tuple[str, ...]
    active: Mapping[str, tuple[str, ...]]
    requests: Requests
    appeals: tuple[Four, Four, Four]
    overrides: tuple[tuple[str, str, str, str], ...] = ()
    appeals_extra: tuple[str, ...] = ()
    appeals_table: bool = True
    appeals_note: str | None = None
    headings: Mapping[int, str] = field(default_factory=dict)
    unheaded: tuple[int, ...] = ()  # sections printed without their heading line (prose kept)
    heading_prefix: Mapping[int, str] = field(default_factory=dict)
    order: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
    procurement_unit_header: bool = False
    wrap_headers: bool = False
    blank_nbsp: bool = False
    total_nbsp: bool = False
    tsv_wraps: Mapping[str, str] = field(default_factory=dict)
    defects: tuple[Defect, ...] = ()
    spot: tuple[tuple[str, str, str], ...] = ()
    form: CrawlerForm | LayoutForm | ConverterForm | None = None  # the wild forms' settings
    requests_rows: str | None = None  # 表三 printed in this format version's rows (default: template)
    also_not: tuple[str, ...] = ()  # rules that must stay silent besides must_not_fire()'s
    review: tuple[str, ...] = ()  # deliberate findings that rest on an uncertain reading (待复核)
    # findings the reader makes in error on this form (reported; to be emptied when the reader is fixed)
    reader_issues: tuple[str, ...] = ()

    @property
    def rows_version(self) -> str:
        return self.requests_rows or self.template

    @property
    def must_fire(self) -> tuple[str, ...]:
        out: list[str] = []
        for d in self.defects:
            out.extend(r for r in d.rules if r not in out)
        return tuple(out)

    @property
    def published(self) -> str | None:
        if isinstance(self.form, CrawlerForm):
            return self.form.published.split(" ")[0]  # the page's 发布时间 (went online), not the signature
        if not self.signed:
            return None
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", self.signed)
        assert m, self.signed
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"

    @property
    def printed_agency(self) -> str | None:
        return self.agency if (self.title or self.signed) else None


# ---------------------------------------------------------------------------------------------
# Grids: table -> row -> column -> printed text
# ---------------------------------------------------------------------------------------------


def request_rows(template: str) -> tuple[str, ...]:
    return ("new", "carried_over", *LEAVES[template], "total", "carry_forward")


def requests_grid(report: Report) -> TableCells:
    leaves = LEAVES[report.rows_version]
    unknown = set(report.requests.leaves) - set(leaves)
    assert not unknown, (report.file, unknown)
    rows: dict[str, list[int]] = {k: list(report.requests.leaves.get(k, ZERO6)) for k in leaves}
    total = [sum(rows[k][i] for k in leaves) for i in range(6)]
    carried, forward = list(report.requests.carried_over), list(report.requests.carry_forward)
    new = [total[i] + forward[i] - carried[i] for i in range(6)]
    assert min(new) >= 0, (report.file, new)
    rows.update(new=new, carried_over=carried, total=total, carry_forward=forward)
    return {
        key: dict(zip(REQ_COLS, [str(v) for v in rows[key]] + [str(sum(rows[key]))], strict=True))
        for key in request_rows(report.rows_version)
    }


def appeals_grid(report: Report) -> TableCells:
    values: list[str] = []
    for parts in report.appeals:
        values += [str(v) for v in parts] + [str(sum(parts))]
    return {"cases": dict(zip(APPEAL_COLS, values, strict=True))}


def active_grid(report: Report) -> TableCells:
    grid: TableCells = {}
    for block in ACTIVE_BLOCKS[report.template]:
        for key, _ in block.rows:
            cells = report.active[key]
            assert len(cells) == len(block.columns), (report.file, key)
            grid[key] = {col: str(v) for (col, _), v in zip(block.columns, cells, strict=True)}
    assert set(report.active) == set(grid), (report.file, set(report.active) ^ set(grid))
    return grid


def build_grids(report: Report) -> dict[str, TableCells]:
    grids = {
        "active": active_grid(report),
        "requests": requests_grid(report),
        "appeals": appeals_grid(report),
    }
    for table, row, col, raw in report.overrides:
        assert col in grids[table][row], (report.file, table, row, col)
        grids[table][row][col] = raw
    return grids


# ---------------------------------------------------------------------------------------------
# Logical table rows, shared by every layout
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """One cell. role: pad (merged-cell placeholder), label, group, vgroup, head, caption, note, value."""

    text: str
    role: str = "value"
    span: int = 1
    total: bool = False


PAD = C("", "pad")


@dataclass(frozen=True)
class Row:
    kind: str  # caption | header | data
    cells: tuple[C, ...]
    key: str = ""
    label_cells: int = 0  # header rows: leading cells that belong to the label columns
    marker: str = ""  # pipe layout: span-marker line printed after the row


@dataclass(frozen=True)
class Part:
    """A run of rows rendered as one grid (markdown makes each part its own table)."""

    rows: tuple[Row, ...]
    label_width: int
    width: int


def head(label: str, report: Report, span: int = 1) -> C:
    text = HEADER_WRAPS.get(label, label) if report.wrap_headers else label
    return C(text, "head", span=span)


# The official grids come from tools/official_grid.py (shared with the test twins); a layout prints a
# grid row by row, a merged cell once at its origin and a PAD wherever a cell from above covers the row.
REQUEST_MARKERS = ("|" * 8, "|" * 7, "|" * 5)  # pipe layout: span-marker lines after the header rows
APPEAL_MARKERS = ("|" * 13, "|" * 8, "|" * 5)


def _c(cell: og.GridCell | None, report: Report, total: bool = False) -> C:
    if cell is None:
        return PAD
    assert isinstance(cell.text, str), cell
    if cell.role == "head":
        return head(cell.text, report, span=cell.cs)
    if cell.role == "caption":
        return C(cell.text, "caption", span=cell.cs)
    if cell.role == "value":
        return C(cell.text, total=total)
    return C(cell.text, cell.role)


def _rows(
    grid: og.Grid, report: Report, label_width: int, markers: tuple[str, ...], value_cols: tuple[str, ...]
) -> list[Row]:
    out: list[Row] = []
    for items in og.row_items(grid):
        cells = [c for _, c in items if c is not None]
        if any(c.role == "caption" for c in cells):
            out.append(Row("caption", tuple(_c(c, report) for _, c in items), marker="|||"))
            continue
        values = [c for c in cells if c.role == "value"]
        if not values:
            n = sum(1 for col, _ in items if col < label_width)
            marker = markers[len([r for r in out if r.kind == "header"])] if markers else ""
            out.append(Row("header", tuple(_c(c, report) for _, c in items), label_cells=n, marker=marker))
            continue
        labels = tuple(_c(c, report) for _, c in items if c is None or c.role != "value")
        shown = tuple(_c(c, report, total=col.endswith("total")) for c, col in zip(values, value_cols, strict=True))
        out.append(Row("data", labels + shown, key=values[0].key))
    return out


def active_parts(report: Report, grid: TableCells) -> tuple[Part, ...]:
    parts = []
    for block in ACTIVE_BLOCKS[report.template]:
        width = 1 + len(block.columns)
        heads = []
        for key, label in block.columns:
            if key == "amount" and report.template == "2019" and report.procurement_unit_header:
                label += "（单位：万元）"
            heads.append(label)
        rows = [og.ActiveRow(key, label, [grid[key][col] for col, _ in block.columns]) for key, label in block.rows]
        official = og.active_block(block.caption, heads, rows, width)
        cols = tuple(col for col, _ in block.columns)
        parts.append(Part(tuple(_rows(official, report, 1, (), cols)), label_width=1, width=width))
    return tuple(parts)


def requests_part(report: Report, grid: TableCells) -> Part:
    heads = og.RequestHeads(NOTE, "申请人情况", "自然人", "法人或其他组织", "总计", ORG_KINDS, results=RESULTS_GROUP)
    rows = []
    for key in request_rows(report.rows_version):
        group = key.split(".")[0] if "." in key else ("results" if key in LEAVES[report.rows_version] else None)
        rows.append(
            og.RequestRow(
                key,
                REQ_LABELS[key],
                [grid[key][col] for col in REQ_COLS],
                group=group,
                group_label=SUBGROUPS.get(group or "", ""),
                total=key == "total",
            )
        )
    official = og.requests_grid(heads, rows, label_through_total=True)
    return Part(tuple(_rows(official, report, 3, REQUEST_MARKERS, REQ_COLS)), label_width=3, width=10)


def appeals_part(report: Report, grid: TableCells) -> Part:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    official = og.appeals_grid(heads, [grid["cases"][col] for col in APPEAL_COLS])
    rows = _rows(official, report, 0, APPEAL_MARKERS, APPEAL_COLS)
    data = rows[-1]
    rows[-1] = Row("data", data.cells + tuple(C(x) for x in report.appeals_extra), key=data.key)
    return Part(tuple(rows), label_width=0, width=15)


# ---------------------------------------------------------------------------------------------
# Layout renderers
# ---------------------------------------------------------------------------------------------

FW = "\u3000\u3000"  # two full-width spaces
NBSP = "\u00a0"


def flat(cell: C) -> str:
    return "" if cell.role == "pad" else cell.text.replace("\n", "")


def expand(row: Row, part: Part, *, pad_label: bool) -> list[str]:
    """Cells of a row as a fixed grid: label columns padded, spans expanded, short rows filled."""
    n = row.label_cells if row.kind != "data" else sum(1 for c in row.cells if c.role != "value")
    out = [flat(c) for c in row.cells[:n]]
    if pad_label and row.kind != "caption":
        out += [""] * (part.label_width - n)
    for c in row.cells[n:]:
        out += [flat(c)] + [""] * (c.span - 1)
    if row.kind != "data":
        out += [""] * (part.width - len(out))
    return out


def tab_cell_lines(cell: C, report: Report, indent: str) -> list[str]:
    if cell.role == "pad":
        return ["\t"]
    if cell.role == "value":
        if not cell.text.strip():
            return ["\t" + (NBSP if report.blank_nbsp else "")]
        return ["\t" + indent + cell.text + (NBSP if report.total_nbsp and cell.total else "")]
    if cell.role == "vgroup":
        return ["\t" + indent + cell.text[0]] + [indent + ch for ch in cell.text[1:]]
    first, *rest = cell.text.split("\n")
    return ["\t" + indent + first, *rest]


def tabcell_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    indent = FW if report.layout == "fullwidth" else ""
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            for cell in row.cells:
                lines += tab_cell_lines(cell, report, indent)
            lines.append("")
    return [*lines, ""]


def tsv_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            if row.kind != "data":
                lines.append("\t".join(expand(row, part, pad_label=True)))
                continue
            cells = [flat(c) for c in row.cells]
            wrap = report.tsv_wraps.get(row.key)
            if not wrap:
                lines.append("\t".join(cells))
                continue
            idx = next(i for i, c in enumerate(row.cells) if c.role == "label")
            label = cells[idx]
            assert label.startswith(wrap) and label != wrap, (report.file, row.key)
            cells[idx] = wrap
            lines.append("\t".join(cells))
            rest = [""] * idx + [label[len(wrap) :]] + [""] * (len(cells) - idx - 1)
            lines.append("\t".join(rest))
    return [*lines, ""]


def pipe_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            if row.kind == "data" and row.cells[0].role == "pad":
                lines.append("||")  # merged cells in front of the row (a lone "|" would be a cell)
            for cell in row.cells:
                if cell.role == "pad":
                    continue
                text = flat(cell)
                assert text.strip(), f"{report.file}: the pipe layout cannot show a blank cell"
                lines.append(f"{text} |")
            if row.marker:
                lines.append(row.marker)
    return lines


def markdown_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for i, row in enumerate(part.rows):
            cells = expand(row, part, pad_label=True)
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "|".join(["---"] * part.width) + "|")
        lines.append("")
    return lines


def _no_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    raise AssertionError(f"{report.file}: a whole-document form draws its own tables")


@dataclass(frozen=True)
class Style:
    indent: str  # in front of paragraphs and headings
    gap: bool  # blank line after every paragraph and heading
    table: Callable[[tuple[Part, ...], Report], list[str]]
    gap_before_signature: bool = True
    document: Callable[[Report, list], str] | None = None  # a wild form renders the whole document


STYLES = {
    "tabcell": Style("", False, tabcell_table),
    "fullwidth": Style(FW, False, tabcell_table),
    "tsv": Style("", True, tsv_table),
    "pipe": Style("", False, pipe_table, gap_before_signature=False),
    "markdown": Style("", True, markdown_table),
    "crawler": Style("", False, _no_table, document=crawler_document),
    "pdflayout": Style("", False, _no_table, document=layout_document),
    "mdconvert": Style("", True, _no_table, document=lambda r, items: converter_document(r, items, expand)),
}
WILD_FORMS = {"crawler": CrawlerForm, "pdflayout": LayoutForm, "mdconvert": ConverterForm}
# The extractor names layouts by how cells are delimited; full-width indentation is a tabcell.
EXTRACTOR_LAYOUT = {"fullwidth": "tabcell", "pdflayout": "text", "mdconvert": "markdown"}


# ---------------------------------------------------------------------------------------------
# Document assembly
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    kind: str  # title | para | heading | table | sig
    text: str = ""
    parts: tuple[Part, ...] = ()
    prefix: str = ""


class _Facts(string.Formatter):
    """Fills {req_new_total}-style fields in prose; refuses anything that is not a plain number
    (a count, or a percentage with one decimal for the pct_* facts)."""

    def __init__(self, facts: Mapping[str, str]) -> None:
        self.facts = facts

    def get_value(self, key: object, args: object, kwargs: object) -> str:
        value = self.facts[str(key)]
        plain = r"\d+\.\d" if str(key).startswith("pct_") else r"\d+"
        if not re.fullmatch(plain, value):
            raise ValueError(f"prose uses {key}={value!r}, which is not a plain number")
        return value


def facts(grids: Mapping[str, TableCells]) -> dict[str, str]:
    out = {}
    for prefix, table in (("req", "requests"), ("act", "active"), ("app", "appeals")):
        for row, cols in grids[table].items():
            for col, raw in cols.items():
                out[f"{prefix}_{row}_{col}".replace(".", "_")] = raw.strip()
    cases = grids["appeals"]["cases"]
    if cases["suit_direct.total"].isdigit() and cases["suit_after_review.total"].isdigit():
        out["suits"] = str(int(cases["suit_direct.total"]) + int(cases["suit_after_review.total"]))
    # what narrative prose restates besides single cells: category sums (总计 column) and shares
    req = grids["requests"]
    for name, prefix in (
        ("denied", "denied."),
        ("unable", "unable."),
        ("not_processed", "not_processed."),
        ("other", "other"),
    ):
        raws = [cols["total"].strip() for row, cols in req.items() if row == prefix or row.startswith(prefix)]
        if raws and all(r.isdigit() for r in raws):
            out[f"req_{name}_sum"] = str(sum(int(r) for r in raws))
    granted, done = req["granted"]["total"].strip(), req["total"]["total"].strip()
    if granted.isdigit() and done.isdigit() and int(done):
        share = Decimal(granted) * 100 / Decimal(done)
        out["pct_granted_of_done"] = str(share.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return out


def section_items(report: Report, n: int, grids: Mapping[str, TableCells], fill: _Facts) -> list[Item]:
    items = [Item("heading", report.headings.get(n, HEADINGS[n]), prefix=report.heading_prefix.get(n, ""))]
    if n in report.unheaded:
        items = []
    prose: tuple[Para, ...] = ()
    if n == 1:
        prose = report.overall
    elif n == 2:
        items.append(Item("table", parts=active_parts(report, grids["active"])))
    elif n == 3:
        items.append(Item("table", parts=(requests_part(report, grids["requests"]),)))
    elif n == 4:
        if report.appeals_table:
            items.append(Item("table", parts=(appeals_part(report, grids["appeals"]),)))
        if report.appeals_note:
            prose = (report.appeals_note,)
    elif n == 5:
        prose = report.problems
    else:
        prose = report.other
    for p in prose:
        items.append(Item("heading", p.text) if isinstance(p, Heading) else Item("para", fill.format(p)))
    return items


def build_items(report: Report, grids: Mapping[str, TableCells]) -> list[Item]:
    fill = _Facts(facts(grids))
    items = [Item("title", t) for t in report.title]
    if report.preamble:
        items.append(Item("para", fill.format(report.preamble)))
    for n in report.order:
        items += section_items(report, n, grids, fill)
    if report.signed:
        items += [Item("sig", report.agency), Item("sig", report.signed)]
    return items


def render(report: Report, grids: Mapping[str, TableCells]) -> str:
    style = STYLES[report.layout]
    if style.document is not None:
        assert isinstance(report.form, WILD_FORMS[report.layout]), report.file
        return style.document(report, build_items(report, grids))
    lines: list[str] = []
    previous = ""
    for item in build_items(report, grids):
        first_sig = item.kind == "sig" and previous != "sig"
        previous = item.kind
        if item.kind == "table":
            lines += style.table(item.parts, report)
            continue
        if first_sig and style.gap_before_signature and lines and lines[-1] != "":
            lines.append("")
        indent = style.indent if item.kind in ("para", "heading") else ""
        lines.append(item.prefix + indent + item.text)
        if style.gap and item.kind != "sig":
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def encode(text: str, report: Report) -> bytes:
    if report.crlf:
        text = text.replace("\n", "\r\n")
    if report.encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(report.encoding)


# ---------------------------------------------------------------------------------------------
# Self-check: predict the cell-level rules from the printed cells (independent of src/)
# ---------------------------------------------------------------------------------------------

_NUM = re.compile(r"^(?P<sign>[+\-])?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元|项|件|个|条|次)?$")
CELL_RULES = frozenset(
    {
        *("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-19-INEQ", "T2-19-DELTA", "T2-21-INEQ"),
        *("VAL-NEG", "VAL-INT", "VAL-TEXT", "VAL-SUFFIX", "BLANK-TOTAL", "BLANK-CELL"),
        *("UNIT-MISSING", "UNIT-CONFLICT", "UNIT-FIXED", "UNIT-NORMALISED", "UNIT-MAGNITUDE"),
    }
)
IDENTITY_RULES = {
    "2019": ("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-19-INEQ", "T2-19-DELTA"),
    "2021": ("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-21-INEQ"),
}


@dataclass(frozen=True)
class Parsed:
    kind: str  # number | blank | slash | dash | text
    value: Decimal | None = None
    unit: str | None = None


def parse(raw: str) -> Parsed:
    s = unicodedata.normalize("NFKC", re.sub(r"[\s\u00a0\u3000]+", "", raw))
    if s == "":
        return Parsed("blank")
    if s in ("/", "\\"):
        return Parsed("slash")
    if s in ("-", "--", "—", "–"):
        return Parsed("dash")
    m = _NUM.match(s)
    if not m:
        return Parsed("text")
    value = Decimal(m["num"]) * (-1 if m["sign"] == "-" else 1)
    return Parsed("number", value, m["unit"])


def _val(grids: Mapping[str, TableCells], table: str, row: str, col: str) -> Decimal | None:
    return parse(grids[table][row][col]).value


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum(values, Decimal(0))  # type: ignore[arg-type]


def predict_identities(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    rq = lambda row, col: _val(grids, "requests", row, col)  # noqa: E731
    for col in REQ_COLS:
        left, right = (
            _sum([rq("new", col), rq("carried_over", col)]),
            _sum([rq("total", col), rq("carry_forward", col)]),
        )
        if left is not None and right is not None and left != right:
            fired.add("T3-BAL")
        leaves = _sum([rq(k, col) for k in LEAVES[report.rows_version]])
        if leaves is not None and rq("total", col) is not None and leaves != rq("total", col):
            fired.add("T3-RESULT")
    for row in request_rows(report.rows_version):
        parts = _sum([rq(row, c) for c in APPLICANTS])
        if parts is not None and rq(row, "total") is not None and parts != rq(row, "total"):
            fired.add("T3-COLSUM")
    for g in APPEAL_GROUPS:
        parts = _sum([_val(grids, "appeals", "cases", f"{g}.{o}") for o in OUTCOMES])
        total = _val(grids, "appeals", "cases", f"{g}.total")
        if report.appeals_table and parts is not None and total is not None and parts != total:
            fired.add("T4-SUM")
    act = lambda row, col: _val(grids, "active", row, col)  # noqa: E731
    for row in ("rules", "normative"):
        if report.template == "2019":
            a, b = act(row, "published"), act(row, "total_public")
            if a is not None and b is not None and a > b:
                fired.add("T2-19-INEQ")
        else:
            a, rest = act(row, "issued"), _sum([act(row, "in_force"), act(row, "repealed")])
            if a is not None and rest is not None and a > rest:
                fired.add("T2-21-INEQ")
    if report.template == "2019":
        for row, cols in grids["active"].items():
            if "change" in cols:
                s = _sum([act(row, "prev_items"), act(row, "change")])
                if s is not None and s < 0:
                    fired.add("T2-19-DELTA")
    return fired


def predict_values(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    for table, rows in grids.items():
        if table == "appeals" and not report.appeals_table:
            continue
        for row, cols in rows.items():
            for col, raw in cols.items():
                p = parse(raw)
                money = table == "active" and (row, col) in MONEY_CELLS
                is_total = table != "active" and (col.endswith("total") or row == "total")
                if p.kind in ("blank", "slash", "dash"):
                    fired.add("BLANK-TOTAL" if is_total else "BLANK-CELL")
                elif p.kind == "text":
                    fired.add("VAL-TEXT")
                elif not money:
                    assert p.value is not None
                    if p.value < 0 and col != "change":
                        fired.add("VAL-NEG")
                    if p.value != p.value.to_integral_value():
                        fired.add("VAL-INT")
                    if p.unit:
                        fired.add("VAL-SUFFIX")
    return fired | predict_units(report, grids)


def predict_units(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    if report.template == "2021":
        p = parse(grids["active"]["fees"]["amount"])
        if p.kind == "number" and p.unit not in (None, "万元"):
            fired.add("UNIT-FIXED")
        return fired
    p = parse(grids["active"]["procurement"]["amount"])
    projects = _val(grids, "active", "procurement", "projects")
    header = "万元" if report.procurement_unit_header else None
    if p.kind != "number" or p.value is None:
        return fired
    if p.unit is None and header is None:
        fired.add("UNIT-MISSING")
        if projects and p.value / projects > 2000:  # read as 万元: > 2000万元 per project
            fired.add("UNIT-MAGNITUDE")
    elif p.unit and header and p.unit != header:
        fired.add("UNIT-CONFLICT")
    elif p.unit in ("元", "亿元"):
        fired.add("UNIT-NORMALISED")
    return fired


def paragraphs(report: Report, grids: Mapping[str, TableCells]) -> list[str]:
    return [i.text for i in build_items(report, grids) if i.kind == "para"]


def check_report(report: Report, grids: Mapping[str, TableCells]) -> None:
    """Fail loudly when the data and the declared defects disagree."""
    if report.form is not None:
        check_form(report, grids)
    predicted = predict_identities(report, grids) | predict_values(report, grids)
    declared = set(report.must_fire) & CELL_RULES
    assert predicted == declared, (report.file, "predicted", sorted(predicted), "declared", sorted(declared))
    overall = [p for p in report.overall if isinstance(p, str)]
    assert 3 <= len(overall) <= 6, report.file
    fill = _Facts(facts(grids))
    for p in overall:
        assert 60 <= len(fill.format(p)) <= 200, (report.file, len(fill.format(p)), p[:20])
    paras = paragraphs(report, grids)
    worst = max(difflib.SequenceMatcher(None, a, b).ratio() for i, a in enumerate(paras) for b in paras[i + 1 :])
    if "TXT-DUP" in report.must_fire:
        assert worst >= 0.95, (report.file, worst)
    else:
        assert worst < 0.6, (report.file, worst)
    text = "\n".join(paras)
    if "INT-LINK" not in report.must_fire:
        assert "http" not in text and "www" not in text, report.file
    if not report.defects:
        assert report.title and report.signed and report.preamble, report.file
        assert report.order == (1, 2, 3, 4, 5, 6) and not report.headings and not report.heading_prefix
        assert not report.unheaded
        assert report.year >= 2021 if report.template == "2021" else report.year <= 2020


APPEAL_SUMS = tuple((tuple(range(5 * g, 5 * g + 4)), 5 * g + 4) for g in range(3))
REQUEST_SUMS = ((tuple(range(6)), 6),)


def glued_tables(report: Report, grids: Mapping[str, TableCells]) -> dict[str, dict[str, str]]:
    """How a crawler's glued table rows read (table → row → certain | segmented | ambiguous)."""
    leaves = LEAVES[report.rows_version]

    def columns_hold(values: Mapping[str, list[int]]) -> bool:
        for j in range(7):
            if values["new"][j] + values["carried_over"][j] != values["total"][j] + values["carry_forward"][j]:
                return False
            if sum(values[k][j] for k in leaves) != values["total"][j]:
                return False
        return True

    out: dict[str, dict[str, str]] = {}
    for block in ACTIVE_BLOCKS[report.template]:
        cols = [c for c, _ in block.columns]
        rows = {key: grids["active"][key] for key, _ in block.rows}
        if len(cols) > 1:
            out.setdefault("active", {}).update(glued_readings(rows, cols, ()))
    out["requests"] = glued_readings(grids["requests"], REQ_COLS, REQUEST_SUMS, columns_hold)
    out["appeals"] = glued_readings(grids["appeals"], APPEAL_COLS, APPEAL_SUMS)
    return out


def check_form(report: Report, grids: Mapping[str, TableCells]) -> None:
    """A wild form's reading, predicted from the printed cells: which cells a reader can only
    reconstruct (EXT-READ, weight 0), and that a deliberate defect rests on such a cell exactly when
    it is declared to need review."""
    declared = set(report.must_fire)
    uncertain: set[tuple[str, str]] = set()
    if isinstance(report.form, CrawlerForm):
        status = glued_tables(report, grids)
        ambiguous = {(t, r) for t, rows in status.items() for r, s in rows.items() if s == "ambiguous"}
        assert ambiguous == set(report.form.ambiguous_rows), (report.file, sorted(ambiguous))
        uncertain = {(t, r) for t, rows in status.items() for r, s in rows.items() if s != "certain"}
        for table, rule in (("requests", "T3-"), ("appeals", "T4-"), ("active", "T2-")):
            # an identity defect in a table read with any uncertainty would be sent for review
            if any(r.startswith(rule) for r in declared - set(report.review)):
                assert not any(t == table for t, _ in uncertain), (report.file, table, "not certain")
    elif isinstance(report.form, LayoutForm):
        for table, row in report.form.aligned_rows:
            assert any(not v.strip() for v in grids[table][row].values()), (report.file, row)
            uncertain.add((table, row))
        blanks = {(t, r) for t, rows in grids.items() for r, cols in rows.items() if any(not v for v in cols.values())}
        assert blanks == uncertain, (report.file, "a blank cell must be placed by column position", sorted(blanks))
    assert ("EXT-READ" in declared) == bool(uncertain), (report.file, "EXT-READ", sorted(uncertain))
    assert ("FMT-MIXED" in declared) == (report.rows_version != report.template), report.file


# the prose restates table figures; only a declared narrative defect may contradict them
NARRATIVE_RULES = ("NAR-REQ", "NAR-APPEAL", "NAR-OUTCOME", "NAR-PCT")


def must_not_fire(report: Report) -> list[str] | str:
    if not report.defects:
        return "all"
    declared = set(report.must_fire)
    out = [r for r in IDENTITY_RULES[report.template] if r not in declared]
    if not report.appeals_table:
        out.remove("T4-SUM")
    out += [
        r
        for r in ("FMT-YEAR", "META-TITLE", "META-AGENCY", "META-DATE", "SEC-MISSING", "EXT-TABLE", *NARRATIVE_RULES)
        if r not in declared
    ]
    out += [r for r in report.also_not if r not in declared and r not in out]
    return out


# ---------------------------------------------------------------------------------------------
# The reports: one YAML file each in tools/demo_data/ (agencies, prose, table figures, defects)
# ---------------------------------------------------------------------------------------------

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
FORMS = {"crawler": CrawlerForm, "pdflayout": LayoutForm, "mdconvert": ConverterForm}


def _tuples(value: object) -> object:
    """YAML lists as the tuples the data model holds (mappings keep their keys, values converted)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _preamble(spec: object, template: str, year: int) -> str | None:
    """A literal opening paragraph, or `{standard: true, parts: …, site: …}` for the conventional one."""
    if not isinstance(spec, dict):
        return None if spec is None else str(spec)
    assert spec.pop("standard") is True, spec
    return preamble(template, year, **spec)


def load_report(path: Path) -> Report:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict), path
    fields = {k: _tuples(v) for k, v in raw.items()}
    fields["preamble"] = _preamble(raw.get("preamble"), raw["template"], raw["year"])
    fields["overall"] = tuple(Heading(p["heading"]) if isinstance(p, dict) else p for p in fields["overall"])
    fields["requests"] = Requests(**fields["requests"])
    fields["defects"] = tuple(Defect(**d) for d in fields.get("defects", ()))
    if "form" in fields:
        fields["form"] = FORMS[raw["layout"]](**fields["form"])
    try:
        report = Report(**fields)
    except TypeError as exc:
        raise SystemExit(f"{path}: {exc}") from exc
    assert report.file.rsplit(".", 1)[0] == path.stem, (path, report.file)
    return report


REPORTS = tuple(load_report(p) for p in sorted(DATA_DIR.glob("*.yaml")))


# ---------------------------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------------------------


def q(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def spot_cells(report: Report, grids: Mapping[str, TableCells]) -> list[dict[str, str]]:
    assert len(report.spot) >= 5, report.file
    out = []
    for table, row, col in report.spot:
        assert table != "appeals" or report.appeals_table, report.file
        out.append({"table": table, "row": row, "column": col, "raw": grids[table][row][col].strip()})
    return out


def expectations_yaml(built: list[tuple[Report, dict[str, TableCells]]]) -> str:
    lines = [
        "# Expectations for the invented demo reports in reports_in/ (see reports_in/README.md).",
        "# Generated by tools/make_demo_reports.py from the same data as the reports (tools/demo_data/*.yaml):",
        "# edit the data and re-run the script.",
        "# must_fire: rules the deliberate defects must trigger; must_not_fire: rules that must stay silent",
        "# ('all' = the report must produce no finding at all). cells: raw text as printed, whitespace",
        "# stripped, '' = blank. layout is the extractor's layout name; layout_variant names the rendering.",
    ]
    for report, grids in built:
        lines += [
            "",
            f"{q(report.file)}:",
            f"  template: {q(report.template)}",
            f"  year: {report.year}",
            f"  agency: {q(report.printed_agency)}",
            f"  published: {q(report.published)}",
            f"  layout: {EXTRACTOR_LAYOUT.get(report.layout, report.layout)}",
            f"  layout_variant: {report.layout}",
            f"  encoding: {report.encoding}",
            f"  newline: {'crlf' if report.crlf else 'lf'}",
        ]
        for d in report.defects:
            lines.append(f"  # defect {', '.join(d.rules)}: {d.en}")
        lines.append("  must_fire: [" + ", ".join(report.must_fire) + "]")
        mnf = must_not_fire(report)
        lines.append(f"  must_not_fire: {mnf}" if isinstance(mnf, str) else "  must_not_fire: [" + ", ".join(mnf) + "]")
        if report.form is not None:
            # form: how the report was found in the wild. review: the deliberate findings that rest on an
            # uncertain reading and carry `review` (the others must not). reader_issues: findings the
            # reader makes in error on this form (a known reader problem, not a defect of the report)
            lines.append(f"  form: {report.layout}")
            lines.append("  review: [" + ", ".join(report.review) + "]")
            lines.append("  reader_issues: [" + ", ".join(report.reader_issues) + "]")
        lines.append("  cells:")
        for c in spot_cells(report, grids):
            lines.append("    - {" + ", ".join(f"{k}: {q(v) if k == 'raw' else v}" for k, v in c.items()) + "}")
    return "\n".join(lines) + "\n"


LAYOUT_NOTES = {
    "tabcell": "每格一行，行首制表符，空行分隔表行 / one cell per line after a tab, blank line between rows",
    "fullwidth": "同 tabcell，另加两个全角空格缩进 / tabcell plus two full-width spaces of indentation",
    "tsv": "每行一表行，制表符分隔 / one table row per line, tab-separated",
    "pipe": "每格一行以 ` |` 结尾，`|||` 跨列标记 / one cell per line ending in ` |`, `|||` span markers",
    "markdown": "GitHub 风格管道表格 / GitHub-style pipe tables",
    "crawler": (
        "网站抓取文本：4行页头（标题、发布时间、发布机构、原文链接），正文连同网页栏目文字在一行，"
        "表格各格首尾相接无分隔，标签中夹有误输入的空格 / a site crawler's file: 4 header lines, then the page "
        "(chrome included) on one line, table cells glued together, stray spaces inside labels"
    ),
    "pdflayout": (
        "`pdftotext -layout` 文本：空格对齐的列、每页页眉和“-3-”页脚、换页符；竖排“三、本年度办理结果”"
        "每行一字；表三跨页并重复表头 / `pdftotext -layout` text: space-padded columns, running header and "
        "`-3-` footer on every page, form feeds; the vertical label one character a line; 表三 broken over a "
        "page with its header repeated"
    ),
    "mdconvert": (
        "PDF 转 markdown：`##` 标题、`|` 表格，表三在换页处断为两段、中间夹页脚“— 5 —” / PDF-to-markdown "
        "converter output: `##` headings, `|` tables, 表三 split at a page break with the `— 5 —` footer between"
    ),
}


def readme(built: list[tuple[Report, dict[str, TableCells]]]) -> str:
    lines = [
        "# 演示年报 / Demo reports",
        "",
        "本目录中的政府信息公开工作年度报告全部为虚构（单位、地名、数字、文字均为编造），用于演示和测试审计器。"
        "除两份干净样本外，每份报告都带有 2–5 处故意设置的缺陷。文件由 `tools/make_demo_reports.py` 根据 "
        "`tools/demo_data/*.yaml` 生成，请修改数据后重新运行，不要手工编辑；"
        "逐项预期见 `tests/data/demo_expectations.yaml`。",
        "",
        "Every report here is invented (agencies, places, figures and prose) for demonstrating and testing "
        "the auditor. Apart from the two clean reports, each carries 2–5 deliberate defects. The files are "
        "generated by `tools/make_demo_reports.py` from `tools/demo_data/*.yaml`: change the data and re-run the "
        "script rather than editing them; the machine-readable expectations are in "
        "`tests/data/demo_expectations.yaml`.",
        "",
        "15–17 号报告是实际中常见的文本形态：网站抓取的一行正文、`pdftotext -layout` 的输出、PDF 转换成的 markdown"
        "（由 `tools/demo_forms.py` 绘制）。读表程序在这些形态中只能推断的读数列为读取说明（EXT-READ，不扣分），"
        "建立在这些读数上的发现标为待复核。",
        "",
        "Reports 15–17 are in forms found in the wild: a crawler's one-line page text, `pdftotext -layout` output and "
        "a PDF-to-markdown converter's output (drawn by `tools/demo_forms.py`). Readings the reader can only infer "
        "from such a form are listed as reading notes (EXT-READ, no deduction), and findings resting on them are "
        "marked for review.",
        "",
        "| 文件 File | 版式 Layout | 编码 Encoding | 格式 Format | 年度 Year | 故意缺陷 Deliberate defects |",
        "|---|---|---|---|---|---|",
    ]
    for report, _ in built:
        enc = report.encoding + (", CRLF" if report.crlf else "")
        if report.defects:
            defects = "<br>".join(f"**{', '.join(d.rules)}**: {d.zh} / {d.en}" for d in report.defects)
        else:
            defects = "无，干净样本，应零发现 / none: clean, must produce zero findings"
        lines.append(f"| `{report.file}` | {report.layout} | {enc} | {report.template} | {report.year} | {defects} |")
    lines += ["", "版式 / Layouts:", ""]
    lines += [f"- `{name}`: {note}" for name, note in LAYOUT_NOTES.items()]
    return "\n".join(lines) + "\n"


def other_tools_fire() -> set[str]:
    """Rules demonstrated by tools/make_demo_extras.py and tools/make_demo_copies.py (manifest, scan,
    deadlines, previous-year twins, copies): read from the must_fire lines of the files they write."""
    out: set[str] = set()
    for name in ("demo_extras.yaml", "demo_copies.yaml"):
        path = EXPECTATIONS.parent / name
        if path.exists():
            for items in re.findall(r"^\s*must_fire: \[([^\]]*)\]", path.read_text(encoding="utf-8"), flags=re.M):
                out |= {x.strip() for x in items.split(",") if x.strip()}
    return out


def other_tools_files() -> list[str]:
    """Report files written by tools/make_demo_extras.py and tools/make_demo_copies.py."""
    out: list[str] = []
    for name in ("demo_extras.yaml", "demo_copies.yaml"):
        path = EXPECTATIONS.parent / name
        if path.exists():
            out += re.findall(r'^"?([^\s"]+\.(?:txt|md))"?:$', path.read_text(encoding="utf-8"), flags=re.M)
    return out


def check_catalogue() -> None:
    files = [r.file for r in REPORTS]
    assert len(set(files)) == len(files)
    fired = {rule for r in REPORTS for rule in r.must_fire} | other_tools_fire()
    if RULE_DOC.exists():
        ids = set(re.findall(r"^\| ([A-Z0-9-]+) \|", RULE_DOC.read_text(encoding="utf-8"), flags=re.M))
        ids.discard("id")
        if (REPORTS_DIR / "waivers.yaml").exists():  # waiver-status rules judge that file, not a report's text
            ids = {i for i in ids if not i.startswith("WVR-")}
        assert ids <= fired, f"rules without a demo defect: {sorted(ids - fired)}"
    assert {r.layout for r in REPORTS} == set(STYLES)
    assert {r.encoding for r in REPORTS} == {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    assert any(r.crlf for r in REPORTS)
    assert sum(1 for r in REPORTS if not r.defects) == 2
    assert all(2 <= len(r.defects) <= 5 for r in REPORTS if r.defects)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="write reports_in/ and tests/data/ under this folder")
    out = parser.parse_args(argv).out
    reports_dir, expectations = out / REPORTS_DIR.relative_to(ROOT), out / EXPECTATIONS.relative_to(ROOT)
    check_catalogue()
    reports_dir.mkdir(parents=True, exist_ok=True)
    expectations.parent.mkdir(parents=True, exist_ok=True)
    built: list[tuple[Report, dict[str, TableCells]]] = []
    for report in REPORTS:
        grids = build_grids(report)
        check_report(report, grids)
        data = encode(render(report, grids), report)
        (reports_dir / report.file).write_bytes(data)
        built.append((report, grids))
        print(
            f"{report.file:32} {report.layout:9} {report.encoding:9} {len(data):6} bytes ",
            " ".join(report.must_fire),
        )
    (reports_dir / "README.md").write_text(readme(built), encoding="utf-8", newline="\n")
    expectations.write_text(expectations_yaml(built), encoding="utf-8", newline="\n")
    made = {r.file for r in REPORTS} | set(other_tools_files())
    stale = sorted({p.name for p in [*reports_dir.glob("*.txt"), *reports_dir.glob("*.md")]} - made - {"README.md"})
    if stale:
        print("warning: files not made by this script:", ", ".join(stale), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
