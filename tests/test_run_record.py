"""The run record: audit.yaml (office, title, as_of) validated with file:line errors, the tool and
rule-set versions, rules_sha256 over the rule files, and the record on every page, in findings.json
and in the workbook."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from importlib import metadata

import pytest
import yaml
from openpyxl import load_workbook

from disclosure_audit.defaults import AUDIT_YAML
from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from disclosure_audit.run_record import AuditFile, AuditInfo, effective_as_of, load_audit_file, rules_sha256
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLEAN = DEMO / "01_clean_qinghe_scjgj_2022.txt"


def _folder(tmp_path, audit_yaml: str | None):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(CLEAN, d / CLEAN.name)
    if audit_yaml is not None:
        (d / "audit.yaml").write_text(audit_yaml, encoding="utf-8")
    return d


def test_audit_yaml_gives_office_title_and_as_of(tmp_path):
    d = _folder(
        tmp_path, "office: 青禾县政务公开办\ntitle: {zh: 2022年度年报审查, en: 2022 review}\nas_of: 2023-04-30\n"
    )
    info, errors = load_audit_file(d)
    assert errors == []
    assert info == AuditInfo(
        "青禾县政务公开办", {"zh": "2022年度年报审查", "en": "2022 review"}, date(2023, 4, 30), "audit.yaml"
    )


def test_no_audit_yaml_means_defaults(tmp_path):
    info, errors = load_audit_file(_folder(tmp_path, None))
    assert errors == [] and info.office is None and info.file is None and info.as_of is None
    assert info.title == {
        "zh": "政府信息公开工作年度报告合规审查",
        "en": "Government information disclosure annual reports: compliance audit",
    }


def test_a_plain_title_serves_both_languages(tmp_path):
    info, _ = load_audit_file(_folder(tmp_path, "title: 年报审查\n"))
    assert info.title == {"zh": "年报审查", "en": "年报审查"}


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("office: 某办\nofice: 某办\n", 2, "ofice"),  # a misspelt key
        ("office: 某办\ntitle:\n  zh: 审查\n", 3, "title.en"),  # half a title
        ("office: 某办\n\nas_of: 2023-13-45\n", 3, "as_of"),  # not a date
        ("office: [a, b\n", 1, "(yaml)"),  # not YAML: the bracket left open on line 1
        ("- office\n", 1, "(file)"),  # not a mapping
    ],
)
def test_a_bad_audit_yaml_names_file_and_line_and_falls_back_to_defaults(tmp_path, text, line, key):
    d = _folder(tmp_path, text)
    info, errors = load_audit_file(d)
    assert info == AuditInfo()
    assert errors and (errors[0].file, errors[0].line, errors[0].key) == (str(d / "audit.yaml"), line, key)


def test_a_bad_audit_yaml_does_not_stop_the_run(tmp_path):
    d = _folder(tmp_path, "office: 某办\nofice: 某办\n")
    result = audit(d, RULES)
    assert [str(e) for e in result.rule_errors] == [f"{d / 'audit.yaml'}:2: ofice: Extra inputs are not permitted"]
    assert result.record["office"] is None and result.record["audit_file"] is None
    assert [s.score for s in result.scores] == [100.0]


def test_as_of_comes_from_the_option_then_the_file_then_today():
    info = AuditInfo(as_of=date(2023, 4, 30))
    assert effective_as_of(date(2024, 1, 1), info) == (date(2024, 1, 1), "option")
    assert effective_as_of(None, info) == (date(2023, 4, 30), "audit.yaml")
    assert effective_as_of(None, AuditInfo(), today=date(2025, 5, 5)) == (date(2025, 5, 5), "today")


def test_as_of_from_audit_yaml_decides_waiver_expiry(tmp_path):
    """The waiver below is valid on 2022-06-30 and expired a day later."""
    waivers = (
        "waivers:\n  - rule: SEC-WORDING\n    scope: {agency: 青禾县市场监督管理局, year: 2022}\n"
        "    reason: 测试用豁免\n    approver: 某办 某人\n    expires: 2022-06-30\n"
    )
    for as_of, expired in (("2022-06-30", False), ("2022-07-01", True)):
        d = tmp_path / as_of
        d.mkdir()
        shutil.copy(CLEAN, d / CLEAN.name)
        (d / "waivers.yaml").write_text(waivers, encoding="utf-8")
        (d / "audit.yaml").write_text(f"as_of: {as_of}\n", encoding="utf-8")
        result = audit(d, RULES)
        assert result.record["as_of"] == as_of and result.record["as_of_source"] == "audit.yaml"
        assert ("WVR-EXPIRED" in {f.rule_id for f in result.findings}) is expired


def test_the_init_template_is_a_valid_audit_yaml():
    data = yaml.safe_load(AUDIT_YAML)
    conf = AuditFile.model_validate(data)
    assert conf.office and conf.title.zh and conf.title.en and conf.as_of is None


def test_rules_sha256_is_the_hash_of_the_rule_files_in_path_order(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    # computed here independently: the bytes of every rule file, sorted by path relative to rules/
    names = sorted(
        [f"checks/{p.name}" for p in (rules / "checks").glob("*.yaml")]
        + [f"templates/{p.name}" for p in (rules / "templates").glob("*.yaml")]
        + ["deadlines.yaml", "scoring.yaml"]
    )
    expected = hashlib.sha256(b"".join((rules / n).read_bytes() for n in names)).hexdigest()
    assert rules_sha256(rules) == expected
    # what is not a rule file does not count; a change to a rule file does
    (rules / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (rules / "ruleset.yaml").write_text('version: "9"\n', encoding="utf-8")
    assert rules_sha256(rules) == expected
    path = rules / "checks" / "T3-BAL.yaml"
    path.write_bytes(path.read_bytes().replace(b"weight: 10", b"weight: 11"))
    assert rules_sha256(rules) != expected


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = audit(DEMO, RULES)
    write_outputs(result, out)
    return result, out


def test_demo_record_in_findings_json(demo):
    _, out = demo
    record = json.loads((out / "findings.json").read_text(encoding="utf-8"))["run"]["record"]
    ruleset = yaml.safe_load((RULES / "ruleset.yaml").read_text(encoding="utf-8"))["version"]
    assert record == {
        "office": "望江市人民政府办公室政务公开科",
        "title": {
            "zh": "2019—2022年度政府信息公开工作年度报告审查（演示）",
            "en": "Review of the 2019–2022 government information disclosure annual reports (demo)",
        },
        "audit_file": "audit.yaml",
        "as_of": "2023-04-30",
        "as_of_source": "audit.yaml",
        "tool_version": metadata.version("disclosure-audit"),
        "ruleset_version": ruleset,
        "rules_sha256": rules_sha256(RULES),
        # 18 report files, the scan not audited; finding totals as the summary line of the run prints them
        "counts": {
            "reports": 18,
            "audited": 17,
            "not_audited": 1,
            "unreadable_files": 0,
            "findings": {"failed": 93, "not_evaluable": 13, "waived": 1, "needs_review": 2},
        },
    }


def test_every_page_carries_the_record(demo):
    _, out = demo
    pages = [out / "index.html", out / "rules.html", out / "scoring.html"]
    pages += sorted((out / "agencies").glob("*.html")) + sorted((out / "rules").glob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="run-record" id="run-record">') :]
        assert "望江市人民政府办公室政务公开科" in footer, page.name
        assert "2023-04-30（audit.yaml）" in footer and rules_sha256(RULES) in footer, page.name


def test_workbook_run_record_sheet(demo):
    _, out = demo
    rows = dict(load_workbook(out / "ranking.xlsx")["运行记录"].iter_rows(min_row=2, values_only=True))
    assert rows["审查机关"] == "望江市人民政府办公室政务公开科"
    assert rows["审查名称"] == "2019—2022年度政府信息公开工作年度报告审查（演示）"
    assert rows["审查基准日"] == "2023-04-30（audit.yaml）"
    assert rows["规则文件 SHA-256"] == rules_sha256(RULES)
    assert (rows["报告数"], rows["已审查"], rows["未能审查"], rows["不符合"], rows["无法核验"]) == (18, 17, 1, 93, 13)
    assert rows["已豁免"] == 1 and rows["待复核"] == 2
