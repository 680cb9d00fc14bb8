"""A few hundred generated reports in every form the reader supports, audited once, held to the
generator's ground truth (benchmarks/generate.py → ground_truth.json).

The generator writes, while it injects each defect, the findings that defect must cause (rule, place,
outcome) from the format alone; the auditor runs in-process over the folder as `disclosure-audit run`
does (pipeline.audit) and must find every one of them (recall), and must raise no error-severity
finding on a report the generator left clean (precision). The corpus mixes the text layouts (tab
cells, full-width, tsv, pipe, markdown, pdftotext layout, crawler page, converter markdown) with HTML
pages, Word files and text PDFs. A failure lists every miss and false alarm with its file and layout.

Known gap, measured rather than hidden: a crawler page glues a table's cells into one run of digits
(`规章0121`); where several splits fit the table's arithmetic the reader takes none and says so
(EXT-READ, or the whole report "not audited" when most of 表二 is unreadable), so a defect in such a
row cannot be found. Those misses are counted apart (`unread`), allowed on crawler pages only, and
only where the reader itself reported the row unreadable; every other miss fails the test.

Run time: about 62 s of CPU in all (measured on a loaded machine: 349 s wall at load 15 on 2 cores),
so about 35–45 s on a quiet 2-core machine; the HTML, DOCX and PDF reports (40 % of the corpus) cost
most of the generation, which runs in two processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from tests.conftest import RULES

ROOT = RULES.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus_score import matches, score  # noqa: E402

SEED, COUNT = 13, 300
FORMATS = "txt=45,md=15,html=15,docx=10,pdf=15"


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    from disclosure_audit.pipeline import audit

    folder = tmp_path_factory.mktemp("gt-corpus")
    args = [sys.executable, str(GENERATE), "--n", str(COUNT), "--seed", str(SEED), "--out", str(folder)]
    done = subprocess.run([*args, "--formats", FORMATS, "--jobs", "2"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    result = audit(folder, RULES, jobs=2)
    findings: dict[str, list[dict]] = {}
    for f in result.findings:
        j = f.to_json()
        findings.setdefault(j["report_id"], []).append(j)
    not_audited = [rid for rid, r in result.reports.items() if r.not_audited]
    return truth, result, score(truth, findings, not_audited), not_audited


def _where(truth: dict, file: str) -> str:
    return f"{file} [{truth['meta'][file]['format']}/{truth['meta'][file]['layout_variant']}]"


def test_every_report_is_read_and_every_form_and_defect_kind_occurs(audited):
    truth, result, s, _ = audited
    assert result.file_errors == []
    assert sorted(result.reports) == sorted(truth["reports"])
    meta = truth["meta"]
    assert {m["format"] for m in meta.values()} == {"txt", "md", "html", "docx", "pdf"}
    variants = {m["layout_variant"] for m in meta.values() if m["format"] in ("txt", "md")}
    assert variants == {"tabcell", "fullwidth", "tsv", "pipe", "pdflayout", "crawler", "markdown", "mdconvert"}
    kinds = Counter(m["defect"]["kind"] for m in meta.values() if m["defect"])
    assert set(kinds) >= {
        "T3-COLSUM", "T3-RESULT", "T3-BAL", "T4-SUM", "BLANK-TOTAL", "BLANK-CELL", "VAL-TEXT", "VAL-NEG",
        "VAL-INT", "VAL-SUFFIX", "SEC-MISSING", "TXT-DUP", "TIME-LATE", "SEC-ORDER", "SEC-NUMBERING",
        "NAR-REQ", "TXT-REPEAT",
    }, kinds  # fmt: skip
    assert {"UNIT-FIXED", "UNIT-NORMALISED"} & set(kinds) and {"T2-21-INEQ", "T2-19-INEQ"} & set(kinds)
    assert s.expected >= 200 and s.clean >= 100


def test_every_injected_defect_is_found_at_its_place_with_its_outcome(audited):
    truth, _, s, _ = audited
    lines = [f"{_where(truth, file)}: {json.dumps(w, ensure_ascii=False)}" for file, w in s.misses]
    assert not s.misses, f"{len(s.misses)} of {s.expected} expected findings missed:\n" + "\n".join(s.lines() + lines)


def test_misses_the_reader_reported_unreadable_are_on_crawler_pages_only(audited):
    """The known gap of the module docstring, bounded: never on a form with cell delimiters."""
    truth, _, s, _ = audited
    elsewhere = [_where(truth, f) for f, _ in s.unread if truth["meta"][f]["layout_variant"] != "crawler"]
    assert not elsewhere, elsewhere
    crawler = [w for f, ws in truth["reports"].items() if truth["meta"][f]["layout_variant"] == "crawler" for w in ws]
    assert len(s.unread) <= len(crawler) // 3, "\n".join(s.lines())


def test_no_error_on_a_clean_report(audited):
    truth, _, s, not_audited = audited
    lines = [f"{_where(truth, file)} {rule}: {msg}" for file, rule, msg in s.false_alarms]
    assert not s.false_alarms, f"{len(s.false_alarms)} errors on {s.clean} clean reports:\n" + "\n".join(lines)
    # a clean report the reader could not audit is a reading gap, allowed on crawler pages only
    assert all(truth["meta"][f]["layout_variant"] == "crawler" for f in not_audited), not_audited


def test_the_matching_is_not_vacuous():
    """A finding of another rule, outcome or place does not count as the one the truth names."""
    cell = {"table": "appeals", "row": "cases", "column": "review.total"}
    want = {"rule_id": "T4-SUM", **cell, "section": None, "outcome": "failed", "cells": [cell]}
    found = {"rule_id": "T4-SUM", "outcome": "failed", "location": dict(cell)}
    assert matches(found, want)
    assert not matches({**found, "outcome": "not_evaluable"}, want)
    assert not matches({**found, "rule_id": "T3-BAL"}, want)
    assert not matches({**found, "location": {**cell, "column": "suit_direct.total"}}, want)
    listed = {"rule_id": "T4-SUM", "outcome": "failed", "location": {"table": "appeals", "row": None, "column": None}}
    assert matches({**listed, "cells": [cell]}, want)
    assert not matches({**listed, "cells": [{**cell, "column": "review.upheld"}]}, want)
    section = {**want, "rule_id": "SEC-MISSING", "table": None, "row": None, "column": None, "section": 5, "cells": []}
    assert matches({"rule_id": "SEC-MISSING", "outcome": "failed", "location": {"section": 5}}, section)
    assert not matches({"rule_id": "SEC-MISSING", "outcome": "failed", "location": {"section": 6}}, section)
