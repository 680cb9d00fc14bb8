"""A table is "missing" only when none of its labels is in the text; a table whose labels are there
but whose cells were not read is listed for review and costs the agency nothing, not even a place
in the ranking."""

from __future__ import annotations

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.rules.kinds.table_present import table_only_labels
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.rules.params.table_present import Missing
from disclosure_audit.rules.registry import ParamError
from disclosure_audit.scoring import load_scoring, rank, score_report
from disclosure_audit.templates import get_templates
from tests.conftest import RULES


@pytest.fixture(scope="module")
def templates():
    return get_templates(RULES)


@pytest.fixture(scope="module")
def rules():
    loaded, errors = load_rules(RULES)
    assert not errors
    return {r.spec.id: r for r in loaded}


def _run(reports, rules, templates, *ids):
    findings, _ = run_rules(reports, [rules[i] for i in ids], templates, RULES)
    return findings


def test_table_four_needs_table_only_labels(templates):
    got = table_only_labels(templates, "appeals", "2021", 4)
    assert got == ["未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结"]
    requests = table_only_labels(templates, "requests", "2021", 4)
    assert "本年新收政府信息公开申请数量" in requests and "属于国家秘密" in requests
    assert not {"予以公开", "结转下年度继续办理", "法人或其他组织", "自然人", "总计"} & set(requests)
    active = table_only_labels(templates, "active", "2021", 4)
    assert {"第二十条第(一)项", "信息内容", "本年制发件数", "本年新制作数量"} <= set(active)  # both versions
    assert not {"第二十条第", "行政许可", "规章", "行政事业性收费"} & set(active)


def test_a_prose_label_that_is_no_table_label_is_a_rule_error(templates):
    params = Missing()
    params.check_params(None, templates, RULES)
    bad = templates.model_copy(update={"prose_labels": (*templates.prose_labels, "行政复义")})
    with pytest.raises(ParamError, match="行政复义"):
        params.check_params(None, bad, RULES)


def test_prose_about_appeals_is_not_a_table(rules, templates):
    r = report_from_dict(
        {
            "template": "2021",
            "fill": "0",
            "tables_missing": ["appeals"],
            "paragraphs": ["本年度未发生行政复议、行政诉讼。"],
        },
        templates,
    )
    got = {(f.rule_id, f.outcome) for f in _run([r], rules, templates, "EXT-TABLE", "EXT-UNREAD")}
    assert got == {("EXT-TABLE", "failed")}


def test_a_header_word_wrapped_over_two_lines_is_found(rules, templates):
    r = report_from_dict(
        {"template": "2021", "fill": "0", "tables_missing": ["appeals"], "paragraphs": ["行政复议 结果", "维持"]},
        templates,
    )
    got = [(f.rule_id, f.line, f.found) for f in _run([r], rules, templates, "EXT-TABLE", "EXT-UNREAD")]
    assert got == [("EXT-UNREAD", 1, "文中有该表的标签：“结果维持”（第1行）")]


def test_unread_table_deducts_nothing_and_keeps_the_rank(rules, templates):
    base = {"template": "2021", "fill": "0", "tables_missing": ["appeals"]}
    a = report_from_dict({**base, "paragraphs": ["结果维持 结果纠正 其他结果 尚未审结 总计"]}, templates, "a")
    b = report_from_dict({**base, "paragraphs": ["本年度未发生行政复议、行政诉讼。"]}, templates, "b")
    c = report_from_dict({"template": "2021", "fill": "0", "paragraphs": ["正文。"]}, templates, "c")
    reports = {r.report_id: r for r in (a, b, c)}
    findings = _run(reports.values(), rules, templates, "EXT-TABLE", "EXT-UNREAD")
    assert sorted((f.report_id, f.rule_id) for f in findings) == [("a", "EXT-UNREAD"), ("b", "EXT-TABLE")]
    conf = load_scoring(RULES)
    scores = [
        score_report(r, [f for f in findings if f.report_id == r.report_id], rules, conf) for r in reports.values()
    ]
    by_id = {s.report_id: s for s in rank(scores, reports, conf)}
    assert (by_id["a"].score, by_id["a"].deductions) == (100.0, [])
    assert by_id["a"].counts["warning"] == 1  # still listed
    assert by_id["a"].rank == by_id["c"].rank == 1  # but it does not break the tie against a clean report
    assert by_id["b"].score == 90.0 and by_id["b"].rank == 3
