"""The bundled demo reports: every layout and encoding extracts, each deliberate defect is found by
its rule, and the clean reports produce no finding at all (score 100)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_file
from disclosure_audit.rules.loader import load_rules
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
EXPECT = yaml.safe_load((Path(__file__).parent / "data" / "demo_expectations.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECT)


def test_expectations_cover_every_demo_file():
    assert sorted(p.name for p in DEMO.glob("*.txt")) == NAMES
    assert len(NAMES) >= 8


@pytest.fixture(scope="module")
def reports():
    return {n: extract_file(DEMO / n, RULES) for n in NAMES}


@pytest.fixture(scope="module")
def findings(reports, templates):
    rules, errors = load_rules(RULES)
    assert not errors
    fs, _ = run_rules(list(reports.values()), rules, templates)
    return fs


def test_layouts_encodings_and_formats_are_all_represented(reports):
    layouts = {r.layout for r in reports.values()}
    assert {"tabcell", "tsv", "pipe", "markdown"} <= layouts
    encodings = {r.encoding for r in reports.values()}
    assert {"utf-8", "utf-8-sig", "gb18030", "utf-16"} <= encodings
    assert {r.template for r in reports.values()} == {"2019", "2021"}


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name, reports):
    exp, r = EXPECT[name], reports[name]
    assert r.template == str(exp["template"])
    assert r.year == exp["year"]
    assert r.agency == exp["agency"]
    assert r.published == exp["published"]
    assert r.layout == exp["layout"]


@pytest.mark.parametrize("name", NAMES)
def test_spot_cells(name, reports):
    r = reports[name]
    for c in EXPECT[name]["cells"]:
        cell = r.tables[c["table"]].cell(c["row"], c["column"])
        assert (cell.raw or "") == str(c["raw"]), c


@pytest.mark.parametrize("name", NAMES)
def test_defects_are_found(name, reports, findings):
    rid = reports[name].report_id
    fired = {f.rule_id for f in findings if f.report_id == rid and f.outcome == "failed"}
    must = set(EXPECT[name].get("must_fire") or [])
    assert must <= fired, f"missing: {sorted(must - fired)}"
    must_not = EXPECT[name].get("must_not_fire") or []
    if must_not == "all":
        mine = [f.message["zh"] for f in findings if f.report_id == rid]
        assert mine == [], mine
    else:
        assert not (set(must_not) & fired), sorted(set(must_not) & fired)


def test_every_rule_fires_somewhere_in_the_demo(findings):
    rules, _ = load_rules(RULES)
    fired = {f.rule_id for f in findings if f.outcome == "failed"}
    assert {r.spec.id for r in rules} - fired == set()
