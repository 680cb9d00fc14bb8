"""Title, agency and date must be stated in the report itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ...engine.context import RunContext
from ...engine.finding import Hit
from ..registry import KindParams, RuleKind, register


class MetadataParams(KindParams):
    field: Literal["title", "agency", "published"]


@register("metadata")
class Metadata(RuleKind):
    Params = MetadataParams
    doc = "a metadata field the reader could not find in the text"
    params: MetadataParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            if getattr(ctx.reports[rid], self.params.field) is None:
                yield Hit(report_id=rid, line=1, found="（无）", expected=self.params.field)
