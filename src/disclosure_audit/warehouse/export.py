"""`export facts`: the extracted reports as the three documented tables, in one SQLite file or as
three Parquet files.

Layout (the same three tables either way; columns in `FACT_COLUMNS`, `REPORT_COLUMNS`,
`TABLE_COLUMNS`):

* SQLite `FILE`: tables `facts`, `reports` and `tables` in one file.
* Parquet `FILE` (e.g. `out/demo.parquet`): the facts in FILE, the others beside it with the table's
  name before the suffix (`out/demo.reports.parquet`, `out/demo.tables.parquet`).

Each file is written beside its destination and renamed into place, so a failed export never
leaves a half-written file under the final name. Same input, same bytes: rows are ordered (facts by
fact_id, reports by id, tables by report and position), Parquet gets an explicit schema (no pandas
metadata with its index and version) and no timestamp is written.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..model import Report
from ..templates import Templates
from .facts import FACT_COLUMNS, FactColumn, facts_frame, insert_table
from .metadata import REPORT_COLUMNS, TABLE_COLUMNS, reports_frame, tables_frame

FORMATS = ("sqlite", "parquet")
# table name → its documented columns, in the order the tables are written and documented
TABLES: dict[str, tuple[FactColumn, ...]] = {
    "facts": FACT_COLUMNS,
    "reports": REPORT_COLUMNS,
    "tables": TABLE_COLUMNS,
}


@dataclass
class Exported:
    files: list[Path]
    rows: dict[str, int]  # table name → rows written


def frames(reports: list[Report], templates: Templates) -> dict[str, pd.DataFrame]:
    return {
        "facts": facts_frame(reports, templates),
        "reports": reports_frame(reports),
        "tables": tables_frame(reports, templates),
    }


def parquet_paths(out: Path) -> dict[str, Path]:
    """FILE for the facts, FILE's stem + `.reports` / `.tables` + its suffix for the others."""
    suffix = out.suffix or ".parquet"
    return {name: out if name == "facts" else out.with_name(f"{out.stem}.{name}{suffix}") for name in TABLES}


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_sqlite_file(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    tmp = _tmp(out)
    tmp.unlink(missing_ok=True)
    try:
        con = sqlite3.connect(tmp)
        try:
            for name, columns in TABLES.items():
                insert_table(con, tables[name], name, columns)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return [out]


_ARROW_TYPES = {"INTEGER": "int64", "BIGINT": "int64", "TEXT": "string", "REAL": "float64"}


def arrow_table(frame: pd.DataFrame, columns: tuple[FactColumn, ...]):
    """The frame with the documented types as Arrow columns (nullable ints stay null, never 0), and
    each column's English description as field metadata."""
    import pyarrow as pa

    fields, arrays = [], []
    for c in columns:
        typ = getattr(pa, _ARROW_TYPES[c.sql])()
        values = [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in frame[c.name].tolist()]
        fields.append(pa.field(c.name, typ, nullable=True, metadata={"description": c.en, "description_zh": c.zh}))
        arrays.append(pa.array(values, type=typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet_files(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    import pyarrow.parquet as pq

    written = []
    for name, path in parquet_paths(out).items():
        tmp = _tmp(path)
        try:
            pq.write_table(arrow_table(tables[name], TABLES[name]), tmp, compression="zstd")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(path)
    return written


def export_facts(reports: list[Report], templates: Templates, fmt: str, out: Path) -> Exported:
    tables = frames(reports, templates)
    write = write_sqlite_file if fmt == "sqlite" else write_parquet_files
    files = write(tables, out)
    return Exported(files, {name: len(df) for name, df in tables.items()})


def schema_markdown() -> str:
    """The three tables' columns as Markdown, from the one list each table is written with (README's
    data-team section prints this, so the documentation cannot drift from the export)."""
    out = []
    for name, columns in TABLES.items():
        out += [f"### {name}", "", "| column | type | 说明 | meaning |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.sql} | {c.zh} | {c.en} |" for c in columns]
        out.append("")
    return "\n".join(out)
