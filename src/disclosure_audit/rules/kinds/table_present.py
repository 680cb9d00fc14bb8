"""Each of the three standard tables must be present."""

from __future__ import annotations

from collections.abc import Iterable

from ...engine.context import RunContext
from ...engine.finding import Hit
from ..registry import KindParams, RuleKind, register
from ._common import TableKey


class TablePresentParams(KindParams):
    tables: tuple[TableKey, ...] = ("active", "requests", "appeals")


@register("table_present")
class TablePresent(RuleKind):
    Params = TablePresentParams
    doc = "a standard table the reader could not find"
    params: TablePresentParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            for t in self.params.tables:
                if not ctx.reports[rid].table(t).found:
                    title = ctx.tdef(rid, t).title
                    yield Hit(report_id=rid, table=t, expected=title, found="（未找到）", params={"table_title": title})
