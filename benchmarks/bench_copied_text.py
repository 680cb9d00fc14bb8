"""Benchmark: the copied-text rules (COPY-AGENCY, COPY-PREV, COPY-TABLES) on N synthetic reports.

Not a test: prints numbers. The synthetic reports are the demo reports' extracted text and tables
with perturbations, one agency per report pair (this year and last year):

* `distinct`: every paragraph has 35 % of its characters replaced at random, so reports made from the
  same demo report are no longer near-duplicates of each other (realistic: most reports are their
  own); then 5 % of the reports copy two paragraphs from another agency's report (the ground truth
  for COPY-AGENCY, reported as precision/recall), and every agency's two years share half the prose.
* `similar`: only 2 % of the characters are replaced, so every report is a near-duplicate of about
  N/13 others (the worst case for candidate generation: every LSH bucket is full).

For each scenario it also prints the size of the COPY-AGENCY findings as findings.json writes them
(total, largest finding, most sources kept in one finding): the evidence is bounded by `max_sources`.

`--lsh 10000,100000` compares the candidate search alone (MinHash signatures + LSH banding) of the
numpy code in `_copy_sketch.py` with the maintained `datasketch` library (MinHash.bulk + MinHashLSH,
`pip install datasketch`), on the paragraph units of that many synthetic reports (the demo reports'
paragraphs with 35 % of their characters replaced, 5 % of reports copying two paragraphs of another):
time, peak memory (each in a fresh child process) and the number of candidate pairs. See
benchmarks/lsh.md.

Usage: python benchmarks/bench_copied_text.py [--reports 2000] [--scenario distinct|similar|both]
       python benchmarks/bench_copied_text.py --lsh 10000,100000 [--impl numpy,datasketch]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from disclosure_audit.engine.runner import run_rules  # noqa: E402
from disclosure_audit.extract import extract_file  # noqa: E402
from disclosure_audit.model import Paragraph, Report  # noqa: E402
from disclosure_audit.rules.kinds import copied_text as ct  # noqa: E402
from disclosure_audit.rules.loader import load_rules  # noqa: E402
from disclosure_audit.templates import get_templates  # noqa: E402

RULES = ROOT / "rules"


def perturb(text: str, share: float, pool: str, rng: random.Random) -> str:
    chars = list(text)
    for i in rng.sample(range(len(chars)), int(len(chars) * share)):
        chars[i] = rng.choice(pool)
    return "".join(chars)


def synthetic(n: int, share: float, seed: int = 1) -> tuple[list[Report], set[tuple[str, str]]]:
    """n reports: n/2 agencies × (2022, 2021); returns the reports and the true (copier, source) pairs."""
    rng = random.Random(seed)
    base = [extract_file(f, RULES) for f in sorted((ROOT / "reports_in").glob("*.txt"))]
    base = [r for r in base if r.machine_readable and r.paragraphs]
    pool = "".join(sorted({c for r in base for p in r.paragraphs for c in p.text if "\u4e00" <= c <= "\u9fff"}))
    reports: list[Report] = []
    for i in range(n // 2):
        b = base[i % len(base)]
        agency = f"第{i:05d}号县{b.agency or '某局'}"
        this = [
            Paragraph(perturb(p.text, share, pool, rng), p.line, p.section) if p.section else p for p in b.paragraphs
        ]
        # last year: half the paragraphs as this year (reused), the other half perturbed again
        last = [
            p if k % 2 == 0 or not p.section else Paragraph(perturb(p.text, 0.35, pool, rng), p.line, p.section)
            for k, p in enumerate(this)
        ]
        day = 1 + rng.randrange(28)
        for year, paras, published in ((2022, this, f"2023-01-{day:02d}"), (2021, last, f"2022-01-{day:02d}")):
            reports.append(
                dataclasses.replace(
                    b,
                    report_id=f"s{i:05d}_{year}",
                    file=f"s{i:05d}_{year}.txt",
                    agency=agency,
                    year=year,
                    published=published,
                    paragraphs=list(paras),
                )
            )
    truth: set[tuple[str, str]] = set()
    this_year = [r for r in reports if r.year == 2022]
    for r in rng.sample(this_year, len(this_year) // 20):  # 5 %: copy two paragraphs of another agency
        src = rng.choice([s for s in this_year if s.agency != r.agency])
        own = [k for k, p in enumerate(r.paragraphs) if p.section]
        theirs = [p for p in src.paragraphs if p.section and len(p.text) >= 60]
        if len(own) < 2 or len(theirs) < 2:
            continue
        for k, p in zip(rng.sample(own, 2), rng.sample(theirs, 2), strict=True):
            r.paragraphs[k] = Paragraph(p.text, r.paragraphs[k].line, r.paragraphs[k].section)
        if src.published < r.published:
            truth.add((r.report_id, src.report_id))
        elif src.published == r.published:
            truth |= {(r.report_id, src.report_id), (src.report_id, r.report_id)}
        else:
            truth.add((src.report_id, r.report_id))
    return reports, truth


def phases(reports: list[Report], rule) -> dict[str, float]:
    """Time the steps of COPY-AGENCY separately (the whole rule is timed through the runner)."""
    p, out = rule.kind.params, {}
    t = time.perf_counter()
    units = [u for r in reports for u in ct.prose_units(r, p, rule.kind._boilerplate)]
    out["prepare units"] = time.perf_counter() - t
    t = time.perf_counter()
    sig = ct.unit_signatures(units, p.shingle, p.num_perm, p.seed)
    out["minhash"] = time.perf_counter() - t
    t = time.perf_counter()
    bands, rows = ct.lsh_bands(p.lsh_threshold, p.num_perm)
    cand = ct.lsh_candidates(sig, bands, rows, cap=p.bucket_cap)
    out["lsh"] = time.perf_counter() - t
    t = time.perf_counter()
    sims = [ct.jaccard(units[i].shingles(p.shingle), units[j].shingles(p.shingle)) for i, j in cand.tolist()]
    out["exact jaccard"] = time.perf_counter() - t
    out["units"] = len(units)
    out["candidates"] = len(cand)
    out["confirmed"] = sum(s >= p.similarity for s in sims)
    out["bands x rows"] = f"{bands} x {rows}"
    return out


def evidence_size(findings) -> str:
    """The COPY-AGENCY findings as findings.json holds them: total, largest finding, most sources."""
    sizes = [len(json.dumps(f.to_json(), ensure_ascii=False).encode()) for f in findings]
    kept = max((len(f.details["sources"]) for f in findings), default=0)
    total = max((f.details.get("sources_total", len(f.details["sources"])) for f in findings), default=0)
    return (
        f"findings.json share {sum(sizes) / 1e6:.1f} MB, largest finding {max(sizes, default=0) / 1e3:.0f} KB,"
        f" most sources in one finding: {kept} kept of {total}"
    )


# --- the candidate search alone: numpy MinHash/LSH vs datasketch -----------------------------------


def lsh_units(n_reports: int, seed: int = 1) -> list[str]:
    """Paragraph units (normalised text, as `_copy_units` shingles it) of n synthetic reports."""
    rng = random.Random(seed)
    rule = next(r for r in load_rules(RULES)[0] if r.spec.id == "COPY-AGENCY")
    p, bp = rule.kind.params, rule.kind._boilerplate
    base = [extract_file(f, RULES) for f in sorted((ROOT / "reports_in").glob("*.txt"))]
    base_units = [[u.norm for u in ct.prose_units(r, p, bp) if u.kind == "paragraph"] for r in base]
    base_units = [us for us in base_units if us]
    pool = "".join(sorted({c for us in base_units for u in us for c in u if "\u4e00" <= c <= "\u9fff"}))
    out: list[str] = []
    for i in range(n_reports):
        mine = [perturb(u, 0.35, pool, rng) for u in base_units[i % len(base_units)]]
        if out and rng.random() < 0.05:  # copies two paragraphs of an earlier report
            for k in rng.sample(range(len(mine)), min(2, len(mine))):
                mine[k] = out[rng.randrange(len(out))]
        out += mine
    return out


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def _numpy_lsh(units: list[str], p) -> int:
    sig = ct.minhash_signatures(units, p.shingle, p.num_perm, p.seed)
    bands, rows = ct.lsh_bands(p.lsh_threshold, p.num_perm)
    return len(ct.lsh_candidates(sig, bands, rows, cap=p.bucket_cap))


def _datasketch_lsh(units: list[str], p) -> int:
    from datasketch import MinHash, MinHashLSH

    k = p.shingle
    shingles = ([s[i : i + k].encode() for i in range(len(s) - k + 1)] if len(s) >= k else [s.encode()] for s in units)
    sigs = MinHash.bulk(shingles, num_perm=p.num_perm, seed=p.seed % 2**32)
    lsh = MinHashLSH(threshold=p.lsh_threshold, num_perm=p.num_perm)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sigs):
            session.insert(i, m, check_duplication=False)
    return sum(sum(1 for j in lsh.query(m) if j > i) for i, m in enumerate(sigs))


def _lsh_child(impl: str, units: list[str], queue) -> None:
    rule = next(r for r in load_rules(RULES)[0] if r.spec.id == "COPY-AGENCY")
    start = _rss_kb("VmRSS")
    t = time.perf_counter()
    pairs = (_numpy_lsh if impl == "numpy" else _datasketch_lsh)(units, rule.kind.params)
    queue.put((time.perf_counter() - t, (_rss_kb("VmHWM") - start) / 1024, pairs))


def lsh_compare(sizes: list[int], impls: list[str]) -> None:
    ctx = mp.get_context("fork")  # the child inherits the units: its peak RSS beyond them is the search's
    print("\n== candidate search alone (MinHash + LSH, paragraph units), each in a fresh process")
    print("| reports | units | implementation | time (s) | peak memory beyond the units (MB) | candidate pairs |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        units = lsh_units(n)
        for impl in impls:
            queue = ctx.Queue()
            proc = ctx.Process(target=_lsh_child, args=(impl, units, queue))
            proc.start()
            dt, mb, pairs = queue.get()
            proc.join()
            print(f"| {n:,} | {len(units):,} | {impl} | {dt:.1f} | {mb:.0f} | {pairs:,} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--scenario", choices=["distinct", "similar", "both"], default="both")
    ap.add_argument("--lsh", help="compare the candidate search with datasketch at these report counts")
    ap.add_argument("--impl", default="numpy,datasketch")
    args = ap.parse_args()
    if args.lsh:
        lsh_compare([int(x) for x in args.lsh.split(",")], args.impl.split(","))
        return
    templates = get_templates(RULES)
    rules = [r for r in load_rules(RULES)[0] if r.spec.id.startswith("COPY-")]
    agency_rule = next(r for r in rules if r.spec.id == "COPY-AGENCY")
    for scenario in ("distinct", "similar") if args.scenario == "both" else (args.scenario,):
        t = time.perf_counter()
        reports, truth = synthetic(args.reports, 0.35 if scenario == "distinct" else 0.02)
        print(f"\n== {scenario}: {len(reports)} reports (built in {time.perf_counter() - t:.1f} s)")
        for k, v in phases(reports, agency_rule).items():
            print(f"  COPY-AGENCY {k:>14}: {v:.2f} s" if isinstance(v, float) else f"  COPY-AGENCY {k:>14}: {v}")
        for rule in rules:
            t = time.perf_counter()
            findings, _ = run_rules(reports, [rule], templates)
            dt = time.perf_counter() - t
            failed = [f for f in findings if f.outcome == "failed"]
            print(f"  {rule.spec.id:<12} whole rule: {dt:6.2f} s, {len(failed)} findings")
            if rule.spec.id == "COPY-AGENCY":
                print(f"  COPY-AGENCY  {evidence_size(failed)}")
            if rule.spec.id == "COPY-AGENCY" and scenario == "distinct":
                # compared by agency: a source's previous-year report holds the same passages
                agency = {r.report_id: r.agency for r in reports}
                want = {(agency[a], agency[b]) for a, b in truth}
                got = {(agency[f.report_id], agency[s["report_id"]]) for f in failed for s in f.details["sources"]}
                hit = len(got & want)
                print(
                    f"  COPY-AGENCY  planted copies: {len(want)}; found {hit} (recall {hit / max(len(want), 1):.1%});"
                    f" other (copier, source) pairs reported: {len(got - want)}"
                )


if __name__ == "__main__":
    main()
