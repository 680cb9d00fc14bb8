"""What a reader loses is said, never silent: a PDF page that cannot be read and Word list numbers
that cannot be rendered become extraction problems that reach the report's findings (EXT-READ, weight
0: a reading matter listed for review, never charged to the agency).

The files are demo reports drawn as PDF and Word twins (tests/pdf_twin.py, tests/test_html_docx.py)
and then damaged the way real files are: one page's content stream corrupted, the list definition
the headings use missing from the numbering part.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

import pytest

from disclosure_audit.extract import extract_file
from disclosure_audit.ingest import Note, read_document
from disclosure_audit.pipeline import audit
from disclosure_audit.templates import get_templates
from tests.conftest import RULES
from tests.pdf_twin import render_pdf
from tests.test_html_docx import article_of, render_docx

DEMO = RULES.parent / "reports_in"
TEMPLATES = get_templates(RULES)
CLEAN = "01_clean_qinghe_scjgj_2022.txt"


def _corrupt_page(data: bytes, page: int) -> bytes:
    """Overwrite six bytes inside the content stream of `page` with characters its ASCII85 filter
    cannot decode (same length: the file's cross-reference offsets stay right)."""
    contents = re.findall(rb"/Contents (\d+) 0 R", data)
    m = re.search(rb"\n" + contents[page - 1] + rb" 0 obj\s*<<.*?>>\s*stream\r?\n", data, re.S)
    assert m is not None and b"ASCII85Decode" in m.group(0)
    at = m.end() + 5
    return data[:at] + b"{{{{{{" + data[at + 6 :]


def _ext_read(result, report_id: str) -> list:
    return [f for f in result.findings if f.report_id == report_id and f.rule_id == "EXT-READ"]


@pytest.fixture(scope="module")
def clean_text():
    return extract_file(DEMO / CLEAN, RULES)


def test_a_pdf_page_that_cannot_be_read_is_a_finding_naming_the_page(tmp_path: Path, clean_text):
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "qinghe.pdf"
    render_pdf(clean_text, TEMPLATES, path)
    whole = read_document(path)
    path.write_bytes(_corrupt_page(path.read_bytes(), 2))

    logging.disable(logging.WARNING)  # pdfminer logs the damaged stream
    try:
        doc = read_document(path)
        result = audit(folder, RULES)
    finally:
        logging.disable(logging.NOTSET)

    (note,) = [n for n in doc.notes if isinstance(n, Note)]
    assert (note.code, note.page) == ("page-unread", 2)
    # pages 1 and 3 are still read: only page 2's lines are gone
    assert {t.page for t in doc.layout.text_lines} == {1, 3}
    assert len(doc.lines) < len(whole.lines)

    (finding,) = [f for f in _ext_read(result, "qinghe.pdf") if "page 2" in f.message["en"]]
    assert finding.message["zh"].endswith("第2页无法读取（Non-Ascii85 digit found: {），该页内容未能审查")
    assert finding.message["en"].endswith(
        "page 2 could not be read (Non-Ascii85 digit found: {); its content is missing from the audit"
    )
    (score,) = result.scores
    assert not any(d.rule_id == "EXT-READ" for d in score.deductions)


def test_a_whole_pdf_reads_without_such_a_finding(tmp_path: Path, clean_text):
    folder = tmp_path / "reports"
    folder.mkdir()
    render_pdf(clean_text, TEMPLATES, folder / "qinghe.pdf")
    result = audit(folder, RULES)
    assert not [f for f in _ext_read(result, "qinghe.pdf") if "could not be read" in f.message["en"]]


def _without_list_definition(data: bytes, num_id: str) -> bytes:
    """The DOCX with `<w:num w:numId=…>` removed from word/numbering.xml: paragraphs still ask for it."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                pattern = rf'<w:num w:numId="{num_id}"[^>]*>.*?</w:num>'.encode()
                body, n = re.subn(pattern, b"", body, flags=re.S)
                assert n == 1
            dst.writestr(item, body)
    return out.getvalue()


def test_word_numbering_that_cannot_be_rendered_is_a_finding(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "qinghe.docx"
    render_docx(article_of(CLEAN), path)  # section headings numbered by Word, list 90
    ordinals = [s.heading[:2] for s in extract_file(path, RULES).sections]
    assert ordinals == ["一、", "二、", "三、", "四、", "五、", "六、"]
    path.write_bytes(_without_list_definition(path.read_bytes(), "90"))

    doc = read_document(path)
    (note,) = [n for n in doc.notes if isinstance(n, Note)]
    assert note.code == "numbering-dropped"
    assert doc.lines[note.line - 1] == "总体情况"  # the first heading that lost its 一、

    result = audit(folder, RULES)
    (finding,) = [f for f in _ext_read(result, "qinghe.docx") if "numbering" in f.message["en"]]
    assert finding.line == note.line
    assert finding.message["zh"].endswith(
        f"Word自动编号无法还原（编号列表90未定义）：6个段落缺少编号（首个在第{note.line}段），标题序号可能因此缺失"
    )
    assert (
        "list 90 is not defined in the numbering part: the list numbers of 6 paragraph(s) are missing"
        in (finding.message["en"])
    )


def test_a_report_with_an_unreadable_page_is_not_audited(tmp_path: Path, clean_text):
    """What was on the lost page cannot be known: no section, table or date may be judged missing."""
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "qinghe.pdf"
    render_pdf(clean_text, TEMPLATES, path)
    path.write_bytes(_corrupt_page(path.read_bytes(), 2))
    logging.disable(logging.WARNING)
    try:
        result = audit(folder, RULES)
    finally:
        logging.disable(logging.NOTSET)
    (score,) = result.scores
    assert score.score is None and score.rank is None
    assert score.not_audited["code"] == "pages-unreadable"
    assert "第2页无法读取" in score.not_audited["zh"]


def test_lost_word_numbering_sends_outline_findings_to_review(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "qinghe.docx"
    render_docx(article_of(CLEAN), path)
    path.write_bytes(_without_list_definition(path.read_bytes(), "90"))
    result = audit(folder, RULES)
    outline = [f for f in result.findings if f.rule_id.startswith("SEC-") and f.outcome == "failed"]
    assert outline, "the headings lost their numbers, so outline rules fire"
    assert all(f.review and "自动编号无法还原" in f.review["zh"] for f in outline)
    (score,) = result.scores
    assert not any(d.rule_id.startswith("SEC-") for d in score.deductions)
