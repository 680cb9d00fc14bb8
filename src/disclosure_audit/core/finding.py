"""Finding records: what a rule yields (Arelle style: code, level, template, named parameters)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["failed", "not_evaluable"]
Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class CellRef:
    table: str
    row: str
    column: str
    raw: str | None
    line: int | None
    label: str = ""

    def to_json(self) -> dict:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "raw": self.raw,
            "line": self.line,
        }


def capped(key: str, kept: list, total: int) -> dict[str, Any]:
    """Evidence that grows with the corpus (every other report sharing a passage) is capped, so one
    finding's size does not grow with the run: `key` holds the items kept (the caller keeps the
    strongest, as few as a reviewer needs), `key_total` counts them all and `key_omitted` says how
    many were left out, so a reader can say "and K more"."""
    return {key: kept, f"{key}_total": total, f"{key}_omitted": total - len(kept)}


@dataclass(slots=True)
class Hit:
    """One raw result from a rule kind, before the rule's metadata and message are applied."""

    report_id: str
    outcome: Outcome = "failed"
    params: dict[str, Any] = field(default_factory=dict)
    section: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    raw: str | None = None
    line: int | None = None
    expected: str | None = None
    found: str | None = None
    arithmetic: str | None = None
    cells: list[CellRef] = field(default_factory=list)
    # JSON-able structured evidence for renderers (e.g. copied passages side by side); kept as is.
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Finding:
    rule_id: str
    severity: Severity
    category: str
    outcome: Outcome
    report_id: str
    message: dict[str, str]
    title: dict[str, str]
    section: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    location_label: str = ""
    raw: str | None = None
    line: int | None = None
    expected: str | None = None
    found: str | None = None
    arithmetic: str | None = None
    cells: list[CellRef] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    location_label_en: str = ""
    waived: dict[str, Any] | None = None
    # Set when the finding rests on a reading the reader is not sure of (an ambiguous or
    # reconstructed cell, a table whose uncertain reading fails its own identities):
    # {"zh": why, "en": why, "cells": [labels], "confirmed": None | {reviewer, …}}. It deducts
    # nothing until a reviewer confirms it.
    review: dict[str, Any] | None = None
    id: str = ""  # RULE-n, unique within the report: set by engine.runner.number_findings

    def sort_key(self) -> tuple:
        return (
            self.report_id,
            SEVERITY_ORDER[self.severity],
            self.outcome != "failed",
            self.rule_id,
            self.line if self.line is not None else 10**9,
            self.table or "",
            self.row or "",
            self.column or "",
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "category": self.category,
            "outcome": self.outcome,
            "report_id": self.report_id,
            "title": self.title,
            "message": self.message,
            "location": {
                "section": self.section,
                "table": self.table,
                "row": self.row,
                "column": self.column,
                "label": self.location_label,
                "label_en": self.location_label_en,
            },
            "raw": self.raw,
            "line": self.line,
            "expected": self.expected,
            "found": self.found,
            "arithmetic": self.arithmetic,
            "cells": [c.to_json() for c in self.cells],
            "params": {k: v for k, v in self.params.items() if isinstance(v, str | int | float | bool)},
            "details": self.details,
            "waived": self.waived,
            "review": self.review,
        }
