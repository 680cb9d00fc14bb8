"""The main job: a folder of reports → findings, scores, ranking, rendered output.

Bad input never stops the run: an unreadable file, a broken rule or waivers file (with its line), or
a rule that raises while it is evaluated is recorded and shows up in the summary, findings.json and
the site; everything else is still audited.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .core.finding import Finding
from .core.problems import BrokenRule, RuleError
from .engine.checks import CheckOutcome, check_outcomes
from .engine.history import History
from .engine.waivers import Confirmation, Waiver, load_review_file
from .ingest import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES
from .ingest.legacy import soffice
from .ingest.limits import ReadLimits
from .manifest import apply_manifest, load_manifest, unused_rows
from .model import Report
from .reading import DEFAULT_FILE_MEMORY, DEFAULT_FILE_TIMEOUT, read_files
from .render.slugs import slug
from .rules.loader import LoadedRule, load_rules
from .run_record import build_record, effective_as_of, load_audit_file
from .scoring import ReportScore, ScoringConf, load_scoring, rank, score_report
from .templates import get_templates

# Files the run reads itself from the top of REPORTS_DIR; never reports.
CONFIG_NAMES = {"manifest.csv", "waivers.yaml", "audit.yaml"}
# Any file whose name without suffix is one of these (README.md, readme.txt) documents the folder.
DOC_STEMS = {"readme"}


@dataclass
class FileError:
    """A file under REPORTS_DIR that gave no report. Unless `not_a_report` (a run file such as
    audit.yaml in a subfolder), it is listed with the reports that could not be audited, with what
    the register (manifest.csv) says about it."""

    file: str
    message: str
    not_a_report: bool = False
    agency: str | None = None
    year: int | None = None
    region: str | None = None
    level: str | None = None


@dataclass
class AuditResult:
    reports: dict[str, Report]
    findings: list[Finding]
    scores: list[ReportScore]
    rules: list[LoadedRule]
    rule_errors: list[RuleError]
    file_errors: list[FileError]
    scoring: ScoringConf
    manifest_problems: list[str]
    converter: str | None
    reports_dir: Path
    rules_dir: Path
    generated_at: str = field(default_factory=lambda: run_timestamp())
    previous_scores: dict[str, dict] = field(default_factory=dict)
    waiver_problems: list[str] = field(default_factory=list)
    history_path: Path | None = None
    # rules that raised while evaluated: no findings from them, every other rule still ran
    broken_rules: list[BrokenRule] = field(default_factory=list)
    preview: bool = False  # rules with `status: preview` were run (`run --preview`)
    # every rule the rules folder holds (preview ones too), read once per run and passed down (the rule
    # pages' examples need the rules a waiver names)
    loaded_rules: list[LoadedRule] = field(default_factory=list)
    # the run record (run_record.build_record): office, title, as-of date, tool and rule-set versions,
    # rules_sha256, counts; shown on every page and printout, in findings.json and the workbook
    record: dict = field(default_factory=dict)
    # report id → per rule: passed / failed / not evaluable / not applicable (engine.checks)
    checks: dict[str, list[CheckOutcome]] = field(default_factory=dict)
    # the date waivers were judged against; suggested waiver entries expire counting from it
    as_of: date | None = None

    def findings_of(self, report_id: str) -> list[Finding]:
        return [f for f in self.findings if f.report_id == report_id]


def discover(reports_dir: Path) -> list[Path]:
    """Every file under REPORTS_DIR that may be a report, sorted. Skipped: hidden files, the run's
    own files at the top (manifest.csv, waivers.yaml, audit.yaml) and README files. Everything else
    is returned, so each file ends up either as a report or named in `file_errors` with the reason
    (unsupported type, unreadable, …); nothing disappears silently."""
    files = []
    for p in sorted(reports_dir.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.parent == reports_dir and p.name.lower() in CONFIG_NAMES:
            continue
        if p.stem.lower() in DOC_STEMS:
            continue
        files.append(p)
    return files


def _fold(report_id: str) -> str:
    """What must differ between two reports: the id and its page name, ignoring letter case (page
    files live on case-insensitive file systems too)."""
    return slug(report_id).casefold()


def report_ids(files: list[Path], root: Path) -> dict[Path, str]:
    """A distinct, deterministic id per file. The file stem when no other file's stem is the same
    (ignoring case), so page names stay put; when stems collide, the relative path with '/' → '__'
    (a/x.txt → a__x); when that still collides (001.txt and 001.pdf), the path with its extension
    (001.txt, 001.pdf); anything still equal (A.txt and a.txt) gets a numeric suffix (-2, -3 …)."""

    def counts(names: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in names:
            out[_fold(n)] = out.get(_fold(n), 0) + 1
        return out

    rel = {f: f.relative_to(root).as_posix() for f in files}
    stem = {f: f.stem for f in files}
    no_ext = {f: str(Path(rel[f]).with_suffix("")).replace("/", "__") for f in files}
    with_ext = {f: rel[f].replace("/", "__") for f in files}
    by_stem = counts(list(stem.values()))
    by_no_ext = counts(list(no_ext.values()))
    level: dict[Path, str] = {}
    for f in files:
        if by_stem[_fold(stem[f])] == 1:
            level[f] = "0" + stem[f]
        elif by_no_ext[_fold(no_ext[f])] == 1:
            level[f] = "1" + no_ext[f]
        else:
            level[f] = "2" + with_ext[f]
    out: dict[Path, str] = {}
    taken: set[str] = set()
    # plain stems first, so a file that keeps its stem never yields its id to a derived one
    for f in sorted(files, key=lambda p: (level[p][0], rel[p])):
        candidate = level[f][1:]
        rid, n = candidate, 1
        while _fold(rid) in taken:
            n += 1
            rid = f"{candidate}-{n}"
        taken.add(_fold(rid))
        out[f] = rid
    assert len({_fold(v) for v in out.values()}) == len(out) == len(set(files)), "report ids must be unique"
    return out


def extract_all(
    files: list[Path],
    root: Path,
    rules_dir: Path,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    *,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    file_memory: int | None = DEFAULT_FILE_MEMORY,
    limits: ReadLimits | None = None,
) -> tuple[list[Report], list[FileError]]:
    """Read every file in a worker process (with --jobs 1 too) under a time budget (`file_timeout`
    seconds) and a memory budget (`file_memory` MB); a file that exceeds one, or whose reader dies,
    is a FileError with the reason and every other file is still read. Results are in `files` order
    whatever `jobs` is."""
    ids = report_ids(files, root)
    read = read_files(
        [(f, ids[f]) for f in files],
        rules_dir,
        jobs=jobs,
        file_timeout=file_timeout,
        file_memory=file_memory,
        limits=limits,
        progress=progress,
    )
    reports, errors = [], []
    for f, (report, err) in zip(files, read, strict=True):
        rel = str(f.relative_to(root))
        if report is not None:
            report.file = rel
            reports.append(report)
        else:
            errors.append(FileError(rel, err or "unreadable"))
    return reports, errors


def run_timestamp() -> str:
    """The one field that differs between identical runs; SOURCE_DATE_EPOCH pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


def _unsupported(f: Path) -> str:
    if f.name.lower() in CONFIG_NAMES:
        return f"not a report: {f.name} is read only from the top of the reports folder"
    return f"unsupported file type '{f.suffix or '(none)'}'"


def audit(
    reports_dir: Path,
    rules_dir: Path,
    jobs: int = 1,
    history_path: Path | None = None,
    waivers_path: Path | None = None,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    preview: bool = False,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    file_memory: int | None = DEFAULT_FILE_MEMORY,
    limits: ReadLimits | None = None,
) -> AuditResult:
    found = discover(reports_dir)
    unsupported = [f for f in found if f.suffix.lower() not in SUPPORTED_SUFFIXES]
    files = [f for f in found if f.suffix.lower() in SUPPORTED_SUFFIXES]
    reports, file_errors = extract_all(
        files, reports_dir, rules_dir, jobs, progress, file_timeout=file_timeout, file_memory=file_memory, limits=limits
    )
    for f in unsupported:
        file_errors.append(FileError(str(f.relative_to(reports_dir)), _unsupported(f), f.name.lower() in CONFIG_NAMES))
    file_errors.sort(key=lambda e: e.file)
    accounted = sorted([r.file for r in reports] + [e.file for e in file_errors])
    assert accounted == sorted(str(f.relative_to(reports_dir)) for f in found), "a discovered file went missing"
    converter = soffice() if any(f.suffix.lower() in LEGACY_SUFFIXES for f in files) else None
    return audit_reports(
        reports,
        reports_dir,
        rules_dir,
        file_errors=file_errors,
        converter=converter,
        history_path=history_path,
        waivers_path=waivers_path,
        as_of=as_of,
        preview=preview,
    )


def audit_reports(
    reports: list[Report],
    reports_dir: Path,
    rules_dir: Path,
    *,
    file_errors: list[FileError] | None = None,
    converter: str | None = None,
    history_path: Path | None = None,
    waivers_path: Path | None = None,
    as_of: date | None = None,
    preview: bool = False,
) -> AuditResult:
    """Everything after reading: manifest, rules, waivers and confirmations, scores, ranking, the
    earlier runs in the history (this run is stored by `record_history`, after its outputs). Takes
    extracted reports, so a test can hand it reports built in memory. Rules with `status: preview`
    run only with `preview`."""
    from .engine.runner import run_rules

    file_errors = list(file_errors or [])
    ids = [r.report_id for r in reports]
    assert len({_fold(i) for i in ids}) == len(ids), f"report ids must be unique: {sorted(ids)}"
    templates = get_templates(rules_dir)
    loaded, rule_errors = load_rules(rules_dir)
    rules = loaded if preview else [r for r in loaded if not r.preview]
    scoring = load_scoring(rules_dir)
    manifest = load_manifest(reports_dir)
    seen: set[str] = set()
    for r in reports:
        rel = r.file
        apply_manifest(r, manifest, rel)
        seen.add(rel)
    manifest_problems = manifest.problems + unused_rows(manifest, seen | {e.file for e in file_errors})
    for e in file_errors:
        row = manifest.rows.get(e.file) or manifest.rows.get(Path(e.file).name) or {}
        year = row.get("year") or ""
        e.agency, e.region, e.level = row.get("agency") or None, row.get("region") or None, row.get("level") or None
        e.year = int(year) if year.isdigit() else None
    # read only: the run is recorded by `record_history` once its outputs are written; a history
    # that does not exist yet is not created here
    history = History(history_path) if history_path and history_path.exists() else None
    audit_info, audit_errors = load_audit_file(reports_dir)
    rule_errors = rule_errors + audit_errors
    as_of, as_of_source = effective_as_of(as_of, audit_info)
    if waivers_path is None:
        waivers_path = next((p for p in (reports_dir / "waivers.yaml", rules_dir / "waivers.yaml") if p.exists()), None)
    waivers: list[Waiver] = []
    confirmations: list[Confirmation] = []
    if waivers_path is not None:
        waivers, confirmations, errs = load_review_file(waivers_path)
        rule_errors = rule_errors + errs
    as_of = as_of or date.today()
    findings, ctx = run_rules(
        reports,
        rules,
        templates,
        rules_dir,
        history,
        waivers,
        as_of,
        confirmations=confirmations,
        isolate=True,
    )
    by_id = {r.spec.id: r for r in rules}
    per_report: dict[str, list[Finding]] = {rid: [] for rid in ctx.reports}
    for f in findings:
        per_report[f.report_id].append(f)
    scores = [score_report(ctx.reports[rid], fs, by_id, scoring) for rid, fs in per_report.items()]
    scores = rank(scores, ctx.reports, scoring)
    result = AuditResult(
        ctx.reports,
        findings,
        scores,
        rules,
        rule_errors,
        file_errors,
        scoring,
        manifest_problems,
        converter,
        reports_dir,
        rules_dir,
    )
    result.broken_rules = list(ctx.broken_rules)
    result.preview = preview
    result.loaded_rules = loaded
    result.checks = check_outcomes(rules, findings, ctx)
    result.as_of = as_of
    result.previous_scores = _previous_scores(ctx, scores, history, result.generated_at)
    result.record = build_record(
        audit_info, as_of, as_of_source, rules_dir, scores, findings, unreadable_files=len(file_errors)
    )
    result.waiver_problems = [
        f"{st.status}: {st.waiver.label()} ({waivers_path}:{st.waiver.line})"
        for st in ctx.waiver_statuses
        if st.report_id is None
    ]
    if history is not None:
        history.close()
    return result


def history_run_id(result: AuditResult) -> str:
    """The run's key in the history: its time and where its reports came from (a pinned
    SOURCE_DATE_EPOCH rerun over the same folder replaces its earlier record)."""
    where = hashlib.sha1(str(result.reports_dir.resolve()).encode()).hexdigest()[:8]
    return f"{result.generated_at}#{where}"


def record_history(result: AuditResult, history_path: Path) -> None:
    """Store the run in the history, in one transaction. Separate from `audit_reports` so it happens
    only after the run's outputs are written: the history never holds a run without outputs."""
    history = History(history_path)
    try:
        history.record(history_run_id(result), result.generated_at, str(result.reports_dir), result)
    finally:
        history.close()
    result.history_path = history_path


def _previous_scores(ctx, scores: list[ReportScore], history, generated_at: str) -> dict[str, dict]:
    """Last year's score beside this year's: from this run when both years are here, else history.
    `change` is this year's score minus last year's, when both were scored."""
    by_id = {s.report_id: s for s in scores}
    out: dict[str, dict] = {}
    for rid, r in ctx.reports.items():
        if not (r.agency and r.year):
            continue
        prev = ctx.previous_report(rid)
        if prev is not None and prev.report_id in by_id:
            s = by_id[prev.report_id]
            out[rid] = {
                "year": r.year - 1,
                "score": s.score,
                "grade": s.grade,
                "source": "run",
                "report_id": prev.report_id,
            }
        elif history is not None and (h := history.score_for(r.agency, r.year - 1)):
            out[rid] = {"year": r.year - 1, "score": h["score"], "grade": h["grade"], "source": "history"}
        else:
            continue
        now, before = by_id[rid].score, out[rid]["score"]
        out[rid]["change"] = round(now - before, 1) if now is not None and before is not None else None
    return out
