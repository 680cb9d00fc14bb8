"""`run --engine gx` gives the default engine's findings, finding by finding.

Differential tests: the same reports audited by both engines, the findings compared whole (every
field of Finding.to_json: messages, evidence, arithmetic, not-evaluable reasons). On the demo
reports through the CLI, on a generated corpus with injected defects (asserted to hold failures of
every exportable kind and not-evaluable outcomes, so the comparison cannot pass on nothing), on
hand-made reports holding numbers SQL cannot add exactly (the default engine takes those over, and
says so), and with a check GX cannot run (a broken rule, never a silent pass). GX itself is real
(imported once per process: ~4 s), as is the SQLite file it validates.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import RULES

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
GENERATE = ROOT / "benchmarks" / "generate.py"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
EPOCH = "1700000000"
# rules/checks of the four exportable kinds (identity, non_empty, values, money_unit)
TABLE_RULES = {
    "identity": {"T3-COLSUM", "T3-BAL", "T3-RESULT", "T4-SUM", "T2-19-DELTA", "T2-19-INEQ", "T2-21-INEQ"},
    "non_empty": {"BLANK-TOTAL", "BLANK-CELL"},
    "values": {"VAL-INT", "VAL-NEG", "VAL-TEXT", "VAL-SUFFIX"},
    "money_unit": {"UNIT-MISSING", "UNIT-CONFLICT", "UNIT-FIXED", "UNIT-NORMALISED", "UNIT-MAGNITUDE"},
}
ALL_TABLE_RULES = set().union(*TABLE_RULES.values())


def cli(*args: str, python_flags: tuple[str, ...] = (), code: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    cmd = [sys.executable, *python_flags, "-c", code, *args] if code else [*CLI[:1], *python_flags, *CLI[1:], *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)


def findings(doc: dict) -> list[dict]:
    return [f for r in doc["reports"] for f in r["findings"]]


def without_engine(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    doc["run"]["record"].pop("engine", None)
    return doc


# ---------------------------------------------------------------- the demo reports, through the CLI


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = {}
    for engine in ("default", "gx"):
        dst = tmp_path_factory.mktemp(f"demo-{engine}")
        res = cli("run", str(DEMO), "--out", str(dst), "--no-history", "--json", "--engine", engine)
        out[engine] = res, json.loads((dst / "findings.json").read_text(encoding="utf-8"))
    return out


def test_demo_findings_json_is_identical_but_for_the_engine(demo):
    (res_d, doc_d), (res_g, doc_g) = demo["default"], demo["gx"]
    assert res_g.returncode == res_d.returncode, res_g.stderr[-3000:]
    assert doc_g["run"]["broken_rules"] == []
    assert findings(doc_g) == findings(doc_d)
    assert without_engine(doc_g) == doc_d  # the whole document: scores, ranks, checks, counts


def test_demo_run_record_and_summary_name_the_engine(demo):
    (res_d, doc_d), (res_g, doc_g) = demo["default"], demo["gx"]
    assert "engine" not in doc_d["run"]["record"]
    engine = doc_g["run"]["record"]["engine"]
    assert engine["name"] == "gx"
    assert set(engine["rules"]) == ALL_TABLE_RULES  # every table rule was detected by GX
    assert engine["not_compiled"] == [] and engine["fallback"] == {"cells": 0, "reports": []}
    assert json.loads(res_d.stdout)["engine"] == "default"
    assert json.loads(res_g.stdout)["engine"] == "gx"


def test_demo_pages_show_the_engine(demo):
    """The run record on the pages says which engine detected: only the gx run's pages say GX."""
    (_, doc_g) = demo["gx"]
    assert doc_g["run"]["record"]["engine"]["checks"] > 0
    # the footer is rendered from the record (render.record.record_items)
    from disclosure_audit.render.record import record_items

    items = {k: v for k, _, v in record_items(doc_g["run"]["record"], "en")}
    assert items["engine"].startswith("Great Expectations (")
    assert "engine" not in {k for k, _, _ in record_items(demo["default"][1]["run"]["record"], "en")}


# ------------------------------------------------- a generated corpus with injected defects, in-process

# a seed whose corpus holds every identity failure asserted below (the generator draws 22 defect kinds)
CORPUS_SEED, CORPUS_COUNT = 14, 120


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from disclosure_audit.pipeline import audit_reports, extract_all, find_inputs

    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(GENERATE), "--count", str(CORPUS_COUNT), "--seed", str(CORPUS_SEED), "--out", str(folder)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    reports, errors = extract_all(find_inputs(folder).files, folder, RULES)
    assert errors == []
    runs = {engine: audit_reports(copy.deepcopy(reports), folder, RULES, engine=engine) for engine in ("default", "gx")}
    return reports, runs


def test_generated_corpus_findings_are_identical(corpus):
    _, runs = corpus
    default, gx = runs["default"], runs["gx"]
    assert gx.broken_rules == [] and default.broken_rules == []
    assert [f.to_json() for f in gx.findings] == [f.to_json() for f in default.findings]
    assert [(s.report_id, s.score, s.rank) for s in gx.scores] == [
        (s.report_id, s.score, s.rank) for s in default.scores
    ]


def test_generated_corpus_cannot_pass_on_nothing(corpus):
    """GX detected every table rule of this corpus itself (no fallback), and the corpus holds
    failures of every exportable kind and not-evaluable identities for it to detect."""
    _, runs = corpus
    engine = runs["gx"].record["engine"]
    assert set(engine["rules"]) == ALL_TABLE_RULES and engine["fallback"]["reports"] == []
    outcomes = {(f.rule_id, f.outcome) for f in runs["gx"].findings}
    for kind, ids in TABLE_RULES.items():
        assert any((rid, "failed") in outcomes for rid in ids), kind
    assert any((rid, "not_evaluable") in outcomes for rid in TABLE_RULES["identity"])
    # the injected defects a generated corpus of this seed holds (ground_truth.json), by hand
    assert {"T3-COLSUM", "T3-BAL", "T3-RESULT", "T4-SUM"} <= {r for r, o in outcomes if o == "failed"}
    assert {"T3-COLSUM", "T3-BAL", "T3-RESULT"} <= {r for r, o in outcomes if o == "not_evaluable"}


def test_a_check_gx_cannot_run_breaks_its_rule_and_nothing_else(corpus):
    """A compiled query that errors in SQL is a broken rule naming the check and the error: the
    rule contributes nothing (not a silent pass), every other rule's findings are as ever."""
    from disclosure_audit.engine.gx_engine import GxEngine
    from disclosure_audit.engine.runner import run_rules
    from disclosure_audit.gx.compile import compile_rules
    from disclosure_audit.rules.loader import load_rules
    from disclosure_audit.templates import get_templates

    def compile_with_a_typo(rules, templates):
        checks, skipped = compile_rules(rules, templates)
        return [
            dataclasses.replace(c, query=c.query.replace('"instance"', '"instanse"', 1))
            if c.rule_id == "T3-COLSUM" and c.outcome == "failed"
            else c
            for c in checks
        ], skipped

    reports, _ = corpus
    some = copy.deepcopy(reports[:30])
    loaded, _ = load_rules(RULES)
    templates = get_templates(RULES)
    expected, _ = run_rules(copy.deepcopy(some), loaded, templates, RULES, isolate=True)
    found, ctx = run_rules(some, loaded, templates, RULES, isolate=True, engine=GxEngine(compile=compile_with_a_typo))
    assert [b.rule_id for b in ctx.broken_rules] == ["T3-COLSUM"]
    broken = ctx.broken_rules[0]
    assert broken.error == "GxCheckError"
    assert "GX check T3-COLSUM-20" in broken.message and "instanse" in broken.message
    assert set(broken.reports) == {r.report_id for r in some if r.machine_readable}
    assert any(f.rule_id == "T3-COLSUM" for f in expected)  # so there was something to miss
    assert [f.to_json() for f in found] == [f.to_json() for f in expected if f.rule_id != "T3-COLSUM"]


# ------------------------------------- numbers SQL cannot add exactly: the default engine takes over

NEW_ROW = "\t一、本年新收政府信息公开申请数量\n\t56\n"  # 表三 row 一, 自然人, in the clean demo report


@pytest.fixture(scope="module")
def beyond(tmp_path_factory):
    """Copies of a clean demo report, three with 自然人 of row 一 changed by hand: seven
    decimals (no exact `scaled`), 10^13 (beyond ±9.2×10^12: no `scaled`) and 5×10^12 (a `scaled`,
    but too large to add in 64 bits with the other operands)."""
    folder = tmp_path_factory.mktemp("beyond")
    text = (DEMO / "01_clean_qinghe_scjgj_2022.txt").read_text(encoding="utf-8")
    assert text.count(NEW_ROW) == 1
    for name, figure in (
        ("plain", "56"),
        ("decimals", "56.0000001"),
        ("huge", "10000000000056"),
        ("large", "5000000000056"),
    ):
        (folder / f"{name}.txt").write_text(text.replace(NEW_ROW, NEW_ROW.replace("56", figure)), encoding="utf-8")
    # and one GX detects itself: "/" and "-" for 自然人 and 商业企业 of row 一, two blank operands of
    # one instance (T3-COLSUM) and one in each of two instances (T3-BAL), listed in table order
    assert text.count(NEW_ROW + "\t6\n") == 1
    (folder / "blanks.txt").write_text(text.replace(NEW_ROW + "\t6\n", NEW_ROW[:-3] + "/\n\t-\n"), encoding="utf-8")
    out = {}
    for engine in ("default", "gx"):
        dst = tmp_path_factory.mktemp(f"beyond-{engine}")
        # the default run with Python's import log: it must never load great_expectations
        flags = ("-X", "importtime") if engine == "default" else ()
        res = cli("run", str(folder), "--out", str(dst), "--no-history", "-q", "--engine", engine, python_flags=flags)
        out[engine] = res, json.loads((dst / "findings.json").read_text(encoding="utf-8"))
    return folder, out


def test_numbers_beyond_sql_fall_back_to_the_default_engine(beyond):
    _, out = beyond
    (res_d, doc_d), (res_g, doc_g) = out["default"], out["gx"]
    assert res_g.returncode == res_d.returncode == 0, res_g.stderr[-3000:]
    assert findings(doc_g) == findings(doc_d)
    assert doc_g["run"]["record"]["engine"]["fallback"] == {
        "cells": 2,  # 56.0000001 and 10000000000056; 5000000000056 has a scaled value
        "reports": ["decimals.txt", "huge.txt", "large.txt"],
    }
    assert "the table rules of 3 report(s)" in res_g.stderr and "decimals.txt, huge.txt, large.txt" in res_g.stderr


def test_the_fallback_findings_carry_the_exact_arithmetic(beyond):
    """Written from the report by hand: row 一 is 56+6+0+0+2+1 = 65 with total 65."""
    _, out = beyond
    got = {(f["report_id"], f["rule_id"]): f for f in findings(out["gx"][1]) if f["outcome"] == "failed"}
    assert not any(rid == "plain.txt" for rid, _ in got)
    assert got["huge.txt", "T3-COLSUM"]["arithmetic"] == (
        "总计 = 65; 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 10000000000056+6+0+0+2+1 = "
        "10000000000065; 差 10000000000000"
    )
    assert got["decimals.txt", "T3-COLSUM"]["arithmetic"].endswith("= 65.0000001; 差 0.0000001")
    assert got["large.txt", "T3-COLSUM"]["arithmetic"].endswith("= 5000000000065; 差 5000000000000")
    assert got["decimals.txt", "VAL-INT"]["found"] == "56.0000001"


def test_blank_operands_are_listed_in_table_order_by_both_engines(beyond):
    _, out = beyond
    for engine in ("default", "gx"):
        got = {(f["report_id"], f["rule_id"]): f for f in findings(out[engine][1]) if f["outcome"] == "not_evaluable"}
        assert got["blanks.txt", "T3-COLSUM"]["message"]["zh"].endswith("1处有空白运算数：一（自然人“/”、商业企业“-”）")
        assert got["blanks.txt", "T3-BAL"]["message"]["zh"].endswith(
            "2处有空白运算数：自然人（一“/”）；商业企业（一“-”）"
        )


# ------------------------------------------------------------------------------------ cost and failure


def _imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in stderr.splitlines() if "|" in line}


def test_a_default_run_never_imports_great_expectations(beyond):
    res, _ = beyond[1]["default"]
    loaded = _imported(res.stderr)
    assert "disclosure_audit" in loaded and "pandas" in loaded  # the import log is there and complete
    assert loaded & {"great_expectations", "sqlalchemy"} == set()


@pytest.mark.parametrize("command", [["--help"], ["run", "--help"]])
def test_help_never_imports_great_expectations(command):
    res = cli(*command, python_flags=("-X", "importtime"))
    assert res.returncode == 0 and ("--engine" in res.stdout) == (command[0] == "run")
    assert "great_expectations" not in _imported(res.stderr)


def test_without_great_expectations_the_table_rules_are_broken_not_passed(beyond, tmp_path):
    """GX missing from the environment: each table rule is reported as failed to run (exit 1),
    none is silently passed; the other rules still audit."""
    folder, _ = beyond
    blocked = (
        "import sys\n"
        "sys.modules['great_expectations'] = None  # as if not installed: importing it raises ImportError\n"
        "from disclosure_audit.cli import main\n"
        "sys.argv = ['disclosure-audit', *sys.argv[1:]]\n"
        "main()\n"
    )
    shutil.copy(folder / "plain.txt", tmp_path / "plain.txt")
    out = tmp_path / "out"
    res = cli(
        "run", str(tmp_path / "plain.txt"), "--out", str(out), "--no-history", "-q", "--engine", "gx", code=blocked
    )
    assert res.returncode == 1
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    broken = {b["rule_id"]: b for b in doc["run"]["broken_rules"]}
    in_2021 = ALL_TABLE_RULES - {"T2-19-DELTA", "T2-19-INEQ", "UNIT-MAGNITUDE"}  # those apply to 2019 reports
    assert set(broken) == in_2021
    assert all("the GX validation did not run: ModuleNotFoundError" in b["message"] for b in broken.values())
    assert not {f["rule_id"] for f in findings(doc)} & ALL_TABLE_RULES
    assert "rule failed:" in res.stderr and "T3-COLSUM" in res.stderr
