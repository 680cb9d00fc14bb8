"""waiver_status: the waivers file judged against this run."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams


class WaiverStatusParams(KindParams):
    status: Literal["expired", "unused", "confirmation_unused"]


KIND = KindDecl(
    name="waiver_status",
    params=WaiverStatusParams,
    evaluator="disclosure_audit.rules.kinds.waiver_status:WaiverStatusKind",
    doc="judges the waivers file (waivers and confirmations) against this run",
    after_waivers=True,
)
