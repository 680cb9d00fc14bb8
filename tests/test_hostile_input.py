"""Regression tests for what the fuzzer (benchmarks/fuzz.py) found: hostile or broken files that a
reader read wrongly or crashed on. Each file here is built by hand in the test."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_audit.extract import extract_file
from disclosure_audit.ingest import UnreadableFileError
from tests.conftest import ROOT, RULES

TITLE = "<p>青禾县统计局2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本机关认真贯彻落实条例。</p>"
LATER = "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"


def _page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("opener", ["<font>", "<div>", "<span>", "<table><tr><td>"])
def test_html_nested_past_the_parser_limit_is_a_named_reading_loss(tmp_path, opener):
    """libxml2 stops at 2048 levels and drops the rest of the page without an exception: a CMS that
    never closes its <font> tags would have lost sections 二 and 三 silently, and the audit charged
    the agency with leaving them out. The loss is now named and the report is not audited."""
    r = extract_file(_page(tmp_path, TITLE + opener * 2100 + LATER), RULES)
    lost = [p for p in r.problems if p.code == "page-unread"]
    assert len(lost) == 1 and "HTML parser stopped" in lost[0].message and "2048" in lost[0].message
    assert "网页自源码第1行起无法解析" in lost[0].zh
    assert r.not_audited is not None and r.not_audited["code"] == "pages-unreadable"


def test_html_nested_within_the_parser_limit_reads_everything(tmp_path):
    r = extract_file(_page(tmp_path, TITLE + "<font>" * 1500 + LATER), RULES)
    assert not [p for p in r.problems if p.code == "page-unread"]
    assert "三、收到和处理政府信息公开申请情况" in [line.strip() for line in r.lines]


def test_html_whose_only_text_is_past_the_parser_limit_is_unreadable_with_the_reason(tmp_path):
    with pytest.raises(UnreadableFileError, match=r"no text: the HTML parser stopped at source line 1 \(Excessive"):
        extract_file(_page(tmp_path, "<div>" * 2100 + TITLE + LATER), RULES)


def test_manifest_with_a_lying_byte_order_mark_is_reported_not_a_crash(tmp_path):
    """A UTF-8 BOM followed by bytes that are not UTF-8 raised UnicodeDecodeError out of decode_bytes,
    past the manifest reader (which catches UndecodableError) and out of the run with a traceback. Two
    bad bytes in a register of 50 are a handful: replaced and named by offset (3 BOM + 12 header +
    31 of the file name = 46)."""
    reports = tmp_path / "in"
    reports.mkdir()
    shutil.copy(ROOT / "reports_in" / "01_clean_qinghe_scjgj_2022.txt", reports)
    (reports / "manifest.csv").write_bytes(b"\xef\xbb\xbffile,agency\n01_clean_qinghe_scjgj_2022.txt,\xff\xfe\n")
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", str(reports), "--out", str(tmp_path / "out")]
    proc = subprocess.run([*cmd, "--no-history", "--json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "manifest: manifest.csv: 2 byte sequence(s) (2 bytes) are not valid utf-8" in proc.stderr
    assert "(byte offsets 46, 47)" in proc.stderr
    assert [r["file"] for r in json.loads(proc.stdout)["ranking"]] == ["01_clean_qinghe_scjgj_2022.txt"]


HIGHLIGHT_LONG = """
from disclosure_audit.render.html import highlight_pair
body = "本机关加强组织领导，健全工作机制。" * 6000
a, b = highlight_pair(body + "<b>", body + "今年新增。")
assert "<mark>" not in a and "<mark>" not in b and a.endswith("&lt;b&gt;") and b.endswith("今年新增。")
same, _ = highlight_pair(body, body)
assert same == "<mark>" + body + "</mark>"
print("ok")
"""


def test_side_by_side_highlight_of_huge_copied_paragraphs_finishes(tmp_path):
    """Two 100k-character paragraphs (a body saved on one line, copied from last year) kept difflib busy
    for minutes per agency page; beyond a bound the passages are shown unmarked (identical: all marked).
    The timeout only turns a hang into a failure."""
    proc = subprocess.run([sys.executable, "-c", HIGHLIGHT_LONG], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "ok", proc.stderr


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_an_empty_file_says_so_whatever_its_type(tmp_path, suffix):
    """pdfminer said "No /Root object! - Is this really a PDF?" for an empty .pdf."""
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFileError) as exc:
        extract_file(path, RULES)
    assert str(exc.value) == "file is empty"
