"""Damaged input never crashes extraction: seeded random mutations of every demo report."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from disclosure_audit.extract import extract_document
from disclosure_audit.ingest import Document, read_document
from tests.conftest import RULES

DEMO = sorted((RULES.parent / "reports_in").glob("*.txt"))
JUNK = [
    "",
    "\t",
    "|||",
    "| |",
    "\t\t\t",
    "一、",
    "（七）总计",
    "总计",
    "0",
    "-",
    "/",
    "\u3000\u3000",
    "三、本年度办理结果",
    "行政复议",
    "第二十条第（一）项",
    "｜",
    "\x00",
    "<b>",
    "1.属于国家秘密\t5\t5",
    "9999999999999999999999",
]


def _mutate(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(5, 40)):
        op = rng.random()
        i = rng.randrange(len(out)) if out else 0
        if op < 0.3 and out:
            del out[i]
        elif op < 0.6:
            out.insert(i, rng.choice(JUNK))
        elif op < 0.8 and out:
            out[i] = out[i][: rng.randrange(len(out[i]) + 1)]
        elif out:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
    return out


@pytest.mark.parametrize("path", DEMO, ids=[p.name for p in DEMO])
def test_mutated_reports_extract_without_crashing(path: Path, templates):
    base = read_document(path)
    rng = random.Random(path.name)
    for k in range(25):
        lines = _mutate(base.lines, rng)
        doc = Document(path=path, source_format="txt", lines=lines, encoding=base.encoding)
        report = extract_document(doc, templates, report_id=f"m{k}")
        for table in report.tables.values():
            for cell in table.cells.values():
                assert (cell.value is not None) == (cell.kind == "number")
