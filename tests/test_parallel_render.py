"""`--jobs N` renders the agency pages in worker processes, and the output folder is the same bytes
as with `--jobs 1`; `--jobs` left out means every core the process may use.

The runs are the CLI in its own process, as a user starts it, over real files (the demo reports and
a generated corpus); SOURCE_DATE_EPOCH pins the run timestamp in the children's environment only
(setting it in the test process breaks other test modules).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from disclosure_audit.render.page_workers import chunks
from tests.conftest import RULES, demo_copy

ROOT = RULES.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
GENERATED = 30


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "disclosure_audit.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path):
    src = demo_copy(tmp_path / "in")
    subprocess.run(
        [sys.executable, str(GENERATE), "--count", str(GENERATED), "--seed", "3", "--out", str(tmp_path / "gen")],
        check=True,
        capture_output=True,
    )
    for f in (tmp_path / "gen").iterdir():
        if f.suffix in (".txt", ".md"):
            f.rename(src / f.name)
    n_reports = 18 + GENERATED  # the demo's 18 reports (its README.md is not one) and the generated ones
    # the pages of this corpus go out in several chunks: the worker processes do render them
    assert len(chunks([{}] * n_reports, 2)) >= 4
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        res = _cli("run", str(src), "--out", str(out), "-q", "--no-history", "--jobs", jobs)
        assert res.returncode in (0, 1), res.stderr  # 1: the demo's unreadable scan is named
        outs[jobs] = _files(out)
    one, two = outs["1"], outs["2"]
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    pages = [name for name in one if name.startswith("agencies/") and name.endswith(".html")]
    assert len(pages) == n_reports  # every report has its page, whichever process wrote it


def test_chunks_keep_the_page_order_and_lose_none():
    pages = [{"i": i} for i in range(1000)]
    parts = chunks(pages, 2)
    assert len(parts) == 16  # 1,000 pages, 2 workers: at most 64 a chunk, 4+ chunks a worker
    assert [p["i"] for part in parts for p in part] == list(range(1000))
    assert chunks(pages[:3], 2) == [[{"i": 0}], [{"i": 1}], [{"i": 2}]]
    assert chunks([], 2) == []


def test_jobs_defaults_to_the_cores_this_process_may_use():
    # a child limited to one core (its affinity mask) must default to one worker
    code = "import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]}); " + (
        "from disclosure_audit.workers import default_jobs; print(default_jobs())"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "1"
    from disclosure_audit.workers import default_jobs

    assert default_jobs() == len(os.sched_getaffinity(0))
    help_text = " ".join(_cli("run", "--help").stdout.split())
    assert "every core" in help_text and "--jobs" in help_text
