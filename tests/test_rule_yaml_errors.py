"""A broken rule file is reported at the line to fix (1-based), and two files that declare one rule
id are both named, with their lines, and neither is used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_audit.engine.waivers import load_review_file
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.scoring import ScoringFileError, load_scoring
from tests.conftest import RULES
from tests.test_rule_loading import _base

GOOD = _base()  # the valid rule test_rule_loading breaks one key at a time


@pytest.fixture(scope="module")
def rules_copy(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("r") / "rules"
    shutil.copytree(RULES, dst)
    return dst


def _errors(rules: Path, text: str | bytes) -> list:
    path = rules / "checks" / "X-TEST.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        _, errors = load_rules(rules)
    finally:
        path.unlink()
    return errors


def _edit(line: int, new: str) -> str:
    """GOOD with its line `line` (1-based) replaced by `new`."""
    lines = GOOD.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


# (the file, the line an editor must go to, the key, words of the message)
CASES = {
    "unclosed flow sequence": (_edit(4, "category: [completeness"), 4, "(yaml)", "flow sequence"),
    "unclosed flow mapping": (_edit(2, "title: {zh: 测试, en: test"), 2, "(yaml)", "flow mapping"),
    "unclosed quote": (_edit(5, 'severity: "warning'), 5, "(yaml)", "quoted scalar"),
    "key without colon": (_edit(6, "weight 1"), 6, "(yaml)", "could not find expected ':'"),
    "tab for indentation": (_edit(7, "\tbasis: {zh: 测试, en: test}"), 7, "(yaml)", ""),
    "key indented by one": (_edit(8, " fix: {zh: 测试, en: test}"), 8, "(yaml)", ""),
    "duplicate key": (_edit(6, "severity: error"), 6, "(yaml)", "duplicate key 'severity' (first on line 5)"),
    "not a number": (_edit(6, "weight: heavy"), 6, "weight", ""),
    "unknown severity": (_edit(5, "severity: fatal"), 5, "severity", ""),
    "half a title": (_edit(2, "title:\n  zh: 测试"), 3, "title.en", ""),  # where `en:` belongs
    "unknown param": (_edit(10, "params:\n  field: title\n  feild: x"), 12, "params.feild", "unknown key"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_error_names_the_line_to_fix(rules_copy, case):
    text, line, key, words = CASES[case]
    errors = [e for e in _errors(rules_copy, text) if e.file.endswith("X-TEST.yaml")]
    assert [(e.line, e.key) for e in errors] == [(line, key)], errors
    assert words in errors[0].message


def test_a_file_that_is_not_utf8_is_an_error_at_its_line(rules_copy):
    text = GOOD.encode("utf-8").replace(b"basis: {zh: ", "basis: {zh: 测".encode("gbk"))  # line 7
    (error,) = _errors(rules_copy, text)
    assert (error.line, error.key) == (7, "(yaml)") and "not UTF-8" in error.message


def test_an_unclosed_bracket_at_the_end_is_reported_where_it_opens(rules_copy):
    (error,) = _errors(rules_copy, GOOD + "see_also: [a, b\n")
    assert error.line == GOOD.count("\n") + 1


def test_a_duplicate_rule_id_drops_both_and_names_both(rules_copy):
    original = (rules_copy / "checks" / "T3-BAL.yaml").read_text(encoding="utf-8")
    assert original.startswith("id: T3-BAL\n")
    copy = rules_copy / "checks" / "MY-BAL.yaml"  # an office's edited copy that forgot to change the id
    copy.write_text("# 本地修改\n" + original, encoding="utf-8")
    try:
        loaded, errors = load_rules(rules_copy)
    finally:
        copy.unlink()
    assert "T3-BAL" not in {r.spec.id for r in loaded}
    assert [(e.file, e.line, e.key, e.message) for e in errors] == [
        (
            "rules/checks/MY-BAL.yaml",
            2,
            "id",
            "duplicate rule id 'T3-BAL' (also in rules/checks/T3-BAL.yaml:1): neither is used",
        ),
        (
            "rules/checks/T3-BAL.yaml",
            1,
            "id",
            "duplicate rule id 'T3-BAL' (also in rules/checks/MY-BAL.yaml:2): neither is used",
        ),
    ]
    assert len(loaded) >= 30, "the other rules still load"


def test_waivers_and_scoring_errors_name_the_opening_line(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: VAL-NEG\n    scope: {agency: 某局, year: 2021\n    reason: x\n", encoding="utf-8"
    )
    _, _, errors = load_review_file(waivers)
    assert [(e.line, e.key) for e in errors] == [(3, "(yaml)")]
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "scoring.yaml").write_text(
        "grades:\n  - {grade: 优, min: 90\n  - {grade: 良, min: 75}\n", encoding="utf-8"
    )
    with pytest.raises(ScoringFileError) as exc:
        load_scoring(rules)
    assert [(e.line, e.key) for e in exc.value.errors] == [(2, "(yaml)")]
