"""Rule kinds from other packages (entry-point group `disclosure_audit.kinds`), a rule that raises
while it runs (isolated: reported as broken, the run goes on), and `status: preview` rules.

A tiny package is built in a temporary folder (its own pyproject.toml declaring two kinds: a params
model each and an evaluator module), installed into the test environment with pip, and uninstalled
afterwards."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from disclosure_audit.pipeline import audit
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
PACKAGE = "da-example-kinds"
CLEAN = "01_clean_qinghe_scjgj_2022.txt"  # 青禾县市场监督管理局
OTHER = "04_yunling_zjj_2021.txt"  # 云岭区住房和城乡建设局

PYPROJECT = f"""
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{PACKAGE}"
version = "0.1.0"

[project.entry-points."disclosure_audit.kinds"]
long_paragraph = "da_example_kinds.params:LONG_PARAGRAPH"
explode = "da_example_kinds.params:EXPLODE"

[tool.setuptools]
packages = ["da_example_kinds"]
"""

PARAMS = '''
"""Declarations only: importing this module must not import the evaluators."""
from pydantic import Field

from disclosure_audit.rules import KindDecl, KindParams


class LongParagraphParams(KindParams):
    max_chars: int = Field(ge=1)


LONG_PARAGRAPH = KindDecl(
    name="long_paragraph",
    params=LongParagraphParams,
    evaluator="da_example_kinds.evaluate:LongParagraph",
    doc="a paragraph longer than max_chars characters",
)


class ExplodeParams(KindParams):
    agency: str  # evaluation raises on this agency's report


EXPLODE = KindDecl(name="explode", params=ExplodeParams, evaluator="da_example_kinds.evaluate:Explode")
'''

EVALUATE = """
from disclosure_audit.core.finding import Hit
from disclosure_audit.rules import RuleKind


class LongParagraph(RuleKind):
    def evaluate(self, ctx, report_ids):
        for rid in report_ids:
            for para in ctx.reports[rid].paragraphs:
                if len(para.text) > self.params.max_chars:
                    yield Hit(
                        report_id=rid,
                        section=para.section,
                        line=para.line,
                        raw=para.text,
                        expected=f"<= {self.params.max_chars}",
                        found=str(len(para.text)),
                        params={"chars": len(para.text), "max": self.params.max_chars},
                    )


class Explode(RuleKind):
    def evaluate(self, ctx, report_ids):
        for rid in sorted(report_ids):
            if ctx.reports[rid].agency == self.params.agency:
                raise RuntimeError(f"cannot evaluate {rid}")
            yield Hit(report_id=rid, found="x")
"""

RAISE_LINE = next(i for i, ln in enumerate(textwrap.dedent(EVALUATE).splitlines(), 1) if "raise RuntimeError" in ln)

LONG_RULE = """id: X-LONG
title: {zh: 段落过长, en: Paragraph too long}
message:
  zh: "第{line}行段落有{chars}字，超过{max}字"
  en: "Paragraph at line {line} has {chars} characters, over {max}"
category: integrity
severity: info
weight: 0
basis: {zh: 测试, en: test}
fix: {zh: 测试, en: test}
kind: long_paragraph
params: {max_chars: 100}
examples:
  - name: short
    expect: pass
    report: {paragraphs: [短段落。]}
  - name: long
    expect: failed
    count: 1
    message: 第200行段落有101字，超过100字
    report: {paragraphs: ["%s"]}
""" % ("长" * 101)

BOOM_RULE = """id: X-BOOM
title: {zh: 会出错的规则, en: A rule that raises}
message: {zh: 测试, en: test}
category: integrity
severity: error
weight: 5
basis: {zh: 测试, en: test}
fix: {zh: 测试, en: test}
kind: explode
params: {agency: 云岭区住房和城乡建设局}
examples:
  - name: a
    expect: pass
    report: {}
  - name: b
    expect: failed
    report: {}
"""


@pytest.fixture(scope="module")
def plugin(tmp_path_factory):
    root = tmp_path_factory.mktemp("plugin")
    pkg = root / "da_example_kinds"
    pkg.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "params.py").write_text(textwrap.dedent(PARAMS), encoding="utf-8")
    (pkg / "evaluate.py").write_text(textwrap.dedent(EVALUATE), encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", str(root)], check=True, timeout=300)
    importlib.invalidate_caches()
    try:
        yield root
    finally:
        subprocess.run([*pip, "uninstall", "-y", PACKAGE], check=True, timeout=300)
        for mod in [m for m in sys.modules if m.startswith("da_example_kinds")]:
            del sys.modules[mod]
        importlib.invalidate_caches()


def _rules(tmp_path: Path, **files: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    for name, text in files.items():
        (rules / "checks" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return rules


def _reports(tmp_path: Path, *names: str) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    for n in names:
        shutil.copy(DEMO / n, d)
    return d


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def run(reports: Path, rules: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    args = ("run", str(reports), "--rules", str(rules), "--out", str(out), "--no-history", "-q", *flags)
    return cli(*args, cwd=out.parent)


def test_third_party_kind_audits_a_report(plugin, tmp_path):
    rules = _rules(tmp_path, **{"X-LONG": LONG_RULE})
    check = cli("rules", "check", "--rules", str(rules), cwd=tmp_path)
    assert check.returncode == 0, check.stderr  # its examples run through the engine like any rule's
    reports = _reports(tmp_path, CLEAN)
    res = cli(
        "run", str(reports), "--rules", str(rules), "--out", str(tmp_path / "out"), "--no-history", "-q", cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    doc = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    found = [f for r in doc["reports"] for f in r["findings"] if f["rule_id"] == "X-LONG"]
    # the demo report's paragraphs over 100 characters: 111 and 147
    assert sorted(f["params"]["chars"] for f in found) == [111, 147]
    for f in found:
        assert f["message"]["zh"] == f"第{f['line']}行段落有{f['params']['chars']}字，超过100字"
    listing = cli("rules", "list", "--rules", str(rules), cwd=tmp_path)
    assert "X-LONG" in listing.stdout


def test_loading_a_third_party_rule_imports_its_params_not_its_evaluator(plugin, tmp_path):
    rules = _rules(tmp_path, **{"X-LONG": LONG_RULE})
    code = (
        "import sys\n"
        "from disclosure_audit.rules.loader import load_rules\n"
        f"loaded, errors = load_rules({str(rules)!r})\n"
        "assert errors == [], errors\n"
        "assert 'X-LONG' in {r.spec.id for r in loaded}\n"
        "print(sorted(m for m in sys.modules if m.startswith('da_example_kinds')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "['da_example_kinds', 'da_example_kinds.params']"


def test_a_rule_that_raises_is_reported_and_the_run_goes_on(plugin, tmp_path):
    reports = _reports(tmp_path, CLEAN, OTHER)
    baseline = audit(reports, _rules(tmp_path / "a"))
    rules = _rules(tmp_path / "b", **{"X-BOOM": BOOM_RULE})
    res = cli(
        "run", str(reports), "--rules", str(rules), "--out", str(tmp_path / "out"), "--no-history", "-q", cwd=tmp_path
    )
    assert res.returncode == 1  # like a broken rule file
    assert "rule X-BOOM (explode) raised RuntimeError: cannot evaluate 04_yunling_zjj_2021.txt" in res.stderr
    doc = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert doc["run"]["broken_rules"] == [
        {
            "rule_id": "X-BOOM",
            "file": "rules/checks/X-BOOM.yaml",
            "kind": "explode",
            "error": "RuntimeError",
            "message": "cannot evaluate 04_yunling_zjj_2021.txt",
            "where": f"evaluate.py:{RAISE_LINE}",
            "reports": ["01_clean_qinghe_scjgj_2022.txt", "04_yunling_zjj_2021.txt"],
        }
    ]
    findings = {(f["rule_id"], f["id"]) for r in doc["reports"] for f in r["findings"]}
    assert not any(rule == "X-BOOM" for rule, _ in findings), "a broken rule leaves no partial result"
    # nor is it a passed check on the agency pages: it was not applied
    for r in doc["reports"]:
        (boom,) = [c for c in r["checks"] if c["rule_id"] == "X-BOOM"]
        assert boom["status"] == "not_applicable" and boom["reason"]["zh"] == "规则运行出错，本次未执行"
    # every other rule ran on every report exactly as without the broken one
    assert findings == {(f.rule_id, f.id) for f in baseline.findings}
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "X-BOOM" in index and "RuntimeError" in index and "cannot evaluate 04_yunling_zjj_2021.txt" in index


def test_rule_examples_do_not_hide_an_exception(plugin, tmp_path):
    """`rules check` runs examples without isolation: a raising kind fails loudly, never passes."""
    rules = _rules(tmp_path, **{"X-BOOM": BOOM_RULE.replace("云岭区住房和城乡建设局", "示例县示例局")})
    res = cli("rules", "check", "--rules", str(rules), cwd=tmp_path)
    assert res.returncode != 0 and "cannot evaluate example" in res.stderr


PREVIEW_RULE = (
    (RULES / "checks" / "META-TITLE.yaml")
    .read_text(encoding="utf-8")
    .replace("id: META-TITLE", "id: X-PREVIEW-TITLE\nstatus: preview")
)


def test_preview_rules_run_only_when_asked(tmp_path):
    rules = _rules(tmp_path, **{"X-PREVIEW-TITLE": PREVIEW_RULE})
    reports = _reports(tmp_path, "08_untitled_jiedao_2021.txt")
    plain = audit(reports, rules)
    assert "X-PREVIEW-TITLE" not in {r.spec.id for r in plain.rules}
    assert [f.rule_id for f in plain.findings if f.rule_id in ("META-TITLE", "X-PREVIEW-TITLE")] == ["META-TITLE"]
    preview = audit(reports, rules, preview=True)
    assert "X-PREVIEW-TITLE" in {r.spec.id for r in preview.rules} and preview.preview
    fired = sorted(f.rule_id for f in preview.findings if f.rule_id in ("META-TITLE", "X-PREVIEW-TITLE"))
    assert fired == ["META-TITLE", "X-PREVIEW-TITLE"]
    listing = cli("rules", "list", "--rules", str(rules), cwd=tmp_path).stdout.splitlines()
    (line,) = [ln for ln in listing if ln.startswith("X-PREVIEW-TITLE")]
    assert line.endswith("[preview]")
    assert not next(ln for ln in listing if ln.startswith("META-TITLE")).endswith("[preview]")
    out = tmp_path / "out"
    res = cli(
        "run", str(reports), "--rules", str(rules), "--out", str(out), "--no-history", "--preview", "-q", cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert doc["run"]["preview"] is True
    assert any(f["rule_id"] == "X-PREVIEW-TITLE" for r in doc["reports"] for f in r["findings"])
    catalogue = (out / "rules.html").read_text(encoding="utf-8")
    assert "X-PREVIEW-TITLE" in catalogue and "预览" in catalogue


def test_reports_without_any_table_break_no_rule(tmp_path):
    """The stacked cell frame of a run in which no report has a table is empty, not a broken contract."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(
        "青禾县某局2022年政府信息公开工作年度报告\n一、总体情况\n本年度无。\n", encoding="utf-8"
    )
    result = audit(reports, RULES)
    assert result.broken_rules == []
    assert {f.rule_id for f in result.findings} >= {"EXT-TABLE"}
