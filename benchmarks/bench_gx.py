"""Benchmark: `run --engine gx` against the default engine on a generated corpus (1,000 reports).

Not a test: prints numbers and writes them to benchmarks/bench_gx.md. Usage:

    python benchmarks/bench_gx.py [--count 1000] [--seed 0] [--jobs 2]

Measures the import of great_expectations (fresh processes), the rules stage in one process (the
default engine; the gx engine cold, i.e. paying the import, and warm; the gx engine's parts: facts
table, SQLite file, GX validation), and the whole `disclosure-audit run` wall time of each engine
(fresh processes, same --jobs). Also checks that both engines gave the same findings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "disclosure_audit.cli"]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import great_expectations; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def cli_run(src: Path, out: Path, engine: str, jobs: int) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    cmd = [*CLI, "run", str(src), "--out", str(out), "--no-history", "-q", "--jobs", str(jobs), "--engine", engine]
    t = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    took = time.perf_counter() - t
    if res.returncode not in (0, 1):
        raise SystemExit(f"run --engine {engine} failed ({res.returncode}): {res.stderr[-2000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    rows: list[tuple[str, str]] = []

    def note(what: str, seconds: float | str) -> None:
        value = f"{seconds:.2f} s" if isinstance(seconds, float) else seconds
        rows.append((what, value))
        print(f"{what}: {value}", flush=True)

    imports = [import_time() for _ in range(3)]
    note("import great_expectations (fresh process, median of 3)", statistics.median(imports))

    with tempfile.TemporaryDirectory(prefix="bench-gx-") as tmp:
        src = Path(tmp) / "corpus"
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--count", str(args.count)]
        subprocess.run([*generate, "--seed", str(args.seed), "--out", str(src)], check=True, capture_output=True)
        from disclosure_audit.engine.gx_engine import GxEngine, _index, validate
        from disclosure_audit.engine.runner import run_rules, scope
        from disclosure_audit.pipeline import extract_all, find_inputs
        from disclosure_audit.rules.loader import load_rules
        from disclosure_audit.templates import get_templates
        from disclosure_audit.warehouse.facts import facts_frame, write_sqlite

        rules_dir = ROOT / "rules"
        templates = get_templates(rules_dir)
        rules, _ = load_rules(rules_dir)
        (reports, _), took = timed(lambda: extract_all(find_inputs(src).files, src, rules_dir, jobs=args.jobs))
        note(f"extract {len(reports)} reports (--jobs {args.jobs})", took)
        (default, _), took = timed(lambda: run_rules(reports, rules, templates, rules_dir, isolate=True))
        note("rules stage, default engine", took)
        (gx_cold, ctx), took = timed(lambda: run_rules(reports, rules, templates, rules_dir, isolate=True, engine="gx"))
        note("rules stage, gx engine, cold (pays the GX import)", took)
        (gx_warm, ctx), took = timed(lambda: run_rules(reports, rules, templates, rules_dir, isolate=True, engine="gx"))
        note("rules stage, gx engine, warm (GX already imported)", took)
        same = [f.to_json() for f in default] == [f.to_json() for f in gx_cold] == [f.to_json() for f in gx_warm]
        note("findings identical (default vs gx)", f"{same} ({len(default)} findings, {len(ctx.broken_rules)} broken)")
        note("gx: SQL checks in the one validation", str(ctx.engine["checks"]))

        # the gx engine's parts, each alone
        facts, took = timed(lambda: facts_frame(reports, templates))
        note(f"gx part: facts table ({len(facts)} rows)", took)
        path = Path(tmp) / "facts.sqlite"
        _, took = timed(lambda: (write_sqlite(facts, path), _index(path)))
        note("gx part: write the SQLite file and its index", took)
        table_rules = [r for r in rules if not r.decl.after_waivers and scope(r, ctx)]
        checks, _, _ = GxEngine()._checks(table_rules, templates)
        _, took = timed(lambda: validate(checks, path))
        note("gx part: the GX validation (one checkpoint run)", took)

        for engine in ("default", "gx"):
            took = cli_run(src, Path(tmp) / f"out-{engine}", engine, args.jobs)
            note(f"whole `disclosure-audit run --engine {engine} --jobs {args.jobs}` (fresh process)", took)
        a, b = (json.loads((Path(tmp) / f"out-{e}" / "findings.json").read_text()) for e in ("default", "gx"))
        b["run"]["record"].pop("engine")
        note("findings.json identical but for run.record.engine", str(a == b))

    command = f"python benchmarks/bench_gx.py --count {args.count} --seed {args.seed} --jobs {args.jobs}"
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
    text = [
        "# `run --engine gx` against the default engine",
        "",
        f"Generated by `{command}` ({machine}; a shared machine, so take the numbers as rough). The corpus is",
        f"benchmarks/generate.py's, {args.count} reports, seed {args.seed}. Not a test: no threshold is checked.",
        "",
        "| measurement | result |",
        "|---|---:|",
        *(f"| {what} | {value} |" for what, value in rows),
        "",
    ]
    (ROOT / "benchmarks" / "bench_gx.md").write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    main()
