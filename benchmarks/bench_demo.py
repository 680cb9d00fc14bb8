"""Benchmark: the demo corpus (reports_in/, ~20 files) and CLI start-up, as a user runs them.

Not a test (timings vary with the machine and its load): prints wall and CPU seconds, median of N.
The demo run is timed three ways: with the rule-example cache cold (a fresh cache folder: the rule
pages' examples are run once), warm (the same folder again: the usual case), and with the cache off
(DISCLOSURE_AUDIT_CACHE=off). Targets: the warm demo run well under 2 s, `--help` under 0.5 s.

Usage: python benchmarks/bench_demo.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "disclosure_audit.cli"]


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU of the child) seconds for one run of the CLI."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([*CLI, *args], cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(label: str, samples: list[tuple[float, float]]) -> None:
    wall = statistics.median(w for w, _ in samples)
    cpu = statistics.median(c for _, c in samples)
    print(f"{label:<44} wall {wall:6.3f} s   cpu {cpu:6.3f} s   (median of {len(samples)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    n = ap.parse_args().runs
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu(s), load {os.getloadavg()[0]:.2f}")
    for args in (["--help"], ["run", "--help"]):
        report(f"disclosure-audit {' '.join(args)}", [timed(args) for _ in range(n)])
    with tempfile.TemporaryDirectory() as tmp:
        run = ["run", "reports_in", "--out", str(Path(tmp) / "out"), "--no-history", "-q"]
        cold = []
        for i in range(n):
            cold.append(timed(run, {"DISCLOSURE_AUDIT_CACHE": str(Path(tmp) / f"cache{i}")}))
        report("demo run, cache cold (first run of a rule set)", cold)
        warm = [timed(run, {"DISCLOSURE_AUDIT_CACHE": str(Path(tmp) / "cache0")}) for _ in range(n)]
        report("demo run, cache warm", warm)
        report("demo run, cache off", [timed(run, {"DISCLOSURE_AUDIT_CACHE": "off"}) for _ in range(n)])


if __name__ == "__main__":
    main()
