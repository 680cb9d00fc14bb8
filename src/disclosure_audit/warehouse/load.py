"""Reading the facts, reports and tables back from any SQLAlchemy URL and rebuilding `Report`s with
their tables and cells exactly as they were read (values from num/exp, kinds, raw text, units,
header units, reading notes, candidates).

A cell's `line` becomes its `fact_id`: evidence then points at the database row (check_db says so
wherever a line would be shown), and cells of last year's report keep pointing at their own rows.

Anything wrong with the database is one `DbError` line naming the URL (password hidden), the table,
the column and the row; nothing is guessed: a row that cannot be read exactly stops the check
rather than being skipped, since a dropped row would look like a blank cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..model import NO_VALUE_KINDS, Cell, Problem, Report, Table
from .facts import FACT_NAMES
from .metadata import REPORT_NAMES, TABLE_NAMES

CELL_KINDS = frozenset({"number", *NO_VALUE_KINDS})
READINGS = frozenset({"segmented", "placed", "aligned"})
# the lines of a rebuilt report that the database does not hold: a sentence end, so that no label
# is found across the gap (metadata.label_lines)
GAP_LINE = "。"


class DbError(Exception):
    """The database cannot be used as it is; the message is the user's one line."""


@dataclass
class DbSource:
    url: str  # as shown: password hidden
    facts: str
    reports: str
    tables: str
    rows: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"url": self.url, "facts_table": self.facts, "reports_table": self.reports, "tables_table": self.tables}


def shown_url(url: str) -> str:
    """The URL with its password hidden, or the text as given when it is not a URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _split(name: str) -> tuple[str | None, str]:
    schema, _, table = name.rpartition(".")
    return schema or None, table


def read_rows(url: str, tables: dict[str, list[str]]) -> tuple[str, dict[str, list[tuple]]]:
    """{table name: its rows, as tuples in the given column order}, checking first that every table
    and column is there. Returns the URL as shown too."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    try:
        u = make_url(url)
    except ArgumentError:
        raise DbError(
            f"'{url}' is not a database URL (e.g. sqlite:///facts.sqlite, postgresql+psycopg2://user@host/db)"
        ) from None
    shown = u.render_as_string(hide_password=True)
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:" or u.database.startswith("file:"):
            raise DbError(f"{shown}: names no SQLite file (sqlite:///path/to/facts.sqlite)")
        if not Path(u.database).is_file():  # SQLite would create an empty file and find no table
            raise DbError(f"{shown}: no such SQLite file '{u.database}'")
    try:
        engine = create_engine(u)
    except (NoSuchModuleError, ImportError) as exc:
        raise DbError(f"{shown}: no database driver for '{u.drivername}' ({exc})") from None
    quote = engine.dialect.identifier_preparer.quote
    out: dict[str, list[tuple]] = {}
    try:
        with engine.connect() as con:
            insp = inspect(con)
            for name, columns in tables.items():
                schema, table = _split(name)
                if not insp.has_table(table, schema=schema):
                    there = sorted(insp.get_table_names(schema=schema))
                    raise DbError(f"{shown}: no table '{name}' (tables there: {', '.join(there) or 'none'})")
                have = {c["name"] for c in insp.get_columns(table, schema=schema)}
                missing = [c for c in columns if c not in have]
                if missing:
                    raise DbError(f"{shown}: table '{name}' has no column {', '.join(repr(c) for c in missing)}")
                where = f"{quote(schema)}.{quote(table)}" if schema else quote(table)
                cols = ", ".join(quote(c) for c in columns)
                out[name] = [tuple(r) for r in con.execute(text(f"SELECT {cols} FROM {where}"))]
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DbError(f"{shown}: {detail}") from None
    finally:
        engine.dispose()
    return shown, out


class _Rows:
    """Typed access to one row, with errors that name the table, the row and the column."""

    def __init__(self, shown: str, table: str, names: list[str], key: str) -> None:
        self.shown, self.table, self.names, self.key = shown, table, names, key
        self.row: dict = {}

    def at(self, row: tuple) -> _Rows:
        self.row = dict(zip(self.names, row, strict=True))
        return self

    def fail(self, column: str, why: str) -> DbError:
        return DbError(f"{self.shown}: table '{self.table}' row {self.key}={self.row.get(self.key)!r}: {column}: {why}")

    def text(self, column: str, required: bool = False) -> str | None:
        v = self.row[column]
        if v is None:
            if required:
                raise self.fail(column, "is empty")
            return None
        if not isinstance(v, str):
            raise self.fail(column, f"not text: {v!r}")
        return v

    def int(self, column: str, required: bool = False) -> int | None:
        v = self.row[column]
        if v is None:
            if required:
                raise self.fail(column, "is empty")
            return None
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, int):
            return v
        if isinstance(v, float | Decimal) and v == int(v):
            return int(v)
        raise self.fail(column, f"not an integer: {v!r}")

    def flag(self, column: str) -> bool:
        v = self.int(column, required=True)
        if v not in (0, 1):
            raise self.fail(column, f"not 0 or 1: {v!r}")
        return bool(v)

    def json(self, column: str, typ: type, default):
        raw = self.text(column)
        if raw is None:
            return default
        try:
            v = json.loads(raw)
        except ValueError:
            raise self.fail(column, f"not JSON: {raw[:60]!r}") from None
        if not isinstance(v, typ):
            raise self.fail(column, f"not a JSON {'object' if typ is dict else 'array'}: {raw[:60]!r}")
        return v


def _report(rows: _Rows) -> Report:
    problems = rows.json("problems", list, [])
    try:
        notes = [Problem(**p) for p in problems]
    except TypeError as exc:
        raise rows.fail("problems", f"not an extraction note: {exc}") from None
    return Report(
        report_id=rows.text("report_id", required=True) or "",
        file=rows.text("file", required=True) or "",
        source_format=rows.text("source_format") or "txt",
        encoding=rows.text("encoding"),
        layout=rows.text("layout"),
        template=rows.text("template"),
        year=rows.int("year"),
        year_source=rows.text("year_source"),
        agency=rows.text("agency"),
        region=rows.text("region"),
        level=rows.text("level"),
        level_source=rows.text("level_source"),
        published=rows.text("published"),
        title=rows.text("title"),
        url=rows.text("url"),
        machine_readable=rows.flag("machine_readable"),
        converted_with=rows.text("converted_with"),
        not_audited=rows.json("not_audited", dict, None),
        manifest=rows.json("manifest", dict, {}),
        problems=notes,
    )


def _value(rows: _Rows, kind: str) -> int | Decimal | None:
    num, exp = rows.text("num"), rows.int("exp")
    if kind != "number":
        if num is not None:
            raise rows.fail("num", f"a '{kind}' cell has no value, but num is {num!r}")
        return None
    if num is None or exp is None:
        raise rows.fail("num" if num is None else "exp", "a number cell needs num and exp")
    try:
        n = int(num)
    except ValueError:
        raise rows.fail("num", f"not an integer: {num!r}") from None
    return n if exp == 0 else Decimal(n).scaleb(exp)


def rebuilt_lines(kept: dict[int, str]) -> list[str]:
    """A report's lines as far as the database holds them (`tables.label_lines`): each kept line in
    its place, a sentence end in every other, so no label is found across a line that was dropped."""
    return [kept.get(n, GAP_LINE) for n in range(1, max(kept) + 1)] if kept else []


def reports_from_rows(shown: str, source: DbSource, data: dict[str, list[tuple]]) -> list[Report]:
    reports: dict[str, Report] = {}
    rrows = _Rows(shown, source.reports, REPORT_NAMES, "report_id")
    for row in data[source.reports]:
        r = _report(rrows.at(row))
        if r.report_id in reports:
            raise rrows.fail("report_id", "appears twice")
        reports[r.report_id] = r
    trows = _Rows(shown, source.tables, TABLE_NAMES, "report_id")
    placed: dict[str, list[tuple[int, Table, dict]]] = {}
    for row in data[source.tables]:
        t = trows.at(row)
        rid = t.text("report_id", required=True) or ""
        key = t.text("table_key", required=True) or ""
        if rid not in reports:
            raise t.fail("report_id", f"no report '{rid}' in table '{source.reports}'")
        uncertain = t.json("uncertain", list, [])
        self_check = t.json("self_check", list, [])
        table = Table(
            key=key,
            found=t.flag("found"),
            header_units=t.json("header_units", dict, {}),
            first_line=t.int("first_line"),
            last_line=t.int("last_line"),
            labels_seen=t.flag("labels_seen"),
            uncertain=tuple(uncertain),
            self_check=tuple(self_check),
            version=t.text("version"),
        )
        placed.setdefault(rid, []).append(
            (t.int("position", required=True) or 0, table, t.json("label_lines", dict, {}))
        )
    for rid, items in placed.items():
        r = reports[rid]
        lines: dict[int, str] = {}
        for _, table, kept in sorted(items, key=lambda x: x[0]):
            if table.key in r.tables:
                raise DbError(f"{shown}: table '{source.tables}': report '{rid}' has table '{table.key}' twice")
            r.tables[table.key] = table
            for n, text in kept.items():
                if not (str(n).isdigit() and int(n) > 0 and isinstance(text, str)):
                    raise DbError(f"{shown}: table '{source.tables}' report '{rid}': label_lines: bad entry {n!r}")
                lines[int(n)] = text
        r.lines = rebuilt_lines(lines)
    frows = _Rows(shown, source.facts, FACT_NAMES, "fact_id")
    seen_ids: set[int] = set()
    for row in sorted(data[source.facts], key=lambda row: (row[0] is None, row[0] if isinstance(row[0], int) else 0)):
        f = frows.at(row)
        fact_id = f.int("fact_id", required=True)
        assert fact_id is not None
        if fact_id in seen_ids:
            raise f.fail("fact_id", "appears twice")
        seen_ids.add(fact_id)
        rid = f.text("report_id", required=True) or ""
        if rid not in reports:
            raise f.fail("report_id", f"no report '{rid}' in table '{source.reports}'")
        tkey = f.text("table_key", required=True) or ""
        table = reports[rid].tables.get(tkey)
        if table is None:
            raise f.fail("table_key", f"report '{rid}' has no table '{tkey}' in table '{source.tables}'")
        kind = f.text("kind", required=True) or ""
        if kind not in CELL_KINDS:
            raise f.fail("kind", f"not a cell kind ({', '.join(sorted(CELL_KINDS))}): {kind!r}")
        reading = f.text("reading")
        if reading is not None and reading not in READINGS:
            raise f.fail("reading", f"not a reading ({', '.join(sorted(READINGS))}): {reading!r}")
        cell_key = (f.text("row_key", required=True) or "", f.text("column_key", required=True) or "")
        if cell_key in table.cells:
            raise f.fail("column_key", f"a second row for cell {tkey}/{cell_key[0]}/{cell_key[1]} of '{rid}'")
        candidates = f.json("candidates", list, [])
        table.cells[cell_key] = Cell(
            raw=f.text("raw"),
            kind=kind,  # type: ignore[arg-type]
            value=_value(f, kind),
            unit=f.text("unit") or None,
            line=fact_id,
            page=f.int("page"),
            candidates=tuple(str(c) for c in candidates),
            reading=reading,  # type: ignore[arg-type]
        )
    return [reports[rid] for rid in sorted(reports)]


def load_reports(
    url: str, facts: str = "facts", reports: str = "reports", tables: str = "tables"
) -> tuple[list[Report], DbSource]:
    """The reports held in the database at `url`; raises DbError with the one line to show."""
    shown, data = read_rows(url, {facts: FACT_NAMES, reports: REPORT_NAMES, tables: TABLE_NAMES})
    source = DbSource(shown, facts, reports, tables, {name: len(rows) for name, rows in data.items()})
    return reports_from_rows(shown, source, data), source
