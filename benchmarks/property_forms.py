"""`python benchmarks/property_forms.py --out DIR [--count N] [--seed S]`: the hand-written table forms
of tests/test_reader_property.py (tsv, markdown, padded layout, reading order, crawler one-liner),
drawn from a seeded `random.Random` instead of hypothesis, so the same pages can be timed and compared
before and after a reader change (the crawler one-liner is the reader's worst case)."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_reader_property import LEAVES, crawler, layout, markdown, reading_order, tsv


def _count(rng: random.Random) -> int:
    pick = rng.randrange(3)
    return 0 if pick == 0 else rng.randint(0, 9) if pick == 1 else rng.randint(10, 400)


def draw_tables(rng: random.Random, blanks: bool) -> tuple[dict[str, list[str]], list[str]]:
    """The same construction as the property test's `tables` strategy (identities hold)."""
    leaves = {k: [_count(rng) for _ in range(6)] for k, _ in LEAVES}
    carried = [_count(rng) for _ in range(6)]
    carry_forward = [_count(rng) for _ in range(6)]
    rows: dict[str, list[int]] = {k: [*leaves[k], sum(leaves[k])] for k, _ in LEAVES}
    total = [sum(rows[k][j] for k, _ in LEAVES) for j in range(6)]
    total.append(sum(total))
    rows["total"] = total
    new = [max(total[j] + carry_forward[j] - carried[j], 0) for j in range(6)]
    carried = [total[j] + carry_forward[j] - new[j] for j in range(6)]
    rows["new"] = [*new, sum(new)]
    rows["carried_over"] = [*carried, sum(carried)]
    rows["carry_forward"] = [*carry_forward, sum(carry_forward)]
    cells = {k: [str(v) for v in vs] for k, vs in rows.items()}
    if blanks:
        for k in rng.sample(sorted(cells), rng.randint(0, 3)):
            cells[k][rng.randint(0, 6)] = ""
    groups = [[rng.randint(0, 30) for _ in range(4)] for _ in range(3)]
    appeals = [str(v) for g in groups for v in (*g, sum(g))]
    return cells, appeals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=10, help="pages per form")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    forms = {"tsv": (tsv, ".txt"), "markdown": (markdown, ".md"), "layout": (layout, ".txt")}
    forms |= {"reading_order": (reading_order, ".txt"), "crawler": (crawler, ".txt")}
    for i in range(args.count):
        for name, (render, suffix) in forms.items():
            t = draw_tables(rng, blanks=name != "crawler")
            (args.out / f"{name}_{i:03d}{suffix}").write_text(render(*t), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
