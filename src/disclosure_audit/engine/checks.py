"""What was checked, per report and rule: passed, failed, not evaluable, or not applicable.

Rules yield only failing and not-evaluable results, so a pass is derived: the rule ran to the end
on the report (its scope: format version, year, readable or not), had something to check there
(`RuleKind.nothing_to_check`: no previous-year report, no manifest row), and produced no finding
of either outcome. A rule that did not apply is never a pass; neither is a rule that raised (it
is a run problem, named apart), nor one that judges the waivers file rather than the report
(`after_waivers`), nor a rule for unreadable files on a readable one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..core.finding import Finding

if TYPE_CHECKING:
    from ..core.context import RunContext
    from ..rules.loader import LoadedRule

Status = Literal["passed", "failed", "not_evaluable", "not_applicable"]

UNREADABLE = (
    "报告无法作为文本读取，内容未能审查",
    "the report could not be read as text; its content could not be checked",
)
RULE_BROKEN = ("规则运行出错，本次未执行", "the rule failed while running and was not applied in this run")


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    rule_id: str
    category: str
    status: Status
    reason: tuple[str, str] | None = None  # (zh, en) for not_applicable

    def to_json(self) -> dict:
        out: dict = {"rule_id": self.rule_id, "category": self.category, "status": self.status}
        if self.reason is not None:
            out["reason"] = {"zh": self.reason[0], "en": self.reason[1]}
        return out


def _formats(rule: LoadedRule) -> tuple[str, str]:
    a = rule.spec.applies_to
    fmts = "、".join(a.templates)
    zh, en = f"本规则只适用于{fmts}年格式的报告", f"the rule applies to reports in the {', '.join(a.templates)} format"
    lo, hi = a.years
    if lo is not None or hi is not None:
        zh += f"（{lo or ''}–{hi or ''}年度）"
        en += f" ({lo or ''}–{hi or ''})"
    return zh, en


def check_outcomes(rules: list[LoadedRule], findings: list[Finding], ctx: RunContext) -> dict[str, list[CheckOutcome]]:
    """report id → one outcome per rule that judges reports, in rule order (rules are sorted by id)."""
    worst: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.report_id, f.rule_id)
        if f.outcome == "failed" or key not in worst:
            worst[key] = f.outcome
    broken = {b.rule_id for b in ctx.broken_rules}
    out: dict[str, list[CheckOutcome]] = {rid: [] for rid in ctx.reports}
    for rule in rules:
        if rule.decl.after_waivers:
            continue  # judges the waivers file, not the report
        rid_rule = rule.spec.id
        evaluated = set(ctx.evaluated.get(rid_rule, ()))
        skipped = ctx.nothing_to_check.get(rid_rule, {})
        for rid, report in ctx.reports.items():
            if rule.decl.for_unreadable and report.machine_readable:
                continue  # a check for unreadable files: nothing to say about a readable one
            found = worst.get((rid, rid_rule))
            if found is not None:
                status: Status = found  # type: ignore[assignment]
                reason = None
            elif rid_rule in broken:
                status, reason = "not_applicable", RULE_BROKEN
            elif not report.machine_readable and not rule.decl.for_unreadable:
                status, reason = "not_applicable", UNREADABLE
            elif rid not in evaluated:
                status, reason = "not_applicable", _formats(rule)
            elif rid in skipped:
                status, reason = "not_applicable", skipped[rid]
            else:
                status, reason = "passed", None
            out[rid].append(CheckOutcome(rid_rule, rule.spec.category, status, reason))
    return out
