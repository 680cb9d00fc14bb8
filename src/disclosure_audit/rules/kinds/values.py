"""Value-domain checks on number cells, run as one pandera validation over the stacked frame."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.values import ValuesParams
from ..registry import RowKind
from ._common import cell_ref, cell_rows, flagged_cells, table_title

# Registered checks by name; each takes the stacked cell frame and marks acceptable rows True.
CHECKS: dict[str, tuple[str, callable]] = {
    "non_negative": ("value >= 0", lambda df: ~(df["kind"] == "number") | (df["value"] >= 0)),
    "integer": ("value is whole", lambda df: ~(df["kind"] == "number") | (df["value"] % 1 == 0)),
    "numeric": ("not text", lambda df: df["kind"] != "text"),
    "no_suffix": (
        "no unit suffix",
        lambda df: ~(df["kind"] == "number") | df["unit"].isin(["", "万元", "元", "亿元", "千元"]),
    ),
}

# The same checks over the facts table (warehouse.facts), by the same names, for the SQL/GX export
# (gx/sql_cells.py): a condition that holds for the rows each check rejects. A cell whose exact
# `scaled` is NULL (not representable in 64 bits at 6 decimals) is never rejected by a check that
# reads the value: SQL cannot decide it exactly, and a wrong failure is worse than a missed one.
SQL_CHECKS: dict[str, str] = {
    "non_negative": '"kind" = \'number\' AND "scaled" < 0',
    "integer": '"kind" = \'number\' AND "scaled" - ("scaled" / 1000000) * 1000000 <> 0',
    "numeric": "\"kind\" = 'text'",
    "no_suffix": "\"kind\" = 'number' AND COALESCE(\"unit\", '') NOT IN ('', '万元', '元', '亿元', '千元')",
}


class Values(RowKind):
    params: ValuesParams

    def flag_rows(self, ctx: RunContext, report_ids: list[str]) -> pd.DataFrame:
        p = self.params
        df = ctx.cells
        sub = df[df["report_id"].isin(report_ids) & df["table"].isin(p.tables) & df["col_type"].isin(p.types)]
        if sub.empty:
            return cell_rows(sub)
        name, fn = CHECKS[p.check]
        schema = pa.DataFrameSchema(checks=[pa.Check(fn, name=p.check, error=name)])
        try:
            schema.validate(sub, lazy=True)
            return cell_rows(sub.iloc[0:0])
        except pa.errors.SchemaErrors as exc:
            bad_idx = exc.failure_cases["index"].dropna().astype(int).unique()
        return cell_rows(sub.loc[sorted(bad_idx)])

    def hits_from_rows(self, ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> Iterable[Hit]:
        """One Hit per flagged cell, or per report and table with `aggregate`."""
        p = self.params
        bad = flagged_cells(ctx, report_ids, rows)
        if p.aggregate:
            for (rid, table), grp in bad.groupby(["report_id", "table"], sort=True):
                yield self._hit(ctx, rid, table, grp)
        else:
            for _, row in bad.iterrows():
                yield self._hit(ctx, row["report_id"], row["table"], row.to_frame().T)

    def _hit(self, ctx: RunContext, rid: str, table: str, grp: pd.DataFrame) -> Hit:
        refs = [cell_ref(ctx, rid, table, r, c) for r, c in zip(grp["row"], grp["column"], strict=True)]
        first = refs[0]
        raws = "、".join(f"{ref.label}“{ref.raw}”" for ref in refs[:10]) + ("等" if len(refs) > 10 else "")
        return Hit(
            report_id=rid,
            table=table,
            row=first.row if len(refs) == 1 else None,
            column=first.column if len(refs) == 1 else None,
            raw=first.raw,
            line=first.line,
            found="、".join(str(ref.raw) for ref in refs[:10]),
            cells=refs,
            params={
                "table_title": table_title(ctx, rid, table),
                "cells_zh": raws,
                "count": len(refs),
                "cells_en": ", ".join(f"{ref.label} '{ref.raw}'" for ref in refs[:10]),
            },
        )
