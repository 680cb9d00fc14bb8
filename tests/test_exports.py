"""Exports: findings.json against the shipped JSON Schema, and the ranking workbook (xlsx)."""

from __future__ import annotations

import copy
import csv
import dataclasses
import json
import re
import shutil
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from typing import get_args

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from disclosure_audit.ingest import SUPPORTED_SUFFIXES
from disclosure_audit.manifest import LEVELS
from disclosure_audit.pipeline import audit
from disclosure_audit.render.json_out import SCHEMA_VERSION, build_findings_doc, write_findings_json
from disclosure_audit.render.slugs import slug
from disclosure_audit.render.xlsx_out import (
    FIXED_TIMESTAMP,
    SHEETS,
    build_ranking_workbook,
    display_width,
    sheet_headers,
    write_ranking_xlsx,
)
from disclosure_audit.rules.spec import Category
from tests.conftest import RULES

REPORTS = RULES.parent / "reports_in"
ZH_SHEETS = ["排名", "问题", "规则统计", "地区汇总", "未能审查", "运行记录"]
EN_SHEETS = ["Ranking", "Findings", "Rules", "Regions", "Not audited", "Run record"]


@pytest.fixture(scope="module")
def result():
    return audit(REPORTS, RULES)


@pytest.fixture(scope="module")
def schema() -> dict:
    text = resources.files("disclosure_audit.render").joinpath("schema/findings.schema.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def doc(result, tmp_path_factory) -> dict:
    path = write_findings_json(result, tmp_path_factory.mktemp("json") / "findings.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def xlsx_zh(result, tmp_path_factory):
    path = write_ranking_xlsx(result, tmp_path_factory.mktemp("xlsx") / "ranking.xlsx")
    return load_workbook(path)


@pytest.fixture(scope="module")
def xlsx_en(result, tmp_path_factory):
    path = write_ranking_xlsx(result, tmp_path_factory.mktemp("xlsx_en") / "ranking.xlsx", lang="en")
    return load_workbook(path)


def _errors(validator, document) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def _a_finding(document) -> dict:
    return next(f for r in document["reports"] for f in r["findings"])


def _data(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def _is_number(value) -> bool:
    # xlsx has one numeric type: a score of 100.0 is stored as <v>100</v> and read back as int 100
    return isinstance(value, int | float) and not isinstance(value, bool)


def _records(ws) -> list[dict]:
    """Data rows as {header: value}."""
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, row, strict=True)) for row in _data(ws)]


def _column(ws, header: str) -> list:
    headers = [c.value for c in ws[1]]
    i = headers.index(header)
    return [row[i] for row in _data(ws)]


# --- findings.json schema -----------------------------------------------------------------------


def test_schema_ships_with_the_package(schema):
    assert resources.files("disclosure_audit.render").joinpath("schema/findings.schema.json").is_file()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA_VERSION in schema["$id"]
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_demo_findings_json_is_valid(doc, result, validator):
    assert _errors(validator, doc) == []
    from disclosure_audit.pipeline import discover

    files = discover(RULES.parent / "reports_in")
    assert len(doc["reports"]) == len(result.reports) == len(files) >= 12
    assert sum(len(r["findings"]) for r in doc["reports"]) == len(result.findings) > 0


def test_schema_rejects_an_unknown_severity(doc, validator):
    bad = copy.deepcopy(doc)
    _a_finding(bad)["severity"] = "fatal"
    errors = _errors(validator, bad)
    assert errors and any("severity" in e for e in errors)


def test_schema_rejects_a_finding_without_rule_id(doc, validator):
    bad = copy.deepcopy(doc)
    del _a_finding(bad)["rule_id"]
    errors = _errors(validator, bad)
    assert errors and any("'rule_id' is a required property" in e for e in errors)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["reports"][0].__setitem__("surprise", 1),  # a new field the schema does not know
        lambda d: d["run"].pop("rule_errors"),
        lambda d: _a_finding(d).__setitem__("outcome", "passed"),
        lambda d: _a_finding(d).__setitem__("category", "style"),
        lambda d: _a_finding(d)["location"].__setitem__("page", 3),
        lambda d: _a_finding(d).__setitem__("rule_id", "lower-case"),
        lambda d: d["reports"][0].__setitem__("template", "2020"),
        lambda d: d["reports"][0].__setitem__("published", "22 Jan 2021"),
        lambda d: d["reports"][0].__setitem__("score", "100"),
        lambda d: d.__setitem__("schema_version", "2.0"),
    ],
)
def test_schema_catches_drift(doc, validator, mutate):
    bad = copy.deepcopy(doc)
    mutate(bad)
    assert _errors(validator, bad)


def test_schema_accepts_nulls_the_writer_may_emit(doc, validator):
    ok = copy.deepcopy(doc)
    report = ok["reports"][0]
    for key in ("agency", "title", "year", "level", "region", "url", "template", "published"):
        report[key] = None
    ok["run"]["legacy_converter"] = "/usr/bin/soffice"
    ok["run"]["unreadable_files"] = [{"file": "x.xyz", "message": "unsupported file type '.xyz'"}]
    ok["run"]["rule_errors"] = [{"file": "rules/checks/x.yaml", "line": 3, "key": "id", "message": "bad"}]
    assert _errors(validator, ok) == []


def test_schema_enums_follow_the_code(schema):
    defs = schema["$defs"]
    assert set(defs["category"]["enum"]) == set(get_args(Category))
    assert set(defs["level"]["enum"]) == {*LEVELS, None}
    formats = set(defs["source_format"]["enum"])
    assert {s.lstrip(".") for s in SUPPORTED_SUFFIXES} | {"txt"} <= formats


def test_schema_validates_a_document_built_in_memory(result, validator):
    document = json.loads(json.dumps(build_findings_doc(result), ensure_ascii=False))
    assert _errors(validator, document) == []


# --- ranking workbook ---------------------------------------------------------------------------


def test_sheet_names(xlsx_zh, xlsx_en):
    assert xlsx_zh.sheetnames == ZH_SHEETS == list(SHEETS["zh"].values())
    assert xlsx_en.sheetnames == EN_SHEETS == list(SHEETS["en"].values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sheet_has_frozen_bold_header_and_autofilter(lang, xlsx_zh, xlsx_en, result):
    wb = xlsx_zh if lang == "zh" else xlsx_en
    for key, ws in zip(SHEETS[lang], wb.worksheets, strict=True):
        headers = sheet_headers(result, lang)[key]
        assert [c.value for c in ws[1]] == headers
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{get_column_letter(len(headers))}{ws.max_row}"
        for i in range(1, len(headers) + 1):
            assert ws.column_dimensions[get_column_letter(i)].width >= 6


SCAN = "12_scan_baiyuwan_2022.pdf"


def test_ranking_sheet(xlsx_zh, result):
    ws = xlsx_zh["排名"]
    rows = _records(ws)
    assert len(rows) == len(result.scores) == len(result.reports)
    for row, s in zip(rows, result.scores, strict=True):
        r = result.reports[s.report_id]
        assert row["机关"] == r.agency and row["年度"] == r.year
        assert (row["错误"], row["警告"], row["提示"], row["无法核验"]) == (
            s.counts["error"],
            s.counts["warning"],
            s.counts["info"],
            s.counts["not_evaluable"],
        )
        assert all(type(row[k]) is int for k in ("错误", "警告", "提示", "无法核验"))
        assert row["文件"] == r.file
        if s.report_id == SCAN:
            continue
        assert row["年度名次"] == s.year_rank and isinstance(row["年度名次"], int)
        assert _is_number(row["得分"]) and row["得分"] == s.score
        assert row["等级"] == s.grade
        # 待复核: the findings awaiting review (a demo report read by column position has one)
        assert (row["状态"], row["待复核"], row["未能审查原因"], row["需向机关索取"]) == (
            "已审查",
            s.counts["needs_review"],
            None,
            None,
        )
    agencies = set(_column(ws, "机关"))
    assert "云岭区司法局" in agencies and "青禾县市场监督管理局" in agencies
    assert agencies - {None} == {r.agency for r in result.reports.values()} - {None}
    # newest year first, each year ranked from 1
    assert [row["年度"] for row in rows[:-1]] == sorted((row["年度"] for row in rows[:-1]), reverse=True)
    assert [row["年度名次"] for row in rows if row["年度"] == 2019] == [1]
    score_col = [c.value for c in ws[1]].index("得分") + 1
    assert ws.cell(row=2, column=score_col).number_format == "0.0"


def test_not_audited_report_has_no_score_or_rank_in_the_workbook(xlsx_zh, xlsx_en):
    """The scan is the last row: empty rank, score, grade and deduction cells, its status, the reason
    and what to ask for."""
    zh, en = _records(xlsx_zh["排名"])[-1], _records(xlsx_en["Ranking"])[-1]
    assert zh["文件"] == en["file"] == "12_scan_baiyuwan_2022.pdf"
    empty_zh = ("年度名次", "层级名次", "得分", "等级", "完整性扣分", "准确性扣分", "上年得分", "较上年变化")
    empty_en = ("year_rank", "level_rank", "score", "grade", "deducted_completeness", "previous_score", "change")
    assert [zh[k] for k in empty_zh] == [None] * len(empty_zh)
    assert [en[k] for k in empty_en] == [None] * len(empty_en)
    assert zh["状态"] == "未能审查" and en["status"] == "not audited"
    assert zh["未能审查原因"] == "报告无法作为文本读取（扫描件或无文本层的文件），内容无法审查"
    assert zh["需向机关索取"].startswith("请提供可复制文本的版本（非扫描件）")
    assert en["not_audited_reason"].startswith("The report cannot be read as text: a scan or a file with no text")
    assert en["ask_agency_for"].startswith("ask for a version with copyable text (not a scan)")
    statuses = _column(xlsx_zh["排名"], "状态")
    assert statuses == ["已审查"] * (len(statuses) - 1) + ["未能审查"]
    assert "未能审查" not in _column(xlsx_zh["排名"], "等级")


def test_not_audited_report_in_csv(result, tmp_path):
    from disclosure_audit.render.csv_out import write_ranking_csv

    path = write_ranking_csv(result, tmp_path / "ranking.csv")
    lines = path.read_text(encoding="utf-8-sig").strip().split("\n")
    assert lines[0].startswith("年度名次,层级名次,机关,层级,地区,年度,")
    assert lines[0].endswith(",文件,页面,状态,待复核,未能审查原因,需向机关索取")
    assert lines[-1] == (
        ",,白鹭湾街道办事处,乡镇街道,望江市,2022,,,,1,0,0,0,,,,,,,,12_scan_baiyuwan_2022.pdf,"
        "agencies/12_scan_baiyuwan_2022.pdf.html,未能审查,0,"
        "报告无法作为文本读取（扫描件或无文本层的文件），内容无法审查,"
        "请提供可复制文本的版本（非扫描件），如带文本层的PDF、Word文档或网页版"
    )


def test_not_audited_report_in_findings_json(doc, validator):
    (scan,) = [r for r in doc["reports"] if r["report_id"] == SCAN]
    assert (scan["status"], scan["score"], scan["rank"], scan["grade"], scan["passed"]) == (
        "not_audited",
        None,
        None,
        None,
        False,
    )
    assert scan["not_audited"]["code"] == "scan"
    assert scan["not_audited"]["zh"] == "报告无法作为文本读取（扫描件或无文本层的文件），内容无法审查"
    assert scan["deductions"] == [] and [f["rule_id"] for f in scan["findings"]] == ["EXT-SCAN"]
    assert doc["reports"][-1] is scan
    assert doc["run"]["not_audited"] == 1 and doc["run"]["audited"] == len(doc["reports"]) - 1
    others = [r for r in doc["reports"] if r is not scan]
    assert all(r["status"] == "audited" and r["not_audited"] is None and r["rank"] >= 1 for r in others)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.__setitem__("score", 70.0),  # a not-audited report never has a score
        lambda r: r.__setitem__("rank", 15),
        lambda r: r.__setitem__("passed", True),
        lambda r: r.__setitem__("grade", "合格"),
        lambda r: r.__setitem__("not_audited", None),
        lambda r: r["not_audited"].__setitem__("code", "other"),
    ],
)
def test_schema_keeps_a_not_audited_report_unscored(doc, validator, mutate):
    bad = copy.deepcopy(doc)
    mutate(next(r for r in bad["reports"] if r["report_id"] == SCAN))
    assert _errors(validator, bad)


def test_schema_requires_a_score_for_an_audited_report(doc, validator):
    bad = copy.deepcopy(doc)
    bad["reports"][0]["score"] = None
    assert _errors(validator, bad)


def test_ranking_links_to_agency_pages(xlsx_zh, result):
    ws = xlsx_zh["排名"]
    page_col = sheet_headers(result, "zh")["ranking"].index("页面") + 1
    for i, s in enumerate(result.scores, start=2):
        cell = ws.cell(row=i, column=page_col)
        expected = f"agencies/{slug(s.report_id)}.html"
        assert cell.value == expected
        assert cell.hyperlink is not None and cell.hyperlink.target == expected


def test_findings_sheet(xlsx_zh, result):
    ws = xlsx_zh["问题"]
    rows = _data(ws)
    assert len(rows) == len(result.findings) > 0
    assert Counter(_column(ws, "规则")) == Counter(f.rule_id for f in result.findings)
    ids = list(zip(_column(ws, "报告"), _column(ws, "问题编号"), strict=True))
    assert set(ids) == {(f.report_id, f.id) for f in result.findings}
    assert set(_column(ws, "严重程度")) <= {"错误", "警告", "提示"}
    assert set(_column(ws, "结果")) <= {"不符合", "无法核验"}
    assert all(v is None or type(v) is int for v in _column(ws, "行号"))
    by_id = {(f.report_id, f.id): f for f in result.findings}
    for key, message, raw in zip(ids, _column(ws, "说明"), _column(ws, "原文"), strict=True):
        assert message == by_id[key].message["zh"]
        assert raw == (by_id[key].raw or None)
    agencies = {result.reports[f.report_id].agency for f in result.findings}
    assert set(_column(ws, "机关")) == agencies


def test_rules_sheet(xlsx_zh, result):
    ws = xlsx_zh["规则统计"]
    rows = _data(ws)
    assert len(rows) == len(result.rules)
    assert [r[0] for r in rows] == sorted(rule.spec.id for rule in result.rules)
    failed = [r[5] for r in rows]
    not_evaluable = [r[6] for r in rows]
    assert sum(failed) == sum(1 for f in result.findings if f.outcome == "failed")
    assert sum(not_evaluable) == sum(1 for f in result.findings if f.outcome == "not_evaluable")
    assert all(_is_number(r[4]) for r in rows)
    assert all(type(v) is int for r in rows for v in r[5:8])
    by_rule = {r[0]: r for r in rows}
    for rule_id in {f.rule_id for f in result.findings}:
        assert by_rule[rule_id][7] == len({f.report_id for f in result.findings if f.rule_id == rule_id})


def test_regions_sheet(xlsx_zh, result):
    ws = xlsx_zh["地区汇总"]
    rows = _data(ws)
    groups = {(result.reports[s.report_id].region, result.reports[s.report_id].level) for s in result.scores}
    audited = [s for s in result.scores if s.audited]
    assert len(rows) == len(groups)
    assert sum(r[2] for r in rows) == len(audited) == len(result.scores) - 1
    assert sum(r[7] for r in rows) == 1  # the scan: counted apart, never in a mean
    assert sum(r[5] for r in rows) == sum(s.counts["error"] for s in audited)
    assert sum(r[6] for r in rows) == sum(s.counts["warning"] for s in audited)
    for r in rows:
        if r[2] == 0:
            assert r[3] is None and r[4] is None
            continue
        assert _is_number(r[3]) and 0 <= r[3] <= 100
        assert _is_number(r[4]) and 0 <= r[4] <= 1
    regions = {r[0] for r in rows}
    assert {rep.region for rep in result.reports.values() if rep.region} <= regions
    assert ws.cell(row=2, column=5).number_format == "0.0%"
    # the scan shares its group with 白鹭湾街道's 2021 report: the mean is that report's score alone
    (group,) = [r for r in rows if (r[0], r[1]) == ("望江市", "乡镇街道")]
    jiedao = next(s for s in result.scores if s.report_id == "08_untitled_jiedao_2021.txt")
    assert group[2:4] == (1, jiedao.score) and group[7] == 1


def test_english_workbook(xlsx_en, result):
    ws = xlsx_en["Ranking"]
    assert [c.value for c in ws[1]][:3] == ["year_rank", "level_rank", "agency"]
    assert _column(ws, "grade") == [s.grade_en for s in result.scores]
    assert _column(ws, "status") == ["audited" if s.audited else "not audited" for s in result.scores]
    findings = xlsx_en["Findings"]
    assert len(_data(findings)) == len(result.findings)
    assert set(_column(findings, "severity")) <= {"error", "warning", "info"}
    by_id = {(f.report_id, f.id): f for f in result.findings}
    ids = zip(_column(findings, "report_id"), _column(findings, "finding_id"), strict=True)
    assert [by_id[key].message["en"] for key in ids] == _column(findings, "message")


def test_column_widths_count_cjk_double(xlsx_zh, result):
    assert display_width("云岭区司法局") == 12
    assert display_width("abc") == 3
    longest = max(display_width(r.agency or "") for r in result.reports.values())
    assert xlsx_zh["排名"].column_dimensions["C"].width >= longest  # C: 机关


def test_workbook_bytes_are_reproducible(result, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = write_ranking_xlsx(result, tmp_path / "a.xlsx")
    b = write_ranking_xlsx(result, tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    props = load_workbook(a).properties
    assert props.creator == "disclosure-audit"
    assert props.created == FIXED_TIMESTAMP and props.modified == FIXED_TIMESTAMP


def test_source_date_epoch_sets_the_timestamp(result, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = write_ranking_xlsx(result, tmp_path / "r.xlsx")
    expected = datetime.fromtimestamp(1700000000, UTC).replace(tzinfo=None)
    props = load_workbook(path).properties
    assert props.created == expected and props.modified == expected


def test_report_text_is_never_a_formula_or_illegal_xml(result, tmp_path):
    f = dataclasses.replace(result.findings[0], raw='=HYPERLINK("x")\x07', message={"zh": "+1+1", "en": "@a"})
    hostile = dataclasses.replace(result, findings=[f, *result.findings[1:]])
    path = write_ranking_xlsx(hostile, tmp_path / "hostile.xlsx")
    ws = load_workbook(path)["问题"]
    raw = [c.value for c in ws[1]].index("原文") + 1
    raw_cells = [c for (c,) in ws.iter_rows(min_row=2, min_col=raw, max_col=raw) if c.value]
    # quoted (render/sheet_cells: OWASP CSV injection) so it stays inert when copied out or saved as CSV
    (hit,) = [c for c in raw_cells if c.value == '\'=HYPERLINK("x")\ufffd']
    assert hit.data_type == "s"
    message = [c.value for c in ws[1]].index("说明") + 1
    assert ws.cell(row=hit.row, column=message).value == "'+1+1"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_unknown_language_is_refused(result):
    with pytest.raises(ValueError, match="unknown language"):
        build_ranking_workbook(result, lang="fr")


def test_empty_run_still_gives_a_filterable_workbook(result, tmp_path):
    empty = dataclasses.replace(result, reports={}, findings=[], scores=[])
    wb = load_workbook(write_ranking_xlsx(empty, tmp_path / "empty.xlsx"))
    assert wb.sheetnames == ZH_SHEETS
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    # the run record keeps its 14 items (office, title, as-of, versions, hash, counts)
    assert [ws.max_row for ws in wb.worksheets] == [1, 1, 1 + len(result.rules), 1, 1, 1 + 14]
    assert all(r[5:8] == (0, 0, 0) for r in _data(wb["规则统计"]))


# --- per year, per category, last year, waivers, not audited, run record ------------------------

NATURAL = "07_yunling_zrzyj_2020.txt"  # 2020, 部门; its 2019 twin (20_…) is in the same run


def test_schema_codes_follow_the_auditability_check(schema):
    """Every reason extract/auditability.py gives is one the schema accepts (pages-unreadable was not)."""
    import inspect

    from disclosure_audit.extract import auditability

    codes = schema["$defs"]["report"]["properties"]["not_audited"]["oneOf"][1]["properties"]["code"]["enum"]
    assert codes == ["scan", "pages-unreadable", "outside-formats", "tables-unreadable"]
    source = inspect.getsource(auditability.assess)
    assert all(f'"{c}"' in source for c in codes)


def test_findings_json_ranks_by_year_and_level_and_last_year(doc):
    (r,) = [r for r in doc["reports"] if r["report_id"] == NATURAL]
    # 2020: 司法局 100, 人社局 93, 审计局 77, 松溪镇 58, 自然资源局 49 → 5th of 5; 4th of the 4 部门
    assert (r["year_rank"], r["year_ranked"], r["level_rank"], r["level_ranked"]) == (5, 5, 4, 4)
    assert r["previous_year"] == {
        "year": 2019,
        "score": 71.0,
        "grade": "合格",
        "source": "run",
        "report_id": "20_yunling_zrzyj_2019.txt",
        "change": -22.0,
    }
    (scan,) = [r for r in doc["reports"] if r["report_id"] == SCAN]
    assert [scan[k] for k in ("rank", "year_rank", "year_ranked", "level_rank", "level_ranked")] == [None] * 5
    assert scan["previous_year"]["change"] is None  # last year was scored, this year not


def test_ranking_sheet_and_csv_carry_deductions_and_last_year(xlsx_zh, result, tmp_path):
    """07: BLANK-TOTAL 8 (completeness); T4-SUM 10 + T2-19-INEQ 3 + T2-19-XYEAR 3×3 + T3-XYEAR 2×3 +
    UNIT-CONFLICT 5 = 33 (accuracy); COPY-PREV 5 + COPY-TABLES 5 = 10 (originality): 100 − 51 = 49.0,
    against 71.0 the year before. Its BLANK-CELL is waived and deducts nothing."""
    from disclosure_audit.render.csv_out import write_ranking_csv

    (row,) = [r for r in _records(xlsx_zh["排名"]) if r["文件"] == NATURAL]
    expected = {
        "年度名次": 5,
        "层级名次": 4,
        "年度": 2020,
        "得分": 49,
        "完整性扣分": 8,
        "准确性扣分": 33,
        "原创性扣分": 10,
        "内容安全扣分": 0,
        "及时性扣分": 0,
        "上年得分": 71,
        "较上年变化": -22,
    }
    assert {k: row[k] for k in expected} == expected
    first_year = next(r for r in _records(xlsx_zh["排名"]) if r["文件"] == "20_yunling_zrzyj_2019.txt")
    assert (first_year["上年得分"], first_year["较上年变化"]) == (None, None)  # nothing before 2019
    with write_ranking_csv(result, tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as fh:
        (line,) = [r for r in csv.DictReader(fh) if r["文件"] == NATURAL]
    assert {k: line[k] for k in expected} == {
        "年度名次": "5",
        "层级名次": "4",
        "年度": "2020",
        "得分": "49.0",
        "完整性扣分": "8.0",
        "准确性扣分": "33.0",
        "原创性扣分": "10.0",
        "内容安全扣分": "0.0",
        "及时性扣分": "0.0",
        "上年得分": "71.0",
        "较上年变化": "-22.0",
    }


def test_findings_sheet_names_year_places_and_waivers(xlsx_zh, xlsx_en):
    rows = [r for r in _records(xlsx_zh["问题"]) if r["报告"] == NATURAL]
    assert {r["年度"] for r in rows} == {2020}
    (waived,) = [r for r in rows if r["规则"] == "BLANK-CELL"]
    assert (waived["豁免状态"], waived["豁免理由"], waived["豁免批准人"], waived["豁免有效期至"]) == (
        "已豁免",
        "业务系统导出表格时将0显示为空白，已书面要求更正",
        "云岭区政务公开办 李明",
        "2099-12-31",
    )
    (t4,) = [r for r in rows if r["规则"] == "T4-SUM"]
    assert (t4["表格"], t4["行"], t4["栏"]) == ("表四", "案件数量", "行政复议·总计")
    (unit,) = [r for r in rows if r["规则"] == "UNIT-CONFLICT"]
    assert (unit["表格"], unit["行"], unit["栏"]) == ("表二", "政府集中采购", "采购总金额")
    fees = [r for r in rows if r["规则"] == "T2-19-XYEAR" and r["行"] == "行政事业性收费"]
    assert len(fees) == 1 and fees[0]["表格"] == "表二"
    assert all(r["豁免状态"] is None for r in rows if r["规则"] != "BLANK-CELL")
    en = [r for r in _records(xlsx_en["Findings"]) if r["report_id"] == NATURAL and r["rule_id"] == "BLANK-CELL"]
    assert (en[0]["year"], en[0]["waiver_status"], en[0]["waiver_approver"]) == (
        2020,
        "waived",
        "云岭区政务公开办 李明",
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_internal_keys_in_the_place_cells(lang, xlsx_zh, xlsx_en):
    """表格/行/栏 say what the format prints, never active, requests, fees, prev_items or review.total."""
    ws = xlsx_zh["问题"] if lang == "zh" else xlsx_en["Findings"]
    names = ("表格", "行", "栏") if lang == "zh" else ("table", "row", "column")
    cells = [v for name in names for v in _column(ws, name) if v is not None]
    assert cells
    assert [v for v in cells if re.fullmatch(r"[a-z_][a-z0-9_.]*", v)] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_not_audited_sheet(lang, xlsx_zh, xlsx_en):
    ws = xlsx_zh["未能审查"] if lang == "zh" else xlsx_en["Not audited"]
    (row,) = _data(ws)
    if lang == "zh":
        assert row == (
            "白鹭湾街道办事处",
            2022,
            "乡镇街道",
            "望江市",
            "12_scan_baiyuwan_2022.pdf",
            "agencies/12_scan_baiyuwan_2022.pdf.html",
            "报告无法作为文本读取（扫描件或无文本层的文件），内容无法审查",
            "请提供可复制文本的版本（非扫描件），如带文本层的PDF、Word文档或网页版",
            None,
        )
    else:
        assert row[:6] == (
            "白鹭湾街道办事处",
            2022,
            "township/subdistrict",
            "望江市",
            "12_scan_baiyuwan_2022.pdf",
            "agencies/12_scan_baiyuwan_2022.pdf.html",
        )
        assert row[7].startswith("ask for a version with copyable text (not a scan)")
    assert ws.cell(row=2, column=6).hyperlink.target == "agencies/12_scan_baiyuwan_2022.pdf.html"


def test_an_unreadable_file_is_listed_with_what_to_ask_for(tmp_path):
    shutil.copy(REPORTS / "01_clean_qinghe_scjgj_2022.txt", tmp_path)
    (tmp_path / "02_broken.docx").write_bytes(b"not a zip")
    (tmp_path / "manifest.csv").write_text(
        "file,agency,region,level,year\n02_broken.docx,青禾县水利局,青禾县,部门,2022\n", encoding="utf-8"
    )
    result = audit(tmp_path, RULES)
    ws = build_ranking_workbook(result)["未能审查"]
    (row,) = _records(ws)
    assert (row["机关"], row["年度"], row["层级"], row["文件"], row["页面"]) == (
        "青禾县水利局",
        2022,
        "部门",
        "02_broken.docx",
        None,
    )
    assert row["原因"] == "文件无法读取，未生成报告，内容无法审查"
    assert row["需向机关索取"] == "请提供可以正常打开、可复制文字的文件（带文本层的PDF、Word文档或网页版）"
    assert row["详情"] == "file is not a DOCX (not a ZIP package)"


def test_run_record_sheet_in_english(xlsx_en, result):
    rows = dict(xlsx_en["Run record"].iter_rows(min_row=2, values_only=True))
    assert rows["Office"] == "望江市人民政府办公室政务公开科"
    assert rows["Audit"] == "Review of the 2019–2022 government information disclosure annual reports (demo)"
    assert rows["Audit date (as of)"] == "2023-04-30 (audit.yaml)"
    assert (rows["Reports"], rows["Audited"], rows["Not audited"]) == (18, 17, 1)
