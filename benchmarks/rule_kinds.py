"""CPU seconds per rule kind over one corpus, every rule over all its reports (the engine's own
evaluation, one kind at a time), and the stacked cell frame. Says which kinds a target is missed by.

    python benchmarks/rule_kinds.py CORPUS [--cache FILE]

`--cache`: an extraction cache (a run's OUT/cache.sqlite) to read the reports from instead of reading
them again.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from disclosure_audit.core.context import RunContext
from disclosure_audit.engine import runner
from disclosure_audit.extract_cache import ExtractCache
from disclosure_audit.pipeline import extract_all, find_inputs
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates

RULES = Path(__file__).resolve().parents[1] / "rules"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args()
    cache = ExtractCache(args.cache, RULES) if args.cache else None
    reports, _ = extract_all(find_inputs(args.corpus).files, args.corpus, RULES, jobs=2, cache=cache)
    if cache is not None:
        cache.close()
    templates = get_templates(RULES)
    rules = [r for r in load_rules(RULES)[0] if not r.preview and not r.decl.after_waivers]
    runner.run_rules(reports[:5], rules, templates, RULES, isolate=True)  # imports and first-use costs
    by_id = {r.report_id: r for r in sorted(reports, key=lambda r: r.report_id)}
    ctx = RunContext(reports=by_id, templates=templates, rules_dir=RULES)
    c = time.process_time()
    ctx.cells  # noqa: B018 (built on first use)
    frame = time.process_time() - c
    per: dict[str, float] = defaultdict(float)
    for rule in rules:
        c = time.process_time()
        runner._evaluate([rule], ctx, True)
        per[rule.spec.kind] += time.process_time() - c
    print(f"{len(reports)} reports; cell frame {frame:.2f} s")
    for kind, seconds in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"{kind:20s} {seconds:.2f}")
    print(f"total {frame + sum(per.values()):.2f} s CPU")


if __name__ == "__main__":
    main()
