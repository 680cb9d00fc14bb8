"""The generated site in a real headless Chromium (Debian `chromium`, driven by Playwright):
one ranking per year that sorts, filters and re-ranks what it shows, two clicks lead from the
ranking to the cell of a fault, the reports that could not be audited are listed apart, the
scoring method page, an agency's trend over the years, the run record on every page and printout,
no console errors, and markup inside a report executes nothing. Screenshots go to test-artifacts/."""

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
    (src / "zz_broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")  # gives no report at all
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


def ranks(page, section: str, col: int = 0) -> list[int]:
    """The rank numbers shown in one year's table, top to bottom, visible rows only."""
    return [
        int(x)
        for x in page.eval_on_selector_all(
            f"#ranking-{section} tbody tr:not([hidden])", f"rows => rows.map(r => r.cells[{col}].textContent.trim())"
        )
    ]


def agencies(page, section: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#ranking-{section} tbody tr:not([hidden])", "rows => rows.map(r => r.cells[2].textContent.trim())"
    )


def test_ranking_sorts_by_every_kind_of_column(site, page):
    page.goto((site / "index.html").as_uri())
    # every text report and the markup copy; the scan is not audited, so it is not ranked
    assert page.locator("#ranking tbody tr").count() == len(AUDITED) + 1
    table = "#ranking-2021"

    def col(idx: int) -> list[str]:
        return page.eval_on_selector_all(
            f"{table} tbody tr",
            f"rs => rs.map(r => r.cells[{idx}].getAttribute('data-v') || r.cells[{idx}].textContent.trim())",
        )

    def head(text: str):
        return page.locator(f"{table} thead th", has_text=text).first

    head("得分").click()
    asc = [float(x) for x in col(7)]
    assert asc == sorted(asc)
    head("得分").click()
    desc = [float(x) for x in col(7)]
    assert desc == sorted(desc, reverse=True) and asc != desc
    assert head("得分").get_attribute("aria-sort") == "descending"
    head("错误").click()
    errors = [int(x) for x in col(9)]
    assert errors == sorted(errors)
    page.locator(f"{table} thead th").nth(2).click()  # 机关
    names = col(2)
    assert names == page.evaluate("n => n.slice().sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))", names)
    # sorting one year's table leaves the others as they were
    assert ranks(page, "2020") == [1, 2, 3, 4, 5]
    shot(page, "ranking-sorted")
    assert page.errors == []


def test_one_ranking_per_year_newest_first_with_level_ranks(site, page):
    page.goto((site / "index.html").as_uri())
    years = page.eval_on_selector_all("#ranking section.year-ranking", "ss => ss.map(s => s.dataset.year)")
    assert years == ["2022", "2021", "2020", "2019"]
    assert page.locator("#ranking-2020 h2").inner_text().startswith("2020年度")
    # 2020: 司法局 100, 人社局 93, 审计局 77, 松溪镇 58 (the year's only 乡镇街道), 自然资源局 49
    assert agencies(page, "2020") == [
        "云岭区司法局",
        "白石县人力资源和社会保障局",
        "望江市审计局",
        "松溪镇人民政府",
        "云岭区自然资源局",
    ]
    assert ranks(page, "2020") == [1, 2, 3, 4, 5]
    assert ranks(page, "2020", col=1) == [1, 2, 3, 1, 4]
    # 2022: the clean report and its markup copy tie at 100
    assert ranks(page, "2022") == [1, 1, 3, 4, 5, 6]
    assert ranks(page, "2019") == [1]
    shot(page, "index")
    assert page.errors == []


def test_filters_re_rank_what_is_shown(site, page):
    page.goto((site / "index.html").as_uri())
    page.select_option("#filter-level", "部门")
    # 2021 部门: 商务局 100 and 水利局 100 (tie), 发改委 75.5, 教体局 63, 住建局 17; 白鹭湾街道 is hidden
    assert ranks(page, "2021") == [1, 1, 3, 4, 5] and "白鹭湾街道办事处" not in agencies(page, "2021")
    assert ranks(page, "2020") == [1, 2, 3, 4]
    page.select_option("#filter-level", "")
    page.select_option("#filter-year", "2020")
    assert page.locator("#ranking-2020").is_visible() and not page.locator("#ranking-2021").is_visible()
    page.select_option("#filter-grade", "不合格")
    assert agencies(page, "2020") == ["松溪镇人民政府", "云岭区自然资源局"]
    assert ranks(page, "2020") == [1, 2] and ranks(page, "2020", col=1) == [1, 1]
    assert page.locator("#shown").inner_text() == "2"
    page.select_option("#filter-grade", "")
    page.select_option("#filter-year", "")
    page.select_option("#filter-region", "望江市")
    assert agencies(page, "2021") == ["望江市商务局", "白鹭湾街道办事处", "望江市发展和改革委员会"]
    assert ranks(page, "2021") == [1, 2, 3]
    assert ranks(page, "2021", col=1) == [1, 1, 2]  # 街道 alone among 乡镇街道; 发改委 second 部门
    shot(page, "ranking-filtered")
    # the text search only hides rows: a searched agency keeps its rank
    page.select_option("#filter-region", "")
    page.fill("#filter-text", "卫生健康")
    assert agencies(page, "2022") == ["青禾县卫生健康局"] and ranks(page, "2022") == [6]
    page.fill("#filter-text", "")
    assert ranks(page, "2022") == [1, 1, 3, 4, 5, 6] and ranks(page, "2021") == [1, 1, 3, 4, 5, 6]
    assert page.locator("#ranking tbody tr:not([hidden])").count() == len(AUDITED) + 1
    assert page.errors == []


def test_ranking_filters(site, page):
    page.goto((site / "index.html").as_uri())
    total = page.locator("#ranking tbody tr").count()
    page.select_option("#filter-level", "乡镇街道")
    levels = column(page, 3)
    assert levels and set(levels) == {"乡镇街道"} and len(levels) < total
    assert page.locator("#shown").inner_text() == str(len(levels))
    page.select_option("#filter-region", "望江市")
    both = page.eval_on_selector_all(
        "#ranking tbody tr:not([hidden])", "rs => rs.map(r => [r.cells[3].textContent, r.cells[4].textContent])"
    )
    assert both and all(lv == "乡镇街道" and rg == "望江市" for lv, rg in both)
    page.select_option("#filter-level", "")
    page.select_option("#filter-region", "")
    page.select_option("#filter-grade", "不合格")
    assert set(
        page.eval_on_selector_all("#ranking tbody tr:not([hidden])", "rs => rs.map(r => r.cells[8].textContent)")
    ) == {"不合格"}
    page.select_option("#filter-grade", "")
    page.fill("#filter-text", "卫生健康")
    assert column(page, 2) == ["青禾县卫生健康局"]
    page.fill("#filter-text", "")
    assert page.locator("#ranking tbody tr:not([hidden])").count() == total
    assert page.errors == []


def test_two_clicks_from_ranking_to_the_faulty_cell(site, page):
    page.goto((site / "index.html").as_uri())
    page.locator("#ranking tbody tr", has_text="06_qinghe_jytyj_2021.txt").locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("agencies/06_qinghe_jytyj_2021.txt.html")
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
    agencies = sorted((site / "agencies").glob("*.html"))
    for f in [site / "rules.html", site / "scoring.html", *agencies, *rule_pages[::6]]:
        page.goto(f.as_uri())
        assert page.locator("main h1").count() == 1, f.name
    assert page.errors == []


def test_not_audited_section_lists_the_scan_apart_from_the_ranking(site, page):
    page.goto((site / "index.html").as_uri())
    section = page.locator("#not-audited-reports")
    assert page.locator("h2#not-audited").inner_text() == "未能审查的报告"
    # the scan, then the file that gave no report at all
    assert section.is_visible() and section.locator("tbody tr").count() == 2
    row = section.locator("tbody tr").first
    assert row.get_attribute("data-code") == "scan"
    text = row.inner_text()
    assert "12_scan_baiyuwan_2022.pdf" in text and "白鹭湾街道办事处" in text and "2022" in text
    assert "报告无法作为文本读取（扫描件或无文本层的文件）" in text and "请提供可复制文本的版本（非扫描件）" in text
    broken = section.locator("tbody tr").nth(1)
    assert broken.get_attribute("data-code") == "unreadable"
    assert "zz_broken.docx" in broken.inner_text() and "文件无法读取" in broken.inner_text()
    assert "请提供可以正常打开、可复制文字的文件" in broken.inner_text()
    ranked_files = page.eval_on_selector_all("#ranking tbody tr", "rs => rs.map(r => r.cells[12].textContent.trim())")
    assert "12_scan_baiyuwan_2022.pdf" not in ranked_files and len(ranked_files) == len(AUDITED) + 1
    assert page.locator("#n-not-audited").inner_text() == "1"
    assert page.locator("#n-reports").inner_text() == str(len(ranked_files))
    # never a score, a grade or a pass: nothing in the section reads like one
    assert not any(word in section.inner_text() for word in ("优秀", "良好", "合格", "得分"))
    page.select_option("#filter-grade", "不合格")  # filters never bring the scan into the ranking
    assert "12_scan_baiyuwan_2022.pdf" not in column(page, 12)
    shot(page, "not-audited-section")
    row.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("agencies/12_scan_baiyuwan_2022.pdf.html")
    assert page.locator("#not-audited").inner_text().endswith("未能审查")
    assert page.locator("#not-audited-reason").is_visible()
    assert "请提供可复制文本的版本（非扫描件）" in page.locator("#not-audited-reason").inner_text()
    assert page.locator("#score").count() == 0 and page.locator("#deductions").count() == 0
    assert page.locator("#year-rank").count() == 0 and page.locator("#trend").count() == 0
    assert page.locator("[id='" + page.locator(".finding").first.get_attribute("id") + "']").is_visible()
    assert "合格" not in page.locator(".cards").inner_text()
    assert page.errors == []


def test_scoring_page_is_reached_from_every_score(site, page):
    page.goto((site / "index.html").as_uri())
    scores = page.locator("#ranking a.score")
    assert scores.count() == len(AUDITED) + 1
    assert set(page.eval_on_selector_all("#ranking a.score", "as => as.map(a => a.getAttribute('href'))")) == {
        "scoring.html"
    }
    scores.first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/scoring.html")
    assert page.locator("main h1").inner_text() == "计分方法"
    caps = page.eval_on_selector_all(
        "#scoring-categories tbody tr", "rs => rs.map(r => [r.cells[0].textContent, r.cells[1].textContent])"
    )
    assert caps == [["完整性", "30"], ["准确性", "40"], ["原创性", "15"], ["内容安全", "50"], ["及时性", "15"]]
    grades = page.eval_on_selector_all(
        "#scoring-grades tbody tr", "rs => rs.map(r => [r.cells[0].textContent, r.cells[1].textContent])"
    )
    assert grades == [["优秀", "90"], ["良好", "75"], ["合格", "60"], ["不合格", "0"]]
    assert "最多按 3 个问题扣分" in page.locator("#per-rule").inner_text()
    assert "60分及以上为合格" in page.locator("#pass-mark").inner_text()
    assert page.locator("#policy-not-evaluable").inner_text().startswith("无法核验")
    assert "不扣分" in page.locator("#policy-not-evaluable").inner_text()
    assert (
        "待复核" in page.locator("#policy-review").inner_text()
        and "不扣分" in page.locator("#policy-review").inner_text()
    )
    assert page.eval_on_selector_all("#tie-break li", "ls => ls.map(l => l.textContent)") == [
        "得分高者在前",
        "错误少者在前（只计可扣分的规则）",
        "警告少者在前（只计可扣分的规则）",
    ]
    assert page.locator("#scoring-weights tbody tr", has_text="T3-BAL").locator("td").last.inner_text() == "10"
    shot(page, "scoring-page")
    # the agency page links its score there too
    page.goto((site / "agencies" / "07_yunling_zrzyj_2020.txt.html").as_uri())
    page.locator("#score a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/scoring.html")
    assert page.errors == []


def test_agency_page_trend_over_the_years(site, page):
    page.goto((site / "agencies" / "07_yunling_zrzyj_2020.txt.html").as_uri())
    # 2020年度 5 of 5 reports; 4 of 4 部门
    assert page.locator("#year-rank").inner_text().split() == ["2020年度名次", "5", "/", "5"]
    assert page.locator("#level-rank").inner_text().split() == ["部门中名次", "4", "/", "4"]
    trend = page.locator("#trend")
    assert trend.is_visible()
    assert page.locator("#trend svg circle.trend-score").count() == 2
    assert page.locator("#trend svg rect.trend-errors").count() == 2
    rows = page.eval_on_selector_all(
        "#trend table tbody tr", "rs => rs.map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
    )
    # 2019: 71.0 with 3 errors (T4-SUM, T2-19-INEQ, BLANK-TOTAL); 2020: the same plus the cross-year ones
    assert rows == [
        ["2019", "71.0", "3", "20_yunling_zrzyj_2019.txt"],
        ["2020", "49.0", "3", "07_yunling_zrzyj_2020.txt"],
    ]
    page.locator("#trend a", has_text="20_yunling_zrzyj_2019.txt").click()
    page.wait_for_load_state()
    assert page.url.endswith("agencies/20_yunling_zrzyj_2019.txt.html") and page.locator("#trend").is_visible()
    page.goto((site / "agencies" / "02_yunling_sfj_2020.txt.html").as_uri())  # one year only: no trend
    assert page.locator("#trend").count() == 0
    assert page.errors == []


def test_run_record_on_every_page_and_printout(site, page):
    for f in (site / "index.html", site / "scoring.html", site / "agencies" / "07_yunling_zrzyj_2020.txt.html"):
        page.goto(f.as_uri())
        page.emulate_media(media="print")
        record = page.locator("#run-record")
        assert record.is_visible(), f.name
        text = record.inner_text()
        assert "望江市人民政府办公室政务公开科" in text and "2019—2022年度政府信息公开工作年度报告审查（演示）" in text
        assert "2023-04-30" in text and "规则集版本" in text and "规则文件 SHA-256" in text
        page.emulate_media(media="screen")
    page.goto((site / "agencies" / "07_yunling_zrzyj_2020.txt.html").as_uri())
    page.emulate_media(media="print")
    shot(page, "agency-print")
    assert page.errors == []


def test_markup_in_a_report_executes_nothing(site, page):
    page.goto((site / "agencies" / "zz_markup.txt.html").as_uri())
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
