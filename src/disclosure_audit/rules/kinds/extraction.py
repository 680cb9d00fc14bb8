"""Extraction problems (surplus or missing cells, unmapped labels) surfaced as findings."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import CellRef, Hit
from ..params.extraction import ExtractionParams
from ..registry import RuleKind


class Extraction(RuleKind):
    params: ExtractionParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            for p in ctx.reports[rid].problems:
                if p.code not in self.params.codes:
                    continue
                title = ctx.tdef(rid, p.table).title.split(" ")[0] if p.table else ""
                cells = [CellRef(p.table, p.row, "", p.raw, p.line, p.row)] if p.table and p.row else []
                yield Hit(
                    report_id=rid,
                    table=p.table,
                    row=p.row,
                    raw=p.raw,
                    line=p.line,
                    found=p.zh or p.message,
                    cells=cells,
                    params={
                        "problem": p.zh or p.message,
                        "problem_en": p.message,
                        "found_en": p.message,
                        "code": p.code,
                        "table_title": title,
                    },
                )
