"""Deduction-based score per report with per-category caps; every point traced to findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.finding import Finding
from ..core.problems import RuleError
from ..model import Report
from ..rules.loader import LoadedRule
from .ranking import rank, rank_key


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategoryConf(_Strict):
    cap: float = Field(ge=0)
    zh: str
    en: str


class GradeConf(_Strict):
    min: float
    grade: str
    en: str


class ReviewConf(_Strict):
    """What goes to the review queue (review.html) besides not-evaluable results and findings resting
    on an uncertain reading: warnings whose rule weighs at least `warning_weight_min`. A suggested
    waiver expires `waiver_days` after the run's as-of date."""

    warning_weight_min: float = Field(3, ge=0)
    waiver_days: int = Field(365, ge=1, le=3660)


class ScoringConf(_Strict):
    version: int
    per_rule_max: int = Field(ge=1)
    not_evaluable_weight: float = Field(ge=0)
    categories: dict[str, CategoryConf]
    grades: tuple[GradeConf, ...]
    pass_mark: float
    tie_break: tuple[Literal["score_desc", "errors_asc", "warnings_asc", "not_evaluable_asc"], ...]
    review: ReviewConf = ReviewConf()


class ScoringFileError(ValueError):
    """scoring.yaml could not be used; `errors` name file, line and key like a broken rule file.
    Nothing can be scored without it, so the run stops (`run` exits 2 naming each error)."""

    def __init__(self, errors: list[RuleError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def load_scoring(rules_dir: Path) -> ScoringConf:
    from ..rules.yamlpos import line_of, load_yaml, yaml_error

    path = Path(rules_dir) / "scoring.yaml"
    try:
        data = load_yaml(path)
    except OSError as exc:
        raise ScoringFileError([RuleError(str(path), 1, "(file)", exc.strerror or str(exc))]) from None
    except yaml.YAMLError as exc:
        raise ScoringFileError([yaml_error(str(path), exc)]) from None
    try:
        return ScoringConf.model_validate(data)
    except ValidationError as exc:
        errors = [
            RuleError(str(path), line_of(data, tuple(e["loc"])), ".".join(map(str, e["loc"])) or "(file)", e["msg"])
            for e in exc.errors()
        ]
        raise ScoringFileError(errors) from None


@dataclass
class Deduction:
    rule_id: str
    category: str
    points: float
    finding_ids: list[str]
    capped_from: float | None = None


NOT_AUDITED_GRADE = {"zh": "未能审查", "en": "Not audited"}


def needs_review(f: Finding) -> bool:
    """A failed finding resting on an uncertain reading that no reviewer has confirmed yet."""
    return f.review is not None and f.review.get("confirmed") is None


@dataclass
class ReportScore:
    """`score`, `grade` and `rank` are None for a report that could not be audited (`not_audited`
    holds the reason): it is listed apart, never ranked, never passed."""

    report_id: str
    score: float | None
    grade: str | None
    grade_en: str | None
    passed: bool
    categories: dict[str, dict] = field(default_factory=dict)
    deductions: list[Deduction] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # `rank` is over every audited report of the run (all years); `year_rank` among the reports of
    # the same year, `level_rank` among those of the same year and level (None without a level);
    # `year_ranked` / `level_ranked` say out of how many. Pages and exports show the year and level
    # ranks: comparing a 2019 report with a 2022 one says nothing about either agency.
    rank: int | None = None
    year_rank: int | None = None
    year_ranked: int | None = None
    level_rank: int | None = None
    level_ranked: int | None = None
    not_audited: dict[str, str] | None = None
    # error/warning counts for breaking ties: only findings that can deduct (rule weight > 0). A
    # weight-0 finding (EXT-UNREAD: a table the reader could not read) is a review item, not a fault
    # of the agency, and must not move it down the ranking.
    tie_counts: dict[str, int] = field(default_factory=dict)

    @property
    def audited(self) -> bool:
        return self.not_audited is None

    def grade_label(self, lang: str) -> str:
        if not self.audited:
            return NOT_AUDITED_GRADE[lang]
        return (self.grade if lang == "zh" else self.grade_en) or ""


def _counts(findings: list[Finding]) -> dict[str, int]:
    """Failed findings by severity count only when they deduct (not waived, not awaiting review); a
    not-evaluable result an office waived is counted as waived, not as still open."""
    scored = [f for f in findings if f.outcome == "failed" and not f.waived and not needs_review(f)]
    return {
        "error": sum(1 for f in scored if f.severity == "error"),
        "warning": sum(1 for f in scored if f.severity == "warning"),
        "info": sum(1 for f in scored if f.severity == "info"),
        "not_evaluable": sum(1 for f in findings if f.outcome == "not_evaluable" and not f.waived),
        "waived": sum(1 for f in findings if f.waived is not None),
        "needs_review": sum(1 for f in findings if f.outcome == "failed" and not f.waived and needs_review(f)),
    }


def score_report(
    report: Report, findings: list[Finding], rules: dict[str, LoadedRule], conf: ScoringConf
) -> ReportScore:
    counts = _counts(findings)
    if report.not_audited is not None:
        # nothing the reader could not read is charged to the agency: no score, no grade, no rank
        return ReportScore(report.report_id, None, None, None, False, counts=counts, not_audited=report.not_audited)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        # a waived finding, or one resting on a reading not yet confirmed, stays visible but deducts nothing
        if f.waived is None and not needs_review(f):
            by_rule[f.rule_id].append(f)
    raw_by_cat: dict[str, float] = defaultdict(float)
    deductions: list[Deduction] = []
    for rid in sorted(by_rule):
        fs = by_rule[rid]
        spec = rules[rid].spec
        failed = [f for f in fs if f.outcome == "failed"]
        ne = [f for f in fs if f.outcome == "not_evaluable"]
        pts = spec.weight * min(len(failed), conf.per_rule_max) + conf.not_evaluable_weight * min(len(ne), 1)
        if pts <= 0:
            continue
        uncapped = spec.weight * len(failed) + conf.not_evaluable_weight * min(len(ne), 1)
        deductions.append(
            Deduction(
                rid,
                spec.category,
                round(pts, 2),
                [f.id for f in failed + ne],
                capped_from=round(uncapped, 2) if uncapped > pts else None,
            )
        )
        raw_by_cat[spec.category] += pts
    categories = {}
    total = 0.0
    for cat, cc in conf.categories.items():
        raw = raw_by_cat.get(cat, 0.0)
        lost = min(cc.cap, raw)
        total += lost
        categories[cat] = {"cap": cc.cap, "raw": round(raw, 2), "lost": round(lost, 2), "zh": cc.zh, "en": cc.en}
    score = round(max(0.0, 100.0 - total), 1)
    grade = next(g for g in conf.grades if score >= g.min)
    counted = [
        f
        for f in findings
        if f.outcome == "failed" and not f.waived and not needs_review(f) and rules[f.rule_id].spec.weight > 0
    ]
    tie_counts = {sev: sum(1 for f in counted if f.severity == sev) for sev in ("error", "warning")}
    return ReportScore(
        report.report_id,
        score,
        grade.grade,
        grade.en,
        score >= conf.pass_mark,
        categories,
        deductions,
        counts,
        tie_counts=tie_counts,
    )


__all__ = [
    "NOT_AUDITED_GRADE",
    "CategoryConf",
    "Deduction",
    "GradeConf",
    "ReportScore",
    "ScoringConf",
    "load_scoring",
    "needs_review",
    "rank",
    "rank_key",
    "score_report",
]
