"""Table cells a narrative figure is compared with, and how the comparison is written out.

Table 三 figures are read from its 总计 column. When a needed 总计 cell has no value (blank, "/",
"-", missing, text, or a reading the extractor could not decide) but all six applicant cells of
that row are numbers, their sum stands in for it, and every message and arithmetic line says so.
When an applicant cell has no value either (or is negative, or any cell of the row was placed by
the reader rather than printed as a separated cell), the operand has none and the claim is not
checked.
Table 四 figures are read from its one data row, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...core.context import RunContext
from ...expr import parse
from ...model import Cell, Report
from . import _exact
from ._common import cell_ref, fmt, signed_sum

_WHY_ZH = {
    "blank": "总计栏空白",
    "slash": "总计栏为“/”",
    "dash": "总计栏为“-”",
    "missing": "总计栏缺失",
    "text": "总计栏为文字",
    "ambiguous": "总计栏读数无法确定",
}
_WHY_EN = {
    "blank": "the 总计 cell is blank",
    "slash": "the 总计 cell is '/'",
    "dash": "the 总计 cell is '-'",
    "missing": "the 总计 cell is missing",
    "text": "the 总计 cell holds text",
    "ambiguous": "the 总计 cell could not be read unambiguously",
}
_BY_APPLICANTS_ZH = "按六类申请人之和"
_BY_APPLICANTS_EN = "sum of the six applicant columns"


@dataclass(frozen=True)
class Operand:
    """One term of a claim's expression as read from the table."""

    coef: int
    row: str
    col: str  # the cell the term names (表三: "total")
    cell: Cell  # that cell as printed
    value: Decimal | None  # None: no value to compare with
    # the applicant cells summed because `cell` had no value: ((column, cell), …)
    parts: tuple[tuple[str, Cell], ...] = ()

    @property
    def substituted(self) -> bool:
        return bool(self.parts)


def terms(ctx: RunContext, rid: str, table: str, expr: str) -> list[tuple[int, str, str]]:
    """(coef, row, column) of an expression: 表三 rows in the 总计 column, 表四 columns of its row."""
    tdef = ctx.tdef(rid, table)
    if table == "requests":
        return [(c, k, "total") for c, k in parse(expr).expand(list(tdef.rows))]
    return [(c, "cases", k) for c, k in parse(expr).expand(list(tdef.columns))]


def applicant_columns(ctx: RunContext, rid: str, row: str) -> list[str]:
    """The six applicant columns of a 表三 row (every column of its block but the total)."""
    block = ctx.tdef(rid, "requests").block_of_row[row]
    return [c.key for c in block.columns if not c.total]


def read(ctx: RunContext, report: Report, table: str, expr: str) -> list[Operand] | None:
    """The operands of an expression, or None when the table is missing."""
    t = report.tables.get(table)
    if t is None or not t.found:
        return None
    out = []
    for coef, row, col in terms(ctx, report.report_id, table, expr):
        cell = t.cell(row, col)
        if cell.has_value:
            out.append(Operand(coef, row, col, cell, Decimal(cell.value)))
            continue
        parts: tuple[tuple[str, Cell], ...] = ()
        if table == "requests" and col == "total":
            got = tuple((c, t.cell(row, c)) for c in applicant_columns(ctx, report.report_id, row))
            # a negative applicant cell is a broken row (VAL-NEG), not a sum to trust; and a row whose
            # cells were placed by the reader (separators lost, placed by column position) may have
            # its 总计 among the applicant cells: an inference on an inference is not made
            if got and all(p.has_value and p.value >= 0 and p.reading is None for _, p in got) and cell.reading is None:
                parts = got
        value = _exact.total(p.value for _, p in parts) if parts else None
        out.append(Operand(coef, row, col, cell, value, parts))
    return out


def complete(ops: list[Operand] | None) -> bool:
    return bool(ops) and all(op.value is not None for op in ops)


def total(ops: list[Operand]) -> Decimal:
    return _exact.linear((op.coef, op.value) for op in ops if op.value is not None)


def refs(ctx: RunContext, rid: str, table: str, ops: list[Operand]) -> list:
    """The cells behind the figures: the 总计 cell, or the applicant cells summed in its place."""
    out = []
    for op in ops:
        if op.substituted:
            out += [cell_ref(ctx, rid, table, op.row, c, cell) for c, cell in op.parts]
        else:
            out.append(cell_ref(ctx, rid, table, op.row, op.col, op.cell))
    return out


# -- wording ----------------------------------------------------------------------------------


def why(ops: list[Operand], lang: str = "zh") -> str:
    """Why the 总计 column was not used: one phrase for the kinds of cell found there."""
    table = _WHY_ZH if lang == "zh" else _WHY_EN
    kinds = {op.cell.kind for op in ops if op.substituted}
    if len(kinds) == 1:
        return table.get(kinds.pop(), table["blank"])
    return "总计栏无数值" if lang == "zh" else "the 总计 cells have no value"


def _applicant_labels(ctx: RunContext, rid: str, op: Operand) -> list[str]:
    tdef = ctx.tdef(rid, "requests")
    return [tdef.columns[c].display for c, _ in op.parts]


def note(ctx: RunContext, rid: str, op: Operand, row_label: str | None) -> str:
    """“一、本年新收…”总计栏空白，按六类申请人之和 自然人+…+其他 = 12+3+0+0+0+0 = 15"""
    labels = _applicant_labels(ctx, rid, op)
    vals = signed_sum((1, p.value) for _, p in op.parts)
    head = f"“{row_label}”" if row_label else ""
    return f"{head}{why([op])}，{_BY_APPLICANTS_ZH} {'+'.join(labels)} = {vals} = {fmt(op.value)}"


def source(ctx: RunContext, rid: str, ops: list[Operand], row_label) -> tuple[str, str]:
    """How the compared figure was read, for messages: (zh, en). `row_label(row)` names a row."""
    subs = [op for op in ops if op.substituted]
    if not subs:
        return "总计列", "总计 column"
    if len(subs) == len(ops):
        return (
            f"六类申请人之和（{why(subs)}）",
            f"{_BY_APPLICANTS_EN}; {why(subs, 'en')}",
        )
    rows = "、".join(f"“{row_label(op.row)}”" for op in subs)
    rows_en = ", ".join(f"'{row_label(op.row)}'" for op in subs)
    return (
        f"总计列（{rows}{why(subs)}，{_BY_APPLICANTS_ZH}）",
        f"总计 column; for {rows_en} {why(subs, 'en')}, so the {_BY_APPLICANTS_EN} is used",
    )


def arithmetic(ctx: RunContext, rid: str, label: str, ops: list[Operand], found: Decimal, row_label) -> str:
    """`label = a+b = S; 正文 N`, saying where a figure comes from the applicant columns."""
    value = total(ops)
    tail = f"; 正文 {fmt(found)}"
    subs = [op for op in ops if op.substituted]
    if subs and len(subs) == len(ops):
        # every term from the applicant columns: add them up column by column
        cols = [c for c, _ in ops[0].parts]
        sums = []
        for i, _ in enumerate(cols):
            sums.append(_exact.linear((op.coef, op.parts[i][1].value) for op in ops))
        labels = _applicant_labels(ctx, rid, ops[0])
        shown = signed_sum((1, v) for v in sums)
        return f"{label}（{why(subs)}，{_BY_APPLICANTS_ZH}）{'+'.join(labels)} = {shown} = {fmt(value)}{tail}"
    if len(ops) > 1:
        shown = signed_sum((op.coef, op.value) for op in ops if op.value != 0) or "0"
        text = f"{label} = {shown} = {fmt(value)}"
    else:
        text = f"{label} = {fmt(value)}"
    if subs:
        text += "（其中" + "；".join(note(ctx, rid, op, row_label(op.row)) for op in subs) + "）"
    return text + tail


def row_label(tdef, key: str) -> str:
    """A 表三 row as the text names it: 一、本年新收…, （三）4.保护第三方合法权益."""
    r = tdef.rows[key]
    short = r.short or ""
    if short in ("一", "二", "三", "四"):
        return f"{short}、{r.label}"
    if short[-1:].isdigit():
        return f"{short}.{r.label}"
    return f"{short}{r.label}"
