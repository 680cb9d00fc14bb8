"""What the document twins share: the PDF twins of `tests/pdf_twin.py` and the HTML/DOCX twins of
`tests/test_html_docx.py` are both drawn from a text report's own extraction, with its tables laid out
as the official grids of `tools/official_grid.py` (the one layout the demo generator prints its text
reports from, too), filled here with the template's labels and the report's cells; both must read back
to the same cells, sections and metadata.

The grids follow the official format: 申请人情况 over seven columns, 法人或其他组织 over five,
三、本年度办理结果 in a cell spanning the result rows, （三）不予公开 spanning its eight rows. `pdf=True`
gives the printed layout of the PDF twin: the vertical 三、本年度办理结果 label runs on down through the
（七）总计 row, and header labels are broken where the narrow printed columns break them.
"""

from __future__ import annotations

import re

from tools.official_grid import (
    ActiveRow,
    Grid,
    GridCell,
    RequestHeads,
    RequestRow,
    active_block,
    appeals_grid,
    requests_grid,
)

from disclosure_audit.extract.layout import TextLine, read_layout
from disclosure_audit.model import Report
from disclosure_audit.templates import TableDef, Templates
from disclosure_audit.zhtext.chars import squash

__all__ = ["Grid", "GridCell", "cells_of", "frame_lines", "grid_of", "meta_of", "sections_of"]

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
# The layout itself is `tools/official_grid.py`, shared with the demo generator; the texts come from
# the template data and the report's own cells.


def _present(report: Report, tdef: TableDef, row: str) -> list[str] | None:
    """The row's printed values (cells the reader found missing left out); None when none was found."""
    raws = [report.tables[tdef.key].cells[(row, c.key)] for c in tdef.block_of_row[row].columns]
    present = [c.raw or "" for c in raws if c.kind != "missing"]
    return present or None


def grid_active(report: Report, tdef: TableDef) -> Grid:
    width = 1 + max(len(b.columns) for b in tdef.blocks)
    grid: Grid = []
    for b in tdef.blocks:
        heads = []
        for c in b.columns:
            unit = report.tables["active"].header_units.get(c.key)
            heads.append(c.label + (f"（单位：{unit}）" if unit else ""))
        rows = [ActiveRow(r.key, r.label, _present(report, tdef, r.key)) for r in b.rows]
        grid += active_block(b.caption or "", heads, rows, width)
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
    heads = RequestHeads(
        note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        applicants="申请人情况",
        natural="自然人",
        organisations="法人或其他组织",
        total="总计",
        kinds=[["商业", "企业"], ["科研", "机构"], *wrapped, "其他"],
        results=f"三、{groups['results'].label}",
    )
    rows = []
    for r in tdef.blocks[0].rows:
        label = _row_label(tdef, r.key)
        group = groups[r.group] if r.group and r.group != "results" else None
        rows.append(
            RequestRow(
                r.key,
                [label, PARTIAL_NOTE] if r.key == "partial" else label,
                _present(report, tdef, r.key),
                group=r.group,
                group_label=f"{group.short}{group.label}" if group else "",
                total=bool(r.total),
            )
        )
    return requests_grid(heads, rows, label_through_total=pdf)


def grid_appeals(report: Report, tdef: TableDef, *, pdf: bool = False) -> Grid:
    heads: list[str | list[str]] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    if pdf:  # two characters a line in the narrow printed columns
        heads = [[h[:2], h[2:]] if len(h) == 4 else h for h in heads]
    return appeals_grid(heads, _present(report, tdef, "cases"))


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
