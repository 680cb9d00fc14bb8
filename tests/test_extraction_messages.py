"""Extraction findings and notes in one language at a time: a Chinese page says in Chinese what the
reader could not read, an English page in English, and a problem that is in no table names the file
instead of starting with a bare "：". Run through the real CLI, extractor and rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_file
from disclosure_audit.model import Problem
from disclosure_audit.rules.loader import load_rules
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLI = (sys.executable, "-m", "disclosure_audit.cli")
EXTRACTION_RULES = ("EXT-", "FMT-MIXED")

# ASCII words a Chinese message may carry: rule ids and the names of file formats
_ALLOWED_ASCII = re.compile(r"\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b|\b(?:pdf|PDF|docx|doc|wps|rtf|html|HTML|txt|md|Word)\b")
# a quote opens after a non-letter and closes before one (the apostrophe of "table's" is no quote)
_QUOTED = re.compile(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"|“[^”]*”|‘[^’]*’")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def ascii_words(zh: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", _ALLOWED_ASCII.sub("", zh))


def han_outside_quotes(en: str) -> list[str]:
    return _HAN.findall(_QUOTED.sub("", en))


def test_the_checks_themselves():
    assert ascii_words("报告文件（pdf）无法读取：no text layer") == ["no", "text", "layer"]
    assert ascii_words("EXT-READ：表三：数字“110”无法确定地拆为7格") == []
    assert han_outside_quotes("Could not find 表四") == ["表", "四"]
    assert han_outside_quotes("Could not find table 4 ('表四 政府信息公开')") == []
    assert han_outside_quotes("the table's own identities ('案件：总计 ≠ 维持') fail") == []
    assert han_outside_quotes("the table's own identities (案件：总计 ≠ 维持) don't hold") != []


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("demo-zh")
    proc = subprocess.run(
        [*CLI, "run", str(DEMO), "--out", str(out), "--no-history", "--lang", "zh", "--quiet"],
        capture_output=True,
        text=True,
        cwd=RULES.parent,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return {"out": out, "findings": json.loads((out / "findings.json").read_text(encoding="utf-8"))}


def _extraction_findings(run: dict) -> list[dict]:
    return [f for r in run["findings"]["reports"] for f in r["findings"] if f["rule_id"].startswith(EXTRACTION_RULES)]


def test_demo_extraction_findings_speak_one_language(demo_run):
    found = _extraction_findings(demo_run)
    assert {f["rule_id"] for f in found} >= {"EXT-READ", "EXT-CELLS", "EXT-SCAN", "EXT-TABLE", "EXT-UNREAD"}
    assert [(f["rule_id"], f["message"]["zh"]) for f in found if ascii_words(f["message"]["zh"])] == []
    assert [(f["rule_id"], f["message"]["en"]) for f in found if han_outside_quotes(f["message"]["en"])] == []


def test_demo_messages_name_their_place(demo_run):
    messages = {(f["rule_id"], f["report_id"]): f["message"] for f in _extraction_findings(demo_run)}
    cells = messages[("EXT-CELLS", "10_wangjiang_tjj_2020.txt")]
    assert cells == {
        "zh": "表四：该行有16个单元格，格式为15个；多出的“0”未计入",
        "en": "Table 4: row has 16 cells where the format has 15; surplus 0 ignored",
    }
    assert messages[("EXT-SCAN", "12_scan_baiyuwan_2022.pdf")]["zh"] == (
        "报告文件（pdf）无法作为文本读取：共1页，均无文本层（扫描图像），不可机读。内容规则均无法核验。"
    )
    assert messages[("EXT-TABLE", "11_qinghe_wsjkj_2022.txt")]["en"] == (
        "Could not find table 4 ('表四 政府信息公开行政复议、行政诉讼情况')"
    )


def test_every_demo_problem_has_both_texts(demo_run):
    problems = [p for r in demo_run["findings"]["reports"] for p in r["problems"]]
    assert problems
    assert [p for p in problems if not p.get("zh")] == []
    assert [p["zh"] for p in problems if ascii_words(p["zh"])] == []


def test_the_chinese_agency_page_lists_notes_in_chinese(demo_run):
    page = (demo_run["out"] / "agencies" / "12_scan_baiyuwan_2022.pdf.html").read_text(encoding="utf-8")
    assert "共1页，均无文本层（扫描图像），不可机读" in page
    assert "no text layer" not in page
    crawler = (demo_run["out"] / "agencies" / "15_wangjiang_swj_2021_crawler.txt.html").read_text(encoding="utf-8")
    assert "正文原为一整行（网页抓取保存），已按标题、表格和句子重新分行" in crawler
    assert "re-flowed" not in crawler


@pytest.mark.parametrize("path", sorted([*DEMO.glob("*.txt"), *DEMO.glob("*.md"), *DEMO.glob("*.pdf")]), ids=str)
def test_every_problem_the_extractor_makes_has_chinese(path: Path):
    if path.name == "README.md":
        return
    problems = extract_file(path, RULES).problems
    assert [p for p in problems if not p.zh] == []


def test_html_and_encoding_notes_have_chinese(tmp_path: Path):
    plain = tmp_path / "plain.html"
    plain.write_text("青禾县2022年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    (p,) = [p for p in extract_file(plain, RULES).problems if p.code == "reader-note"]
    assert (p.message, p.zh) == ("file has no HTML markup; read as plain text", "文件没有HTML标记，已按纯文本读取")
    declared = tmp_path / "declared.html"
    declared.write_bytes(
        '<html><head><meta charset="gbk"></head><body><p>青禾县2022年政府信息公开年度报告</p></body></html>'.encode()
    )
    (p,) = [p for p in extract_file(declared, RULES).problems if p.code == "reader-note"]
    assert (p.message, p.zh) == (
        "page declares charset 'gbk' but its bytes are UTF-8",
        "网页声明的字符集为“gbk”，实际内容为UTF-8编码",
    )


def _ext_read(problem: Problem) -> dict[str, str]:
    from disclosure_audit.templates import get_templates

    templates = get_templates(RULES)
    rules = [r for r in load_rules(RULES)[0] if r.spec.id == "EXT-READ"]
    report = report_from_dict({"template": "2021", "fill": "0"}, templates)
    report.problems.append(problem)
    (f,) = run_rules([report], rules, templates, RULES)[0]
    return f.message


PAGE_LOST = Problem(
    code="page-unread",
    message="page 2 could not be read (Non-Ascii85 digit found); its content is missing from the audit",
    zh="第2页无法读取（Non-Ascii85 digit found），该页内容未能审查",
    page=2,
)
DIGITS_SPLIT = Problem(
    code="segmented",
    message="digits '1918000037' split into 7 cells by the table's arithmetic: 19 18 0 0 0 0 37",
    zh="数字“1918000037”之间无分隔，按表内勾稽关系拆为7格：19 18 0 0 0 0 37",
    table="requests",
    row="new",
    raw="1918000037",
    line=12,
)


@pytest.mark.parametrize(
    ("problem", "zh", "en"),
    [
        (  # in no table: the file, not a bare "："
            PAGE_LOST,
            "文件：第2页无法读取（Non-Ascii85 digit found），该页内容未能审查",
            "File: page 2 could not be read (Non-Ascii85 digit found); its content is missing from the audit",
        ),
        (
            DIGITS_SPLIT,
            "表三：数字“1918000037”之间无分隔，按表内勾稽关系拆为7格：19 18 0 0 0 0 37",
            "Table 3: digits '1918000037' split into 7 cells by the table's arithmetic: 19 18 0 0 0 0 37",
        ),
    ],
    ids=["no-table", "table"],
)
def test_an_extraction_finding_names_its_place(problem, zh, en):
    assert _ext_read(problem) == {"zh": zh, "en": en}
