"""Findings that rest on an uncertain reading are marked 待复核 and deduct nothing until a reviewer
confirms them under `confirmations:` in the waivers file; a confirmation that matched nothing is
itself a finding. The reports are built directly (the reader that produces reconstructed and
ambiguous cells is not part of this branch): cells carry `reading="segmented"`, `kind="ambiguous"`,
tables `uncertain` and `self_check`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from disclosure_audit.core.context import RunContext
from disclosure_audit.core.finding import Hit
from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.review import review_for
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.model import Cell, Problem
from disclosure_audit.pipeline import audit_reports
from disclosure_audit.render import write_outputs
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
RULE_LIST, _ = load_rules(RULES)
BY_ID = {r.spec.id: r for r in RULE_LIST}

# 自然人 column: 一 + 二 = 12 + 3 = 15, （七）+ 四 = 10 + 4 = 14 → T3-BAL fails in that column (and, by
# the same figures, T3-RESULT in 总计 and T3-COLSUM in （七）总计, which do not cite the 一 自然人 cell).
UNBALANCED = {
    "template": "2021",
    "fill": "0",
    "tables": {
        "requests": {
            "new": {"natural": "12", "total": "12"},
            "carried_over": {"natural": "3", "total": "3"},
            "granted": {"natural": "10", "total": "10"},
            "total": {"natural": "10", "total": "11"},
            "carry_forward": {"natural": "4", "total": "4"},
        }
    },
}
SEGMENTED = {**UNBALANCED, "readings": {"requests": {"new": {"natural": "segmented"}}}}

REASON_ZH = (
    "该问题依据的读数不确定，须人工核对原文后确认：表三 一 / 自然人：原文数字之间没有分隔，按表内勾稽关系拆分得出。"
    "确认前不扣分"
)
REASON_EN = (
    "This finding rests on an uncertain reading and needs a reviewer to check the source: table 3 一 / 自然人: "
    "digits printed without separators, split using the table's own arithmetic. It deducts nothing until confirmed"
)

CONFIRMATION = """confirmations:
  - rule: T3-BAL
    scope: {agency: 示例县示例局, year: 2022, table: requests, column: natural}
    reviewer: 政务公开办 张三
    date: 2023-03-01
    note: 核对原件第3页，本年新收确为12件、上年结转3件
"""


def audit_one(tmp_path: Path, data: dict, waivers: str | None = None, report_id: str = "a"):
    folder = tmp_path / "in"
    folder.mkdir(parents=True, exist_ok=True)
    if waivers is not None:
        (folder / "waivers.yaml").write_text(waivers, encoding="utf-8")
    report = report_from_dict(data, TEMPLATES, report_id=report_id)
    return audit_reports([report], folder, RULES)


def t3_bal(result):
    (f,) = [f for f in result.findings if f.rule_id == "T3-BAL"]
    return f


def test_a_finding_on_a_segmented_cell_is_marked_and_deducts_nothing(tmp_path):
    plain = audit_one(tmp_path / "plain", UNBALANCED)
    marked = audit_one(tmp_path / "marked", SEGMENTED)
    assert t3_bal(plain).review is None
    f = t3_bal(marked)
    assert f.outcome == "failed" and f.column == "natural"
    assert f.review == {"zh": REASON_ZH, "en": REASON_EN, "cells": ["表三 一 / 自然人"], "confirmed": None}
    # the other two failures do not cite the reconstructed cell: they stay ordinary findings
    assert {g.rule_id: g.review for g in marked.findings if g.outcome == "failed"} == {
        "T3-BAL": f.review,
        "T3-COLSUM": None,
        "T3-RESULT": None,
    }
    (s0,), (s1,) = plain.scores, marked.scores
    assert [d.rule_id for d in s0.deductions] == ["T3-BAL", "T3-COLSUM", "T3-RESULT"]
    assert [d.rule_id for d in s1.deductions] == ["T3-COLSUM", "T3-RESULT"]
    assert (s0.score, s1.score) == (70.0, 80.0)
    assert (s0.counts["error"], s0.counts["needs_review"]) == (3, 0)
    assert (s1.counts["error"], s1.counts["needs_review"]) == (2, 1)


def test_a_confirmation_makes_it_deduct(tmp_path):
    result = audit_one(tmp_path, SEGMENTED, CONFIRMATION)
    f = t3_bal(result)
    assert f.review["confirmed"] == {
        "reviewer": "政务公开办 张三",
        "date": "2023-03-01",
        "note": "核对原件第3页，本年新收确为12件、上年结转3件",
    }
    (s,) = result.scores
    assert [d.rule_id for d in s.deductions] == ["T3-BAL", "T3-COLSUM", "T3-RESULT"]
    assert s.score == 70.0 and (s.counts["error"], s.counts["needs_review"]) == (3, 0)
    assert not [g for g in result.findings if g.rule_id == "WVR-CONFIRM-UNUSED"]
    assert result.rule_errors == [] and result.waiver_problems == []


def test_an_unmatched_confirmation_is_reported_and_confirms_nothing(tmp_path):
    wrong_column = CONFIRMATION.replace("column: natural", "column: commercial")
    result = audit_one(tmp_path, SEGMENTED, wrong_column)
    assert t3_bal(result).review["confirmed"] is None
    (s,) = result.scores
    assert s.score == 80.0 and s.counts["needs_review"] == 1
    (unused,) = [g for g in result.findings if g.rule_id == "WVR-CONFIRM-UNUSED"]
    assert unused.message["zh"] == (
        "复核确认“T3-BAL agency=示例县示例局 year=2022 table=requests column=commercial”（复核人：政务公开办 张三，"
        "2023-03-01）未匹配本次审查中任何待复核的问题，可删除或更正范围"
    )
    assert unused.review is None and unused.severity == "info"


def test_a_confirmation_of_a_certain_reading_confirms_nothing(tmp_path):
    """The reader became sure of the cell: the old confirmation is stale and said so; the finding deducts
    because it never needed review, not because of the confirmation."""
    result = audit_one(tmp_path, UNBALANCED, CONFIRMATION)
    assert t3_bal(result).review is None
    assert [g.rule_id for g in result.findings if g.rule_id.startswith("WVR-")] == ["WVR-CONFIRM-UNUSED"]
    assert result.scores[0].score == 70.0


def test_a_confirmation_for_an_agency_not_in_the_run_is_a_run_problem(tmp_path):
    result = audit_one(tmp_path, SEGMENTED, CONFIRMATION.replace("示例县示例局", "某县某局"))
    assert len(result.waiver_problems) == 1
    assert result.waiver_problems[0].startswith("confirmation_unused: T3-BAL agency=某县某局 year=2022")
    assert result.waiver_problems[0].endswith("waivers.yaml:2)")
    assert result.scores[0].score == 80.0


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (CONFIRMATION.replace("    reviewer: 政务公开办 张三\n", ""), 2, "confirmations.0.reviewer"),
        (CONFIRMATION.replace("date: 2023-03-01", "date: 上周"), 5, "confirmations.0.date"),
        (CONFIRMATION.replace(", year: 2022", ""), 3, "confirmations.0.scope.year"),
        (CONFIRMATION + "    approver: 某人\n", 7, "confirmations.0.approver"),
        (CONFIRMATION.replace("rule: T3-BAL", "rule: t3-bal"), 2, "confirmations.0.rule"),
    ],
)
def test_a_malformed_confirmation_is_named_with_file_line_and_key(tmp_path, text, line, key):
    result = audit_one(tmp_path, SEGMENTED, text)
    (err,) = result.rule_errors
    assert (Path(err.file).name, err.line, err.key) == ("waivers.yaml", line, key)
    assert t3_bal(result).review["confirmed"] is None and result.scores[0].score == 80.0


def test_findings_on_a_table_whose_uncertain_reading_fails_its_own_identities_are_marked(tmp_path):
    report = report_from_dict(UNBALANCED, TEMPLATES, report_id="a")
    requests = report.tables["requests"]
    requests.uncertain = ("cell separators lost in rows 一 to 四",)
    requests.self_check = ("一+二 = （七）+四（自然人）",)
    report.problems.append(
        Problem(code="surplus-cells", message="row has 8 cells", line=120, table="requests", row="new")
    )
    appeals = report.tables["appeals"]
    appeals.cells[("cases", "review.total")] = Cell(raw="5", kind="number", value=5, line=300)  # T4-SUM: 0 ≠ 5
    result = audit_reports([report], tmp_path, RULES)
    reviews = {f.rule_id: f.review for f in result.findings if f.outcome == "failed"}
    assert set(reviews) == {"T3-BAL", "T3-COLSUM", "T3-RESULT", "EXT-CELLS", "T4-SUM"}
    assert reviews["EXT-CELLS"] is None, "an extraction finding is about the reading itself"
    assert reviews["T4-SUM"] is None, "表四 was read from clean cells"
    for rid in ("T3-BAL", "T3-COLSUM", "T3-RESULT"):
        assert reviews[rid]["zh"] == (
            "该问题依据的读数不确定，须人工核对原文后确认：表三的读取结果不确定，且本身不满足表内勾稽关系"
            "（一+二 = （七）+四（自然人）），无法区分是报告有误还是读取有误。确认前不扣分"
        )
        assert "fails the table's own identities (一+二 = （七）+四（自然人）)" in reviews[rid]["en"]
    assert reviews["T3-BAL"]["cells"] == [
        "表三 一 / 自然人",
        "表三 二 / 自然人",
        "表三 （七） / 自然人",
        "表三 四 / 自然人",
    ]
    (s,) = result.scores
    assert [d.rule_id for d in s.deductions] == ["EXT-CELLS", "T4-SUM"]
    assert s.counts["needs_review"] == 3


def test_an_uncertain_table_whose_identities_hold_is_not_marked(tmp_path):
    report = report_from_dict(UNBALANCED, TEMPLATES, report_id="a")
    report.tables["requests"].uncertain = ("page break inside the table",)
    result = audit_reports([report], tmp_path, RULES)
    assert all(f.review is None for f in result.findings)
    assert result.scores[0].score == 70.0


def test_an_ambiguous_cell_cited_by_a_finding_is_named_with_its_readings():
    report = report_from_dict(UNBALANCED, TEMPLATES, report_id="a")
    report.tables["requests"].cells[("total", "natural")] = Cell(
        raw="1 0", kind="ambiguous", line=140, candidates=("10", "1 | 0")
    )
    ctx = RunContext(reports={"a": report}, templates=TEMPLATES, rules_dir=RULES)
    from disclosure_audit.rules.kinds._common import cell_ref

    hit = Hit(
        report_id="a", table="requests", column="natural", cells=[cell_ref(ctx, "a", "requests", "total", "natural")]
    )
    review = review_for(BY_ID["NAR-REQ"], hit, ctx)
    assert review["cells"] == ["表三 （七） / 自然人"]
    assert "表三 （七） / 自然人：原文可有多种读法（表三 （七） / 自然人：10 / 1 | 0），未作取舍" in review["zh"]
    assert "the text admits several readings (table 3 （七） / 自然人: 10 / 1 | 0); none was chosen" in review["en"]
    assert review_for(BY_ID["NAR-REQ"], dataclasses.replace(hit, outcome="not_evaluable"), ctx) is None
    assert review_for(BY_ID["EXT-CELLS"], hit, ctx) is None


def test_a_cross_year_finding_on_last_years_reconstructed_cell_is_marked():
    this = report_from_dict(
        {"template": "2021", "fill": "0", "year": 2022, "tables": {"requests": {"carried_over": {"natural": "3"}}}},
        TEMPLATES,
        report_id="this",
    )
    last = report_from_dict(
        {
            "template": "2021",
            "fill": "0",
            "year": 2021,
            "published": "2022-01-20",
            "tables": {"requests": {"carry_forward": {"natural": "5"}}},
            "readings": {"requests": {"carry_forward": {"natural": "placed"}}},
        },
        TEMPLATES,
        report_id="last",
    )
    findings, _ = run_rules([this, last], [BY_ID["T3-XYEAR"]], TEMPLATES, RULES)
    (f,) = [f for f in findings if f.outcome == "failed" and f.report_id == "this"]
    assert f.review["cells"] == ["2021年 表三 四"]
    assert "数值与行标签分开印刷，按格式的行序放置" in f.review["zh"]
    assert "placed by the format's row order" in f.review["en"]


def test_review_is_rendered_on_the_page_in_json_and_in_the_workbook(tmp_path):
    result = audit_one(tmp_path, SEGMENTED)
    out = tmp_path / "out"
    write_outputs(result, out)
    f = t3_bal(result)
    page = (out / "agencies" / "a.html").read_text(encoding="utf-8")
    block = page[page.index(f'id="{f.id}"') :]
    block = block[: block.index("</dl>")]
    assert '<span class="sev sev-review">待复核</span>' in block
    assert REASON_ZH in block and "未扣分：确认前不计入得分" in block
    assert 'id="review-summary"' in page and f'href="#{f.id}">T3-BAL</a>' in page
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (jf,) = [x for x in doc["reports"][0]["findings"] if x["rule_id"] == "T3-BAL"]
    assert jf["review"] == {"zh": REASON_ZH, "en": REASON_EN, "cells": ["表三 一 / 自然人"], "confirmed": None}
    assert doc["reports"][0]["counts"]["needs_review"] == 1
    ws = load_workbook(out / "ranking.xlsx")["问题"]
    headers = [c.value for c in ws[1]]
    rows = {r[headers.index("规则")]: r[headers.index("复核")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["T3-BAL"] == f"待复核（未扣分）: {REASON_ZH}"
    assert rows["T3-RESULT"] is None
    ranking = load_workbook(out / "ranking.xlsx")["排名"]
    values = dict(zip([c.value for c in ranking[1]], [c.value for c in ranking[2]], strict=True))
    assert values["待复核"] == 1  # 待复核 count

    confirmed = audit_one(tmp_path / "c", SEGMENTED, CONFIRMATION)
    write_outputs(confirmed, tmp_path / "out2", lang="en")
    page = (tmp_path / "out2" / "agencies" / "a.html").read_text(encoding="utf-8")
    assert "confirmed by review" in page and "政务公开办 张三" in page and "needs review</span>" not in page


def test_confirmations_are_documented_next_to_waivers():
    readme = (RULES.parent / "README.md").read_text(encoding="utf-8")
    waivers = readme[readme.index("## Waivers") :]
    assert "confirmations:" in waivers and "WVR-CONFIRM-UNUSED" in waivers and "待复核" in waivers
