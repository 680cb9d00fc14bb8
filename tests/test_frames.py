"""The stacked cell frame every table rule reads (core.frames.cells_frame): one row per cell with
its exact value, and the same columns and dtypes whether or not any report has a table."""

from __future__ import annotations

import math

import pandas as pd

from disclosure_audit.core.frames import cells_frame
from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
COLUMNS = [
    "report_id", "template", "table", "row", "column", "kind", "value", "num", "exp", "raw", "unit", "line",
    "col_type", "is_total", "table_found",
]  # fmt: skip


def _report(rid: str, tables: dict):
    r = report_from_dict({"template": "2021", "paragraphs": [], "tables": tables}, TEMPLATES)
    r.report_id = rid
    return r


def test_a_number_a_blank_and_a_slash_keep_their_kinds_and_exact_values():
    reports = [
        _report("a", {"requests": {"new": {"total": "12", "natural": ""}, "carried_over": {"total": "/"}}}),
        _report("b", {"requests": {"new": {"total": "0"}}}),
    ]
    df = cells_frame(reports, TEMPLATES).set_index(["report_id", "row", "column"])
    new = df.loc[("a", "new", "total")]
    assert (new["kind"], new["value"], new["num"], new["exp"], new["raw"]) == ("number", 12.0, 12, 0, "12")
    assert type(new["num"]) is int and new["table"] == "requests" and new["template"] == "2021"
    assert bool(new["is_total"]) and new["col_type"] == "count"
    blank = df.loc[("a", "new", "natural")]
    assert blank["kind"] == "blank" and math.isnan(blank["value"]) and blank["num"] is None
    assert not bool(blank["is_total"])
    assert df.loc[("a", "carried_over", "total"), "kind"] == "slash"
    zero = df.loc[("b", "new", "total")]  # zero is a number, not a blank
    assert (zero["kind"], zero["value"], zero["num"]) == ("number", 0.0, 0)


def test_columns_and_dtypes_are_the_same_with_and_without_tables():
    full = cells_frame([_report("a", {"requests": {"new": {"total": "3"}}})], TEMPLATES)
    empty = cells_frame([], TEMPLATES)
    assert list(full.columns) == COLUMNS and list(empty.columns) == COLUMNS
    assert empty.empty
    for frame in (full, empty):
        assert frame["value"].dtype == "float64" and frame["num"].dtype == object
        assert frame["exp"].dtype == "int64" and frame["line"].dtype == "int64"
    assert full["is_total"].dtype == bool and full["table_found"].dtype == bool
    string = pd.Series(["x"]).dtype  # the dtype pandas gives strings (Arrow-backed str in pandas 3)
    assert all(full[c].dtype == string for c in ("report_id", "table", "row", "column", "kind", "raw", "unit"))
