"""The main job: a folder of reports → findings, scores, ranking, rendered output.

Bad input never stops the run: an unreadable file, a broken rule or waivers file (with its line), or
a rule that raises while it is evaluated is recorded and shows up in the summary, findings.json and
the site; everything else is still audited.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .checkpoints import stage
from .core.finding import Finding
from .core.problems import BrokenRule, RuleError
from .engine.checks import CheckOutcome, check_outcomes
from .engine.history import History
from .engine.waivers import Confirmation, Waiver, load_review_file
from .extract_cache import ExtractCache, read_through_cache
from .ingest import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES
from .ingest.legacy import soffice
from .ingest.limits import ReadLimits
from .manifest import apply_manifest, load_manifest, unused_rows
from .model import Report
from .reading import DEFAULT_FILE_MEMORY, DEFAULT_FILE_TIMEOUT, read_files
from .render import OUTPUT_MARKER
from .render.slugs import slug
from .rules.loader import LoadedRule, load_rules
from .run_record import build_record, effective_as_of, load_audit_file
from .scoring import ReportScore, ScoringConf, load_scoring, rank, score_report
from .templates import get_templates

# Files the run reads itself from the top of REPORTS_DIR; never reports.
CONFIG_NAMES = {"manifest.csv", "waivers.yaml", "audit.yaml"}
# The answer key benchmarks/generate.py writes beside a generated corpus: not a report, left out like
# the run's own files (it sits at the top of the folder too).
CORPUS_NAMES = {"ground_truth.json"}
# Any file whose name without suffix is one of these (README.md, readme.txt) documents the folder.
DOC_STEMS = {"readme"}


@dataclass
class FileError:
    """A file under REPORTS_DIR that gave no report. Unless `not_a_report` (a run file such as
    audit.yaml in a subfolder), it is listed with the reports that could not be audited, with what
    the register (manifest.csv) says about it. `skipped`: left out by a rule of discovery (an output
    folder, a second path to one file …); named on stderr and the site, but nothing is wrong, so it
    does not make the run exit 1."""

    file: str
    message: str
    not_a_report: bool = False
    agency: str | None = None
    year: int | None = None
    region: str | None = None
    level: str | None = None
    skipped: bool = False


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
    # `check-db`: the database the reports came from and the rules not run on it, with the reason
    # (warehouse.check_db); None for a run over files
    database: dict | None = None
    # what the extraction cache did (hits, misses, warnings): for the --json summary and stderr only,
    # never an output file (outputs are the same with and without the cache); None without a cache
    cache: dict | None = None

    def findings_of(self, report_id: str) -> list[Finding]:
        return [f for f in self.findings if f.report_id == report_id]


@dataclass
class Discovery:
    """What REPORTS_DIR holds: the files that may be reports (any type: `audit` names the ones it
    cannot read) and a FileError for everything else it met, saying why that was left out."""

    files: list[Path]
    skipped: list[FileError]


def discover(reports_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """The files under REPORTS_DIR that may be reports, sorted (see `find_inputs`)."""
    return find_inputs(reports_dir, out_dir).files


def input_root(reports_dir: Path) -> Path:
    """The folder report ids and pages are relative to: REPORTS_DIR, or a single file's folder."""
    return reports_dir.parent if reports_dir.is_file() else reports_dir


def shown_path(path: Path, root: Path) -> str:
    """A file's path in the reports folder as ids, pages and messages show it: `a/x.txt`. A name
    that is not valid UTF-8 (a GBK name unpacked on Linux) shows its bytes as `\\xNN`, with a
    backslash written `\\\\`, so the result is still one-to-one and can be written as UTF-8."""
    rel = path.relative_to(root).as_posix()
    if not any("\udc80" <= ch <= "\udcff" for ch in rel) and "\\" not in rel:
        return rel
    return "".join(
        f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else "\\\\" if ch == "\\" else ch for ch in rel
    )


def find_inputs(reports_dir: Path, out_dir: Path | None = None) -> Discovery:
    """Walk REPORTS_DIR (or take the one file it names). Left out, each with a FileError saying why
    (`skipped`: a rule left it out, nothing is wrong): this run's output folder and any folder holding
    the output marker file; a second path to a file already found (a link, or a link to a folder
    read already); a folder link that leads back into a folder holding it; hidden files of a report
    type; pipes, sockets and devices; a folder named like a report file that holds no file. Errors
    (the run exits 1): a broken link, a link loop, a folder that cannot be listed. Left out by
    documented rule, with no line: the run's own files at the top (manifest.csv, waivers.yaml,
    audit.yaml) and a generated corpus's ground_truth.json, README files and other hidden entries
    (.git, .DS_Store). Links to files and
    folders outside REPORTS_DIR are followed; a report reached through a link keeps the link's path."""
    import errno
    import stat

    from .ingest import SUPPORTED_SUFFIXES

    reports_dir = Path(reports_dir)
    if reports_dir.is_file():
        return Discovery([reports_dir], [])
    root = reports_dir
    out_real = os.path.realpath(out_dir) if out_dir is not None else None
    found: list[tuple[Path, tuple, bool]] = []  # path, identity of the file, reached through a link
    skipped: list[FileError] = []
    folders: dict[str, str] = {}  # real path → the path it was read under

    def note(p: Path, why: str, *, error: bool = False, report: bool = False) -> None:
        skipped.append(FileError(shown_path(p, root), why, not_a_report=not report, skipped=not error))

    def output_folder(p: Path, real: str) -> str | None:
        if out_real is not None and real == out_real:
            return "this run's output folder (--out) is not read as input"
        if os.path.exists(os.path.join(real, OUTPUT_MARKER)):
            return f"an audit output folder (it holds {OUTPUT_MARKER}) is not read as input"
        return None

    def walk(folder: Path, above: tuple[str, ...], via_link: bool) -> int:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            note(folder, f"folder cannot be read ({exc.strerror or exc})", error=True)
            return 0
        before = len(found)
        for e in entries:
            p = folder / e.name
            suffix = Path(e.name).suffix.lower()
            if e.name.startswith("."):
                if suffix in SUPPORTED_SUFFIXES and not e.is_dir():
                    note(p, "hidden file (its name starts with '.'): not read")
                continue
            link = e.is_symlink()
            try:
                st = os.stat(p)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    note(p, "link loop: the link leads back to itself", error=True)
                elif link:
                    note(p, f"broken link: '{os.readlink(p)}' does not exist", error=True, report=True)
                else:
                    note(p, f"cannot be read ({exc.strerror or exc})", error=True, report=True)
                continue
            if stat.S_ISDIR(st.st_mode):
                real = os.path.realpath(p)
                if (why := output_folder(p, real)) is not None:
                    note(p, why)
                elif real in above:
                    note(p, "link to a folder that holds it (a loop): not followed")
                elif real in folders:
                    note(p, f"link to a folder read already as {folders[real]}: not read twice")
                else:
                    folders[real] = shown_path(p, root) if p != root else "."
                    if walk(p, (*above, real), via_link or link) == 0 and suffix in SUPPORTED_SUFFIXES:
                        note(p, "a folder named like a report file, with no file in it")
            elif stat.S_ISREG(st.st_mode):
                top = folder == root and e.name.lower() in CONFIG_NAMES | CORPUS_NAMES
                if top or Path(e.name).stem.lower() in DOC_STEMS:
                    continue
                ident = (st.st_dev, st.st_ino) if st.st_ino else (os.path.realpath(p),)
                found.append((p, ident, via_link or link))
            else:
                note(p, "not a regular file (a pipe, socket or device): not read")
        return len(found) - before

    real_root = os.path.realpath(root)
    if (why := output_folder(root, real_root)) is not None:
        skipped.append(FileError(".", why, not_a_report=True, skipped=True))
    else:
        folders[real_root] = "."
        walk(root, (real_root,), False)
    # one path per file: the one not reached through a link, else the first
    first: dict[tuple, Path] = {}
    for p, ident, _ in sorted(found, key=lambda t: (t[2], t[0])):
        first.setdefault(ident, p)
    files = []
    for p, ident, _ in sorted(found):
        if first[ident] == p:
            files.append(p)
        else:
            note(p, f"the same file as {shown_path(first[ident], root)}: audited once, under that name")
    skipped.sort(key=lambda e: e.file)
    return Discovery(files, skipped)


def report_ids(files: list[Path], root: Path) -> dict[Path, str]:
    """Each file's id: its path in the reports folder, extension and all (`a/x.txt`, `001.pdf`).
    Two files never share a path, so two reports never share an id, whatever else the folder holds,
    and a report keeps its id from run to run; pages are named after it by an encoding that keeps
    them apart too (render.slugs)."""
    return {f: shown_path(f, root) for f in files}


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
    scheduler: str | None = None,
    cache: ExtractCache | None = None,
) -> tuple[list[Report], list[FileError]]:
    """Read every file in a worker process (with --jobs 1 too) under a time budget (`file_timeout`
    seconds) and a memory budget (`file_memory` MB); a file that exceeds one, or whose reader dies,
    is a FileError with the reason and every other file is still read. Results are in `files` order
    whatever `jobs` is. `scheduler`: read on that Dask cluster instead (distributed.py), same contract.
    With `cache` (extract_cache), a file whose bytes were read before is taken from it and only the
    others are read (locally or on the cluster)."""
    ids = report_ids(files, root)
    reader = read_files
    if scheduler is not None:
        from .distributed import cluster_reader

        reader = cluster_reader(scheduler)

    def read_now(todo: list[tuple[Path, str]]) -> list:
        return reader(
            todo,
            rules_dir,
            jobs=jobs,
            file_timeout=file_timeout,
            file_memory=file_memory,
            limits=limits,
            progress=progress,
        )

    items = [(f, ids[f]) for f in files]
    read = read_now(items) if cache is None else read_through_cache(cache, items, read_now, limits or ReadLimits())
    reports, errors = [], []
    for f, (report, err) in zip(files, read, strict=True):
        if report is not None:
            report.file = ids[f]
            reports.append(report)
        else:
            errors.append(FileError(ids[f], err or "unreadable"))
    return reports, errors


def run_timestamp() -> str:
    """The one field that differs between identical runs; SOURCE_DATE_EPOCH pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


def unsupported_reason(f: Path) -> str:
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
    out_dir: Path | None = None,
    engine: str = "default",
    scheduler: str | None = None,
    cache_path: Path | None = None,
) -> AuditResult:
    """Audit every report under REPORTS_DIR (or the one file it names, as if its folder held only
    it); `out_dir`, this run's output folder, is never read as input. `scheduler`: the address of a
    Dask scheduler whose workers read the files (everything after reading runs here). `cache_path`:
    the extraction cache (extract_cache) to take unchanged files from and store new ones in; its use
    is reported in `AuditResult.cache`, never in an output file."""
    root = input_root(reports_dir)
    inputs = find_inputs(reports_dir, out_dir)
    stage("inputs found")
    found = inputs.files
    unsupported = [f for f in found if f.suffix.lower() not in SUPPORTED_SUFFIXES]
    files = [f for f in found if f.suffix.lower() in SUPPORTED_SUFFIXES]
    cache = ExtractCache(cache_path, rules_dir) if cache_path is not None else None
    try:
        reports, file_errors = extract_all(
            files,
            root,
            rules_dir,
            jobs,
            progress,
            file_timeout=file_timeout,
            file_memory=file_memory,
            limits=limits,
            scheduler=scheduler,
            cache=cache,
        )
    finally:
        if cache is not None:
            cache.close()
    stage("reports read")
    for f in unsupported:
        file_errors.append(FileError(shown_path(f, root), unsupported_reason(f), f.name.lower() in CONFIG_NAMES))
    accounted = sorted([r.file for r in reports] + [e.file for e in file_errors])
    assert accounted == sorted(shown_path(f, root) for f in found), "a discovered file went missing"
    file_errors = sorted(file_errors + inputs.skipped, key=lambda e: e.file)
    converter = soffice() if any(f.suffix.lower() in LEGACY_SUFFIXES for f in files) else None
    result = audit_reports(
        reports,
        root,
        rules_dir,
        file_errors=file_errors,
        converter=converter,
        history_path=history_path,
        waivers_path=waivers_path,
        as_of=as_of,
        preview=preview,
        one_file=reports_dir.is_file(),
        engine=engine,
    )
    result.cache = cache.stats.to_json() if cache is not None else None
    return result


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
    one_file: bool = False,
    kinds: Collection[str] | None = None,
    engine: str = "default",
) -> AuditResult:
    """Everything after reading: manifest, rules, waivers and confirmations, scores, ranking, the
    earlier runs in the history (this run is stored by `record_history`, after its outputs). Takes
    extracted reports, so a test can hand it reports built in memory. Rules with `status: preview`
    run only with `preview`. `one_file`: a run of one file of REPORTS_DIR, so the register rows and
    waivers of the folder's other files are not "unused". `kinds`: run only the rules of these kinds
    (check-db: a database holds the figures, not the text the other kinds read)."""
    from .engine.runner import run_rules

    file_errors = list(file_errors or [])
    ids = [r.report_id for r in reports]
    assert len({slug(i) for i in ids}) == len(ids), f"report ids must be unique: {sorted(ids)}"
    templates = get_templates(rules_dir)
    loaded, rule_errors = load_rules(rules_dir)
    rules = loaded if preview else [r for r in loaded if not r.preview]
    if kinds is not None:
        rules = [r for r in rules if r.spec.kind in kinds]
    scoring = load_scoring(rules_dir)
    manifest = load_manifest(reports_dir)
    seen: set[str] = set()
    for r in reports:
        rel = r.file
        apply_manifest(r, manifest, rel)
        seen.add(rel)
    manifest_problems = manifest.problems
    if not one_file:
        manifest_problems = manifest_problems + unused_rows(manifest, seen | {e.file for e in file_errors})
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
    stage("rules and review files loaded")
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
        engine=engine,
    )
    stage("rules run")
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
    unreadable = sum(1 for e in file_errors if not e.skipped)
    result.record = build_record(
        audit_info, as_of, as_of_source, rules_dir, scores, findings, unreadable_files=unreadable
    )
    if ctx.engine:  # `run --engine gx`: which engine detected what, and the reports it left to ours
        result.record["engine"] = ctx.engine
    result.waiver_problems = [
        f"{st.status}: {st.waiver.label()} ({waivers_path}:{st.waiver.line})"
        for st in ctx.waiver_statuses
        if st.report_id is None and not one_file
    ]
    if history is not None:
        history.close()
    stage("scored")
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
