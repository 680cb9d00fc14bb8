"""Every in-the-wild form of every demo report reads to the cells of its text version, or marks the
cells it cannot read as ambiguous: never a different number. And the real 淮安 PDF, converted by
`pdftotext` in each of its modes, reads to the 200 cells a careful reader wrote down by hand.

The forms (tests/forms) are made by real tools: pdftotext, pymupdf4llm, markitdown, an lxml crawler
over the HTML twin, OCR look-alike damage. Where a form keeps every value and the position of every
blank (the `-layout` text, converter markdown that keeps one value per cell), nothing may be
ambiguous either.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from disclosure_audit.extract import extract_file
from tests.conftest import ROOT, RULES, SAMPLE_PDF
from tests.forms import FORMS, all_forms_with_details, demo_reports

DEMO = demo_reports()  # the demo reports in the generator's own layouts (the wild-form ones are no source)
# forms that keep every value and every blank's column: the reader must read them completely
COMPLETE = {"pdftotext-layout", "markdown-pymupdf4llm", "markdown-headings", "ocr-layout"}


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms")
    result: dict[tuple[str, str], tuple] = {}
    for name in DEMO:
        text = extract_file(ROOT / "reports_in" / name, RULES)
        made = all_forms_with_details(name, out / "_tmp")
        for form, body in made.texts.items():
            path = out / form / (Path(name).stem + FORMS[form])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            result[(form, name)] = (text, extract_file(path, RULES), path)
    return result


def _compare(text, form):
    same, ambiguous, wrong = 0, [], []
    for tkey, t in text.tables.items():
        for key, c in t.cells.items():
            if c.kind == "missing":
                continue
            f = form.tables[tkey].cells.get(key)
            if f is not None and f.kind == "ambiguous":
                ambiguous.append((tkey, *key))
            elif f is not None and (f.raw or "") == (c.raw or "") and f.kind == c.kind:
                same += 1
            else:
                wrong.append((tkey, *key, c.raw, None if f is None else (f.kind, f.raw)))
    return same, ambiguous, wrong


@pytest.mark.parametrize("form", sorted(FORMS))
def test_form_reads_the_same_cells_or_says_it_cannot(form, readings):
    total_same = 0
    for name in DEMO:
        text, got, _ = readings[(form, name)]
        same, ambiguous, wrong = _compare(text, got)
        assert wrong == [], f"{form} {name}: cells read differently from the text version"
        if form in COMPLETE:
            assert ambiguous == [], f"{form} {name}: cells the form shows plainly were left ambiguous"
        for tkey, row, _col in ambiguous:
            assert got.tables[tkey].uncertain, f"{form} {name}: ambiguous cells in a table read as certain"
            assert any(p.code == "ambiguous-cells" and p.table == tkey and p.row == row for p in got.problems)
        total_same += same
    assert total_same > 0


@pytest.mark.parametrize("form", sorted(FORMS))
def test_form_finds_the_same_sections_and_metadata(form, readings):
    for name in DEMO:
        text, got, _path = readings[(form, name)]
        assert [s.number for s in got.sections if s.number] == [s.number for s in text.sections if s.number], name
        assert got.template == text.template, name
        assert got.year == text.year, name
        if form.startswith("ocr") or form.startswith("crawler"):
            continue  # a misspelt place name / the crawler's 发布机构 may name the agency differently
        assert got.agency == text.agency, name


def test_crawler_form_takes_its_header_block(readings):
    _text, got, _ = readings[("crawler", "01_clean_qinghe_scjgj_2022.txt")]
    assert got.agency == "青禾县市场监督管理局"
    assert got.title == "青禾县市场监督管理局2022年政府信息公开工作年度报告"
    assert got.text_meta["published_source"] == "online"
    assert got.url and got.url.startswith("http")
    assert not any(s.startswith("标题") for s in (got.agency, got.title))


# ---------------------------------------------------------------------------- the real report


@pytest.mark.parametrize("mode", [["-layout"], [], ["-raw"]], ids=["layout", "reading-order", "raw"])
def test_huaian_pdftotext_reads_all_200_cells(mode, tmp_path, samples_dir):
    assert shutil.which("pdftotext"), "poppler-utils is installed by scripts/test.sh"
    out = tmp_path / "huaian.txt"
    pdf = samples_dir / f"{SAMPLE_PDF}.pdf"
    subprocess.run(["pdftotext", "-enc", "UTF-8", *mode, str(pdf), str(out)], check=True)
    r = extract_file(out, RULES)
    exp = json.loads((samples_dir / "expected" / f"{SAMPLE_PDF}.json").read_text(encoding="utf-8"))
    got, want = {}, {}
    for t in ("active", "requests", "appeals"):
        for row, cols in exp[t].items():
            for col, raw in cols.items():
                want[(t, row, col)] = raw
                c = r.tables[t].cells[(row, col)]
                got[(t, row, col)] = c.raw if c.kind != "missing" else None
    assert len(want) == 200
    assert got == want
    assert (r.template, r.year, r.agency) == ("2021", 2024, "淮安市人民政府")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]


CLEAN = ("01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt")  # the demo's two clean reports


@pytest.mark.parametrize("form", sorted(FORMS))
def test_clean_reports_get_no_error_in_any_form(form, readings, tmp_path):
    """Whatever form a clean report arrives in, the audit charges it no error."""
    from disclosure_audit.pipeline import audit

    for name in CLEAN:
        _text, _got, path = readings[(form, name)]
        shutil.copy(path, tmp_path / path.name)
    result = audit(tmp_path, RULES)
    errors = [
        (f.report_id, f.rule_id, f.message["zh"])
        for f in result.findings
        if f.outcome == "failed" and f.severity == "error" and not f.waived and not f.review
    ]
    assert errors == []
    assert all(s.audited for s in result.scores)
