"""PDF twins of the demo reports: each text report, drawn as an A4 PDF by `tests/pdf_twin.py` (ruled
official tables with merged headers, 表三 broken over a page with its header repeated, running headers
and `- N -` footers), reads back cell for cell, with the same sections and metadata, and fails the
same table rules. The hostile variants add a number drawn as two text runs, a number wrapped inside
its cell, a unit wrapped inside a header cell, headings drawn as numbering run + text run, and a page
break between two data rows of 表二."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_document, extract_file
from disclosure_audit.ingest import Document, read_document
from disclosure_audit.ingest.pdf import read_pdf
from disclosure_audit.model import Report
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES
from tests.pdf_twin import FONT, TwinInfo, render_pdf, running_header
from tests.twins import cells_of, meta_of, sections_of

DEMO = RULES.parent / "reports_in"
TEMPLATES = get_templates(RULES)
CASES = [
    ("01_clean_qinghe_scjgj_2022.txt", False),  # 2021 format, clean
    ("02_yunling_sfj_2020.txt", False),  # 2019 format, clean
    ("04_yunling_zjj_2021.txt", False),  # T3-RESULT, T2-21-INEQ
    ("07_yunling_zrzyj_2020.txt", False),  # 2019 format: blank cells, 52000元 under 万元, T4-SUM; 2019 report present
    ("13_baishi_slj_2022.txt", False),  # 2021 format with last year's report: the XYEAR rules
    ("07_yunling_zrzyj_2020.txt", True),
    ("06_qinghe_jytyj_2021.txt", True),  # 2021 format: '/' cells, '-2', T3-COLSUM
]
CASES = [c for c in CASES if (DEMO / c[0]).exists()]
IDS = [f"{Path(n).stem}{'-hostile' if h else ''}" for n, h in CASES]
TABLE_RULES = ("T2-", "T3-", "T4-", "VAL-", "BLANK-", "UNIT-")


@dataclass
class Twin:
    text: Report
    pdf: Report
    doc: Document
    path: Path
    info: TwinInfo


@pytest.fixture(scope="module")
def demo_texts() -> dict[str, Report]:
    return {p.name: extract_file(p, RULES) for p in sorted(DEMO.glob("*.txt"))}


@pytest.fixture(scope="module")
def twins(tmp_path_factory, demo_texts) -> dict[tuple[str, bool], Twin]:
    out = tmp_path_factory.mktemp("pdf_twins")
    built = {}
    for name, hostile in CASES:
        text = demo_texts[name]
        path = out / f"{Path(name).stem}{'_hostile' if hostile else ''}.pdf"
        info = render_pdf(text, TEMPLATES, path, hostile=hostile)
        doc = read_document(path)
        built[(name, hostile)] = Twin(text, extract_document(doc, TEMPLATES, report_id=text.report_id), doc, path, info)
    return built


# --------------------------------------------------------------------------- what must match
# cells_of, sections_of and meta_of (header units included) are in `tests/twins.py`.


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pdf_twin_extracts_like_the_text_report(case, twins):
    t = twins[case]
    assert t.doc.source_format == "pdf" and t.doc.machine_readable and t.doc.layout.name == "pdf"
    assert cells_of(t.pdf) == cells_of(t.text)
    assert sections_of(t.pdf) == sections_of(t.text)
    assert [s.number for s in t.pdf.sections] == [1, 2, 3, 4, 5, 6]
    assert meta_of(t.pdf) == meta_of(t.text)
    # wrapped, justified body lines come back as the text version's paragraphs
    body = [(p.section, p.text) for p in t.pdf.paragraphs if p.section is not None]
    assert body == [(p.section, p.text.strip(" \t\u3000\u00a0")) for p in t.text.paragraphs if p.section is not None]
    for key, table in t.pdf.tables.items():
        for (row, col), cell in table.cells.items():
            if table.found:
                assert cell.page is not None and 1 <= cell.page <= t.info.pages, f"{key}/{row}/{col}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pdf_twin_layout_is_the_official_one(case, twins):
    """The PDF really has what the reader must undo: furniture on every page, 表三 over two pages
    with its three header rows drawn again, merged header cells and the vertical label."""
    t = twins[case]
    header = running_header(t.text)
    with pdfplumber.open(t.path) as pdf:
        assert len(pdf.pages) == t.info.pages >= 3
        pages = [p.extract_text() for p in pdf.pages]
    for n, text in enumerate(pages, start=1):
        assert text.startswith(header) and text.rstrip().endswith(f"- {n} -")
    assert not any(line.strip() in {header, *(f"- {n} -" for n in range(1, len(pages) + 1))} for line in t.doc.lines)
    requests = t.pdf.tables["requests"].cells
    assert t.info.breaks["requests"], "表三 must break over a page"
    assert requests[("new", "total")].page < requests[("carry_forward", "total")].page
    assert sum("申请人情况" in p for p in pages) == 2  # drawn on both pages...
    cells = [c.text for seg in t.doc.layout.segments for c in seg.cells]
    assert cells.count("申请人情况") == 1  # ...read once: the repeated header rows are dropped
    assert cells.count("法人或其他组织") == 1
    assert "三、本年度办理结果" in cells  # one character per visual line, one cell


HOSTILE = [c for c in CASES if c[1]]


def _stream(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [[c for c in p.chars if c["text"].strip()] for p in pdf.pages]


def _find(chars: list[dict], text: str) -> list[int]:
    s = "".join(c["text"] for c in chars)
    out, i = [], s.find(text)
    while i >= 0:
        out.append(i)
        i = s.find(text, i + 1)
    return out


@pytest.mark.parametrize("case", HOSTILE, ids=[f"{Path(n).stem}-hostile" for n, _ in HOSTILE])
def test_hostile_twin_is_hostile(case, twins):
    """Each hostile touch is really in the file (so the cell equality above is not vacuous)."""
    t = twins[case]
    pages = _stream(t.path)
    assert t.info.split_runs and t.info.split_lines
    for head, tail in t.info.split_runs:  # `7` + `5`: the later run is drawn first, a hair apart
        hits = [
            (chars, i)
            for chars in pages
            for i in _find(chars, tail + head)
            if chars[i + len(tail)]["x0"] < chars[i]["x0"] and chars[i]["top"] == chars[i + len(tail)]["top"]
        ]
        assert len(hits) == 1, (head, tail)
        chars, i = hits[0]
        gap = chars[i]["x0"] - chars[i + len(tail) - 1 + len(head)]["x1"]
        assert 0 < gap < 1
    for first, second in t.info.split_lines:  # a number wrapped inside its cell: two visual lines
        hits = [
            (chars, i)
            for chars in pages
            for i in _find(chars, first + second)
            if chars[i + len(first)]["top"] > chars[i]["bottom"]
        ]
        assert len(hits) == 1, (first, second)
    values = {c.raw for tab in t.pdf.tables.values() for c in tab.cells.values()}
    assert {h + tl for h, tl in t.info.split_runs} | {a + b for a, b in t.info.split_lines} <= values
    # 表二 breaks between two data rows of one block: no header row on the continuation
    tdef = TEMPLATES.versions[t.pdf.template].tables["active"]
    first = {r: t.pdf.tables["active"].cells[(r, tdef.block_of_row[r].columns[0].key)] for r in tdef.rows}
    rows = [r for r, cell in first.items() if cell.kind != "missing"]
    assert any(
        first[b].page == first[a].page + 1 and tdef.block_of_row[a] is tdef.block_of_row[b] for a, b in pairwise(rows)
    )


# --------------------------------------------------------------------------- the rules


@pytest.fixture(scope="module")
def rules():
    loaded, _errors = load_rules(RULES)  # a broken rule file elsewhere is reported by its own tests
    assert {r.spec.id for r in loaded} >= {"T3-BAL", "T3-RESULT", "T4-SUM", "BLANK-CELL", "UNIT-CONFLICT"}
    return loaded


def table_findings(report: Report, companions: list[Report], rules) -> set[tuple[str, str]]:
    findings, _ = run_rules([*companions, report], rules, TEMPLATES, RULES)
    return {
        (f.rule_id, f.outcome)
        for f in findings
        if f.report_id == report.report_id and f.rule_id.startswith(TABLE_RULES)
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pdf_twin_fails_the_same_table_rules(case, twins, demo_texts, rules):
    t = twins[case]
    prev = [
        r
        for r in demo_texts.values()
        if r.agency and r.agency == t.text.agency and r.year == (t.text.year or 0) - 1 and r is not t.text
    ]
    want = table_findings(t.text, prev, rules)
    got = table_findings(t.pdf, prev, rules)
    assert got == want
    assert {r for r, o in got if o == "failed"} == {r for r, o in want if o == "failed"}


def test_cases_cover_both_formats_failures_and_hostile_pages(twins, demo_texts, rules):
    assert {t.text.template for t in twins.values()} == {"2019", "2021"}
    assert {hostile for _, hostile in twins} == {True, False}
    failed = set()
    for t in twins.values():
        failed |= {r for r, o in table_findings(t.text, [], rules) if o == "failed"}
    assert failed & {"T3-RESULT", "T4-SUM", "BLANK-CELL", "BLANK-TOTAL"}  # the comparison is not of empty sets


# --------------------------------------------------------------------------- reader detail


def test_number_wrapped_inside_a_cell_is_one_number(tmp_path):
    """A value too wide for its column wraps mid-number (`28` / `46`): one number, no space; words
    wrapped in a cell still get their space, CJK text none."""
    path = tmp_path / "wrapped.pdf"
    c = Canvas(str(path), pagesize=(595, 842), invariant=1)
    cells = [["28", "46"], ["6.", "82"], ["Total", "sum"], ["商业", "企业"], ["1,2", "34"]]
    c.setLineWidth(0.5)
    for i, lines in enumerate(cells):
        x0, x1 = 60 + 60 * i, 120 + 60 * i
        c.line(x0, 700, x1, 700)
        c.line(x0, 660, x1, 660)
        c.line(x0, 660, x0, 700)
        c.line(x1, 660, x1, 700)
        c.setFont(FONT, 9)
        for k, text in enumerate(lines):
            c.drawString(x0 + 4, 688 - 12 * k, text)
    c.save()
    doc = read_pdf(path)
    assert [cell.text for cell in doc.layout.segments[0].cells] == ["2846", "6.82", "Total sum", "商业企业", "1,234"]
