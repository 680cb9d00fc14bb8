"""Stack every report's cells and paragraphs into frames keyed by report id.

Rules run over these frames once per run. The pandera schema is the contract between extraction
and rules: if extraction ever hands over a number without kind 'number' (or the reverse), every rule
that reads the frame stops at this boundary (each reported as broken, the run exits 1) instead of
producing quiet nonsense downstream.
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
    if v is None:
        return float("nan")
    try:
        return float(v)
    except OverflowError:  # beyond float range: the exact columns still hold it
        return float("inf") if v > 0 else float("-inf")


def exact_parts(v: int | Decimal | None) -> tuple[int | None, int]:
    """(integer coefficient, decimal exponent) with v = coefficient × 10**exponent exactly; (None, 0)
    for no value. 12.50 → (1250, -2); 9007199254740993 → (9007199254740993, 0)."""
    if v is None:
        return None, 0
    if isinstance(v, int):
        return int(v), 0
    sign, digits, exp = v.as_tuple()
    if not isinstance(exp, int):
        raise ValueError(f"not a finite number: {v}")
    n = int("".join(map(str, digits)) or "0")
    return (-n if sign else n), exp


def cells_frame(reports: list[Report], templates: Templates) -> pd.DataFrame:
    records: list[tuple] = []
    nums: list[int | None] = []
    for r in reports:
        version = templates.version_of(r.template, r.year)
        for tkey, table in r.tables.items():
            tdef = templates.versions[table.version or version].tables.get(tkey)
            for (row, col), c in table.cells.items():
                cdef = tdef.column_def(row, col) if tdef else None
                rdef = tdef.rows.get(row) if tdef else None
                v = c.value
                num, exp = (v, 0) if v is None or type(v) is int else exact_parts(v)  # ints: the common case
                nums.append(num)
                records.append(
                    (
                        r.report_id,
                        version,
                        tkey,
                        row,
                        col,
                        c.kind,
                        _as_float(c.value),
                        exp,
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
        "exp",
        "raw",
        "unit",
        "line",
        "col_type",
        "is_total",
        "table_found",
    ]
    df = pd.DataFrame.from_records(records, columns=cols)
    df = df.astype({"value": "float64", "line": "int64", "exp": "int64", "is_total": bool, "table_found": bool})
    # the exact value: Python ints of any size (object dtype; pandas would make ints with None floats)
    df.insert(df.columns.get_loc("exp"), "num", pd.Series(nums, index=df.index, dtype=object))
    if df.empty:  # no table in any report (e.g. only reports outside the formats): nothing to validate,
        return df  # and pandera would judge the empty columns by dtype alone
    return CELLS_SCHEMA.validate(df, lazy=True)


CELLS_SCHEMA = pa.DataFrameSchema(
    {
        "report_id": pa.Column(str),
        "template": pa.Column(str, pa.Check.isin(["2019", "2021"])),
        "table": pa.Column(str, pa.Check.isin(TABLES)),
        "row": pa.Column(str),
        "column": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(CELL_KINDS)),
        "value": pa.Column(float, nullable=True),  # for screening and display; decisions use num/exp
        "num": pa.Column(object, nullable=True),  # exact value = num × 10**exp
        "exp": pa.Column("int64"),
        "raw": pa.Column(str),
        "unit": pa.Column(str),
        "line": pa.Column("int64"),
        "col_type": pa.Column(str, pa.Check.isin(["count", "signed_count", "money"])),
        "is_total": pa.Column(bool),
        "table_found": pa.Column(bool),
    },
    checks=[
        pa.Check(
            lambda df: (df["value"].notna() == (df["kind"] == "number")) & (df["num"].notna() == df["value"].notna()),
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


def exact_wide(cells: pd.DataFrame, table: str, per: str) -> tuple[pd.DataFrame, int]:
    """The table's values as exact integers at one common exponent e (value = entry × 10**e), laid
    out like `wide`: index (report_id, column) for per='column', (report_id, row) for per='row'.
    Entries are Python ints (object dtype, any size); NaN where a cell has no value."""
    sub = cells[cells["table"] == table]
    inst, operand = ("column", "row") if per == "column" else ("row", "column")
    has = sub["num"].notna()
    e = int(min(int(sub.loc[has, "exp"].min()), 0)) if has.any() else 0
    shift = sub.loc[has, "exp"] - e
    factors = shift.map({k: 10 ** int(k) for k in shift.unique()}).astype(object)
    scaled = pd.Series(float("nan"), index=sub.index, dtype=object)
    scaled[has] = sub.loc[has, "num"] * factors
    keys = pd.MultiIndex.from_frame(sub[["report_id", inst, operand]])
    out = pd.Series(scaled.to_numpy(), index=keys, dtype=object).unstack(operand)
    order = pd.MultiIndex.from_frame(sub[["report_id", inst]].drop_duplicates())
    return out.reindex(index=order), e
