"""A folder of 200 damaged and hostile files (benchmarks/mutations.py: truncated, flipped, NUL-laden,
re-encoded, one-line, long-line, deeply nested, span bombs, DOCX bombs and broken parts, broken PDFs,
ZIPs that are no DOCX, empty files, junk) audited in one real run of the CLI: the run finishes (the
timeout only turns a hang into a failure), writes every output, and accounts for every file — a report
or a named reason — with no reader exception and no rule that raised. The long run of the same corpus
is `python benchmarks/fuzz.py --n 10000`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from benchmarks.mutations import OPS, mutants, write

COUNT = 200


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    # DOCX bombs of 1 MB and 10k-character lines: the same damage as the long run's 300 MB and 100k,
    # at a fraction of the time
    ms = list(mutants(0, COUNT, seed=0, bomb_mb=1, line_chars=10_000))
    write(ms, base / "in")
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", str(base / "in"), "--out", str(base / "out")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    proc = subprocess.run(
        [*cmd, "--no-history", "--json", "-j", "2"], capture_output=True, text=True, env=env, timeout=900
    )
    return ms, base / "out", proc


def test_every_operation_is_in_the_corpus(run):
    ms, _, _ = run
    assert {m.op for m in ms} == set(OPS)


def test_run_finishes_and_writes_every_output(run):
    _, out, proc = run
    assert proc.returncode == 1, proc.stderr[-3000:]  # 1: some files could not be read, named on stderr
    assert "Traceback" not in proc.stderr
    for name in ("findings.json", "ranking.csv", "ranking.xlsx", "review.csv", "index.html"):
        assert (out / name).stat().st_size > 0, name


def test_every_file_is_a_report_or_a_named_reason(run):
    ms, _, proc = run
    summary = json.loads(proc.stdout)
    audited = {r["file"] for r in summary["ranking"]}
    not_audited = {e["file"]: e for e in summary["not_audited"]}
    assert not audited & set(not_audited)
    assert audited | set(not_audited) == {m.name for m in ms}
    assert all(e["reason"] for e in not_audited.values())
    unreadable = {u["file"]: u["message"] for u in summary["unreadable"]}
    assert unreadable and all(unreadable.values())
    crashes = {f: m for f, m in unreadable.items() if m.startswith("extraction failed (")}
    assert crashes == {}, "a reader raised an unexpected exception"
    assert summary["broken_rules"] == [] and summary["rule_errors"] == []


def test_reasons_say_what_is_wrong(run):
    """Hand-checked: an empty file says so whatever its type; a page nested past the parser's limit
    says the parser stopped; random bytes named .txt are no text."""
    ms, _, proc = run
    unreadable = {u["file"]: u["message"] for u in json.loads(proc.stdout)["unreadable"]}
    for m in ms:
        if m.op == "empty":
            assert unreadable[m.name] == "file is empty", m.name
        if m.op == "nested" and b"<div>" * 5000 in m.data:
            assert unreadable[m.name].startswith("HTML page has no text: the HTML parser stopped"), m.name
    junk_txt = [m for m in ms if m.op == "junk" and m.suffix == ".txt" and len(m.data) > 1000]
    assert junk_txt and all(m.name in unreadable for m in junk_txt)
