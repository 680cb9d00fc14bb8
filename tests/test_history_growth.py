"""The history grows by what changed: a report's extracted content is stored once (keyed by its hash)
and a run adds only its own rows, so a second run of an unchanged corpus adds no cell, table or
paragraph. Files written when every run stored every cell again are upgraded in place and read back
as before.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from disclosure_audit.engine.history import History
from disclosure_audit.pipeline import audit, record_history

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "reports_in"
RULES = ROOT / "rules"
NAMES = ("01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "07_yunling_zrzyj_2020.txt")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in NAMES:
        shutil.copy(DEMO / n, folder / n)
    return folder


def rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("runs", "reports", "findings", "contents", "tables", "cells", "paragraphs")
        }


def record(folder: Path, db: Path, at: str):
    result = audit(folder, RULES, history_path=db if db.exists() else None)
    result.generated_at = at
    record_history(result, db)
    return result


def test_a_second_unchanged_run_adds_only_its_own_rows(tmp_path):
    folder, db = corpus(tmp_path), tmp_path / "history.sqlite"
    first = record(folder, db, "2024-01-01T00:00:00+00:00")
    one = rows(db)
    cells = sum(len(t.cells) for r in first.reports.values() for t in r.tables.values())
    assert one["contents"] == 3 and one["reports"] == 3 and one["cells"] == cells > 0
    record(folder, db, "2024-01-02T00:00:00+00:00")
    two = rows(db)
    for t in ("contents", "tables", "cells", "paragraphs"):
        assert two[t] == one[t], t
    assert (two["runs"], two["reports"], two["findings"]) == (2, 6, 2 * one["findings"])


def test_a_changed_report_adds_its_content_only(tmp_path):
    folder, db = corpus(tmp_path), tmp_path / "history.sqlite"
    record(folder, db, "2024-01-01T00:00:00+00:00")
    one = rows(db)
    p = folder / NAMES[1]
    p.write_text(p.read_text(encoding="utf-8") + "\n另有说明一段，作为新的段落。\n", encoding="utf-8")
    second = record(folder, db, "2024-01-02T00:00:00+00:00")
    two = rows(db)
    changed = second.reports[NAMES[1]]
    assert two["contents"] == 4
    assert two["cells"] == one["cells"] + sum(len(t.cells) for t in changed.tables.values())
    assert two["paragraphs"] == one["paragraphs"] + len(changed.paragraphs)


def test_a_replaced_run_leaves_no_content_behind(tmp_path):
    """A pinned rerun (same run id) replaces its record; contents no run uses any more go with it."""
    folder, db = corpus(tmp_path), tmp_path / "history.sqlite"
    at = "2024-01-01T00:00:00+00:00"
    record(folder, db, at)
    one = rows(db)
    p = folder / NAMES[1]
    p.write_text(p.read_text(encoding="utf-8") + "\n另有说明一段，作为新的段落。\n", encoding="utf-8")
    second = record(folder, db, at)
    two = rows(db)
    assert (two["runs"], two["reports"], two["contents"]) == (1, 3, 3)
    assert two["cells"] == sum(len(t.cells) for r in second.reports.values() for t in r.tables.values())
    assert two["paragraphs"] == one["paragraphs"] + 1


def test_the_report_read_back_is_the_one_recorded(tmp_path):
    folder, db = corpus(tmp_path), tmp_path / "history.sqlite"
    first = record(folder, db, "2024-01-01T00:00:00+00:00")
    record(folder, db, "2024-01-02T00:00:00+00:00")
    r = first.reports[NAMES[2]]
    h = History(db)
    back = h.report_for(r.agency, r.year)
    h.close()
    assert back is not None and back.report_id.startswith("history:2024-01-02")
    assert back.tables == r.tables
    assert back.paragraphs == r.paragraphs


# The layout before contents were keyed by hash: every run stored every cell under (run_id, report_id).
OLD_SCHEMA = """
CREATE TABLE runs (run_id TEXT PRIMARY KEY, generated_at TEXT, reports_dir TEXT);
CREATE TABLE reports (
  run_id TEXT, report_id TEXT, agency TEXT, agency_key TEXT, year INTEGER, template TEXT, file TEXT,
  published TEXT, level TEXT, region TEXT, score REAL, grade TEXT, rank INTEGER, machine_readable INTEGER,
  title TEXT, source_format TEXT, manifest TEXT, text_meta TEXT, PRIMARY KEY (run_id, report_id));
CREATE INDEX reports_by_agency ON reports (agency_key, year);
CREATE TABLE cells (run_id TEXT, report_id TEXT, tbl TEXT, row TEXT, col TEXT, raw TEXT, kind TEXT, value TEXT,
  unit TEXT, line INTEGER, page INTEGER, reading TEXT, candidates TEXT);
CREATE INDEX cells_by_report ON cells (run_id, report_id);
CREATE TABLE tables (run_id TEXT, report_id TEXT, tbl TEXT, found INTEGER, version TEXT, labels_seen INTEGER,
  header_units TEXT, first_line INTEGER, last_line INTEGER, uncertain TEXT, self_check TEXT);
CREATE INDEX tables_by_report ON tables (run_id, report_id);
CREATE TABLE paragraphs (run_id TEXT, report_id TEXT, idx INTEGER, line INTEGER, section INTEGER, text TEXT);
CREATE INDEX paragraphs_by_report ON paragraphs (run_id, report_id);
CREATE TABLE findings (run_id TEXT, report_id TEXT, finding_id TEXT, rule_id TEXT, severity TEXT,
  outcome TEXT, fingerprint TEXT, json TEXT);
INSERT INTO runs VALUES ('a', '2022-02-01T00:00:00+00:00', 'x'), ('b', '2023-02-01T00:00:00+00:00', 'x');
INSERT INTO reports VALUES
  ('a', 'r.txt', '云岭区自然资源局', '云岭区自然资源局', 2021, '2021', 'r.txt', NULL, NULL, NULL, 80, '良好', 1,
   1, NULL, 'txt', '{}', '{}'),
  ('b', 'r.txt', '云岭区自然资源局', '云岭区自然资源局', 2021, '2021', 'r.txt', NULL, NULL, NULL, 90, '优秀', 1,
   1, NULL, 'txt', '{}', '{}');
INSERT INTO tables VALUES ('a', 'r.txt', 'requests', 1, '2021', 1, '{}', 10, 40, '[]', '[]'),
  ('b', 'r.txt', 'requests', 1, '2021', 1, '{}', 10, 40, '[]', '[]');
INSERT INTO cells VALUES ('a', 'r.txt', 'requests', 'carry_forward', 'natural', '7', 'number', '7', NULL, 12,
  NULL, NULL, NULL),
  ('b', 'r.txt', 'requests', 'carry_forward', 'natural', '8', 'number', '8', NULL, 12, NULL, NULL, NULL);
INSERT INTO paragraphs VALUES ('a', 'r.txt', 0, 3, 1, '第一段'), ('b', 'r.txt', 0, 3, 1, '第一段（改）');
"""


def test_an_older_history_is_upgraded_in_place_and_reads_as_before(tmp_path):
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as con:
        con.executescript(OLD_SCHEMA)
    h = History(db)
    latest = h.report_for("云岭区自然资源局", 2021)
    h.close()
    assert latest is not None and latest.report_id == "history:b:r.txt"
    assert latest.tables["requests"].cell("carry_forward", "natural").value == 8
    assert latest.tables["requests"].found and latest.tables["requests"].first_line == 10
    assert [p.text for p in latest.paragraphs] == ["第一段（改）"]
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 2
        indexes = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "cells_by_report" not in indexes and "cells_by_content" in indexes
        assert con.execute("SELECT count(*) FROM contents").fetchone()[0] == 2
    # run a's rows are still there, under their own content key
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM runs WHERE run_id = 'b'")
    h = History(db)
    older = h.report_for("云岭区自然资源局", 2021)
    h.close()
    assert older is not None and older.tables["requests"].cell("carry_forward", "natural").value == 7
    assert [p.text for p in older.paragraphs] == ["第一段"]
    # and a new run is stored the new way beside them
    folder = corpus(tmp_path)
    record(folder, db, "2024-01-01T00:00:00+00:00")
    assert rows(db)["contents"] == 2 + 3
