"""Stack every report's cells and paragraphs into frames keyed by report id.

Rules run over these frames once per run. The pandera schema is the contract between extraction
and rules: if extraction ever hands over a number without kind 'number' (or the reverse), every rule
that reads the frame stops at this boundary (each reported as broken, the run exits 1) instead of
producing quiet nonsense downstream.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
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


def _cell_meta(tdef, row: str, col: str) -> tuple[str, bool]:
    """(column type, is a total) of a cell as the table definition gives it."""
    cdef = tdef.column_def(row, col) if tdef else None
    rdef = tdef.rows.get(row) if tdef else None
    return (cdef.type if cdef else "count"), bool((cdef and cdef.total) or (rdef and rdef.total))


def _str_column(values: list[str]) -> pd.Series:
    """A column of strings with the dtype pandas itself infers for strings. When that is Arrow-backed
    (pandas 3), Arrow builds it straight from the list: pandas' own conversion checks every value in
    Python first (about 3× slower over 200k cells); the column is the same."""
    if isinstance(_STR, pd.StringDtype) and _STR.storage == "pyarrow":
        import pyarrow as pa

        return pd.Series(pa.array(values, type=pa.large_string()), dtype=_STR)
    return pd.Series(values, dtype=_STR)


_STR = pd.Series(["x"]).dtype  # str (Arrow) in pandas 3, object in pandas 2


_COLUMNS = (
    "report_id",
    "template",
    "table",
    "row",
    "column",
    "kind",
    "value",
    "num",
    "exp",
    "raw",
    "unit",
    "line",
    "col_type",
    "is_total",
    "table_found",
)


def cells_frame(reports: list[Report], templates: Templates) -> pd.DataFrame:
    """Built column by column from plain lists (one pass over the cells, the table definition's
    facts about a cell looked up once per table version and cell): the frame every table rule reads
    is built once per run, so its cost is paid by every run, whatever the rules."""
    cols: dict[str, list] = {name: [] for name in _COLUMNS}
    (rid_c, ver_c, tab_c, row_c, col_c, kind_c, val_c, num_c, exp_c, raw_c, unit_c, line_c, type_c, tot_c, found_c) = (
        cols[name] for name in _COLUMNS
    )
    meta: dict[tuple, tuple[str, bool]] = {}
    nan = float("nan")
    for r in reports:
        version = templates.version_of(r.template, r.year)
        rid = r.report_id
        for tkey, table in r.tables.items():
            tversion = table.version or version
            tdef = templates.versions[tversion].tables.get(tkey)
            found = table.found
            for (row, col), c in table.cells.items():
                key = (tversion, tkey, row, col)
                m = meta.get(key)
                if m is None:
                    m = meta[key] = _cell_meta(tdef, row, col)
                v = c.value
                if v is None:
                    num, exp, fv = None, 0, nan
                elif type(v) is int:  # the common case
                    num, exp, fv = v, 0, _as_float(v)
                else:
                    num, exp = exact_parts(v)
                    fv = _as_float(v)
                rid_c.append(rid)
                ver_c.append(version)
                tab_c.append(tkey)
                row_c.append(row)
                col_c.append(col)
                kind_c.append(c.kind)
                val_c.append(fv)
                num_c.append(num)
                exp_c.append(exp)
                raw_c.append(c.raw if c.raw is not None else "")
                unit_c.append(c.unit or "")
                line_c.append(c.line if c.line is not None else -1)
                type_c.append(m[0])
                tot_c.append(m[1])
                found_c.append(found)
    if not rid_c:
        return _empty_cells()
    data: dict[str, pd.Series] = {}
    for name in _COLUMNS:
        values = cols[name]
        if name == "value":
            data[name] = pd.Series(np.array(values, dtype="float64"))
        elif name == "num":  # the exact value: Python ints of any size (object dtype; pandas would
            data[name] = pd.Series(values, dtype=object)  # make ints with None floats)
        elif name in ("exp", "line"):
            data[name] = pd.Series(np.array(values, dtype="int64"))
        elif name in ("is_total", "table_found"):
            data[name] = pd.Series(np.array(values, dtype=bool))
        else:
            data[name] = _str_column(values)
    return CELLS_SCHEMA.validate(pd.DataFrame(data), lazy=True)


def _empty_cells() -> pd.DataFrame:
    """The frame of a run without any table (e.g. only reports outside the formats): nothing to
    validate, and pandera would judge the empty columns by dtype alone."""
    df = pd.DataFrame.from_records([], columns=[name for name in _COLUMNS if name != "num"])
    df = df.astype({"value": "float64", "line": "int64", "exp": "int64", "is_total": bool, "table_found": bool})
    df.insert(df.columns.get_loc("exp"), "num", pd.Series([], index=df.index, dtype=object))
    return df


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
