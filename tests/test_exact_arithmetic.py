"""Numbers are compared exactly: identities, cross-year rules and narrative rules decide in exact
decimal, so the decision and the difference printed with it always agree (no "差 0" failure from
binary floating point, no pass for two integers beyond 2**53 that differ by one, no 28-digit
rounding in a sum or a percentage)."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.rules.kinds import _exact
from disclosure_audit.rules.loader import LoadedRule, load_rules, validate_params
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
RULE = {r.spec.id: r for r in load_rules(RULES)[0]}
BIG = 10**30


def requests(natural: dict[str, str], year: int = 2022, **extra) -> dict:
    """A 2021-format report whose 表三 is all zero but for the given 自然人 cells."""
    return {
        "template": "2021",
        "year": year,
        "fill": "0",
        "tables": {"requests": {row: {"natural": raw} for row, raw in natural.items()}},
        **extra,
    }


def findings(rule_id: str, data: dict, previous: dict | None = None, rule: LoadedRule | None = None):
    report = report_from_dict(data, TEMPLATES)
    reports = [report]
    if previous is not None:
        prev = {"agency": report.agency, "year": report.year - 1, "template": "2021", **previous}
        reports.append(report_from_dict(prev, TEMPLATES, report_id="prev"))
    out, _ = run_rules(reports, [rule or RULE[rule_id]], TEMPLATES, RULES)
    return [f for f in out if f.report_id == report.report_id]


# --- identities ------------------------------------------------------------------------------


def test_decimal_sum_that_balances_is_not_a_finding():
    # 9800694.54 + 7777.76 = 9808472.30 exactly; in binary floating point it is 9808472.300000001
    data = requests({"new": "9800694.54", "carried_over": "7777.76", "total": "9808472.30"})
    assert findings("T3-BAL", data) == []


def test_integers_beyond_float_precision_that_differ_by_one():
    # 9007199254740993 and 9007199254740992 are the same float
    data = requests({"new": "9007199254740993", "total": "9007199254740992"})
    (f,) = findings("T3-BAL", data)
    assert f.outcome == "failed"
    assert (
        f.arithmetic
        == "一+二 = 9007199254740993+0 = 9007199254740993; （七）+四 = 9007199254740992+0 = 9007199254740992; 差 1"
    )


def test_thirty_digit_sum_is_not_rounded():
    data = requests({"new": str(BIG), "carried_over": "1", "total": str(BIG)})
    (f,) = findings("T3-BAL", data)
    assert f.arithmetic.endswith(f"= {BIG + 1}; （七）+四 = {BIG}+0 = {BIG}; 差 1")


def test_tolerance_is_applied_exactly():
    rule = RULE["T3-BAL"]
    params = validate_params("identity", {**rule.params.model_dump(), "tolerance": "0.01"})
    tolerant = LoadedRule(rule.spec, params, rule.file, rule.rules_dir)
    at_limit = requests({"new": "100.01", "total": "100"})
    beyond = requests({"new": "100.011", "total": "100"})
    assert findings("T3-BAL", at_limit, rule=tolerant) == []
    (f,) = findings("T3-BAL", beyond, rule=tolerant)
    assert f.arithmetic.endswith("差 0.011")


def _decimal(n: int, places: int) -> Decimal:
    return Decimal(f"{n}E-{places}")


amounts = st.one_of(
    st.integers(min_value=0, max_value=10**40).map(Decimal),
    st.builds(_decimal, st.integers(min_value=0, max_value=10**20), st.integers(min_value=1, max_value=8)),
)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(
    new=amounts,
    carried=amounts,
    total=amounts,
    forward=amounts,
    tolerance=st.sampled_from(["0", "0.01", "1"]),
    near=st.booleans(),
)
def test_printed_difference_agrees_with_the_decision(new, carried, total, forward, tolerance, near):
    """No finding exactly when |lhs − rhs| ≤ tolerance; a finding's 差 is |lhs − rhs|, never 0."""
    with localcontext(prec=200):
        if near:  # make the two sides equal or almost equal: the interesting cases
            total = new + carried - forward + Decimal(tolerance) * (1 if total % 2 else 0)
            if total < 0:
                total, forward = Decimal(0), new + carried
        diff = abs(new + carried - total - forward)
    rule = RULE["T3-BAL"]
    tolerant = LoadedRule(
        rule.spec, validate_params("identity", {**rule.params.model_dump(), "tolerance": tolerance}), rule.file
    )
    raws = {"new": new, "carried_over": carried, "total": total, "carry_forward": forward}
    data = requests({k: format(v, "f") for k, v in raws.items()})
    found = findings("T3-BAL", data, rule=tolerant)
    assert bool(found) == (diff > Decimal(tolerance))
    for f in found:
        printed = Decimal(re.search(r"差 (\S+)$", f.arithmetic)[1])
        assert printed == diff and printed != 0
        assert f.params["diff"] == f.arithmetic.rsplit("差 ", 1)[1]


# --- cross-year ------------------------------------------------------------------------------


def test_cross_year_thirty_digit_values_are_not_rounded():
    data = requests({"carried_over": str(BIG + 1), "total": "0"})
    previous = {"fill": "0", "tables": {"requests": {"carry_forward": {"natural": str(BIG)}}}}
    xyear = [f for f in findings("T3-XYEAR", data, previous) if f.column == "natural"]
    assert [f.params["diff"] for f in xyear] == ["1"]
    assert xyear[0].params["this_value"] == str(BIG + 1) and xyear[0].params["last_value"] == str(BIG)


# --- narrative -------------------------------------------------------------------------------


def test_narrative_count_compares_thirty_digit_figures_exactly():
    data = requests(
        {"new": str(BIG + 1)},
        paragraphs=[f"全年新收政府信息公开申请{BIG}件。"],
    )
    data["tables"]["requests"]["new"]["total"] = str(BIG + 1)
    (f,) = findings("NAR-REQ", data)
    assert (f.expected, f.found) == (str(BIG + 1), str(BIG))


def test_narrative_percentage_is_rounded_from_the_exact_quotient():
    # 4999…9 (31 digits) ÷ 10**33 × 100 = 0.4999…9 %: 0% rounded or cut, never 1%. Rounding the
    # quotient to 28 digits first would make it 0.5% and round it up to the 1% the text states.
    num, den = 5 * 10**30 - 1, 10**33
    text = f"全年共收到政府信息公开申请{den}件，其中予以公开及部分公开{num}件，占1%。"
    (f,) = findings("NAR-PCT", {"template": "2021", "fill": "0", "paragraphs": [text]})
    assert (f.found, f.expected) == ("1%", "0%")
    assert f.arithmetic == f"{num} ÷ {den} × 100% = 0.50%; 正文 1%"


def test_percent_rounding_helper():
    assert _exact.percent(1, 8, 0) == Decimal(13)  # 12.5 rounds half up
    assert _exact.percent(1, 8, 0, cut=True) == Decimal(12)
    assert str(_exact.percent(2, 3, 2)) == "66.67"
    assert str(_exact.percent(1, 2, 2)) == "50.00"
