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
            reason = next((p.message for p in r.problems if p.code == "not-machine-readable"), "")
            yield Hit(
                report_id=rid,
                found=reason,
                expected="可复制、可检索的文本",
                params={"reason": reason, "format": r.source_format},
            )
