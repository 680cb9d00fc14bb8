"""`disclosure-audit export gx`: a GX project a data team runs with GX alone.

The done criterion of issue 12: the exported checkpoint, run by the exported run_checkpoint.py in a
process where our package cannot be imported, finds on the demo reports' facts exactly the
instances behind the default engine's findings of the exported rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import RULES
from tests.test_gx_compile import engine_instances, sql_instances

DEMO = RULES.parent / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
EXPORTED = {
    "T3-COLSUM", "T3-BAL", "T3-RESULT", "T4-SUM", "T2-19-DELTA", "T2-19-INEQ", "T2-21-INEQ", "BLANK-TOTAL",
    "BLANK-CELL", "VAL-INT", "VAL-NEG", "VAL-TEXT", "VAL-SUFFIX", "UNIT-MISSING", "UNIT-CONFLICT", "UNIT-FIXED",
    "UNIT-NORMALISED", "UNIT-MAGNITUDE",
}  # fmt: skip

# Runs run_checkpoint.py as a data team would, except that importing our package raises (the
# editable install puts it on the path even under -I), and says at the end that it never loaded.
NO_PACKAGE = textwrap.dedent(
    """
    import runpy, sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "disclosure_audit" or name.startswith("disclosure_audit."):
                raise ImportError("the export must run without disclosure_audit")
            return None

    sys.meta_path.insert(0, Block())
    sys.argv = sys.argv[1:]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    finally:
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "disclosure_audit")
        print("OUR MODULES:", loaded, file=sys.stderr)
    """
)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "gx_export"
    res = subprocess.run([*CLI, "export", "gx", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "18 rule(s)" in res.stdout
    return out


@pytest.fixture
def runnable(export, tmp_path) -> Path:
    """A copy of the export to run (GX stores validation results inside its project)."""
    return shutil.copytree(export, tmp_path / "run")


def test_done_criterion_exported_checkpoint_finds_what_the_engine_finds(runnable, demo_facts, tmp_path):
    from disclosure_audit.rules.loader import load_rules

    result, db = demo_facts
    out_json = tmp_path / "failures.json"
    script = [str(runnable / "run_checkpoint.py"), "--url", f"sqlite:///{db}", "--json", str(out_json)]
    res = subprocess.run(
        [sys.executable, "-I", "-c", NO_PACKAGE, *script],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert "OUR MODULES: []" in res.stderr, res.stderr[-3000:]
    assert res.returncode == 1, res.stderr[-3000:]  # the demo reports have failures
    found = json.loads(out_json.read_text(encoding="utf-8"))
    rules = {r.spec.id: r for r in load_rules(RULES)[0]}
    gx_view = sql_instances(
        (
            (
                r["rule_id"],
                r["kind"],
                r["outcome"],
                r["binding_index"],
                [tuple(row[c] for c in r["columns"]) for row in r["rows"]],
            )
            for r in found
        ),
        rules,
    )
    engine = engine_instances([f for f in result.findings if f.rule_id in EXPORTED], rules)
    assert gx_view == dict(engine)
    assert len(engine) > 20  # every exported rule that fires on the demo reports, both outcomes
    # the printed summary names the rules and says which rows are not failures
    assert "T3-BAL FAILED (error) format" in res.stdout
    assert "NOT EVALUABLE (not a failure)" in res.stdout


def test_checkpoint_reads_facts_url_and_table_name(runnable, demo_facts, tmp_path):
    """Without --url: $FACTS_URL; --table points the asset at another table name."""
    import os
    import sqlite3

    _, db = demo_facts
    other = tmp_path / "renamed.sqlite"
    shutil.copy(db, other)
    con = sqlite3.connect(other)
    con.execute('ALTER TABLE "facts" RENAME TO "filed_figures"')
    con.commit()
    con.close()
    env = {**os.environ, "FACTS_URL": f"sqlite:///{other}"}
    cmd = [sys.executable, str(runnable / "run_checkpoint.py")]
    res = subprocess.run([*cmd, "--table", "filed_figures"], capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 1, res.stderr[-3000:]
    assert "T3-BAL FAILED" in res.stdout
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)  # no table "facts" there
    assert res.returncode == 2
    assert "error: the checkpoint could not run" in res.stderr


def test_export_layout_meta_and_severity(export):
    for name in ("README.md", "checks.json", "run_checkpoint.py", "disclosure_audit_gx_plugin.py"):
        assert (export / name).is_file(), name
    plugin = (RULES.parent / "src" / "disclosure_audit" / "gx" / "plugin.py").read_bytes()
    assert (export / "disclosure_audit_gx_plugin.py").read_bytes() == plugin
    suites = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (export / "gx" / "expectations").glob("*.json")
    }
    assert sorted(suites) == ["disclosure_audit_2019", "disclosure_audit_2021"]
    checkpoint = json.loads((export / "gx" / "checkpoints" / "disclosure_audit.json").read_text(encoding="utf-8"))
    assert [v["name"] for v in checkpoint["validation_definitions"]] == [
        "disclosure_audit_2019_facts",
        "disclosure_audit_2021_facts",
    ]
    assert checkpoint["result_format"] == {"result_format": "COMPLETE"}
    exps = {e["meta"]["check"]: e for s in suites.values() for e in s["expectations"]}
    assert {e["meta"]["rule_id"] for e in exps.values()} == EXPORTED
    bal = exps["T3-BAL-2021-failed"]
    assert bal["type"] == "expect_query_to_return_no_rows"
    assert bal["severity"] == "critical"  # error
    assert bal["meta"]["title"] == {
        "zh": "表三勾稽关系：一+二 = （七）+四",
        "en": "Table 3 balance: new + carried over = total handled + carried forward",
    }
    assert bal["meta"]["message"]["zh"] == "表三“{instance}”列勾稽关系不成立：{arithmetic}"
    assert (bal["meta"]["outcome"], bal["meta"]["version"], bal["meta"]["kind"]) == ("failed", "2021", "identity")
    assert bal["meta"]["columns"] == ["report_id", "instance"]
    assert exps["T2-19-INEQ-2019-failed"]["severity"] == "warning"
    assert exps["UNIT-NORMALISED-2021-failed"]["severity"] == "info"
    t4 = exps["T4-SUM-2021-b2-failed"]["meta"]
    assert (t4["binding"], t4["binding_index"]) == ({"g": "suit_after_review"}, 2)
    unchecked = exps["T3-BAL-2021-not_evaluable"]
    assert unchecked["severity"] == "info"
    assert unchecked["description"].startswith("[not evaluable - not a failure]")
    assert unchecked["meta"]["columns"] == ["report_id", "instance", "operand", "operand_kind"]
    assert "not failures" in unchecked["meta"]["note"]["en"]
    gx_yml = (export / "gx" / "great_expectations.yml").read_text(encoding="utf-8")
    assert "connection_string: ${FACTS_URL}" in gx_yml and "table_name: facts" in gx_yml


def test_export_is_deterministic(export, templates, tmp_path):
    """Same rules, same files: GX's random ids are replaced by derived ones."""
    from disclosure_audit.gx.suites import export_gx
    from disclosure_audit.rules.loader import load_rules

    again = tmp_path / "again"
    export_gx(again, load_rules(RULES)[0], templates)
    files = sorted(p.relative_to(export) for p in export.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (export / f).read_bytes() == (again / f).read_bytes(), f
    # and again over an earlier export (replaced whole); another folder is refused
    export_gx(again, load_rules(RULES)[0], templates)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x")
    res = subprocess.run([*CLI, "export", "gx", "--out", str(tmp_path / "mine")], capture_output=True, text=True)
    assert res.returncode == 2 and "not an earlier export" in res.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text() == "x"


def test_new_rule_is_exported_and_other_kinds_are_listed_with_reasons(templates, tmp_path):
    """Nothing is written per rule by hand: a new YAML rule of an exportable kind appears in the
    export; a rule of another kind is listed in the README with its reason."""
    from disclosure_audit.gx.suites import export_gx
    from disclosure_audit.rules.loader import load_rules

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    neg = (rules / "checks" / "VAL-NEG.yaml").read_text(encoding="utf-8")
    new = neg.replace("id: VAL-NEG", "id: VAL-NEG-SIGNED").replace("types: [count, money]", "types: [signed_count]")
    (rules / "checks" / "VAL-NEG-SIGNED.yaml").write_text(new, encoding="utf-8")
    xyear = (rules / "checks" / "T3-XYEAR.yaml").read_text(encoding="utf-8")
    (rules / "checks" / "T3-XYEAR-B.yaml").write_text(xyear.replace("id: T3-XYEAR", "id: T3-XYEAR-B"), encoding="utf-8")
    loaded, errors = load_rules(rules)
    assert errors == []
    out = tmp_path / "out"
    export_gx(out, loaded, templates)
    exps = [
        e
        for p in (out / "gx" / "expectations").glob("*.json")
        for e in json.loads(p.read_text(encoding="utf-8"))["expectations"]
    ]
    signed = [e for e in exps if e["meta"]["rule_id"] == "VAL-NEG-SIGNED"]
    assert len(signed) == 2  # one per format version
    assert "'signed_count'" in signed[0]["kwargs"]["unexpected_rows_query"]
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "| VAL-NEG-SIGNED | values |" in readme
    assert (
        "| T3-XYEAR-B | cross_year | 与上一年度报告比对，而一次运行的数据表只含本年度报告 | compares with last "
        "year's report, which the facts table of one run does not hold |" in readme
    )
    listed = json.loads((out / "checks.json").read_text(encoding="utf-8"))["not_exported"]
    assert {n["rule_id"] for n in listed} == {r.spec.id for r in loaded} - EXPORTED - {"VAL-NEG-SIGNED"}


def test_default_run_and_export_help_do_not_import_great_expectations(tmp_path):
    """GX (seconds to import), SQLAlchemy and psycopg2 load only on the GX paths."""
    for command in (["run", str(DEMO), "--out", str(tmp_path / "out"), "--no-history"], ["export", "gx", "--help"]):
        res = subprocess.run(
            [sys.executable, "-X", "importtime", *CLI[1:], *command], capture_output=True, text=True, timeout=600
        )
        assert res.returncode in (0, 1), res.stderr[-2000:]
        loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in res.stderr.splitlines() if "|" in line}
        assert loaded & {"great_expectations", "sqlalchemy", "psycopg2"} == set(), command
