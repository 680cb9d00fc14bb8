"""Every run's extracted cells, paragraphs and findings, kept in SQLite under the output folder, so a
later run can check across years without the old files (二 this year = 四 last year, …) and show
last year's score beside this year's.

SQLite rather than DuckDB: it ships with Python (nothing to install on an office PC), a run writes a
few hundred rows per report transactionally, and every query here is a keyed lookup, not analytics.
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

from ..core.context import agency_key
from ..model import Cell, Paragraph, Report, Table

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
CREATE INDEX IF NOT EXISTS cells_by_report ON cells (run_id, report_id);
CREATE TABLE IF NOT EXISTS paragraphs (run_id TEXT, report_id TEXT, idx INTEGER, line INTEGER, section INTEGER,
  text TEXT);
CREATE INDEX IF NOT EXISTS paragraphs_by_report ON paragraphs (run_id, report_id);
CREATE TABLE IF NOT EXISTS findings (run_id TEXT, report_id TEXT, finding_id TEXT, rule_id TEXT, severity TEXT,
  outcome TEXT, fingerprint TEXT, json TEXT);
CREATE INDEX IF NOT EXISTS findings_by_report ON findings (run_id, report_id);
"""


class History:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # ---- reading -------------------------------------------------------------------------------
    def _latest(self, agency: str, year: int, before_run: str | None = None) -> tuple[str, str] | None:
        q = (
            "SELECT r.run_id, r.report_id FROM reports r JOIN runs u ON u.run_id = r.run_id "
            "WHERE r.agency_key = ? AND r.year = ?"
        )
        args: list = [agency_key(agency), year]
        if before_run:
            q += " AND r.run_id != ?"
            args.append(before_run)
        row = self.db.execute(q + " ORDER BY u.generated_at DESC, r.run_id DESC LIMIT 1", args).fetchone()
        return (row[0], row[1]) if row else None

    def report_for(self, agency: str, year: int) -> Report | None:
        """The most recent stored report of that agency and year, rebuilt with cells and paragraphs."""
        hit = self._latest(agency, year)
        if hit is None:
            return None
        run_id, report_id = hit
        meta = self.db.execute(
            "SELECT agency, year, template, file, published, level, region FROM reports "
            "WHERE run_id = ? AND report_id = ?",
            (run_id, report_id),
        ).fetchone()
        r = Report(
            report_id=f"history:{run_id}:{report_id}",
            file=meta[3],
            agency=meta[0],
            year=meta[1],
            template=meta[2],
            published=meta[4],
            level=meta[5],
            region=meta[6],
        )
        for tbl, row, col, raw, kind, value, unit, line in self.db.execute(
            "SELECT tbl, row, col, raw, kind, value, unit, line FROM cells WHERE run_id = ? AND report_id = ?",
            (run_id, report_id),
        ):
            t = r.tables.setdefault(tbl, Table(key=tbl, found=True))
            num = None if value is None else (Decimal(value) if "." in value else int(value))
            t.cells[(row, col)] = Cell(raw=raw, kind=kind, value=num, unit=unit, line=line)
        for _idx, line, section, text in self.db.execute(
            "SELECT idx, line, section, text FROM paragraphs WHERE run_id = ? AND report_id = ? ORDER BY idx",
            (run_id, report_id),
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
    def record(self, run_id: str, generated_at: str, reports_dir: str, result) -> None:
        """Store one run (replacing a run with the same id)."""
        cur = self.db.cursor()
        for t in ("runs", "reports", "cells", "paragraphs", "findings"):
            cur.execute(f"DELETE FROM {t} WHERE run_id = ?", (run_id,))
        cur.execute("INSERT INTO runs VALUES (?, ?, ?)", (run_id, generated_at, reports_dir))
        scores = {s.report_id: s for s in result.scores}
        for rid, r in result.reports.items():
            s = scores[rid]
            cur.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                ),
            )
            cur.executemany(
                "INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        run_id,
                        rid,
                        tk,
                        row,
                        col,
                        c.raw,
                        c.kind,
                        None if c.value is None else str(c.value),
                        c.unit,
                        c.line,
                    )
                    for tk, t in r.tables.items()
                    for (row, col), c in t.cells.items()
                ],
            )
            cur.executemany(
                "INSERT INTO paragraphs VALUES (?,?,?,?,?,?)",
                [(run_id, rid, i, p.line, p.section, p.text) for i, p in enumerate(r.paragraphs)],
            )
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
        self.db.commit()


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
