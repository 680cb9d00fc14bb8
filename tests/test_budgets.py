"""Per-file budgets through the real CLI: a DOCX bomb, a file that takes too long and one that needs
too much memory each become an unreadable file with a `budget:` reason, and every good report in the
same folder is still audited.

Before the budgets, a 1.6 MB .docx unpacking to 545 MB hung a run at 7.7 GB and a 50 MB text file
hung it for minutes, and the reports beside them were never audited. Each CLI run here is wrapped in
a generous timeout that only turns a hang into a failure; no test measures speed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
GOOD = sorted(f.name for f in DEMO.glob("*.txt"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)


def write_bomb(path: Path, mb: int) -> None:
    """A real DOCX package whose document.xml is `mb` MB of empty paragraphs (about 1 MB packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
            mib = b"<w:p/>" * 174762 + b"    "  # 1 MiB exactly
            for _ in range(mb):
                f.write(mib)
            f.write(b"</w:body></w:document>")


def write_big_text(path: Path, mb: int) -> None:
    """`mb` MB of report-like lines: slow to read and large in memory."""
    line = "政府信息公开工作年度报告：本年新收政府信息公开申请 12 件，办结 34 件，结转 56 件。\n".encode()
    path.write_bytes(line * (mb * (1 << 20) // len(line)))


def folder_with(tmp: Path, bad: dict[str, object]) -> Path:
    d = tmp / "in"
    d.mkdir()
    for name in GOOD:
        shutil.copy(DEMO / name, d / name)
    for name, make in bad.items():
        make(d / name)  # type: ignore[operator]
    return d


def audited_and_unreadable(out: Path) -> tuple[set[str], dict[str, str]]:
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    scored = {r["file"] for r in doc["reports"] if r["status"] != "not_audited" and r.get("score") is not None}
    return scored, {e["file"]: e["message"] for e in doc["run"]["unreadable_files"]}


@pytest.fixture(scope="module")
def slow_and_bomb(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("budget")
    return folder_with(
        tmp,
        {
            "zz_bomb.docx": lambda p: write_bomb(p, 320),
            "zz_huge.txt": lambda p: write_big_text(p, 40),
        },
    )


def test_a_docx_bomb_and_a_file_past_its_time_are_unreadable_and_every_good_report_is_audited(slow_and_bomb, tmp_path):
    out = tmp_path / "out"
    res = run_cli("run", str(slow_and_bomb), "--rules", str(RULES), "--out", str(out), "--file-timeout", "2", "-q")
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    scored, unreadable = audited_and_unreadable(out)
    assert scored == set(GOOD)
    assert unreadable == {
        "zz_bomb.docx": "budget: DOCX part word/document.xml unpacks to 320 MB, more than the 200 MB a part may "
        "(a ZIP bomb or a damaged file)",
        "zz_huge.txt": "budget: reading took longer than 2 s (limit --file-timeout)",
    }
    assert "unreadable: zz_huge.txt: budget: reading took longer than 2 s (limit --file-timeout)" in res.stderr


def test_output_is_the_same_with_one_worker_and_with_two(slow_and_bomb, tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        args = ("run", str(slow_and_bomb), "--rules", str(RULES), "--out", str(out), "--no-history", "-q")
        res = run_cli(*args, "--file-timeout", "2", "--jobs", jobs)
        assert res.returncode == 1, res.stderr
        outs.append((out / "findings.json").read_bytes())
    assert outs[0] == outs[1]


def test_a_file_that_needs_more_than_its_memory_budget_is_unreadable_and_the_others_are_audited(tmp_path):
    d = folder_with(tmp_path, {"zz_hog.txt": lambda p: write_big_text(p, 40)})
    out = tmp_path / "out"
    res = run_cli("run", str(d), "--rules", str(RULES), "--out", str(out), "--file-memory", "64", "-q")
    assert res.returncode == 1, res.stderr
    scored, unreadable = audited_and_unreadable(out)
    assert scored == set(GOOD)
    assert unreadable == {"zz_hog.txt": "budget: reading needed more than 64 MB (limit --file-memory)"}


def test_pipeline_audit_takes_the_budgets_as_parameters(tmp_path):
    from disclosure_audit.pipeline import audit

    d = folder_with(tmp_path, {"zz_hog.txt": lambda p: write_big_text(p, 40)})
    result = audit(d, RULES, file_timeout=600, file_memory=64)
    assert sorted(r.file for r in result.reports.values()) == GOOD
    assert [(e.file, e.message) for e in result.file_errors] == [
        ("zz_hog.txt", "budget: reading needed more than 64 MB (limit --file-memory)")
    ]


def test_extract_reads_under_the_same_budgets(slow_and_bomb):
    res = run_cli("extract", str(slow_and_bomb), "--rules", str(RULES), "--file-timeout", "2")
    assert res.returncode == 1, res.stderr
    assert res.stderr.splitlines() == [
        f"{slow_and_bomb / 'zz_bomb.docx'}: unreadable: budget: DOCX part word/document.xml unpacks to 320 MB, "
        "more than the 200 MB a part may (a ZIP bomb or a damaged file)",
        f"{slow_and_bomb / 'zz_huge.txt'}: unreadable: budget: reading took longer than 2 s (limit --file-timeout)",
    ]
    for name in GOOD:
        assert f"{slow_and_bomb / name}: " in res.stdout
