"""Cross-year rules across the 2019 → 2021 format change, and a previous report from the history
giving the same result as the same report in the same run."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.history import History
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.pipeline import audit_reports, record_history
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
XYEAR = [r for r in load_rules(RULES)[0] if r.spec.kind == "cross_year"]
AGENCY = "云岭区自然资源局"


def report_2021(carried: str = "5", **extra):
    """A 2021 report (2021 format) whose 表三 二 is `carried` for 自然人 and 总计."""
    data = {
        "template": "2021",
        "year": 2021,
        "agency": AGENCY,
        "fill": "0",
        "tables": {"requests": {"carried_over": {"natural": carried, "total": carried}}},
        **extra,
    }
    return report_from_dict(data, TEMPLATES, report_id="r2021")


def report_2020(forward: str = "7", **extra):
    """Its 2020 report in the 2019 format, 表三 四 = `forward` for 自然人 and 总计."""
    data = {
        "template": "2019",
        "year": 2020,
        "agency": AGENCY,
        "fill": "0",
        "tables": {"requests": {"carry_forward": {"natural": forward, "total": forward}}},
        **extra,
    }
    return report_from_dict(data, TEMPLATES, report_id="r2020")


def xyear(reports, rule_id: str | None = None):
    findings, _ = run_rules(reports, XYEAR, TEMPLATES, RULES)
    return [
        (f.rule_id, f.outcome, f.column, f.message["zh"])
        for f in findings
        if f.report_id == "r2021" and (rule_id is None or f.rule_id == rule_id)
    ]


def test_carry_over_checked_against_a_2019_format_report():
    assert xyear([report_2021("5"), report_2020("7")], "T3-XYEAR") == [
        (
            "T3-XYEAR",
            "failed",
            col,
            f"表三“{label}”列：2021年“二、上年结转”为5，2020年报告“四、结转下年度继续办理”为7，差2（r2020.txt）",
        )
        for col, label in (("natural", "自然人"), ("total", "总计"))
    ]
    assert xyear([report_2021("7"), report_2020("7")], "T3-XYEAR") == []


def test_a_row_the_previous_format_lacks_is_not_evaluable_with_the_reason():
    """表二 现行有效件数 exists only in the 2021 format: the 2021-format rule says why it cannot compare."""
    (finding,) = xyear([report_2021("7"), report_2020("7")], "T2-21-XYEAR")
    _, outcome, _, message = finding
    assert outcome == "not_evaluable"
    assert message == (
        "无法核验“表二 现行有效件数与上年衔接（2021年版）”：2020年报告为2019年版格式，其表二没有“现行有效”，无法比对"
    )


def test_previous_table_not_found_is_not_evaluable():
    prev = report_from_dict(
        {"template": "2019", "year": 2020, "agency": AGENCY, "fill": "0", "tables_missing": ["requests"]},
        TEMPLATES,
        report_id="r2020",
    )
    (finding,) = xyear([report_2021("5"), prev], "T3-XYEAR")
    assert finding[1] == "not_evaluable"
    assert finding[3] == "无法核验“表三 上年结转 = 上一年度报告的结转下年度”：2020年报告未找到表三"


def _segmented(r):
    """The previous report's 四 自然人 read by arithmetic (separators lost): its findings need review."""
    t = r.tables["requests"]
    t.cells[("carry_forward", "natural")] = replace(t.cells[("carry_forward", "natural")], reading="segmented")
    return r


def _mixed():
    """A 2020 report (2019 format) whose 表三 was read with the 2021 rows."""
    r = report_2020("7", template="2021")
    r.template = "2019"
    r.tables["requests"].version = "2021"
    return r


CASES = {
    "differs": lambda: report_2020("7"),
    "table not found": lambda: report_from_dict(
        {"template": "2019", "year": 2020, "agency": AGENCY, "fill": "0", "tables_missing": ["requests"]},
        TEMPLATES,
        report_id="r2020",
    ),
    "reconstructed cell": lambda: _segmented(report_2020("7")),
    "mixed-format table": _mixed,
}


def _cross_year_findings(result):
    return sorted(
        (f.rule_id, f.outcome, f.table, f.row, f.column, f.message["zh"], f.arithmetic, str(f.review))
        for f in result.findings
        if f.report_id == "r2021" and f.rule_id in {r.spec.id for r in XYEAR} | {"COPY-TABLES", "COPY-PREV"}
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_previous_report_from_history_gives_the_same_result_as_in_the_run(tmp_path, case):
    together = audit_reports([report_2021("5"), CASES[case]()], tmp_path, RULES)
    db = tmp_path / "history.sqlite"
    record_history(audit_reports([CASES[case]()], tmp_path, RULES, history_path=db), db)
    alone = audit_reports([report_2021("5")], tmp_path, RULES, history_path=db)
    same_run, from_history = _cross_year_findings(together), _cross_year_findings(alone)
    assert same_run, "the case produces cross-year findings"
    assert from_history == same_run


def test_history_written_before_tables_were_stored_is_upgraded(tmp_path):
    """An older database (no tables, no reading columns) opens; its tables count as found when any
    cell was read."""
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript(
        """
        CREATE TABLE runs (run_id TEXT PRIMARY KEY, generated_at TEXT, reports_dir TEXT);
        CREATE TABLE reports (run_id TEXT, report_id TEXT, agency TEXT, agency_key TEXT, year INTEGER,
          template TEXT, file TEXT, published TEXT, level TEXT, region TEXT, score REAL, grade TEXT, rank INTEGER,
          PRIMARY KEY (run_id, report_id));
        CREATE TABLE cells (run_id TEXT, report_id TEXT, tbl TEXT, row TEXT, col TEXT, raw TEXT, kind TEXT,
          value TEXT, unit TEXT, line INTEGER);
        INSERT INTO runs VALUES ('old', '2021-02-01T00:00:00+00:00', 'x');
        INSERT INTO reports VALUES ('old', 'a', '云岭区自然资源局', '云岭区自然资源局', 2020, '2019', 'a.txt',
          NULL, NULL, NULL, 90, '优秀', 1);
        INSERT INTO cells VALUES ('old', 'a', 'requests', 'carry_forward', 'natural', '7', 'number', '7', NULL, 3);
        INSERT INTO cells VALUES ('old', 'a', 'appeals', 'cases', 'review.total', NULL, 'missing', NULL, NULL, NULL);
        """
    )
    con.commit()
    con.close()
    h = History(db)
    r = h.report_for(AGENCY, 2020)
    h.close()
    assert r is not None and r.machine_readable
    assert r.tables["requests"].found and not r.tables["appeals"].found
    assert r.tables["requests"].cell("carry_forward", "natural").value == 7
