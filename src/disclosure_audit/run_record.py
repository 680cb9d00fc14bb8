"""The run record: who audited, under what title, as of which date, with which tool and rules, and
what came of it. Printed on every page of the site and every printout, in findings.json
(`run.record`) and in the workbook (运行记录), so a published audit can be traced to its inputs.

The office and the title come from `REPORTS_DIR/audit.yaml` (optional):

    office: 青禾县人民政府办公室政务公开科
    title: {zh: 2022年度政府信息公开工作年度报告审查, en: Review of the 2022 annual reports}
    as_of: 2023-04-30      # optional; --as-of wins, then this, then the day of the run

A malformed file is a `file:line: key: message` error (listed like a rule file error) and the run
goes on with the defaults: a typo in the office's name must not cost the audit.

`rules_sha256` identifies the rules the scores were computed with: SHA-256 over the bytes of every
rule file (checks/*.yaml and *.yml, templates/*.yaml, scoring.yaml, deadlines.yaml) concatenated in sorted
order of their paths relative to the rules folder, so anyone can recompute it:
`cd rules && ls checks/*.yaml templates/*.yaml scoring.yaml deadlines.yaml | LC_ALL=C sort | xargs cat | sha256sum`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .core.problems import RuleError

AUDIT_FILE = "audit.yaml"
RULESET_FILE = "ruleset.yaml"
DEFAULT_TITLE = {
    "zh": "政府信息公开工作年度报告合规审查",
    "en": "Government information disclosure annual reports: compliance audit",
}
AsOfSource = Literal["option", "audit.yaml", "today"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Title(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class AuditFile(_Strict):
    """`audit.yaml`: every key optional; unknown keys are errors (a misspelt `ofice:` must not pass)."""

    office: str | None = Field(default=None, min_length=1)
    title: Title | None = None
    as_of: date | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _one_title_for_both(cls, v):
        """A plain string is the title in both languages (an office may have no English title)."""
        return {"zh": v, "en": v} if isinstance(v, str) else v


@dataclass(frozen=True)
class AuditInfo:
    office: str | None = None
    title: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TITLE))
    as_of: date | None = None
    file: str | None = None  # "audit.yaml" when it was read and used


def load_audit_file(reports_dir: Path) -> tuple[AuditInfo, list[RuleError]]:
    """(the audit's office, title and as-of date, errors with file and line). No file → defaults;
    a bad file → defaults and its errors."""
    from .rules.yamlpos import line_of, load_yaml, yaml_error

    path = Path(reports_dir) / AUDIT_FILE
    if not path.is_file():
        return AuditInfo(), []
    try:
        data = load_yaml(path)
    except OSError as exc:
        return AuditInfo(), [RuleError(str(path), 1, "(file)", exc.strerror or str(exc))]
    except yaml.YAMLError as exc:
        return AuditInfo(), [yaml_error(str(path), exc)]
    if data is None:
        return AuditInfo(file=AUDIT_FILE), []
    try:
        conf = AuditFile.model_validate(data)
    except ValidationError as exc:
        return AuditInfo(), [
            RuleError(str(path), line_of(data, tuple(e["loc"])), ".".join(map(str, e["loc"])) or "(file)", e["msg"])
            for e in exc.errors()
        ]
    title = conf.title.model_dump() if conf.title else dict(DEFAULT_TITLE)
    return AuditInfo(conf.office, title, conf.as_of, AUDIT_FILE), []


def tool_version() -> str:
    try:
        return metadata.version("disclosure-audit")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def ruleset_version(rules_dir: Path) -> str | None:
    """`version:` of rules/ruleset.yaml; None when the rules folder has none (an older copy)."""
    path = Path(rules_dir) / RULESET_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return str(version) if version is not None else None


def rule_files(rules_dir: Path) -> list[Path]:
    """The files that decide findings and scores, in the order they are hashed."""
    root = Path(rules_dir)
    files = [*root.glob("checks/*.yaml"), *root.glob("checks/*.yml"), *root.glob("templates/*.yaml")]
    files += [p for p in (root / "scoring.yaml", root / "deadlines.yaml") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def rules_sha256(rules_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in rule_files(rules_dir):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def effective_as_of(option: date | None, info: AuditInfo, today: date | None = None) -> tuple[date, AsOfSource]:
    """--as-of wins, then audit.yaml's as_of, then the day of the run."""
    if option is not None:
        return option, "option"
    if info.as_of is not None:
        return info.as_of, "audit.yaml"
    return today or date.today(), "today"


def build_record(
    info: AuditInfo,
    as_of: date,
    as_of_source: AsOfSource,
    rules_dir: Path,
    scores: list,
    findings: list,
    unreadable_files: int,
) -> dict:
    """The record as findings.json `run.record` carries it; the site and the workbook show the same."""
    from .scoring import needs_review

    failed = [f for f in findings if f.outcome == "failed"]
    return {
        "office": info.office,
        "title": dict(info.title),
        "audit_file": info.file,
        "as_of": as_of.isoformat(),
        "as_of_source": as_of_source,
        "tool_version": tool_version(),
        "ruleset_version": ruleset_version(rules_dir),
        "rules_sha256": rules_sha256(rules_dir),
        "counts": {
            "reports": len(scores),
            "audited": sum(1 for s in scores if s.audited),
            "not_audited": sum(1 for s in scores if not s.audited),
            "unreadable_files": unreadable_files,
            "findings": {
                "failed": len(failed),
                "not_evaluable": sum(1 for f in findings if f.outcome == "not_evaluable"),
                "waived": sum(1 for f in failed if f.waived is not None),
                "needs_review": sum(1 for f in failed if f.waived is None and needs_review(f)),
            },
        },
    }
