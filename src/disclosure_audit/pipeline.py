"""The main job: a folder of reports → findings, scores, ranking, rendered output.

Bad input never stops the run: an unreadable file or a broken rule file is recorded with its name
(and line) and shows up in the summary and the site; everything else is still audited.
"""

from __future__ import annotations

import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .engine.finding import Finding
from .extract import extract_file
from .ingest import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES, UnreadableFileError
from .ingest.legacy import soffice
from .manifest import apply_manifest, load_manifest, unused_rows
from .model import Report
from .rules.loader import LoadedRule, RuleError, load_rules
from .scoring import ReportScore, ScoringConf, load_scoring, rank, score_report
from .templates import get_templates

SKIP_NAMES = {"readme", "manifest"}


@dataclass
class FileError:
    file: str
    message: str


@dataclass
class AuditResult:
    reports: dict[str, Report]
    findings: list[Finding]
    scores: list[ReportScore]
    rules: list[LoadedRule]
    rule_errors: list[RuleError]
    file_errors: list[FileError]
    skipped: list[str]
    scoring: ScoringConf
    manifest_problems: list[str]
    converter: str | None
    reports_dir: Path
    rules_dir: Path
    generated_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def findings_of(self, report_id: str) -> list[Finding]:
        return [f for f in self.findings if f.report_id == report_id]


def discover(reports_dir: Path) -> tuple[list[Path], list[str]]:
    files, skipped = [], []
    for p in sorted(reports_dir.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.stem.lower() in SKIP_NAMES or p.suffix.lower() in {".md", ".csv", ".yaml", ".yml", ".json"}:
            continue
        files.append(p)
    return files, skipped


def _extract_one(args: tuple[str, str, str]) -> tuple[str, Report | None, str | None]:
    path, rules_dir, report_id = args
    try:
        report = extract_file(Path(path), Path(rules_dir))
        report.report_id = report_id
        return path, report, None
    except UnreadableFileError as exc:
        return path, None, str(exc)
    except Exception as exc:  # a reader bug must not lose the rest of the run
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return path, None, f"extraction failed ({type(exc).__name__}: {exc}) at {Path(tb.filename).name}:{tb.lineno}"


def report_ids(files: list[Path], root: Path) -> dict[Path, str]:
    """File stem, or relative path with '/' → '__' when stems collide."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    out = {}
    for f in files:
        out[f] = f.stem if stems[f.stem] == 1 else str(f.relative_to(root).with_suffix("")).replace("/", "__")
    return out


def extract_all(files: list[Path], root: Path, rules_dir: Path, jobs: int = 1) -> tuple[list[Report], list[FileError]]:
    ids = report_ids(files, root)
    args = [(str(f), str(rules_dir), ids[f]) for f in files]
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_extract_one, args, chunksize=max(1, len(args) // (jobs * 4))))
    else:
        results = [_extract_one(a) for a in args]
    reports, errors = [], []
    for path, report, err in results:
        if report is not None:
            report.file = str(Path(path).relative_to(root))
            reports.append(report)
        else:
            errors.append(FileError(str(Path(path).relative_to(root)), err or "unreadable"))
    return reports, errors


def audit(reports_dir: Path, rules_dir: Path, jobs: int = 1) -> AuditResult:
    from .engine.runner import run_rules

    templates = get_templates(rules_dir)
    rules, rule_errors = load_rules(rules_dir)
    scoring = load_scoring(rules_dir)
    files, skipped = discover(reports_dir)
    unsupported = [f for f in files if f.suffix.lower() not in SUPPORTED_SUFFIXES]
    files = [f for f in files if f.suffix.lower() in SUPPORTED_SUFFIXES]
    reports, file_errors = extract_all(files, reports_dir, rules_dir, jobs)
    for f in unsupported:
        file_errors.append(FileError(str(f.relative_to(reports_dir)), f"unsupported file type '{f.suffix}'"))
    file_errors.sort(key=lambda e: e.file)
    manifest = load_manifest(reports_dir)
    seen: set[str] = set()
    for r in reports:
        rel = r.file
        apply_manifest(r, manifest, rel)
        seen.add(rel)
    manifest_problems = manifest.problems + unused_rows(manifest, seen | {e.file for e in file_errors})
    findings, ctx = run_rules(reports, rules, templates, rules_dir)
    by_id = {r.spec.id: r for r in rules}
    per_report: dict[str, list[Finding]] = {rid: [] for rid in ctx.reports}
    for f in findings:
        per_report[f.report_id].append(f)
    scores = [score_report(ctx.reports[rid], fs, by_id, scoring) for rid, fs in per_report.items()]
    scores = rank(scores, ctx.reports, scoring)
    converter = soffice() if any(f.suffix.lower() in LEGACY_SUFFIXES for f in files) else None
    return AuditResult(
        ctx.reports,
        findings,
        scores,
        rules,
        rule_errors,
        file_errors,
        skipped,
        scoring,
        manifest_problems,
        converter,
        reports_dir,
        rules_dir,
    )
