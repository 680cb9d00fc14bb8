"""Title, agency and date must be stated in the report itself."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.metadata import Agency, Published, Title
from ..registry import RuleKind

_EXPECTED = {"title": "报告标题", "agency": "发布机关名称", "published": "成文或发布日期"}


class Metadata(RuleKind):
    params: Title | Agency | Published

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        field = self.params.field
        for rid in report_ids:
            r = ctx.reports[rid]
            # the report itself must say it; a value supplied by the manifest does not count
            value = r.text_meta[field] if field in r.text_meta else getattr(r, field)
            if value is None:
                yield Hit(report_id=rid, found="（无）", expected=_EXPECTED[field])
