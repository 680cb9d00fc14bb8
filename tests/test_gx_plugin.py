"""gx/plugin.py: the exported expectation returns every row its query returns (GX's own stops at
200), keeps `meta`, and imports nothing of ours (it is copied verbatim into the export)."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[1] / "src" / "disclosure_audit" / "gx" / "plugin.py"
QUERY = 'SELECT "id", "v" FROM {batch} WHERE "v" < 0 ORDER BY "id"'


@pytest.fixture(scope="module")
def validate(tmp_path_factory):
    """Run one expectation over a SQLite table of 300 rows, 250 of them negative, in an ephemeral
    GX context; returns the validation result's dict."""
    import great_expectations as gx

    db = tmp_path_factory.mktemp("plugin") / "t.sqlite"
    con = sqlite3.connect(db)
    con.execute('CREATE TABLE "t" ("id" INTEGER, "v" INTEGER)')
    con.executemany('INSERT INTO "t" VALUES (?, ?)', [(i, -1 if i < 250 else 1) for i in range(300)])
    con.commit()
    con.close()
    context = gx.get_context(mode="ephemeral")
    batch = (
        context.data_sources.add_sqlite("db", connection_string=f"sqlite:///{db}")
        .add_table_asset("t", table_name="t")
        .add_batch_definition_whole_table("all")
        .get_batch()
    )

    def run(expectation) -> dict:
        return batch.validate(expectation, result_format={"result_format": "COMPLETE"}).to_json_dict()

    return run


def test_all_failing_rows_are_returned_with_meta(validate):
    from disclosure_audit.gx.plugin import ExpectQueryToReturnNoRows

    res = validate(ExpectQueryToReturnNoRows(unexpected_rows_query=QUERY, meta={"rule_id": "X-1"}))
    assert res["success"] is False
    assert res["result"]["observed_value"] == 250
    rows = res["result"]["details"]["unexpected_rows"]
    assert [r["id"] for r in rows] == list(range(250))
    assert rows[0] == {"id": 0, "v": -1}
    assert res["expectation_config"]["meta"] == {"rule_id": "X-1"}
    assert res["expectation_config"]["type"] == "expect_query_to_return_no_rows"


def test_gx_own_expectation_stops_at_200(validate):
    """Why the plugin exists: the same query through GX's UnexpectedRowsExpectation."""
    import great_expectations as gx

    res = validate(gx.expectations.UnexpectedRowsExpectation(unexpected_rows_query=QUERY))
    assert res["result"]["observed_value"] == 250
    assert len(res["result"]["details"]["unexpected_rows"]) == 200


def test_passes_when_the_query_returns_nothing(validate):
    from disclosure_audit.gx.plugin import ExpectQueryToReturnNoRows

    res = validate(ExpectQueryToReturnNoRows(unexpected_rows_query='SELECT "id" FROM {batch} WHERE "v" > 5'))
    assert res["success"] is True
    assert res["result"]["details"]["unexpected_rows"] == []


def test_plugin_imports_only_great_expectations_and_the_stdlib():
    import sys

    names = set()
    for node in ast.walk(ast.parse(PLUGIN.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "a relative import would not survive the copy into the export"
            names.add((node.module or "").split(".")[0])
    assert names - {"great_expectations"} <= set(sys.stdlib_module_names) | {"__future__"}
