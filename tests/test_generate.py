"""The generated corpus (benchmarks/generate.py) and the auditor agree on the generator's ground truth.

The generator writes, while it injects each defect, the findings that defect must cause (rule, place,
outcome), from the format alone; here the auditor runs as a user runs it (the CLI, in its own process)
over a small corpus, and must find every one of them (recall), and must raise no error or warning on a
report the generator left clean (precision). Report i depends on (seed, i) alone: the same seed gives
the same bytes, a batch rebuilt alone gives the same files, another seed gives other reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RULES

ROOT = RULES.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus_score import score  # noqa: E402

# 80 reports, 80 % with a defect: with this seed every defect kind of the generator occurs
SEED, COUNT, RATE = 42, 80, "0.8"
KINDS = {
    "T3-COLSUM",
    "T3-RESULT",
    "T3-BAL",
    "T4-SUM",
    "BLANK-TOTAL",
    "BLANK-CELL",
    "VAL-TEXT",
    "VAL-NEG",
    "VAL-INT",
    "VAL-SUFFIX",
    "UNIT-FIXED",
    "UNIT-NORMALISED",
    "SEC-MISSING",
    "TXT-DUP",
    "TIME-LATE",
    "SEC-ORDER",
    "SEC-NUMBERING",
    "T2-21-INEQ",
    "T2-19-INEQ",
    "NAR-REQ",
    "TXT-REPEAT",
    "UNIT-MAGNITUDE",
}


def generate(out: Path, seed: int = SEED, count: int = COUNT, *extra: str) -> dict:
    args = [sys.executable, str(GENERATE), "--n", str(count), "--seed", str(seed), "--out", str(out)]
    done = subprocess.run([*args, "--defect-rate", RATE, *extra], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, dict[str, list[dict]]]:
    folder = tmp_path_factory.mktemp("corpus")
    truth = generate(folder)
    out = tmp_path_factory.mktemp("audit")
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_audit.cli", "run", str(folder), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # exit 0: every report read, and ground_truth.json left out rather than named as an unreadable report
    assert done.returncode == 0, done.stderr[-2000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    reports = findings["reports"]
    unaudited = [r["report_id"] for r in reports if r["not_audited"]]
    return folder, truth, {r["report_id"]: r["findings"] for r in reports}, unaudited


def test_the_corpus_mixes_formats_years_levels_and_every_defect_kind(corpus):
    _, truth, _, _ = corpus
    meta = truth["meta"]
    assert len(meta) == COUNT and sorted(truth["reports"]) == sorted(meta)
    assert {m["template"] for m in meta.values()} == {"2019", "2021"}
    assert all((m["template"] == "2019") == (m["year"] <= 2020) for m in meta.values())
    assert {m["level"] for m in meta.values()} == {"部门", "政府", "乡镇街道"}
    assert len({m["agency"] for m in meta.values()}) == COUNT
    assert {m["defect"]["kind"] for m in meta.values() if m["defect"]} == KINDS
    # the format: a list per report, [] for a clean one
    assert {f for f, v in truth["reports"].items() if v} == {f for f, m in meta.items() if m["defect"]}
    entry = next(e for v in truth["reports"].values() for e in v)
    assert set(entry) >= {"rule_id", "table", "row", "column"}


def test_every_injected_defect_is_found_at_its_place_with_its_outcome(corpus):
    """Every one, except where a crawler page glued a row's digits beyond one reading and the reader
    said so (tests/test_ground_truth.py bounds that gap)."""
    _, truth, found, unaudited = corpus
    s = score(truth, found, unaudited)
    assert not s.misses, json.dumps(s.misses[:5], ensure_ascii=False, indent=1)
    assert all(truth["meta"][f]["layout_variant"] == "crawler" for f, _ in s.unread), s.unread
    outcomes = {
        (truth["meta"][file]["defect"]["kind"], w["rule_id"], w["outcome"])
        for file, wants in truth["reports"].items()
        for w in wants
    }
    assert ("BLANK-TOTAL", "BLANK-TOTAL", "failed") in outcomes
    assert any(k == "BLANK-TOTAL" and o == "not_evaluable" for k, _, o in outcomes)


def test_clean_reports_draw_no_error_or_warning(corpus):
    """Warnings too, except on a crawler page, whose glued digits the reader may report it cannot
    split (EXT-READ and the checks it stops; tests/test_ground_truth.py bounds that gap)."""
    _, truth, found, _ = corpus
    clean = [f for f, wants in truth["reports"].items() if not wants]
    assert len(clean) >= 10
    false = [
        (f, x["rule_id"], x["message"]["zh"][:120])
        for f in clean
        for x in found[f]
        if x["severity"] == "error" or (x["severity"] == "warning" and truth["meta"][f]["layout_variant"] != "crawler")
    ]
    assert not false, false


def test_same_seed_same_bytes_a_batch_alone_the_same_another_seed_other_reports(corpus, tmp_path):
    folder, truth, _, _ = corpus
    files = sorted(truth["meta"])
    again = tmp_path / "again"
    assert generate(again) == truth
    assert all((again / f).read_bytes() == (folder / f).read_bytes() for f in [*files, "ground_truth.json"])

    batch = tmp_path / "batch"
    part = generate(batch, SEED, 5, "--start", "17")
    assert sorted(part["reports"]) == files[17:22]
    assert all((batch / f).read_bytes() == (folder / f).read_bytes() for f in files[17:22])
    assert all(part["reports"][f] == truth["reports"][f] for f in files[17:22])
    assert all(part["meta"][f] == truth["meta"][f] for f in files[17:22])

    other = tmp_path / "other"
    moved = generate(other, SEED + 1)
    assert sorted(moved["reports"]) != files
    contents = {(folder / f).read_bytes() for f in files}
    assert not contents & {(other / f).read_bytes() for f in moved["reports"]}
