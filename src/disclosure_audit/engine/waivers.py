"""Waivers: an office accepts a known finding for a reason, signed by an approver, until a date.
Waived findings stay visible (marked) and deduct nothing; an expired waiver waives nothing and is
itself a finding, and so is a waiver that matched no finding (ruff RUF100, sqlfluff's unused noqa)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..model import Report
from .context import agency_key
from .finding import Finding


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scope(_Strict):
    agency: str | None = None
    year: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None


class Waiver(_Strict):
    rule: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    scope: Scope = Scope()
    reason: str = Field(min_length=2)
    approver: str = Field(min_length=1)
    expires: date
    line: int = 0

    def matches(self, f: Finding, report: Report) -> bool:
        s = self.scope
        if f.rule_id != self.rule:
            return False
        if s.agency and not (report.agency and agency_key(report.agency) == agency_key(s.agency)):
            return False
        if s.year is not None and report.year != s.year:
            return False
        return all(getattr(s, k) is None or getattr(s, k) == getattr(f, k) for k in ("table", "row", "column"))

    def label(self) -> str:
        parts = [self.rule] + [f"{k}={v}" for k, v in self.scope.model_dump().items() if v is not None]
        return " ".join(parts)


class WaiverFile(_Strict):
    waivers: tuple[Waiver, ...] = ()


@dataclass
class WaiverStatus:
    waiver: Waiver
    status: str  # "expired" | "unused"
    report_id: str | None


def load_waivers(path: Path) -> tuple[list[Waiver], list[str]]:
    """→ (waivers, errors as 'file:line: key: message')."""
    from ..rules.yamlpos import line_of, load_yaml

    try:
        data = load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        return [], [f"{path}:1: (yaml): {exc}"]
    if data is None:
        return [], []
    try:
        wf = WaiverFile.model_validate(data)
    except ValidationError as exc:
        return [], [
            f"{path}:{line_of(data, tuple(e['loc']))}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
        ]
    items = data.get("waivers") or []
    lines = getattr(items, "item_lines", [0] * len(items))
    return [w.model_copy(update={"line": ln}) for w, ln in zip(wf.waivers, lines, strict=True)], []


def apply_waivers(
    findings: list[Finding], reports: dict[str, Report], waivers: list[Waiver], as_of: date
) -> list[WaiverStatus]:
    used: set[int] = set()
    active = [(i, w) for i, w in enumerate(waivers) if w.expires >= as_of]
    for f in findings:
        if f.outcome != "failed":
            continue
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


def _report_for(w: Waiver, reports: dict[str, Report]) -> str | None:
    for rid, r in sorted(reports.items()):
        if (
            w.scope.agency
            and r.agency
            and agency_key(r.agency) == agency_key(w.scope.agency)
            and (w.scope.year is None or w.scope.year == r.year)
        ):
            return rid
    return None
