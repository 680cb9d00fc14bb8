"""Hostile names never become live formulas in ranking.csv, review.csv or ranking.xlsx (OWASP CSV
injection): agency and region names from manifest.csv and file names that start with `=`, `+`, `-`,
`@`, TAB or CR are written with a leading single quote; real numbers (scores, a change of -17.0) stay
numbers."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from disclosure_audit.render.sheet_cells import neutralise, write_csv
from tests.conftest import demo_copy

HYPERLINK = '=HYPERLINK("http://x","y")'
# report file → (agency, region) written into manifest.csv
MANIFEST_PAYLOADS = {
    "04_yunling_zjj_2021.txt": (HYPERLINK, "+1+1"),
    "15_wangjiang_swj_2021_crawler.txt": ("@SUM(1)", "-1+1"),
}
# demo file → hostile new name (TAB and CR cannot survive manifest.csv's trimming, a file name keeps them)
RENAMES = {
    "09_wangjiang_fgw_2021.txt": "\tfoo.txt",
    "10_wangjiang_tjj_2020.txt": "\rbar.txt",
    "16_baishi_rsj_2020_layout.txt": "+1+1.txt",
    "03_songxi_zhen_2020.txt": "@SUM(1).txt",
}
PAYLOADS = {HYPERLINK, "+1+1", "@SUM(1)", "-1+1", *RENAMES.values()}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("inject")
    src = demo_copy(base / "in")
    manifest = src / "manifest.csv"
    with manifest.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    for row in rows:
        if row["file"] in MANIFEST_PAYLOADS:
            row["agency"], row["region"] = MANIFEST_PAYLOADS[row["file"]]
        if row["file"] in RENAMES and not RENAMES[row["file"]][0].isspace():
            row["file"] = RENAMES[row["file"]]
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for old, new in RENAMES.items():
        (src / old).rename(src / new)
    dst = base / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", str(src), "--out", str(dst), "--no-history", "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr  # 1: the demo's scanned PDF cannot be audited
    assert "Traceback" not in proc.stderr, proc.stderr
    return dst


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _assert_neutral(cells: list[str], where: str) -> set[str]:
    """Every text cell is inert; returns the payloads seen (each with its quote)."""
    seen = set()
    for value in cells:
        assert not value.startswith(("=", "+", "@", "\t", "\r")), (where, value)
        if value.startswith("-") and value.strip("-"):
            float(value)  # only a plain number (or a dash standing for a blank) may start with a minus sign
        if value.startswith("'") and value[1:] in PAYLOADS:
            seen.add(value[1:])
    return seen


def test_ranking_csv_quotes_payloads_and_keeps_numbers(out):
    rows = _csv(out / "ranking.csv")
    header, body = rows[0], rows[1:]
    seen = set()
    for row in body:
        seen |= _assert_neutral(row, "ranking.csv")
    assert seen == PAYLOADS
    col = {h: i for i, h in enumerate(header)}
    agencies = {row[col["机关"]]: row for row in body}
    assert agencies["'" + HYPERLINK][col["地区"]] == "'+1+1"
    assert agencies["'@SUM(1)"][col["地区"]] == "'-1+1"
    # 白石县水利局 2022 lost 17 points against its 2021 report: a number, not text
    shui = [r for r in body if r[col["机关"]] == "白石县水利局" and r[col["年度"]] == "2022"]
    assert [(r[col["得分"]], r[col["上年得分"]], r[col["较上年变化"]]) for r in shui] == [("83.0", "100.0", "-17.0")]
    files = {row[col["文件"]] for row in body}
    assert {"'\tfoo.txt", "'\rbar.txt", "'+1+1.txt", "'@SUM(1).txt"} <= files


def test_review_csv_quotes_payloads(out):
    rows = _csv(out / "review.csv")
    seen = set()
    for row in rows[1:]:
        seen |= _assert_neutral(row, "review.csv")
    # every payload report has queued findings in the demo (agency, file or both)
    assert {HYPERLINK, "@SUM(1)", "\tfoo.txt", "\rbar.txt", "+1+1.txt", "@SUM(1).txt"} <= seen


def test_workbook_has_no_formulas_and_keeps_numbers(out):
    wb = load_workbook(out / "ranking.xlsx")
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen |= _assert_neutral([cell.value], f"{ws.title}!{cell.coordinate}")
    assert seen == PAYLOADS
    ranking = wb["排名"]
    header = [c.value for c in ranking[1]]
    col = {h: i for i, h in enumerate(header)}
    shui = [
        r
        for r in ranking.iter_rows(min_row=2, values_only=True)
        if r[col["机关"]] == "白石县水利局" and r[col["年度"]] == 2022
    ]
    assert [(r[col["得分"]], r[col["上年得分"]], r[col["较上年变化"]]) for r in shui] == [(83.0, 100.0, -17.0)]
    hostile = [r for r in ranking.iter_rows(min_row=2) if r[col["机关"]].value == "'" + HYPERLINK]
    assert len(hostile) == 1
    assert [hostile[0][col[k]].data_type for k in ("得分", "错误", "年度")] == ["n", "n", "n"]


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tfoo", "'\tfoo"),
        ("\rbar", "'\rbar"),
        ("＝1+1", "'＝1+1"),
        ("-", "-"),
        ("--", "--"),
        ("－", "－"),
        ("－1", "'－1"),
        ("-x", "'-x"),
        ("-2.0", "-2.0"),
        ("+3", "+3"),
        ("-.5", "-.5"),
        ("1-1", "1-1"),
        ("青禾县", "青禾县"),
        ("", ""),
        (-3.5, -3.5),
        (7, 7),
        (None, None),
    ],
)
def test_neutralise(value, want):
    assert neutralise(value) == want


def test_csv_field_with_carriage_return_stays_one_row(tmp_path):
    """csv.writer (3.11, rows ending in \\n) leaves a lone CR unquoted and the row splits on reading."""
    path = tmp_path / "x.csv"
    write_csv(path, [["a\rb", 1, 'say "hi", then\nleave', None], ["-2.0", "+1+1"]])
    assert _csv(path) == [["a\rb", "1", 'say "hi", then\nleave', ""], ["-2.0", "'+1+1"]]
