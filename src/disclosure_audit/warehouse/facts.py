"""Reports → the `facts` long table: one row per table cell, keyed by report, format version, table,
row and column, with the cell exactly as read.

Why a long table: it is the shape a filing database already has (one figure per row), it needs no
schema change when a format version adds a row, and every rule of the catalogue can be written as a
query over it. The columns are the contract with data teams; `FACT_COLUMNS` documents each one and
README's data-team section is generated from the same list.

Blank is not zero here either: `kind` keeps blank, "/", "-", text and missing apart, and only
`kind = 'number'` rows carry `num`/`exp`/`value`/`scaled`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..core.frames import exact_parts
from ..model import Report
from ..templates import Templates

# `scaled` holds value × 10**SCALE as a 64-bit integer so that SQL can add and compare figures
# exactly on any database (SQLite has no exact decimal type). Six decimals covers every money figure
# in 万元 to the 元 and beyond; |value| < 9.2 × 10**12 covers every count and amount a report can hold.
SCALE = 6
_BIGINT = 2**63 - 1


@dataclass(frozen=True)
class FactColumn:
    name: str
    sql: str  # portable SQL type
    zh: str
    en: str


FACT_COLUMNS: tuple[FactColumn, ...] = (
    FactColumn(
        "fact_id", "INTEGER", "行号（本表内唯一，同一输入每次相同）", "row number (unique, the same for the same input)"
    ),
    FactColumn("report_id", "TEXT", "报告标识（相对输入目录的路径）", "report id (path relative to the input folder)"),
    FactColumn(
        "report_template",
        "TEXT",
        "报告所用格式版本（决定适用哪些规则）：2019 或 2021",
        "the report's format version (decides which rules apply): 2019 or 2021",
    ),
    FactColumn("year", "INTEGER", "报告年度", "report year"),
    FactColumn(
        "template", "TEXT", "该表所用格式版本：2019 或 2021", "format version the table was read with: 2019 or 2021"
    ),
    FactColumn(
        "table_key",
        "TEXT",
        "表：active（表二）、requests（表三）、appeals（表四）",
        "table: active (2), requests (3), appeals (4)",
    ),
    FactColumn("row_key", "TEXT", "行的规范键（见 rules/templates）", "canonical row key (see rules/templates)"),
    FactColumn("column_key", "TEXT", "列的规范键", "canonical column key"),
    FactColumn(
        "kind",
        "TEXT",
        "单元格类别：number、blank（空白）、slash（/）、dash（-）、text（文字）、missing（缺格）、ambiguous（多种读法）",
        "cell kind: number, blank, slash (/), dash (-), text, missing (no cell), ambiguous (several readings)",
    ),
    FactColumn("raw", "TEXT", "原文（照录）", "the cell's text as printed"),
    FactColumn("num", "TEXT", "精确值的整数系数（十进制字符串）", "exact value's integer coefficient (decimal string)"),
    FactColumn("exp", "INTEGER", "精确值的十进制指数：值 = num × 10^exp", "decimal exponent: value = num × 10^exp"),
    FactColumn("value", "REAL", "近似值（仅供显示和筛选）", "approximate value (display and screening only)"),
    FactColumn(
        "scaled",
        "BIGINT",
        f"值 × 10^{SCALE} 的精确整数；超出范围或小数超过{SCALE}位时为空",
        f"value × 10^{SCALE} as an exact integer; NULL when out of range or finer than {SCALE} decimals",
    ),
    FactColumn(
        "unit", "TEXT", "单元格自带单位（如“项”“元”），无则为空串", "the cell's own unit ('项', '元'), '' if none"
    ),
    FactColumn(
        "header_unit", "TEXT", "表头给出的该列单位，无则为空串", "the column's unit printed in the header, '' if none"
    ),
    FactColumn(
        "format_unit", "TEXT", "格式规定的该列单位，无则为空串", "the unit the format fixes for the column, '' if none"
    ),
    FactColumn("col_type", "TEXT", "列类型：count、signed_count、money", "column type: count, signed_count, money"),
    FactColumn("is_total", "INTEGER", "是否总计单元格（1/0）", "a total cell (1/0)"),
    FactColumn("table_found", "INTEGER", "该表是否在报告中找到（1/0）", "the table was found in the report (1/0)"),
    FactColumn("line", "INTEGER", "原文件行号", "source line"),
    FactColumn("page", "INTEGER", "原文件页码（PDF）", "source page (PDF)"),
    FactColumn(
        "reading",
        "TEXT",
        "非常规读法：segmented、placed、aligned，常规为空",
        "unusual reading: segmented, placed, aligned; NULL if plain",
    ),
    FactColumn(
        "candidates",
        "TEXT",
        "ambiguous 单元格的候选读法（JSON 数组）",
        "an ambiguous cell's candidate readings (JSON array)",
    ),
)
FACT_NAMES = [c.name for c in FACT_COLUMNS]


def scaled_value(v: int | Decimal | None) -> int | None:
    """value × 10**SCALE as an int when that is exact and fits a signed 64-bit integer, else None."""
    if v is None:
        return None
    num, exp = exact_parts(v)
    assert num is not None
    shift = exp + SCALE
    if shift < 0:
        q, r = divmod(num, 10**-shift)
        if r:
            return None
        out = q
    else:
        out = num * 10**shift
    return out if -_BIGINT <= out <= _BIGINT else None


def report_version(r: Report, templates: Templates) -> str:
    """As `RunContext.report_version`: the report's format version, from its text or its year."""
    return templates.version_of(r.template, r.year)


def table_version(r: Report, tkey: str, templates: Templates) -> str:
    """The version a table was read with: its own when it differs from the report's (a mixed-format
    表三), else the report's."""
    t = r.tables.get(tkey)
    if t is not None and t.version:
        return t.version
    return report_version(r, templates)


def facts_frame(reports: list[Report], templates: Templates) -> pd.DataFrame:
    """The long table for `reports`, ordered by report id, then each table's cells in reading order."""
    records: list[tuple] = []
    for r in sorted(reports, key=lambda r: r.report_id):
        for tkey, table in r.tables.items():
            version = table_version(r, tkey, templates)
            tdef = templates.versions[version].tables.get(tkey)
            for (row, col), c in table.cells.items():
                cdef = tdef.column_def(row, col) if tdef and row in tdef.rows else None
                rdef = tdef.rows.get(row) if tdef else None
                num, exp = exact_parts(c.value)
                records.append(
                    (
                        len(records) + 1,
                        r.report_id,
                        report_version(r, templates),
                        r.year,
                        version,
                        tkey,
                        row,
                        col,
                        c.kind,
                        c.raw,
                        str(num) if num is not None else None,
                        exp if num is not None else None,
                        float(c.value) if c.value is not None else None,
                        scaled_value(c.value),
                        c.unit or "",
                        table.header_units.get(col, ""),
                        (cdef.unit or "") if cdef else "",
                        cdef.type if cdef else "count",
                        int(bool((cdef and cdef.total) or (rdef and rdef.total))),
                        int(table.found),
                        c.line,
                        c.page,
                        c.reading,
                        json.dumps(list(c.candidates), ensure_ascii=False) if c.candidates else None,
                    )
                )
    df = pd.DataFrame.from_records(records, columns=FACT_NAMES)
    # nullable integers: a blank cell has no exponent, no scaled value and maybe no line
    for name in ("year", "exp", "scaled", "line", "page"):
        df[name] = df[name].astype("Int64")
    return df


def _sql_column(s: pd.Series) -> list:
    """One column as Python values for sqlite3, missing values as None (NULL, never 0). Converted a
    column at a time: value by value it was most of the gx engine's write (5 s for 200k facts)."""
    return [None if missing else v for v, missing in zip(s.tolist(), s.isna().tolist(), strict=True)]


def write_sqlite(
    frame: pd.DataFrame, path: Path, table: str = "facts", columns: tuple[FactColumn, ...] = FACT_COLUMNS
) -> None:
    """Write a documented table (the facts by default) to a SQLite file with the documented column
    types (stdlib sqlite3: no SQLAlchemy needed for the common case). Replaces `table` if it exists."""
    con = sqlite3.connect(path)
    try:
        insert_table(con, frame, table, columns)
        con.commit()
    finally:
        con.close()


def insert_table(con: sqlite3.Connection, frame: pd.DataFrame, table: str, columns: tuple[FactColumn, ...]) -> None:
    """(Re)create `table` with `columns` (the first one is the key when it is `fact_id`) and insert
    `frame`'s rows in order; pandas' missing values become NULL, never 0."""
    names = [c.name for c in columns]
    cols = ", ".join(f'"{c.name}" {c.sql}' for c in columns)
    key = ", PRIMARY KEY (fact_id)" if names[0] == "fact_id" else ""
    con.execute(f'DROP TABLE IF EXISTS "{table}"')
    con.execute(f'CREATE TABLE "{table}" ({cols}{key})')
    marks = ", ".join("?" for _ in columns)
    rows = zip(*(_sql_column(frame[n]) for n in names), strict=True)
    con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
