"""Table rules compiled to SQL (gx/compile.py and the per-kind compilers): the queries' rows on
hand-written facts tables (expected rows written by hand), exact comparisons at 64-bit edges, the
rules that are not exported and why, and — the default engine being the reference — the compiled
checks over the demo reports' facts return exactly the instances behind the engine's findings."""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure_audit.gx.checks import CELL_ROWS, IDENTITY_FAILED, IDENTITY_NOT_EVALUABLE
from disclosure_audit.gx.compile import compile_rules
from disclosure_audit.gx.sql import le_products
from disclosure_audit.rules.loader import LoadedRule, load_rules, validate_params
from disclosure_audit.rules.spec import AppliesTo
from disclosure_audit.warehouse.facts import FACT_COLUMNS, FACT_NAMES, scaled_value
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"


@pytest.fixture(scope="module")
def loaded() -> dict[str, LoadedRule]:
    rules, errors = load_rules(RULES)
    assert errors == []
    return {r.spec.id: r for r in rules}


def make_rule(loaded, kind: str, params: dict, templates=("2019", "2021"), years=(None, None)) -> LoadedRule:
    spec = loaded["T3-BAL"].spec.model_copy(
        update={
            "id": "TEST-RULE",
            "kind": kind,
            "params": params,
            "applies_to": AppliesTo(templates=templates, years=years),
        }
    )
    return LoadedRule(spec=spec, params=validate_params(kind, params), file="test.yaml")


class Facts:
    """A facts table in an in-memory SQLite database, rows added one cell at a time."""

    def __init__(self) -> None:
        self.con = sqlite3.connect(":memory:")
        cols = ", ".join(f'"{c.name}" {c.sql}' for c in FACT_COLUMNS)
        self.con.execute(f'CREATE TABLE "facts" ({cols})')
        self.n = 0

    def add(self, rid, table, row, col, value=None, kind="number", *, rt="2021", t=None, year=2021, **kw):
        self.n += 1
        v = Decimal(value) if value is not None else None
        rec = {
            "fact_id": self.n,
            "report_id": rid,
            "report_template": rt,
            "year": year,
            "template": t or rt,
            "table_key": table,
            "row_key": row,
            "column_key": col,
            "kind": kind,
            "raw": value if value is not None else "",
            "value": float(v) if v is not None else None,
            "scaled": scaled_value(v) if v is not None else None,
            "unit": "",
            "header_unit": "",
            "format_unit": "",
            "col_type": "count",
            "is_total": 0,
            "table_found": 1,
            **kw,
        }
        self.con.execute(
            f'INSERT INTO "facts" ({", ".join(rec)}) VALUES ({", ".join("?" for _ in rec)})', list(rec.values())
        )
        return self

    def rows(self, rule: LoadedRule, templates, version: str, outcome: str, binding: int = 0) -> list[tuple]:
        checks, skipped = compile_rules([rule], templates)
        assert skipped == []
        (check,) = [c for c in checks if (c.version, c.outcome, c.binding) == (version, outcome, binding)]
        cur = self.con.execute(check.query.replace("{batch}", '"facts"'))
        assert tuple(d[0] for d in cur.description) == check.columns
        return cur.fetchall()


def requests_column(f: Facts, rid: str, col: str, new, carried, total, forward, **kw) -> None:
    for row, v in (("new", new), ("carried_over", carried), ("total", total), ("carry_forward", forward)):
        if v is None:
            continue  # no fact row: a missing cell
        kind, value = (v, None) if v in ("blank", "slash", "dash", "text") else ("number", v)
        f.add(rid, "requests", row, col, value, kind, **kw)


BAL = {"table": "requests", "per": "column", "lhs": "new + carried_over", "rhs": "total + carry_forward"}


def test_identity_failed_and_not_evaluable_rows(loaded, templates):
    f = Facts()
    requests_column(f, "a", "natural", "5", "1", "4", "2")  # 6 = 6
    requests_column(f, "a", "commercial", "5", "1", "4", "1")  # 6 ≠ 5
    requests_column(f, "a", "research", "blank", "slash", "3", None)  # blank, "/", no row
    requests_column(f, "a", "social", "10000000000000", "0", "0", "0")  # scaled NULL (beyond 64 bits)
    requests_column(f, "a", "legal", "9000000000000", "0", "0", "0")  # fits 64 bits, but 4 of them may not
    requests_column(f, "b", "natural", "5", "1", "4", "1", rt="2019")  # outside applies_to
    rule = make_rule(loaded, "identity", BAL, templates=("2021",))
    assert f.rows(rule, templates, "2021", "failed") == [("a", "commercial")]
    assert f.rows(rule, templates, "2021", "not_evaluable") == [
        ("a", "research", "new", "blank"),
        ("a", "research", "carried_over", "slash"),
        ("a", "research", "carry_forward", "missing"),
        ("a", "social", "new", "number"),
        ("a", "legal", "new", "number"),
    ]
    assert f.rows(rule, templates, "2019", "failed") == []


def test_identity_scope_is_the_reports_version_and_year_the_keys_the_tables(loaded, templates):
    f = Facts()
    requests_column(f, "mixed", "natural", "5", "1", "4", "1", rt="2019", t="2021", year=2020)
    requests_column(f, "old", "natural", "5", "1", "4", "1", rt="2019", year=2019)
    requests_column(f, "new", "natural", "5", "1", "4", "1", rt="2021", year=None)
    both = make_rule(loaded, "identity", BAL)
    assert f.rows(both, templates, "2021", "failed") == [("mixed", "natural"), ("new", "natural")]
    assert f.rows(both, templates, "2019", "failed") == [("old", "natural")]
    only2019 = make_rule(loaded, "identity", BAL, templates=("2019",))
    assert f.rows(only2019, templates, "2021", "failed") == [("mixed", "natural")]
    years = make_rule(loaded, "identity", BAL, years=(2020, 2021))  # a report without a year is out
    assert f.rows(years, templates, "2021", "failed") == [("mixed", "natural")]
    assert f.rows(years, templates, "2019", "failed") == []


def active_rows(f: Facts) -> None:
    for row, issued, in_force, repealed in (
        ("rules", "5", "3", "1"),  # 5 vs 4
        ("normative", "6", "3", "1"),  # 6 vs 4
        ("licensing", "2.5", "1", "0.4"),  # 2.5 vs 1.4
        ("penalty", "1", "5", "0"),  # 1 vs 5
        ("coercion", "2", "2", "0.5"),  # 2 vs 2.5
    ):
        for col, v in (("issued", issued), ("in_force", in_force), ("repealed", repealed)):
            f.add("a", "active", row, col, v)


INEQ = {"table": "active", "per": "row", "lhs": "issued", "rhs": "in_force + repealed"}


@pytest.mark.parametrize(
    ("op", "tolerance", "failing"),
    [
        ("<=", "0", ["rules", "normative", "licensing"]),
        ("<=", "1", ["normative", "licensing"]),  # 5 − 4 = 1 is within the tolerance, 1.1 is not
        (">=", "0", ["penalty", "coercion"]),
        (">=", "0.5", ["penalty"]),
        ("=", "0", ["rules", "normative", "licensing", "penalty", "coercion"]),
        ("=", "1.1", ["normative", "penalty"]),
    ],
)
def test_identity_operators_and_exact_tolerance(loaded, templates, op, tolerance, failing):
    f = Facts()
    active_rows(f)
    rule = make_rule(loaded, "identity", {**INEQ, "op": op, "tolerance": tolerance}, templates=("2021",))
    assert f.rows(rule, templates, "2021", "failed") == [("a", r) for r in failing]


def test_identity_over_and_constants(loaded, templates):
    f = Facts()
    active_rows(f)
    over = make_rule(
        loaded, "identity", {**INEQ, "op": "<=", "over": ["rules", "licensing", "penalty"]}, templates=("2021",)
    )
    assert f.rows(over, templates, "2021", "failed") == [("a", "rules"), ("a", "licensing")]
    # repealed + 1.5 = in_force: rules 2.5 ≠ 3, normative 2.5 ≠ 3, licensing 1.9 ≠ 1, penalty 1.5 ≠ 5,
    # coercion 2 = 2
    const = make_rule(loaded, "identity", {**INEQ, "lhs": "repealed + 1.5", "rhs": "in_force"}, templates=("2021",))
    assert f.rows(const, templates, "2021", "failed") == [
        ("a", r) for r in ("rules", "normative", "licensing", "penalty")
    ]
    # 2 + issued − 1 ≥ in_force + repealed + 0.6: rules 6 ≥ 4.6, normative 7 ≥ 4.6, licensing 3.5 ≥ 2.0,
    # penalty 2 < 5.6, coercion 3 ≥ 3.1 fails by 0.1
    params = {**INEQ, "lhs": "2 + issued - 1", "rhs": "in_force + repealed + 0.6", "op": ">="}
    both = make_rule(loaded, "identity", params, templates=("2021",))
    assert f.rows(both, templates, "2021", "failed") == [("a", "penalty"), ("a", "coercion")]


def test_identity_each_binding_has_its_own_queries(loaded, templates):
    f = Facts()
    cells = {
        "a": {"review": ("3", "1", "1", "1", "0"), "suit_direct": ("2", "1", "0", "0", "0")},
        "d": {"review": ("5", "2", "blank", "0", "0"), "suit_direct": ("0", "0", "0", "0", "0")},
    }
    for rid, groups in cells.items():
        for g, values in groups.items():
            for part, v in zip(("total", "upheld", "corrected", "other", "pending"), values, strict=True):
                kind, value = ("blank", None) if v == "blank" else ("number", v)
                f.add(rid, "appeals", "cases", f"{g}.{part}", value, kind)
    rule = make_rule(
        loaded,
        "identity",
        {
            "table": "appeals",
            "per": "row",
            "each": {"g": ["review", "suit_direct"]},
            "lhs": "{g}.total",
            "rhs": "{g}.upheld + {g}.corrected + {g}.other + {g}.pending",
        },
    )
    assert f.rows(rule, templates, "2021", "failed", 0) == []
    assert f.rows(rule, templates, "2021", "not_evaluable", 0) == [("d", "cases", "review.corrected", "blank")]
    assert f.rows(rule, templates, "2021", "failed", 1) == [("a", "cases")]
    assert f.rows(rule, templates, "2021", "not_evaluable", 1) == []


def test_non_empty_totals_and_others(loaded, templates):
    f = Facts()
    f.add("a", "requests", "total", "natural", None, "blank", is_total=1)
    f.add("a", "requests", "new", "total", None, "slash", is_total=1)
    f.add("a", "requests", "granted", "total", None, "dash", is_total=1)
    f.add("a", "requests", "carried_over", "total", None, "missing", is_total=1)  # the reader's finding
    f.add("a", "requests", "partial", "total", "0", is_total=1)  # zero is a number
    f.add("a", "requests", "new", "natural", None, "blank")
    f.add("a", "requests", "partial", "natural", None, "text")
    f.add("e", "requests", "total", "natural", None, "blank", is_total=1, table_found=0)
    totals = make_rule(loaded, "non_empty", {"cells": "totals"})
    assert f.rows(totals, templates, "2021", "failed") == [
        ("a", "requests", "total", "natural"),
        ("a", "requests", "new", "total"),
        ("a", "requests", "granted", "total"),
    ]
    others = make_rule(loaded, "non_empty", {"cells": "others", "kinds": ["blank", "missing"]})
    assert f.rows(others, templates, "2021", "failed") == [("a", "requests", "new", "natural")]


def test_values_checks(loaded, templates):
    f = Facts()
    f.add("a", "active", "rules", "issued", "-1")
    f.add("a", "active", "normative", "issued", "0")
    f.add("a", "active", "fees", "amount", "-2.5", col_type="money")
    f.add("a", "active", "rules", "repealed", "-3", col_type="signed_count")
    f.add("a", "active", "licensing", "issued", "2.5")
    f.add("a", "active", "penalty", "issued", "3.000")
    f.add("a", "active", "coercion", "issued", "1.0000001")  # 7 decimals: scaled is NULL
    f.add("a", "active", "rules", "in_force", "-10000000000000")  # beyond 64 bits: scaled is NULL
    f.add("a", "active", "normative", "in_force", None, "text", raw="无")
    f.add("a", "active", "licensing", "in_force", "4", unit="项")
    f.add("a", "active", "penalty", "in_force", "4", unit="元")

    def flagged(params):
        rows = f.rows(make_rule(loaded, "values", params), templates, "2021", "failed")
        return [(r[2], r[3]) for r in rows]

    assert flagged({"check": "non_negative", "types": ["count", "money"]}) == [("rules", "issued"), ("fees", "amount")]
    assert flagged({"check": "integer", "types": ["count"]}) == [("licensing", "issued")]
    assert flagged({"check": "numeric", "types": ["count"]}) == [("normative", "in_force")]
    assert flagged({"check": "no_suffix", "types": ["count"]}) == [("licensing", "in_force")]
    assert flagged({"check": "non_negative", "types": ["count"], "tables": ["requests"]}) == []


def test_money_unit_checks(loaded, templates):
    f = Facts()
    money = {"col_type": "money"}
    f.add("nounit", "active", "fees", "amount", "5", **money)
    f.add("header", "active", "fees", "amount", "5", header_unit="万元", **money)
    f.add("format", "active", "fees", "amount", "5", format_unit="万元", **money)
    f.add("conflict", "active", "fees", "amount", "5", unit="元", header_unit="万元", **money)
    f.add("agree", "active", "fees", "amount", "5", unit="万元", header_unit="万元", format_unit="万元", **money)
    f.add("fixed_cell", "active", "fees", "amount", "5", unit="元", format_unit="万元", **money)
    f.add("fixed_head", "active", "fees", "amount", "5", header_unit="千元", format_unit="万元", **money)
    f.add("unfixed", "active", "fees", "amount", "5", unit="亿元", **money)
    f.add("blank", "active", "fees", "amount", None, "blank", **money)
    f.add("count", "active", "fees", "decisions", "5")

    def flagged(params):
        return [r[0] for r in f.rows(make_rule(loaded, "money_unit", params), templates, "2021", "failed")]

    assert flagged({"check": "missing"}) == ["nounit"]
    assert flagged({"check": "conflict"}) == ["conflict"]
    assert flagged({"check": "fixed"}) == ["fixed_cell", "fixed_head"]  # "conflict" has no format unit
    assert flagged({"check": "normalised"}) == ["conflict", "fixed_cell", "unfixed"]


def test_money_magnitude_exact(loaded, templates):
    f = Facts()
    for rid, amount, unit, items in (
        ("a", "5000000", "", "10"),  # 500000 万元 per item; in 元 50 万元: flagged
        ("b", "300", "", "10"),  # 30 万元 per item: plausible
        ("c", "5000000", "元", "10"),  # 50 万元 per item in the stated 元: plausible
        ("d", "0.5", "元", "1"),  # 0.00005 万元 in 元; 0.5 in 万元: flagged
        ("e", "5000000", "", "blank"),  # no item count
        ("f", "5000000", "", "0"),
        ("g", "0", "", "10"),
        ("h", "10000000000000", "", "1"),  # scaled is NULL: left to the engine
        ("i", "200000", "", "10"),  # exactly 20000 per item: the upper bound is plausible
        ("j", "200000.000001", "", "10"),  # 20000.0000001 per item: flagged
        ("k", "1000", "元", "1"),  # exactly 0.1 万元: the lower bound is plausible
        ("l", "999", "元", "1"),  # 0.0999 万元 in 元, 999 in 万元: flagged
        ("m", "5000000", "项", "10"),  # a unit with no factor: the engine has none either
        ("n", "5000000", "", "3"),  # 166.67 万元 per item in 元
        ("o", "-5000000", "", "10"),
    ):
        f.add(rid, "active", "procurement", "amount", amount, rt="2019", year=2020, col_type="money", unit=unit)
        kind, value = ("blank", None) if items == "blank" else ("number", items)
        f.add(rid, "active", "procurement", "projects", value, kind, rt="2019", year=2020)
    rule = make_rule(
        loaded,
        "money_unit",
        {"check": "magnitude", "per_item_range_wan": ["0.1", "20000"], "item_count": {"procurement": "projects"}},
    )
    assert [r[0] for r in f.rows(rule, templates, "2019", "failed")] == ["a", "d", "j", "l", "n"]


def test_le_products_is_exact_at_64_bit_edges():
    """x·p ≤ y·q decided in SQLite (whose integer products past 64 bits turn into floating point)
    equals Python's exact answer, for operands up to 2**63 − 1 and constants up to ~2**31."""
    rng = random.Random(12)
    con = sqlite3.connect(":memory:")
    top = 2**63 - 1
    for _ in range(3000):
        p, q = rng.choice([1, 3, 10, 1000, 2 * 10**8, 2**31 - 1]), rng.choice([1, 7, 10, 10**4, 2**30 + 1])
        x = rng.choice([rng.randrange(0, 100), rng.randrange(0, top), top, top - 1])
        # y near x·p/q, to hit the boundary
        target = x * p // q
        y = min(top, max(0, target + rng.choice([-1, 0, 1, 0, rng.randrange(-5, 5)])))
        got = con.execute(f"SELECT {le_products(str(x), p, str(y), q)}").fetchone()[0]
        assert bool(got) == (x * p <= y * q), (x, p, y, q)


def test_rules_of_other_kinds_are_not_exported_with_a_reason(loaded, templates):
    checks, skipped = compile_rules(list(loaded.values()), templates)
    exported = sorted({c.rule_id for c in checks})
    assert exported == sorted(
        [
            "T3-COLSUM",
            "T3-BAL",
            "T3-RESULT",
            "T4-SUM",
            "T2-19-DELTA",
            "T2-19-INEQ",
            "T2-21-INEQ",
            "BLANK-TOTAL",
            "BLANK-CELL",
            "VAL-INT",
            "VAL-NEG",
            "VAL-TEXT",
            "VAL-SUFFIX",
            "UNIT-MISSING",
            "UNIT-CONFLICT",
            "UNIT-FIXED",
            "UNIT-NORMALISED",
            "UNIT-MAGNITUDE",
        ]
    )
    why = {n.rule_id: n.reason_en for n in skipped}
    assert set(why) == set(loaded) - set(exported)
    assert why["T3-XYEAR"] == "compares with last year's report, which the facts table of one run does not hold"
    assert why["SEC-MISSING"] == "reads the report's text, not its figures"
    assert all(n.reason_zh and n.reason_en for n in skipped)
    # T2-19-INEQ names rows of the 2019 table 2 only: no 2021 query
    assert {c.version for c in checks if c.rule_id == "T2-19-INEQ"} == {"2019"}
    assert {(c.outcome, c.columns) for c in checks if c.kind == "identity"} == {
        ("failed", IDENTITY_FAILED),
        ("not_evaluable", IDENTITY_NOT_EVALUABLE),
    }
    assert {c.columns for c in checks if c.kind != "identity"} == {CELL_ROWS}
    assert len({c.name for c in checks}) == len(checks)


def test_a_kind_registered_at_runtime_is_not_exported(loaded, templates):
    from disclosure_audit.rules import registry
    from disclosure_audit.rules.params.non_empty import NonEmptyParams

    decl = registry.KindDecl(name="blank_plugin", params=NonEmptyParams, evaluator="x:Y")
    registry._LOADED["blank_plugin"] = decl  # what get_kind keeps after loading an entry point
    try:
        rule = make_rule(loaded, "blank_plugin", {"cells": "totals"})
        checks, skipped = compile_rules([rule], templates)
    finally:
        del registry._LOADED["blank_plugin"]
    assert checks == []
    assert [(n.rule_id, n.kind) for n in skipped] == [("TEST-RULE", "blank_plugin")]
    assert "blank_plugin" in skipped[0].reason_en and "blank_plugin" in skipped[0].reason_zh


def test_a_constant_finer_than_the_scale_is_not_exported(loaded, templates):
    rule = make_rule(loaded, "identity", {**INEQ, "tolerance": "0.0000001"}, templates=("2021",))
    checks, skipped = compile_rules([rule], templates)
    assert checks == [] and len(skipped) == 1 and "6 decimals" in skipped[0].reason_en


# ---- the default engine is the reference: the demo reports ----


def engine_instances(findings, rules: dict[str, LoadedRule]) -> dict[tuple[str, str], set]:
    """The instances behind the default engine's findings of the exportable rules: identity failed
    (binding, report, instance), identity not evaluable (report, instance count, the cells listed),
    cell rules (report, table, row, column)."""
    out: dict[tuple[str, str], set] = defaultdict(set)
    for f in findings:
        rule = rules[f.rule_id]
        if rule.spec.kind == "identity":
            p = rule.params
            if f.outcome == "failed":
                groups = [next(iter(b.values()), "") for b in p.bindings()]
                inst = f.row if p.per == "row" else f.column
                out[f.rule_id, f.outcome].add((groups.index(f.params["group"]), f.report_id, inst))
            else:
                cells = tuple((c.row, c.column) for c in f.cells)
                out[f.rule_id, f.outcome].add((f.report_id, f.params["count"], cells))
        else:
            out[f.rule_id, f.outcome] |= {(f.report_id, c.table, c.row, c.column) for c in f.cells}
    return out


def sql_instances(records, rules: dict[str, LoadedRule]) -> dict[tuple[str, str], set]:
    """The same view of SQL checks' rows; `records`: (rule id, kind, outcome, binding, rows) per
    check (the engine lists a report's not-evaluable instances of all bindings in one finding, at
    most 60 cells)."""
    out: dict[tuple[str, str], set] = defaultdict(set)
    not_eval: dict[tuple[str, str], list] = defaultdict(list)
    for rule_id, kind, outcome, binding, rows in records:
        key = (rule_id, outcome)
        if kind != "identity":
            out[key] |= {tuple(r) for r in rows}
        elif outcome == "failed":
            out[key] |= {(binding, rid, inst) for rid, inst in rows}
        else:
            per_column = rules[rule_id].params.per == "column"
            for rid, inst, operand, _kind in rows:
                cell = (operand, inst) if per_column else (inst, operand)
                not_eval[rule_id, rid].append((binding, inst, cell))
    for (rule_id, rid), items in not_eval.items():
        count = len({(b, inst) for b, inst, _ in items})
        out[rule_id, "not_evaluable"].add((rid, count, tuple(cell for _, _, cell in items)[:60]))
    return {k: v for k, v in out.items() if v}


def run_sqlite(db: Path, checks) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return [
            (c.rule_id, c.kind, c.outcome, c.binding, con.execute(c.query.replace("{batch}", '"facts"')).fetchall())
            for c in checks
        ]
    finally:
        con.close()


def test_compiled_checks_equal_the_default_engine_on_the_demo_reports(demo_facts, loaded, templates):
    result, db = demo_facts
    checks, _ = compile_rules(result.rules, templates)
    exported = {c.rule_id for c in checks}
    engine = engine_instances([f for f in result.findings if f.rule_id in exported], loaded)
    sql = sql_instances(run_sqlite(db, checks), loaded)
    assert sql == dict(engine)
    # the demo reports exercise every exportable kind, failed and not evaluable
    assert {loaded[r].spec.kind for r, _ in engine} == {"identity", "non_empty", "values", "money_unit"}
    assert {o for _, o in engine} == {"failed", "not_evaluable"}


def test_queries_do_not_use_what_breaks_portability(loaded, templates):
    """No `%` (a bind marker for psycopg2), no brace but `{batch}` (GX formats the query), no
    ORDER BY on text (collations differ between databases)."""
    checks, _ = compile_rules(list(loaded.values()), templates)
    for c in checks:
        assert "%" not in c.query
        assert c.query.replace("{batch}", "").count("{") == 0 and "}" not in c.query.replace("{batch}", "")
        order = c.query.rsplit("ORDER BY", 1)[1]
        assert "fact_id" in order or "first_fact" in order, c.name
        assert not any(name in order for name in FACT_NAMES if name not in ("fact_id",)), c.name
