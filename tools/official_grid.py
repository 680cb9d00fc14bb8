"""The three tables of the official format as grids of merged cells: one implementation of their
layout, for the demo generator (`tools/make_demo_reports.py` prints its text layouts from these grids)
and the test twins (`tests/twins.py` draws its HTML, DOCX and PDF tables from them).

表三: the 勾稽关系 note over the three label columns and three header rows, 申请人情况 over seven
columns, 法人或其他组织 over five, 自然人 and 总计 over two header rows; 三、本年度办理结果 written
vertically down the result rows (in print on down through （七）总计), each sub-group label
（三）不予公开… over its rows. 表四: 行政复议 over five columns and 行政诉讼 over ten, the outcome heads
of 行政复议 over two header rows. 表二: each block a caption row over the whole width, a header row
(信息内容 and the column heads, the last stretched to the width) and one row per item.

The caller gives the texts (labels as printed, values as printed); this module places them. Every cell
carries its column, spans and role (note, head, caption, label, group, vgroup, value) and, on the rows
of a table's items, the item's key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Text = str | list[str]  # a list: the cell's own lines (<br> in HTML, paragraphs in Word, lines in PDF)


@dataclass
class GridCell:
    col: int
    text: Text
    rs: int = 1
    cs: int = 1
    value: bool = False
    vertical: bool = False
    center: bool = False  # header labels are centred, row labels flush left
    runs: list[str] | None = None  # PDF hostile: one line drawn as these separate runs, last run first
    lines: list[str] = field(default_factory=list)  # filled in by the PDF layout
    role: str = ""  # note | head | caption | label | group | vgroup | value
    key: str = ""  # the item (row key) on a table's item rows


Grid = list[list[GridCell]]


def _values(values: Sequence[str], start: int, key: str, last_span: int = 1) -> list[GridCell]:
    n = len(values)
    return [
        GridCell(start + i, v, cs=last_span if i == n - 1 else 1, value=True, role="value", key=key)
        for i, v in enumerate(values)
    ]


# --------------------------------------------------------------------------- 表二


@dataclass(frozen=True)
class ActiveRow:
    key: str
    label: str
    values: Sequence[str] | None  # None: not printed


def active_block(caption: str, heads: Sequence[Text], rows: Sequence[ActiveRow], width: int) -> Grid:
    """One block of 表二 in a table `width` columns wide (the last column head and value stretched)."""
    rest = width - len(heads)
    grid: Grid = [[GridCell(0, caption, cs=width, role="caption")]]
    header = [GridCell(0, "信息内容", role="head")]
    header += [GridCell(1 + i, h, cs=rest if i == len(heads) - 1 else 1, role="head") for i, h in enumerate(heads)]
    grid.append(header)
    for r in rows:
        if r.values is not None:
            grid.append([GridCell(0, r.label, role="label", key=r.key), *_values(r.values, 1, r.key, rest)])
    return grid


# --------------------------------------------------------------------------- 表三


@dataclass(frozen=True)
class RequestRow:
    key: str
    label: Text
    values: Sequence[str] | None  # the seven applicant columns as printed; None: not printed
    group: str | None = None  # "results" for （一）（二）, a sub-group key (denied, unable…) for its items
    group_label: str = ""  # a sub-group's label, e.g. （三）不予公开
    total: bool = False  # （七）总计


@dataclass(frozen=True)
class RequestHeads:
    note: str
    applicants: str  # 申请人情况
    natural: Text  # 自然人
    organisations: Text  # 法人或其他组织
    total: Text  # 总计
    kinds: Sequence[Text]  # 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
    results: str  # 三、本年度办理结果


def requests_grid(heads: RequestHeads, rows: Sequence[RequestRow], *, label_through_total: bool) -> Grid:
    """表三. `label_through_total`: the vertical results label runs on down through （七）总计 (as printed),
    else （七）总计's label spans all three label columns."""
    grid: Grid = [
        [GridCell(0, heads.note, rs=3, cs=3, role="note"), GridCell(3, heads.applicants, cs=7, role="head")],
        [
            GridCell(3, heads.natural, rs=2, role="head"),
            GridCell(4, heads.organisations, cs=5, role="head"),
            GridCell(9, heads.total, rs=2, role="head"),
        ],
        [GridCell(4 + i, k, role="head") for i, k in enumerate(heads.kinds)],
    ]
    shown = [r for r in rows if r.values is not None]
    n_results = sum(1 for r in shown if r.group or (label_through_total and r.total))
    open_group: str | None = None
    first_result = True
    for r in shown:
        assert r.values is not None
        line: list[GridCell] = []
        if r.group and first_result:
            line.append(GridCell(0, heads.results, rs=n_results, vertical=True, role="vgroup"))
            first_result = False
        if r.group and r.group != "results":
            if r.group != open_group:
                members = sum(1 for x in rows if x.group == r.group)
                line.append(GridCell(1, r.group_label, rs=members, role="group"))
                open_group = r.group
            line.append(GridCell(2, r.label, role="label", key=r.key))
        elif r.group == "results" or (r.total and label_through_total):
            line.append(GridCell(1, r.label, cs=2, role="label", key=r.key))
        else:
            line.append(GridCell(0, r.label, cs=3, role="label", key=r.key))
        grid.append(line + _values(r.values, 3, r.key))
    return grid


# --------------------------------------------------------------------------- 表四


def appeals_grid(heads: Sequence[Text], values: Sequence[str] | None) -> Grid:
    """表四: `heads` are the five outcome heads (结果维持 … 总计) as printed."""
    grid: Grid = [
        [GridCell(0, "行政复议", cs=5, role="head"), GridCell(5, "行政诉讼", cs=10, role="head")],
        [GridCell(i, h, rs=2, role="head") for i, h in enumerate(heads)]
        + [GridCell(5, "未经复议直接起诉", cs=5, role="head"), GridCell(10, "复议后起诉", cs=5, role="head")],
        [GridCell(5 + i, h, role="head") for i, h in enumerate([*heads, *heads])],
    ]
    if values is not None:
        grid.append(_values(values, 0, "cases"))
    return grid


# --------------------------------------------------------------------------- reading a grid row by row


def row_items(grid: Grid) -> list[list[tuple[int, GridCell | None]]]:
    """Each row's (column, cell) in column order, with None where a cell from a row above covers the
    row (once per covering cell, at its column): the order in which a reader meets them, and where a
    merged cell leaves a gap."""
    out: list[list[tuple[int, GridCell | None]]] = []
    covering: list[tuple[int, int]] = []  # (last row, column) of cells spanning down
    for r, row in enumerate(grid):
        covering = [c for c in covering if c[0] >= r]
        items: list[tuple[int, GridCell | None]] = [(col, None) for _, col in covering]
        items += [(c.col, c) for c in row]
        out.append(sorted(items, key=lambda x: x[0]))
        covering += [(r + c.rs - 1, c.col) for c in row if c.rs > 1]
    return out
