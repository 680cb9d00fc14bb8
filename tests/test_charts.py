"""The index page's charts: bar labels too long for their column are shortened at a word boundary
(English) or after a whole character (Chinese) with an ellipsis, and the full label is the tooltip.
(That no label overlaps another in a real browser is tests/test_browser.py::test_chart_labels_do_not_overlap.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from disclosure_audit.render.charts import fit_label, top_rules

SVG = "{http://www.w3.org/2000/svg}"
LONG_EN = "Table 3 row II (carried over) this year equals row IV (carried forward) of last year's report"
LONG_ZH = "表三“二、上年结转政府信息公开申请数量”应等于上一年报告“四、结转下年度继续办理”（逐列）"


def _labels(svg: str) -> list[tuple[str, str]]:
    """(visible text, tooltip) of each bar's label."""
    root = ET.fromstring(svg)
    return [(a.find(f"{SVG}text").text, a.find(f"{SVG}title").text) for a in root.iter(f"{SVG}a")]


def test_a_long_english_title_is_cut_at_a_word_boundary():
    [(shown, tip)] = _labels(top_rules([("T3-XYEAR", LONG_EN, 3)]))
    full = f"T3-XYEAR {LONG_EN}"
    assert tip == full
    assert shown.endswith("…") and len(shown) < len(full)
    kept = shown[:-1]
    assert full.startswith(kept)
    assert full[len(kept)] in " (", f"cut inside a word: {shown!r}"
    assert kept.split()[-1] in full.split()  # the last word shown is a whole word


def test_a_long_chinese_title_is_cut_after_a_whole_character():
    [(shown, tip)] = _labels(top_rules([("T3-XYEAR", LONG_ZH, 3)]))
    assert tip == f"T3-XYEAR {LONG_ZH}"
    assert shown.endswith("…") and tip.startswith(shown[:-1])
    assert len(shown) > len("T3-XYEAR ") + 10  # Chinese is not cut back to a space


def test_a_title_that_fits_is_shown_whole():
    [(shown, tip)] = _labels(top_rules([("T3-BAL", "Balance", 1)]))
    assert shown == tip == "T3-BAL Balance"


def test_fit_label_never_splits_a_word_that_fits_on_its_own():
    assert fit_label("alpha beta gamma delta", 12 * 0.62 * 14, 12) == "alpha beta…"
    assert fit_label("Supercalifragilistic", 12 * 0.62 * 8, 12).endswith("…")  # one long word: cut where it must
