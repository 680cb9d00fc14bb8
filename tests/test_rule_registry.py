"""Loading the rules imports only the kinds' declarations (pydantic), never pandas, pandera or
numpy: those come with the evaluators, when the engine runs. Errors in the waivers file are records
with file and line, whatever the path looks like."""

from __future__ import annotations

import subprocess
import sys

from disclosure_audit.core.problems import RuleError
from disclosure_audit.engine.waivers import load_review_file
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.rules.registry import BUILTIN, get_kind
from tests.conftest import RULES


def test_loading_rules_does_not_import_pandas_pandera_or_numpy():
    code = (
        "import sys\n"
        "from disclosure_audit.rules.loader import load_rules\n"
        f"loaded, errors = load_rules({str(RULES)!r})\n"
        "assert len(loaded) > 40 and errors == [], errors\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'numpy') if m in sys.modules))\n"
        "print(sorted(m for m in sys.modules if m.startswith('disclosure_audit.rules.kinds')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    heavy, kinds = out.stdout.splitlines()
    assert heavy == "[]"
    # the only kinds modules loaded are pure-text helpers the declarations share (no evaluator)
    assert set(eval(kinds)) <= {
        "disclosure_audit.rules.kinds",
        "disclosure_audit.rules.kinds._narrative_text",
        "disclosure_audit.rules.kinds._text",
    }


def test_every_builtin_kind_names_an_evaluator_that_loads():
    for name in BUILTIN:
        decl = get_kind(name)
        assert decl.name == name
        assert decl.evaluator_class().__module__ == decl.evaluator.split(":")[0]
    rules, _ = load_rules(RULES)
    assert {r.kind.name for r in rules} <= set(BUILTIN)


def test_waivers_errors_are_records_even_when_the_path_has_colons(tmp_path):
    folder = tmp_path / "a: b"  # a path with ': ' once broke re-parsing 'file:line: key: msg' strings
    folder.mkdir()
    path = folder / "waivers.yaml"
    path.write_text(
        "waivers:\n  - rule: BLANK-CELL\n    reason: 测试原因\n    approver: 某人\n    expires: not-a-date\n",
        encoding="utf-8",
    )
    _, _, errors = load_review_file(path)
    assert len(errors) == 1 and isinstance(errors[0], RuleError)
    e = errors[0]
    assert (e.file, e.line, e.key) == (str(path), 5, "waivers.0.expires")
