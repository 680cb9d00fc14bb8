"""Narrative figures against the tables (NAR-*): the number parser, the precision guards, and the
real samples — sample 001's one contradiction is found, every other sample stays silent."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.model import Cell
from disclosure_audit.pipeline import audit
from disclosure_audit.rules.kinds._narrative_text import has_number
from disclosure_audit.rules.kinds.narrative import parse_number, parse_percent, sentences
from disclosure_audit.rules.loader import load_rule_file, load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
LOADED, _ = load_rules(RULES)
NAR = [r for r in LOADED if r.spec.id.startswith("NAR-")]


def run(paragraphs: list[str], tables: dict | None = None, template: str = "2021", year: int | None = None):
    data = {"template": template, "fill": "0", "paragraphs": paragraphs, "tables": tables or {}}
    if year is not None:
        data["year"] = year
    report = report_from_dict(data, TEMPLATES)
    findings, _ = run_rules([report], NAR, TEMPLATES, RULES)
    return findings


def ids(findings) -> list[tuple[str, str | None, str | None]]:
    return [(f.rule_id, f.found, f.expected) for f in findings]


# ---------------------------------------------------------------------------------------------
# Number parser
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("0", 0),
        ("1,234", 1234),
        ("12,345,678", 12345678),
        ("12.5", Decimal("12.5")),
        ("１２", 12),
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两千零三", 2003),
        ("三万五千", 35000),
        ("零", 0),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "一二", "十百", "万", "1,23", "12a", "十一十", "abc"])
def test_parse_number_rejects_malformed(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "places"),
    [
        ("12.5%", "12.5", 1),
        ("33%", "33", 0),
        ("１２．５％", "12.5", 1),
        ("46.88%", "46.88", 2),
        ("百分之三十", "30", 0),
        ("百分之三十点五", "30.5", 1),
        ("百分之三十点八", "30.8", 1),  # 八 and 九 after 点 were not read (the digit class stopped at 七)
        ("百分之九十九点零九", "99.09", 2),
        ("百分之12", "12", 0),
    ],
)
def test_parse_percent(text, value, places):
    assert parse_percent(text) == (Decimal(value), places)


def test_sentences_keep_their_terminator_and_split_on_line_breaks():
    assert [s for _, s in sentences("收到申请3件。办结3件！\n结转0件")] == ["收到申请3件。", "办结3件！", "结转0件"]


def test_sentences_give_their_start_and_leave_out_blank_pieces():
    assert list(sentences("甲。乙！\n\n丙 ")) == [(0, "甲。"), (2, "乙！"), (6, "丙 ")]
    assert list(sentences("  。")) == [(0, "  。")]
    assert list(sentences("")) == [] and list(sentences(" \n ")) == []


def test_has_number_sees_every_form_a_count_is_printed_in():
    assert has_number("全年收到申请12件") and has_number("收到申请十二件") and has_number("共１２件")
    assert not has_number("本年度未收到政府信息公开申请。")


def test_one_sentence_in_two_reports_is_judged_against_each_reports_table():
    """The claim matching is shared per distinct sentence in a run; the tables are each report's."""
    text = ["全年新收政府信息公开申请12件。"]
    reports = [
        report_from_dict({"template": "2021", "fill": "0", "paragraphs": text, "tables": tables}, TEMPLATES)
        for tables in ({"requests": {"new": {"total": "12"}}}, {"requests": {"new": {"total": "15"}}})
    ]
    reports = [dataclasses.replace(r, report_id=f"r{i}") for i, r in enumerate(reports)]
    findings, _ = run_rules(reports, NAR, TEMPLATES, RULES)
    assert [(f.report_id, *ids([f])[0]) for f in findings] == [("r1", "NAR-REQ", "12", "15")]


# ---------------------------------------------------------------------------------------------
# Counts, outcomes and percentages on report fragments
# ---------------------------------------------------------------------------------------------


def test_chinese_numerals_are_numbers():
    tables = {"requests": {"new": {"total": "12"}, "total": {"total": "10"}, "carry_forward": {"total": "2"}}}
    assert run(["全年新收政府信息公开申请十二件，办结十件，结转下年度继续办理两件。"], tables) == []
    wrong = run(["全年新收政府信息公开申请二十三件，办结十件。"], tables)
    assert ids(wrong) == [("NAR-REQ", "23", "12")]
    assert wrong[0].line == 200 and wrong[0].cells[0].row == "new" and wrong[0].cells[0].column == "total"
    assert wrong[0].arithmetic == "一、本年新收政府信息公开申请数量 = 12; 正文 23"


def test_thousands_separator():
    tables = {"requests": {"new": {"total": "1234"}}}
    assert run(["全年共收到政府信息公开申请1,234件。"], tables) == []
    assert ids(run(["全年共收到政府信息公开申请1,243件。"], tables)) == [("NAR-REQ", "1243", "1234")]


def test_received_including_carried_over_means_one_plus_two():
    tables = {"requests": {"new": {"total": "30"}, "carried_over": {"total": "4"}}}
    assert run(["全年共受理政府信息公开申请34件（含上年结转4件）。"], tables) == []
    assert ids(run(["全年共受理政府信息公开申请30件（含上年结转4件）。"], tables)) == [("NAR-REQ", "30", "34")]


def test_category_sum_arithmetic():
    tables = {
        "requests": {
            "new": {"total": "80"},
            "denied.2": {"total": "2"},
            "denied.4": {"total": "31"},
            "denied.6": {"total": "5"},
        }
    }
    (f,) = run(["全年新收政府信息公开申请80件，其中不予公开40件。"], tables)
    assert f.rule_id == "NAR-REQ" and f.arithmetic == "（三）不予公开合计 = 2+31+5 = 38; 正文 40"
    assert len(f.cells) == 8 and {c.row for c in f.cells} == {f"denied.{i}" for i in range(1, 9)}


def test_other_handling_is_one_row_in_2019_and_three_in_2021():
    t19 = {"requests": {"other": {"total": "3"}}}
    t21 = {"requests": {"other.1": {"total": "1"}, "other.3": {"total": "2"}}}
    assert run(["本年度其他处理3件。"], t19, template="2019", year=2020) == []
    assert run(["本年度其他处理3件。"], t21) == []
    assert ids(run(["本年度其他处理4件。"], t21)) == [("NAR-REQ", "4", "3")]


def test_litigation_is_both_table_groups():
    tables = {"appeals": {"cases": {"suit_direct.total": "26", "suit_after_review.total": "20"}}}
    assert run(["政府信息公开行政诉讼46件。"], tables) == []
    (f,) = run(["政府信息公开行政诉讼26件。"], tables)
    assert f.rule_id == "NAR-APPEAL" and f.arithmetic == "直接起诉总计+复议后起诉总计 = 26+20 = 46; 正文 26"
    assert [c.column for c in f.cells] == ["suit_direct.total", "suit_after_review.total"]


def test_outcome_follows_the_topic_named_last():
    tables = {
        "appeals": {
            "cases": {
                "review.upheld": "2",
                "review.total": "2",
                "suit_direct.upheld": "1",
                "suit_direct.pending": "1",
                "suit_direct.total": "2",
            }
        }
    }
    text = "被申请行政复议2件，其中结果维持2件；被提起行政诉讼2件，其中结果维持1件，尚未审结1件。"
    assert run([text], tables) == []
    assert ids(run(["被申请行政复议2件，均获维持。"], tables)) == []
    (f,) = run(["被提起行政诉讼2件，均获维持。"], tables)
    assert f.rule_id == "NAR-OUTCOME" and f.expected == "直诉·尚未审结 1" and f.cells[0].column == "suit_direct.pending"


def test_no_requests_stated_while_the_table_has_some_and_the_reverse():
    assert ids(run(["本年度我局未收到政府信息公开申请。"], {"requests": {"new": {"total": "3"}}})) == [
        ("NAR-OUTCOME", "未收到政府信息公开申请", "一、本年新收政府信息公开申请数量 3")
    ]
    assert ids(run(["本年度我局接到政府信息公开申请1件。"])) == [("NAR-REQ", "1", "0")]


def test_all_completed_against_carry_forward():
    tables = {"requests": {"new": {"total": "5"}, "total": {"total": "4"}, "carry_forward": {"total": "1"}}}
    assert ids(run(["全年新收政府信息公开申请5件，已全部办结。"], tables))[0][0] == "NAR-OUTCOME"
    assert run(["全年新收政府信息公开申请5件，均在法定期限内予以答复。"], tables) == []
    assert run(["全年新收政府信息公开申请5件，其中4件已全部办结。"], tables) == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("全年新收政府信息公开申请32件，其中予以公开15件，占46.9%。", False),  # rounded
        ("全年新收政府信息公开申请32件，其中予以公开15件，占46.8%。", False),  # cut
        ("全年新收政府信息公开申请32件，其中予以公开15件，占47%。", False),
        ("全年新收政府信息公开申请32件，其中予以公开15件，占49.6%。", True),
        ("全年新收政府信息公开申请32件，其中予以公开15件，占46%。", False),  # cut to whole percent
        ("全年新收政府信息公开申请32件，其中予以公开15件，占45%。", True),
        ("本年度予以公开12件，占收到申请总数40件的30%。", False),
        ("本年度予以公开12件，占收到申请总数40件的33.3%。", True),
        ("收到政府信息公开申请30件，办结28件，其中予以公开15件，占40%。", False),  # two totals: which base?
    ],
)
def test_percent_uses_the_rounding_the_text_uses(text, bad):
    tables = {"requests": {"new": {"total": "32"}, "granted": {"total": "15"}}}
    if "40件" in text:
        tables = {"requests": {"new": {"total": "40"}, "granted": {"total": "12"}}}
    got = [f.rule_id for f in run([text], tables) if f.rule_id == "NAR-PCT"]
    assert got == (["NAR-PCT"] if bad else [])


# ---------------------------------------------------------------------------------------------
# Precision: what is ambiguous is not judged
# ---------------------------------------------------------------------------------------------

AMBIGUOUS = [
    "与上年相比，新收政府信息公开申请增加12件。",  # comparison
    "2021年收到政府信息公开申请50件。",  # another year (the report is 2022)
    "上年度收到政府信息公开申请50件。",
    "全市共受理政府信息公开申请3119件。",  # another scope
    "各部门共收到政府信息公开申请60件。",
    "收到网上申请20件。",  # a subset
    "主动公开政府信息88条。",  # not a request figure
    "收到申请和咨询共30件。",  # no clear subject
    "收到政府信息公开申请约30件。",  # approximate
    "收到政府信息公开申请30余件。",
    "自然人和法人分别提出申请8件、4件。",
    "本年度发生行政复议、行政诉讼共3件。",  # one number, two subjects
    "作为复议机关，全年办理政府信息公开行政复议案件12件，其中维持8件。",  # another role
    "其中予以公开5件。",  # 其中 with no head in the sentence
    "上年结转的申请中予以公开2件。",  # a subset of the requests
    "因涉及第三方合法权益不予公开3件。",
    "收到政府信息公开申请9件，受理7件。",  # the same subject with two values
    "全年承办县人大代表建议4件、县政协提案6件，均已全部办结。",  # not about requests
    "除1件尚未审结外，行政复议案件其余均获维持。",  # an exception
]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_sentences_are_not_judged(text):
    tables = {
        "requests": {"new": {"total": "7"}, "carry_forward": {"total": "2"}},
        "appeals": {"cases": {"review.pending": "1", "review.total": "1"}},
    }
    assert run([text], tables) == []


def test_the_same_facts_unambiguous_are_judged():
    """Controls for the list above: with the guard removed, the sentence is checked."""
    tables = {"requests": {"new": {"total": "7"}}}
    assert ids(run(["新收政府信息公开申请12件。"], tables)) == [("NAR-REQ", "12", "7")]
    assert ids(run(["2022年收到政府信息公开申请50件。"], tables)) == [("NAR-REQ", "50", "7")]
    assert ids(run(["收到政府信息公开申请30件。"], tables)) == [("NAR-REQ", "30", "7")]


BLANK_APPLICANTS = {"natural": "", "commercial": "", "research": "", "social": "", "legal": "", "other_org": ""}


def test_blank_cells_are_skipped_not_failed():
    """A 总计 cell without a value, in a row whose applicant cells have none either (one is enough)."""
    tables = {
        "requests": {
            "new": {**BLANK_APPLICANTS, "total": ""},
            "total": {**BLANK_APPLICANTS, "natural": "3", "total": "/"},
            "denied.3": {**BLANK_APPLICANTS, "total": "-"},
        },
        "appeals": {"cases": {"review.total": ""}},
    }
    text = "全年新收政府信息公开申请12件，办结10件，不予公开2件；被申请行政复议1件。"
    assert run([text], tables) == []


def test_missing_table_is_skipped():
    report = report_from_dict(
        {
            "template": "2021",
            "fill": "0",
            "paragraphs": ["本年度未发生行政复议、行政诉讼。被申请行政复议2件。"],
            "tables_missing": ["appeals"],
        },
        TEMPLATES,
    )
    findings, _ = run_rules([report], NAR, TEMPLATES, RULES)
    assert findings == []


def test_bad_rule_params_are_load_errors(tmp_path: Path):
    src = (RULES / "checks" / "NAR-REQ.yaml").read_text(encoding="utf-8")
    for old, new, key in (
        ("cells: new\n", "cells: no_such_row\n", "params.claims.0"),
        ("{AMT}{N}件(?![", "{AMT}{NOPE}件(?![", "params.claims.0.pattern"),
        (
            "under: [received, received_incl, received_before, finished]\n      cells: granted + partial",
            "under: [nobody]\n      cells: granted + partial",
            "params.claims.7.under",
        ),
    ):
        path = tmp_path / "NAR-REQ.yaml"
        path.write_text(src.replace(old, new, 1), encoding="utf-8")
        rule, errors = load_rule_file(path, TEMPLATES, rules_dir=RULES)
        assert rule is None and [e.key for e in errors] == [key], errors


# ---------------------------------------------------------------------------------------------
# The real samples
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(samples_dir):
    return audit(samples_dir, RULES)


def nar_findings(result, report_id: str):
    return [f for f in result.findings_of(report_id) if f.rule_id.startswith("NAR-")]


def test_sample_001_one_request_in_the_text_none_in_the_table(samples):
    (f,) = nar_findings(samples, "001_fe5c224497898358.txt")
    assert (f.rule_id, f.outcome, f.line, f.found, f.expected) == ("NAR-REQ", "failed", 15, "1", "0")
    assert f.raw.startswith("2020年,我局接到要求公开政府信息申请1件")
    assert [(c.table, c.row, c.column, c.raw) for c in f.cells] == [("requests", "new", "total", "0")]
    assert f.message["zh"] == (
        "正文称本年新收申请1件，而表三“一、本年新收政府信息公开申请数量”总计列为0件：“我局接到要求公开政府信息申请1件”"
    )


@pytest.mark.parametrize(
    "report_id",
    [
        "000_4a965b7a7f7052a0.txt",
        "002_59473a96f9f01f39.txt",
        "003_6762482f42d905fe.txt",
        "004_f237f57025bb66e2.txt",
        "huaian_2024.pdf",
    ],
)
def test_other_samples_have_no_narrative_finding(samples, report_id):
    assert report_id in samples.reports
    assert [f.message["zh"] for f in nar_findings(samples, report_id)] == []


def test_huaian_narrative_is_read_not_skipped(samples):
    """淮安's 行政诉讼46件 = 26 + 20 agrees; change one table cell and the sentence is caught."""
    report = samples.reports["huaian_2024.pdf"]
    appeals = report.tables["appeals"]
    cell = appeals.cell("cases", "suit_after_review.total")
    changed = dataclasses.replace(report, tables={**report.tables, "appeals": dataclasses.replace(appeals)})
    changed.tables["appeals"].cells = {
        **appeals.cells,
        ("cases", "suit_after_review.total"): dataclasses.replace(cell, raw="21", value=21),
    }
    changed.tables["appeals"].cells[("cases", "review.corrected")] = dataclasses.replace(cell, raw="65", value=65)
    findings, _ = run_rules([changed], NAR, TEMPLATES, RULES)
    assert sorted((f.rule_id, f.found, f.expected) for f in findings) == [
        ("NAR-APPEAL", "46", "47"),
        ("NAR-APPEAL", "64", "65"),
    ]


# ---------------------------------------------------------------------------------------------
# A 总计 cell without a value: the six applicant cells stand in for it
# ---------------------------------------------------------------------------------------------


def run_report(report):
    findings, _ = run_rules([report], NAR, TEMPLATES, RULES)
    return findings


def with_cells(report, table: str, cells: dict[tuple[str, str], Cell]):
    t = report.tables[table]
    t.cells = {**t.cells, **cells}
    return report


def fragment(paragraphs: list[str], tables: dict, template: str = "2021", year: int | None = None):
    data = {"template": template, "fill": "0", "paragraphs": paragraphs, "tables": tables}
    if year is not None:
        data["year"] = year
    return report_from_dict(data, TEMPLATES)


def test_blank_total_is_the_sum_of_the_applicant_columns():
    tables = {"requests": {"new": {"natural": "12", "commercial": "3", "total": ""}}}
    assert run(["全年新收政府信息公开申请15件。"], tables) == []
    (f,) = run(["全年新收政府信息公开申请16件。"], tables)
    assert (f.rule_id, f.found, f.expected) == ("NAR-REQ", "16", "15")
    assert f.arithmetic == (
        "一、本年新收政府信息公开申请数量（总计栏空白，按六类申请人之和）"
        "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 12+3+0+0+0+0 = 15; 正文 16"
    )
    assert f.message["zh"] == (
        "正文称本年新收申请16件，而表三“一、本年新收政府信息公开申请数量”六类申请人之和（总计栏空白）为15件："
        "“全年新收政府信息公开申请16件”"
    )
    assert f.message["en"] == (
        "The text states requests received this year: 16, but table 3 '一、本年新收政府信息公开申请数量' "
        "(sum of the six applicant columns; the “总计” cell is blank) is 15: '全年新收政府信息公开申请16件'"
    )
    # the evidence points at the six cells that were added up
    assert [(c.row, c.column, c.raw) for c in f.cells] == [
        ("new", "natural", "12"),
        ("new", "commercial", "3"),
        ("new", "research", "0"),
        ("new", "social", "0"),
        ("new", "legal", "0"),
        ("new", "other_org", "0"),
    ]
    assert (f.row, f.column) == ("new", "total")


@pytest.mark.parametrize(("raw", "why"), [("/", "总计栏为“/”"), ("-", "总计栏为“-”")])
def test_slash_and_dash_totals_say_what_was_printed(raw, why):
    tables = {"requests": {"carry_forward": {"legal": "2", "total": raw}}}
    (f,) = run(["结转下年度继续办理1件。"], tables)
    assert f.arithmetic.startswith(f"四、结转下年度继续办理（{why}，按六类申请人之和）")
    assert f.arithmetic.endswith(" = 0+0+0+0+2+0 = 2; 正文 1")


def test_category_with_every_total_blank_adds_up_column_by_column():
    tables = {
        "requests": {
            **{f"denied.{i}": {"total": ""} for i in range(1, 9)},
            "denied.2": {"natural": "2", "commercial": "1", "total": ""},
            "denied.6": {"natural": "4", "total": ""},
        }
    }
    (f,) = run(["本年度不予公开8件。"], tables)
    assert f.arithmetic == (
        "（三）不予公开合计（总计栏空白，按六类申请人之和）"
        "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 6+1+0+0+0+0 = 7; 正文 8"
    )
    assert len(f.cells) == 48 and f.message["zh"].startswith(
        "正文称不予公开8件，而表三“（三）不予公开合计”六类申请人之和"
    )


def test_category_with_one_total_blank_names_that_row():
    tables = {"requests": {"denied.2": {"total": "2"}, "denied.4": {"natural": "30", "other_org": "1", "total": ""}}}
    assert run(["本年度不予公开33件。"], tables) == []
    (f,) = run(["本年度不予公开34件。"], tables)
    assert f.arithmetic == (
        "（三）不予公开合计 = 2+31 = 33（其中“（三）4.保护第三方合法权益”总计栏空白，按六类申请人之和 "
        "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 30+0+0+0+0+1 = 31）; 正文 34"
    )
    assert "总计列（“（三）4.保护第三方合法权益”总计栏空白，按六类申请人之和）为33件" in f.message["zh"]
    assert (
        "for '（三）4.保护第三方合法权益' the “总计” cell is blank, so the sum of the six applicant columns is used"
        in (f.message["en"])
    )
    assert len(f.cells) == 8 + 5  # seven 总计 cells, six applicant cells in place of the eighth


def test_an_applicant_cell_without_a_value_leaves_the_claim_unchecked():
    for raw in ("", "/", "-", "无"):
        tables = {"requests": {"new": {"natural": "12", "social": raw, "total": ""}}}
        assert run(["全年新收政府信息公开申请16件。"], tables) == [], raw
    # a negative applicant cell is a broken row, not a sum to compare with
    assert (
        run(["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "18", "legal": "-1", "total": ""}}})
        == []
    )


AMBIGUOUS_CELL = Cell(raw="1 2", kind="ambiguous", line=150, candidates=("12", "1 2"))


def test_no_sum_over_cells_the_reader_placed():
    """Applicant cells placed by column position (no separators in the source) may hold the 总计."""
    report = fragment(
        ["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "12", "commercial": "3", "total": ""}}}
    )
    assert len(run_report(report)) == 1
    placed = dataclasses.replace(report.tables["requests"].cell("new", "commercial"), reading="aligned")
    assert run_report(with_cells(report, "requests", {("new", "commercial"): placed})) == []
    report = fragment(
        ["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "12", "commercial": "3", "total": ""}}}
    )
    blank = dataclasses.replace(report.tables["requests"].cell("new", "total"), reading="aligned")
    assert run_report(with_cells(report, "requests", {("new", "total"): blank})) == []


def test_an_ambiguous_total_counts_as_no_value():
    report = fragment(["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "12", "commercial": "3"}}})
    (f,) = run_report(with_cells(report, "requests", {("new", "total"): AMBIGUOUS_CELL}))
    assert (f.found, f.expected) == ("16", "15")
    assert "（总计栏读数无法确定，按六类申请人之和）" in f.arithmetic
    assert "(sum of the six applicant columns; the “总计” cell could not be read unambiguously)" in f.message["en"]


def test_an_ambiguous_applicant_cell_leaves_the_claim_unchecked():
    report = fragment(["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "12", "total": ""}}})
    assert run_report(with_cells(report, "requests", {("new", "commercial"): AMBIGUOUS_CELL})) == []
    # an ambiguous 总计 with an ambiguous applicant cell: nothing to compare with
    report = fragment(["全年新收政府信息公开申请16件。"], {"requests": {"new": {"natural": "12"}}})
    cells = {("new", "total"): AMBIGUOUS_CELL, ("new", "legal"): AMBIGUOUS_CELL}
    assert run_report(with_cells(report, "requests", cells)) == []


def test_outcome_reads_a_blank_total_from_the_applicant_columns():
    tables = {"requests": {"new": {"natural": "2", "legal": "1", "total": ""}}}
    (f,) = run(["本年度我局未收到政府信息公开申请。"], tables)
    assert f.rule_id == "NAR-OUTCOME" and f.expected == "一、本年新收政府信息公开申请数量 3"
    assert f.message["zh"] == (
        "正文称“未收到政府信息公开申请”，而表三“一、本年新收政府信息公开申请数量”六类申请人之和为3（总计栏空白）："
        "“本年度我局未收到政府信息公开申请”"
    )
    assert (
        "'一、本年新收政府信息公开申请数量' = 3 (sum of the six applicant columns; the “总计” cell is blank)"
        in (f.message["en"])
    )
    assert f.arithmetic == (
        "一、本年新收政府信息公开申请数量 = 3; 正文“未收到政府信息公开申请” → 0"
        "（“一、本年新收政府信息公开申请数量”总计栏空白，按六类申请人之和 "
        "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 2+0+0+0+1+0 = 3）"
    )
    # all applicant cells zero: the row is zero, nothing contradicts the text
    assert run(["本年度我局未收到政府信息公开申请。"], {"requests": {"new": {"total": ""}}}) == []


def test_percent_table_bases_read_a_blank_total_from_the_applicant_columns():
    """15 of 32 is 46.9%, not 50%; but table 三 一 is 30 by its applicant columns, and 15/30 = 50%."""
    text = "收到政府信息公开申请32件，其中予以公开15件，占50%。"
    bad = run([text], {"requests": {"new": {"total": "32"}, "granted": {"total": "15"}}})
    assert [f.rule_id for f in bad] == ["NAR-PCT"]
    tables = {
        "requests": {
            "new": {"natural": "30", "total": ""},
            "carried_over": {"natural": "2", "total": "2"},
            "granted": {"total": "15"},
        }
    }
    assert [f.rule_id for f in run([text], tables)] == ["NAR-REQ"]  # 32 vs 30, and no NAR-PCT


# ---------------------------------------------------------------------------------------------
# 因……等原因: the whole category; a single reason: not judged
# ---------------------------------------------------------------------------------------------

UNABLE_337 = {
    "requests": {
        "new": {"total": "805"},
        "granted": {"total": "272"},
        "unable.1": {"natural": "252", "commercial": "12", "legal": "1", "total": "265"},
        "unable.2": {"total": "70"},
        "unable.3": {"total": "2"},
    }
}


@pytest.mark.parametrize(
    "text",
    [
        "全年共收到政府信息公开申请805件，其中予以公开272件，因本机关不掌握等原因无法提供265件。",
        "因本机关不掌握等原因无法提供265件。",
        "因本机关不掌握等原因，无法提供265件。",
        "由于本机关不掌握相关政府信息、没有现成信息等原因，无法提供的申请265件。",
        "因本机关不掌握等方面原因无法提供265件。",
    ],
)
def test_a_reason_with_deng_yuanyin_states_the_whole_category(text):
    (f,) = run([text], UNABLE_337, template="2019", year=2019)
    assert (f.rule_id, f.found, f.expected) == ("NAR-REQ", "265", "337")
    assert f.arithmetic == "（四）无法提供合计 = 265+70+2 = 337; 正文 265"


def test_a_reason_with_deng_yuanyin_that_agrees_is_silent():
    text = "全年共收到政府信息公开申请805件，其中予以公开272件，因本机关不掌握等原因无法提供337件。"
    assert run([text], UNABLE_337, template="2019", year=2019) == []


@pytest.mark.parametrize(
    "text",
    [
        "因本机关不掌握相关政府信息无法提供265件。",  # one reason: 1 of （四） (or part of it)
        "因本机关不掌握相关政府信息原因无法提供265件。",  # 原因 without 等
        "因本机关不掌握，无法提供265件。",  # the reason in its own clause before a comma
        "对本机关不掌握的，经审查，依据《条例》第三十六条第四项，无法提供265件。",
        "因本机关不掌握等原因对自然人无法提供265件。",  # 等原因, but still a subset (自然人)
        "无法提供337件，其中因本机关不掌握等原因无法提供265件。",  # a share of another figure
        # 等原因 names the reasons of 无法提供, not of the 不予公开 before it in the same clause
        "因属于国家秘密不予公开2件、因本机关不掌握等原因无法提供337件。",
        "因属于国家秘密不予公开两件、因本机关不掌握等原因无法提供337件。",
    ],
)
def test_a_single_reason_is_not_judged(text):
    assert run([text], UNABLE_337, template="2019", year=2019) == []


def test_the_same_clause_without_a_reason_is_judged():
    """Control for the list above: the figure itself is read and compared."""
    (f,) = run(["全年共收到政府信息公开申请805件，无法提供265件。"], UNABLE_337, template="2019", year=2019)
    assert (f.found, f.expected) == ("265", "337")
    (f,) = run(["经审查，无法提供265件。"], UNABLE_337, template="2019", year=2019)
    assert (f.found, f.expected) == ("265", "337")


# ---------------------------------------------------------------------------------------------
# Percentages in a sentence or paragraph that states two totals
# ---------------------------------------------------------------------------------------------

TWO = "全年共受理政府信息公开申请859件，已答复805件，"


@pytest.mark.parametrize(
    ("text", "found", "expected", "den"),
    [
        (TWO + "其中予以公开272件，占答复总数的35.8%。", "35.8%", "33.8%", "805"),
        (TWO + "其中予以公开272件，占受理总数的28.5%。", "28.5%", "31.7%", "859"),
        (TWO + "其中予以公开272件，占申请总量的28.5%。", "28.5%", "31.7%", "859"),
        (TWO + "其中予以公开272件，占全部申请的28.5%。", "28.5%", "31.7%", "859"),
        (TWO + "其中予以公开272件，占已办结申请的35.8%。", "35.8%", "33.8%", "805"),
        # the totals in the sentence before, the percentage in the next one of the paragraph
        (
            "全年共受理政府信息公开申请859件，已答复805件。其中予以公开272件，占答复总数的35.8%。",
            "35.8%",
            "33.8%",
            "805",
        ),
    ],
)
def test_a_percentage_that_names_its_base_is_checked_against_it(text, found, expected, den):
    (f,) = [f for f in run([text], template="2019", year=2019) if f.rule_id == "NAR-PCT"]
    assert (f.found, f.expected, f.params["denominator"], f.params["numerator"]) == (found, expected, den, "272")


@pytest.mark.parametrize(
    "text",
    [
        TWO + "其中予以公开272件，占答复总数的33.8%。",  # 272 / 805
        TWO + "其中予以公开272件，占受理总数的31.7%。",  # 272 / 859
        TWO + "其中予以公开272件，占答复总数的33.7%。",  # cut
        "全年共受理政府信息公开申请859件，已答复805件。其中予以公开272件，占受理总数的31.7%。",
        TWO + "其中予以公开272件，占答复总数的31.7%。",  # fits the other stated total: named loosely
    ],
)
def test_a_percentage_that_fits_its_named_base_is_silent(text):
    assert [f for f in run([text], template="2019", year=2019) if f.rule_id == "NAR-PCT"] == []


@pytest.mark.parametrize(
    "text",
    [
        TWO + "其中予以公开272件，占35.8%。",  # two totals, base not named
        TWO + "其中予以公开272件，占总数的35.8%。",  # 总数: which one?
        "全年共受理政府信息公开申请859件，已答复805件。其中予以公开272件，占35.8%。",
        # the named base stated twice in the paragraph with two values
        "受理政府信息公开申请859件。受理申请860件。其中予以公开272件，占受理总数的35.8%。",
        # or stated in a sentence that is not judged (another scope)
        "本机关受理政府信息公开申请859件。全市受理申请5000件。其中予以公开272件，占受理总数的35.8%。",
        # the base named is not among the stated totals
        "全年共受理政府信息公开申请859件，其中予以公开272件，占答复总数的35.8%。",
    ],
)
def test_two_totals_without_a_usable_named_base_are_not_judged(text):
    assert [f for f in run([text], template="2019", year=2019) if f.rule_id == "NAR-PCT"] == []


def test_a_single_total_with_no_named_base_is_still_judged():
    """Control: one stated total and an unnamed base is the check as before."""
    (f,) = [
        f
        for f in run(["全年共受理政府信息公开申请859件，其中予以公开272件，占35.8%。"], year=2022)
        if f.rule_id == "NAR-PCT"
    ]
    assert (f.found, f.expected, f.params["denominator"]) == ("35.8%", "31.7%", "859")
