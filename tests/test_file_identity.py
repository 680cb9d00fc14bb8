"""Identity of input files: two files with the same stem are two reports with distinct, stable ids
and pages; every file in the folder is either a report or named with the reason it is not one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from disclosure_audit.extract import extract_file
from disclosure_audit.pipeline import audit, discover, report_ids
from disclosure_audit.render import write_outputs
from disclosure_audit.render.slugs import decode, decode_page, page_name, page_path, page_root, slug
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
    assert ids == {"a/x.txt": "a/x.txt", "b/x.txt": "b/x.txt", "unique.txt": "unique.txt"}
    assert result.reports["a/x.txt"].agency == "青禾县市场监督管理局"
    assert result.reports["b/x.txt"].agency == "云岭区司法局"


def test_an_id_is_the_path_whatever_else_the_folder_holds():
    """The old ids were stems with fallbacks and "-2" suffixes, so a file's id (and page) changed
    when another file arrived; now it is the path, extension included."""
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
    expected = {f: f.relative_to(root).as_posix() for f in files}
    assert expected[root / "a" / "x.txt"] == "a/x.txt"
    assert report_ids(files, root) == expected
    assert report_ids(list(reversed(files)), root) == expected
    for f in files:  # alone in the folder, each file has the same id
        assert report_ids([f], root) == {f: expected[f]}


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
    assert {r.report_id for r in result.reports.values()} >= {"r.txt"} and "sub/r.txt" not in result.reports


# --------------------------------------------------------------------------- page names

LOOK_ALIKES = [
    "01_clean_qinghe_scjgj_2022.txt",
    "a/x.txt",
    "a__x.txt",
    "a~~x.txt",
    "a~_x.txt",
    "a x.txt",
    "Report.txt",
    "report.txt",
    "REPORT.txt",
    "ＲＥＰＯＲＴ.txt",
    "report-2ab8d1.txt",
    "北京市2022年报.txt",
    "北京市2022年报.TXT",
    "con.txt",
    "~0063on.txt",
    ".x.txt",
    "a/.x.txt",
    "😀.txt",
    "\\xb1.txt",
    "北" * 300 + ".txt",
    "a/" * 150 + "x.txt",
    "x" * 400,
]


def test_page_names_by_hand():
    assert page_name("01_clean_qinghe_scjgj_2022.txt") == "01_clean_qinghe_scjgj_2022.txt.html"
    assert page_name("a/x.txt") == "a~~x.txt.html"
    assert page_name("a__x.txt") == "a__x.txt.html"
    assert page_name("Report.PDF") == "~report.~p~d~f.html"
    assert page_name("ＲＥＰＯＲＴ.txt") == "~0ff32~0ff25~0ff30~0ff2f~0ff32~0ff34.txt.html"
    assert page_name("北京市2022年报.txt") == "北京市2022年报.txt.html"
    assert page_name("年报 （终稿）.docx") == "年报~_~0ff08终稿~0ff09.docx.html"
    assert page_name("nul.txt") == "~0006eul.txt.html"  # a Windows device name, even with an extension
    assert page_path("a/x.txt") == "agencies/a~~x.txt.html" and page_root("a/x.txt") == "../"


def test_page_names_are_one_to_one_case_free_and_short_enough():
    names = [page_name(i) for i in LOOK_ALIKES]
    assert len({n.casefold() for n in names}) == len(LOOK_ALIKES), "two reports would share a page"
    for rid, name in zip(LOOK_ALIKES, names, strict=True):
        assert decode_page(name) == rid and decode(slug(rid)) == rid
        assert name == name.lower() and "/" not in slug(rid)
        for part in name.split("/"):
            assert 0 < len(part.encode("utf-8")) <= 200 and not part.startswith(".")
            assert part.split(".")[0] not in ("con", "prn", "aux", "nul")
        # a folder part can never be a page, nor a page a folder part
        assert all(p.endswith("~") for p in name.split("/")[:-1]) and name.endswith(".html")


def test_look_alike_names_are_separate_reports_with_their_own_pages(tmp_path):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    long_dir = src / ("二级目录" * 20)
    long_dir.mkdir()
    files = {
        "ＲＥＰＯＲＴ.txt": CLEAN,
        "report-2ab8d1.txt": OTHER,
        "a/x.txt": CLEAN,
        "a__x.txt": OTHER,
        f"{long_dir.name}/{'青禾县市场监督管理局' * 6}2022年报.txt": CLEAN,
    }
    for name, source in files.items():
        shutil.copy(source, src / name)
    result = audit(src, RULES)
    assert sorted(result.reports) == sorted(files) and result.file_errors == []
    out = tmp_path / "out"
    write_outputs(result, out)
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    pages = {r["report_id"]: r["page"] for r in doc["reports"]}
    assert len(set(pages.values())) == len(files)
    for rid, page in pages.items():
        html = (out / page).read_text(encoding="utf-8")
        assert rid in html and result.reports[rid].agency in html
        # the page's links lead back to the site from however deep it sits
        assert (out / page).parent.joinpath(page_root(rid), "index.html").resolve() == (out / "index.html").resolve()
        assert f'href="{page_root(rid)}index.html"' in html
    long_page = pages[next(f for f in files if f.startswith(long_dir.name))]
    assert long_page.count("/") >= 2, "a long name's page sits in folders"


def test_diff_pairs_a_report_without_agency_across_the_id_change():
    """Runs before this change gave a report the id `x` (its stem); now it is `x.txt`. A report with
    no agency is paired by its file, so the diff shows it persisting, not as one gone and one new."""
    from disclosure_audit.diff import diff_runs

    finding = {"rule_id": "META-AGENCY", "outcome": "failed", "message": {"zh": "未写明机关名称"}, "location": {}}
    old = {"reports": [{"report_id": "x", "file": "x.txt", "agency": None, "year": 2022, "score": 90, "rank": 1}]}
    new = {"reports": [{"report_id": "x.txt", "file": "x.txt", "agency": None, "year": 2022, "score": 90, "rank": 1}]}
    old["reports"][0]["findings"] = new["reports"][0]["findings"] = [finding]
    (d,) = diff_runs(old, new)
    assert (d.old_score, d.new_score, len(d.persisting), d.new, d.fixed) == (90, 90, 1, [], [])
