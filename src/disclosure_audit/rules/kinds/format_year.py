"""The format version the tables use must be the one in force for the report year."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ..registry import RuleKind


class FormatYear(RuleKind):
    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            r = ctx.reports[rid]
            if r.template is None or r.year is None:
                zh = "未能识别表格格式版本" if r.template is None else "未能识别报告年度"
                en = "format version not recognised" if r.template is None else "report year not recognised"
                yield Hit(report_id=rid, outcome="not_evaluable", params={"reason_zh": zh, "reason_en": en})
                continue
            want = ctx.templates.version_for_year(r.year)
            if want and want != r.template:
                yield Hit(
                    report_id=rid,
                    line=r.title_line,
                    raw=r.title,
                    expected=f"{want}年版格式",
                    found=f"{r.template}年版格式",
                    params={"year": r.year, "used": r.template, "want": want, "year_source": r.year_source or ""},
                )
