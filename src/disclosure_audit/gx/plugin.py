"""A Great Expectations expectation that returns every row its SQL query returns.

This module is self-contained on purpose: it imports only great_expectations and the standard
library, and `disclosure-audit export gx` copies it verbatim next to the exported suites, so a data
team runs the exported checkpoint with GX alone.

Why not GX's own `UnexpectedRowsExpectation`: its metric fetches at most 200 rows
(`MAX_RESULT_RECORDS`), and an audit must list every failing cell of every report. The metric here
is GX's `QueryTable` with `fetch_all` always on; the expectation is `UnexpectedRowsExpectation`
with that metric in place of the capped one, so suites, checkpoints, `meta`, `severity` and
`description` behave exactly as GX documents them. Success means the query returned no row.

Usage: `import disclosure_audit_gx_plugin` (the exported copy's name) before loading a context,
then `ExpectQueryToReturnNoRows(unexpected_rows_query="SELECT ... FROM {batch} ...", meta={...})`.
"""

from __future__ import annotations

from typing import Any, ClassVar, Union

from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.core.result_format import ResultFormat
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.core.unexpected_rows_expectation import UnexpectedRowsExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metrics.query_table.query_table import QueryTable

ALL_ROWS_METRIC = "disclosure_audit_query.all_rows"


class AllRowsQueryTable(QueryTable):
    """`unexpected_rows_query.table` without the 200-row cap."""

    metric_name = ALL_ROWS_METRIC
    value_keys = ("unexpected_rows_query",)
    query_param_name: ClassVar[str] = "unexpected_rows_query"

    @metric_value(engine=SqlAlchemyExecutionEngine)
    def _sqlalchemy(
        cls,
        execution_engine: SqlAlchemyExecutionEngine,
        metric_domain_kwargs: dict,
        metric_value_kwargs: dict,
        metrics: dict[str, Any],
        runtime_configuration: dict,
    ) -> list[dict]:
        batch_selectable, _, _ = execution_engine.get_compute_domain(
            metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE
        )
        query = cls._get_substituted_batch_subquery_from_query_and_batch_selectable(
            query=cls._get_query_from_metric_value_kwargs(metric_value_kwargs),
            batch_selectable=batch_selectable,
            execution_engine=execution_engine,
        )
        return cls._get_sqlalchemy_records_from_substituted_batch_subquery(
            substituted_batch_subquery=query, execution_engine=execution_engine, fetch_all=True
        )


class ExpectQueryToReturnNoRows(UnexpectedRowsExpectation):
    """Fails when `unexpected_rows_query` returns rows, and reports all of them (COMPLETE result
    format: `result.details.unexpected_rows`; other formats: the count only)."""

    metric_dependencies: ClassVar[tuple[str, ...]] = (
        ALL_ROWS_METRIC,
        "unexpected_rows_query.row_count",
    )

    def _validate(
        self,
        metrics: dict,
        runtime_configuration: dict | None = None,
        execution_engine: Any = None,
    ) -> Union[dict, Any]:  # noqa: UP007 - GX's own signature
        result_format = self._get_result_format(runtime_configuration=runtime_configuration)
        if isinstance(result_format, dict):
            result_format = result_format.get("result_format", ResultFormat.SUMMARY)
        rows = metrics[ALL_ROWS_METRIC]
        count = metrics["unexpected_rows_query.row_count"]
        success = count == 0
        if result_format == ResultFormat.BOOLEAN_ONLY:
            return {"success": success}
        result: dict[str, Any] = {"observed_value": count}
        if result_format == ResultFormat.COMPLETE:
            result["details"] = {"unexpected_rows": rows}
        return {"success": success, "result": result}
