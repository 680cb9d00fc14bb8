"""Waivers: an office accepts a known finding for a reason, signed by an approver, until a date.
Waived findings stay visible (marked) and deduct nothing; an expired waiver waives nothing and is
itself a finding, and so is a waiver that matched no finding (ruff RUF100, sqlfluff's unused noqa).

Confirmations live in the same file: a reviewer who checked the source of a finding that rests on an
uncertain reading (engine.review) confirms it, and it then deducts like any other finding. A
confirmation names the agency and year it was checked for; one that matched no finding awaiting
review is itself a finding (WVR-CONFIRM-UNUSED)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..core.finding import Finding
from ..core.problems import RuleError
from ..model import Report
from ..zhtext.orgs import agency_key


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scope(_Strict):
    """Which findings a waiver covers; every key given must match. `file` is the report's path in
    the reports folder (for a report that names no agency or year, or shares them with another);
    `section` a finding's section number (1–6); `outcome` tells a not-evaluable result apart from a
    failure of the same rule at the same place."""

    agency: str | None = None
    year: int | None = None
    file: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: int | None = None
    outcome: Literal["failed", "not_evaluable"] | None = None


class ConfirmationScope(_Strict):
    """A confirmation is for what a reviewer looked at: one agency's report of one year."""

    agency: str = Field(min_length=1)
    year: int
    file: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: int | None = None


RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
PLACES = ("table", "row", "column", "section", "outcome")


def _filled(value: str) -> str:
    """A value still in angle brackets is the placeholder of a suggested entry (review.html) that
    nobody filled in: an error, never a waiver signed by '<approver>'."""
    if value.strip().startswith("<") and value.strip().endswith(">"):
        raise ValueError("placeholder not filled in")
    return value


Filled = Annotated[str, AfterValidator(_filled)]


def scope_matches(rule: str, s: Scope | ConfirmationScope, f: Finding, report: Report) -> bool:
    if f.rule_id != rule:
        return False
    if s.agency and not (report.agency and agency_key(report.agency) == agency_key(s.agency)):
        return False
    if s.year is not None and report.year != s.year:
        return False
    if s.file is not None and Path(report.file or "").as_posix() != Path(s.file).as_posix():
        return False
    return all(getattr(s, k, None) is None or getattr(s, k) == getattr(f, k) for k in PLACES)


def _label(rule: str, s: Scope | ConfirmationScope) -> str:
    return " ".join([rule] + [f"{k}={v}" for k, v in s.model_dump().items() if v is not None])


class Waiver(_Strict):
    rule: str = Field(pattern=RULE_ID_PATTERN)
    scope: Scope = Scope()
    reason: Annotated[Filled, Field(min_length=2)]
    approver: Annotated[Filled, Field(min_length=1)]
    expires: date
    line: int = 0

    def matches(self, f: Finding, report: Report) -> bool:
        return scope_matches(self.rule, self.scope, f, report)

    def label(self) -> str:
        return _label(self.rule, self.scope)


class Confirmation(_Strict):
    rule: str = Field(pattern=RULE_ID_PATTERN)
    scope: ConfirmationScope
    reviewer: Annotated[Filled, Field(min_length=1)]
    date: date
    note: Annotated[Filled, Field(min_length=2)]
    line: int = 0

    def matches(self, f: Finding, report: Report) -> bool:
        return scope_matches(self.rule, self.scope, f, report)

    def label(self) -> str:
        return _label(self.rule, self.scope)


class WaiverFile(_Strict):
    waivers: tuple[Waiver, ...] = ()
    confirmations: tuple[Confirmation, ...] = ()


@dataclass
class WaiverStatus:
    waiver: Waiver | Confirmation
    status: Literal["expired", "unused", "confirmation_unused"]  # the first two for waivers
    report_id: str | None


def load_review_file(path: Path) -> tuple[list[Waiver], list[Confirmation], list[RuleError]]:
    """→ (waivers, confirmations, errors with file, line and key). Any error discards the file."""
    from ..rules.yamlpos import line_of, load_yaml, yaml_error

    try:
        data = load_yaml(path)
    except OSError as exc:
        return [], [], [RuleError(str(path), 1, "(file)", exc.strerror or str(exc))]
    except yaml.YAMLError as exc:
        return [], [], [yaml_error(str(path), exc)]
    if data is None:
        return [], [], []
    try:
        wf = WaiverFile.model_validate(data)
    except ValidationError as exc:
        return (
            [],
            [],
            [
                RuleError(str(path), line_of(data, tuple(e["loc"])), ".".join(map(str, e["loc"])) or "(file)", e["msg"])
                for e in exc.errors()
            ],
        )

    def lines(key: str) -> list[int]:
        items = data.get(key) or []
        return getattr(items, "item_lines", [0] * len(items))

    waivers = [w.model_copy(update={"line": ln}) for w, ln in zip(wf.waivers, lines("waivers"), strict=True)]
    confirmations = [
        c.model_copy(update={"line": ln}) for c, ln in zip(wf.confirmations, lines("confirmations"), strict=True)
    ]
    return waivers, confirmations, []


def load_waivers(path: Path) -> tuple[list[Waiver], list[RuleError]]:
    """→ (waivers, errors with file, line and key)."""
    waivers, _, errors = load_review_file(path)
    return waivers, errors


def apply_waivers(
    findings: list[Finding], reports: dict[str, Report], waivers: list[Waiver], as_of: date
) -> list[WaiverStatus]:
    used: set[int] = set()
    active = [(i, w) for i, w in enumerate(waivers) if w.expires >= as_of]
    for f in findings:
        # a not-evaluable result too: the office's decision on a check that could not be made
        for i, w in active:
            if w.matches(f, reports[f.report_id]):
                f.waived = {
                    "reason": w.reason,
                    "approver": w.approver,
                    "expires": w.expires.isoformat(),
                    "waiver": w.label(),
                    "line": w.line,
                }
                used.add(i)
                break
    out: list[WaiverStatus] = []
    for i, w in enumerate(waivers):
        if w.expires < as_of:
            out.append(WaiverStatus(w, "expired", _report_for(w, reports)))
        elif i not in used:
            out.append(WaiverStatus(w, "unused", _report_for(w, reports)))
    return out


def apply_confirmations(
    findings: list[Finding], reports: dict[str, Report], confirmations: list[Confirmation]
) -> list[WaiverStatus]:
    """Mark each finding awaiting review that a confirmation covers; report confirmations that
    covered none (the reading became certain, or the scope names the wrong place)."""
    used: set[int] = set()
    for f in findings:
        if f.outcome != "failed" or f.review is None:
            continue
        for i, c in enumerate(confirmations):
            if c.matches(f, reports[f.report_id]):
                f.review["confirmed"] = {"reviewer": c.reviewer, "date": c.date.isoformat(), "note": c.note}
                used.add(i)
                break
    return [
        WaiverStatus(c, "confirmation_unused", _report_for(c, reports))
        for i, c in enumerate(confirmations)
        if i not in used
    ]


def _report_for(w: Waiver | Confirmation, reports: dict[str, Report]) -> str | None:
    for rid, r in sorted(reports.items()):
        if w.scope.file is not None and Path(r.file or "").as_posix() != Path(w.scope.file).as_posix():
            continue
        if w.scope.year is not None and w.scope.year != r.year:
            continue
        if w.scope.file is not None or (
            w.scope.agency and r.agency and agency_key(r.agency) == agency_key(w.scope.agency)
        ):
            return rid
    return None
