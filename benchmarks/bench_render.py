"""Benchmark: where a full run's CPU goes with `--jobs 1` and `--jobs N`, stage by stage.

Not a test: prints numbers. On a shared machine wall times are noise; the CPU of the main process and
of the worker processes (reaped children) per stage is what explains a `--jobs` ratio: the part the
main process does alone bounds the speed-up.

Usage: python benchmarks/bench_render.py REPORTS_DIR [--jobs 1 2]
(make a corpus with: python benchmarks/generate.py --count 1000 --seed 1 --out DIR)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import os, sys, tempfile, time
from pathlib import Path
from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs

def snap():
    t = os.times()
    return time.perf_counter(), t.user + t.system, t.children_user + t.children_system

src, jobs, rules = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
a = snap()
res = audit(src, rules, jobs=jobs)
b = snap()
write_outputs(res, Path(tempfile.mkdtemp(prefix="bench-render-")), "zh", jobs)
c = snap()
for name, x, y in (("audit", a, b), ("outputs", b, c), ("total", a, c)):
    print(f"  {name:8s} wall {y[0]-x[0]:7.2f} s  main cpu {y[1]-x[1]:6.2f} s  workers cpu {y[2]-x[2]:6.2f} s")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("reports_dir", type=Path)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    for jobs in args.jobs:
        print(f"--jobs {jobs} (load {os.getloadavg()[0]:.1f}):")
        t = time.perf_counter()
        cmd = [sys.executable, "-c", CHILD, str(args.reports_dir), str(jobs), str(ROOT / "rules")]
        subprocess.run(cmd, env=env, check=True)
        print(f"  process  wall {time.perf_counter() - t:7.2f} s")


if __name__ == "__main__":
    main()
