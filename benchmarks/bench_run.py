"""Benchmark: CLI start-up, and a full audit of N copies of the demo reports (1 and 2 workers).

Not a test: prints numbers. Usage: python benchmarks/bench_run.py [--copies 200]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=200)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "disclosure_audit.cli"]
    starts = [timed([*exe, "--help"]) for _ in range(5)]
    print(f"cli start-up (--help), median of 5: {statistics.median(starts):.3f} s")
    demo = sorted((ROOT / "reports_in").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        n = 0
        for i in range(args.copies):
            for f in demo:
                shutil.copy(f, src / f"{f.stem}_{i:04d}.txt")
                n += 1
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            t = timed([*exe, "run", str(src), "--out", str(out), "-q", "--jobs", str(jobs)])
            print(f"full run, {n} reports, --jobs {jobs}: {t:.2f} s ({1000 * t / n:.1f} ms/report)")
        from disclosure_audit.engine.runner import run_rules
        from disclosure_audit.extract import extract_file
        from disclosure_audit.rules.loader import load_rules
        from disclosure_audit.templates import get_templates

        rules_dir = ROOT / "rules"
        templates = get_templates(rules_dir)
        rules, _ = load_rules(rules_dir)
        files = sorted(src.glob("*.txt"))
        t = time.perf_counter()
        reports = [extract_file(f, rules_dir) for f in files]
        t_extract = time.perf_counter() - t
        t = time.perf_counter()
        run_rules(reports, rules, templates)
        t_rules = time.perf_counter() - t
        print(
            f"in-process: extract {1000 * t_extract / n:.2f} ms/report; all {len(rules)} rules over all "
            f"{n} reports {t_rules:.2f} s ({1000 * t_rules / n:.2f} ms/report)"
        )


if __name__ == "__main__":
    main()
