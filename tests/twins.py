"""What the document twins share: the PDF twins of `tests/pdf_twin.py` and the HTML/DOCX twins of
`tests/test_html_docx.py` are both drawn from a text report's own extraction, with its tables laid out
as the official grids built here, and both must read back to the same cells, sections and metadata.

The grids follow the official format: 申请人情况 over seven columns, 法人或其他组织 over five,
三、本年度办理结果 in a cell spanning the result rows, （三）不予公开 spanning its eight rows. `pdf=True`
gives the printed layout of the PDF twin: the vertical 三、本年度办理结果 label runs on down through the
（七）总计 row, and header labels are broken where the narrow printed columns break them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from disclosure_audit.extract.layout import TextLine, read_layout
from disclosure_audit.extract.normalize import squash
from disclosure_audit.model import Report
from disclosure_audit.templates import TableDef, Templates

OFFICIAL_LABELS = {
    "denied.3": "危及“三安全一稳定”",
    "other.1": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.2": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}
PARTIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）"


# --------------------------------------------------------------------------- what must match


def cells_of(r: Report) -> dict[tuple[str, str, str], tuple[str | None, str]]:
    return {(t, row, col): (c.raw, c.kind) for t, tab in r.tables.items() for (row, col), c in tab.cells.items()}


def sections_of(r: Report) -> list[tuple]:
    return [(s.number, s.heading, s.ordinal, s.standard_wording, s.standard_numbering) for s in r.sections]


def meta_of(r: Report) -> dict:
    return {
        "template": r.template,
        "title": r.title,
        "agency": r.agency,
        "year": r.year,
        "year_source": r.year_source,
        "published": r.published,
        "level": r.level,
        "found": {k: t.found for k, t in r.tables.items()},
        "units": {k: t.header_units for k, t in r.tables.items()},
    }


# --------------------------------------------------------------------------- the report's frame


def frame_lines(report: Report) -> tuple[list[TextLine], set[int], set[int]]:
    """A text report's text lines with the line numbers of its title (one or two lines) and of its
    signature (agency and date after the last heading)."""
    tls = read_layout(report.lines).text_lines
    title_lines: set[int] = set()
    if report.title_line is not None:
        first = next(t for t in tls if t.line == report.title_line)
        title_lines.add(first.line)
        if squash(first.text) != report.title:
            title_lines.add(tls[tls.index(first) + 1].line)
    last_heading = max((s.line for s in report.sections), default=0)
    sig_lines = {x for x in (report.agency_line, report.published_line) if x is not None and x > last_heading}
    return tls, title_lines, sig_lines


# --------------------------------------------------------------------------- official table grids


@dataclass
class GridCell:
    col: int
    text: str | list[str]  # a list: the cell's own lines (<br>/<p> in HTML, paragraphs in Word, lines in PDF)
    rs: int = 1
    cs: int = 1
    value: bool = False
    vertical: bool = False
    center: bool = False  # header labels are centred, row labels flush left
    runs: list[str] | None = None  # PDF hostile: one line drawn as these separate runs, last run first
    lines: list[str] = field(default_factory=list)  # filled in by the PDF layout


Grid = list[list[GridCell]]


def _raw(report: Report, table: str, row: str, col: str) -> str | None:
    c = report.tables[table].cells[(row, col)]
    return None if c.kind == "missing" else (c.raw or "")


def _values(report: Report, tdef: TableDef, row: str, start: int, last_span: int = 1) -> list[GridCell] | None:
    cols = tdef.block_of_row[row].columns
    raws = [_raw(report, tdef.key, row, c.key) for c in cols]
    if all(r is None for r in raws):
        return None
    present = [r for r in raws if r is not None]
    return [
        GridCell(start + i, r, cs=last_span if i == len(cols) - 1 else 1, value=True) for i, r in enumerate(present)
    ]


def grid_active(report: Report, tdef: TableDef) -> Grid:
    width = 1 + max(len(b.columns) for b in tdef.blocks)
    grid: Grid = []
    for b in tdef.blocks:
        rest = width - len(b.columns)
        grid.append([GridCell(0, b.caption or "", cs=width)])
        header = [GridCell(0, "信息内容")]
        for i, c in enumerate(b.columns):
            label = c.label
            if unit := report.tables["active"].header_units.get(c.key):
                label += f"（单位：{unit}）"
            header.append(GridCell(1 + i, label, cs=rest if i == len(b.columns) - 1 else 1))
        grid.append(header)
        for r in b.rows:
            vals = _values(report, tdef, r.key, 1, rest)
            if vals is not None:
                grid.append([GridCell(0, r.label), *vals])
    return grid


def _row_label(tdef: TableDef, key: str) -> str:
    r = tdef.rows[key]
    label = OFFICIAL_LABELS.get(key, r.label)
    short = r.short or ""
    if m := re.match(r"^（.）(\d+)$", short):
        return f"{m.group(1)}.{label}"
    if short.startswith("（"):
        return short + label
    return f"{short}、{label}"


def grid_requests(report: Report, tdef: TableDef, *, pdf: bool = False) -> Grid:
    groups = {g.key: g for g in tdef.groups}
    wrapped = (["社会公", "益组织"], ["法律服", "务机构"]) if pdf else (["社会公益", "组织"], ["法律", "服务机构"])
    grid: Grid = [
        [
            GridCell(0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3),
            GridCell(3, "申请人情况", cs=7),
        ],
        [GridCell(3, "自然人", rs=2), GridCell(4, "法人或其他组织", cs=5), GridCell(9, "总计", rs=2)],
        [
            GridCell(4, ["商业", "企业"]),
            GridCell(5, ["科研", "机构"]),
            GridCell(6, wrapped[0]),
            GridCell(7, wrapped[1]),
            GridCell(8, "其他"),
        ],
    ]
    rows = list(tdef.blocks[0].rows)
    results = [r for r in rows if r.group]
    # the label spans every result row (in print, （七）总计 below them too)
    n_results = sum(1 for r in rows if (r.group or (pdf and r.total)) and _values(report, tdef, r.key, 0) is not None)
    open_group: str | None = None
    first_result = True
    for r in rows:
        vals = _values(report, tdef, r.key, 3)
        if vals is None:
            continue
        line: list[GridCell] = []
        if r.group and first_result:
            line.append(GridCell(0, f"三、{groups['results'].label}", rs=n_results, vertical=True))
            first_result = False
        if r.group and r.group != "results":
            if r.group != open_group:
                members = [x for x in results if x.group == r.group]
                line.append(GridCell(1, f"{groups[r.group].short}{groups[r.group].label}", rs=len(members)))
                open_group = r.group
            line.append(GridCell(2, _row_label(tdef, r.key)))
        elif r.group == "results":
            label = _row_label(tdef, r.key)
            line.append(GridCell(1, [label, PARTIAL_NOTE] if r.key == "partial" else label, cs=2))
        elif r.total and pdf:  # under the vertical label, which runs on down through this row
            line.append(GridCell(1, _row_label(tdef, r.key), cs=2))
        else:
            line.append(GridCell(0, _row_label(tdef, r.key), cs=3))
        grid.append(line + vals)
    return grid


def grid_appeals(report: Report, tdef: TableDef, *, pdf: bool = False) -> Grid:
    heads: list[str | list[str]] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    if pdf:  # two characters a line in the narrow printed columns
        heads = [[h[:2], h[2:]] if len(h) == 4 else h for h in heads]
    grid: Grid = [
        [GridCell(0, "行政复议", cs=5), GridCell(5, "行政诉讼", cs=10)],
        [GridCell(i, h, rs=2) for i, h in enumerate(heads)]
        + [GridCell(5, "未经复议直接起诉", cs=5), GridCell(10, "复议后起诉", cs=5)],
        [GridCell(5 + i, h) for i, h in enumerate(heads + heads)],
    ]
    vals = _values(report, tdef, "cases", 0)
    if vals is not None:
        grid.append(vals)
    return grid


def grid_of(report: Report, templates: Templates, key: str, *, pdf: bool = False) -> Grid:
    """The official grid of table `key`; rows without a value are header rows, their labels centred."""
    tdef = templates.versions[str(report.template)].tables[key]
    if key == "active":
        grid = grid_active(report, tdef)
    elif key == "requests":
        grid = grid_requests(report, tdef, pdf=pdf)
    elif key == "appeals":
        grid = grid_appeals(report, tdef, pdf=pdf)
    else:
        raise KeyError(key)
    for row in grid:
        if not any(c.value for c in row):
            for c in row:
                c.center = True
    return grid
