"""The review queue and the checks section of the agency pages in a real headless Chromium (Debian
`chromium` via Playwright, the fixtures of test_browser). Screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from tests.conftest import RULES, demo_copy
from tests.test_browser import ARTIFACTS, browser, page, shot  # noqa: F401  (fixtures)

DEMO = RULES.parent / "reports_in"
# passed checks of the clean demo report 01 (2021 format, 2022, no earlier report of its agency),
# counted from the rule files: every rule but the 3 that judge the waivers file, EXT-SCAN (unreadable
# files only), the 4 rules of the 2019 format and the 4 that compare with last year's report
CLEAN_PASSED = {"完整性": 15, "准确性": 25, "原创性": 2, "内容安全": 3, "及时性": 2}


def view_shot(pg, name: str) -> None:
    """The visible part only: the queue is many screens long."""
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    src = demo_copy(tmp_path_factory.mktemp("in"))
    out = tmp_path_factory.mktemp("site")
    write_outputs(audit(src, RULES, as_of=date(2023, 6, 1)), out)
    return out


def test_review_queue_groups_by_agency_and_copies_entries(site, page):  # noqa: F811
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((site / "review.html").as_uri())
    agencies = page.locator("section.review-agency")
    names = agencies.evaluate_all("els => els.map(e => e.querySelector('h2').textContent.trim())")
    # every demo agency with a queued finding (03, 04, 06, 07 and 20, 08, 09, 10, 11, 13, 15, 16, 17), once
    assert sorted(names) == sorted(
        [
            "松溪镇人民政府",
            "云岭区住房和城乡建设局",
            "青禾县教育体育局",
            "云岭区自然资源局",
            "白鹭湾街道办事处",
            "望江市发展和改革委员会",
            "望江市审计局",
            "青禾县卫生健康局",
            "白石县水利局",
            "望江市商务局",
            "白石县人力资源和社会保障局",
            "云岭区医疗保障局",
        ]
    )
    assert names == sorted(names)
    # one agency, two years: 云岭区自然资源局 2019 and 2020 under one heading
    zrzyj = page.locator("section.review-agency[data-agency='云岭区自然资源局'] section.review-report")
    assert zrzyj.evaluate_all("els => els.map(e => e.dataset.year)") == ["2019", "2020"]
    entries = page.locator(".review-entry")
    assert entries.count() == page.locator(".review-entry pre.waiver-entry").count() > 0
    assert page.locator(".review-entry .entry-box button.copy").count() >= entries.count()
    # the demo's known uncertain reading: 15's 表四 digit run, T4-SUM
    t4 = page.locator("section[data-report='15_wangjiang_swj_2021_crawler.txt'] .review-entry[data-rule='T4-SUM']")
    assert t4.count() == 1
    text = t4.inner_text()
    assert "读数不确定，待复核" in text and "该问题依据的读数不确定" in text
    assert "复议·维持+复议·纠正+复议·其他+复议·尚未审结 = 2+0+0+1 = 3; 差 1" in t4.locator("dd.mono").last.inner_text()
    assert t4.locator("pre.confirmation-entry").count() == 1
    button = t4.locator("button.copy").first
    button.click()
    page.wait_for_function("b => b.dataset.state === 'copied'", arg=button.element_handle())
    assert button.inner_text() == "已复制"
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert pasted == t4.locator("pre.waiver-entry").text_content()
    assert "  - rule: T4-SUM\n" in pasted and "reason: <填写豁免理由>" in pasted
    page.evaluate("window.scrollTo(0, 0)")
    view_shot(page, "review-queue")
    t4.evaluate("e => e.scrollIntoView()")
    view_shot(page, "review-queue-uncertain-reading")
    assert page.errors == []


def test_copy_all_takes_every_waiver_entry_of_a_report(site, page):  # noqa: F811
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((site / "review.html").as_uri())
    report = page.locator("section[data-report='07_yunling_zrzyj_2020.txt']")
    report.locator("button.copy-all").click()
    page.wait_for_function("b => b.dataset.state === 'copied'", arg=report.locator("button.copy-all").element_handle())
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert pasted == "".join(report.locator("pre.waiver-entry").all_text_contents())
    assert pasted.count("  - rule: ") == report.locator("pre.waiver-entry").count() == 10
    assert page.errors == []


def test_index_links_the_queue_with_its_count(site, page):  # noqa: F811
    page.goto((site / "index.html").as_uri())
    link = page.locator("#n-review")
    assert link.inner_text() == "39"
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("review.html") and page.locator("#review-total").inner_text() == "39"
    assert page.errors == []


def test_a_clean_agency_page_lists_the_checks_it_passed(site, page):  # noqa: F811
    page.goto((site / "agencies" / "01_clean_qinghe_scjgj_2022.txt.html").as_uri())
    assert "未发现问题" in page.locator("main").inner_text()
    assert page.locator("#checks-passed-count").inner_text() == "47"
    groups = page.locator("details.checks.passed")
    counts = groups.evaluate_all(
        "ds => ds.map(d => [d.querySelector('.check-category').textContent,"
        " +d.querySelector('.check-count').textContent])"
    )
    assert dict(counts) == CLEAN_PASSED and [c for c, _ in counts] == list(CLEAN_PASSED)
    accuracy = groups.filter(has_text="准确性")
    t3 = accuracy.locator("li[data-rule='T3-BAL']")
    assert not t3.is_visible(), "collapsed until opened"
    accuracy.locator("summary").click()
    assert t3.is_visible() and "表三勾稽关系" in t3.inner_text()
    assert accuracy.locator("li").count() == 25
    # nothing that did not apply is listed as passed: the 2019-format and last-year rules stand apart
    passed = set(page.locator("details.checks.passed li").evaluate_all("ls => ls.map(l => l.dataset.rule)"))
    assert not passed & {"T2-19-DELTA", "UNIT-MAGNITUDE", "T3-XYEAR", "COPY-PREV", "EXT-SCAN", "WVR-UNUSED"}
    na = page.locator("#checks-not-applicable")
    assert na.locator(".check-count").inner_text() == "8"
    na.locator("summary").click()
    assert "本规则只适用于2019年格式的报告" in na.locator("li[data-rule='T2-19-DELTA']").inner_text()
    assert page.locator("#review-count").inner_text() == "0"
    page.locator("details.checks.passed summary").evaluate_all("ss => ss.forEach(s => s.parentElement.open = true)")
    page.locator("#checks").scroll_into_view_if_needed()
    shot(page, "agency-clean-checks")
    assert page.errors == []


def test_an_agency_page_with_findings_lists_passed_and_unevaluable_checks(site, page):  # noqa: F811
    page.goto((site / "agencies" / "16_baishi_rsj_2020_layout.txt.html").as_uri())
    assert page.locator("#review-count").inner_text() == "3"
    assert page.locator("details.checks.passed").count() == 5
    ne = page.locator("ul.checks-ne li")
    assert ne.evaluate_all("ls => ls.map(l => l.dataset.rule)") == ["T3-COLSUM", "T3-RESULT"]
    assert "空白" in ne.first.locator(".check-reason").inner_text()
    page.locator("#review-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith("review.html#report-16_baishi_rsj_2020_layout.txt")
    section = page.locator("[id='report-16_baishi_rsj_2020_layout.txt']")
    assert section.locator(".review-entry").count() == 3
    view_shot(page, "review-queue-from-agency")
    page.goto((site / "agencies" / "16_baishi_rsj_2020_layout.txt.html").as_uri())
    page.locator("#checks").evaluate("e => e.scrollIntoView()")
    view_shot(page, "agency-checks")
    assert page.errors == []
