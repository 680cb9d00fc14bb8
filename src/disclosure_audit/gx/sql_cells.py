"""Cell-by-cell rules as SQL: non_empty (cells holding no number) and values (the named checks of
rules/kinds/values.py, whose SQL forms sit next to them as `SQL_CHECKS`).

One query per format version returning the flagged cells (report_id, table_key, row_key,
column_key) — the cells the engine lists in its findings, whether it groups them per report and
table (non_empty, values with `aggregate`) or not.
"""

from __future__ import annotations

from ..rules.kinds.values import CHECKS, SQL_CHECKS
from ..rules.loader import LoadedRule
from ..rules.params.non_empty import NonEmptyParams
from ..rules.params.values import ValuesParams
from ..templates import Templates
from .checks import CELL_ROWS, SqlCheck
from .compile import meta, sql_compiler
from .sql import NotExportable, lits, q, scope


def cell_query(conditions: list[str]) -> str:
    cols = ", ".join(q(c) for c in CELL_ROWS)
    where = "\n  AND ".join(conditions)
    return f"SELECT {cols}\nFROM {{batch}}\nWHERE {where}\nORDER BY {q('fact_id')}"


def cell_checks(rule: LoadedRule, templates: Templates, conditions: list[str], what: str) -> list[SqlCheck]:
    """One failed-rows check per format version (the version the table was read with: a report of
    one version may hold a table read with the other)."""
    return [
        SqlCheck(
            rule.spec.id,
            rule.spec.kind,
            v,
            "failed",
            cell_query([*scope(rule, v), *conditions]),
            CELL_ROWS,
            meta=meta(rule, v, "failed", CELL_ROWS),
            description=f"{rule.spec.id}: {what} (format {v})",
        )
        for v in sorted(templates.versions)
    ]


@sql_compiler("non_empty")
def compile_non_empty(rule: LoadedRule, templates: Templates) -> list[SqlCheck]:
    p = rule.params
    assert isinstance(p, NonEmptyParams)
    conditions = [
        f"{q('table_key')} IN ({lits(p.tables)})",
        f"{q('kind')} IN ({lits(p.kinds)})",
        f"{q('table_found')} = 1",
        f"{q('is_total')} = {1 if p.cells == 'totals' else 0}",
    ]
    which = "total" if p.cells == "totals" else "non-total"
    return cell_checks(rule, templates, conditions, f"{which} cells that hold {'/'.join(p.kinds)} instead of a number")


@sql_compiler("values")
def compile_values(rule: LoadedRule, templates: Templates) -> list[SqlCheck]:
    p = rule.params
    assert isinstance(p, ValuesParams)
    if p.check not in SQL_CHECKS:
        raise NotExportable(f"取值检查“{p.check}”没有 SQL 形式", f"value check '{p.check}' has no SQL form")
    conditions = [
        f"{q('table_key')} IN ({lits(p.tables)})",
        f"{q('col_type')} IN ({lits(p.types)})",
        f"({SQL_CHECKS[p.check]})",
    ]
    return cell_checks(
        rule, templates, conditions, f"cells of type {'/'.join(p.types)} that fail: {CHECKS[p.check][0]}"
    )
