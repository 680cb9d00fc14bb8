"""Broken rule files are reported with file:line and key; the other rules still load and run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_audit.rules.loader import load_rules
from tests.conftest import RULES


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(RULES, dst)
    return dst


def _write(rules: Path, name: str, text: str) -> None:
    (rules / "checks" / name).write_text(text, encoding="utf-8")


def _base(rule_id: str = "X-TEST", extra: str = "", params: str = "params: {field: title}") -> str:
    return f"""id: {rule_id}
title: {{zh: 测试, en: test}}
message: {{zh: 测试, en: test}}
category: completeness
severity: warning
weight: 1
basis: {{zh: 测试, en: test}}
fix: {{zh: 测试, en: test}}
kind: metadata
{params}
{extra}examples:
  - name: ok
    expect: pass
    text: |
      青禾县市场监督管理局2022年政府信息公开工作年度报告
  - name: bad
    expect: failed
    text: |
      一、总体情况
"""


def test_unknown_key_is_reported_with_line(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base(extra="severty: error\n"))
    loaded, errors = load_rules(rules_copy)
    assert len(errors) == 1
    e = errors[0]
    assert e.file.endswith("X-TEST.yaml") and e.key == "severty" and e.line == 11 and "unknown key" in e.message
    assert len(loaded) >= 30, "the other rules still load"


def test_unknown_kind(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base().replace("kind: metadata", "kind: metadta"))
    _, errors = load_rules(rules_copy)
    assert [(e.key, e.line) for e in errors] == [("kind", 9)]
    assert "unknown kind 'metadta'" in errors[0].message


def test_bad_param_value(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base(params="params: {field: titel}"))
    _, errors = load_rules(rules_copy)
    assert errors[0].key == "params.field" and errors[0].line == 10


def test_duplicate_id(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base(rule_id="T3-BAL"))
    _, errors = load_rules(rules_copy)
    assert any(e.key == "id" and "duplicate rule id 'T3-BAL'" in e.message for e in errors)


def test_bad_expression(rules_copy):
    text = (RULES / "checks" / "T3-BAL.yaml").read_text(encoding="utf-8")
    _write(rules_copy, "T3-BAL.yaml", text.replace("lhs: new + carried_over", "lhs: new + carried_ovr"))
    _, errors = load_rules(rules_copy)
    assert len(errors) == 1 and errors[0].key == "params.lhs" and "unknown key 'carried_ovr'" in errors[0].message
    assert errors[0].line == 24


def test_yaml_syntax_error(rules_copy):
    _write(rules_copy, "X-TEST.yaml", "id: X-TEST\ntitle: {zh: [unclosed\n")
    _, errors = load_rules(rules_copy)
    assert errors[0].key == "(yaml)" and errors[0].line >= 2


def test_missing_examples_is_an_error(rules_copy):
    text = _base().split("examples:")[0] + "examples: []\n"
    _write(rules_copy, "X-TEST.yaml", text)
    _, errors = load_rules(rules_copy)
    assert errors and errors[0].key == "examples"


def test_duplicate_yaml_key(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base(extra="weight: 3\n"))
    _, errors = load_rules(rules_copy)
    assert errors[0].key == "(yaml)" and "duplicate key 'weight'" in errors[0].message


def test_bad_regex_pattern(rules_copy):
    text = (RULES / "checks" / "INT-SPAM.yaml").read_text(encoding="utf-8")
    _write(rules_copy, "INT-SPAM.yaml", text.replace("    - 真人荷官\n", "    - 真人荷官(\n"))
    _, errors = load_rules(rules_copy)
    assert len(errors) == 1 and errors[0].key == "params.patterns" and "bad pattern" in errors[0].message


def test_words_in_context_without_any_context_are_refused(rules_copy):
    """INT-SPAM's `in_context` words count only beside a context: with none declared they could never fire."""
    text = (RULES / "checks" / "INT-SPAM.yaml").read_text(encoding="utf-8")
    start, end = text.index("  context_required:\n"), text.index("  another_match_counts: true\n")
    _write(rules_copy, "INT-SPAM.yaml", text[:start] + text[end:].replace("  another_match_counts: true\n", "", 1))
    (e,) = load_rules(rules_copy)[1]
    assert (e.key, e.message) == ("params.in_context", "needs `context_required` or `another_match_counts: true`")


def test_a_pattern_matching_everything_is_refused(rules_copy):
    text = (RULES / "checks" / "INT-SPAM.yaml").read_text(encoding="utf-8")
    _write(rules_copy, "INT-SPAM.yaml", text.replace("    - 真人荷官\n", "    - 真人荷官|\n"))
    (e,) = load_rules(rules_copy)[1]
    assert e.key == "params.patterns" and "matches the empty string" in e.message


def test_fix_is_required(rules_copy):
    _write(rules_copy, "X-TEST.yaml", _base().replace("fix: {zh: 测试, en: test}\n", ""))
    _, errors = load_rules(rules_copy)
    assert [(e.key, e.message) for e in errors] == [("fix", "Field required")]


@pytest.mark.parametrize(
    ("basis", "key", "word"),
    [
        ("{zh: 豁免清单应与实际问题一致（参照 ruff RUF100）, en: test}", "basis.zh", "ruff"),
        ("{zh: 条例第五十条, en: art. 50 of 条例}", "basis.en", "例"),
        ("{zh: '', en: test}", "basis.zh", None),
    ],
)
def test_basis_speaks_its_own_language(rules_copy, basis, key, word):
    _write(rules_copy, "X-TEST.yaml", _base().replace("basis: {zh: 测试, en: test}", f"basis: {basis}"))
    _, errors = load_rules(rules_copy)
    assert [e.key for e in errors] == [key]
    assert (word in errors[0].message) if word else "must not be empty" in errors[0].message


def test_see_also_holds_tool_references(rules_copy):
    extra = 'see_also: ["ruff RUF100 (unused noqa)"]\n'
    _write(rules_copy, "X-TEST.yaml", _base(extra=extra))
    loaded, errors = load_rules(rules_copy)
    assert errors == []
    assert next(r for r in loaded if r.spec.id == "X-TEST").spec.see_also == ("ruff RUF100 (unused noqa)",)
