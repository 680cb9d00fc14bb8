"""One language per output: a `--lang zh` run writes Chinese everywhere, a `--lang en` run English.

The demo corpus is audited twice through the real CLI (real files, real pipeline), and every text
file the run writes is scanned: HTML text nodes and the attributes a reader sees (title, alt,
aria-label, placeholder), without <script>/<style>; ranking.csv; every cell of ranking.xlsx.

What may stay in the other language, and only that:
- zh: rule ids (T3-COLSUM), numbers and units, URLs, file names, anything inside <code>, the report's
  own text (quoted “…”, or an element marked `lang="zh"`: a report's words can be anything), and the
  names of file formats and encodings (PDF, UTF-8), which a Chinese reader reads as they are;
- en: Han characters and Chinese punctuation only inside quotes (“…”, "…", '…', ‘…’, 「…」), inside
  <code>, or in an element marked `lang="zh"` (the report's own text and the format's official labels).
  In the spreadsheets, the columns that hold the report's own words (agency, region, file, raw text)
  are that marking.

Each leak is reported as `file: where: the offending text`, so a failure says what to fix.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from tests.conftest import ROOT

REPORTS = ROOT / "reports_in"
SEEN_ATTRS = ("title", "alt", "aria-label", "placeholder")
SKIP_TAGS = {"script", "style"}

# --- what a leak is ---------------------------------------------------------------------------------

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
# quoted passages: typographic quotes, corner brackets, and ASCII quotes that are not apostrophes
QUOTED = re.compile(
    r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|(?<![A-Za-z0-9])\"[^\"]*\"(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])'[^']*'(?![A-Za-z0-9])"
)
URL = re.compile(r"(?:https?|file)://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
FILE_NAME = re.compile(
    r"[\w.\-/\u4e00-\u9fff]+\.(?:txt|md|markdown|pdf|html?|shtml|docx?|wps|rtf|csv|xlsx|json|ya?ml|sqlite)\b"
)
RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-(?:[A-Z0-9]+|\*))+(?:-[0-9a-f]{8})?(?![A-Za-z0-9])")
# names a Chinese reader reads as they are: file formats, encodings, the format versions' document numbers
NAMES = re.compile(
    r"(?<![A-Za-z])(?:PDF|HTML|DOCX?|WPS|RTF|CSV|XLSX|JSON|YAML|URL|UTF-(?:8|16)(?:-sig)?|GB18030|GBK|GB2312|BOM"
    r"|LibreOffice|Word|A4|GB/T)(?![A-Za-z])",
    re.IGNORECASE,
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _strip_allowed(text: str) -> str:
    for pattern in (URL, FILE_NAME, RULE_ID):
        text = pattern.sub(" ", text)
    return text


def zh_leaks(text: str) -> list[str]:
    """English words left in Chinese text once quotes, URLs, file names, rule ids and names are taken out."""
    text = NAMES.sub(" ", _strip_allowed(QUOTED.sub(" ", text)))
    return ENGLISH_WORD.findall(text)


def en_leaks(text: str) -> list[str]:
    """Han characters or Chinese punctuation left in English text outside quotes."""
    return HAN.findall(_strip_allowed(QUOTED.sub(" ", text)))


LEAKS = {"zh": zh_leaks, "en": en_leaks}

# --- the files ----------------------------------------------------------------------------------------


def _marked_other(el) -> bool:
    """Inside <script>/<style>/<code>, or in an element whose nearest lang attribute (below <html>) is
    zh: the report's own text and the format's official labels."""
    node = el
    while node is not None and isinstance(node.tag, str) and node.tag != "html":
        if node.tag in SKIP_TAGS or node.tag == "code":
            return True
        if node.get("lang"):
            return node.get("lang").startswith("zh")
        node = node.getparent()
    return False


def html_texts(path: Path):
    """(where, text) for every text node and seen attribute a reader meets, with what is marked left out."""
    tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag
        if not _marked_other(el):
            if el.text and el.text.strip():
                yield f"<{tag}>", el.text
            for attr in SEEN_ATTRS:
                if el.get(attr):
                    yield f"<{tag} {attr}>", el.get(attr)
        parent = el.getparent()
        if el.tail and el.tail.strip() and parent is not None and not _marked_other(parent):
            yield f"after <{tag}>", el.tail


# spreadsheet columns that hold the report's own words (its agency, region, file name, quoted text), its ids and
# the waiver entry to paste (YAML keys are syntax, like a command inside <code>)
OFFICE_ROWS = {"审查机关", "Office", "规则文件 SHA-256", "Rule files SHA-256"}
REPORT_COLUMNS = {
    "zh": {"机关", "地区", "文件", "原文", "报告", "问题编号", "豁免条目"},
    "en": {
        "agency",
        "region",
        "file",
        "raw",
        "report_id",
        "finding_id",
        "waiver_entry",
        "waiver_reason",
        "waiver_approver",
    },
}


def csv_texts(path: Path, lang: str):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    yield "header", " ".join(rows[0])
    skip = {i for i, h in enumerate(rows[0]) if h in REPORT_COLUMNS[lang]}
    for n, row in enumerate(rows[1:], start=2):
        for i, v in enumerate(row):
            if i not in skip and v:
                yield f"row {n} {rows[0][i]}", v


def xlsx_texts(path: Path, lang: str):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        yield f"sheet name {ws.title}", ws.title
        rows = list(ws.iter_rows(values_only=True))
        headers = [str(h) for h in rows[0]]
        yield f"{ws.title} header", " ".join(headers)
        skip = {i for i, h in enumerate(headers) if h in REPORT_COLUMNS[lang]}
        for n, row in enumerate(rows[1:], start=2):
            if row and row[0] in OFFICE_ROWS:  # the run record's office: the office's own name
                continue
            for i, v in enumerate(row):
                if i not in skip and isinstance(v, str):
                    yield f"{ws.title}!{headers[i]}{n}", v


def _texts(out: Path, lang: str):
    for path in sorted(out.rglob("*")):
        if path.suffix == ".html":
            texts = html_texts(path)
        elif path.suffix == ".csv":
            texts = csv_texts(path, lang)
        elif path.suffix == ".xlsx":
            texts = xlsx_texts(path, lang)
        else:
            continue  # findings.json keeps both languages as data; history.sqlite is not text
        for where, text in texts:
            yield path, where, text


def leaks_in(text: str, lang: str) -> list[str]:
    return LEAKS[lang](text)


def scan(out: Path, lang: str) -> list[str]:
    """Every leak in a run's output folder, as `file: where: text [leaked]`."""
    found: list[str] = []
    for path, where, text in _texts(out, lang):
        bad = leaks_in(text, lang)
        if bad:
            found.append(f"{path.relative_to(out)}: {where}: {text.strip()[:160]!r} {sorted(set(bad))[:8]}")
    return found


def _run(out: Path, lang: str) -> Path:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "disclosure_audit.cli",
            "run",
            str(REPORTS),
            "--rules",
            str(ROOT / "rules"),
            "--out",
            str(out),
            "--lang",
            lang,
            "--preview",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module", params=["zh", "en"])
def run_out(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    return lang, _run(tmp_path_factory.mktemp(f"purity_{lang}"), lang)


def test_every_generated_file_is_in_one_language(run_out):
    lang, out = run_out
    kinds = {p.suffix for p in out.rglob("*")}
    assert {".html", ".csv", ".xlsx"} <= kinds  # the scan covers each kind of file the run writes
    leaks = scan(out, lang)
    assert not leaks, f"{len(leaks)} {lang} leaks:\n" + "\n".join(leaks[:60])


# --- the detector itself: what it catches and what it lets through ---------------------------------


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("类别：completeness", ["completeness"]),
        ("kind: identity   status: stable", ["kind", "identity", "status", "stable"]),
        ("规则 T3-COLSUM 于第12行触发", []),
        ("原文“casino bonus”", []),
        ("见 https://example.gov.cn/a.html 与 01_clean_qinghe_scjgj_2022.txt", []),
        ("编码：UTF-8，PDF 第3页，金额 35.6万元，12%", []),
    ],
)
def test_zh_detector(text, leaked):
    assert zh_leaks(text) == leaked


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("Table 3 column '自然人' does not balance: 差 1", ["差"]),
        ("Grade: 合格", ["合", "格"]),
        ("Signed：2023-01-05", ["："]),
        ("Table 3 column “自然人” of the agency's report", []),
        ("the agency's 'total' row and the 「总计」 cell", []),
        ("File: 青禾县.txt", []),
    ],
)
def test_en_detector(text, leaked):
    assert en_leaks(text) == leaked


def test_html_scan_honours_markers(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        '<html lang="en"><head><title>Audit</title><style>p{font-family:"微软雅黑"}</style></head><body>'
        '<p>Agency: <span lang="zh">青禾县</span></p><p title="第3行">Line</p><code>命令</code>'
        "<script>var a='排名';</script><p>Score 合格</p></body></html>",
        encoding="utf-8",
    )
    texts = [t for _, t in html_texts(page)]
    assert "第3行" in texts and "Score 合格" in texts
    assert not any("青禾县" in t or "命令" in t or "排名" in t or "微软雅黑" in t for t in texts)


# --- rules explain: the office view in one language; the developer view adds see_also ---------------


def _explain(rule_id: str, *args: str) -> str:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "disclosure_audit.cli",
            "rules",
            "explain",
            rule_id,
            "--rules",
            str(ROOT / "rules"),
            *args,
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_rules_explain_speaks_one_language():
    """Every rule's terminal page: no `kind: identity status: stable` in zh, no 差 or （七） unquoted in en."""
    from disclosure_audit.engine.example_cache import example_outcomes
    from disclosure_audit.render.catalogue import build_page, explain_text
    from disclosure_audit.rules.loader import load_rules
    from disclosure_audit.scoring import load_scoring
    from disclosure_audit.templates import get_templates

    rules, errors = load_rules(ROOT / "rules")
    assert errors == [] and len(rules) == len(list((ROOT / "rules" / "checks").glob("*.yaml")))
    templates = get_templates(ROOT / "rules")
    categories = {k: {"zh": c.zh, "en": c.en} for k, c in load_scoring(ROOT / "rules").categories.items()}
    outcomes = example_outcomes(rules, templates, ROOT / "rules", rules)
    leaks = []
    for rule in rules:
        page = build_page(rule, outcomes[rule.spec.id])
        rid = rule.spec.id
        for lang in ("zh", "en"):
            for line in explain_text(page, lang, categories=categories).splitlines()[1:]:  # 1: "ID: title"
                if leaks_in(line, lang):
                    leaks.append(f"{rid} {lang}: {line[:120]}")
    assert not leaks, "\n".join(leaks[:40])


def test_see_also_only_in_the_developer_view():
    office, dev = _explain("UNIT-MAGNITUDE"), _explain("UNIT-MAGNITUDE", "--dev")
    assert "DQC_0192" not in office and "kind:" not in office
    assert "see_also:\n  - XBRL US DQC_0192 (order-of-magnitude check)" in dev
    assert "kind: money_unit   status: stable" in dev
    assert "整改建议：核对采购总金额的数值和单位" in office


def test_rule_page_shows_basis_and_fix_but_not_see_also(run_out):
    lang, out = run_out
    page = (out / "rules" / "WVR-UNUSED.html").read_text(encoding="utf-8")
    assert "RUF100" not in page
    fix = {"zh": "删除该豁免，或更正其范围使其对应实际问题。", "en": "Delete the waiver, or correct its scope"}
    assert fix[lang] in page
    agency = (out / "agencies" / "03_songxi_zhen_2020.txt.html").read_text(encoding="utf-8")
    t3bal = {"zh": "在表三该列核对：", "en": "In this column of table 3,"}
    assert t3bal[lang] in agency  # the fix under the T3-BAL finding
