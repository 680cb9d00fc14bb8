"""Every run's extracted cells, paragraphs and findings, kept in SQLite under the output folder, so a
later run can check across years without the old files (二 this year = 四 last year, …) and show
last year's score beside this year's.

A report read back from the history must give every cross-year rule the same result as the same
report in the same run, so everything those rules (and the review of their findings) look at is
stored: per table whether it was found, the format version it was read with and its reading notes;
per cell its kind, value, unit, line, page, reading and candidates; per report whether it is
machine-readable and the agency names the copy checks mask. Databases written before these columns
existed are upgraded in place; their tables count as found when any cell was read.

A report's extracted content (tables, cells, paragraphs) is stored once, keyed by a hash of that
content; a run stores only its own rows (report id → content id, metadata, scores, findings). So a
re-run of an unchanged corpus adds a few rows per report, not every cell again. Databases that stored
the content per run are upgraded in place once (each old report's rows become one content of their own,
`legacy:RUN␟REPORT`), so nothing stored before is lost or read differently.

SQLite rather than DuckDB: it ships with Python (nothing to install on an office PC), a run writes a
few hundred rows per report transactionally, and every query here is a keyed lookup, not analytics.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from ..checkpoints import checkpoint
from ..core.finding import Finding
from ..model import Cell, Paragraph, Report, Table
from ..zhtext.orgs import agency_key


class RunResult(Protocol):
    """What a run hands to `History.record` (pipeline.AuditResult; the engine does not import it)."""

    @property
    def reports(self) -> dict[str, Report]: ...
    @property
    def scores(self) -> Sequence[Any]: ...  # scoring.ReportScore: report_id, score, grade, rank
    @property
    def findings(self) -> list[Finding]: ...


SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, generated_at TEXT, reports_dir TEXT);
CREATE TABLE IF NOT EXISTS reports (
  run_id TEXT, report_id TEXT, agency TEXT, agency_key TEXT, year INTEGER, template TEXT, file TEXT,
  published TEXT, level TEXT, region TEXT, score REAL, grade TEXT, rank INTEGER,
  PRIMARY KEY (run_id, report_id));
CREATE INDEX IF NOT EXISTS reports_by_agency ON reports (agency_key, year);
CREATE TABLE IF NOT EXISTS cells (
  run_id TEXT, report_id TEXT, tbl TEXT, row TEXT, col TEXT, raw TEXT, kind TEXT, value TEXT, unit TEXT,
  line INTEGER);
CREATE TABLE IF NOT EXISTS tables (
  run_id TEXT, report_id TEXT, tbl TEXT, found INTEGER, version TEXT, labels_seen INTEGER,
  header_units TEXT, first_line INTEGER, last_line INTEGER, uncertain TEXT, self_check TEXT);
CREATE TABLE IF NOT EXISTS paragraphs (run_id TEXT, report_id TEXT, idx INTEGER, line INTEGER, section INTEGER,
  text TEXT);
CREATE TABLE IF NOT EXISTS contents (id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS findings (run_id TEXT, report_id TEXT, finding_id TEXT, rule_id TEXT, severity TEXT,
  outcome TEXT, fingerprint TEXT, json TEXT);
CREATE INDEX IF NOT EXISTS findings_by_report ON findings (run_id, report_id);
"""

# Columns added after the first release: (table, column, type). Older databases get them on open.
ADDED_COLUMNS = (
    ("reports", "machine_readable", "INTEGER"),
    ("reports", "title", "TEXT"),
    ("reports", "source_format", "TEXT"),
    ("reports", "manifest", "TEXT"),
    ("reports", "text_meta", "TEXT"),
    ("cells", "page", "INTEGER"),
    ("cells", "reading", "TEXT"),
    ("cells", "candidates", "TEXT"),
    ("reports", "content", "INTEGER"),
    ("tables", "content", "INTEGER"),
    ("cells", "content", "INTEGER"),
    ("paragraphs", "content", "INTEGER"),
)
# PRAGMA user_version once the content is stored by hash (older files: 0)
CONTENT_VERSION = 2
CONTENT_TABLES = ("tables", "cells", "paragraphs")

REPORT_COLUMNS = (
    "run_id, report_id, agency, agency_key, year, template, file, published, level, region, score, grade, rank, "
    "machine_readable, title, source_format, manifest, text_meta, content"
)
TABLE_COLUMNS = "content, tbl, found, version, labels_seen, header_units, first_line, last_line, uncertain, self_check"
CELL_COLUMNS = "content, tbl, row, col, raw, kind, value, unit, line, page, reading, candidates"
PARAGRAPH_COLUMNS = "content, idx, line, section, text"


def legacy_content(run_id: str, report_id: str) -> str:
    """The content key an upgraded database gives the rows an older version stored per run."""
    return f"legacy:{run_id}\x1f{report_id}"


def _placeholders(columns: str) -> str:
    return ",".join("?" for _ in columns.split(","))


class History:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(SCHEMA)
        self._upgrade()

    def _upgrade(self) -> None:
        for table, column, kind in ADDED_COLUMNS:
            have = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        if self.db.execute("PRAGMA user_version").fetchone()[0] < CONTENT_VERSION:
            self._key_content()
        self.db.commit()

    def _key_content(self) -> None:
        """Once, for a database that stored every run's cells again: give each stored report's rows
        one content key of their own (nothing is merged, so nothing reads back differently) and drop
        the per-run indexes that the content indexes replace."""
        db = self.db
        db.create_function("legacy_content", 2, legacy_content, deterministic=True)
        db.execute(
            "INSERT OR IGNORE INTO contents (hash) SELECT legacy_content(run_id, report_id) FROM reports "
            "WHERE content IS NULL ORDER BY rowid"
        )
        for table in ("reports", *CONTENT_TABLES):
            db.execute(
                f"UPDATE {table} SET content = (SELECT id FROM contents c "
                f"WHERE c.hash = legacy_content({table}.run_id, {table}.report_id)) "
                "WHERE content IS NULL AND run_id IS NOT NULL"
            )
        for table in CONTENT_TABLES:
            db.execute(f"DROP INDEX IF EXISTS {table}_by_report")
            db.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_content ON {table} (content)")
        db.execute("CREATE INDEX IF NOT EXISTS reports_by_content ON reports (content)")
        db.execute(f"PRAGMA user_version = {CONTENT_VERSION}")

    def close(self) -> None:
        self.db.close()

    # ---- reading -------------------------------------------------------------------------------
    def _latest(
        self, agency: str, year: int, before_run: str | None = None, readable: bool = False
    ) -> tuple[str, str] | None:
        q = (
            "SELECT r.run_id, r.report_id FROM reports r JOIN runs u ON u.run_id = r.run_id "
            "WHERE r.agency_key = ? AND r.year = ?"
        )
        args: list = [agency_key(agency), year]
        if before_run:
            q += " AND r.run_id != ?"
            args.append(before_run)
        if readable:  # as in a run: the previous report is a machine-readable one (NULL: older rows)
            q += " AND (r.machine_readable IS NULL OR r.machine_readable = 1)"
        row = self.db.execute(q + " ORDER BY u.generated_at DESC, r.run_id DESC LIMIT 1", args).fetchone()
        return (row[0], row[1]) if row else None

    def report_for(self, agency: str, year: int) -> Report | None:
        """The most recent stored machine-readable report of that agency and year, rebuilt with its
        tables, cells and paragraphs as the run that stored it had them."""
        hit = self._latest(agency, year, readable=True)
        if hit is None:
            return None
        run_id, report_id = hit
        meta = self.db.execute(
            "SELECT agency, year, template, file, published, level, region, machine_readable, title, "
            "source_format, manifest, text_meta, content FROM reports WHERE run_id = ? AND report_id = ?",
            (run_id, report_id),
        ).fetchone()
        content = meta[12]
        if content is None:  # a row written after the upgrade by an older version
            got = self.db.execute(
                "SELECT id FROM contents WHERE hash = ?", (legacy_content(run_id, report_id),)
            ).fetchone()
            content = got[0] if got else -1
        r = Report(
            report_id=f"history:{run_id}:{report_id}",
            file=meta[3],
            agency=meta[0],
            year=meta[1],
            template=meta[2],
            published=meta[4],
            level=meta[5],
            region=meta[6],
            machine_readable=meta[7] is None or bool(meta[7]),
            title=meta[8],
            source_format=meta[9] or "txt",
            manifest=json.loads(meta[10]) if meta[10] else {},
            text_meta=json.loads(meta[11]) if meta[11] else {},
        )
        for tbl, found, version, labels_seen, units, first, last, uncertain, self_check in self.db.execute(
            "SELECT tbl, found, version, labels_seen, header_units, first_line, last_line, uncertain, self_check "
            "FROM tables WHERE content = ? ORDER BY rowid",
            (content,),
        ):
            r.tables[tbl] = Table(
                key=tbl,
                found=bool(found),
                version=version,
                labels_seen=bool(labels_seen),
                header_units=json.loads(units) if units else {},
                first_line=first,
                last_line=last,
                uncertain=tuple(json.loads(uncertain)) if uncertain else (),
                self_check=tuple(json.loads(self_check)) if self_check else (),
            )
        stored_tables = set(r.tables)
        for tbl, row, col, raw, kind, value, unit, line, page, reading, candidates in self.db.execute(
            "SELECT tbl, row, col, raw, kind, value, unit, line, page, reading, candidates FROM cells "
            "WHERE content = ? ORDER BY rowid",
            (content,),
        ):
            t = r.tables.setdefault(tbl, Table(key=tbl))
            num = None if value is None else (Decimal(value) if "." in value or "E" in value else int(value))
            t.cells[(row, col)] = Cell(
                raw=raw,
                kind=kind,
                value=num,
                unit=unit,
                line=line,
                page=page,
                candidates=tuple(json.loads(candidates)) if candidates else (),
                reading=reading,
            )
        for tbl, t in r.tables.items():
            if tbl not in stored_tables:  # a database from before `found` was stored
                t.found = any(c.kind != "missing" for c in t.cells.values())
        for _idx, line, section, text in self.db.execute(
            "SELECT idx, line, section, text FROM paragraphs WHERE content = ? ORDER BY idx",
            (content,),
        ):
            r.paragraphs.append(Paragraph(text=text, line=line, section=section))
        return r

    def score_for(self, agency: str, year: int, exclude_run: str | None = None) -> dict | None:
        hit = self._latest(agency, year, before_run=exclude_run)
        if hit is None:
            return None
        row = self.db.execute(
            "SELECT score, grade, rank, run_id FROM reports WHERE run_id = ? AND report_id = ?", hit
        ).fetchone()
        return {"score": row[0], "grade": row[1], "rank": row[2], "run_id": row[3]}

    # ---- writing -------------------------------------------------------------------------------
    def record(self, run_id: str, generated_at: str, reports_dir: str, result: RunResult) -> None:
        """Store one run (replacing a run with the same id) in one transaction: a run killed while
        recording leaves the history as it was (SQLite rolls the journal back on the next open), never
        a run stored in part."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._insert_run(run_id, generated_at, reports_dir, result)
            checkpoint("history: run stored, not yet committed")
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def _insert_run(self, run_id: str, generated_at: str, reports_dir: str, result: RunResult) -> None:
        cur = self.db.cursor()
        replaced = cur.execute("DELETE FROM runs WHERE run_id = ?", (run_id,)).rowcount
        for t in ("reports", "findings"):
            cur.execute(f"DELETE FROM {t} WHERE run_id = ?", (run_id,))
        cur.execute("INSERT INTO runs VALUES (?, ?, ?)", (run_id, generated_at, reports_dir))
        scores = {s.report_id: s for s in result.scores}
        for rid, r in result.reports.items():
            s = scores[rid]
            content = self._store_content(cur, r)
            cur.execute(
                f"INSERT INTO reports ({REPORT_COLUMNS}) VALUES ({_placeholders(REPORT_COLUMNS)})",
                (
                    run_id,
                    rid,
                    r.agency,
                    agency_key(r.agency) if r.agency else None,
                    r.year,
                    r.template,
                    r.file,
                    r.published,
                    r.level,
                    r.region,
                    s.score,
                    s.grade,
                    s.rank,
                    int(r.machine_readable),
                    r.title,
                    r.source_format,
                    json.dumps(r.manifest, ensure_ascii=False),
                    json.dumps(r.text_meta, ensure_ascii=False, default=str),
                    content,
                ),
            )
        if replaced:  # a pinned rerun replaced its run: contents no run uses any more go with it
            self._drop_unused_contents(cur)
        cur.executemany(
            "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    run_id,
                    f.report_id,
                    f.id,
                    f.rule_id,
                    f.severity,
                    f.outcome,
                    fingerprint(f.to_json()),
                    json.dumps(f.to_json(), ensure_ascii=False),
                )
                for f in result.findings
            ],
        )

    def _store_content(self, cur: sqlite3.Cursor, r: Report) -> int:
        """The report's tables, cells and paragraphs, stored unless the same content is stored already;
        → its id. Contents are told apart by a sha256 over exactly the rows stored (so equal hashes read
        back equal); the rows carry a small integer id, not the hash, to keep the file small."""
        tables = [
            (
                tk,
                int(t.found),
                t.version,
                int(t.labels_seen),
                json.dumps(t.header_units, ensure_ascii=False),
                t.first_line,
                t.last_line,
                json.dumps(list(t.uncertain), ensure_ascii=False),
                json.dumps(list(t.self_check), ensure_ascii=False),
            )
            for tk, t in r.tables.items()
        ]
        cells = [
            (
                tk,
                row,
                col,
                c.raw,
                c.kind,
                None if c.value is None else str(c.value),
                c.unit,
                c.line,
                c.page,
                c.reading,
                json.dumps(list(c.candidates), ensure_ascii=False) if c.candidates else None,
            )
            for tk, t in r.tables.items()
            for (row, col), c in t.cells.items()
        ]
        paragraphs = [(i, p.line, p.section, p.text) for i, p in enumerate(r.paragraphs)]
        digest = hashlib.sha256(repr((CONTENT_VERSION, tables, cells, paragraphs)).encode()).hexdigest()
        if cur.execute("INSERT OR IGNORE INTO contents (hash) VALUES (?)", (digest,)).rowcount == 0:
            # stored by an earlier run (or an identical report of this one)
            return cur.execute("SELECT id FROM contents WHERE hash = ?", (digest,)).fetchone()[0]
        content = cur.lastrowid
        assert content is not None
        for name, columns, rows in (
            ("tables", TABLE_COLUMNS, tables),
            ("cells", CELL_COLUMNS, cells),
            ("paragraphs", PARAGRAPH_COLUMNS, paragraphs),
        ):
            cur.executemany(
                f"INSERT INTO {name} ({columns}) VALUES ({_placeholders(columns)})",
                [(content, *row) for row in rows],
            )
        return content

    @staticmethod
    def _drop_unused_contents(cur: sqlite3.Cursor) -> None:
        unused = cur.execute(
            "SELECT id FROM contents WHERE id NOT IN (SELECT content FROM reports WHERE content IS NOT NULL)"
        ).fetchall()
        for table in (*CONTENT_TABLES, "contents"):
            column = "id" if table == "contents" else "content"
            cur.executemany(f"DELETE FROM {table} WHERE {column} = ?", unused)


def fingerprint(f: dict) -> str:
    """A finding's identity across runs: rule and place, not line numbers (which shift when text is edited)."""
    loc = f.get("location", {})
    return "|".join(
        str(x)
        for x in (
            f["rule_id"],
            loc.get("table"),
            loc.get("row"),
            loc.get("column"),
            loc.get("section"),
            f.get("raw") if not loc.get("table") else "",
        )
    )
