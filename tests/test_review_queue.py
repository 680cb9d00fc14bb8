"""The review queue (review.html, review.csv): every finding that needs a person's decision, with a
waiver entry to paste. The round trip is real: the entries are read out of the generated page,
pasted into the demo folder's waivers.yaml with the placeholders filled in, and the audit is run
again on the same files; every queued finding must then be waived, nothing else."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from disclosure_audit.engine.waivers import load_review_file
from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from disclosure_audit.scoring import ScoringFileError, load_scoring
from tests.conftest import RULES, demo_copy

DEMO = RULES.parent / "reports_in"
AS_OF = date(2023, 6, 1)
REASON = "已核对原件，情况属实，同意豁免"
APPROVER = "青禾县政务公开办 周立"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_copy(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def first(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out1")
    result = audit(demo, RULES, as_of=AS_OF)
    write_outputs(result, out)
    return result, out


def page(out: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / "review.html").read_text(encoding="utf-8"))


def queued(out: Path) -> dict[str, list[tuple[str, str]]]:
    """report id → (finding id, reasons of its entry) in page order."""
    doc = page(out)
    found: dict[str, list[tuple[str, str]]] = {}
    for section in doc.xpath("//section[@class='review-report']"):
        for entry in section.xpath(".//div[contains(@class, 'review-entry')]"):
            for ev in entry.xpath(".//div[@class='evidence']"):
                found.setdefault(section.get("data-report"), []).append(
                    (ev.get("data-finding"), entry.get("data-reasons"))
                )
    return found


def test_the_queue_lists_uncertain_readings_not_evaluable_results_and_heavy_warnings(first):
    result, out = first
    q = queued(out)
    by_id = {(f.report_id, f.id): f for f in result.findings}
    rules = {rid: sorted(by_id[rid, fid].rule_id for fid, _ in items) for rid, items in q.items()}
    # 15 (crawler): T4-SUM rests on a digit run cut one way only (needs review); the ambiguous 表三 rows make
    # T3-COLSUM and T3-RESULT not evaluable; its EXT-READ notes weigh 0 and are not queued
    assert rules["15_wangjiang_swj_2021_crawler.txt"] == ["T3-COLSUM", "T3-RESULT", "T4-SUM"]
    assert dict(q["15_wangjiang_swj_2021_crawler.txt"])[by_id_of(result, "15", "T4-SUM").id] == "uncertain_reading"
    # 16: BLANK-TOTAL on a cell placed by column position (needs review); NAR-REQ is an error, TXT-ENUM weighs 1
    assert rules["16_baishi_rsj_2020_layout.txt"] == ["BLANK-TOTAL", "T3-COLSUM", "T3-RESULT"]
    # 07: BLANK-CELL is waived by the demo's waivers file, so it is decided already; the other warnings weigh ≥ 3
    assert rules["07_yunling_zrzyj_2020.txt"] == [
        "COPY-PREV",
        "COPY-TABLES",
        "T2-19-INEQ",
        "T2-19-XYEAR",
        "T2-19-XYEAR",
        "T2-19-XYEAR",
        "T3-COLSUM",
        "T3-RESULT",
        "T3-XYEAR",
        "T3-XYEAR",
    ]
    # 17: T2-21-INEQ (weight 3) is queued; FMT-MIXED and NAR-SUM (weight 2) are not
    assert rules["17_yunling_ybj_2022_mixed.md"] == ["T2-21-INEQ"]
    # clean reports and the scan (not audited) have nothing to decide
    assert not {"01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "12_scan_baiyuwan_2022.pdf"} & set(q)
    # grouped by agency: 云岭区自然资源局 holds its 2019 and 2020 reports, in year order
    sections = page(out).xpath("//section[@data-agency='云岭区自然资源局']/section[@class='review-report']")
    assert [s.get("data-year") for s in sections] == ["2019", "2020"]
    total = sum(len(v) for v in q.values())
    assert page(out).xpath("string(//*[@id='review-total'])") == str(total)


def by_id_of(result, prefix: str, rule: str):
    (f,) = [f for f in result.findings if f.report_id.startswith(prefix) and f.rule_id == rule]
    return f


def test_each_entry_is_in_the_loaders_syntax_with_placeholders_and_an_expiry(first, tmp_path):
    _, out = first
    entries = page(out).xpath("//pre[contains(@class, 'waiver-entry')]/code/text()")
    assert entries and all("<填写豁免理由>" in e and "<填写批准人>" in e for e in entries)
    assert all("expires: 2024-05-31" in e for e in entries), "as-of 2023-06-01 + 365 days"
    t4 = next(e for e in entries if "rule: T4-SUM" in e)
    assert "scope: {agency: 望江市商务局, year: 2021, table: appeals, row: cases, column: review.total}" in t4
    # unfilled placeholders are an error of the waivers file, never a waiver signed by '<填写批准人>'
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n" + t4, encoding="utf-8")
    waivers, _, errors = load_review_file(path)
    assert waivers == []
    assert {(e.line, e.key) for e in errors} == {(5, "waivers.0.reason"), (6, "waivers.0.approver")}
    assert all("placeholder not filled in" in e.message for e in errors)


def test_pasted_entries_waive_every_queued_finding_on_the_next_run(demo, first, tmp_path):
    result1, out1 = first
    before = queued(out1)
    ids = [(rid, fid) for rid, items in before.items() for fid, _ in items]
    entries = page(out1).xpath("//pre[contains(@class, 'waiver-entry')]/code/text()")
    filled = [
        re.sub(r"approver: <[^>\n]+>", f"approver: {APPROVER}", re.sub(r"reason: <[^>\n]+>", f"reason: {REASON}", e))
        for e in entries
    ]
    folder = tmp_path / "in"
    shutil.copytree(demo, folder)
    original = (folder / "waivers.yaml").read_text(encoding="utf-8")
    head, tail = original.split("confirmations:\n")
    (folder / "waivers.yaml").write_text(head + "".join(filled) + "confirmations:\n" + tail, encoding="utf-8")

    result2 = audit(folder, RULES, as_of=AS_OF)
    assert result2.rule_errors == []
    out2 = tmp_path / "out2"
    write_outputs(result2, out2)
    after = {(f.report_id, f.id): f for f in result2.findings}
    assert len(ids) == 39
    for fid in ids:
        assert after[fid].waived is not None, fid
        assert (after[fid].waived["reason"], after[fid].waived["approver"]) == (REASON, APPROVER)
    # the queue is empty and no pasted entry was left unused
    assert queued(out2) == {}
    assert page(out2).xpath("string(//*[@id='review-total'])") == "0"
    unused = lambda r: sorted((f.report_id, f.rule_id) for f in r.findings if f.rule_id.startswith("WVR-"))  # noqa: E731
    assert unused(result2) == unused(result1)
    # precision: the not-evaluable T3-COLSUM of 06 was waived, its failed （二）部分公开 row was not
    colsum = [f for f in result2.findings_of("06_qinghe_jytyj_2021.txt") if f.rule_id == "T3-COLSUM"]
    assert sorted((f.outcome, f.waived is not None) for f in colsum) == [("failed", False), ("not_evaluable", True)]
    # waived warnings deduct nothing: 17 loses T2-21-INEQ (3), 13 its three COPY-* findings (15, the cap)
    score1 = {s.report_id: s.score for s in result1.scores}
    score2 = {s.report_id: s.score for s in result2.scores}
    assert (score1["17_yunling_ybj_2022_mixed.md"], score2["17_yunling_ybj_2022_mixed.md"]) == (93.0, 96.0)
    assert (score1["13_baishi_slj_2022.txt"], score2["13_baishi_slj_2022.txt"]) == (83.0, 98.0)
    # a waived not-evaluable result counts as waived, no longer as open
    counts = {s.report_id: s.counts for s in result2.scores}["16_baishi_rsj_2020_layout.txt"]
    assert (counts["not_evaluable"], counts["waived"], counts["needs_review"]) == (0, 3, 0)


def test_a_confirmation_entry_makes_a_finding_awaiting_review_deduct(demo, first, tmp_path):
    _, out1 = first
    (entry,) = [
        e for e in page(out1).xpath("//pre[contains(@class, 'confirmation-entry')]/code/text()") if "T4-SUM" in e
    ]
    entry = entry.replace("<填写复核人>", "望江市政务公开办 孙丽").replace(
        "<填写核对原文的结果>", "核对网页原文，行政复议总计为4件"
    )
    folder = tmp_path / "in"
    shutil.copytree(demo, folder)
    (folder / "waivers.yaml").write_text(
        (folder / "waivers.yaml").read_text(encoding="utf-8") + entry, encoding="utf-8"
    )
    result = audit(folder, RULES, as_of=AS_OF)
    t4 = by_id_of(result, "15", "T4-SUM")
    assert t4.review["confirmed"]["reviewer"] == "望江市政务公开办 孙丽" and t4.waived is None
    score = {s.report_id: s.score for s in result.scores}["15_wangjiang_swj_2021_crawler.txt"]
    assert score == 90.0, "confirmed: T4-SUM deducts its weight (10)"


def test_review_csv_has_one_row_per_queued_finding(first):
    _, out = first
    with (out / "review.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    q = queued(out)
    assert [r["问题编号"] for r in rows] == [fid for items in q.values() for fid, _ in items]
    t4 = next(r for r in rows if r["规则"] == "T4-SUM")
    assert (t4["机关"], t4["年度"], t4["列入原因"], t4["结果"]) == (
        "望江市商务局",
        "2021",
        "读数不确定，待复核",
        "不符合",
    )
    assert t4["页面"].startswith("agencies/15_wangjiang_swj_2021_crawler.txt.html#T4-SUM-")
    assert "rule: T4-SUM" in t4["豁免条目"]


def test_index_and_agency_pages_link_the_queue_with_counts(first):
    _, out = first
    q = queued(out)
    index = lxml.html.fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert index.xpath("string(//a[@id='n-review'])") == str(sum(len(v) for v in q.values()))
    assert index.xpath("//a[@id='n-review']/@href") == ["review.html"]
    for rid in ("15_wangjiang_swj_2021_crawler.txt", "01_clean_qinghe_scjgj_2022.txt"):
        doc = lxml.html.fromstring((out / "agencies" / f"{rid}.html").read_text(encoding="utf-8"))
        assert doc.xpath("string(//*[@id='review-count'])") == str(len(q.get(rid, [])))
    doc = lxml.html.fromstring(
        (out / "agencies" / "15_wangjiang_swj_2021_crawler.txt.html").read_text(encoding="utf-8")
    )
    assert doc.xpath("//p[@id='review-link']/a/@href") == ["../review.html#report-15_wangjiang_swj_2021_crawler.txt"]


def _rules_with(tmp_path: Path, review: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    text = (rules / "scoring.yaml").read_text(encoding="utf-8")
    (rules / "scoring.yaml").write_text(re.sub(r"(?m)^review: .*$", review, text), encoding="utf-8")
    return rules


@pytest.mark.parametrize(
    ("review", "key"),
    [
        ("review: {warning_weight_min: -1, waiver_days: 365}", "review.warning_weight_min"),
        ("review: {warning_weight_min: 3, waiver_days: 0}", "review.waiver_days"),
        ("review: {warning_weight: 3}", "review.warning_weight"),
    ],
)
def test_a_bad_review_setting_is_named_with_file_line_and_key(tmp_path, review, key):
    rules = _rules_with(tmp_path, review)
    line = next(i for i, s in enumerate((rules / "scoring.yaml").read_text().splitlines(), 1) if s.startswith("review"))
    with pytest.raises(ScoringFileError) as exc:
        load_scoring(rules)
    (err,) = exc.value.errors
    assert (Path(err.file).name, err.line, err.key) == ("scoring.yaml", line, key)


def test_the_threshold_decides_which_warnings_are_queued(demo, tmp_path):
    rules = _rules_with(tmp_path, "review: {warning_weight_min: 5, waiver_days: 30}")
    result = audit(demo, rules, as_of=AS_OF)
    out = tmp_path / "out"
    write_outputs(result, out)
    by_id = {(f.report_id, f.id): f for f in result.findings}
    warnings = sorted(
        (rid[:2], by_id[rid, fid].rule_id)
        for rid, items in queued(out).items()
        for fid, why in items
        if why == "warning"
    )
    # only the COPY-* rules weigh 5 among the warnings
    assert warnings == [
        ("07", "COPY-PREV"),
        ("07", "COPY-TABLES"),
        ("13", "COPY-AGENCY"),
        ("13", "COPY-PREV"),
        ("13", "COPY-TABLES"),
    ]
    assert all(
        "expires: 2023-07-01" in e for e in page(out).xpath("//pre[contains(@class, 'waiver-entry')]/code/text()")
    )


def test_run_and_rules_check_name_a_bad_scoring_file(tmp_path):
    rules = _rules_with(tmp_path, "review: {warning_weight_min: -1, waiver_days: 365}")
    reports = tmp_path / "in"
    reports.mkdir()
    shutil.copy(DEMO / "01_clean_qinghe_scjgj_2022.txt", reports)
    cli = [sys.executable, "-m", "disclosure_audit.cli"]
    out = tmp_path / "out"
    run = subprocess.run(
        [*cli, "run", str(reports), "--rules", str(rules), "--out", str(out), "--no-history", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 2 and not out.exists()
    assert re.search(r"scoring\.yaml:\d+: review\.warning_weight_min: ", run.stderr), run.stderr
    check = subprocess.run([*cli, "rules", "check", "--rules", str(rules)], capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "review.warning_weight_min" in check.stderr
