"""The checks each report passed, derived by the engine: a rule passed a report when it applied
(format version, readable), had something to check (a previous-year report for the cross-year
rules, a manifest row for META-MANIFEST) and produced no finding. The expected lists are written
out by hand from the rule files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from tests.conftest import RULES, demo_copy

DEMO = RULES.parent / "reports_in"

# 01: a clean 2022 report in the 2021 format, no earlier report of its agency, a manifest row
PASSED_01 = {
    "completeness": [
        "BLANK-CELL",
        "BLANK-TOTAL",
        "EXT-TABLE",
        "FMT-MIXED",
        "FMT-YEAR",
        "META-AGENCY",
        "META-TITLE",
        "SEC-EXTRA",
        "SEC-FEE-NOTE",
        "SEC-HEADING",
        "SEC-MISSING",
        "SEC-NUMBERING",
        "SEC-ORDER",
        "SEC-PROBLEMS",
        "SEC-WORDING",
    ],
    "accuracy": [
        "EXT-CELLS",
        "EXT-READ",
        "EXT-UNREAD",
        "META-MANIFEST",
        "NAR-APPEAL",
        "NAR-FEE",
        "NAR-OUTCOME",
        "NAR-PCT",
        "NAR-REQ",
        "NAR-SUM",
        "T2-21-INEQ",
        "T3-BAL",
        "T3-COLSUM",
        "T3-RESULT",
        "T4-SUM",
        "TXT-ENUM",
        "TXT-REPEAT",
        "UNIT-CONFLICT",
        "UNIT-FIXED",
        "UNIT-MISSING",
        "UNIT-NORMALISED",
        "VAL-INT",
        "VAL-NEG",
        "VAL-SUFFIX",
        "VAL-TEXT",
    ],
    "originality": ["COPY-AGENCY", "TXT-DUP"],
    "integrity": ["INT-ARTEFACT", "INT-LINK", "INT-SPAM"],
    "timeliness": ["META-DATE", "TIME-LATE"],
}
# the 2019-format rules, and the rules comparing with last year's report, which 01 does not have
FORMAT_ONLY_2019 = ["T2-19-DELTA", "T2-19-INEQ", "T2-19-XYEAR", "UNIT-MAGNITUDE"]
NEED_PREVIOUS = ["COPY-PREV", "COPY-TABLES", "T2-21-XYEAR", "T3-XYEAR"]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    src = demo_copy(tmp_path_factory.mktemp("demo"))
    return audit(src, RULES, as_of=date(2023, 6, 1))


def by_status(result, rid: str, status: str) -> list[str]:
    return [o.rule_id for o in result.checks[rid] if o.status == status]


def test_a_clean_report_passes_every_rule_that_applies_to_it(result):
    rid = "01_clean_qinghe_scjgj_2022.txt"
    assert result.findings_of(rid) == []
    passed = {
        cat: [o.rule_id for o in result.checks[rid] if o.status == "passed" and o.category == cat] for cat in PASSED_01
    }
    assert passed == PASSED_01
    assert sum(map(len, PASSED_01.values())) == 47
    assert by_status(result, rid, "not_applicable") == sorted(FORMAT_ONLY_2019 + NEED_PREVIOUS)
    reasons = {o.rule_id: o.reason[0] for o in result.checks[rid] if o.status == "not_applicable"}
    assert reasons["T2-19-DELTA"] == "本规则只适用于2019年格式的报告"
    assert reasons["T3-XYEAR"].startswith("没有同一机关上一年度的报告")


def test_rules_that_judge_the_waivers_file_or_unreadable_files_are_not_listed(result):
    listed = {o.rule_id for o in result.checks["01_clean_qinghe_scjgj_2022.txt"]}
    assert not listed & {"WVR-EXPIRED", "WVR-UNUSED", "WVR-CONFIRM-UNUSED", "EXT-SCAN"}


def test_a_scan_passes_nothing(result):
    rid = "12_scan_baiyuwan_2022.pdf"
    assert by_status(result, rid, "passed") == []
    assert by_status(result, rid, "failed") == ["EXT-SCAN"]
    reasons = {o.reason[0] for o in result.checks[rid] if o.status == "not_applicable"}
    assert reasons == {"报告无法作为文本读取，内容未能审查"}


def test_cross_year_rules_pass_only_with_a_previous_report(result):
    # 13 (白石县水利局 2022) has its 2021 report (14) in the run; 14 has no 2020 report
    assert "T3-XYEAR" in by_status(result, "13_baishi_slj_2022.txt", "passed")
    assert {"T2-21-XYEAR", "COPY-PREV", "COPY-TABLES"} <= set(by_status(result, "13_baishi_slj_2022.txt", "failed"))
    assert {"T3-XYEAR", "T2-21-XYEAR", "COPY-PREV"} <= set(
        by_status(result, "14_baishi_slj_2021.txt", "not_applicable")
    )
    # 14 has no manifest row: nothing for META-MANIFEST to compare
    assert "META-MANIFEST" in by_status(result, "14_baishi_slj_2021.txt", "not_applicable")
    assert "META-MANIFEST" in by_status(result, "01_clean_qinghe_scjgj_2022.txt", "passed")


def test_failed_and_not_evaluable_outcomes_follow_the_findings(result):
    rid = "06_qinghe_jytyj_2021.txt"
    # T3-COLSUM failed in one row and could not be checked elsewhere: it failed
    assert {"T3-COLSUM", "T3-RESULT", "VAL-NEG", "BLANK-CELL", "TXT-DUP", "NAR-OUTCOME"} == set(
        by_status(result, rid, "failed")
    )
    assert by_status(result, "10_wangjiang_tjj_2020.txt", "not_evaluable") == ["T2-19-DELTA", "T2-19-INEQ"]


def test_checks_are_in_findings_json(result, tmp_path):
    write_outputs(result, tmp_path)
    doc = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    (rep,) = [r for r in doc["reports"] if r["report_id"] == "01_clean_qinghe_scjgj_2022.txt"]
    assert [c["rule_id"] for c in rep["checks"] if c["status"] == "passed"] == sorted(
        r for rules in PASSED_01.values() for r in rules
    )
    t3x = next(c for c in rep["checks"] if c["rule_id"] == "T3-XYEAR")
    assert t3x["status"] == "not_applicable" and set(t3x["reason"]) == {"zh", "en"}
    assert doc["run"]["as_of"] == "2023-06-01"
