"""What a run reads as input: nothing in REPORTS_DIR disappears without a line saying why, the
output folder is never read back as reports, and the usage errors at the start of `run` (an empty
folder, a file, a path that does not exist) each get a clear message and exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from disclosure_audit.pipeline import audit, find_inputs
from disclosure_audit.render import OUTPUT_MARKER, write_outputs
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLEAN = DEMO / "01_clean_qinghe_scjgj_2022.txt"
OTHER = DEMO / "02_yunling_sfj_2020.txt"


def cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "disclosure_audit.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def notes(result_or_inputs) -> dict[str, tuple[str, bool]]:
    errors = getattr(result_or_inputs, "file_errors", None) or getattr(result_or_inputs, "skipped", [])
    return {e.file: (e.message, e.skipped) for e in errors}


# --------------------------------------------------------------------------- folders and links


def test_a_folder_named_like_a_report_is_read_and_said_when_empty(tmp_path):
    shutil.copy(CLEAN, tmp_path / "r.txt")
    (tmp_path / "empty.txt").mkdir()
    (tmp_path / "full.pdf").mkdir()
    shutil.copy(OTHER, tmp_path / "full.pdf" / "inside.txt")
    result = audit(tmp_path, RULES)
    assert sorted(result.reports) == ["full.pdf/inside.txt", "r.txt"]
    assert notes(result) == {"empty.txt": ("a folder named like a report file, with no file in it", True)}


def test_links_are_followed_once_and_broken_ones_named(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(OTHER, outside / "o.txt")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(CLEAN, src / "r.txt")
    (src / "same.txt").symlink_to("r.txt")  # a second name for a file already there
    (src / "outside.txt").symlink_to(outside / "o.txt")  # a file outside the folder: followed
    (src / "dangling.txt").symlink_to("nothere.txt")
    (src / "sub" / "loop").symlink_to("..")  # a folder link back up: not followed
    (src / "selfloop.txt").symlink_to("selfloop.txt")  # a link to itself
    (src / "ext").symlink_to(outside)  # a link to a folder outside: followed
    result = audit(src, RULES)
    assert sorted(result.reports) == ["ext/o.txt", "r.txt"]  # one file reached by two links: the first
    assert notes(result) == {
        "dangling.txt": ("broken link: 'nothere.txt' does not exist", False),
        "outside.txt": ("the same file as ext/o.txt: audited once, under that name", True),
        "same.txt": ("the same file as r.txt: audited once, under that name", True),
        "selfloop.txt": ("link loop: the link leads back to itself", False),
        "sub/loop": ("link to a folder that holds it (a loop): not followed", True),
    }
    dangling = next(e for e in result.file_errors if e.file == "dangling.txt")
    assert not dangling.not_a_report, "a broken link to a .txt is listed with the reports not audited"


def test_a_pipe_is_named_and_never_opened(tmp_path):
    shutil.copy(CLEAN, tmp_path / "r.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it to read would wait for a writer forever
    res = cli("run", str(tmp_path), "--out", str(tmp_path.parent / "out_pipe"), "--no-history", "-q", timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stderr == "skipped: pipe.txt: not a regular file (a pipe, socket or device): not read\n"


def test_hidden_report_files_are_named_other_hidden_entries_are_not(tmp_path):
    shutil.copy(CLEAN, tmp_path / "r.txt")
    shutil.copy(OTHER, tmp_path / ".draft.txt")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("not a report", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    inputs = find_inputs(tmp_path)
    assert [p.name for p in inputs.files] == ["r.txt"]
    assert notes(inputs) == {".draft.txt": ("hidden file (its name starts with '.'): not read", True)}


def test_a_name_that_is_not_utf8_is_audited_and_written(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    gbk = "报告".encode("gbk") + b".txt"  # a GBK name unpacked on Linux
    shutil.copy(CLEAN, os.path.join(os.fsencode(src), gbk))
    result = audit(src, RULES)
    assert list(result.reports) == ["\\xb1\\xa8\\xb8\\xe6.txt"]
    paths = write_outputs(result, tmp_path / "out")
    doc = json.loads(paths["findings"].read_text(encoding="utf-8"))
    assert (tmp_path / "out" / doc["reports"][0]["page"]).is_file()


# --------------------------------------------------------------------------- the output folder


def test_the_output_folder_inside_the_input_is_never_audited(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CLEAN, src / "a.txt")
    shutil.copy(OTHER, src / "b.txt")
    first = cli("run", str(src), "--out", str(src / "out"), "-q")
    assert first.returncode == 0, first.stderr
    assert (src / "out" / OUTPUT_MARKER).is_file()
    second = cli("run", str(src), "--out", str(src / "out"), "-q")
    assert second.returncode == 0, second.stderr
    assert second.stderr == "skipped: out: this run's output folder (--out) is not read as input\n"
    doc = json.loads((src / "out" / "findings.json").read_text(encoding="utf-8"))
    assert [r["file"] for r in doc["reports"]] == ["a.txt", "b.txt"]
    # an earlier output folder under another name is recognised by its marker file
    shutil.copytree(src / "out", src / "old-site")
    third = cli("run", str(src), "--out", str(src / "out"), "-q", "--json")
    assert third.returncode == 0, third.stderr
    assert "skipped: old-site: an audit output folder (it holds .disclosure-audit-output)" in third.stderr
    summary = json.loads(third.stdout)
    assert summary["reports"] == 2 and summary["unreadable"] == []
    assert [s["file"] for s in summary["skipped"]] == ["old-site", "out"]
    index = (src / "out" / "index.html").read_text(encoding="utf-8")
    assert "old-site" in index, "the site lists what was left out"


def test_reports_dir_that_is_an_output_folder_says_so(tmp_path):
    src = tmp_path / "site"
    src.mkdir()
    shutil.copy(CLEAN, src / "a.txt")
    (src / OUTPUT_MARKER).write_text("", encoding="utf-8")
    res = cli("run", str(src), "--out", str(tmp_path / "out"))
    assert res.returncode == 1
    assert res.stderr.splitlines() == [
        "skipped: .: an audit output folder (it holds .disclosure-audit-output) is not read as input",
        f"没有可审查的报告 / no reports found in {src}",
    ]


# --------------------------------------------------------------------------- usage errors


def test_an_empty_folder_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    res = cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert (res.returncode, res.stderr) == (1, f"没有可审查的报告 / no reports found in {tmp_path / 'in'}\n")
    assert not (tmp_path / "out").exists()


def test_a_folder_of_other_files_names_them_and_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "list.xlsx").write_bytes(b"PK")
    res = cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert res.returncode == 1
    assert res.stderr.splitlines() == [
        "unreadable: list.xlsx: unsupported file type '.xlsx'",
        f"没有可审查的报告 / no reports found in {tmp_path / 'in'}",
    ]


def test_a_path_that_does_not_exist_exits_2(tmp_path):
    res = cli("run", str(tmp_path / "nothere"), "--out", str(tmp_path / "out"))
    assert (res.returncode, res.stderr) == (2, f"error: reports folder '{tmp_path / 'nothere'}' does not exist\n")


def test_a_file_is_audited_as_if_its_folder_held_only_it(tmp_path):
    """The demo file's folder has a register, waivers and audit.yaml for the other files too: the
    run uses them for this file and does not call the rest unused."""
    out = tmp_path / "out"
    res = cli("run", str(CLEAN), "--out", str(out), "--no-history", "-q", "--json")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (report,) = doc["reports"]
    assert (report["report_id"], report["file"]) == (CLEAN.name, CLEAN.name)
    assert report["page"] == f"agencies/{CLEAN.name}.html" and (out / report["page"]).is_file()
    assert report["agency"] == "青禾县市场监督管理局" and report["status"] == "audited"
    assert doc["run"]["manifest_problems"] == [] and doc["run"]["waiver_problems"] == []


def test_out_equal_to_reports_dir_reads_nothing_back(tmp_path):
    src = tmp_path / "子目录"
    src.mkdir()
    shutil.copy(CLEAN, src / "a.txt")
    res = cli("run", str(src), "--out", str(src))
    assert res.returncode == 1
    assert res.stderr.splitlines()[0] == "skipped: .: this run's output folder (--out) is not read as input"
