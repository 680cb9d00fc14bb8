"""Kinds with modes (`check:` / `compare:` / `field:`) validate each mode's own keys: a key that
belongs to another mode is a `file:line: key: message` error, like any unknown key."""

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


def _edit(rules: Path, rule_id: str, old: str, new: str) -> None:
    path = rules / "checks" / f"{rule_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(rules: Path, rule_id: str, needle: str) -> int:
    lines = (rules / "checks" / f"{rule_id}.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_a_key_of_another_check_is_an_error(rules_copy):
    # INT-LINK is `check: links`; `patterns` belongs to `check: patterns`
    _edit(rules_copy, "INT-LINK", "  check: links\n", "  check: links\n  patterns: [老虎机]\n")
    loaded, errors = load_rules(rules_copy)
    (e,) = errors
    assert (e.file, e.line, e.key) == (
        "rules/checks/INT-LINK.yaml",
        _line(rules_copy, "INT-LINK", "patterns:"),
        "params.patterns",
    )
    assert e.message == "unknown key for check 'links' (it belongs to check 'patterns')"
    files = list((rules_copy / "checks").glob("*.yaml"))
    assert "INT-LINK" not in {r.spec.id for r in loaded} and len(loaded) == len(files) - 1


def test_a_key_of_no_mode_is_an_unknown_key(rules_copy):
    _edit(rules_copy, "INT-LINK", "  check: links\n", "  check: links\n  allow_domain: [gov.cn]\n")
    (e,) = load_rules(rules_copy)[1]
    assert (e.key, e.message) == ("params.allow_domain", "unknown key for check 'links'")


def test_copied_text_tables_mode_rejects_text_parameters(rules_copy):
    _edit(rules_copy, "COPY-TABLES", "  compare: tables\n", "  compare: tables\n  shingle: 5\n  num_perm: 64\n")
    errors = load_rules(rules_copy)[1]
    assert [(e.key, e.message) for e in errors] == [
        ("params.shingle", "unknown key for compare 'tables' (it belongs to compare 'agencies', 'previous_year')"),
        ("params.num_perm", "unknown key for compare 'tables' (it belongs to compare 'agencies')"),
    ]
    assert errors[0].line == _line(rules_copy, "COPY-TABLES", "shingle:")


def test_money_unit_range_only_for_magnitude(rules_copy):
    _edit(
        rules_copy, "UNIT-MISSING", "params: {check: missing}", "params: {check: missing, per_item_range_wan: [1, 2]}"
    )
    (e,) = load_rules(rules_copy)[1]
    assert (e.key, e.message) == (
        "params.per_item_range_wan",
        "unknown key for check 'missing' (it belongs to check 'magnitude')",
    )


def test_nested_key_of_another_mode_is_named(rules_copy):
    # `by_topic` is a claim key of `check: outcome`; NAR-APPEAL is `check: count`
    _edit(rules_copy, "NAR-APPEAL", "topic: review,\n", "topic: review, by_topic: {review: review.total},\n")
    errors = load_rules(rules_copy)[1]
    assert errors and all(e.file.endswith("NAR-APPEAL.yaml") for e in errors)
    e = errors[0]
    assert e.key.startswith("params.claims.") and e.key.endswith(".by_topic")
    assert e.message == "unknown key for check 'count' (it belongs to check 'outcome')"
    assert e.line == _line(rules_copy, "NAR-APPEAL", "by_topic")


def test_unknown_and_missing_mode(rules_copy):
    _edit(rules_copy, "UNIT-MISSING", "params: {check: missing}", "params: {check: mising}")
    (e,) = load_rules(rules_copy)[1]
    assert (e.key, e.line) == ("params.check", _line(rules_copy, "UNIT-MISSING", "check: mising"))
    assert e.message == "unknown check 'mising'; one of: missing, conflict, fixed, normalised, magnitude"
    _edit(rules_copy, "UNIT-MISSING", "params: {check: mising}", "params: {}")
    (e,) = load_rules(rules_copy)[1]
    assert (e.key, e.message) == ("params.check", "missing; one of: missing, conflict, fixed, normalised, magnitude")


def test_default_mode_still_applies(rules_copy):
    """table_present's mode defaults to `missing`: a rule without `check:` loads as that mode."""
    _edit(rules_copy, "EXT-TABLE", "params: {check: missing}", "params: {}")
    loaded, errors = load_rules(rules_copy)
    assert errors == []
    (rule,) = [r for r in loaded if r.spec.id == "EXT-TABLE"]
    assert type(rule.params).__name__ == "Missing" and rule.params.check == "missing"
