"""Every rule's own pass/fail examples (sqlfluff-style YAML cases), run through the real engine."""

from __future__ import annotations

import pytest

from disclosure_audit.engine.examples import run_example
from disclosure_audit.rules.loader import load_rules
from tests.conftest import RULES

LOADED, ERRORS = load_rules(RULES)
CASES = [(r, ex) for r in LOADED for ex in r.spec.examples]


def test_rule_files_load_without_errors():
    assert ERRORS == []
    assert len(LOADED) >= 30


def test_every_rule_has_pass_and_fail_examples():
    for r in LOADED:
        kinds = {e.expect for e in r.spec.examples}
        assert "pass" in kinds and kinds & {"failed", "not_evaluable"}, r.spec.id


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.spec.id}:{e.name}" for r, e in CASES])
def test_rule_example(rule, example, templates):
    result = run_example(rule, example, templates)
    assert result.ok, "\n".join(result.problems())


def test_rule_ids_are_unique_and_stable_format():
    ids = [r.spec.id for r in LOADED]
    assert len(ids) == len(set(ids))
    for r in LOADED:
        assert r.file.endswith(f"{r.spec.id}.yaml"), "one rule per file, named by its id"
