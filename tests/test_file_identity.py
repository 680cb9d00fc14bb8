"""Identity of input files: two files with the same stem are two reports with distinct, stable ids
and pages; every file in the folder is either a report or named with the reason it is not one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from disclosure_audit.extract import extract_file
from disclosure_audit.pipeline import audit, discover, report_ids
from disclosure_audit.render import write_outputs
from disclosure_audit.templates import get_templates
from tests.conftest import RULES
from tests.pdf_twin import render_pdf

DEMO = RULES.parent / "reports_in"
CLEAN = DEMO / "01_clean_qinghe_scjgj_2022.txt"
OTHER = DEMO / "02_yunling_sfj_2020.txt"


def test_a_text_report_and_its_pdf_with_the_same_stem_are_two_reports(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CLEAN, src / "001.txt")
    render_pdf(extract_file(CLEAN, RULES), get_templates(RULES), src / "001.pdf")
    result = audit(src, RULES)
    assert result.file_errors == []
    assert {r.report_id: r.file for r in result.reports.values()} == {"001.txt": "001.txt", "001.pdf": "001.pdf"}
    out = tmp_path / "out"
    write_outputs(result, out)
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    by_file = {r["file"]: r for r in doc["reports"]}
    assert set(by_file) == {"001.txt", "001.pdf"}
    assert (by_file["001.txt"]["page"], by_file["001.pdf"]["page"]) == (
        "agencies/001.txt.html",
        "agencies/001.pdf.html",
    )
    assert {by_file["001.txt"]["format"], by_file["001.pdf"]["format"]} == {"txt", "pdf"}
    for r in by_file.values():  # both audited: the same clean report, read from two formats
        assert r["status"] == "audited" and r["score"] == 100.0 and r["rank"] == 1
        assert (out / r["page"]).is_file()
        assert {f["report_id"] for f in r["findings"]} <= {r["report_id"]}
    assert "001.pdf" in (out / "agencies" / "001.pdf.html").read_text(encoding="utf-8")


def test_same_name_in_two_folders(tmp_path):
    for folder, source in (("a", CLEAN), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / "x.txt")
    shutil.copy(OTHER, tmp_path / "unique.txt")
    result = audit(tmp_path, RULES)
    ids = {r.file: r.report_id for r in result.reports.values()}
    assert ids == {"a/x.txt": "a__x", "b/x.txt": "b__x", "unique.txt": "unique"}
    assert result.reports["a__x"].agency == "青禾县市场监督管理局"
    assert result.reports["b__x"].agency == "云岭区司法局"


def test_ids_are_distinct_ignoring_case_and_stable(tmp_path):
    root = Path("/reports")
    files = [
        root / "001.txt",
        root / "001.pdf",
        root / "a" / "x.txt",
        root / "b" / "x.txt",
        root / "Report.txt",
        root / "report.txt",
        root / "a__x.txt",
        root / "plain.docx",
    ]
    expected = {
        root / "001.txt": "001.txt",
        root / "001.pdf": "001.pdf",
        root / "a" / "x.txt": "a__x.txt",  # a__x is a__x.txt's own stem
        root / "b" / "x.txt": "b__x",
        root / "Report.txt": "Report.txt",
        root / "report.txt": "report.txt-2",  # same name but for case: a page file system may fold case
        root / "a__x.txt": "a__x",
        root / "plain.docx": "plain",
    }
    assert report_ids(files, root) == expected
    assert report_ids(list(reversed(files)), root) == expected


def test_every_file_is_a_report_or_named_with_a_reason(tmp_path):
    shutil.copy(CLEAN, tmp_path / "r.txt")
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("说明\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# 备注\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,agency\n", encoding="utf-8")
    (tmp_path / "audit.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "manifest.csv").write_text("file,agency\n", encoding="utf-8")
    (tmp_path / "sub" / "r.txt").write_bytes(b"")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["data.json", "notes.md", "r.txt", "sub/manifest.csv", "sub/r.txt"]
    result = audit(tmp_path, RULES)
    errors = {e.file: e.message for e in result.file_errors}
    assert sorted([r.file for r in result.reports.values()] + list(errors)) == found
    assert errors["data.json"] == "unsupported file type '.json'"
    assert errors["sub/manifest.csv"] == "not a report: manifest.csv is read only from the top of the reports folder"
    assert errors["sub/r.txt"]  # empty file: unreadable, with the reader's reason
    # .md is a report format (its reader lives in ingest): a report, or named while no reader is installed
    assert "notes.md" in errors or any(r.file == "notes.md" for r in result.reports.values())
    assert {r.report_id for r in result.reports.values()} >= {"r"} and "sub__r" not in result.reports
