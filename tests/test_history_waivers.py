"""Two years in two runs: the carry-over check works from the history alone, `diff` reports what
changed, last year's score is shown; waivers waive, expire and go unused as documented."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

from disclosure_audit.pipeline import audit, record_history
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=RULES.parent, timeout=300)


def test_second_year_checked_against_first_year_run(tmp_path):
    y2019, y2020 = tmp_path / "2019", tmp_path / "2020"
    y2019.mkdir()
    y2020.mkdir()
    shutil.copy(DEMO / "20_yunling_zrzyj_2019.txt", y2019)
    shutil.copy(DEMO / "07_yunling_zrzyj_2020.txt", y2020)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    db = tmp_path / "history.sqlite"
    assert cli("run", str(y2019), "--out", str(out1), "--history", str(db), "-q").returncode == 0
    res = cli("run", str(y2020), "--out", str(out2), "--history", str(db), "-q")
    assert res.returncode == 0, res.stderr
    doc = json.loads((out2 / "findings.json").read_text(encoding="utf-8"))
    (rep,) = doc["reports"]
    xyear = [f for f in rep["findings"] if f["rule_id"] == "T3-XYEAR" and f["outcome"] == "failed"]
    assert {f["location"]["column"] for f in xyear} == {"natural", "total"}
    assert "2019年报告" in xyear[0]["message"]["zh"]
    # 2019 as in the demo (71.0); 2020 is the demo's 49.0 less 3 for BLANK-CELL, which no waivers file
    # waives here: 46.0, a change of −25.0
    assert rep["score"] == 46.0
    assert rep["previous_year"] == {"year": 2019, "score": 71.0, "grade": "合格", "source": "history", "change": -25.0}
    page = (out2 / "agencies" / "07_yunling_zrzyj_2020.txt.html").read_text(encoding="utf-8")
    assert 'id="previous-year"' in page
    # the exports take last year's score from the history too
    with (out2 / "ranking.csv").open(encoding="utf-8-sig", newline="") as fh:
        (row,) = csv.DictReader(fh)
    assert (row["得分"], row["上年得分"], row["较上年变化"]) == ("46.0", "71.0", "-25.0")


def test_a_history_written_with_stem_ids_still_serves_last_year(tmp_path):
    """Report ids were file stems (`20_yunling_zrzyj_2019`) before they became paths; the history
    finds last year by agency and year, so a database written then still gives the carry-over check
    its table and the page its previous score."""
    import sqlite3

    y2019, y2020 = tmp_path / "2019", tmp_path / "2020"
    y2019.mkdir()
    y2020.mkdir()
    shutil.copy(DEMO / "20_yunling_zrzyj_2019.txt", y2019)
    shutil.copy(DEMO / "07_yunling_zrzyj_2020.txt", y2020)
    db = tmp_path / "history.sqlite"
    record_history(audit(y2019, RULES, history_path=db), db)
    with sqlite3.connect(db) as con:  # as an older version wrote it
        for table in ("reports", "tables", "cells", "paragraphs", "findings"):
            con.execute(f"UPDATE {table} SET report_id = replace(report_id, '.txt', '')")
        assert con.execute("SELECT report_id FROM reports").fetchall() == [("20_yunling_zrzyj_2019",)]
    result = audit(y2020, RULES, history_path=db)
    rid = "07_yunling_zrzyj_2020.txt"
    assert result.previous_scores[rid] == {
        "year": 2019,
        "score": 71.0,
        "grade": "合格",
        "source": "history",
        "change": -25.0,
    }
    xyear = [f for f in result.findings if f.rule_id == "T3-XYEAR" and f.outcome == "failed"]
    assert {f.column for f in xyear} == {"natural", "total"}


def test_without_history_nothing_to_compare(tmp_path):
    shutil.copy(DEMO / "07_yunling_zrzyj_2020.txt", tmp_path)
    result = audit(tmp_path, RULES)
    assert not any(f.rule_id.endswith("XYEAR") for f in result.findings)


def test_diff_between_two_runs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(DEMO / "03_songxi_zhen_2020.txt", a / "r.txt")
    fixed = (DEMO / "03_songxi_zhen_2020.txt").read_text(encoding="utf-8").replace("5、 存在", "五、存在")
    (b / "r.txt").write_text(fixed, encoding="utf-8")
    for d, o in ((a, tmp_path / "oa"), (b, tmp_path / "ob")):
        assert cli("run", str(d), "--out", str(o), "--no-history", "-q").returncode == 0
    res = cli("diff", str(tmp_path / "oa"), str(tmp_path / "ob"), "--json")
    assert res.returncode == 0, res.stderr
    (d,) = json.loads(res.stdout)
    assert [f["rule_id"] for f in d["fixed"]] == ["SEC-NUMBERING"]
    assert d["new"] == [] and d["persisting"] and d["new_score"] > d["old_score"]
    text = cli("diff", str(tmp_path / "oa" / "findings.json"), str(tmp_path / "ob")).stdout
    assert "- SEC-NUMBERING" in text
    assert cli("diff", str(tmp_path / "nope"), str(tmp_path / "ob")).returncode == 2


def test_waivers(tmp_path):
    for name in ("07_yunling_zrzyj_2020.txt", "06_qinghe_jytyj_2021.txt", "05_wangjiang_jtysj_2022.txt"):
        shutil.copy(DEMO / name, tmp_path)
    shutil.copy(DEMO / "waivers.yaml", tmp_path)
    with_w = audit(tmp_path, RULES)
    (tmp_path / "waivers.yaml").unlink()
    without = audit(tmp_path, RULES)
    score = {s.report_id: s.score for s in with_w.scores}
    score0 = {s.report_id: s.score for s in without.scores}
    waived = [f for f in with_w.findings if f.waived]
    assert [(f.report_id, f.rule_id, f.table) for f in waived] == [
        ("07_yunling_zrzyj_2020.txt", "BLANK-CELL", "requests")
    ]
    assert waived[0].waived["approver"].startswith("云岭区")
    assert score["07_yunling_zrzyj_2020.txt"] > score0["07_yunling_zrzyj_2020.txt"], "a waived finding deducts nothing"
    assert any(
        f.rule_id == "BLANK-CELL" and f.table == "requests" for f in with_w.findings_of("07_yunling_zrzyj_2020.txt")
    )
    rules = {(f.report_id, f.rule_id) for f in with_w.findings}
    assert ("06_qinghe_jytyj_2021.txt", "WVR-EXPIRED") in rules
    assert ("06_qinghe_jytyj_2021.txt", "VAL-NEG") in rules, "an expired waiver waives nothing"
    assert ("05_wangjiang_jtysj_2022.txt", "WVR-UNUSED") in rules


def test_bad_waivers_file_is_named_with_line(tmp_path):
    shutil.copy(DEMO / "01_clean_qinghe_scjgj_2022.txt", tmp_path)
    (tmp_path / "waivers.yaml").write_text(
        "waivers:\n  - rule: BLANK-CELL\n    reason: 原因\n    approver: 某人\n    expires: someday\n", encoding="utf-8"
    )
    result = audit(tmp_path, RULES)
    assert result.rule_errors and result.rule_errors[0].line == 5 and "expires" in result.rule_errors[0].key
    assert result.scores[0].score == 100.0


def test_a_date_that_is_no_date_is_named_with_line_not_a_crash(tmp_path):
    """YAML reads 2099-13-31 as a timestamp and raised ValueError, which stopped the whole run."""
    shutil.copy(DEMO / "01_clean_qinghe_scjgj_2022.txt", tmp_path)
    (tmp_path / "waivers.yaml").write_text(
        "waivers:\n  - rule: BLANK-CELL\n    scope: {year: 2022}\n    reason: 原因\n    approver: 某人\n"
        "    expires: 2099-13-31\n",
        encoding="utf-8",
    )
    result = audit(tmp_path, RULES)
    assert [(e.line, e.key) for e in result.rule_errors] == [(6, "waivers.0.expires")]
    assert result.scores[0].score == 100.0
