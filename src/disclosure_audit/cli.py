"""Command line: `disclosure-audit run | extract | rules list|explain|check`.

Heavy imports (pandas, pandera) happen inside commands so start-up stays well under half a second.

Exit codes: 0 success; 1 the run finished but some input (report file or rule file) could not be
used or a rule raised while it ran, or `rules check` found errors; 2 usage error (bad option,
missing folder).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    epilog=(
        "Exit codes: 0 success; 1 some report or rule file could not be used, or a rule failed while running "
        "(named on stderr); 2 usage error."
    ),
    add_completion=False,
    no_args_is_help=True,
    help="政府信息公开工作年度报告合规审查 / disclosure report auditor",
)
rules_app = typer.Typer(no_args_is_help=True, help="List, explain and validate the rule files.")
app.add_typer(rules_app, name="rules")

RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
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


@app.command()
def run(
    reports_dir: Annotated[Path, typer.Argument(help="folder of reports")] = Path("reports_in"),
    rules: RulesOpt = None,
    out: Annotated[Path, typer.Option("--out", help="output folder")] = Path("audit_out"),
    lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="worker processes for extraction")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print nothing but problems")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON summary on stdout")] = False,
    history: Annotated[
        Path | None, typer.Option("--history", help="SQLite history of runs (default: OUT/history.sqlite)")
    ] = None,
    no_history: Annotated[bool, typer.Option("--no-history", help="do not read or write the history")] = False,
    waivers: Annotated[
        Path | None,
        typer.Option("--waivers", help="waivers YAML (default: REPORTS_DIR/waivers.yaml, then RULES/waivers.yaml)"),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="date for waiver expiry, YYYY-MM-DD (default: today)")
    ] = None,
    preview: Annotated[bool, typer.Option("--preview", help="also run rules with status: preview")] = False,
) -> None:
    """Audit every report in REPORTS_DIR and write the site, findings.json and ranking.csv to --out."""
    if lang not in ("zh", "en"):
        typer.echo("error: --lang must be zh or en", err=True)
        raise typer.Exit(2)
    if not reports_dir.is_dir():
        typer.echo(f"error: reports folder '{reports_dir}' does not exist", err=True)
        raise typer.Exit(2)
    from .render import write_outputs

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
    result = _audit_with_progress(
        reports_dir, rules_dir, jobs, history_path, waivers, as_of_date, quiet or as_json, preview
    )
    write_outputs(result, out, lang)
    for e in result.file_errors:
        typer.echo(f"unreadable: {e.file}: {e.message}", err=True)
    for e in result.rule_errors:
        typer.echo(f"rule error: {e}", err=True)
    for b in result.broken_rules:
        typer.echo(f"rule failed: {b}", err=True)
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
        _print_summary(result, summary)
    if result.file_errors or result.rule_errors or result.broken_rules:
        raise typer.Exit(1)


def _audit_with_progress(reports_dir, rules_dir, jobs, history_path, waivers, as_of, silent, preview=False):
    """A progress bar on stderr for interactive runs; scripts and CI get none."""
    from .pipeline import audit

    kwargs = {
        "jobs": jobs,
        "history_path": history_path,
        "waivers_path": waivers,
        "as_of": as_of,
        "preview": preview,
    }
    if silent or not sys.stderr.isatty():
        return audit(reports_dir, rules_dir, **kwargs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("读取报告 reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extract", total=None)
        return audit(reports_dir, rules_dir, progress=lambda d, t: bar.update(task, completed=d, total=t), **kwargs)


def _summary(result, out: Path, lang: str = "zh") -> dict:
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
        "unreadable": [{"file": e.file, "message": e.message} for e in result.file_errors],
        "rule_errors": [str(e) for e in result.rule_errors],
        "broken_rules": [str(b) for b in result.broken_rules],
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "output": str(out / "index.html"),
        "ranking": [
            {
                "rank": s.rank,
                "score": s.score,
                "grade": s.grade,
                "agency": result.reports[s.report_id].agency,
                "file": result.reports[s.report_id].file,
            }
            for s in audited
        ],
        "not_audited": [
            {
                "agency": result.reports[s.report_id].agency,
                "file": result.reports[s.report_id].file,
                "code": s.not_audited["code"],
                "reason": s.not_audited[lang],
                "ask": s.not_audited["ask_zh" if lang == "zh" else "ask_en"],
            }
            for s in result.scores
            if not s.audited
        ],
    }


def _print_summary(result, summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"审查结果 · {summary['audited']} report(s) ranked, {summary['rules']} rules")
    for col, right in (("名次", 1), ("得分", 1), ("等级", 0), ("机关", 0), ("文件", 0), ("错误", 1), ("警告", 1)):
        table.add_column(col, justify="right" if right else "left")
    for s in result.scores:
        if not s.audited:
            continue
        r = result.reports[s.report_id]
        table.add_row(
            str(s.rank),
            f"{s.score:.1f}",
            s.grade,
            r.agency or "—",
            r.file,
            str(s.counts["error"]),
            str(s.counts["warning"]),
        )
    console.print(table)
    if summary["not_audited"]:
        na = Table(title=f"未能审查 / not audited · {len(summary['not_audited'])} report(s), no score, no rank")
        for col in ("机关", "文件", "原因 / reason", "需向机关索取 / ask for"):
            na.add_column(col)
        for item in summary["not_audited"]:
            na.add_row(item["agency"] or "—", item["file"], item["reason"], item["ask"])
        console.print(na)
    console.print(
        f"errors {summary['errors']} · warnings {summary['warnings']} · info {summary['info']} · "
        f"not evaluable {summary['not_evaluable']} · waived {summary['waived']} · "
        f"needs review {summary['needs_review']} · not audited {len(summary['not_audited'])} · "
        f"unreadable {len(summary['unreadable'])} → {summary['output']}"
    )
    legacy = [r for r in result.reports.values() if r.source_format in ("doc", "wps", "rtf")]
    if legacy:
        how = f"converted with {result.converter}" if result.converter else "not machine-readable (no LibreOffice)"
        console.print(f"legacy .doc/.wps files: {len(legacy)}, {how}")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="report files")],
    rules: RulesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object per file")] = False,
) -> None:
    """Show what the reader extracts from each FILE (metadata, sections, tables, problems)."""
    from .extract import extract_file
    from .ingest import UnreadableFileError

    rules_dir = _rules_dir(rules)
    status = 0
    for f in files:
        try:
            r = extract_file(f, rules_dir)
        except UnreadableFileError as exc:
            typer.echo(f"{f}: unreadable: {exc}", err=True)
            status = 1
            continue
        if as_json:
            doc = r.to_json()
            doc["file"] = str(f)
            typer.echo(json.dumps(doc, ensure_ascii=False))
            continue
        typer.echo(
            f"{f}: {r.agency or '(no agency)'} | year {r.year} | format {r.template} | layout {r.layout} "
            f"| encoding {r.encoding} | published {r.published}"
        )
        for s in r.sections:
            mark = "" if s.number else "  (extra)"
            typer.echo(f"  line {s.line:>4}  {s.heading}{mark}")
        for tkey, t in r.tables.items():
            filled = sum(1 for c in t.cells.values() if c.kind == "number")
            typer.echo(
                f"  table {tkey}: {'found' if t.found else 'NOT FOUND'}, {filled}/{len(t.cells)} cells with numbers"
            )
        for p in r.problems:
            typer.echo(f"  problem (line {p.line}): {p.message}")
        if r.not_audited:
            typer.echo(f"  NOT AUDITED ({r.not_audited['code']}): {r.not_audited['en']}")
    raise typer.Exit(status)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="earlier run: its output folder or findings.json")],
    new: Annotated[Path, typer.Argument(help="later run: its output folder or findings.json")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Per agency and year: findings new / fixed / persisting, score and rank changes."""
    from .diff import diff_runs, format_text, load_run

    try:
        a, b = load_run(old), load_run(new)
    except (OSError, ValueError, KeyError) as exc:
        typer.echo(f"error: cannot read a run: {exc}", err=True)
        raise typer.Exit(2) from exc
    diffs = diff_runs(a, b)
    if as_json:
        typer.echo(json.dumps([d.to_json() for d in diffs], ensure_ascii=False, indent=1))
    else:
        typer.echo(format_text(diffs))


@rules_app.command("list")
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


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(help="rule id, e.g. T3-BAL")],
    rules: RulesOpt = None,
    lang: Annotated[str, typer.Option("--lang")] = "zh",
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


@rules_app.command("check")
def rules_check(rules: RulesOpt = None) -> None:
    """Validate every rule file and run its examples; exit 1 with file:line on any error."""
    from .engine.examples import check_example
    from .rules.loader import load_rules
    from .templates import get_templates

    rules_dir = _rules_dir(rules)
    loaded, errors = load_rules(rules_dir)
    for e in errors:
        typer.echo(str(e), err=True)
    templates = get_templates(rules_dir)
    bad = len(errors)
    for r in loaded:
        for i in range(len(r.spec.examples)):
            problems = check_example(r, i, templates)
            bad += bool(problems)
            for problem in problems:
                typer.echo(str(problem), err=True)
    typer.echo(f"{len(loaded)} rule(s) loaded, {len(errors)} file error(s), {bad - len(errors)} failing example(s)")
    raise typer.Exit(1 if bad else 0)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="folder to set up (created when missing)")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="overwrite files that are already there")] = False,
) -> None:
    """Copy the default rules (checks, templates, scoring, deadlines) and an audit.yaml into FOLDER
    for an office to edit; `run` then uses FOLDER/rules when run from FOLDER."""
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
