"""Finding ids are readable anchors: the rule and the finding's number among that rule's findings of
the report (T3-BAL-1, T3-BAL-2), in the report's finding order; the agency page carries each as an id
and every link to a finding (deductions, review summary, table cells, source lines) uses it."""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.fragments: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.fragments.append(a["href"][1:])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    # 03 has two T3-BAL findings; 15 has a finding awaiting review (the review summary links to it)
    for name in ("03_songxi_zhen_2020.txt", "15_wangjiang_swj_2021_crawler.txt", "waivers.yaml"):
        shutil.copy(DEMO / name, src / name)
    out = tmp_path_factory.mktemp("out")
    result = audit(src, RULES)
    write_outputs(result, out)
    return result, out


def test_ids_number_each_rules_findings_in_report_order(site):
    result, _ = site
    assert result.findings
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f in result.findings:  # the report's finding order
        m = re.fullmatch(rf"{re.escape(f.rule_id)}-([1-9][0-9]*)", f.id)
        assert m, f.id
        numbers[f.report_id, f.rule_id].append(int(m.group(1)))
    assert all(ns == list(range(1, len(ns) + 1)) for ns in numbers.values()), numbers
    bal = [f.id for f in result.findings if f.report_id == "03_songxi_zhen_2020.txt" and f.rule_id == "T3-BAL"]
    assert bal == ["T3-BAL-1", "T3-BAL-2"]


def test_findings_json_carries_the_same_ids(site):
    result, out = site
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    got = {(r["report_id"], f["id"]) for r in doc["reports"] for f in r["findings"]}
    assert got == {(f.report_id, f.id) for f in result.findings}


def test_every_finding_is_an_anchor_and_every_link_to_a_finding_resolves(site):
    result, out = site
    for rid in result.reports:
        page = next((out / "agencies").glob(f"{rid}*.html"))
        p = _Anchors()
        p.feed(page.read_text(encoding="utf-8"))
        assert len(p.ids) == len(set(p.ids)), page.name
        mine = {f.id for f in result.findings if f.report_id == rid}
        assert mine <= set(p.ids), page.name
        to_findings = [x for x in p.fragments if re.fullmatch(r"[A-Z][A-Z0-9-]*-[0-9]+", x)]
        assert to_findings and set(to_findings) <= mine, page.name
