"""Helpers shared by rule kinds: number display, cell references, grouping by format version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from ...core.finding import CellRef
from ...gx.checks import CELL_ROWS
from ...model import Cell

if TYPE_CHECKING:
    import pandas as pd

    from ...core.context import RunContext

# why a cross-year rule has nothing to check for a report (RuleKind.nothing_to_check)
NO_PREVIOUS = (
    "没有同一机关上一年度的报告（本次审查和历史记录中均没有），无从比对",
    "no report of the same agency for the year before, in this run or the history: nothing to compare",
)

KIND_ZH = {
    "blank": "空白",
    "slash": "“/”",
    "dash": "“-”",
    "missing": "缺失",
    "text": "文字",
    "ambiguous": "无法确定读数",
}
KIND_EN = {
    "blank": "blank",
    "slash": "'/'",
    "dash": "'-'",
    "missing": "missing",
    "text": "text",
    "ambiguous": "ambiguous reading",
}


def fmt(v: int | float | Decimal | None) -> str:
    if v is None:
        return "空"
    if isinstance(v, float):
        if v != v:  # NaN
            return "空"
        if v == int(v):
            return str(int(v))
        return f"{v:.10g}"
    if isinstance(v, Decimal):
        # exact: format() does not round, normalize() would (to 28 digits)
        s = format(v, "f")
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s
    return str(v)


def fmt_term(v: int | float | Decimal | None, first: bool, coef: int) -> str:
    """One operand of printed arithmetic with its sign: a negative value is bracketed after an operator,
    so 6 plus −1 reads `6+(-1)` and 6 minus −1 reads `6-(-1)`, never `6+-1` or `6--1`."""
    s = fmt(v)
    if first and coef > 0:
        return s
    if s.startswith("-"):
        s = f"({s})"
    return f"-{s}" if coef < 0 else f"+{s}"


def signed_sum(terms: Iterable[tuple[int, int | float | Decimal | None]]) -> str:
    """(coefficient, value) pairs as printed arithmetic: [(1, 6), (1, -1)] → `6+(-1)`, [(1, 6), (-1, 2)] → `6-2`."""
    return "".join(fmt_term(v, i == 0, coef) for i, (coef, v) in enumerate(terms))


def cell_ref(ctx: RunContext, report_id: str, table: str, row: str, col: str, cell: Cell | None = None) -> CellRef:
    tdef = ctx.tdef(report_id, table)
    c = cell or ctx.reports[report_id].table(table).cell(row, col)
    r = tdef.rows.get(row)
    cd = tdef.columns.get(col)
    label = " / ".join(x for x in ((r.short or r.label) if r else row, cd.display if cd else col) if x)
    return CellRef(table=table, row=row, column=col, raw=c.raw, line=c.line, label=label)


def by_version(ctx: RunContext, report_ids: list[str], table: str | None = None) -> dict[str, list[str]]:
    """Reports grouped by format version — of `table` when given: a table may have been read with the
    other version's rows (a mixed-format 表三)."""
    out: dict[str, list[str]] = defaultdict(list)
    for rid in report_ids:
        t = ctx.reports[rid].tables.get(table) if table else None
        out[t.version if t is not None and t.version else ctx.version_of(rid)].append(rid)
    return dict(sorted(out.items()))


def table_title(ctx: RunContext, report_id: str, table: str) -> str:
    return ctx.tdef(report_id, table).title.split(" ")[0]


def table_en(ctx: RunContext, report_id: str, table: str) -> str:
    return ctx.tdef(report_id, table).name_en


_CELL_KEYS = ["report_id", "table", "row", "column"]  # the cell frame's names for gx.checks' CELL_ROWS


def cell_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """The flagged cells `cells` (a slice of ctx.cells) as gx.checks' cell rows."""
    return cells[_CELL_KEYS].set_axis(list(CELL_ROWS), axis=1).reset_index(drop=True)


def flagged_cells(ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> pd.DataFrame:
    """The slice of ctx.cells that `rows` (gx.checks' cell rows, in any order) name, in the frame's
    order: the order findings have always been listed in, whoever flagged the cells. A row that names
    no cell of the run is an error, never dropped: the flagging and the frame would disagree."""
    import pandas as pd

    df = ctx.cells
    rows = rows[rows["report_id"].isin(report_ids)]
    if rows.empty:
        return df.iloc[0:0]
    want = pd.MultiIndex.from_frame(rows[list(CELL_ROWS)].set_axis(_CELL_KEYS, axis=1)).unique()
    keys = ctx.memo(("cell-keys",), lambda: pd.MultiIndex.from_frame(df[_CELL_KEYS]))  # once per run, not per rule
    out = df[keys.isin(want)]
    if len(out) != len(want):
        have = set(zip(*(out[k] for k in _CELL_KEYS), strict=True))
        unknown = [key for key in want if key not in have]
        raise ValueError(f"{len(unknown)} flagged cell(s) are not cells of the run, e.g. {unknown[0]}")
    return out
