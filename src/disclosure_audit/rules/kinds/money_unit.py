"""Money cells: 元/万元/亿元 presence, consistency with the header and the format, normalisation
to 万元, and magnitude plausibility per item (DQC_0192-style scale test)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.money_unit import Conflict, Fixed, Magnitude, Missing, Normalised
from ..registry import RowKind
from ._common import cell_ref, cell_rows, flagged_cells, fmt

if TYPE_CHECKING:
    import pandas as pd

TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}


def effective_unit(cell_unit: str | None, header: str | None, fixed: str | None) -> tuple[str | None, str]:
    if cell_unit:
        return cell_unit, "cell"
    if header:
        return header, "header"
    if fixed:
        return fixed, "format"
    return None, ""


class MoneyUnit(RowKind):
    params: Missing | Conflict | Fixed | Normalised | Magnitude

    def flag_rows(self, ctx: RunContext, report_ids: list[str]) -> pd.DataFrame:
        df = ctx.cells
        sub = df[df["report_id"].isin(report_ids) & (df["col_type"] == "money") & (df["kind"] == "number")]
        keys = zip(sub["report_id"], sub["table"], sub["row"], sub["column"], strict=True)
        return cell_rows(sub.loc[[self._check(ctx, *key) is not None for key in keys]])  # .loc: rows, even when none

    def hits_from_rows(self, ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> Iterable[Hit]:
        """One Hit per flagged money cell. A flagged cell this check would pass is an error, not
        dropped: whoever flagged it disagrees with the kind, and silence would hide that."""
        sub = flagged_cells(ctx, report_ids, rows)
        for key in zip(sub["report_id"], sub["table"], sub["row"], sub["column"], strict=True):
            hit = self._check(ctx, *key)
            if hit is None:
                raise ValueError(f"cell {key} was flagged, but the '{self.params.check}' check passes it")
            yield hit

    def _check(self, ctx: RunContext, rid: str, table: str, row: str, col: str) -> Hit | None:
        p = self.params
        tbl = ctx.reports[rid].table(table)
        cell = tbl.cell(row, col)
        cdef = ctx.tdef(rid, table).column_def(row, col)
        header = tbl.header_units.get(col)
        unit, source = effective_unit(cell.unit, header, cdef.unit)
        ref = cell_ref(ctx, rid, table, row, col, cell)
        value = Decimal(cell.value)
        base = {"label": ref.label, "raw": cell.raw, "header_unit": header or "", "format_unit": cdef.unit or ""}

        def hit(**kw) -> Hit:
            params = {**base, **kw.pop("params", {})}
            return Hit(
                report_id=rid,
                table=table,
                row=row,
                column=col,
                raw=cell.raw,
                line=cell.line,
                cells=[ref],
                params=params,
                **kw,
            )

        if isinstance(p, Missing):
            return hit(expected="单位（元或万元）", found="无单位") if unit is None else None
        if isinstance(p, Conflict):
            if cell.unit and header and cell.unit != header:
                return hit(expected=header, found=cell.unit, params={"cell_unit": cell.unit})
            return None
        if isinstance(p, Fixed):
            if not cdef.unit:
                return None
            wrong = (
                cell.unit
                if cell.unit and cell.unit != cdef.unit
                else (header if header and header != cdef.unit else None)
            )
            return hit(expected=cdef.unit, found=wrong, params={"unit": wrong}) if wrong else None
        if isinstance(p, Normalised):
            if cell.unit and cell.unit != "万元" and cell.unit in TO_WAN:
                wan = value * TO_WAN[cell.unit]
                return hit(
                    expected=f"{fmt(wan)}万元",
                    found=cell.raw,
                    params={"wan": fmt(wan), "arith": f"{cell.raw} = {fmt(wan)}万元"},
                    arithmetic=f"{fmt(value)}{cell.unit} × {fmt(TO_WAN[cell.unit])} = {fmt(wan)}万元",
                )
            return None
        return self._magnitude(ctx, rid, table, row, col, value, unit, source, hit)

    def _magnitude(self, ctx, rid, table, row, col, value: Decimal, unit, source, hit) -> Hit | None:
        p = self.params
        assert isinstance(p, Magnitude)
        count_col = p.item_count.get(row)
        if value == 0 or count_col is None:
            return None
        count_cell = ctx.reports[rid].table(table).cell(row, count_col)
        if not count_cell.has_value or count_cell.value <= 0:
            return None
        n = Decimal(count_cell.value)
        lo, hi = p.per_item_range_wan

        def plausible(u: str) -> bool:
            per = value * TO_WAN[u] / n
            return lo <= per <= hi

        def per_item(u: str) -> str:
            return fmt((value * TO_WAN[u] / n).quantize(Decimal("0.0001")))

        candidates = [u for u in ("元", "万元") if plausible(u)]
        if unit is not None:
            if plausible(unit) or not candidates:
                return None
            likely = candidates[0]
        else:
            if plausible("万元") or not candidates:
                return None
            likely = candidates[0]
        as_unit = unit or "万元"
        arithmetic = (
            f"按{as_unit}：{fmt(value)}{as_unit} ÷ {fmt(n)}项 = {per_item(as_unit)}万元/项；"
            f"按{likely}：{fmt(value)}{likely} ÷ {fmt(n)}项 = {per_item(likely)}万元/项；"
            f"合理区间 {fmt(lo)}–{fmt(hi)}万元/项"
        )
        return hit(
            expected=f"单位为{likely}",
            found=f"{fmt(value)}{unit or '（无单位）'}",
            arithmetic=arithmetic,
            params={
                "likely_unit": likely,
                "items": fmt(n),
                "unit_source": source or "none",
                "stated_unit": unit or "无",
            },
        )
