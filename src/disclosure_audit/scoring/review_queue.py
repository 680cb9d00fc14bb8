"""Which findings need a person's decision (review.html): a check that could not be made, a
finding resting on an uncertain reading that nobody has confirmed, and a warning heavy enough
(`review.warning_weight_min` in scoring.yaml) that an office should accept or contest it.

A finding already decided (waived, or confirmed by a reviewer) is not queued, and neither is
anything on a report that could not be audited: that report's page asks for a readable copy.
"""

from __future__ import annotations

from typing import Literal

from ..core.finding import Finding
from . import ReviewConf

QueueReason = Literal["uncertain_reading", "not_evaluable", "warning"]
REASONS: tuple[QueueReason, ...] = ("uncertain_reading", "not_evaluable", "warning")


def queue_reason(f: Finding, weight: float, conf: ReviewConf) -> QueueReason | None:
    """Why the finding awaits a decision, or None."""
    if f.waived is not None:
        return None
    if f.outcome == "not_evaluable":
        return "not_evaluable"
    if f.review is not None:
        return "uncertain_reading" if f.review.get("confirmed") is None else None
    if f.severity == "warning" and weight >= conf.warning_weight_min:
        return "warning"
    return None


def review_queue(
    findings: list[Finding], weights: dict[str, float], audited: set[str], conf: ReviewConf
) -> list[tuple[Finding, QueueReason]]:
    """The queued findings of audited reports, in finding order, each with its reason."""
    out = []
    for f in findings:
        if f.report_id in audited and (why := queue_reason(f, weights.get(f.rule_id, 0.0), conf)) is not None:
            out.append((f, why))
    return out
