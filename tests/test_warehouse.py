"""Warehouse mode through the real CLI: `export facts` of the demo reports to SQLite and Parquet,
`check-db` on the SQLite export, and its errors.

The cell expectations below were read by hand from the files in reports_in/ (line numbers are the
files' own lines); the check-db findings are compared with a default `run` on the same reports."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RULES

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
# the kinds check-db runs (identity, non_empty, values, money_unit, table_present, cross_year), by rule
TABLE_RULES = {
    *("T3-COLSUM", "T3-BAL", "T3-RESULT", "T4-SUM", "T2-19-DELTA", "T2-19-INEQ", "T2-21-INEQ"),
    *("BLANK-TOTAL", "BLANK-CELL", "VAL-INT", "VAL-NEG", "VAL-TEXT", "VAL-SUFFIX"),
    *("UNIT-MISSING", "UNIT-CONFLICT", "UNIT-FIXED", "UNIT-NORMALISED", "UNIT-MAGNITUDE"),
    *("EXT-TABLE", "EXT-UNREAD", "T3-XYEAR", "T2-19-XYEAR", "T2-21-XYEAR"),
}


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("facts")
    out = {}
    for name, fmt, file in (
        ("sqlite", "sqlite", "demo.sqlite"),
        ("sqlite2", "sqlite", "again.sqlite"),
        ("parquet", "parquet", "demo.parquet"),
        ("parquet2", "parquet", "again.parquet"),
    ):
        res = cli("export", "facts", str(DEMO), "--format", fmt, "--out", str(d / file))
        assert res.returncode == 0, res.stderr
        out[name] = d / file
    return out


def fact(db: Path, report: str, table: str, row: str, col: str) -> dict:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        rows = con.execute(
            "SELECT * FROM facts WHERE report_id = ? AND table_key = ? AND row_key = ? AND column_key = ?",
            (report, table, row, col),
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1
    return dict(rows[0])


# read by hand: (report, table, row, column) → kind, raw, num, exp, scaled, unit, source line
HAND_READ = [
    # 05 (GBK) 表二 行政事业性收费, 上一年项目数量 printed "0项" on line 67, 本年增/减 "0" on line 68
    (("05_wangjiang_jtysj_2022.txt", "active", "fees", "prev_items"), ("number", "0项", "0", 0, 0, "项", 67)),
    (("05_wangjiang_jtysj_2022.txt", "active", "fees", "change"), ("number", "0", "0", 0, 0, "", 68)),
    # 06 表三 （三）1.属于国家秘密, 科研机构 printed "/" (markdown row on line 51)
    (("06_qinghe_jytyj_2021.txt", "requests", "denied.1", "research"), ("slash", "/", None, None, None, "", 51)),
    # 07 (UTF-16) 表三 （三）1.属于国家秘密, 总计: a no-break space only on line 161 (blank)
    (("07_yunling_zrzyj_2020.txt", "requests", "denied.1", "total"), ("blank", "", None, None, None, "", 161)),
    # 02 表二 政府集中采购 采购总金额 "35.6万元" on line 79
    (
        ("02_yunling_sfj_2020.txt", "active", "procurement", "amount"),
        ("number", "35.6万元", "356", -1, 35600000, "万元", 79),
    ),
]


@pytest.mark.parametrize(("where", "expected"), HAND_READ)
def test_facts_hold_the_cells_as_printed(exports, where, expected):
    f = fact(exports["sqlite"], *where)
    assert (f["kind"], f["raw"], f["num"], f["exp"], f["scaled"], f["unit"], f["line"]) == expected


def test_blank_slash_and_zero_items_stay_apart(exports):
    """Three cells that a careless export would all write as 0 (or all as NULL)."""
    blank = fact(exports["sqlite"], "07_yunling_zrzyj_2020.txt", "requests", "denied.1", "total")
    slash = fact(exports["sqlite"], "06_qinghe_jytyj_2021.txt", "requests", "denied.1", "research")
    items = fact(exports["sqlite"], "05_wangjiang_jtysj_2022.txt", "active", "fees", "prev_items")
    assert [c["kind"] for c in (blank, slash, items)] == ["blank", "slash", "number"]
    assert blank["value"] is None and blank["exp"] is None and blank["scaled"] is None
    assert slash["value"] is None and slash["exp"] is None and slash["scaled"] is None
    assert items["value"] == 0 and items["scaled"] == 0


def test_parquet_holds_the_same_cells_and_nulls(exports):
    import pyarrow.parquet as pq

    facts = pq.read_table(exports["parquet"]).to_pylist()
    by_key = {(f["report_id"], f["table_key"], f["row_key"], f["column_key"]): f for f in facts}
    for where, (kind, raw, num, exp, scaled, unit, line) in HAND_READ:
        f = by_key[where]
        assert (f["kind"], f["raw"], f["num"], f["exp"], f["scaled"], f["unit"], f["line"]) == (
            kind,
            raw,
            num,
            exp,
            scaled,
            unit,
            line,
        )
    assert pq.read_schema(exports["parquet"]).field("exp").type == "int64"  # nullable int, not float
    reports = pq.read_table(exports["parquet"].with_name("demo.reports.parquet")).to_pylist()
    tables = pq.read_table(exports["parquet"].with_name("demo.tables.parquet")).to_pylist()
    scan = next(r for r in reports if r["report_id"] == "12_scan_baiyuwan_2022.pdf")
    assert scan["machine_readable"] == 0 and json.loads(scan["not_audited"])["code"]
    assert not any(f["report_id"] == scan["report_id"] for f in facts)  # a scan has no cell, but a row
    appeals_05 = next(t for t in tables if t["report_id"].startswith("05_") and t["table_key"] == "appeals")
    assert appeals_05["found"] == 0 and appeals_05["labels_seen"] == 0
    assert "结果维持" in "".join(json.loads(appeals_05["label_lines"]).values())  # 05 tells table 4 in prose


def test_kept_label_lines_find_the_labels_the_text_has_and_no_more():
    """A table not found keeps only the lines its labels are on; rebuilt, they must show the
    table_present kind the same labels on the same lines, and no label made up across a dropped line
    (line 1 ends with 结果, line 3 starts with 维持: together they would spell the label 结果维持)."""
    from dataclasses import replace

    from disclosure_audit.model import Report
    from disclosure_audit.rules.kinds.table_present import labels_in_text, table_only_labels
    from disclosure_audit.templates import get_templates
    from disclosure_audit.warehouse.load import rebuilt_lines
    from disclosure_audit.warehouse.metadata import label_lines

    lines = ["复议后起诉的案件审理结果", "本部分无其他内容", "维持原判的案件有：未经复议直接起诉", "其他"]
    report = Report(report_id="x.txt", file="x.txt", template="2021", year=2022, lines=lines)
    templates = get_templates(RULES)
    kept = label_lines(report, "appeals", templates)
    assert kept == {"1": lines[0], "3": lines[2]}
    labels = table_only_labels(templates, "appeals", "2021", 2)
    assert labels_in_text(report, labels) == [("复议后起诉", 1), ("未经复议直接起诉", 3)]
    assert labels_in_text(replace(report, lines=rebuilt_lines({1: lines[0], 3: lines[2]})), labels) == [
        ("复议后起诉", 1),
        ("未经复议直接起诉", 3),
    ]


def test_parquet_is_byte_identical_and_sqlite_rows_identical(exports):
    for name in ("demo.parquet", "demo.reports.parquet", "demo.tables.parquet"):
        again = name.replace("demo", "again")
        assert (exports["parquet"].parent / name).read_bytes() == (exports["parquet"].parent / again).read_bytes()

    def rows(db: Path) -> dict[str, list]:
        con = sqlite3.connect(db)
        try:
            return {
                t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("facts", "reports", "tables")
            }
        finally:
            con.close()

    a, b = rows(exports["sqlite"]), rows(exports["sqlite2"])
    assert a == b and len(a["facts"]) > 3000 and len(a["reports"]) == 18


def test_schema_is_printed_from_the_column_lists():
    res = cli("export", "facts", "--schema")
    assert res.returncode == 0, res.stderr
    for heading in ("### facts", "### reports", "### tables"):
        assert heading in res.stdout
    assert "| `scaled` | BIGINT |" in res.stdout and "| `label_lines` | TEXT |" in res.stdout


def test_export_names_an_unreadable_file_and_exports_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "02.txt").write_bytes((DEMO / "02_yunling_sfj_2020.txt").read_bytes())
    (folder / "junk.docx").write_bytes(b"not a zip at all")
    res = cli("export", "facts", str(folder), "--out", str(tmp_path / "f.sqlite"))
    assert res.returncode == 1
    assert "unreadable: junk.docx:" in res.stderr and "Traceback" not in res.stderr
    con = sqlite3.connect(tmp_path / "f.sqlite")
    assert con.execute("SELECT DISTINCT report_id FROM reports").fetchall() == [("02.txt",)]
    con.close()


# --- check-db on the SQLite export --------------------------------------------------------------


def findings_by_place(doc: dict, rules: set[str]) -> list[tuple]:
    """Every finding of `rules`, as everything but its evidence location (line / fact id)."""
    out = []
    for r in doc["reports"]:
        for f in r["findings"]:
            if f["rule_id"] in rules:
                loc = f["location"]
                out.append(
                    (
                        f["rule_id"],
                        f["report_id"],
                        loc["table"],
                        loc["row"],
                        loc["column"],
                        f["outcome"],
                        f["expected"],
                        f["found"],
                        f["arithmetic"],
                        f["message"]["zh"],
                        f["message"]["en"],
                        f["raw"],
                        f["review"] is not None,
                    )
                )
    return sorted(out, key=repr)


@pytest.fixture(scope="module")
def run_doc(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("run") / "out"
    res = cli("run", str(DEMO), "--out", str(out), "--no-history", "--quiet")
    assert res.returncode == 0, res.stderr
    return json.loads((out / "findings.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def checked(exports, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("checkdb") / "site"
    res = cli("check-db", f"sqlite:///{exports['sqlite']}", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "not run (" in res.stdout
    return out


def test_check_db_finds_what_run_finds_for_the_table_rules(run_doc, checked):
    doc = json.loads((checked / "findings.json").read_text("utf-8"))
    ran = {c["rule_id"] for r in doc["reports"] for c in r["checks"]}
    assert ran == TABLE_RULES
    mine, theirs = findings_by_place(doc, TABLE_RULES), findings_by_place(run_doc, TABLE_RULES)
    assert mine == theirs
    # the demo exercises identities, blanks, values, units, both table_present checks and cross-year
    assert {f[0] for f in mine} >= {"T3-BAL", "BLANK-CELL", "VAL-TEXT", "UNIT-CONFLICT", "EXT-TABLE", "EXT-UNREAD"}
    assert {f[0] for f in mine} >= {"T3-XYEAR", "T3-COLSUM"} and any(f[5] == "not_evaluable" for f in mine)
    # 05 prints table 4 as prose: labels there, cells not read → EXT-UNREAD (never "missing", EXT-TABLE)
    assert [f[0] for f in mine if f[1].startswith("05_") and f[2] == "appeals"] == ["EXT-UNREAD"]


def test_check_db_says_which_rules_did_not_run(checked):
    doc = json.loads((checked / "findings.json").read_text("utf-8"))
    not_run = {d["rule_id"]: d for d in doc["run"]["database"]["not_run"]}
    assert {"SEC-MISSING", "NAR-REQ", "META-TITLE", "COPY-PREV", "TIME-LATE"} <= set(not_run)
    assert not_run["SEC-MISSING"]["reason"]["en"] == "the database holds figures, not the report's text"
    assert not set(not_run) & TABLE_RULES
    assert not any(f["rule_id"] in not_run for r in doc["reports"] for f in r["findings"])
    index = (checked / "index.html").read_text("utf-8")
    assert 'id="not-run-rules"' in index and "SEC-MISSING" in index and "数据库只保存表格数字，不保存报告原文" in index
    for r in doc["reports"]:
        assert (checked / r["page"]).is_file()
    assert doc["run"]["reports_dir"].startswith("sqlite:///")


def test_check_db_evidence_is_the_database_row(exports, checked):
    doc = json.loads((checked / "findings.json").read_text("utf-8"))
    bal = next(f for r in doc["reports"] for f in r["findings"] if f["rule_id"] == "T3-BAL")
    assert bal["line"] is None and bal["fact_id"] is not None
    con = sqlite3.connect(exports["sqlite"])
    for c in bal["cells"]:
        assert c["line"] is None
        row = con.execute(
            "SELECT report_id, table_key, row_key, column_key, raw FROM facts WHERE fact_id = ?", (c["fact_id"],)
        ).fetchone()
        assert row == (bal["report_id"], c["table"], c["row"], c["column"], c["raw"])
    con.close()
    page = next(r["page"] for r in doc["reports"] if r["report_id"] == bal["report_id"])
    html = (checked / page).read_text("utf-8")
    assert f"facts fact_id={bal['fact_id']}" in html and "数据库行" in html
    assert "数据库不保存报告原文" in html  # instead of the source lines the database does not hold
    # 05's EXT-UNREAD rests on text lines, not on a row: no fact id, and no line a row id could be taken for
    unread = next(f for r in doc["reports"] for f in r["findings"] if f["rule_id"] == "EXT-UNREAD")
    assert unread["fact_id"] is None and unread["line"] is None and "第352行" in unread["found"]
    page = next(r["page"] for r in doc["reports"] if r["report_id"] == unread["report_id"])
    html = (checked / page).read_text("utf-8")
    assert 'id="L352"' not in html and "数据库不保存报告原文" in html  # the few lines kept are not "the report"


def test_the_database_gives_back_the_reports_as_read(exports):
    """Every table and cell rebuilt from the export equals the one extracted from the file (value,
    its type and exponent, kind, raw text, unit, reading, candidates, page), but for its `line`, which
    is now the row's fact_id; and the report metadata too."""
    from dataclasses import replace

    from disclosure_audit.defaults import default_rules_dir
    from disclosure_audit.manifest import apply_manifest, load_manifest
    from disclosure_audit.pipeline import extract_all, find_inputs
    from disclosure_audit.warehouse.load import load_reports

    files = [f for f in find_inputs(DEMO).files if f.name not in ("README.md",)]
    read, errors = extract_all(files, DEMO, default_rules_dir())
    assert errors == []
    manifest = load_manifest(DEMO)
    for r in read:
        apply_manifest(r, manifest, r.file)
    rebuilt, source = load_reports(f"sqlite:///{exports['sqlite']}")
    assert [r.report_id for r in rebuilt] == sorted(r.report_id for r in read)
    assert source.rows == {
        "facts": sum(len(t.cells) for r in read for t in r.tables.values()),
        "reports": 18,
        "tables": 54,
    }
    by_id = {r.report_id: r for r in rebuilt}
    fields = ("file", "source_format", "template", "year", "agency", "region", "level", "level_source", "published")
    fields += ("title", "url", "machine_readable", "not_audited", "manifest", "problems", "encoding", "layout")
    for r in read:
        db = by_id[r.report_id]
        assert [getattr(db, k) for k in fields] == [getattr(r, k) for k in fields], r.report_id
        assert list(db.tables) == list(r.tables)
        for key, t in r.tables.items():
            d = db.tables[key]
            assert replace(d, cells={}) == replace(t, cells={}), (r.report_id, key)
            assert list(d.cells) == list(t.cells)
            for k, c in t.cells.items():
                got = d.cells[k]
                assert replace(got, line=c.line) == c and type(got.value) is type(c.value), (r.report_id, key, k)
                assert str(got.value) == str(c.value)  # 12.50 stays 12.50


def test_check_db_findings_json_follows_the_schema(checked):
    from importlib import resources

    from jsonschema import Draft202012Validator

    text = resources.files("disclosure_audit.render").joinpath("schema/findings.schema.json").read_text("utf-8")
    doc = json.loads((checked / "findings.json").read_text("utf-8"))
    errors = [e.message for e in Draft202012Validator(json.loads(text)).iter_errors(doc)]
    assert errors == []


def test_cross_year_without_last_year_in_the_database_is_not_a_finding(tmp_path):
    """07 (2020) alone: its 2019 report is not in the database, so T3-XYEAR has nothing to compare."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "07.txt").write_bytes((DEMO / "07_yunling_zrzyj_2020.txt").read_bytes())
    db = tmp_path / "f.sqlite"
    assert cli("export", "facts", str(folder), "--out", str(db)).returncode == 0
    res = cli("check-db", f"sqlite:///{db}", "--out", str(tmp_path / "site"))
    assert res.returncode == 0, res.stderr
    doc = json.loads((tmp_path / "site" / "findings.json").read_text("utf-8"))
    (report,) = doc["reports"]
    assert not [f for f in report["findings"] if f["rule_id"].endswith("XYEAR")]
    xyear = [c for c in report["checks"] if c["rule_id"] == "T3-XYEAR"]
    assert xyear and xyear[0]["status"] == "not_applicable" and "上一年度" in xyear[0]["reason"]["zh"]


# --- errors: one line, exit 2, no traceback, output folder untouched ---------------------------------


def broken_copy(src: Path, dest: Path, *sql: str) -> Path:
    dest.write_bytes(src.read_bytes())
    con = sqlite3.connect(dest)
    for s in sql:
        con.execute(s)
    con.commit()
    con.close()
    return dest


@pytest.mark.parametrize(
    ("case", "expect"),
    [
        ("missing-file", "no such SQLite file"),
        ("not-a-url", "is not a database URL"),
        ("wrong-table", "no table 'nope' (tables there: facts, reports, tables)"),
        ("missing-column", "table 'facts' has no column 'exp'"),
        ("bad-kind", "table 'facts' row fact_id=5: kind: not a cell kind"),
        ("bad-num", "table 'facts' row fact_id=7: num: not an integer: '1x'"),
        ("orphan-fact", "table 'facts' row fact_id=9: report_id: no report 'ghost.txt' in table 'reports'"),
    ],
)
def test_check_db_errors_are_one_clear_line(exports, tmp_path, case, expect):
    src = exports["sqlite"]
    args = ["--out", str(tmp_path / "site")]
    if case == "missing-file":
        url = f"sqlite:///{tmp_path / 'nothing.sqlite'}"
    elif case == "not-a-url":
        url = "facts.sqlite"
    elif case == "wrong-table":
        url, args = f"sqlite:///{src}", [*args, "--table", "nope"]
    else:
        sql = {
            "missing-column": ["ALTER TABLE facts DROP COLUMN exp"],
            "bad-kind": ["UPDATE facts SET kind = 'zero' WHERE fact_id = 5"],
            "bad-num": ["UPDATE facts SET num = '1x' WHERE fact_id = 7"],
            "orphan-fact": ["UPDATE facts SET report_id = 'ghost.txt' WHERE fact_id = 9"],
        }[case]
        url = f"sqlite:///{broken_copy(src, tmp_path / 'broken.sqlite', *sql)}"
    res = cli("check-db", url, *args)
    assert res.returncode == 2, res.stdout + res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expect in lines[0], res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "nothing.sqlite").exists()  # SQLite did not create an empty database


def test_help_and_a_default_run_import_none_of_the_warehouse_libraries(tmp_path):
    """`--help` of every command loads neither SQLAlchemy, pyarrow, psycopg2 nor GX, and a default run
    none of them but the pyarrow pandas loads (read from Python's import log, not a timing)."""
    heavy = {"sqlalchemy", "pyarrow", "psycopg2", "great_expectations"}
    run = ["run", str(DEMO / "02_yunling_sfj_2020.txt"), "--out", str(tmp_path / "out"), "--quiet"]
    for command in (["--help"], ["export", "facts", "--help"], ["check-db", "--help"], run):
        res = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "disclosure_audit.cli", *command],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=300,
        )
        assert res.returncode == 0, res.stderr[-2000:]
        loaded = {ln.rsplit("|", 1)[-1].strip().split(".")[0] for ln in res.stderr.splitlines() if "|" in ln}
        # pandas imports pyarrow itself when it is installed (pandas.compat), so a run pays for it
        assert loaded & (heavy - {"pyarrow"} if command is run else heavy) == set(), command
