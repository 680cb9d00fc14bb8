"""The generated site in a real headless Chromium (Debian `chromium`, driven by Playwright):
ranking sorts and filters, two clicks lead from the ranking to the cell of a fault, no console
errors, and markup inside a report executes nothing. Screenshots go to test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from disclosure_audit.ingest.decode import decode_bytes
from disclosure_audit.pipeline import audit, discover
from disclosure_audit.render import write_outputs
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
# the demo reports that are audited and ranked: every report input but the scan
AUDITED = [f for f in discover(DEMO) if f.suffix != ".pdf"]
ARTIFACTS = RULES.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><svg onload="window.__pwned=3">'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("in")
    for f in DEMO.iterdir():
        shutil.copy(f, src / f.name)
    clean = decode_bytes((DEMO / "01_clean_qinghe_scjgj_2022.txt").read_bytes()).text
    (src / "zz_markup.txt").write_text(
        clean.replace("一、总体情况", f"一、总体情况\n{XSS}", 1).replace(
            "青禾县市场监督管理局", "青禾县<b onmouseover=alert(1)>市场</b>监督管理局"
        ),
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("site")
    write_outputs(audit(src, RULES), out)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def column(page, idx: int) -> list[str]:
    return page.eval_on_selector_all(
        "#ranking tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{idx}].getAttribute('data-v') || r.cells[{idx}].textContent.trim())",
    )


def header(page, text: str):
    return page.locator("#ranking thead th", has_text=text).first


def test_ranking_sorts_by_every_kind_of_column(site, page):
    page.goto((site / "index.html").as_uri())
    # every text report and the markup copy; the scan is not audited, so it is not ranked
    assert page.locator("#ranking tbody tr").count() == len(AUDITED) + 1
    header(page, "得分").click()
    asc = [float(x) for x in column(page, 6)]
    assert asc == sorted(asc)
    header(page, "得分").click()
    desc = [float(x) for x in column(page, 6)]
    assert desc == sorted(desc, reverse=True) and asc != desc
    assert header(page, "得分").get_attribute("aria-sort") == "descending"
    header(page, "错误").click()
    errors = [int(x) for x in column(page, 8)]
    assert errors == sorted(errors)
    header(page, "机关").click()
    names = column(page, 1)
    assert names == page.evaluate("n => n.slice().sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))", names)
    shot(page, "ranking-sorted")
    assert page.errors == []


def test_ranking_filters(site, page):
    page.goto((site / "index.html").as_uri())
    total = page.locator("#ranking tbody tr").count()
    page.select_option("#filter-level", "乡镇街道")
    levels = column(page, 2)
    assert levels and set(levels) == {"乡镇街道"} and len(levels) < total
    assert page.locator("#shown").inner_text() == str(len(levels))
    page.select_option("#filter-region", "望江市")
    both = page.eval_on_selector_all(
        "#ranking tbody tr:not([hidden])", "rs => rs.map(r => [r.cells[2].textContent, r.cells[3].textContent])"
    )
    assert both and all(lv == "乡镇街道" and rg == "望江市" for lv, rg in both)
    page.select_option("#filter-level", "")
    page.select_option("#filter-region", "")
    page.select_option("#filter-grade", "不合格")
    assert set(
        page.eval_on_selector_all("#ranking tbody tr:not([hidden])", "rs => rs.map(r => r.cells[7].textContent)")
    ) == {"不合格"}
    page.select_option("#filter-grade", "")
    page.fill("#filter-text", "卫生健康")
    assert column(page, 1) == ["青禾县卫生健康局"]
    page.fill("#filter-text", "")
    assert page.locator("#ranking tbody tr:not([hidden])").count() == total
    assert page.errors == []


def test_two_clicks_from_ranking_to_the_faulty_cell(site, page):
    page.goto((site / "index.html").as_uri())
    page.locator("#ranking tbody tr", has_text="06_qinghe_jytyj_2021.txt").locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("agencies/06_qinghe_jytyj_2021.html")
    bad = page.locator("td.bad a").first
    finding_id = bad.get_attribute("href").lstrip("#")
    bad.click()
    assert page.url.endswith("#" + finding_id)
    target = page.locator(f"[id='{finding_id}']")
    assert target.is_visible() and page.evaluate("id => document.getElementById(id).matches(':target')", finding_id)
    text = target.inner_text()
    assert "行" in text and ("=" in text or "“" in text)
    shot(page, "agency-finding-target")
    assert page.errors == []


def test_every_agency_page_and_rule_page_loads_cleanly(site, page):
    """Every agency page and a sample of the rule pages in a real browser (every link of every page is
    checked without one in tests/test_pipeline.py::test_every_link_resolves)."""
    rule_pages = sorted((site / "rules").glob("*.html"))
    assert len(rule_pages) > 30
    for f in [site / "rules.html", *sorted((site / "agencies").glob("*.html")), *rule_pages[::6]]:
        page.goto(f.as_uri())
        assert page.locator("main h1").count() == 1, f.name
    assert page.errors == []


def test_not_audited_section_lists_the_scan_apart_from_the_ranking(site, page):
    page.goto((site / "index.html").as_uri())
    section = page.locator("#not-audited-reports")
    assert page.locator("h2#not-audited").inner_text() == "未能审查的报告"
    assert section.is_visible() and section.locator("tbody tr").count() == 1
    row = section.locator("tbody tr").first
    assert row.get_attribute("data-code") == "scan"
    text = row.inner_text()
    assert "12_scan_baiyuwan_2022.pdf" in text and "白鹭湾街道办事处" in text
    assert "报告无法作为文本读取（扫描件或无文本层的文件）" in text and "请提供可复制文本的版本（非扫描件）" in text
    ranked_files = page.eval_on_selector_all("#ranking tbody tr", "rs => rs.map(r => r.cells[11].textContent.trim())")
    assert "12_scan_baiyuwan_2022.pdf" not in ranked_files and len(ranked_files) == len(AUDITED) + 1
    assert page.locator("#n-not-audited").inner_text() == "1"
    assert page.locator("#n-reports").inner_text() == str(len(ranked_files))
    page.select_option("#filter-grade", "不合格")  # filters never bring the scan into the ranking
    assert "12_scan_baiyuwan_2022.pdf" not in column(page, 11)
    shot(page, "not-audited-section")
    row.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("agencies/12_scan_baiyuwan_2022.html")
    assert page.locator("#not-audited").inner_text().endswith("未能审查")
    assert page.locator("#not-audited-reason").is_visible()
    assert "请提供可复制文本的版本（非扫描件）" in page.locator("#not-audited-reason").inner_text()
    assert page.locator("#score").count() == 0 and page.locator("#deductions").count() == 0
    assert page.locator("[id='" + page.locator(".finding").first.get_attribute("id") + "']").is_visible()
    assert "合格" not in page.locator(".cards").inner_text()
    assert page.errors == []


def test_markup_in_a_report_executes_nothing(site, page):
    page.goto((site / "agencies" / "zz_markup.html").as_uri())
    page.mouse.move(10, 10)
    page.locator("body").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert "<script>window.__pwned=1</script>" in page.locator("main").inner_text()
    page.goto((site / "index.html").as_uri())
    page.locator("#ranking a", has_text="市场").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "markup-escaped")
    assert page.errors == []


def test_chart_labels_do_not_overlap(page):
    """Both charts with English and Chinese labels, measured in Chromium: no text overlaps another
    (the y-axis label once sat on the top tick label), and every bar label ends before its bar."""
    from disclosure_audit.render.charts import score_histogram, top_rules
    from disclosure_audit.render.i18n import UI

    long_en = "Table 3 row II (carried over) this year equals row IV (carried forward) of last year's report"
    long_zh = "表三“二、上年结转政府信息公开申请数量”应等于上一年报告“四、结转下年度继续办理”（逐列）"
    charts = [
        score_histogram([12, 35, 55, 71, 72, 78, 88, 95, 100], UI[lang]["chart_scores_x"], UI[lang]["chart_scores_y"])
        for lang in ("zh", "en")
    ] + [top_rules([("T3-XYEAR", long_en, 9), ("T2-19-XYEAR", long_zh, 4), ("BLANK-CELL", "Blank cell", 1)])]
    page.set_content("<!doctype html><meta charset=utf-8><body>" + "".join(charts))
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('svg')].map(svg => [...svg.querySelectorAll('text')].map(t => {
            const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; }))"""
    )
    for texts in boxes:
        for i, (a, ax0, ay0, ax1, ay1) in enumerate(texts):
            for b, bx0, by0, bx1, by1 in texts[i + 1 :]:
                overlap = min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5
                assert not overlap, f"{a!r} overlaps {b!r}"
    labels = [t for t in boxes[2] if t[0].startswith(("T3-", "T2-", "BLANK"))]
    assert len(labels) == 3 and all(x1 <= 300 for _, _, _, x1, _ in labels), labels
