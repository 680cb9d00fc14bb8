"""Stack every report's cells and paragraphs into frames keyed by report id.

Rules run over these frames once per run. The pandera schema is the contract between extraction
and rules: if extraction ever hands over a number without kind 'number' (or the reverse), the run
stops at this boundary instead of producing quiet nonsense downstream.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa

from ..model import Report
from ..templates import Templates

CELL_KINDS = ["number", "blank", "slash", "dash", "text", "missing", "ambiguous"]
TABLES = ["active", "requests", "appeals"]


def _as_float(v: int | Decimal | None) -> float:
    return float(v) if v is not None else float("nan")


def cells_frame(reports: list[Report], templates: Templates) -> pd.DataFrame:
    records: list[tuple] = []
    for r in reports:
        version = r.template or (templates.version_for_year(r.year) if r.year else None) or max(templates.versions)
        for tkey, table in r.tables.items():
            tdef = templates.versions[table.version or version].tables.get(tkey)
            for (row, col), c in table.cells.items():
                cdef = tdef.column_def(row, col) if tdef else None
                rdef = tdef.rows.get(row) if tdef else None
                records.append(
                    (
                        r.report_id,
                        version,
                        tkey,
                        row,
                        col,
                        c.kind,
                        _as_float(c.value),
                        c.raw if c.raw is not None else "",
                        c.unit or "",
                        c.line if c.line is not None else -1,
                        cdef.type if cdef else "count",
                        bool((cdef and cdef.total) or (rdef and rdef.total)),
                        table.found,
                    )
                )
    cols = [
        "report_id",
        "template",
        "table",
        "row",
        "column",
        "kind",
        "value",
        "raw",
        "unit",
        "line",
        "col_type",
        "is_total",
        "table_found",
    ]
    df = pd.DataFrame.from_records(records, columns=cols)
    df["line"] = df["line"].astype("int64")
    return CELLS_SCHEMA.validate(df, lazy=True)


CELLS_SCHEMA = pa.DataFrameSchema(
    {
        "report_id": pa.Column(str),
        "template": pa.Column(str, pa.Check.isin(["2019", "2021"])),
        "table": pa.Column(str, pa.Check.isin(TABLES)),
        "row": pa.Column(str),
        "column": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(CELL_KINDS)),
        "value": pa.Column(float, nullable=True),
        "raw": pa.Column(str),
        "unit": pa.Column(str),
        "line": pa.Column("int64"),
        "col_type": pa.Column(str, pa.Check.isin(["count", "signed_count", "money"])),
        "is_total": pa.Column(bool),
        "table_found": pa.Column(bool),
    },
    checks=[
        pa.Check(
            lambda df: df["value"].notna() == (df["kind"] == "number"),
            name="value_iff_number",
            error="a cell has a value exactly when its kind is 'number' (blank is not zero)",
        )
    ],
    unique=["report_id", "table", "row", "column"],
    strict=True,
)


def paragraphs_frame(reports: list[Report]) -> pd.DataFrame:
    records = [
        (r.report_id, i, p.text, p.line, p.section if p.section is not None else 0)
        for r in reports
        for i, p in enumerate(r.paragraphs)
    ]
    return pd.DataFrame.from_records(records, columns=["report_id", "idx", "text", "line", "section"])


def wide(cells: pd.DataFrame, table: str, per: str) -> pd.DataFrame:
    """per='column': index (report_id, column), one column per row key; per='row': the transpose."""
    sub = cells[cells["table"] == table]
    if per == "column":
        return sub.pivot_table(
            index=["report_id", "column"], columns="row", values="value", aggfunc="first", dropna=False, sort=False
        )
    return sub.pivot_table(
        index=["report_id", "row"], columns="column", values="value", aggfunc="first", dropna=False, sort=False
    )
