"""The rule pages' example results come from a cache keyed by the rule set: the pages are the same
bytes with the cache off, cold and warm; a warm run computes nothing; an edited rule file or a
damaged cache file never serves a stale or broken page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_audit.engine import example_cache
from disclosure_audit.engine.example_cache import example_outcomes, rule_set_hash
from disclosure_audit.pipeline import audit
from disclosure_audit.render.html import write_site
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for name in ("01_clean_qinghe_scjgj_2022.txt", "03_songxi_zhen_2020.txt"):
        shutil.copy(DEMO / name, src / name)
    return audit(src, RULES)


def _rule_pages(result, out: Path) -> dict[str, bytes]:
    write_site(result, out)
    return {p.name: p.read_bytes() for p in sorted((out / "rules").glob("*.html"))}


def _no_computing(*_args, **_kwargs):
    raise AssertionError("a warm cache must not run the examples again")


def test_pages_are_the_same_bytes_off_cold_and_warm(result, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_AUDIT_CACHE", "off")
    off = _rule_pages(result, tmp_path / "off")
    cache = tmp_path / "cache"
    monkeypatch.setenv("DISCLOSURE_AUDIT_CACHE", str(cache))
    cold = _rule_pages(result, tmp_path / "cold")
    assert len(list(cache.glob("examples-*.json"))) == 1
    monkeypatch.setattr(example_cache, "compute", _no_computing)
    warm = _rule_pages(result, tmp_path / "warm")
    assert len(off) == len(result.rules) > 30
    assert off == cold == warm
    # the pages show what the examples give: T3-BAL's failing example with its message
    assert "一+二" in off["T3-BAL.html"].decode("utf-8")


def test_an_edited_rule_file_is_not_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_AUDIT_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    loaded = load_rules(rules)[0]
    rule = next(r for r in loaded if r.spec.id == "T4-SUM")
    before = example_outcomes([rule], get_templates(rules), rules, loaded)["T4-SUM"]
    assert all(o.ok for o in before)
    key = rule_set_hash(rules)
    path = rules / "checks" / "T4-SUM.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("message:\n  zh: ", "message:\n  zh: 改 ", 1), "utf-8")
    assert rule_set_hash(rules) != key
    loaded = load_rules(rules)[0]
    rule = next(r for r in loaded if r.spec.id == "T4-SUM")
    after = example_outcomes([rule], get_templates(rules), rules, loaded)["T4-SUM"]
    failed = [o for o in after if o.messages["zh"]]
    assert failed and all(m.startswith("改 ") for o in failed for m in o.messages["zh"])
    assert not all(o.ok for o in after)  # the example's stated message no longer matches


def test_a_damaged_cache_file_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DISCLOSURE_AUDIT_CACHE", str(cache))
    loaded = load_rules(RULES)[0]
    rules = [r for r in loaded if r.spec.id in ("T3-BAL", "WVR-UNUSED")]
    fresh = example_outcomes(rules, get_templates(RULES), RULES, loaded)
    [path] = cache.glob("examples-*.json")
    for damage in ("{not json", '{"format": 1, "rules": {"T3-BAL": [{"ok": "yes"}], "WVR-UNUSED": 3}}'):
        path.write_text(damage, encoding="utf-8")
        assert example_outcomes(rules, get_templates(RULES), RULES, loaded) == fresh
