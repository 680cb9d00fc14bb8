"""Every rule's own pass/fail examples (sqlfluff-style YAML cases), run through the real engine, and
the strictness of that runner: an example with a key its format does not have, a failed example that
does not state its message, or a finding nobody stated is an error with the rule file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_audit.engine.examples import FragmentError, check_example, report_from_dict
from disclosure_audit.rules.loader import load_rule_file, load_rules
from tests.conftest import RULES

LOADED, ERRORS = load_rules(RULES)
CASES = [(r, i) for r in LOADED for i in range(len(r.spec.examples))]


def test_rule_files_load_without_errors():
    assert ERRORS == []
    assert len(LOADED) >= 30


def test_every_rule_has_pass_and_fail_examples():
    for r in LOADED:
        kinds = {e.expect for e in r.spec.examples}
        assert "pass" in kinds and kinds & {"failed", "not_evaluable"}, r.spec.id


@pytest.mark.parametrize(("rule", "index"), CASES, ids=[f"{r.spec.id}:{r.spec.examples[i].name}" for r, i in CASES])
def test_rule_example(rule, index, templates):
    assert [str(p) for p in check_example(rule, index, templates, rules=LOADED)] == []


def test_rule_ids_are_unique_and_stable_format():
    ids = [r.spec.id for r in LOADED]
    assert len(ids) == len(set(ids))
    for r in LOADED:
        assert r.file.endswith(f"{r.spec.id}.yaml"), "one rule per file, named by its id"


# --------------------------------------------------------------------------- the runner is strict

# A real rule (T3-BAL's identity) with the examples under test from line 12 on.
RULE_HEAD = """\
id: T3-BAL
title: {zh: 表三勾稽关系, en: Table 3 balance}
message: {zh: "表三“{instance}”列勾稽关系不成立：{arithmetic}", en: "Table 3 column {instance}: {arithmetic}"}
category: accuracy
severity: error
weight: 10
basis: {zh: 年度报告格式 表三注, en: table 3 note}
fix: {zh: 更正表三, en: correct table 3}
kind: identity
params: {table: requests, per: column, lhs: new + carried_over, rhs: total + carry_forward}
examples:
"""
# lines 12-21: a pass example whose fragment line 17 is replaced by each test
PASS_EXAMPLE = """\
  - name: balanced
    expect: pass
    report:
      template: "2021"
      fill: "0"
      tables:
        requests:
          new: {natural: "12", total: "12"}
          granted: {natural: "12", total: "12"}
          total: {natural: "12", total: "12"}
"""
FAILED_ONE = """\
  - name: off by two in 自然人
    expect: failed
    message: "表三“自然人”列勾稽关系不成立：一+二 = 12+0 = 12; （七）+四 = 10+0 = 10; 差 2"
    report:
      template: "2021"
      fill: "0"
      tables: {requests: {new: {natural: "12", total: "12"}, total: {natural: "10", total: "12"}}}
"""


def _rule(tmp_path: Path, examples: str, templates):
    rules = tmp_path / "rules"
    (rules / "checks").mkdir(parents=True, exist_ok=True)
    path = rules / "checks" / "T3-BAL.yaml"
    path.write_text(RULE_HEAD + examples, encoding="utf-8")
    # named as `load_rules` names it: relative to the rules folder's parent
    rule, errors = load_rule_file(path, templates, display="rules/checks/T3-BAL.yaml", rules_dir=rules)
    assert errors == [] and rule is not None
    return rule


def _problems(tmp_path: Path, examples: str, templates, index: int) -> list[str]:
    return [str(p) for p in check_example(_rule(tmp_path, examples, templates), index, templates)]


def test_the_well_formed_examples_used_below_pass(tmp_path, templates):
    """The baseline: without the deliberate breakage, both examples are clean."""
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_ONE, templates, 0) == []
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_ONE, templates, 1) == []


# Each typo below leaves the example passing when keys are not checked (granted is no operand of
# this identity, and a fragment whose tables are all `fill` balances): the example would prove nothing.
@pytest.mark.parametrize(
    ("replace", "by", "line", "key", "message"),
    [
        (
            "granted: {natural",
            "grnated: {natural",
            20,
            "examples.0.report.tables.requests.grnated",
            "row 'grnated' is not a row of table 'requests' in format 2021",
        ),
        (
            "granted: {natural",
            "granted: {natrual",
            20,
            "examples.0.report.tables.requests.granted.natrual",
            "column 'natrual' is not a column of row 'granted' of table 'requests' in format 2021 "
            "(columns: natural, commercial, research, social, legal, other_org, total)",
        ),
        (
            "        requests:",
            "        reqeusts:",
            18,
            "examples.0.report.tables.reqeusts",
            "table 'reqeusts' is not in format 2021 (tables: active, requests, appeals)",
        ),
        (
            "      tables:",
            "      tabels:",
            17,
            "examples.0.report.tabels",
            None,  # unknown key, with the list of known keys
        ),
        (  # the 2019 format's single （六）其他处理 row does not exist in a 2021 fragment
            "granted: {natural",
            "other: {natural",
            20,
            "examples.0.report.tables.requests.other",
            "row 'other' is not a row of table 'requests' in format 2021",
        ),
        (
            'granted: {natural: "12"',
            "granted: {natural: ",
            20,
            "examples.0.report.tables.requests.granted.natural",
            'no value (write "" for a blank cell)',
        ),
    ],
    ids=["row", "column", "table", "top-level key", "row of the other format", "cell without value"],
)
def test_a_key_the_format_does_not_have_is_an_error_with_file_and_line(
    tmp_path, templates, replace, by, line, key, message
):
    examples = PASS_EXAMPLE.replace(replace, by, 1) + FAILED_ONE
    assert examples != PASS_EXAMPLE + FAILED_ONE
    (problem,) = _problems(tmp_path, examples, templates, 0)
    head = f"rules/checks/T3-BAL.yaml:{line}: {key}: "
    assert problem.startswith(head), problem
    if message is None:
        assert problem[len(head) :].startswith("unknown key (known: template, year, ")
    else:
        assert problem == f"{head}{message} (example 'balanced')"


def test_report_from_dict_refuses_a_typo_too(templates):
    """Tests that build reports from fragments get the same protection."""
    with pytest.raises(FragmentError) as exc:
        report_from_dict({"template": "2019", "tables": {"appeals": {"cases": {"review.uphold": "1"}}}}, templates)
    assert str(exc.value) == (
        "tables.appeals.cases.review.uphold: column 'review.uphold' is not a column of row 'cases' of table 'appeals' "
        "in format 2019 (columns: review.upheld, review.corrected, review.other, review.pending, review.total, "
        "suit_direct.upheld, suit_direct.corrected, suit_direct.other, suit_direct.pending, suit_direct.total, "
        "suit_after_review.upheld, suit_after_review.corrected, suit_after_review.other, "
        "suit_after_review.pending, suit_after_review.total)"
    )
    # the previous year's fragment is checked against its own format (2019's 其他对外管理服务 is gone in 2021)
    previous = {"template": "2021", "tables": {"active": {"other_services": {"prev_items": "1"}}}}
    with pytest.raises(FragmentError) as exc:
        report_from_dict({"template": "2019", "previous": previous}, templates)
    assert str(exc.value) == (
        "previous.tables.active.other_services: row 'other_services' is not a row of table 'active' in format 2021"
    )


def test_a_failed_example_without_its_message_is_an_error(tmp_path, templates):
    examples = PASS_EXAMPLE + FAILED_ONE.replace(
        '    message: "表三“自然人”列勾稽关系不成立：一+二 = 12+0 = 12; （七）+四 = 10+0 = 10; 差 2"\n', ""
    )
    assert _problems(tmp_path, examples, templates, 1) == [
        "rules/checks/T3-BAL.yaml:23: examples.1.expect: a failed example states the exact (zh) message of its "
        "finding (`message`) or of each of its findings (`messages`) (example 'off by two in 自然人')"
    ]


def test_a_wrong_message_is_an_error(tmp_path, templates):
    examples = PASS_EXAMPLE + FAILED_ONE.replace("差 2", "差 3")
    assert _problems(tmp_path, examples, templates, 1) == [
        "rules/checks/T3-BAL.yaml:24: examples.1.message: message differs:\n"
        "  want: 表三“自然人”列勾稽关系不成立：一+二 = 12+0 = 12; （七）+四 = 10+0 = 10; 差 3\n"
        "  got:  表三“自然人”列勾稽关系不成立：一+二 = 12+0 = 12; （七）+四 = 10+0 = 10; 差 2"
        " (example 'off by two in 自然人')"
    ]


# the same failure in two columns: two findings
FAILED_TWO = """\
  - name: off by two in two columns
    expect: failed
{statement}
    report:
      template: "2021"
      fill: "0"
      tables: {requests: {new: {natural: "12", legal: "1", total: "13"}, total: {natural: "10", total: "11"}}}
"""
NATURAL = "表三“自然人”列勾稽关系不成立：一+二 = 12+0 = 12; （七）+四 = 10+0 = 10; 差 2"
LEGAL = "表三“法律服务机构”列勾稽关系不成立：一+二 = 1+0 = 1; （七）+四 = 0+0 = 0; 差 1"
TOTAL = "表三“总计”列勾稽关系不成立：一+二 = 13+0 = 13; （七）+四 = 11+0 = 11; 差 2"


def test_every_finding_of_a_failed_example_is_stated(tmp_path, templates):
    both = f'    messages:\n      - "{TOTAL}"\n      - "{NATURAL}"\n      - "{LEGAL}"'
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_TWO.replace("{statement}", both), templates, 1) == []


def test_a_second_finding_not_stated_is_an_error(tmp_path, templates):
    only_first = f'    count: 1\n    message: "{NATURAL}"'
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_TWO.replace("{statement}", only_first), templates, 1) == [
        "rules/checks/T3-BAL.yaml:24: examples.1.count: expected 1 failed finding(s), got 3: "
        f"['{NATURAL}', '{LEGAL}', '{TOTAL}'] (example 'off by two in two columns')",
        f"rules/checks/T3-BAL.yaml:25: examples.1.message: a finding whose message is not stated: {LEGAL}"
        " (example 'off by two in two columns')",
        f"rules/checks/T3-BAL.yaml:25: examples.1.message: a finding whose message is not stated: {TOTAL}"
        " (example 'off by two in two columns')",
    ]
    two_of_three = f'    messages:\n      - "{NATURAL}"\n      - "{TOTAL}"'
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_TWO.replace("{statement}", two_of_three), templates, 1) == [
        f"rules/checks/T3-BAL.yaml:24: examples.1.messages: a finding whose message is not stated: {LEGAL}"
        " (example 'off by two in two columns')",
    ]


def test_a_stated_message_no_finding_has_is_an_error(tmp_path, templates):
    extra = "表三“其他”列勾稽关系不成立：一+二 = 1+0 = 1; （七）+四 = 0+0 = 0; 差 1"
    four = f'    messages:\n      - "{NATURAL}"\n      - "{LEGAL}"\n      - "{TOTAL}"\n      - "{extra}"'
    assert _problems(tmp_path, PASS_EXAMPLE + FAILED_TWO.replace("{statement}", four), templates, 1) == [
        f"rules/checks/T3-BAL.yaml:24: examples.1.messages: stated, but no finding has this message: {extra}"
        " (example 'off by two in two columns')",
    ]


@pytest.mark.parametrize(
    ("statement", "line", "key", "problem"),
    [
        (f'    count: 2\n    messages:\n      - "{NATURAL}"', 24, "count", "count 2 but 1 message(s) stated"),
        (f'    messages:\n      - "{NATURAL}"', 24, "messages", "one finding: write `message`, `messages` lists two"),
        (f'    message: "{NATURAL}"\n    messages:\n      - "{NATURAL}"', 25, "messages", "give `message` (one"),
    ],
    ids=["count disagrees", "messages of one", "both message and messages"],
)
def test_what_an_example_states_must_be_consistent(tmp_path, templates, statement, line, key, problem):
    one = FAILED_ONE.replace(f'    message: "{NATURAL}"', statement)
    assert one != FAILED_ONE
    problems = _problems(tmp_path, PASS_EXAMPLE + one, templates, 1)
    assert any(p.startswith(f"rules/checks/T3-BAL.yaml:{line}: examples.1.{key}: {problem}") for p in problems), (
        problems
    )


def test_a_pass_example_states_no_message(tmp_path, templates):
    examples = PASS_EXAMPLE.replace("    expect: pass\n", f'    expect: pass\n    message: "{NATURAL}"\n') + FAILED_ONE
    assert _problems(tmp_path, examples, templates, 0) == [
        "rules/checks/T3-BAL.yaml:14: examples.0.message: a pass example has no finding, so no message"
        " (example 'balanced')"
    ]


def test_rules_check_reports_a_broken_example_with_file_and_line(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "templates", rules / "templates")
    (rules / "checks").mkdir()
    (rules / "checks" / "T3-BAL.yaml").write_text(
        RULE_HEAD + PASS_EXAMPLE.replace("granted: {natural", "grnated: {natural") + FAILED_ONE, encoding="utf-8"
    )
    cli = Path(sys.executable).with_name("disclosure-audit")
    done = subprocess.run([str(cli), "rules", "check", "--rules", str(rules)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "rules/checks/T3-BAL.yaml:20: examples.0.report.tables.requests.grnated: "
        "row 'grnated' is not a row of table 'requests' in format 2021 (example 'balanced')"
    ]
    assert done.stdout.strip() == "1 rule(s) loaded, 0 file error(s), 1 failing example(s)"
