"""Guard for reader speed work: the extraction must not change at all.

    python benchmarks/extract_equivalence.py snapshot DIR OUT [--full]
    python benchmarks/extract_equivalence.py diff OUT_BEFORE OUT_AFTER

`snapshot` reads every report of DIR in this process (`extract.extract_file`, one file at a time,
as a worker does) and writes OUT/reports.json.gz: per file the `repr` of the whole Report (every
field: lines, sections, paragraphs, cells, problems, metadata) or the error it raised, and the
CPU milliseconds it took (process time: less skewed by other processes on a shared machine).
With `--full` it also runs the CLI: `export facts --format sqlite` → OUT/facts.sqlite and
`run --no-history` (SOURCE_DATE_EPOCH=0) → OUT/run/findings.json.
`diff` compares two snapshots and prints the first differences (exit 1 when any), and the time per
report before and after. The Report repr is the strictest of the three: facts and findings are
derived from the Reports alone."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def snapshot(src: Path, out: Path, full: bool) -> int:
    from disclosure_audit.extract import extract_file
    from disclosure_audit.pipeline import find_inputs

    rules = ROOT / "rules"
    out.mkdir(parents=True, exist_ok=True)
    found = find_inputs(src)
    files = sorted(found.files)
    reports: dict[str, dict] = {}
    extract_file(files[0], rules)  # templates loaded and imports done before timing
    t_all = time.process_time()
    for path in files:
        t0 = time.process_time()
        try:
            got = repr(extract_file(path, rules))
        except Exception as exc:  # the error itself is what is compared
            got = f"ERROR {type(exc).__name__}: {exc}"
        reports[str(path.relative_to(src))] = {"repr": got, "ms": (time.process_time() - t0) * 1000}
    total = time.process_time() - t_all
    with gzip.open(out / "reports.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(reports, fh, ensure_ascii=False, sort_keys=True)
    print(f"{len(files)} files in {total:.2f} s: {total / len(files) * 1000:.2f} ms/report")
    if full:
        exe = ROOT / ".venv" / "bin" / "disclosure-audit"
        subprocess.run([exe, "export", "facts", "--format", "sqlite", "--out", out / "facts.sqlite", src], check=False)
        env = dict(os.environ, SOURCE_DATE_EPOCH="0")
        cmd = [exe, "run", src, "--out", out / "run", "-q", "--no-history", "--jobs", "2"]
        subprocess.run(cmd, env=env, check=False)
    return 0


def _first_diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at char {i}:\n    before …{a[max(0, i - 120) : i + 120]!r}\n    after  …{b[max(0, i - 120) : i + 120]!r}"


def _facts(path: Path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        return {t: con.execute(f"select * from {t}").fetchall() for t in tables}
    finally:
        con.close()


def diff(a: Path, b: Path) -> int:
    with gzip.open(a / "reports.json.gz", "rt", encoding="utf-8") as fh:
        ra = json.load(fh)
    with gzip.open(b / "reports.json.gz", "rt", encoding="utf-8") as fh:
        rb = json.load(fh)
    bad = 0
    for name in sorted(set(ra) | set(rb)):
        if name not in ra or name not in rb:
            print(f"{name}: only in {'after' if name in rb else 'before'}")
            bad += 1
        elif ra[name]["repr"] != rb[name]["repr"]:
            bad += 1
            if bad <= 5:
                print(f"{name}: Report differs {_first_diff(ra[name]['repr'], rb[name]['repr'])}")
    common = sorted(set(ra) & set(rb))
    ma = [ra[n]["ms"] for n in common]
    mb = [rb[n]["ms"] for n in common]
    print(f"{len(common)} reports, {bad} differ")
    print(f"ms/report mean {statistics.fmean(ma):.2f} → {statistics.fmean(mb):.2f}, max {max(ma):.0f} → {max(mb):.0f}")
    if (a / "facts.sqlite").exists() and (b / "facts.sqlite").exists():
        fa, fb = _facts(a / "facts.sqlite"), _facts(b / "facts.sqlite")
        for t in sorted(set(fa) | set(fb)):
            if fa.get(t) != fb.get(t):
                bad += 1
                rows_a, rows_b = fa.get(t, []), fb.get(t, [])
                pairs = enumerate(zip(rows_a, rows_b, strict=False))
                k = next((i for i, (x, y) in pairs if x != y), min(len(rows_a), len(rows_b)))
                print(f"facts.{t} differs at row {k}: {rows_a[k : k + 1]} vs {rows_b[k : k + 1]}")
        print(f"facts: {sum(len(v) for v in fa.values())} rows compared")
    ja, jb = a / "run" / "findings.json", b / "run" / "findings.json"
    if ja.exists() and jb.exists():
        xa, xb = ja.read_text(encoding="utf-8"), jb.read_text(encoding="utf-8")
        if xa != xb:
            bad += 1
            print(f"findings.json differs {_first_diff(xa, xb)}")
        print(f"findings.json: {len(xa)} chars compared")
    print("IDENTICAL" if not bad else f"{bad} DIFFERENCES")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("src", type=Path)
    s.add_argument("out", type=Path)
    s.add_argument("--full", action="store_true", help="also export facts and run the audit through the CLI")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        return snapshot(args.src, args.out, args.full)
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
