"""Command line: `disclosure-audit run | extract | rules list|explain|check`.

Heavy imports (pandas, pandera) happen inside commands so start-up stays well under half a second.

Exit codes: 0 success; 1 the run finished but some input (report file or rule file) could not be
used or a rule raised while it ran, or `rules check` found errors, or REPORTS_DIR holds no report;
2 usage error (bad option, missing folder, an output folder or history file that cannot be written; the
output folder is then left as it was).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand

# Plain help (rich_markup_mode=None): no type placeholders such as <bool> or <list[Path]>, option
# values named by explicit metavars, and square brackets in help texts shown as written.
app = typer.Typer(
    epilog=(
        "Exit codes: 0 success; 1 some report or rule file could not be used, a rule failed while running "
        "(named on stderr), or no report was found; 2 usage error."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="政府信息公开工作年度报告合规审查 / disclosure report auditor",
)
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="List, explain and validate the rule files.")
app.add_typer(rules_app, name="rules")
export_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Export for data teams: the rule catalogue as Great Expectations suites, extracted figures as a table.",
)
app.add_typer(export_app, name="export")


def _no_type(ctx) -> None:
    return None


class PlainHelp(TyperCommand):
    """Help without typer's type placeholders for arguments (`<path>`, `<list[Path]>`): each
    argument's metavar names what it is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for p in self.params:
            if isinstance(p, TyperArgument):
                p.display_type_rich = _no_type  # type: ignore[method-assign]


RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="rules folder (templates/, checks/, scoring.yaml); default: ./rules if there is one, "
        "else the rules shipped with the package",
        show_default=False,
    ),
]


def _rules_dir(path: Path | None) -> Path:
    from .defaults import default_rules_dir

    if path is None:
        local = Path("rules")
        return local if (local / "checks").is_dir() else default_rules_dir()
    if (path / "checks").is_dir():
        return path
    typer.echo(f"error: rules folder '{path}' has no checks/ subfolder", err=True)
    raise typer.Exit(2)


FileTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--file-timeout",
        metavar="SECONDS",
        min=0.1,
        help="time one file may take to read; a file that takes longer is listed as unreadable",
    ),
]


def _jobs_option(does: str) -> typer.models.OptionInfo:
    help_text = f"worker processes for {does} (default: every core this process may use)"
    return typer.Option("--jobs", "-j", metavar="N", min=1, help=help_text)


RunJobsOpt = Annotated[
    int | None,
    _jobs_option("reading the reports and rendering the pages; the output is the same for any N"),
]
ReadJobsOpt = Annotated[int | None, _jobs_option("reading the reports")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="read the reports on this Dask cluster (tcp://HOST:PORT); rules and rendering run here",
    ),
]
SendBytesOpt = Annotated[
    bool,
    typer.Option("--send-bytes", help="with --scheduler: send the files' bytes, never paths, to the workers"),
]
FileMemoryOpt = Annotated[
    int,
    typer.Option(
        "--file-memory",
        metavar="MB",
        min=16,
        help="memory one file may take to read; a file that needs more is listed as unreadable",
    ),
]


@app.command(cls=PlainHelp)
def run(
    reports_dir: Annotated[
        Path, typer.Argument(metavar="REPORTS_DIR", help="folder of reports (or one report file)", show_default=True)
    ] = Path("reports_in"),
    rules: RulesOpt = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="output folder")] = Path("audit_out"),
    lang: Annotated[str, typer.Option("--lang", metavar="zh|en", help="language of pages and summary")] = "zh",
    jobs: RunJobsOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print nothing but problems")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON summary on stdout")] = False,
    history: Annotated[
        Path | None,
        typer.Option("--history", metavar="FILE", help="SQLite history of runs (default: OUT/history.sqlite)"),
    ] = None,
    no_history: Annotated[bool, typer.Option("--no-history", help="do not read or write the history")] = False,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            metavar="FILE",
            help="extraction cache: unchanged files are not read again (default: OUT/cache.sqlite)",
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="read every file, use no extraction cache")] = False,
    waivers: Annotated[
        Path | None,
        typer.Option(
            "--waivers",
            metavar="FILE",
            help="waivers YAML (default: REPORTS_DIR/waivers.yaml, then RULES/waivers.yaml)",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="date for waiver expiry (default: today)"),
    ] = None,
    preview: Annotated[bool, typer.Option("--preview", help="also run rules with status: preview")] = False,
    file_timeout: FileTimeoutOpt = 30.0,
    file_memory: FileMemoryOpt = 1024,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="default|gx",
            help="who detects the table rules: our engine, or one Great Expectations validation (same findings)",
        ),
    ] = "default",
    scheduler: SchedulerOpt = None,
    send_bytes: SendBytesOpt = False,
) -> None:
    """Audit every report in REPORTS_DIR and write the site, findings.json and ranking.csv to --out.
    REPORTS_DIR may be one report file: it is audited as if its folder held only it."""
    if lang not in ("zh", "en"):
        typer.echo("error: --lang must be zh or en", err=True)
        raise typer.Exit(2)
    if engine not in ("default", "gx"):
        typer.echo("error: --engine must be default or gx", err=True)
        raise typer.Exit(2)
    if not reports_dir.is_dir() and not reports_dir.is_file():
        what = "is neither a folder nor a file" if reports_dir.exists() else "does not exist"
        typer.echo(f"error: reports folder '{reports_dir}' {what}", err=True)
        raise typer.Exit(2)
    if not _has_reports(reports_dir, out):
        typer.echo(f"没有可审查的报告 / no reports found in {reports_dir}", err=True)
        raise typer.Exit(1)
    _connect_scheduler(scheduler, send_bytes)
    _load_for_run()
    from .workers import default_jobs

    jobs = jobs or default_jobs()
    history_path = None if no_history else (history or out / "history.sqlite")
    from datetime import date

    try:
        as_of_date = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.echo(f"error: --as-of '{as_of}' is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    if waivers is not None and not waivers.is_file():
        typer.echo(f"error: waivers file '{waivers}' does not exist", err=True)
        raise typer.Exit(2)
    rules_dir = _rules_dir(rules)
    from .scoring import ScoringFileError, load_scoring

    try:
        load_scoring(rules_dir)  # before any report is read: nothing can be scored without it
    except ScoringFileError as exc:
        for e in exc.errors:
            typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    from .atomic_output import OutputError, abandon, prepare
    from .distributed import ClusterError

    try:  # before the audit: a folder that cannot be written is known before the long part
        protect = {"the reports folder": reports_dir, "the rules folder": rules_dir, "the current folder": Path.cwd()}
        stage = prepare(out, history_path, protect, cache=None if no_cache else (cache or out / "cache.sqlite"))
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        result = _audit_with_progress(
            reports_dir,
            rules_dir,
            jobs,
            stage.history,
            waivers,
            as_of_date,
            quiet or as_json,
            preview,
            lang,
            out,
            budget={"file_timeout": file_timeout, "file_memory": file_memory},
            engine=engine,
            scheduler=scheduler,
            cache_path=stage.cache,
        )
        _publish(result, stage, out, lang, record=history_path is not None, jobs=jobs)
    except ClusterError as exc:  # the cluster was lost mid-run: nothing is published
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        abandon(stage)
        _disconnect(scheduler)
    for e in result.file_errors:
        typer.echo(f"{'skipped' if e.skipped else 'unreadable'}: {e.file}: {e.message}", err=True)
    if result.cache is not None:
        result.cache["file"] = str(stage.shown_cache)
    for w in (result.cache or {}).get("warnings", []):
        typer.echo(f"cache: {w}", err=True)
    for e in result.rule_errors:
        typer.echo(f"rule error: {e}", err=True)
    for b in result.broken_rules:
        typer.echo(f"rule failed: {b}", err=True)
    if (fallback := result.record.get("engine", {}).get("fallback", {})).get("reports"):
        typer.echo(
            f"engine gx: the table rules of {len(fallback['reports'])} report(s) holding numbers SQL cannot add"
            f" exactly ({fallback['cells']} cell(s) beyond ±9.2×10^12 or finer than 6 decimals, or sums beyond"
            " 64 bits) were detected by the default engine: " + ", ".join(fallback["reports"]),
            err=True,
        )
    for m in result.manifest_problems:
        typer.echo(f"manifest: {m}", err=True)
    for m in result.waiver_problems:
        typer.echo(f"waiver: {m}", err=True)
    for s in result.scores:
        if not s.audited:
            r = result.reports[s.report_id]
            typer.echo(f"not audited: {r.file}: {r.not_audited['en']}", err=True)
    summary = _summary(result, out, lang)
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    elif not quiet:
        _print_summary(result, summary, lang)
    if any(not e.skipped for e in result.file_errors) or result.rule_errors or result.broken_rules:
        raise typer.Exit(1)


def _publish(result, stage, out: Path, lang: str, record: bool, jobs: int = 1) -> None:
    """Write every output into the run's hidden folder, then swap it into OUT's place with the
    history (atomic_output): OUT is never half-written, the history never holds a run without
    outputs. A write that fails (disk full, permissions changed mid-run) is one error line and OUT
    stays as it was (a history outside OUT that fails to take the record after the swap misses only
    this run)."""
    import sqlite3

    from .atomic_output import OutputError, publish
    from .checkpoints import checkpoint
    from .pipeline import record_history
    from .render import write_outputs

    checkpoint("audited")
    try:
        write_outputs(result, stage.tmp, lang, jobs)
        publish(stage, (lambda path: record_history(result, path)) if record else None)
    except OSError as exc:
        typer.echo(f"error: cannot write output to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except sqlite3.Error as exc:
        typer.echo(f"error: cannot use history file {stage.shown_history}: {exc}", err=True)
        raise typer.Exit(2) from None


def _has_reports(reports_dir: Path, out: Path) -> bool:
    """Whether REPORTS_DIR holds a file of a report type; when it does not, say on stderr what it
    holds instead (each file left out and why), before the run's one-line verdict."""
    from .ingest import SUPPORTED_SUFFIXES
    from .pipeline import find_inputs, input_root, shown_path, unsupported_reason

    inputs = find_inputs(reports_dir, out)
    if any(f.suffix.lower() in SUPPORTED_SUFFIXES for f in inputs.files):
        return True
    root = input_root(reports_dir)
    for e in inputs.skipped:
        typer.echo(f"{'skipped' if e.skipped else 'unreadable'}: {e.file}: {e.message}", err=True)
    for f in inputs.files:
        typer.echo(f"unreadable: {shown_path(f, root)}: {unsupported_reason(f)}", err=True)
    return False


def _connect_scheduler(scheduler: str | None, send_bytes: bool) -> None:
    """Connect to the Dask scheduler of `run --scheduler` before any work: one that cannot be
    reached, has no workers or whose workers run other code is a usage error (exit 2)."""
    if scheduler is None:
        if send_bytes:
            typer.echo("error: --send-bytes needs --scheduler", err=True)
            raise typer.Exit(2)
        return
    from .distributed import ClusterError, connect

    try:
        connect(scheduler, send_bytes=True if send_bytes else None)
    except ClusterError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _disconnect(scheduler: str | None) -> None:
    if scheduler is not None:
        from .distributed import close_all

        close_all()


def _load_for_run() -> None:
    """Import what every run uses (pandas and pandera for the frames, jinja2 and openpyxl for the
    outputs), then take everything created so far out of the cyclic garbage collector's scans
    (gc.freeze): those objects live as long as the process, and scanning them on each full collection
    cost about an eighth of a demo run."""
    import gc

    from .core import frames  # noqa: F401
    from .render import html, xlsx_out  # noqa: F401

    gc.freeze()


def _audit_with_progress(
    reports_dir,
    rules_dir,
    jobs,
    history_path,
    waivers,
    as_of,
    silent,
    preview=False,
    lang="zh",
    out=None,
    budget=None,
    engine="default",
    scheduler=None,
    cache_path=None,
):
    """A progress bar on stderr for interactive runs; scripts and CI get none."""
    from .pipeline import audit

    kwargs = {
        "cache_path": cache_path,
        "jobs": jobs,
        "history_path": history_path,
        "waivers_path": waivers,
        "as_of": as_of,
        "preview": preview,
        "out_dir": out,
        "engine": engine,
        **(budget or {}),
        **({"scheduler": scheduler} if scheduler else {}),
    }
    if silent or not sys.stderr.isatty():
        return audit(reports_dir, rules_dir, **kwargs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    label = TOTALS[lang]["reading"]
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extract", total=None)
        return audit(reports_dir, rules_dir, progress=lambda d, t: bar.update(task, completed=d, total=t), **kwargs)


def _summary(result, out: Path, lang: str = "zh") -> dict:
    from .render.not_audited import not_audited_entries
    from .scoring import needs_review

    failed = [f for f in result.findings if f.outcome == "failed" and not f.waived and not needs_review(f)]
    audited = [s for s in result.scores if s.audited]
    scores = [s.score for s in audited]
    return {
        "reports": len(result.scores),
        "audited": len(audited),
        "rules": len(result.rules),
        "errors": sum(1 for f in failed if f.severity == "error"),
        "warnings": sum(1 for f in failed if f.severity == "warning"),
        "info": sum(1 for f in failed if f.severity == "info"),
        "not_evaluable": sum(1 for f in result.findings if f.outcome == "not_evaluable"),
        "waived": sum(1 for f in result.findings if f.waived),
        "needs_review": sum(s.counts.get("needs_review", 0) for s in result.scores),
        "unreadable": [{"file": e.file, "message": e.message} for e in result.file_errors if not e.skipped],
        "skipped": [{"file": e.file, "message": e.message} for e in result.file_errors if e.skipped],
        "rule_errors": [str(e) for e in result.rule_errors],
        "broken_rules": [str(b) for b in result.broken_rules],
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "engine": result.record.get("engine", {}).get("name", "default"),
        "output": str(out / "index.html"),
        "ranking": [
            {
                "rank": s.rank,
                "year_rank": s.year_rank,
                "level_rank": s.level_rank,
                "score": s.score,
                "grade": s.grade,
                "agency": result.reports[s.report_id].agency,
                "year": result.reports[s.report_id].year,
                "level": result.reports[s.report_id].level,
                "report_id": s.report_id,
                "file": result.reports[s.report_id].file,
            }
            for s in audited
        ],
        "not_audited": [
            {
                "agency": e["agency"],
                "year": e["year"],
                "file": e["file"],
                "code": e["code"],
                "reason": e["reason"],
                "ask": e["ask"],
            }
            for e in not_audited_entries(result, lang)
        ],
        "record": result.record,
        # what the extraction cache did this run (null without one); not in any output file
        "cache": result.cache,
    }


# The terminal summary's totals in the run's language (--lang); agency names and files are data.
TOTALS = {
    "zh": {
        "reading": "读取报告",
        "totals": "错误 {errors} · 警告 {warnings} · 提示 {info} · 无法核验 {not_evaluable} · 已豁免 {waived} · "
        "待复核 {needs_review} · 未能审查 {not_audited} · 无法读取 {unreadable} → {output}",
        "legacy": "旧版 .doc/.wps 文件 {n} 份：{how}",
        "converted": "已用 {conv} 转换",
        "no_converter": "无法读取（未安装 LibreOffice）",
    },
    "en": {
        "reading": "reading reports",
        "totals": "errors {errors} · warnings {warnings} · info {info} · not evaluable {not_evaluable} · "
        "waived {waived} · needs review {needs_review} · not audited {not_audited} · unreadable {unreadable} "
        "→ {output}",
        "legacy": "legacy .doc/.wps files: {n}, {how}",
        "converted": "converted with {conv}",
        "no_converter": "not machine-readable (no LibreOffice)",
    },
}


def _columns(rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows as aligned lines, padded by display width (a Chinese character takes two columns) and
    never cut: two years of one agency must stay visibly different reports."""
    from .zhtext.width import display_width, pad

    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(v, widths[i], i in right) for i, v in enumerate(row)).rstrip() for row in rows]


def _print_summary(result, summary: dict, lang: str = "zh") -> None:
    """Per year, newest first: rank in the year, rank within the year's level, score, grade, counts,
    level, agency and the report id in full; then the reports that could not be audited; then the
    run record. Plain lines (no table that wraps or truncates at the terminal's width)."""
    from .render.i18n import UI
    from .render.record import record_items
    from .zhtext.orgs import level_label

    ui = UI[lang]
    echo = typer.echo
    head = [ui["rank"], ui["level_rank"], ui["score"], ui["grade"], ui["errors"], ui["warnings"], ui["level"]]
    head += [ui["agency"], ui["report"]]
    rows, years = [head], []
    for s in result.scores:
        if not s.audited:
            continue
        r = result.reports[s.report_id]
        if not years or years[-1][0] != r.year:
            years.append((r.year, len(rows)))
        rows.append(
            [
                str(s.year_rank),
                str(s.level_rank or "—"),
                f"{s.score:.1f}",
                s.grade_label(lang),
                str(s.counts["error"]),
                str(s.counts["warning"]),
                level_label(r.level, r.level_source, lang) or "—",
                r.agency or "—",
                s.report_id,
            ]
        )
    echo(f"{ui['site_title']} · " + ui["summary_head"].format(**summary))
    if len(rows) > 1:
        lines = _columns(rows, right={0, 1, 2, 4, 5})
        starts = dict((i, y) for y, i in years)
        for i, line in enumerate(lines):
            if i in starts:
                y = starts[i]
                echo("")
                echo(ui["year_heading"].format(year=y) if y else ui["year_unknown"])
                echo("  " + lines[0])
            if i:
                echo("  " + line)
    if summary["not_audited"]:
        echo("")
        echo(f"{ui['not_audited_title']} ({len(summary['not_audited'])})")
        for item in summary["not_audited"]:
            echo(f"  {item['agency'] or '—'}  {item['year'] or '—'}  {item['file']}")
            echo(f"    {ui['reason']}: {item['reason']}")
            echo(f"    {ui['ask']}: {item['ask']}")
    echo("")
    counts = {k: summary[k] for k in ("errors", "warnings", "info", "not_evaluable", "waived", "needs_review")}
    echo(
        TOTALS[lang]["totals"].format(
            **counts,
            not_audited=summary["reports"] - summary["audited"],
            unreadable=len(summary["unreadable"]),
            output=summary["output"],
        )
    )
    items = {key: (label, value) for key, label, value in record_items(result.record, lang)}
    echo(
        " · ".join(
            f"{items[k][0]} {items[k][1]}" for k in ("office", "title", "as_of", "tool_version", "ruleset_version")
        )
        + f" · rules_sha256 {result.record['rules_sha256']}"
        + (f" · {items['engine'][0]} {items['engine'][1]}" if "engine" in items else "")
    )
    legacy = [r for r in result.reports.values() if r.source_format in ("doc", "wps", "rtf")]
    if legacy:
        t = TOTALS[lang]
        how = t["converted"].format(conv=result.converter) if result.converter else t["no_converter"]
        echo(t["legacy"].format(n=len(legacy), how=how))


def _report_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to extract: each FILE as given, and every report file of a FOLDER (as `run` finds
    them: README, manifest and waivers files are not reports); with the problems found on the way."""
    from .ingest import SUPPORTED_SUFFIXES
    from .pipeline import discover

    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        if p.is_dir():
            found = [f for f in discover(p) if f.suffix.lower() in SUPPORTED_SUFFIXES]
            if not found:
                problems.append(f"{p}: no report files in this folder")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    return files, problems


@app.command(cls=PlainHelp)
def extract(
    files: Annotated[list[Path], typer.Argument(metavar="PATH", help="report files or folders of reports")],
    rules: RulesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object per file")] = False,
    file_timeout: FileTimeoutOpt = 30.0,
    file_memory: FileMemoryOpt = 1024,
) -> None:
    """Show what the reader extracts from each PATH, a report file or every report in a folder
    (metadata, sections, tables, problems)."""
    from .extract import report_id_for
    from .reading import read_files

    rules_dir = _rules_dir(rules)
    paths, problems = _report_files(files)
    for message in problems:
        typer.echo(f"error: {message}", err=True)
    status = 2 if problems and not paths else 1 if problems else 0
    read = read_files(
        [(f, report_id_for(f)) for f in paths], rules_dir, file_timeout=file_timeout, file_memory=file_memory
    )
    for f, (r, why) in zip(paths, read, strict=True):
        if r is None:
            typer.echo(f"{f}: unreadable: {why}", err=True)
            status = 1
            continue
        if as_json:
            doc = r.to_json()
            doc["file"] = str(f)
            typer.echo(json.dumps(doc, ensure_ascii=False))
            continue
        _print_extracted(f, r)
    raise typer.Exit(status)


def _print_extracted(f: Path, r) -> None:
    def known(v) -> str:
        return "—" if v is None or v == "" else str(v)

    if not r.machine_readable and r.not_audited:
        # nothing was read: say why, instead of a list of unknown fields and empty tables
        typer.echo(f"{f}: not audited ({r.not_audited['code']}): {r.not_audited['en']}")
        typer.echo(f"  {r.not_audited['zh']}")
        return
    typer.echo(
        f"{f}: {r.agency or '(no agency)'} | year {known(r.year)} | format {known(r.template)} "
        f"| layout {known(r.layout)} | encoding {known(r.encoding)} | published {known(r.published)}"
    )
    for s in r.sections:
        mark = "" if s.number else "  (extra)"
        typer.echo(f"  line {s.line:>4}  {s.heading}{mark}")
    for tkey, t in r.tables.items():
        filled = sum(1 for c in t.cells.values() if c.kind == "number")
        typer.echo(f"  table {tkey}: {'found' if t.found else 'NOT FOUND'}, {filled}/{len(t.cells)} cells with numbers")
    for p in r.problems:
        where = f"line {p.line}" if p.line is not None else "whole file"
        typer.echo(f"  problem ({where}): {p.message}")
    if r.not_audited:
        typer.echo(f"  NOT AUDITED ({r.not_audited['code']}): {r.not_audited['en']}")


@app.command(cls=PlainHelp)
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="earlier run: its output folder or findings.json")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="later run: its output folder or findings.json")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Per agency and year: findings new / fixed / persisting, score and rank changes."""
    from .diff import RunFileError, diff_runs, format_text, load_run

    try:
        a, b = load_run(old), load_run(new)
    except RunFileError as exc:
        typer.echo(f"error: cannot compare: {exc}", err=True)
        raise typer.Exit(2) from None
    diffs = diff_runs(a, b)
    if as_json:
        typer.echo(json.dumps([d.to_json() for d in diffs], ensure_ascii=False, indent=1))
    else:
        typer.echo(format_text(diffs))


@rules_app.command("list", cls=PlainHelp)
def rules_list(rules: RulesOpt = None) -> None:
    """One line per rule: id, severity, category, weight, title; preview rules end in [preview]."""
    from .rules.loader import load_rules

    loaded, errors = load_rules(_rules_dir(rules))
    for r in loaded:
        s = r.spec
        mark = "  [preview]" if r.preview else ""
        typer.echo(f"{s.id:<16} {s.severity:<8} {s.category:<13} {s.weight:>5g}  {s.title.zh}{mark}")
    for e in errors:
        typer.echo(f"error: {e}", err=True)
    raise typer.Exit(1 if errors else 0)


@rules_app.command("explain", cls=PlainHelp)
def rules_explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="rule id, e.g. T3-BAL")],
    rules: RulesOpt = None,
    lang: Annotated[str, typer.Option("--lang", metavar="zh|en", help="language of the page")] = "zh",
    dev: Annotated[
        bool, typer.Option("--dev", help="also kind, params, message templates, see_also and example inputs")
    ] = False,
) -> None:
    """Print a rule's page: what it checks, why, how to fix it, its examples with the exact messages."""
    from .render.explain import explain

    if lang not in ("zh", "en"):
        typer.echo("error: --lang must be zh or en", err=True)
        raise typer.Exit(2)
    text = explain(_rules_dir(rules), rule_id.upper(), lang, dev)
    if text is None:
        typer.echo(f"error: no rule '{rule_id}'", err=True)
        raise typer.Exit(2)
    typer.echo(text)


@rules_app.command("check", cls=PlainHelp)
def rules_check(rules: RulesOpt = None) -> None:
    """Validate every rule file and scoring.yaml and run the rules' examples; exit 1 with file:line
    on any error."""
    from .engine.examples import check_example
    from .rules.loader import load_rules
    from .scoring import ScoringFileError, load_scoring
    from .templates import get_templates

    rules_dir = _rules_dir(rules)
    loaded, errors = load_rules(rules_dir)
    try:
        if (rules_dir / "scoring.yaml").exists():  # a folder of rule files alone is checked as such
            load_scoring(rules_dir)
    except ScoringFileError as exc:
        errors = errors + exc.errors
    for e in errors:
        typer.echo(str(e), err=True)
    templates = get_templates(rules_dir)
    bad = len(errors)
    for r in loaded:
        for i in range(len(r.spec.examples)):
            problems = check_example(r, i, templates, rules_dir, loaded)
            bad += bool(problems)
            for problem in problems:
                typer.echo(str(problem), err=True)
    typer.echo(f"{len(loaded)} rule(s) loaded, {len(errors)} file error(s), {bad - len(errors)} failing example(s)")
    raise typer.Exit(1 if bad else 0)


@export_app.command("facts", cls=PlainHelp)
def export_facts(
    reports_dir: Annotated[
        Path, typer.Argument(metavar="REPORTS_DIR", help="folder of reports (or one report file)", show_default=True)
    ] = Path("reports_in"),
    fmt: Annotated[str, typer.Option("--format", metavar="sqlite|parquet", help="file format")] = "sqlite",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="SQLite: one file with tables facts, reports and tables. Parquet: FILE holds the facts, "
            "FILE's name + .reports/.tables beside it the others (demo.parquet, demo.reports.parquet, "
            "demo.tables.parquet)",
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="print the three tables' columns (Markdown) and exit")
    ] = False,
    rules: RulesOpt = None,
    jobs: ReadJobsOpt = None,
    file_timeout: FileTimeoutOpt = 30.0,
    file_memory: FileMemoryOpt = 1024,
    scheduler: SchedulerOpt = None,
    send_bytes: SendBytesOpt = False,
) -> None:
    """Write the extracted cells as the documented long table `facts` (one row per table cell), with
    the report metadata (`reports`) and table metadata (`tables`) that check-db needs to rebuild the
    same audit. Files are read as `run` reads them; an unreadable file is named and the rest is
    exported (exit 1)."""
    if schema:
        from .warehouse.export import schema_markdown

        typer.echo(schema_markdown())
        return
    if fmt not in ("sqlite", "parquet"):
        typer.echo("error: --format must be sqlite or parquet", err=True)
        raise typer.Exit(2)
    if out is None:
        typer.echo("error: --out FILE is required", err=True)
        raise typer.Exit(2)
    if not out.parent.is_dir() or out.is_dir():
        why = "is a folder" if out.is_dir() else f"is in a folder that does not exist ('{out.parent}')"
        typer.echo(f"error: output file '{out}' {why}", err=True)
        raise typer.Exit(2)
    if not reports_dir.is_dir() and not reports_dir.is_file():
        typer.echo(f"error: reports folder '{reports_dir}' does not exist", err=True)
        raise typer.Exit(2)
    rules_dir = _rules_dir(rules)
    _connect_scheduler(scheduler, send_bytes)
    from .ingest import SUPPORTED_SUFFIXES
    from .manifest import apply_manifest, load_manifest
    from .pipeline import extract_all, find_inputs, input_root, shown_path, unsupported_reason
    from .templates import get_templates
    from .warehouse.export import export_facts as write_facts

    root = input_root(reports_dir)
    inputs = find_inputs(reports_dir, None)
    files = [f for f in inputs.files if f.suffix.lower() in SUPPORTED_SUFFIXES]
    from .workers import default_jobs

    jobs = jobs or default_jobs()
    try:
        reports, errors = extract_all(
            files, root, rules_dir, jobs, file_timeout=file_timeout, file_memory=file_memory, scheduler=scheduler
        )
    finally:
        _disconnect(scheduler)
    errors += inputs.skipped
    errors += [_unsupported(f, root, shown_path, unsupported_reason) for f in inputs.files if f not in files]
    manifest = load_manifest(root)
    for r in reports:
        apply_manifest(r, manifest, r.file)
    try:
        done = write_facts(reports, get_templates(rules_dir), fmt, out)
    except OSError as exc:
        typer.echo(f"error: cannot write '{out}': {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    for e in sorted(errors, key=lambda e: e.file):
        typer.echo(f"{'skipped' if e.skipped else 'unreadable'}: {e.file}: {e.message}", err=True)
    counts = ", ".join(f"{name} {n}" for name, n in done.rows.items())
    typer.echo(f"wrote {', '.join(str(p) for p in done.files)} (rows: {counts})")
    if any(not e.skipped for e in errors):
        raise typer.Exit(1)


def _unsupported(f: Path, root: Path, shown_path, unsupported_reason):
    from .pipeline import FileError

    return FileError(shown_path(f, root), unsupported_reason(f))


@app.command("check-db", cls=PlainHelp)
def check_db(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL",
            help="SQLAlchemy URL of the database: sqlite:///facts.sqlite, postgresql+psycopg2://user@host/db",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="output folder")],
    table: Annotated[str, typer.Option("--table", metavar="NAME", help="the facts table ([schema.]name)")] = "facts",
    reports_table: Annotated[
        str, typer.Option("--reports-table", metavar="NAME", help="the reports table ([schema.]name)")
    ] = "reports",
    tables_table: Annotated[
        str, typer.Option("--tables-table", metavar="NAME", help="the tables table ([schema.]name)")
    ] = "tables",
    rules: RulesOpt = None,
    lang: Annotated[str, typer.Option("--lang", metavar="zh|en", help="language of pages and summary")] = "zh",
    preview: Annotated[bool, typer.Option("--preview", help="also run rules with status: preview")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print nothing but problems")] = False,
) -> None:
    """Audit the figures held in a database (as `export facts` writes them) with the rules that read
    figures only, and write the same site and findings.json as `run`; evidence points at database rows.
    Rules that read the report's text are not run, and the outputs say so."""
    if lang not in ("zh", "en"):
        typer.echo("error: --lang must be zh or en", err=True)
        raise typer.Exit(2)
    rules_dir = _rules_dir(rules)
    from .scoring import ScoringFileError, load_scoring

    try:
        load_scoring(rules_dir)
    except ScoringFileError as exc:
        for e in exc.errors:
            typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    from .warehouse.load import DbError, load_reports

    try:
        reports, source = load_reports(url, table, reports_table, tables_table)
    except DbError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    _load_for_run()
    from .atomic_output import OutputError, abandon, prepare
    from .warehouse.check_db import check_reports

    try:
        stage = prepare(out, None, {"the rules folder": rules_dir, "the current folder": Path.cwd()})
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        result = check_reports(reports, source, rules_dir, preview)
        _publish(result, stage, out, lang, record=False)
    finally:
        abandon(stage)
    for b in result.broken_rules:
        typer.echo(f"rule failed: {b}", err=True)
    for e in result.rule_errors:
        typer.echo(f"rule error: {e}", err=True)
    if not quiet:
        _print_summary(result, _summary(result, out, lang), lang)
        skipped = result.database["not_run"] if result.database else []
        if skipped:
            ids = " ".join(d["rule_id"] for d in skipped)
            typer.echo(f"not run ({len(skipped)}, {skipped[0]['reason'][lang]}): {ids}")
    if result.rule_errors or result.broken_rules:
        raise typer.Exit(1)


@export_app.command("gx", cls=PlainHelp)
def export_gx(
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="folder to write the GX project to")],
    rules: RulesOpt = None,
    table: Annotated[str, typer.Option("--table", metavar="NAME", help="name of the facts table")] = "facts",
) -> None:
    """Write the table rules as a Great Expectations project to DIR: one suite per format version,
    a checkpoint, run_checkpoint.py and a README (zh + en) listing the rules left out and why. It
    runs with GX alone; DIR may be new, empty or an earlier export (replaced)."""
    from .gx.checks import NotExported
    from .gx.suites import ExportError
    from .gx.suites import export_gx as write_export
    from .rules.loader import load_rules
    from .templates import get_templates

    rules_dir = _rules_dir(rules)
    loaded, errors = load_rules(rules_dir)
    for e in errors:
        typer.echo(str(e), err=True)
    preview = [
        NotExported(r.spec.id, r.spec.kind, "预览规则，默认运行不包括", "a preview rule, not part of a default run")
        for r in loaded
        if r.preview
    ]
    try:
        done = write_export(out, [r for r in loaded if not r.preview], get_templates(rules_dir), table, preview)
    except (ExportError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"wrote {out}: {len(done.checks)} check(s) of {len({c.rule_id for c in done.checks})} rule(s) in "
        f"{len(done.suites)} suite(s); {len(done.not_exported)} rule(s) not exported (see {out / 'README.md'})"
    )
    raise typer.Exit(1 if errors else 0)


@app.command(cls=PlainHelp)
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="folder to set up (created when missing)", show_default=True)
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="overwrite files that are already there")] = False,
) -> None:
    """Copy the default rules (checks, templates, scoring, deadlines) into FOLDER and write
    FOLDER/reports_in/audit.yaml (office, title) for an office to edit; `run` then uses FOLDER/rules
    and reads reports_in/audit.yaml when run from FOLDER."""
    from .defaults import init_folder

    try:
        written, kept = init_folder(folder, force)
    except OSError as exc:
        typer.echo(f"error: cannot write to '{folder}': {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    for p in written:
        typer.echo(f"wrote {p}")
    for p in kept:
        typer.echo(f"kept {p} (already there; --force to overwrite)", err=True)


def main() -> None:
    app(prog_name="disclosure-audit")


if __name__ == "__main__":
    sys.exit(main())
