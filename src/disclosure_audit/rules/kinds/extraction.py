"""Extraction problems (surplus or missing cells, unmapped labels, lost pages) surfaced as findings."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import CellRef, Hit
from ..params.extraction import ExtractionParams
from ..registry import RuleKind
from ._common import table_en, table_title


class Extraction(RuleKind):
    params: ExtractionParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            for p in ctx.reports[rid].problems:
                if p.code not in self.params.codes:
                    continue
                if p.table:
                    place, place_en = table_title(ctx, rid, p.table), table_en(ctx, rid, p.table).capitalize()
                else:  # a page, list numbers: the problem's own text names where
                    place, place_en = self.params.file_place, self.params.file_place_en
                cells = [CellRef(p.table, p.row, "", p.raw, p.line, p.row)] if p.table and p.row else []
                yield Hit(
                    report_id=rid,
                    table=p.table,
                    row=p.row,
                    raw=p.raw,
                    line=p.line,
                    found=p.zh or p.message,  # shown on the page like `expected` elsewhere: in Chinese
                    cells=cells,
                    params={
                        "problem": p.zh or p.message,
                        "problem_en": p.message,
                        "found_en": p.message,
                        "code": p.code,
                        "place": place,
                        "place_en": place_en,
                    },
                )
