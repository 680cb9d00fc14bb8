"""The demo reports as data: the standard format's headings and labels, the report data model, its
loading from `tools/demo_data/*.yaml`, and the printed cells of each report's three tables (totals
computed, so a clean report is right by construction; deliberate defects applied as overrides)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from demo_forms import (
    ConverterForm,
    CrawlerForm,
    LayoutForm,
)

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
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
