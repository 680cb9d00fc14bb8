"""Random but consistent table figures for a generated report, in the demo model's terms
(tools/demo_model.py: `Requests` leaves, 二 and 四; 表四's three groups of four outcomes; 表二's printed
cells). 表三's 一, （七）总计 and the 总计 column, and 表四's totals, are computed by the demo model, so
every identity of the format holds by construction (report-format.md §1.6: T3-BAL, T3-RESULT, T3-COLSUM,
T4-SUM); 表二 is drawn inside its inequalities (T2-21-INEQ 制发 ≤ 现行有效 + 废止, T2-19-INEQ 新公开 ≤
对外公开总数量, T2-19-DELTA 上一年项目数量 + 本年增/减 ≥ 0) and its money in 万元 within a plausible
amount per procurement project (UNIT-MAGNITUDE)."""

from __future__ import annotations

import random

from demo_model import LEAVES, Requests

Six = tuple[int, int, int, int, int, int]

# how often each 办理结果 occurs (relative weights; a leaf absent here is drawn rarely)
LEAF_WEIGHTS = {
    "granted": 40,
    "partial": 8,
    "denied.4": 2,
    "denied.5": 1,
    "denied.6": 2,
    "denied.7": 1,
    "unable.1": 14,
    "unable.2": 3,
    "unable.3": 2,
    "not_processed.1": 3,
    "not_processed.2": 2,
    "not_processed.5": 1,
    "other": 4,
    "other.1": 3,
    "other.3": 2,
}
SCALE = {"部门": (0, 90), "政府": (10, 400), "乡镇街道": (0, 25)}  # applications by natural persons


def _split(total: int, weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    """`total` shared out over the keys by weight (each unit drawn at random; small totals)."""
    keys = list(weights)
    out = dict.fromkeys(keys, 0)
    for k in rng.choices(keys, weights=[weights[k] for k in keys], k=total):
        out[k] += 1
    return out


def requests(template: str, level: str, rng: random.Random) -> Requests:
    leaves = LEAVES[template]
    weights = {k: LEAF_WEIGHTS.get(k, 0.3) * rng.uniform(0.3, 1.7) for k in leaves}
    lo, hi = SCALE[level]
    natural = rng.randint(lo, hi)
    per_col = [
        natural,
        rng.randint(0, max(1, natural // 6)),
        rng.choice((0, 0, 0, rng.randint(0, 3))),
        rng.choice((0, 0, 0, 0, 1)),
        rng.choice((0, 0, 0, rng.randint(0, 2))),
        rng.choice((0, 0, rng.randint(0, 4))),
    ]
    columns = [_split(n, weights, rng) for n in per_col]
    table = {k: tuple(col[k] for col in columns) for k in leaves}
    handled = [sum(col.values()) for col in columns]
    carried = tuple(min(h, rng.choice((0, 0, rng.randint(0, 1 + h // 8)))) for h in handled)
    forward = tuple(rng.choice((0, 0, rng.randint(0, 1 + h // 8))) for h in handled)
    return Requests(
        leaves={k: v for k, v in table.items() if any(v)},
        carried_over=carried,  # type: ignore[arg-type]
        carry_forward=forward,  # type: ignore[arg-type]
    )


def appeals(level: str, rng: random.Random) -> tuple[tuple[int, int, int, int], ...]:
    big = 6 if level == "政府" else 3

    def group(n: int) -> tuple[int, int, int, int]:
        if not n:
            return (0, 0, 0, 0)
        s = _split(n, {"upheld": 6, "corrected": 1, "other": 1, "pending": 2}, rng)
        return (s["upheld"], s["corrected"], s["other"], s["pending"])

    return (
        group(rng.choice((0, 0, rng.randint(0, big)))),
        group(rng.choice((0, 0, 0, rng.randint(0, big)))),
        group(rng.choice((0, 0, 0, 0, rng.randint(0, 2)))),
    )


def wan(rng: random.Random, lo: float, hi: float) -> str:
    """An amount in 万元 as printed: two decimals at most, no trailing zeros."""
    text = f"{rng.uniform(lo, hi):.2f}".rstrip("0").rstrip(".")
    return text if text != "0" else "0.5"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def active(
    template: str, level: str, rng: random.Random, *, procurement_unit_in_cell: bool
) -> dict[str, tuple[str, ...]]:
    """表二's printed cells, row key → cells in column order (tools/demo_model.py ACTIVE_BLOCKS)."""
    dept = level == "部门"
    rules_made = rng.randint(0, 3) if level == "政府" else 0
    rules_force = rules_made + (rng.randint(0, 20) if level == "政府" else 0)
    norm_made = rng.randint(0, 12)
    licensing = rng.randint(0, 3000 if dept else 200)
    penalty = rng.randint(0, 800 if dept else 40)
    coercion = rng.randint(0, penalty // 5 + 1)
    if template == "2021":
        repealed = rng.randint(0, 5)
        return {
            "rules": (str(rules_made), str(rng.randint(0, min(1, rules_force))), str(rules_force)),
            "normative": (str(norm_made), str(repealed), str(norm_made + rng.randint(0, 60))),
            "licensing": (str(licensing),),
            "penalty": (str(penalty),),
            "coercion": (str(coercion),),
            "fees": (wan(rng, 0.1, 900) if dept and rng.random() < 0.6 else "0",),
        }

    def items() -> tuple[str, str]:
        prev = rng.randint(0, 120)
        return str(prev), _signed(rng.randint(-min(prev, 10), 12))

    projects = rng.randint(0, 40)
    amount = wan(rng, 0.5 * projects, 300.0 * projects) if projects else "0"
    if procurement_unit_in_cell:
        amount += "万元"
    pub = norm_made
    return {
        "rules": (str(rules_made), str(rules_made), str(rules_force)),
        "normative": (str(norm_made), str(pub), str(pub + rng.randint(0, 80))),
        "licensing": (*items(), str(licensing)),
        "other_services": (*items(), str(rng.randint(0, 300))),
        "penalty": (*items(), str(penalty)),
        "coercion": (*items(), str(coercion)),
        "fees": items(),
        "procurement": (str(projects), amount),
    }
