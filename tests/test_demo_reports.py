"""The bundled demo corpus through the whole pipeline (manifest included): every layout and
encoding extracts, each deliberate defect is found by its rule, the clean reports produce no finding
at all (score 100), and every rule fires somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure_audit.pipeline import audit
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
DATA = Path(__file__).parent / "data"
EXPECT = yaml.safe_load((DATA / "demo_expectations.yaml").read_text(encoding="utf-8"))
EXTRAS = yaml.safe_load((DATA / "demo_extras.yaml").read_text(encoding="utf-8"))
# tools/make_demo_copies.py: whole entries for the files it writes (with `template`), additions for others
COPIES = yaml.safe_load((DATA / "demo_copies.yaml").read_text(encoding="utf-8"))
EXPECT.update({name: exp for name, exp in COPIES.items() if "template" in exp})
EXPECT.update({name: exp for name, exp in EXTRAS.items() if "template" in exp})
NAMES = sorted(EXPECT)


@pytest.fixture(scope="module")
def result():
    return audit(DEMO, RULES)


@pytest.fixture(scope="module")
def by_file(result):
    return {r.file: r for r in result.reports.values()}


def fired(result, report) -> set[str]:
    return {f.rule_id for f in result.findings_of(report.report_id) if f.outcome == "failed"}


def test_expectations_cover_every_demo_file(result):
    assert sorted(p.name for p in [*DEMO.glob("*.txt"), *DEMO.glob("*.md")] if p.name != "README.md") == NAMES
    assert len(NAMES) >= 8
    assert result.file_errors == [] and result.rule_errors == [] and result.manifest_problems == []


def test_layouts_encodings_and_formats_are_all_represented(by_file):
    reports = [by_file[n] for n in NAMES]
    assert {"tabcell", "tsv", "pipe", "markdown"} <= {r.layout for r in reports}
    assert {"utf-8", "utf-8-sig", "gb18030", "utf-16"} <= {r.encoding for r in reports}
    assert {r.template for r in reports} == {"2019", "2021"}


@pytest.mark.parametrize("name", NAMES)
def test_metadata_as_the_text_states_it(name, by_file):
    exp, r = EXPECT[name], by_file[name]
    assert r.template == str(exp["template"])
    assert r.text_meta["year"] == exp["year"]
    assert r.text_meta["agency"] == exp["agency"]
    assert r.text_meta["published"] == exp["published"]
    assert r.layout == exp["layout"]


@pytest.mark.parametrize("name", NAMES)
def test_spot_cells(name, by_file):
    r = by_file[name]
    for c in EXPECT[name]["cells"]:
        cell = r.tables[c["table"]].cell(c["row"], c["column"])
        assert (cell.raw or "") == str(c["raw"]), c


@pytest.mark.parametrize("name", NAMES)
def test_defects_are_found(name, result, by_file):
    r = by_file[name]
    got = fired(result, r)
    adds = [x.get(name, {}) for x in (EXTRAS, COPIES) if "template" not in x.get(name, {})]
    must = set(EXPECT[name].get("must_fire") or []).union(*(a.get("must_fire") or [] for a in adds))
    must |= set(COPIES.get(name, {}).get("must_fire") or [])
    assert must <= got, f"missing: {sorted(must - got)}"
    must_not = EXPECT[name].get("must_not_fire") or []
    if must_not == "all":
        assert [f.message["zh"] for f in result.findings_of(r.report_id)] == []
        assert next(s for s in result.scores if s.report_id == r.report_id).score == 100.0
    else:
        must_not = set(must_not).union(*(a.get("must_not_fire") or [] for a in adds))
        must_not |= set(COPIES.get(name, {}).get("must_not_fire") or [])
        assert not (must_not & got), sorted(must_not & got)


@pytest.mark.parametrize("name", [n for n in NAMES if "form" in EXPECT[n]])
def test_wild_forms_find_only_what_was_put_there(name, result, by_file):
    """A report in a form found in the wild (a crawler's one-line text, pdftotext -layout, converter
    markdown): every failed finding is a deliberate defect or a known reader issue; the deliberate
    findings that rest on an uncertain reading are marked for review (and deduct nothing), the others
    are not."""
    exp, r = EXPECT[name], by_file[name]
    adds = [x.get(name, {}) for x in (EXTRAS, COPIES) if "template" not in x.get(name, {})]
    intended = set(exp["must_fire"]).union(*(a.get("must_fire") or [] for a in adds))
    failed = [f for f in result.findings_of(r.report_id) if f.outcome == "failed"]
    assert {f.rule_id for f in failed} - intended - set(exp["reader_issues"]) == set()
    for f in failed:
        if f.rule_id in intended:
            assert (f.review is not None) == (f.rule_id in exp["review"]), (f.rule_id, f.review)
    assert {f.rule_id for f in failed if f.review is not None} <= set(exp["review"]) | set(exp["reader_issues"])


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXTRAS.items() if {"agency", "level"} & set(e) and "template" not in e)
)
def test_manifest_drives_metadata(name, by_file):
    r = by_file[name]
    exp = EXTRAS[name]
    if "agency" in exp:
        assert r.agency == exp["agency"]
    if "level" in exp:
        assert r.level == exp["level"]
    assert r.region and r.url and r.manifest


def test_scan_is_reported_not_failed_content(result, by_file):
    scan = by_file["12_scan_baiyuwan_2022.pdf"]
    assert scan.machine_readable is False
    assert {f.rule_id for f in result.findings_of(scan.report_id)} == {"EXT-SCAN"}


def test_scan_is_not_audited_scored_or_ranked(result, by_file):
    """It used to score 70 and rank: what the reader cannot read is not the agency's fault."""
    scan = by_file["12_scan_baiyuwan_2022.pdf"]
    assert scan.not_audited["code"] == EXTRAS["12_scan_baiyuwan_2022.pdf"]["not_audited"] == "scan"
    s = next(s for s in result.scores if s.report_id == scan.report_id)
    assert (s.score, s.grade, s.rank, s.passed, s.deductions) == (None, None, None, False, [])
    assert s.grade_label("zh") == "未能审查" and s.grade_label("en") == "Not audited"
    ranked = [x for x in result.scores if x.rank is not None]
    assert result.scores[-1] is s and len(ranked) == len(result.scores) - 1
    assert s.year_rank is None and s.level_rank is None
    assert min(x.rank for x in ranked) == 1 and max(x.rank for x in ranked) <= len(ranked)
    # listed by year, newest first, each year in rank order from 1
    for year in {by_id.year for by_id in by_file.values() if by_id.year}:
        in_year = [x.year_rank for x in ranked if result.reports[x.report_id].year == year]
        assert in_year == sorted(in_year) and (not in_year or in_year[0] == 1)


def test_every_rule_fires_somewhere_in_the_demo(result):
    assert {r.spec.id for r in result.rules} - {f.rule_id for f in result.findings if f.outcome == "failed"} == set()
