"""DISCLOSURE_AUDIT_TRACE: a real CLI run writes its stages, in order, with the time since the process
started and its peak memory, so benchmarks can split a run without a profiler."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT

CLEAN = ROOT / "reports_in" / "01_clean_qinghe_scjgj_2022.txt"


def test_trace_names_every_stage_in_order(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CLEAN, src / CLEAN.name)
    trace = tmp_path / "trace.tsv"
    env = {**os.environ, "DISCLOSURE_AUDIT_TRACE": str(trace)}
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", str(src), "--out", str(tmp_path / "out"), "-q"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in trace.read_text(encoding="utf-8").splitlines()]
    names = [r[2] for r in rows]
    # the pipeline's stages and the output's checkpoints, in the order a run passes them
    expected = [
        "inputs found",
        "reports read",
        "rules and review files loaded",
        "rules run",
        "scored",
        "audited",
        "findings.json written",
        "site written",
    ]
    assert [n for n in names if n in expected] == expected
    seconds = [float(r[0]) for r in rows]
    assert seconds == sorted(seconds) and seconds[0] > 0
    assert all(float(r[1]) > 10 for r in rows)  # a Python process with pandas loaded: tens of MB at least


def test_no_trace_file_without_the_variable(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CLEAN, src / CLEAN.name)
    env = {k: v for k, v in os.environ.items() if k != "DISCLOSURE_AUDIT_TRACE"}
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", str(src), "--out", str(tmp_path / "out"), "-q"]
    subprocess.run(cmd, env=env, capture_output=True, cwd=tmp_path, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
