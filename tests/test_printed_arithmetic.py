"""Printed arithmetic with negative operands: a negative value after an operator is bracketed
(`6+(-1) = 5`), never printed as `6+-1` or `6--1`, in every kind that prints a sum."""

from __future__ import annotations

from decimal import Decimal

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.rules.kinds._common import fmt_term, signed_sum
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
RULES_BY_ID = {r.spec.id: r for r in load_rules(RULES)[0]}


def test_signed_sum_brackets_negative_operands():
    assert signed_sum([(1, 6), (1, -1)]) == "6+(-1)"
    assert signed_sum([(1, 6), (-1, -1)]) == "6-(-1)"
    assert signed_sum([(1, 6), (-1, 2)]) == "6-2"
    assert signed_sum([(1, -1), (1, 6)]) == "-1+6"
    assert signed_sum([(-1, -1), (1, 6)]) == "-(-1)+6"
    assert signed_sum([(1, Decimal("2.5")), (1, Decimal("-0.5"))]) == "2.5+(-0.5)"
    assert fmt_term(-3, False, 1) == "+(-3)"


def _findings(rule_id: str, reports):
    findings, _ = run_rules(reports, [RULES_BY_ID[rule_id]], TEMPLATES, RULES)
    return [f for f in findings if f.rule_id == rule_id]


def test_cross_year_prints_a_negative_change_in_brackets():
    """表二 上一年项目数量 6 in 2020; the 2019 report has 6 items and a change of -1: 6+(-1) = 5."""
    this = report_from_dict(
        {
            "template": "2019",
            "year": 2020,
            "agency": "云岭区自然资源局",
            "fill": "0",
            "tables": {"active": {"penalty": {"prev_items": "6"}}},
        },
        TEMPLATES,
        report_id="r2020",
    )
    last = report_from_dict(
        {
            "template": "2019",
            "year": 2019,
            "agency": "云岭区自然资源局",
            "fill": "0",
            "tables": {"active": {"penalty": {"prev_items": "6", "change": "-1"}}},
        },
        TEMPLATES,
        report_id="r2019",
    )
    [f] = [f for f in _findings("T2-19-XYEAR", [this, last]) if f.report_id == "r2020"]
    assert f.outcome == "failed"
    assert "= 6+(-1) = 5" in f.arithmetic, f.arithmetic
    assert "+-" not in f.arithmetic


def test_identity_prints_a_negative_operand_in_brackets():
    """表四 行政复议: 维持 3 + 纠正 -1 (a misprint) + 0 + 0 = 2, 总计 printed 3."""
    r = report_from_dict(
        {
            "template": "2021",
            "year": 2021,
            "fill": "0",
            "tables": {"appeals": {"cases": {"review.upheld": "3", "review.corrected": "-1", "review.total": "3"}}},
        },
        TEMPLATES,
        report_id="r",
    )
    [f] = [f for f in _findings("T4-SUM", [r]) if f.outcome == "failed"]
    assert "3+(-1)" in f.arithmetic, f.arithmetic
    assert "+-" not in f.arithmetic
