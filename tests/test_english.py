"""core.english: the kinds' Chinese evidence for an English reader. Expected strings written by hand."""

from __future__ import annotations

import pytest

from disclosure_audit.core.english import english
from disclosure_audit.engine.runner import render_message_en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "一+二 = 40+2 = 42; （七）+四 = 38+3 = 41; 差 1",
            "“一” + “二” = 40+2 = 42; “（七）” + “四” = 38+3 = 41; difference 1",
        ),
        ("数字（无则填0）", "a number (0 if none)"),
        ("空白", "blank"),
        ("2022-02-15 − 2022-01-31 = 15天", "2022-02-15 − 2022-01-31 = 15 days"),
        ("2021-04-06（清单）", "2021-04-06 (register)"),
        ("雷同40%（211/528字）", "40% shared (211/528 characters)"),
        ("表三、表四与2019年报告逐格相同", "Table 3, Table 4 identical cell by cell to the 2019 report"),
        ("126+183+157 = 466; 总数 421; 差 45", "126+183+157 = 466; stated total 421; difference 45"),
        ("复议·纠正 1；直诉·尚未审结 1", "“复议·纠正” 1; “直诉·尚未审结” 1"),
        ("61000元 × 0.0001 = 6.1万元", "61000 “元” × 0.0001 = 6.1 “万元”"),
        ("五、", "“五、”"),
        ("no Chinese here", "no Chinese here"),
    ],
)
def test_english_evidence(zh, en):
    assert english(zh) == en


def test_an_english_message_quotes_what_its_template_does_not():
    params = {"instance": "自然人", "arithmetic": "一+二 = 12+3 = 15; （七）+四 = 10+4 = 14; 差 1"}
    assert render_message_en("Table 3 column '{instance}' does not balance: {arithmetic}", params) == (
        "Table 3 column '自然人' does not balance: “一” + “二” = 12+3 = 15; “（七）” + “四” = 10+4 = 14; difference 1"
    )


def test_report_words_inside_template_quotes_nest_as_single_quotes():
    params = {"context": "…青禾”微信公众号推送"}
    assert render_message_en("Line 3: “{context}”", params) == "Line 3: “…青禾’微信公众号推送”"
