"""A report that could not be read as text (scan, legacy format without a converter)."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ..registry import RuleKind


class MachineReadable(RuleKind):
    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            r = ctx.reports[rid]
            if r.machine_readable:
                continue
            why = next((p for p in r.problems if p.code == "not-machine-readable"), None)
            yield Hit(
                report_id=rid,
                found=(why.zh or why.message) if why else "",  # beside `expected`, which is Chinese
                expected="可复制、可检索的文本",
                params={
                    "reason": (why.zh or why.message) if why else "",
                    "reason_en": why.message if why else "",
                    "format": r.source_format,
                },
            )
