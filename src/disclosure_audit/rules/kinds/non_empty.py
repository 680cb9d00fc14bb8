"""Blank, "/" and "-" cells: a blank total is an error, other blanks a warning. Blank is not zero."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.non_empty import NonEmptyParams
from ..registry import RowKind
from ._common import KIND_EN, KIND_ZH, cell_ref, cell_rows, flagged_cells, table_title

if TYPE_CHECKING:
    import pandas as pd


class NonEmpty(RowKind):
    params: NonEmptyParams

    def flag_rows(self, ctx: RunContext, report_ids: list[str]) -> pd.DataFrame:
        p = self.params
        df = ctx.cells
        want_total = p.cells == "totals"
        sel = df[
            df["report_id"].isin(report_ids)
            & df["table"].isin(p.tables)
            & df["kind"].isin(p.kinds)
            & df["table_found"]
            & (df["is_total"] == want_total)
        ]
        return cell_rows(sel)

    def hits_from_rows(self, ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> Iterable[Hit]:
        """One Hit per report and table listing every flagged cell."""
        sel = flagged_cells(ctx, report_ids, rows)
        for (rid, table), grp in sel.groupby(["report_id", "table"], sort=True):
            refs = [cell_ref(ctx, rid, table, r, c) for r, c in zip(grp["row"], grp["column"], strict=True)]
            kinds = sorted(set(grp["kind"]))
            labels = "、".join(ref.label for ref in refs[:12]) + ("等" if len(refs) > 12 else "")
            labels_en = ", ".join(ref.label for ref in refs[:12]) + (", …" if len(refs) > 12 else "")
            lines = [ln for ln in grp["line"] if ln >= 0]
            yield Hit(
                report_id=rid,
                table=table,
                line=min(lines) if lines else None,
                raw="",
                expected="数字（无则填0）",
                found="、".join(KIND_ZH[k] for k in kinds),
                cells=refs,
                params={
                    "table_title": table_title(ctx, rid, table),
                    "count": len(refs),
                    "cells_zh": labels,
                    "cells_en": labels_en,
                    "kinds_zh": "、".join(KIND_ZH[k] for k in kinds),
                    "kinds_en": ", ".join(KIND_EN[k] for k in kinds),
                },
            )
