"""Level inference that knows what it guessed, and TIME-LATE that deducts only on positive evidence."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from disclosure_audit.manifest import Manifest, apply_manifest
from disclosure_audit.model import Report
from disclosure_audit.zhtext.orgs import (
    LEVEL_SOURCE_GUESSED,
    LEVEL_SOURCE_NAME,
    infer_level,
    infer_level_confidence,
    infer_level_with_source,
    level_label,
)
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"


@pytest.mark.parametrize(
    ("agency", "level", "confidence"),
    [
        # a clear suffix decides it
        ("青禾县市场监督管理局", "部门", "confident"),
        ("望江市发展和改革委员会", "部门", "confident"),
        ("望江市卫生健康委", "部门", "confident"),
        ("青禾县政务服务中心", "部门", "confident"),
        ("青禾县档案馆", "部门", "confident"),
        ("某市公安局交通警察支队", "部门", "confident"),
        ("某市国有资产监督管理委员会", "部门", "confident"),
        ("淮安市人民政府", "政府", "confident"),
        ("青禾县人民政府办公室", "政府", "confident"),
        ("云岭区政府办公室", "政府", "confident"),
        ("松溪镇人民政府", "乡镇街道", "confident"),
        ("白鹭湾街道办事处", "乡镇街道", "confident"),
        ("某某乡人民政府", "乡镇街道", "confident"),
        # only a place or zone name decides it
        ("淮安市", "政府", "guessed"),
        ("青禾县", "政府", "guessed"),
        ("江苏省", "政府", "guessed"),
        ("某某自治州", "政府", "guessed"),
        ("某某旗", "政府", "guessed"),
        ("某某盟", "政府", "guessed"),
        ("某某新区", "政府", "guessed"),
        ("某某高新区管委会", "政府", "guessed"),
        ("某某经济开发区管理委员会", "政府", "guessed"),
        ("松溪镇", "乡镇街道", "guessed"),
        ("白鹭湾街道", "乡镇街道", "guessed"),
        # not a name: no level at all
        ("标题:青禾县卫生健康局", None, None),
        ("", None, None),
        (None, None, None),
        ("青禾县卫生健康局2022年", None, None),
        ("青禾县卫生健康局，", None, None),
        ("某" * 41, None, None),
        ("某某有限公司", None, None),
    ],
)
def test_infer_level_says_how_sure_it_is(agency, level, confidence):
    assert infer_level_confidence(agency) == (level, confidence)
    assert infer_level(agency) == level  # the old one-value function keeps working


def test_level_source_marks_a_guess():
    assert infer_level_with_source("淮安市") == ("政府", LEVEL_SOURCE_GUESSED)
    assert infer_level_with_source("淮安市人民政府") == ("政府", LEVEL_SOURCE_NAME)
    assert infer_level_with_source("标题:") == (None, None)
    assert level_label("政府", LEVEL_SOURCE_GUESSED, "zh") == "政府（推断）"
    assert level_label("政府", LEVEL_SOURCE_GUESSED, "en") == "government (guessed)"
    assert level_label("部门", "manifest", "zh") == "部门"
    assert level_label("部门", LEVEL_SOURCE_NAME, "en") == "department"


def test_manifest_agency_is_inferred_again_and_reader_notes_survive():
    r = Report(report_id="x", file="x.txt", agency="青禾县卫生健康局", published="2023-02-15")
    r.level, r.level_source = "部门", LEVEL_SOURCE_NAME
    r.text_meta = {"published_source": "online"}
    man = Manifest(rows={"x.txt": {"line": "2", "agency": "淮安市"}})
    apply_manifest(r, man, "x.txt")
    assert (r.level, r.level_source) == ("政府", LEVEL_SOURCE_GUESSED)
    assert r.text_meta["published_source"] == "online"
    assert r.text_meta["agency"] == "青禾县卫生健康局"
    man = Manifest(rows={"x.txt": {"line": "2", "agency": "淮安市", "level": "部门"}})
    apply_manifest(r, man, "x.txt")
    assert (r.level, r.level_source) == ("部门", "manifest")


@pytest.fixture(scope="module")
def guessed_run(tmp_path_factory):
    """A department's report registered under a bare place name: the level is only a guess, and the
    date falls between the department and the government deadline."""
    from disclosure_audit.pipeline import audit
    from disclosure_audit.render.html import write_site
    from disclosure_audit.render.json_out import build_findings_doc

    d = tmp_path_factory.mktemp("guessed")
    src = DEMO / "01_clean_qinghe_scjgj_2022.txt"
    shutil.copy(src, d / "a.txt")
    shutil.copy(src, d / "b.txt")
    (d / "manifest.csv").write_text(
        "file,agency,region,level,year,published,url\n"
        "a.txt,青禾县,青禾县,,2022,2023-02-15,\n"
        "b.txt,青禾县市场监督管理局,青禾县,,2022,2023-02-15,\n",
        encoding="utf-8",
    )
    result = audit(d, RULES)
    out = tmp_path_factory.mktemp("site")
    write_site(result, out, "zh")
    out_en = tmp_path_factory.mktemp("site_en")
    write_site(result, out_en, "en")
    doc = json.loads(json.dumps(build_findings_doc(result), ensure_ascii=False))
    return result, out, out_en, doc


def test_guessed_level_is_not_evaluable_between_deadlines(guessed_run):
    result = guessed_run[0]
    a, b = result.reports["a.txt"], result.reports["b.txt"]
    assert (a.level, a.level_source) == ("政府", LEVEL_SOURCE_GUESSED)
    assert (b.level, b.level_source) == ("部门", LEVEL_SOURCE_NAME)
    late_a = [f for f in result.findings if f.report_id == "a.txt" and f.rule_id == "TIME-LATE"]
    late_b = [f for f in result.findings if f.report_id == "b.txt" and f.rule_id == "TIME-LATE"]
    assert [f.outcome for f in late_a] == ["not_evaluable"]
    assert late_a[0].message["zh"] == (
        "无法核验“未按时公布年度报告”：机关层级系根据名称推断（政府（推断）），2023-02-15公布（清单），"
        "按部门时限2023-01-31逾期15天，按政府、乡镇街道时限2023-03-31未逾期"
    )
    assert [f.outcome for f in late_b] == ["failed"]
    assert late_b[0].arithmetic == "2023-02-15 − 2023-01-31 = 15天"
    assert late_b[0].details["published_source"] == "manifest"
    scores = {s.report_id: s for s in result.scores}
    assert not any(d.rule_id == "TIME-LATE" for d in scores["a.txt"].deductions)
    assert any(d.rule_id == "TIME-LATE" for d in scores["b.txt"].deductions)


def test_guessed_level_is_shown_as_guessed(guessed_run):
    _, out, out_en, doc = guessed_run

    def shown(path):  # the level in the page header (the TIME-LATE message also names the guess)
        return re.findall(r'<span class="level"[^>]*>([^<]*)</span>', path.read_text(encoding="utf-8"))

    assert shown(out / "agencies" / "a.txt.html") == ["政府（推断）"]
    assert shown(out / "agencies" / "b.txt.html") == ["部门"]
    assert shown(out_en / "agencies" / "a.txt.html") == ["government (guessed)"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<td>政府（推断）</td>") == 1  # the ranking row of a; the by-level table keeps 政府
    reports = {r["report_id"]: r for r in doc["reports"]}
    assert reports["a.txt"]["level"] == "政府"
    assert reports["a.txt"]["level_source"] == LEVEL_SOURCE_GUESSED
    assert reports["a.txt"]["level_label"] == {"zh": "政府（推断）", "en": "government (guessed)"}
    assert reports["b.txt"]["level_label"] == {"zh": "部门", "en": "department"}


def test_findings_json_with_guessed_level_validates(guessed_run):
    import jsonschema

    schema_path = RULES.parent / "src" / "disclosure_audit" / "render" / "schema" / "findings.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(guessed_run[3]))
    assert errors == []
