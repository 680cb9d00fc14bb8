#!/usr/bin/env python3
"""Render the invented demo reports in ``reports_in/`` and the files that describe them.

Every agency, place, figure and paragraph below is invented for testing; nothing is copied from a
real report. Each report is held as data: leaf numbers of 表三 and 表四 (totals are computed here, so a
clean report is right by construction), the printed cells of 表二, the prose, and the deliberate
defects, which are explicit overrides applied after the totals are computed.

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
Grid = dict[str, dict[str, str]]
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


def requests_grid(report: Report) -> Grid:
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


def appeals_grid(report: Report) -> Grid:
    values: list[str] = []
    for parts in report.appeals:
        values += [str(v) for v in parts] + [str(sum(parts))]
    return {"cases": dict(zip(APPEAL_COLS, values, strict=True))}


def active_grid(report: Report) -> Grid:
    grid: Grid = {}
    for block in ACTIVE_BLOCKS[report.template]:
        for key, _ in block.rows:
            cells = report.active[key]
            assert len(cells) == len(block.columns), (report.file, key)
            grid[key] = {col: str(v) for (col, _), v in zip(block.columns, cells, strict=True)}
    assert set(report.active) == set(grid), (report.file, set(report.active) ^ set(grid))
    return grid


def build_grids(report: Report) -> dict[str, Grid]:
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


def active_parts(report: Report, grid: Grid) -> tuple[Part, ...]:
    parts = []
    for block in ACTIVE_BLOCKS[report.template]:
        width = 1 + len(block.columns)
        rows = [Row("caption", (C(block.caption, "caption", span=width),), marker="|||")]
        heads = [C("信息内容", "head")]
        for key, label in block.columns:
            if key == "amount" and report.template == "2019" and report.procurement_unit_header:
                label += "（单位：万元）"
            heads.append(head(label, report))
        rows.append(Row("header", tuple(heads), label_cells=1))
        for key, label in block.rows:
            values = tuple(C(grid[key][col]) for col, _ in block.columns)
            rows.append(Row("data", (C(label, "label"), *values), key=key))
        parts.append(Part(tuple(rows), label_width=1, width=width))
    return tuple(parts)


def _result_label_cells(template: str) -> dict[str, tuple[C, ...]]:
    """Label cells of the result rows: vertical group label, then pads for merged cells."""
    out: dict[str, tuple[C, ...]] = {}
    seen: set[str] = set()
    for i, key in enumerate((*LEAVES[template], "total")):
        cells = [C(RESULTS_GROUP, "vgroup") if i == 0 else PAD]
        if "." in key:
            group = key.split(".")[0]
            cells.append(PAD if group in seen else C(SUBGROUPS[group], "group"))
            seen.add(group)
        cells.append(C(REQ_LABELS[key], "label"))
        out[key] = tuple(cells)
    return out


def requests_part(report: Report, grid: Grid) -> Part:
    org = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    rows = [
        Row("header", (C(NOTE, "note"), head("申请人情况", report, span=7)), label_cells=1, marker="|" * 8),
        Row(
            "header",
            (PAD, head("自然人", report), head("法人或其他组织", report, span=5), head("总计", report)),
            label_cells=1,
            marker="|" * 7,
        ),
        Row("header", (PAD, PAD, *(head(x, report) for x in org), PAD), label_cells=1, marker="|" * 5),
    ]
    labels = _result_label_cells(report.rows_version)
    for key in request_rows(report.rows_version):
        label = labels.get(key, (C(REQ_LABELS[key], "label"),))
        values = tuple(C(grid[key][col], total=col == "total") for col in REQ_COLS)
        rows.append(Row("data", (*label, *values), key=key))
    return Part(tuple(rows), label_width=3, width=10)


def appeals_part(report: Report, grid: Grid) -> Part:
    outcome_heads = tuple(head(x, report) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    rows = (
        Row("header", (head("行政复议", report, 5), head("行政诉讼", report, 10)), marker="|" * 13),
        Row(
            "header",
            (*outcome_heads, head("未经复议直接起诉", report, 5), head("复议后起诉", report, 5)),
            marker="|" * 8,
        ),
        Row("header", (PAD,) * 5 + outcome_heads * 2, marker="|" * 5),
        Row(
            "data",
            tuple(C(grid["cases"][col], total=col.endswith("total")) for col in APPEAL_COLS)
            + tuple(C(x) for x in report.appeals_extra),
            key="cases",
        ),
    )
    return Part(rows, label_width=0, width=15)


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


def facts(grids: Mapping[str, Grid]) -> dict[str, str]:
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


def section_items(report: Report, n: int, grids: Mapping[str, Grid], fill: _Facts) -> list[Item]:
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


def build_items(report: Report, grids: Mapping[str, Grid]) -> list[Item]:
    fill = _Facts(facts(grids))
    items = [Item("title", t) for t in report.title]
    if report.preamble:
        items.append(Item("para", fill.format(report.preamble)))
    for n in report.order:
        items += section_items(report, n, grids, fill)
    if report.signed:
        items += [Item("sig", report.agency), Item("sig", report.signed)]
    return items


def render(report: Report, grids: Mapping[str, Grid]) -> str:
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


def _val(grids: Mapping[str, Grid], table: str, row: str, col: str) -> Decimal | None:
    return parse(grids[table][row][col]).value


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum(values, Decimal(0))  # type: ignore[arg-type]


def predict_identities(report: Report, grids: Mapping[str, Grid]) -> set[str]:
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


def predict_values(report: Report, grids: Mapping[str, Grid]) -> set[str]:
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


def predict_units(report: Report, grids: Mapping[str, Grid]) -> set[str]:
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


def paragraphs(report: Report, grids: Mapping[str, Grid]) -> list[str]:
    return [i.text for i in build_items(report, grids) if i.kind == "para"]


def check_report(report: Report, grids: Mapping[str, Grid]) -> None:
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


def glued_tables(report: Report, grids: Mapping[str, Grid]) -> dict[str, dict[str, str]]:
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


def check_form(report: Report, grids: Mapping[str, Grid]) -> None:
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
# The reports
# ---------------------------------------------------------------------------------------------

TITLE = "{agency}{year}年政府信息公开工作年度报告"

R01 = Report(
    file="01_clean_qinghe_scjgj_2022.txt",
    template="2021",
    year=2022,
    agency="青禾县市场监督管理局",
    layout="tabcell",
    title=("青禾县市场监督管理局2022年政府信息公开工作年度报告",),
    signed="2023年1月20日",
    preamble=preamble("2021", 2022, site="青禾县人民政府门户网站"),
    overall=(
        "2022年，青禾县市场监督管理局坚持以公开为常态、不公开为例外，围绕市场主体登记注册、食品药品安全监管、产品质量监督抽查等重点领域，持续深化政府信息公开，全年政府信息公开工作平稳有序。",
        "（一）主动公开。全年通过县政府门户网站局信息公开专栏主动公开政府信息1264条，其中行政许可决定{act_licensing_decisions}件、行政处罚决定{act_penalty_decisions}件；食品安全监督抽检结果按季度集中发布，全年发布抽检信息12期。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，结转下年度继续办理{req_carry_forward_total}件；办结{req_total_total}件，其中予以公开{req_granted_total}件，占{pct_granted_of_done}%，部分公开{req_partial_total}件，不予公开{req_denied_sum}件，无法提供{req_unable_sum}件。申请主要涉及企业登记档案和食品经营许可信息。",
        "（三）政府信息管理。修订局政府信息公开保密审查办法，严格执行“先审查、后公开”和“一事一审”要求，对拟公开的行政处罚决定书逐件进行去标识化处理，全年未发生泄露个人隐私和商业秘密的情况。",
        "（四）平台建设和监督保障。进一步规范信息公开专栏栏目设置，及时清理过期和重复信息；将政务公开工作纳入股室年度绩效考核，全年组织业务培训2次、参训86人次，未发生因政府信息公开引起的责任追究。",
        "（五）行政复议和行政诉讼。全年因政府信息公开被申请行政复议{app_cases_review_total}件，其中结果维持{app_cases_review_upheld}件，结果纠正{app_cases_review_corrected}件，尚未审结{app_cases_review_pending}件；被提起行政诉讼{suits}件，法院判决维持原行政行为。",
    ),
    problems=(
        "本年度我局政府信息公开工作仍存在一些不足：一是个别股室对主动公开时限把握不严，少数行政许可信息发布滞后；二是政策解读形式较为单一，图解、音视频解读数量偏少，解读的针对性有待增强。",
        "下一步，我局将建立主动公开事项清单动态更新机制，明确各类信息的发布时限并由办公室按月通报；同时丰富政策解读形式，对涉及市场主体切身利益的政策文件同步制作图文解读。",
    ),
    other=(
        "本年度我局未向政府信息公开申请人收取信息处理费。全年承办县人大代表建议4件、县政协委员提案6件，均已按期办结，办理复文已按规定公开。",
    ),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("3", "1", "14"),
        "licensing": ("2846",),
        "penalty": ("312",),
        "coercion": ("47",),
        "fees": ("6.82",),
    },
    requests=Requests(
        leaves={
            "granted": (21, 4, 0, 0, 1, 0),
            "partial": (6, 1, 0, 0, 0, 0),
            "denied.4": (2, 0, 0, 0, 0, 0),
            "denied.6": (1, 0, 0, 0, 0, 0),
            "denied.7": (3, 0, 0, 0, 1, 0),
            "unable.1": (9, 2, 0, 0, 0, 1),
            "unable.2": (2, 0, 0, 0, 0, 0),
            "unable.3": (1, 0, 0, 0, 0, 0),
            "not_processed.1": (4, 0, 0, 0, 0, 0),
            "not_processed.2": (2, 0, 0, 0, 0, 0),
            "other.1": (3, 0, 0, 0, 0, 0),
            "other.3": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(3, 1, 0, 0, 0, 0),
        carry_forward=(4, 0, 0, 0, 0, 0),
    ),
    appeals=((2, 1, 0, 1), (1, 0, 0, 0), ZERO4),
    wrap_headers=True,
    spot=(
        ("requests", "total", "natural"),
        ("requests", "new", "total"),
        ("requests", "other.3", "natural"),
        ("active", "fees", "amount"),
        ("active", "normative", "in_force"),
        ("appeals", "cases", "review.total"),
    ),
)

R02 = Report(
    file="02_yunling_sfj_2020.txt",
    template="2019",
    year=2020,
    agency="云岭区司法局",
    layout="fullwidth",
    encoding="utf-8-sig",
    crlf=True,
    title=("云岭区司法局2020年政府信息公开工作年度报告",),
    signed="2021年1月22日",
    preamble=preamble("2019", 2020, parts=True),
    overall=(
        "2020年，云岭区司法局在区委、区政府的坚强领导下，紧扣公共法律服务体系建设和法治政府建设两条主线，把政府信息公开作为推进依法行政的重要抓手，各项工作总体平稳有序。",
        "（一）主动公开。全年主动公开政府信息327条，重点公开法律援助办理流程、人民调解组织名册、社区矫正工作动态等内容；新制作规范性文件{act_normative_made}件，均在印发后20个工作日内公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，其中予以公开{req_granted_total}件，结转下年度继续办理{req_carry_forward_total}件。申请事项主要集中在法律援助案件办理和律师执业信息查询。",
        "（三）平台建设和监督保障。依托区政府门户网站司法行政专栏集中发布信息，开通法律援助网上申请入口；局政务公开领导小组每季度检查一次栏目更新情况，检查结果纳入科室年度考核。",
        "（四）复议诉讼情况。本年度因政府信息公开被申请行政复议{app_cases_review_total}件，结果维持{app_cases_review_upheld}件；未发生因政府信息公开引起的行政诉讼。办结的申请中，部分公开{req_partial_total}件，无法提供{req_unable_sum}件，均已向申请人说明理由。",
    ),
    problems=(
        "我局政府信息公开工作还存在以下问题：一是基层司法所信息报送不够及时，部分人民调解工作信息更新滞后；二是依申请公开答复文书的规范性有待提高，个别答复对救济途径的告知不够完整。",
        "针对上述问题，我局将建立司法所信息报送周通报制度，明确专人负责；参照上级印发的答复文书示范文本统一本局答复格式，由法制审核人员逐件把关，确保答复合法规范。",
    ),
    other=(
        "本年度我局未收取政府信息公开相关费用。全年承办区人大代表建议3件、区政协提案2件，已全部办结并按要求公开办理复文。",
    ),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("2", "2", "11"),
        "licensing": ("6", "+1", "138"),
        "other_services": ("9", "0", "412"),
        "penalty": ("3", "0", "5"),
        "coercion": ("0", "0", "0"),
        "fees": ("1", "-1"),
        "procurement": ("4", "35.6万元"),
    },
    requests=Requests(
        leaves={
            "granted": (9, 2, 0, 0, 1, 0),
            "partial": (2, 0, 0, 0, 0, 0),
            "denied.4": (1, 0, 0, 0, 0, 0),
            "unable.1": (4, 1, 0, 0, 0, 0),
            "unable.3": (1, 0, 0, 0, 0, 0),
            "not_processed.2": (1, 0, 0, 0, 0, 0),
            "other": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(1, 0, 0, 0, 0, 0),
        carry_forward=(1, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 0, 0, 0), ZERO4, ZERO4),
    spot=(
        ("active", "procurement", "amount"),
        ("active", "licensing", "change"),
        ("active", "fees", "change"),
        ("requests", "other", "natural"),
        ("requests", "carry_forward", "total"),
        ("appeals", "cases", "review.total"),
    ),
)

R03 = Report(
    file="03_songxi_zhen_2020.txt",
    template="2019",
    year=2020,
    agency="松溪镇人民政府",
    layout="tsv",
    title=("松溪镇人民政府2020年政府信息公开工作年度报告",),
    signed="2021年1月26日",
    preamble=preamble("2019", 2020),
    overall=(
        "2020年，松溪镇以提升基层政务公开标准化规范化水平为重点，围绕乡村振兴、疫情防控、惠农补贴发放等群众关注事项，扎实做好政府信息公开各项工作，公开质量和群众满意度进一步提升。",
        "（一）主动公开。通过镇政府信息公开专栏、村务公开栏和镇政务微信公众号等渠道，全年主动公开各类信息412条，其中惠农补贴发放名单、低保对象名单均按批次张榜公示。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，申请内容主要涉及宅基地审批、征地补偿和低保评定，所有申请均在法定期限内作出答复。",
        "（三）政府信息管理。严格落实信息公开前保密审查制度，对涉及个人身份证号码、银行账号等内容的公示材料一律进行脱敏处理，全年未发生因公开不当引发的投诉。",
        "（四）监督保障。镇政务公开工作领导小组每半年听取一次工作汇报，将村级公开情况纳入村干部年度考核，对公开不及时、内容不完整的村进行通报并限期整改。",
    ),
    problems=(
        "存在的主要问题：一是村级公开栏更新频率不一，个别村存在公开内容陈旧的现象；二是镇村两级信息公开工作人员变动较多，业务能力有待加强。",
        "改进措施：一是制定村务公开栏更新指引，由镇党政办每月组织抽查；二是举办镇村两级信息公开业务培训，提升工作人员依法答复申请的能力。",
    ),
    other=("本年度我镇未收取政府信息公开信息处理费，也未发生因政府信息公开引起的投诉举报，无其他需要报告的事项。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("1", "1", "5"),
        "licensing": ("4", "+1", "57"),
        "other_services": ("3", "-5", "12"),
        "penalty": ("2", "0", "9"),
        "coercion": ("0", "0", "0"),
        "fees": ("0", "0"),
        "procurement": ("6", "2380000"),
    },
    requests=Requests(
        leaves={
            "granted": (17, 2, 0, 0, 0, 0),
            "partial": (5, 0, 0, 0, 0, 0),
            "denied.4": (1, 0, 0, 0, 0, 0),
            "unable.1": (8, 1, 0, 0, 0, 0),
            "unable.2": (1, 0, 0, 0, 0, 0),
            "not_processed.1": (4, 0, 0, 0, 0, 0),
            "not_processed.2": (1, 0, 0, 0, 0, 0),
            "other": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(2, 0, 0, 0, 0, 0),
        carry_forward=(3, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 0, 0, 0), ZERO4, ZERO4),
    # computed row 一: 自然人 39, 总计 42; printed one higher in both (总计 column stays a row sum)
    overrides=(("requests", "new", "natural", "40"), ("requests", "new", "total", "43")),
    headings={5: "5、 存在的主要问题及改进情况"},
    unheaded=(6,),
    tsv_wraps={"denied.3": "3.危及“三安全一稳"},
    defects=(
        Defect(
            ("T3-BAL",),
            "表三自然人列：一+二=40+2=42，而（七）+四=38+3=41（一行自然人、总计各多印1）",
            "表三 自然人 column: 一+二 = 40+2 = 42 but （七）+四 = 38+3 = 41 (row 一 overstated by 1 "
            "in 自然人 and 总计, so the 总计 column is off as well)",
        ),
        Defect(
            ("T2-19-DELTA",),
            "表二 其他对外管理服务事项：上一年项目数量3，本年增/减-5",
            "表二 其他对外管理服务事项: 上一年项目数量 3 with 本年增/减 -5",
        ),
        Defect(
            ("UNIT-MISSING", "UNIT-MAGNITUDE"),
            "采购总金额印作2380000，单元格和表头均无单位；6个项目按万元计不合理，应为元",
            "采购总金额 printed as 2380000 with no unit in cell or header; implausible as 万元 for 6 "
            "projects, plausible as 元",
        ),
        Defect(
            ("SEC-NUMBERING",),
            "第五部分标题编号写作“5、 存在的主要问题及改进情况”",
            "section five numbered '5、 存在的主要问题及改进情况'",
        ),
        Defect(
            ("SEC-HEADING",),
            "第六部分没有标题行，只有一句“……无其他需要报告的事项。”接在第五部分之后（不报 SEC-MISSING）",
            "section 六 has no heading line, only the sentence '……无其他需要报告的事项。' after section five "
            "(not SEC-MISSING)",
        ),
    ),
    spot=(
        ("requests", "new", "natural"),
        ("requests", "carried_over", "natural"),
        ("requests", "total", "natural"),
        ("requests", "carry_forward", "natural"),
        ("requests", "denied.3", "natural"),
        ("active", "other_services", "change"),
        ("active", "procurement", "amount"),
    ),
)

SPAM = "澳门威尼斯人娱乐城_真人百家乐官网"
R04 = Report(
    file="04_yunling_zjj_2021.txt",
    template="2021",
    year=2021,
    agency="云岭区住房和城乡建设局",
    layout="pipe",
    title=("云岭区住房和城乡建设局2021年政府信息公开工作年度报告",),
    signed="2022年1月21日",
    preamble=(
        f"根据《中华人民共和国政府信息公开条例》和《{SPAM}中华人民共和国政府信息公开工作年度报告格式》"
        "（国办公开办函〔2021〕30号）要求，现公布云岭区住房和城乡建设局2021年政府信息公开工作年度报告。"
        "本报告所列数据的统计期限自2021年1月1日至2021年12月31日。"
    ),
    overall=(
        "2021年，云岭区住房和城乡建设局围绕城市更新、保障性住房和建筑市场监管等中心工作，坚持把政府信息公开贯穿于决策、执行、管理、服务、结果全过程，推动住建领域政务公开工作提质增效。",
        "（一）主动公开。全年主动公开政府信息968条，重点公开棚户区改造项目进度、公共租赁住房分配结果、建筑施工企业资质审批结果等信息，行政许可决定{act_licensing_decisions}件均在作出决定之日起7个工作日内公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要集中在房屋征收补偿方案、安置房分配和物业专项维修资金使用情况。",
        "（三）政府信息管理。建立政府信息公开属性源头认定机制，公文拟稿时同步确定公开属性；定期开展已公开信息的清理，全年清理失效、过期信息43条。",
        "（四）监督保障。局政务公开工作领导小组全年召开专题会议2次，将信息公开工作纳入科室年度目标考核。全年因政府信息公开被申请行政复议{app_cases_review_total}件、被提起行政诉讼{app_cases_suit_direct_total}件。",
    ),
    problems=(
        "我局政府信息公开工作仍存在一些薄弱环节：一是部分信息公开不够及时，个别项目进度信息更新滞后；二是依申请公开办理中，对涉及第三方权益信息的征求意见程序执行不够规范。",
        "下一步，我局将完善重点项目信息按月更新机制，落实专人负责；同时修订依申请公开办理规程，细化第三方意见征询的时限和方式，进一步提高答复质量。",
    ),
    other=("本年度我局未收取政府信息公开信息处理费，无其他需要报告的事项。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("8", "2", "3"),
        "licensing": ("1937",),
        "penalty": ("86",),
        "coercion": ("5",),
        "fees": ("126.4",),
    },
    requests=Requests(
        leaves={
            "granted": (64, 12, 0, 1, 3, 2),
            "partial": (11, 3, 0, 0, 1, 0),
            "denied.3": (1, 0, 0, 0, 0, 0),
            "denied.4": (4, 1, 0, 0, 0, 0),
            "denied.6": (3, 0, 0, 0, 0, 0),
            "unable.1": (27, 4, 0, 0, 2, 1),
            "unable.2": (5, 1, 0, 0, 0, 0),
            "unable.3": (2, 0, 0, 0, 0, 0),
            "not_processed.1": (6, 0, 0, 0, 0, 0),
            "not_processed.2": (4, 0, 0, 0, 0, 0),
            "not_processed.4": (2, 0, 0, 0, 0, 0),
            "other.1": (3, 0, 0, 0, 0, 0),
            "other.3": (2, 1, 0, 0, 0, 0),
        },
        carried_over=(5, 1, 0, 0, 0, 0),
        carry_forward=(7, 2, 0, 0, 1, 0),
    ),
    appeals=((5, 2, 1, 1), (2, 0, 1, 1), (1, 0, 0, 1)),
    # （一）予以公开 computed 64 / 82; printed 2 lower in 自然人 and 总计 (row still sums)
    overrides=(("requests", "granted", "natural", "62"), ("requests", "granted", "total", "80")),
    defects=(
        Defect(
            ("T3-RESULT",),
            "（一）予以公开 自然人印62、总计印80（各少2），（七）总计≠各办理结果之和（自然人列、总计列）",
            "（一）予以公开 printed 62 (自然人) and 80 (总计), 2 short each: （七）总计 ≠ sum of the "
            "result rows in the 自然人 and 总计 columns",
        ),
        Defect(
            ("T2-21-INEQ",),
            "行政规范性文件 本年制发8件 > 现行有效3件 + 本年废止2件",
            "行政规范性文件: 本年制发件数 8 > 现行有效件数 3 + 本年废止件数 2",
        ),
        Defect(
            ("INT-SPAM",),
            f"前言中嵌入赌博广告“{SPAM}”",
            f"gambling spam '{SPAM}' injected into the preamble",
        ),
        Defect(
            ("NAR-APPEAL",),
            "正文称“被提起行政诉讼4件”，只算了未经复议直接起诉；表四 直接起诉总计4+复议后起诉总计2=6",
            "the text says 被提起行政诉讼4件, counting only the direct suits; 表四 直接起诉 总计 4 + 复议后起诉 "
            "总计 2 = 6",
        ),
    ),
    spot=(
        ("requests", "granted", "natural"),
        ("requests", "granted", "total"),
        ("requests", "total", "natural"),
        ("active", "normative", "issued"),
        ("active", "coercion", "decisions"),
        ("active", "fees", "amount"),
        ("appeals", "cases", "review.total"),
    ),
)

R05 = Report(
    file="05_wangjiang_jtysj_2022.txt",
    template="2019",
    year=2022,
    agency="望江市交通运输局",
    layout="fullwidth",
    encoding="gb18030",
    title=("望江市交通运输局2022年政府信息公开工作年度报告",),
    signed="2023年1月16日",
    preamble=preamble("2019", 2022),
    overall=(
        "2022年，望江市交通运输局以服务交通强市建设为目标，围绕综合交通项目建设、道路运输行业管理和交通安全生产等重点工作，认真落实政府信息公开各项要求，公开工作规范化水平稳步提高。",
        "（一）主动公开。全年主动公开政府信息1582条，及时发布重点交通项目建设进展、农村公路养护资金安排和道路运输经营许可结果，全年作出行政许可决定{act_licensing_decisions}件、行政处罚决定{act_penalty_decisions}件，均已按规定公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要涉及公路建设征地拆迁和出租汽车经营权管理。",
        "（三）平台建设。优化局网站政府信息公开专栏，新增“重点项目”“路况信息”两个子栏目，实现交通建设项目批准、招标、施工和验收信息集中统一发布。",
    ),
    problems=(
        "我局政府信息公开工作还存在以下不足：一是基层站所信息报送质量参差不齐，部分信息要素不够完整；二是政策解读仍以文字解读为主，解读的深度和可读性有待提升。",
        "下一步，我局将制定信息报送规范，对报送信息实行局办公室统一审核；同时加强与新闻媒体的协作，采取图解、短视频等方式开展政策解读，提升公众获取信息的便利度。",
    ),
    other=("本年度我局未收取信息处理费。全年承办市人大代表建议9件、市政协提案12件，办理复文均已在局网站公开。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("3", "3", "17"),
        "licensing": ("21", "－1", "4630"),
        "other_services": ("5", "0", "318"),
        "penalty": ("14", "+2", "1275"),
        "coercion": ("4", "0", "36"),
        "fees": ("0项", "0"),
        "procurement": ("3", "61000元"),
    },
    requests=Requests(
        leaves={
            "granted": (12, 3, 0, 0, 0, 1),
            "partial": (4, 1, 0, 0, 0, 0),
            "denied.7": (1, 0, 0, 0, 0, 0),
            "unable.1": (7, 2, 0, 0, 0, 0),
            "not_processed.1": (3, 0, 0, 0, 0, 0),
            "other": (2, 0, 0, 0, 0, 0),
        },
        carried_over=(1, 0, 0, 0, 0, 0),
        carry_forward=(2, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 0, 0, 0), ZERO4, ZERO4),
    overrides=(("requests", "granted", "natural", "12件"),),
    appeals_table=False,
    appeals_note=(
        "行政复议：结果维持1件，结果纠正0件，其他结果0件，尚未审结0件，总计1件。行政诉讼：未经复议直接起诉、"
        "复议后起诉的结果维持、结果纠正、其他结果、尚未审结和总计均为0件。"
    ),
    headings={6: "六、需要报告的其他事项"},
    total_nbsp=True,
    defects=(
        Defect(
            ("FMT-YEAR",),
            "2022年度报告仍使用2019年试行格式（表二有本年新制作数量、政府集中采购等栏）",
            "a 2022 report in the 2019 trial format (表二 has 本年新制作数量, 政府集中采购 …)",
        ),
        Defect(
            ("VAL-SUFFIX",),
            "计数单元格带单位：表三（一）予以公开 自然人“12件”，表二 行政事业性收费 上一年项目数量“0项”",
            "count cells with a unit suffix: 表三 （一）予以公开 自然人 '12件', 表二 行政事业性收费 "
            "上一年项目数量 '0项'",
        ),
        Defect(
            ("UNIT-NORMALISED",),
            "采购总金额写作“61000元”（=6.1万元），应换算为万元并提示",
            "采购总金额 written '61000元' (= 6.1 万元): normalised to 万元",
        ),
        Defect(
            ("SEC-WORDING",),
            "第六部分标题写作“六、需要报告的其他事项”",
            "heading six reads '六、需要报告的其他事项'",
        ),
        Defect(
            ("EXT-UNREAD",),
            "第四部分把表四各栏写成文字（“行政复议：结果维持1件，结果纠正0件……”），没有表格；表四的标签在而单元格读不出，"
            "列为待人工核对、不扣分（不报 EXT-TABLE）",
            "section 四 writes 表四's columns out as prose ('行政复议：结果维持1件，结果纠正0件……') instead of a "
            "table: its labels are there but no cell can be read, so it is listed for review and deducts "
            "nothing (not EXT-TABLE)",
        ),
    ),
    spot=(
        ("requests", "granted", "natural"),
        ("requests", "other", "natural"),
        ("requests", "total", "total"),
        ("active", "fees", "prev_items"),
        ("active", "licensing", "change"),
        ("active", "procurement", "amount"),
    ),
)

DUP_TRAINING = (
    "一是加强业务培训。每季度组织一次政务公开业务培训，重点学习依申"
    "请公开办理规范和保密审查要求，提高股室和学校信息员的业务水平。"
)
R06 = Report(
    file="06_qinghe_jytyj_2021.txt",
    template="2021",
    year=2021,
    agency="青禾县教育体育局",
    layout="markdown",
    crlf=True,
    title=("青禾县教育体育局2021年政府信息公开工作年度报告",),
    signed="2022年1月25日",
    preamble=preamble("2021", 2021),
    overall=(
        "2021年，青禾县教育体育局深入贯彻《条例》，围绕招生入学、学校收费、教育资助、校园安全等社会关注度高的领域，扎实推进教育信息公开，保障人民群众的知情权、参与权和监督权。",
        "（一）主动公开。全年主动公开政府信息583条，集中发布义务教育招生政策、学区划分方案、学生资助名单和民办学校年检结果，制发行政规范性文件{act_normative_issued}件，均在县政府门户网站同步公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，结转下年度继续办理{req_carry_forward_total}件，申请事项主要涉及教师招聘、学位分配和学校建设项目。",
        "（三）政府信息管理和平台建设。规范教育专栏信息发布流程，实行股室初审、分管领导审核、办公室终审三级审核制度，同时指导全县中小学完善校务公开栏，及时公开收费项目和标准。",
        "（四）监督保障。局政务公开工作领导小组定期听取工作汇报，全年因政府信息公开被申请行政复议{app_cases_review_total}件、被提起行政诉讼{suits}件，均获维持，未发生因信息公开不当引起的责任追究。",
    ),
    problems=(
        "本年度我局政府信息公开工作还存在学校校务公开不够均衡、部分信息发布不够及时等问题。针对上述问题，我局将重点做好以下工作：",
        DUP_TRAINING,
        DUP_TRAINING,
        "二是强化督促检查。将学校校务公开情况纳入学校年度办学水平评估，对公开不及时、不规范的学校进行通报并督促整改。",
    ),
    other=("本年度我局未收取政府信息公开信息处理费。全年承办县人大代表建议7件、县政协提案11件，均已按期办结。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("5", "1", "23"),
        "licensing": ("264",),
        "penalty": ("-2",),
        "coercion": ("0",),
        "fees": ("38.5",),
    },
    requests=Requests(
        leaves={
            "granted": (18, 1, 0, 0, 0, 0),
            "partial": (3, 0, 0, 0, 0, 0),
            "denied.4": (2, 0, 0, 0, 0, 0),
            "denied.6": (1, 0, 0, 0, 0, 0),
            "unable.1": (9, 0, 0, 0, 0, 0),
            "unable.2": (2, 0, 0, 0, 0, 0),
            "not_processed.1": (3, 0, 0, 0, 0, 0),
            "not_processed.2": (1, 0, 0, 0, 0, 0),
            "other.1": (2, 0, 0, 0, 0, 0),
        },
        carried_over=(2, 0, 0, 0, 0, 0),
        carry_forward=(1, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 1, 0, 0), (0, 0, 0, 1), ZERO4),
    overrides=(
        ("requests", "partial", "total", "4"),  # six applicant cells sum to 3
        *(("requests", f"denied.{i}", col, "/") for i in range(1, 9) for col in ("research", "social")),
    ),
    defects=(
        Defect(
            ("T3-COLSUM", "T3-RESULT"),
            "（二）部分公开 行六类申请人合计3，总计印4；由此总计列的（七）总计≠各办理结果之和",
            "（二）部分公开: the six applicant cells sum to 3 but 总计 is 4; this also breaks （七）总计 = "
            "sum of result rows in the 总计 column (T3-RESULT, unavoidable with one wrong cell)",
        ),
        Defect(("VAL-NEG",), "表二 行政处罚 本年处理决定数量“-2”", "表二 行政处罚 本年处理决定数量 is '-2'"),
        Defect(
            ("BLANK-CELL",),
            "表三 不予公开1–8行的科研机构、社会公益组织两列填“/”",
            "表三 不予公开 rows 1–8: 科研机构 and 社会公益组织 cells are '/'",
        ),
        Defect(
            ("TXT-DUP",),
            "第五部分“一是加强业务培训……”一段原样重复两次",
            "section 五: the paragraph '一是加强业务培训……' appears twice verbatim",
        ),
        Defect(
            ("NAR-OUTCOME",),
            "正文称复议、诉讼案件“均获维持”，而表四 行政复议结果纠正1件、直接起诉尚未审结1件",
            "the text says all reviews and suits were upheld (均获维持), but 表四 has 1 review corrected and "
            "1 direct suit pending",
        ),
    ),
    spot=(
        ("requests", "partial", "natural"),
        ("requests", "partial", "total"),
        ("requests", "denied.1", "research"),
        ("requests", "denied.4", "social"),
        ("requests", "total", "total"),
        ("active", "penalty", "decisions"),
        ("appeals", "cases", "suit_direct.total"),
    ),
)

R07 = Report(
    file="07_yunling_zrzyj_2020.txt",
    template="2019",
    year=2020,
    agency="云岭区自然资源局",
    layout="tabcell",
    encoding="utf-16",
    title=("云岭区自然资源局", "2020年政府信息公开工作年度报告"),
    signed="2021年1月28日",
    preamble=preamble("2019", 2020),
    overall=(
        "2020年，云岭区自然资源局认真贯彻落实《条例》和上级关于政务公开工作的部署要求，围绕国土空间规划、自然资源确权登记、耕地保护和矿产资源管理等重点工作，不断加大政府信息公开力度。",
        "（一）主动公开。全年主动公开政府信息746条，及时公开建设用地批准、土地征收启动公告、征地补偿安置方案和国有建设用地使用权出让结果等信息，全年作出行政许可决定{act_licensing_decisions}件。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，申请内容主要涉及征地批复文件、土地出让合同和不动产登记资料，均在法定期限内依法答复。",
        "（三）政府信息管理。严格执行政府信息公开审查制度，对涉及不动产权利人个人信息的资料依法不予公开或作区分处理，全年未发生因信息公开不当引起的泄密事件。",
        "（四）监督保障。全年因政府信息公开被申请行政复议{app_cases_review_total}件，被提起行政诉讼{suits}件。局机关将依申请公开办理情况纳入科室季度考评，对答复超期情况实行通报。",
    ),
    problems=(
        "我局政府信息公开工作仍存在一些问题：一是征地信息公开的完整性有待提高，部分项目征地补偿信息公开滞后；二是依申请公开答复的说理性不足，个别答复对不予公开的理由阐述不够充分。",
        "下一步，我局将会同各街道建立征地信息公开台账，逐项目跟踪公开进度；完善依申请公开答复审核机制，对不予公开、无法提供等答复类型加强法律审核，增强答复的说理性。",
    ),
    other=("本年度我局未收取政府信息公开相关费用，无其他需要报告的事项。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("4", "9", "6"),
        "licensing": ("12", "+2", "356"),
        "other_services": ("8", "0", "97"),
        "penalty": ("6", "-1", "41"),
        "coercion": ("2", "0", "3"),
        "fees": ("3", "-1"),
        "procurement": ("5", "52000元"),
    },
    requests=Requests(
        leaves={
            "granted": (31, 6, 0, 0, 2, 1),
            "partial": (9, 2, 0, 0, 0, 0),
            "denied.2": (1, 0, 0, 0, 0, 0),
            "denied.4": (3, 1, 0, 0, 0, 0),
            "denied.6": (2, 0, 0, 0, 0, 0),
            "unable.1": (14, 3, 0, 0, 1, 0),
            "unable.2": (3, 0, 0, 0, 0, 0),
            "not_processed.1": (5, 0, 0, 0, 0, 0),
            "not_processed.2": (2, 0, 0, 0, 0, 0),
            "other": (3, 0, 0, 0, 0, 0),
        },
        carried_over=(4, 1, 0, 0, 0, 0),
        carry_forward=(6, 1, 0, 0, 0, 0),
    ),
    appeals=((1, 1, 0, 0), (1, 0, 0, 1), ZERO4),
    overrides=(
        ("appeals", "cases", "review.total", "3"),  # 维持1 + 纠正1 = 2
        ("requests", "denied.1", "total", ""),
        *(("requests", f"not_processed.{i}", col, "") for i in range(3, 6) for col in ("social", "legal", "other_org")),
    ),
    procurement_unit_header=True,
    wrap_headers=True,
    blank_nbsp=True,
    total_nbsp=True,
    defects=(
        Defect(
            ("T4-SUM",),
            "表四 行政复议：维持1+纠正1+其他0+尚未审结0=2，总计印3",
            "表四 行政复议: 1+1+0+0 = 2 but 总计 is 3",
        ),
        Defect(
            ("T2-19-INEQ",),
            "规范性文件 本年新公开数量9 > 对外公开总数量6",
            "规范性文件: 本年新公开数量 9 > 对外公开总数量 6",
        ),
        Defect(("BLANK-TOTAL",), "表三 1.属于国家秘密 行的总计单元格为空", "表三 1.属于国家秘密: 总计 cell blank"),
        Defect(
            ("BLANK-CELL",),
            "表三（五）3–5行社会公益组织、法律服务机构、其他三列为空（制表符后接不换行空格）",
            "表三 （五） rows 3–5: 社会公益组织, 法律服务机构, 其他 blank (tab + NBSP)",
        ),
        Defect(
            ("UNIT-CONFLICT",),
            "表头“采购总金额（单位：万元）”，单元格却写“52000元”（也可能另报 UNIT-NORMALISED）",
            "header '采购总金额（单位：万元）' but the cell reads '52000元' (UNIT-NORMALISED may also fire)",
        ),
    ),
    spot=(
        ("appeals", "cases", "review.total"),
        ("appeals", "cases", "review.upheld"),
        ("active", "normative", "published"),
        ("active", "penalty", "change"),
        ("active", "procurement", "amount"),
        ("requests", "denied.1", "total"),
        ("requests", "not_processed.4", "social"),
        ("requests", "total", "total"),
    ),
)

R08 = Report(
    file="08_untitled_jiedao_2021.txt",
    template="2021",
    year=2021,
    agency="白鹭湾街道办事处",
    layout="tsv",
    title=(),
    signed=None,
    preamble=None,
    overall=(
        "2021年，本街道深入贯彻《条例》要求，以基层政务公开标准化规范化建设为抓手，围绕社区治理、民生保障和城市管理等群众关心的事项，持续推进政府信息公开工作。",
        "（一）主动公开。全年通过区政府门户网站街道专栏和社区公开栏主动公开政府信息236条，重点公开城乡低保、临时救助、高龄津贴发放情况和老旧小区改造项目进展。",
        Heading("二、政务公开工作扎实推进"),
        "（一）健全工作机制。调整街道政务公开工作领导小组，由办事处主任任组长，党政办负责日常工作，各社区确定一名信息公开联络员，形成街道、社区两级联动的工作格局。",
        "（二）加强依申请公开办理。全年新收政府信息公开申请十六件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要涉及拆迁安置和低保审核，均在法定期限内答复。",
    ),
    problems=(
        "本街道政府信息公开工作仍存在公开内容不够全面、社区公开栏更新不及时等问题，个别社区信息联络员对公开范围把握不准。",
        "下一步，本街道将编制基层政务公开事项目录，明确各社区公开内容和时限，并通过集中培训和以会代训相结合的方式，提升信息联络员的业务能力。",
    ),
    other=("2021年度本街道未收取政府信息公开信息处理费，无其他需要报告的事项。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("0", "0", "0"),
        "licensing": ("12",),
        "penalty": ("3.5",),
        "coercion": ("0",),
        "fees": ("0",),
    },
    requests=Requests(
        leaves={
            "granted": (6, 0, 0, 0, 0, 0),
            "partial": (1, 0, 0, 0, 0, 0),
            "unable.1": (3, 1, 0, 0, 0, 0),
            "not_processed.1": (2, 0, 0, 0, 0, 0),
            "other.3": (1, 0, 0, 0, 0, 0),
        },
        carry_forward=(1, 0, 0, 0, 0, 0),
    ),
    appeals=(ZERO4, ZERO4, ZERO4),
    tsv_wraps={"not_processed.5": "5.要求行政机关确认或重新出具已获取"},
    defects=(
        Defect(
            ("META-TITLE", "META-AGENCY", "META-DATE"),
            "无标题行、无落款单位和日期，正文只称“本街道”",
            "no title line, no signature (agency, date); the text only says '本街道'",
        ),
        Defect(
            ("SEC-EXTRA",),
            "第一部分中出现额外的一级标题“二、政务公开工作扎实推进”",
            "an extra top-level heading '二、政务公开工作扎实推进' inside section 一",
        ),
        Defect(("VAL-INT",), "表二 行政处罚 本年处理决定数量“3.5”", "表二 行政处罚 本年处理决定数量 is '3.5'"),
        Defect(
            ("NAR-REQ",),
            "正文称“全年新收政府信息公开申请十六件”，而表三 一、本年新收 总计为15",
            "the text says 全年新收政府信息公开申请十六件 (16), but 表三 row 一 总计 is 15",
        ),
    ),
    spot=(
        ("active", "penalty", "decisions"),
        ("active", "licensing", "decisions"),
        ("requests", "new", "total"),
        ("requests", "not_processed.5", "natural"),
        ("requests", "other.3", "natural"),
        ("appeals", "cases", "review.total"),
    ),
)

NEAR_ACTIVE = (
    "（一）主动公开。{when}主动公开政府信息1093条，{focus}"
    "公开国民经济和社会发展计划执行情况、重大项目审批核准结果、政府定价目录调整和价格监测信息，制发行政规范性文件{{act_normative_issued}}件。"
)
R09 = Report(
    file="09_wangjiang_fgw_2021.txt",
    template="2021",
    year=2021,
    agency="望江市发展和改革委员会",
    layout="fullwidth",
    title=("望江市发展和改革委员会2021年政府信息公开工作年度报告",),
    signed="2022年1月24日",
    preamble=preamble("2021", 2021, site="望江市人民政府门户网站"),
    overall=(
        "2021年，望江市发展和改革委员会围绕全市经济社会发展大局，聚焦重大项目建设、价格监管、能源保供和营商环境优化等重点领域，持续加大政府信息公开力度，以公开促落实、促规范、促服务。",
        NEAR_ACTIVE.format(when="全年", focus="重点"),
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要涉及项目审批核准文件和价格成本监审资料。",
        "（三）平台建设。完善委门户网站信息公开专栏，将重大建设项目批准和实施领域信息按项目归集展示，实现审批、招标、施工等信息一站式查询。",
        NEAR_ACTIVE.format(when="本年", focus="主要"),
    ),
    problems=(
        "我委政府信息公开工作还存在一些不足：一是部分业务处室对政府信息公开工作重视不够，信息报送不够主动；二是重大项目信息公开的时效性有待加强，个别项目实施信息更新不及时。",
        "下一步，我委将健全处室信息公开责任清单，把信息报送情况纳入处室年度考核；建立重大项目信息公开动态跟踪机制，确保项目审批、实施信息及时准确公开。",
    ),
    other=(),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("6", "2", "31"),
        "licensing": ("487",),
        "penalty": ("12",),
        "coercion": ("0",),
        "fees": ("3500元",),
    },
    requests=Requests(
        leaves={
            "granted": (26, 8, 1, 0, 1, 2),
            "partial": (5, 2, 0, 0, 0, 0),
            "denied.1": (1, 0, 0, 0, 0, 0),
            "denied.4": (2, 1, 0, 0, 0, 0),
            "denied.5": (1, 0, 0, 0, 0, 0),
            "unable.1": (10, 3, 0, 0, 1, 0),
            "unable.2": (2, 0, 0, 0, 0, 0),
            "not_processed.2": (1, 0, 0, 0, 0, 0),
            "other.2": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(3, 1, 0, 0, 0, 0),
        carry_forward=(4, 1, 0, 0, 0, 0),
    ),
    appeals=((2, 0, 1, 0), (1, 0, 0, 0), ZERO4),
    order=(1, 2, 3, 4, 5),
    heading_prefix={3: "[bookmark: _GoBack]"},
    defects=(
        Defect(
            ("UNIT-FIXED",),
            "表二 本年收费金额（单位：万元）填“3500元”（也可能另报 UNIT-CONFLICT、UNIT-NORMALISED）",
            "表二 本年收费金额（单位：万元） holds '3500元' (UNIT-CONFLICT, UNIT-NORMALISED may also fire)",
        ),
        Defect(("SEC-MISSING",), "缺少“六、其他需要报告的事项”", "section 六、其他需要报告的事项 is missing"),
        Defect(
            ("TXT-DUP",),
            "第一部分“（一）主动公开……”一段在末尾近乎原样重复（仅“全年/本年”“重点/主要”不同）",
            "section 一: the '（一）主动公开……' paragraph is repeated at the end with two words changed "
            "(全年→本年, 重点→主要)",
        ),
        Defect(
            ("INT-ARTEFACT",),
            "第三部分标题行首残留“[bookmark: _GoBack]”",
            "'[bookmark: _GoBack]' left at the start of heading 三",
        ),
    ),
    spot=(
        ("active", "fees", "amount"),
        ("active", "normative", "issued"),
        ("requests", "other.2", "natural"),
        ("requests", "total", "total"),
        ("requests", "granted", "research"),
        ("appeals", "cases", "review.other"),
    ),
)

R10 = Report(
    file="10_wangjiang_tjj_2020.txt",
    template="2019",
    year=2020,
    agency="望江市统计局",
    layout="pipe",
    crlf=True,
    title=("望江市统计局2020年政府信息公开工作年度报告",),
    signed="2021年1月27日",
    preamble=preamble("2019", 2020),
    overall=(
        "2020年，望江市统计局围绕第七次全国人口普查、统计数据质量提升和统计执法监督等重点工作，严格执行统计数据发布制度，依法及时公开统计信息，努力为社会公众提供优质统计服务。",
        "（一）主动公开。全年主动公开政府信息358条，按月发布全市主要经济指标，按季度发布经济运行情况分析，按时发布上年度国民经济和社会发展统计公报和统计年鉴。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，其中予以公开{req_granted_total}件，占49.6%；上年结转{req_carried_over_total}件。申请内容主要涉及分行业统计数据和企业名录，均在法定期限内予以答复。",
        "（三）监督保障。严格执行统计信息发布前审核制度，统计数据发布实行分管领导审签；将政府信息公开工作纳入科室年度考核，全年开展业务培训1次。",
    ),
    problems=(
        "我局政府信息公开工作还存在一些不足：一是统计数据解读不够通俗，社会公众理解统计信息存在一定困难；二是部分专业统计数据发布时间不够固定，公开的规律性有待加强。",
        "下一步，我局将加强统计数据解读，采取图表、问答等形式解读重要统计数据；制定年度统计信息发布日程表并提前向社会公布，提高统计信息公开的规范性和可预期性。",
    ),
    other=("本年度我局无其他需要报告的事项。",),
    active={
        "rules": ("-", "-", "-"),
        "normative": ("1", "1", "9"),
        "licensing": ("0", "0", "0"),
        "other_services": ("2", "+1", "14"),
        "penalty": ("3", "0", "6"),
        "coercion": ("0", "0", "0"),
        "fees": ("2", "无"),
        "procurement": ("3", "86.4"),
    },
    requests=Requests(
        leaves={
            "granted": (9, 4, 1, 0, 0, 1),
            "partial": (2, 1, 0, 0, 0, 0),
            "denied.8": (1, 0, 0, 0, 0, 0),
            "unable.1": (5, 1, 0, 0, 0, 0),
            "unable.2": (3, 1, 0, 0, 0, 0),
            "not_processed.3": (1, 0, 0, 0, 0, 0),
            "other": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(1, 0, 0, 0, 0, 0),
        carry_forward=(2, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 0, 0, 0), ZERO4, ZERO4),
    appeals_extra=("0",),
    order=(1, 2, 3, 5, 4, 6),
    procurement_unit_header=True,
    defects=(
        Defect(
            ("SEC-ORDER",),
            "第五部分排在第四部分之前（一、二、三、五、四、六）",
            "section 五 comes before section 四 (order 一 二 三 五 四 六)",
        ),
        Defect(
            ("EXT-CELLS",),
            "表四数据行有16个数字（末尾多一个0）",
            "表四 data row has 16 numbers (a surplus trailing 0)",
        ),
        Defect(("BLANK-CELL",), "表二 规章 行三格均为“-”", "表二 规章: all three cells are '-'"),
        Defect(("VAL-TEXT",), "表二 行政事业性收费 本年增/减填“无”", "表二 行政事业性收费 本年增/减 is '无'"),
        Defect(
            ("NAR-PCT",),
            "正文称新收32件中予以公开15件“占49.6%”，按所述数字应为46.9%（数字颠倒）",
            "the text gives 15 granted of 32 received as 49.6%; the figures make 46.9% (digits transposed)",
        ),
    ),
    spot=(
        ("active", "rules", "made"),
        ("active", "fees", "prev_items"),
        ("active", "fees", "change"),
        ("active", "other_services", "change"),
        ("active", "procurement", "amount"),
        ("appeals", "cases", "review.total"),
        ("appeals", "cases", "suit_after_review.total"),
        ("requests", "total", "natural"),
    ),
)

R11 = Report(
    file="11_qinghe_wsjkj_2022.txt",
    template="2021",
    year=2022,
    agency="青禾县卫生健康局",
    layout="markdown",
    encoding="gb18030",
    title=("青禾县卫生健康局2022年政府信息公开工作年度报告",),
    signed="2023年1月19日",
    preamble=preamble("2021", 2022),
    overall=(
        "2022年，青禾县卫生健康局围绕疫情防控、基层医疗卫生服务能力提升和公共卫生服务等重点工作，认真贯彻《条例》规定，及时准确公开卫生健康领域政府信息，主动回应社会关切。",
        "（一）主动公开。全年主动公开政府信息1127条，重点发布疫情防控政策措施、医疗机构执业登记、基本公共卫生服务项目资金分配等信息，作出行政许可决定{act_licensing_decisions}件、行政处罚决定{act_penalty_decisions}件，均已依法公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要涉及医疗纠纷处理、医疗机构执业信息和卫生监督检查结果。",
        "（三）平台建设。依托县政府门户网站卫生健康专栏集中发布信息，同步在“健康青禾”微信公众号推送，相关服务指南可访问http://www.xx-casino.com查询。",
        "（四）监督保障。将政府信息公开工作纳入局机关和基层医疗卫生单位年度目标考核，全年开展政务公开专项检查2次，对检查发现的问题逐项督促整改。",
    ),
    problems=(
        "我局政府信息公开工作还存在以下问题：一是部分基层医疗卫生单位对政务公开重视不够，信息更新不及时；二是卫生监督执法信息公开的完整性有待提高。",
        "下一步，我局将加强对基层医疗卫生单位政务公开工作的指导和考核，建立执法信息公开台账，推动行政处罚信息应公开尽公开。",
    ),
    other=("本年度我局未收取政府信息公开信息处理费。全年承办县人大代表建议5件、县政协提案8件，办理复文均已公开。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("4", "暂无", "19"),
        "licensing": ("3120",),
        "penalty": ("145",),
        "coercion": ("8",),
        "fees": ("52.16",),
    },
    requests=Requests(
        leaves={
            "granted": (38, 5, 1, 0, 2, 1),
            "partial": (7, 1, 0, 0, 0, 0),
            "denied.4": (5, 0, 0, 0, 0, 0),
            "denied.5": (1, 0, 0, 0, 0, 0),
            "denied.6": (2, 0, 0, 0, 0, 0),
            "unable.1": (19, 3, 0, 0, 1, 0),
            "unable.2": (4, 0, 0, 0, 0, 0),
            "unable.3": (2, 0, 0, 0, 0, 0),
            "not_processed.1": (8, 0, 0, 0, 0, 0),
            "not_processed.2": (3, 0, 0, 0, 0, 0),
            "other.1": (2, 0, 0, 0, 0, 0),
            "other.3": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(2, 0, 0, 0, 0, 0),
        carry_forward=(5, 1, 0, 0, 0, 0),
    ),
    appeals=(ZERO4, ZERO4, ZERO4),
    appeals_table=False,
    appeals_note="本年度未发生行政复议、行政诉讼。",
    headings={5: "五、存在的主要问题和改进情况"},
    defects=(
        Defect(
            ("EXT-TABLE",),
            "第四部分只有一句“本年度未发生行政复议、行政诉讼。”，没有表四",
            "section 四 has only the sentence '本年度未发生行政复议、行政诉讼。' and no 表四",
        ),
        Defect(
            ("INT-LINK",),
            "第一部分嵌入外部博彩链接 http://www.xx-casino.com（域名含 casino，也可能另报 INT-SPAM）",
            "a link to a casino site (http://www.xx-casino.com) in section 一 (INT-SPAM may also fire)",
        ),
        Defect(
            ("VAL-TEXT",),
            "表二 行政规范性文件 本年废止件数填“暂无”",
            "表二 行政规范性文件 本年废止件数 is '暂无'",
        ),
        Defect(
            ("SEC-WORDING",),
            "第五部分标题写作“五、存在的主要问题和改进情况”",
            "heading five reads '五、存在的主要问题和改进情况'",
        ),
    ),
    spot=(
        ("requests", "new", "total"),
        ("requests", "other.3", "natural"),
        ("requests", "carry_forward", "total"),
        ("active", "fees", "amount"),
        ("active", "licensing", "decisions"),
        ("active", "normative", "repealed"),
        ("active", "coercion", "decisions"),
        ("active", "normative", "issued"),
    ),
)

# ---------------------------------------------------------------------------------------------
# Reports in the forms they are found in the wild (rendered by tools/demo_forms.py)
# ---------------------------------------------------------------------------------------------

R15 = Report(
    file="15_wangjiang_swj_2021_crawler.txt",
    template="2021",
    year=2021,
    agency="望江市商务局",
    layout="crawler",
    title=("望江市商务局2021年政府信息公开工作年度报告",),
    signed="2022年1月24日",
    preamble=preamble("2021", 2021, site="望江市人民政府门户网站"),
    overall=(
        "2021年，望江市商务局坚持以公开促落实、以公开优服务，围绕稳外贸稳外资、促进消费升级和商贸流通体系建设等重点工作，认真落实《条例》各项要求，全年政府信息公开工作平稳有序推进。",
        "（一）主动公开。全年通过市政府门户网站商务专栏主动公开政府信息516条，重点公开外经贸发展专项资金申报指南和分配结果、成品油零售经营资格审批结果和单用途商业预付卡备案企业名单，作出行政许可决定{act_licensing_decisions}件。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，结转下年度继续办理{req_carry_forward_total}件。申请人以外贸企业和商贸流通企业为主，申请内容主要涉及专项资金分配和企业备案信息。",
        "（三）政府信息管理。对拟公开的专项资金分配结果实行业务科室初审、法规科合法性审查、分管领导审签三级审核，涉及企业商业秘密的内容依法作区分处理，全年未发生因公开不当引发的争议。",
        "（四）监督保障。将政务公开工作纳入局机关科室年度目标考核，全年组织业务培训2次、参训48人次；因政府信息公开被提起行政诉讼{suits}件，已依法应诉。",
    ),
    problems=(
        "我局政府信息公开工作还存在一些不足：一是专项资金类信息公开的颗粒度不够细，部分项目只公开了资金总额；二是商务专栏部分栏目更新不够及时，政策解读材料偏少。",
        "下一步，我局将细化专项资金分配结果公开内容，逐项目公开支持对象和金额；建立商务专栏更新责任清单，重要政策文件同步发布解读材料，提升公开的针对性和实效性。",
    ),
    other=(
        "本年度我局未收取政府信息公开信息处理费。全年承办市人大代表建议6件、市政协提案9件，均已按期办结并公开办理复文。",
    ),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("2", "1", "7"),
        "licensing": ("64",),
        "penalty": ("9",),
        "coercion": ("0",),
        "fees": ("0",),
    },
    requests=Requests(
        leaves={
            # granted and unable.1 both print 1+10 / 11+0 = 11: glued, each reads "110000011"
            "granted": (1, 10, 0, 0, 0, 0),
            "partial": (2, 3, 0, 0, 0, 0),
            "denied.4": (0, 2, 0, 0, 0, 0),
            "unable.1": (11, 0, 0, 0, 0, 0),
            "unable.2": (1, 1, 0, 0, 0, 0),
            "not_processed.2": (2, 0, 0, 0, 0, 0),
            "other.1": (1, 1, 0, 0, 0, 0),
            "other.3": (1, 0, 0, 0, 0, 0),
        },
        carried_over=(1, 1, 0, 0, 0, 0),
        carry_forward=(1, 2, 0, 0, 0, 0),
    ),
    appeals=((2, 0, 0, 1), (0, 0, 0, 1), ZERO4),
    overrides=(("appeals", "cases", "review.total", "4"),),  # 维持2 + 尚未审结1 = 3
    form=CrawlerForm(
        published="2022-01-25 10:30",
        url="http://www.wangjiang.gov.cn/xxgk/swj/ndbg/202201/t20220125_4816302.html",
        breadcrumb="当前位置：首页 > 政务公开 > 政府信息公开年报 ",
        toolbar="字号：大 中 小 分享到：微信 微博 QQ空间 ",
        ending="【我要纠错】【打印本页】【关闭窗口】 扫一扫在手机打开当前页 返回顶部",
        strays=(
            ("社会公益组织", "社会公益 组织"),
            ("本机关不掌握相关政府信息", "本机关不掌握相关 政府信息"),
            ("未经复议直接起诉", "未经复议 直接起诉"),
        ),
        ambiguous_rows=(("requests", "granted"), ("requests", "unable.1")),
    ),
    also_not=("BLANK-CELL", "BLANK-TOTAL", "EXT-CELLS", "FMT-MIXED"),
    review=("T4-SUM",),
    defects=(
        Defect(
            ("T4-SUM",),
            "表四 行政复议：维持2+纠正0+其他0+尚未审结1=3，总计印4。网页把表四15格粘成“200140001100000”，"
            "15位数字对15格只有一种拆法；但网页抓取会丢掉空白单元格而不留痕迹，这串数字也可能是14格加一个空白，"
            "所以该问题标为待复核，经人工确认后才扣分",
            "表四 行政复议: 2+0+0+1 = 3 but 总计 is 4. The page glues table 4's 15 cells into "
            "'200140001100000': 15 digits for 15 cells cut only one way, but a crawler drops an empty cell "
            "without a trace and the digits could also be 14 cells and a blank, so the finding is marked for "
            "review and deducts only once a reviewer confirms it",
        ),
        Defect(
            ("EXT-READ",),
            "表三（一）予以公开（自然人1、商业企业10）与（四）1.本机关不掌握相关政府信息（自然人11）两行都粘连为"
            "“110000011”：每行都可读作“1 10 0 0 0 0 11”或“11 0 0 0 0 0 11”，都符合本行合计；两行对调后各列合计不变，"
            "列的勾稽关系也无法判定。读表程序不取舍，相关检查不予评判，只列入读取说明（不扣分）",
            "表三 （一）予以公开 (自然人 1, 商业企业 10) and （四）1.本机关不掌握相关政府信息 (自然人 11) both glue "
            "into '110000011': each reads as '1 10 0 0 0 0 11' or '11 0 0 0 0 0 11', both adding up; swapping "
            "the two rows leaves every column's sums unchanged, so the column identities cannot decide either. "
            "The reader takes neither, the checks on those cells are not judged, and it is listed as a reading "
            "note (deducts nothing)",
        ),
    ),
    spot=(
        ("appeals", "cases", "review.total"),
        ("appeals", "cases", "suit_direct.pending"),
        ("requests", "new", "natural"),
        ("requests", "new", "total"),
        ("requests", "total", "commercial"),
        ("requests", "partial", "commercial"),
        ("active", "normative", "in_force"),
        ("active", "licensing", "decisions"),
    ),
)

R16 = Report(
    file="16_baishi_rsj_2020_layout.txt",
    template="2019",
    year=2020,
    agency="白石县人力资源和社会保障局",
    layout="pdflayout",
    title=("白石县人力资源和社会保障局2020年政府信息公开工作年度报告",),
    signed="2021年1月26日",
    preamble=preamble("2019", 2020, site="白石县人民政府门户网站"),
    overall=(
        "2020年，白石县人力资源和社会保障局围绕稳就业、保民生工作大局，聚焦就业创业扶持、社会保险待遇发放、劳动保障监察等群众关注度高的事项，认真落实政府信息公开各项规定，公开质量稳步提升。",
        "（一）主动公开。全年主动公开政府信息694条，及时发布稳岗返还、职业技能提升补贴、创业担保贷款贴息等惠企政策及兑现结果，作出行政许可决定{act_licensing_decisions}件，均在县政府门户网站人社专栏公开。",
        # NAR-REQ: the clause counts only the natural persons' requests
        "（二）依申请公开。全年新收政府信息公开申请{req_new_natural}件，上年结转{req_carried_over_total}件，结转下年度继续办理{req_carry_forward_total}件。申请内容主要涉及工伤认定、社会保险缴费记录和事业单位公开招聘结果，均在法定期限内答复。",
        "（三）政府信息管理。落实公开前保密审查和个人信息保护要求，对社会保险待遇领取人员名单、公开招聘拟聘人员名单等涉及个人信息的内容作去标识化处理，全年未发生泄露个人隐私事件。",
        "（四）监督保障。局政务公开工作领导小组每季度听取一次工作汇报；全年因政府信息公开被申请行政复议{app_cases_review_total}件，被提起行政诉讼{suits}件。",
    ),
    problems=(
        "我局政府信息公开工作仍存在一些不足：一是部分惠企政策兑现结果公开不够及时，公开内容的完整性有待提高；二是依申请公开答复中，对“无法提供”情形的说明不够具体。",
        "下一步，我局将建立惠企政策兑现结果按批次公开机制，明确公开时限和责任股室；规范依申请公开答复文书，逐件写明信息不存在的理由和检索范围，提升答复质量。",
    ),
    other=("本年度我局未收取政府信息公开信息处理费。全年承办县人大代表建议5件、县政协提案7件，均已按期办结。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("2", "2", "13"),
        "licensing": ("5", "0", "326"),
        "other_services": ("12", "+1", "2140"),
        "penalty": ("3", "0", "18"),
        "coercion": ("0", "0", "0"),
        "fees": ("0", "0"),
        "procurement": ("5", "46.8万元"),
    },
    requests=Requests(
        leaves={
            "granted": (28, 3, 0, 0, 1, 0),
            "partial": (6, 1, 0, 0, 0, 0),
            "denied.4": (2, 1, 0, 0, 0, 0),
            "denied.6": (1, 0, 0, 0, 0, 0),
            "unable.1": (9, 2, 0, 0, 0, 1),
            "unable.2": (3, 0, 0, 0, 0, 0),
            "unable.3": (1, 0, 0, 0, 0, 0),
            "not_processed.1": (5, 0, 0, 0, 0, 0),
            "not_processed.2": (2, 0, 0, 0, 0, 0),
            "other": (2, 0, 0, 0, 0, 0),
        },
        carried_over=(2, 0, 0, 0, 0, 0),
        carry_forward=(3, 1, 0, 0, 0, 0),
    ),
    appeals=((2, 0, 1, 0), (1, 0, 0, 0), (0, 0, 0, 1)),
    overrides=(("requests", "unable.2", "total", ""),),
    form=LayoutForm(
        running_header="白石县人力资源和社会保障局2020年政府信息公开工作年度报告",
        breaks=("heading:2", "heading:3", "row:unable.1", "heading:6"),
        aligned_rows=(("requests", "unable.2"),),
    ),
    also_not=("BLANK-CELL", "EXT-CELLS", "FMT-MIXED"),
    review=("BLANK-TOTAL",),
    # the reader takes 表三's note line, printed again with the header rows after the page break, for a
    # paragraph of section 三 and finds it twice (TXT-DUP); reported, not a defect of the report
    reader_issues=("TXT-DUP",),
    defects=(
        Defect(
            ("BLANK-TOTAL", "EXT-READ"),
            "表三（四）2.没有现成信息需要另行制作 行的总计单元格为空。pdftotext 文本没有单元格分隔符，该行只有6个数，"
            "空白格按本页各列的位置认定（读取说明 EXT-READ），所以 BLANK-TOTAL 标为待复核，确认前不扣分",
            "表三 （四）2.没有现成信息需要另行制作: the 总计 cell is blank. pdftotext text has no cell separators; "
            "the row has 6 numbers and the blank is placed by the page's column positions (reading note "
            "EXT-READ), so BLANK-TOTAL is marked for review and deducts nothing until confirmed",
        ),
        Defect(
            ("NAR-REQ",),
            "正文称“全年新收政府信息公开申请60件”，只算了自然人；表三 一、本年新收 总计为70",
            "the text says 全年新收政府信息公开申请60件, counting only natural persons; 表三 row 一 总计 is 70",
        ),
    ),
    spot=(
        ("requests", "unable.2", "total"),
        ("requests", "unable.2", "natural"),
        ("requests", "new", "total"),
        ("requests", "partial", "natural"),
        ("requests", "denied.4", "commercial"),
        ("active", "procurement", "amount"),
        ("active", "other_services", "change"),
        ("appeals", "cases", "suit_after_review.pending"),
    ),
)

R17 = Report(
    file="17_yunling_ybj_2022_mixed.md",
    template="2021",
    year=2022,
    agency="云岭区医疗保障局",
    layout="mdconvert",
    title=("云岭区医疗保障局2022年政府信息公开工作年度报告",),
    signed="2023年1月18日",
    preamble=preamble("2021", 2022),
    overall=(
        "2022年，云岭区医疗保障局围绕医保待遇保障、医保基金监管和医药服务管理等重点工作，坚持以群众需求为导向，持续推进医疗保障领域政府信息公开，不断提升医保政策的知晓度和透明度。",
        "（一）主动公开。全年主动公开政府信息421条，重点公开城乡居民医保参保缴费政策、门诊慢特病待遇认定流程、定点医药机构名单和医保基金监督检查结果，作出行政处罚决定{act_penalty_decisions}件，均已依法公开。",
        "（二）依申请公开。全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，办结{req_total_total}件，结转下年度继续办理{req_carry_forward_total}件，申请内容主要涉及医疗费用报销明细、定点医药机构协议管理和基金监管处理结果。",
        "（三）平台建设。依托区政府门户网站医疗保障专栏集中发布信息，同步在“云岭医保”微信公众号推送参保缴费提醒和待遇政策解读，全年发布图文解读18篇。",
        "（四）监督保障。局政务公开工作领导小组每半年专题研究一次信息公开工作；全年因政府信息公开被申请行政复议{app_cases_review_total}件，结果维持{app_cases_review_upheld}件，未发生因政府信息公开引起的行政诉讼。",
    ),
    problems=(
        "我局政府信息公开工作还存在以下不足：一是医保基金监管信息公开的及时性有待提高；二是部分政策解读专业术语较多，通俗易懂程度不够。",
        "下一步，我局将按季度集中公开基金监督检查结果，对群众关心的报销政策采取问答、图解等方式解读，提高医保政策信息的可读性。",
    ),
    other=("本年度我局未收取政府信息公开信息处理费。全年承办区人大代表建议3件、区政协提案5件，办理复文均已公开。",),
    active={
        "rules": ("0", "0", "0"),
        "normative": ("5", "1", "2"),
        "licensing": ("0",),
        "penalty": ("17",),
        "coercion": ("0",),
        "fees": ("0",),
    },
    requests=Requests(
        leaves={
            "granted": (22, 2, 0, 0, 1, 0),
            "partial": (4, 1, 0, 0, 0, 0),
            "denied.4": (2, 0, 0, 0, 0, 0),
            "denied.6": (1, 0, 0, 0, 0, 0),
            "unable.1": (8, 1, 0, 0, 0, 0),
            "unable.2": (2, 0, 0, 0, 0, 0),
            "not_processed.1": (3, 0, 0, 0, 0, 0),
            "not_processed.2": (1, 0, 0, 0, 0, 0),
            "other": (2, 1, 0, 0, 0, 0),
        },
        carried_over=(1, 0, 0, 0, 0, 0),
        carry_forward=(2, 0, 0, 0, 0, 0),
    ),
    appeals=((1, 0, 0, 0), ZERO4, ZERO4),
    requests_rows="2019",
    form=ConverterForm(split_before="unable.1", footer="— 5 —"),
    also_not=("BLANK-CELL", "BLANK-TOTAL", "EXT-CELLS", "EXT-READ"),
    defects=(
        Defect(
            ("FMT-MIXED",),
            "2022年度报告使用2021年格式，但表三仍印2019年试行格式的单行“（六）其他处理”（没有三个子项）；"
            "按该行读取，勾稽关系照常成立",
            "a 2022 report in the 2021 format whose 表三 still prints the 2019 trial format's single row "
            "'（六）其他处理' instead of the three sub-items; read with that row, the identities hold",
        ),
        Defect(
            ("T2-21-INEQ",),
            "行政规范性文件 本年制发5件 > 现行有效2件 + 本年废止1件",
            "行政规范性文件: 本年制发件数 5 > 现行有效件数 2 + 本年废止件数 1",
        ),
    ),
    spot=(
        ("requests", "other", "natural"),
        ("requests", "other", "total"),
        ("requests", "unable.1", "natural"),
        ("requests", "total", "total"),
        ("requests", "carry_forward", "total"),
        ("active", "normative", "issued"),
        ("active", "penalty", "decisions"),
        ("appeals", "cases", "review.upheld"),
    ),
)

REPORTS = (R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R15, R16, R17)


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


def spot_cells(report: Report, grids: Mapping[str, Grid]) -> list[dict[str, str]]:
    assert len(report.spot) >= 5, report.file
    out = []
    for table, row, col in report.spot:
        assert table != "appeals" or report.appeals_table, report.file
        out.append({"table": table, "row": row, "column": col, "raw": grids[table][row][col].strip()})
    return out


def expectations_yaml(built: list[tuple[Report, dict[str, Grid]]]) -> str:
    lines = [
        "# Expectations for the invented demo reports in reports_in/ (see reports_in/README.md).",
        "# Generated by tools/make_demo_reports.py from the same data as the reports: edit the script.",
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


def readme(built: list[tuple[Report, dict[str, Grid]]]) -> str:
    lines = [
        "# 演示年报 / Demo reports",
        "",
        "本目录中的政府信息公开工作年度报告全部为虚构（单位、地名、数字、文字均为编造），用于演示和测试审计器。"
        "除两份干净样本外，每份报告都带有 2–5 处故意设置的缺陷。文件由 `tools/make_demo_reports.py` 生成，"
        "请修改脚本后重新运行，不要手工编辑；逐项预期见 `tests/data/demo_expectations.yaml`。",
        "",
        "Every report here is invented (agencies, places, figures and prose) for demonstrating and testing "
        "the auditor. Apart from the two clean reports, each carries 2–5 deliberate defects. The files are "
        "generated by `tools/make_demo_reports.py`: change the script and re-run it rather than editing "
        "them; the machine-readable expectations are in `tests/data/demo_expectations.yaml`.",
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
    built: list[tuple[Report, dict[str, Grid]]] = []
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
