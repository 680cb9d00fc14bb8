"""Benchmark: the rule engine alone (run_rules over the stacked frames) at 1k and 10k reports, and
the fixed cost of a run (one report, in a fresh process).

Not a test: prints seconds. The reports are extracted once from a generated corpus (kept as a
pickle beside it, so a re-run measures only the rules); 10k is the 1k extracted reports replicated
with distinct report ids and agency names (extracting 10k files would take far longer than the
rules, and the rules see the same kind of data). Identical copies are the worst case for the
copied-text rules, which therefore weigh more at 10k than on a real corpus.

Usage: python benchmarks/bench_rules.py [--corpus DIR] [--sizes 1000,10000] [--repeat 2] [--profile]
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import pickle
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"


def extracted(corpus: Path) -> list:
    """The corpus's reports, extracted once (jobs 2) and kept beside it in `CORPUS.reports.pickle`
    (not inside it: the folder stays a corpus a full run can be pointed at)."""
    from disclosure_audit.pipeline import extract_all, find_inputs

    cache = corpus.with_name(corpus.name + ".reports.pickle")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    t = time.perf_counter()
    reports, _ = extract_all(find_inputs(corpus).files, corpus, RULES, jobs=2)
    print(f"extracted {len(reports)} reports in {time.perf_counter() - t:.1f} s (kept in {cache})")
    cache.write_bytes(pickle.dumps(reports))
    return reports


def replicated(reports: list, n: int) -> list:
    """`n` reports: the extracted ones, then copies with a distinct id and agency per copy."""
    out = list(reports[:n])
    k = 0
    while len(out) < n:
        k += 1
        for r in reports[: n - len(out)]:
            c = copy.deepcopy(r)
            c.report_id = f"{r.report_id}-copy{k}"
            c.file = f"copy{k}/{r.file}"
            if c.agency:
                c.agency = f"{c.agency}第{k}分局"
            out.append(c)
    return out


def time_rules(reports: list, repeat: int, profile: bool) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each timed run. CPU time (the engine is one thread) is the figure to
    compare between runs on a shared machine: wall time there moves with the other processes."""
    from disclosure_audit.engine.runner import run_rules
    from disclosure_audit.rules.loader import load_rules
    from disclosure_audit.templates import get_templates

    templates = get_templates(RULES)
    rules = [r for r in load_rules(RULES)[0] if not r.preview]
    run_rules(reports[:5], rules, templates, RULES, isolate=True)  # evaluators imported, patterns compiled
    times = []
    for _ in range(repeat):
        prof = cProfile.Profile() if profile else None
        t, c = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        run_rules(reports, rules, templates, RULES, isolate=True)
        if prof:
            prof.disable()
        times.append((time.perf_counter() - t, time.process_time() - c))
        if prof:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return times


def fixed_cost(repeat: int) -> None:
    """A run over one demo report in a fresh process (imports, rule files, templates, examples from
    their cache, outputs), and the parts of it that are the rule engine's, timed in that process."""
    exe = [sys.executable, "-m", "disclosure_audit.cli"]
    one = ROOT / "reports_in" / "01_clean_qinghe_scjgj_2022.txt"
    probe = (
        "import time; t0 = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from disclosure_audit.pipeline import audit\n"
        "t1 = time.perf_counter()\n"
        f"audit(Path({str(one)!r}), Path({str(RULES)!r}))\n"
        "t2 = time.perf_counter()\n"
        "print(f'{t1 - t0:.3f} {t2 - t1:.3f}')\n"
    )
    runs, imports, audits, helps = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            t = time.perf_counter()
            subprocess.run(
                [*exe, "run", str(one), "--out", f"{tmp}/o{i}", "-q", "--no-history", "--jobs", "1"],
                check=False,
                capture_output=True,
            )
            runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            subprocess.run([*exe, "--help"], check=False, capture_output=True)
            helps.append(time.perf_counter() - t)
            out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
            a, b = out.stdout.split()
            imports.append(float(a))
            audits.append(float(b))
    med = statistics.median
    print(f"fixed cost: `run` of one report, fresh process: {med(runs):.2f} s (median of {repeat})")
    print(f"  of which pipeline import {med(imports):.2f} s, audit() of the one report {med(audits):.2f} s")
    print(f"  `--help` cold start: {med(helps):.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "bench-rules-c1k")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile of each timed run")
    ap.add_argument("--skip-fixed", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "ground_truth.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                "--count",
                "1000",
                "--seed",
                "1",
                "--out",
                str(args.corpus),
            ],
            check=True,
        )
    base = extracted(args.corpus)
    for n in (int(x) for x in args.sizes.split(",")):
        reports = replicated(base, n)
        times = time_rules(reports, args.repeat, args.profile)
        wall, cpu = min(t[0] for t in times), min(t[1] for t in times)
        print(
            f"rule engine, {n} reports: {cpu:.2f} s CPU, {wall:.2f} s wall, best of {len(times)} "
            f"({1000 * cpu / n:.2f} ms CPU/report; all wall/CPU: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in times)})"
        )
    if not args.skip_fixed:
        fixed_cost(args.repeat)


if __name__ == "__main__":
    main()
