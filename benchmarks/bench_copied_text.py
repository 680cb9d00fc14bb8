"""Benchmark: the copied-text rules (COPY-AGENCY, COPY-PREV, COPY-TABLES) on N synthetic reports.

Not a test: prints numbers. The synthetic reports are the demo reports' extracted text and tables
with perturbations, one agency per report pair (this year and last year):

* `distinct`: every paragraph has 35 % of its characters replaced at random, so reports made from the
  same demo report are no longer near-duplicates of each other (realistic: most reports are their
  own); then 5 % of the reports copy two paragraphs from another agency's report (the ground truth
  for COPY-AGENCY, reported as precision/recall), and every agency's two years share half the prose.
* `similar`: only 2 % of the characters are replaced, so every report is a near-duplicate of about
  N/13 others (the worst case for candidate generation: every LSH bucket is full).

Usage: python benchmarks/bench_copied_text.py [--reports 2000] [--scenario distinct|similar|both]
"""

from __future__ import annotations

import argparse
import dataclasses
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--scenario", choices=["distinct", "similar", "both"], default="both")
    args = ap.parse_args()
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
