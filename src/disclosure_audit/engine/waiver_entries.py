"""Suggested entries for the waivers file, one per decision a reviewer has to make (review.html).

Each entry is written in the syntax `waivers.load_review_file` reads and is checked against the
run's own findings with the same matching the run applies (`Waiver.matches`), so that pasting it
waives exactly the findings it is shown with: the scope names the report (agency and year; the
file too when those do not identify it alone) and the place (table/row/column, section), and
the outcome when a not-evaluable result and a failure of the same rule share that place. Findings
one scope covers share one entry; an entry that would also cover a finding outside the queue
says which.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml

from ..core.context import agency_key
from ..core.finding import Finding
from ..model import Report
from .waivers import PLACES, ConfirmationScope, Scope, Waiver, scope_matches

# placeholders a reviewer replaces; the loader rejects any value still in angle brackets
PLACEHOLDER_RE = re.compile(r"<[^<>\n]+>")


@dataclass
class Suggestion:
    rule: str
    report_id: str
    scope: dict[str, Any]
    findings: list[Finding]
    also_covers: list[Finding] = field(default_factory=list)  # findings outside the queue it would waive too
    confirmation_scope: dict[str, Any] | None = None  # for findings awaiting review, when agency and year are known


def _agency_years(reports: dict[str, Report]) -> Counter:
    """How many reports each (agency, year) has, counted once per run: counting them per queued
    report made the review queue quadratic in the corpus."""
    return Counter((agency_key(r.agency), r.year) for r in reports.values() if r.agency)


def _needs_file(report: Report, agency_years: Counter) -> bool:
    if not (report.agency and report.year):
        return True
    return agency_years[(agency_key(report.agency), report.year)] > 1


def _base_scope(f: Finding, report: Report, with_file: bool) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    if report.agency:
        scope["agency"] = report.agency
    if report.year:
        scope["year"] = report.year
    if with_file:
        scope["file"] = report.file
    for key in PLACES:
        if key != "outcome" and getattr(f, key) is not None:
            scope[key] = getattr(f, key)
    return scope


def _covers(rule: str, scope: dict[str, Any], f: Finding, report: Report) -> bool:
    return scope_matches(rule, Scope(**scope), f, report)


def suggest(
    queued: list[Finding], findings: Iterable[Finding], reports: dict[str, Report]
) -> dict[str, list[Suggestion]]:
    """report id → suggested waivers covering every queued finding of that report, in finding order."""
    queued_by_report: dict[str, set[str]] = {}
    for f in queued:  # finding ids are unique within a report, not across the run
        queued_by_report.setdefault(f.report_id, set()).add(f.id)
    by_report: dict[str, list[Finding]] = {}
    for f in findings:
        by_report.setdefault(f.report_id, []).append(f)
    out: dict[str, list[Suggestion]] = {}
    agency_years = _agency_years(reports)
    for rid in sorted({f.report_id for f in queued}):
        report = reports[rid]
        with_file = _needs_file(report, agency_years)
        own = by_report.get(rid, [])
        queued_ids = queued_by_report[rid]
        scopes: list[tuple[str, dict[str, Any]]] = []
        for f in (f for f in own if f.id in queued_ids):
            scope = _base_scope(f, report, with_file)
            if any(g.id != f.id and g.outcome != f.outcome and _covers(f.rule_id, scope, g, report) for g in own):
                scope["outcome"] = f.outcome
            if (f.rule_id, scope) not in scopes:
                scopes.append((f.rule_id, scope))
        # the broadest scope that covers a finding takes it, so no pasted entry is left unused
        order = sorted(range(len(scopes)), key=lambda i: (len(scopes[i][1]), i))
        taken: dict[int, list[Finding]] = {}
        for f in (f for f in own if f.id in queued_ids):
            i = next(i for i in order if scopes[i][0] == f.rule_id and _covers(*scopes[i], f, report))
            taken.setdefault(i, []).append(f)
        suggestions = []
        for i in sorted(taken, key=lambda i: own.index(taken[i][0])):
            rule, scope = scopes[i]
            covered = taken[i]
            extra = [g for g in own if g.id not in queued_ids and not g.waived and _covers(rule, scope, g, report)]
            suggestions.append(Suggestion(rule, rid, scope, covered, extra, _confirmation_scope(covered, scope)))
        out[rid] = suggestions
    return out


def _confirmation_scope(covered: list[Finding], scope: dict[str, Any]) -> dict[str, Any] | None:
    """A confirmation names agency and year; only findings awaiting review can be confirmed."""
    if not all(f.review is not None and f.outcome == "failed" for f in covered):
        return None
    if "agency" not in scope or "year" not in scope:
        return None
    return {k: v for k, v in scope.items() if k != "outcome"}


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\n]*")


def yaml_scalar(value: Any) -> str:
    """A value as YAML reads it back unchanged: plain when that is safe, else double-quoted."""
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(scope: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {yaml_scalar(v)}" for k, v in scope.items()) + "}"


def _item(rule: str, scope: dict[str, Any], fields: list[tuple[str, str]], comment: str) -> str:
    """One list item (two-space indent) under `waivers:` or `confirmations:`, after a comment line."""
    lines = [f"  # {comment}"] if comment else []
    lines += [f"  - rule: {rule}", f"    scope: {_flow(scope)}", *(f"    {k}: {v}" for k, v in fields)]
    return "\n".join(lines) + "\n"


def waiver_entry(s: Suggestion, as_of: date, days: int, reason: str, approver: str, comment: str = "") -> str:
    """An item for `waivers:`, with `reason` and `approver` placeholders, expiring `days` after as-of."""
    expires = (as_of + timedelta(days=days)).isoformat()
    return _item(s.rule, s.scope, [("reason", reason), ("approver", approver), ("expires", expires)], comment)


def confirmation_entry(s: Suggestion, as_of: date, reviewer: str, note: str, comment: str = "") -> str | None:
    """An item for `confirmations:`: the finding deducts once a reviewer has checked the source."""
    if s.confirmation_scope is None:
        return None
    fields = [("reviewer", reviewer), ("date", as_of.isoformat()), ("note", note)]
    return _item(s.rule, s.confirmation_scope, fields, comment)


def check_entry(s: Suggestion) -> None:
    """The entry's scope is one the loader accepts (raises pydantic's ValidationError otherwise)."""
    Waiver(rule=s.rule, scope=Scope(**s.scope), reason="--", approver="-", expires=date.max)
    if s.confirmation_scope is not None:
        ConfirmationScope(**s.confirmation_scope)
