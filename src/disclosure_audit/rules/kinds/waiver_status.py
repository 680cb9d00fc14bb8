"""The waivers file judged against this run: waivers that expired (and so waive nothing) or matched
no finding, and reviewers' confirmations that matched no finding awaiting review."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.waiver_status import WaiverStatusParams
from ..registry import RuleKind


class WaiverStatusKind(RuleKind):
    params: WaiverStatusParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        wanted = set(report_ids)
        for st in ctx.waiver_statuses:
            if st.status != self.params.status or st.report_id not in wanted:
                continue
            w = st.waiver
            if st.status == "confirmation_unused":
                yield Hit(
                    report_id=st.report_id,
                    raw=w.label(),  # the entry as written in the waivers file
                    found="未匹配任何待复核问题",
                    expected="与一项待复核问题对应",
                    params={
                        "confirmation": w.label(),
                        "reviewer": w.reviewer,
                        "date": w.date.isoformat(),
                        "note": w.note,
                        "waiver_line": w.line,
                    },
                )
                continue
            yield Hit(
                report_id=st.report_id,
                raw=w.label(),
                found=f"已于{w.expires.isoformat()}到期" if st.status == "expired" else "未匹配任何问题",
                expected=f"{w.expires.isoformat()}前有效",
                params={
                    "waiver": w.label(),
                    "expires": w.expires.isoformat(),
                    "approver": w.approver,
                    "reason": w.reason,
                    "waiver_line": w.line,
                },
            )
