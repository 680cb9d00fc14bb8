"""A standard section is "missing" only when its heading's words are nowhere in the text: words in
the text without a heading are a layout finding (SEC-HEADING); words only in the preamble's list of
the parts do not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_document
from disclosure_audit.ingest import Document
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

SIX = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


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


def _text_report(text: str, templates):
    doc = Document(path=Path("t.txt"), source_format="txt", lines=text.split("\n"), encoding="utf-8")
    return extract_document(doc, templates, report_id="t")


def test_no_headings_at_all_words_in_prose_and_in_the_preamble_list(rules, templates):
    text = "\n".join(
        [
            "青禾县某局2022年政府信息公开工作年度报告",
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、",
            "行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项六部分组成。",
            "2022年，我局政府信息公开总体情况良好。本年度我局存在的主要问题及改进情况如下：一是……",
        ]
    )
    r = _text_report(text, templates)
    assert r.sections == []
    found = _run([r], rules, templates, "SEC-MISSING", "SEC-HEADING")
    got = sorted((f.rule_id, f.section, f.line) for f in found)
    assert got == [
        ("SEC-HEADING", 1, 4),
        ("SEC-HEADING", 5, 4),
        ("SEC-MISSING", 2, None),
        ("SEC-MISSING", 3, None),
        ("SEC-MISSING", 4, None),
        ("SEC-MISSING", 6, None),
    ]


def test_heading_words_wrapped_over_two_lines_count(rules, templates):
    text = "\n".join([*SIX[:5], "本年度我局无其他需要", "报告的事项。"])
    found = _run([_text_report(text, templates)], rules, templates, "SEC-MISSING", "SEC-HEADING")
    assert [(f.rule_id, f.section, f.line) for f in found] == [("SEC-HEADING", 6, 6)]


def test_a_listing_after_the_first_heading_is_ordinary_text(rules, templates):
    # only the preamble's list of the parts is discounted; the same sentence inside a section counts
    listing = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况和其他需要报告的事项组成。"
    text = "\n".join([*SIX[:5], listing])
    found = _run([_text_report(text, templates)], rules, templates, "SEC-MISSING", "SEC-HEADING")
    assert [(f.rule_id, f.section) for f in found] == [("SEC-HEADING", 6)]
    found = _run(
        [_text_report("\n".join([listing, *SIX[:5]]), templates)], rules, templates, "SEC-MISSING", "SEC-HEADING"
    )
    assert [(f.rule_id, f.section) for f in found] == [("SEC-MISSING", 6)]
