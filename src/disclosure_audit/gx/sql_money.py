"""money_unit rules as SQL: the unit checks on money cells (number cells of columns of type money)
of rules/kinds/money_unit.py, one mode per `check`.

The effective unit is the cell's own, else the header's, else the one the format fixes
(`effective_unit`). The magnitude check's decision — is value × TO_WAN[unit] ÷ items inside
[lo, hi] 万元 per item? — is written in exact integer arithmetic over `scaled`: each bound
becomes `items × P ≤ value × Q` (or the reverse) with P/Q the bound divided by the unit's factor
in lowest terms, compared by `sql.le_products` without any product beyond 64 bits.

Where SQL cannot decide, it does not flag (never a wrong 'failed'; the GX engine falls back to
the default engine for such cells): the amount or the item count has `scaled` IS NULL; or the
effective unit is not one of TO_WAN's (the engine has no factor for it either).
"""

from __future__ import annotations

from fractions import Fraction

from ..rules.kinds.money_unit import TO_WAN
from ..rules.loader import LoadedRule
from ..rules.params.money_unit import Conflict, Fixed, Magnitude, Missing, Normalised
from ..templates import Templates
from .checks import CELL_ROWS, SqlCheck
from .compile import meta, sql_compiler
from .sql import NotExportable, col, fits_le_products, le_products, lit, lits, q, scope
from .sql_cells import cell_checks


def _nz(alias: str | None, name: str) -> str:
    return f"COALESCE({col(alias, name)}, '')"


def effective_unit(alias: str | None = None) -> str:
    """The effective unit as SQL ('' when there is none)."""
    unit, header, fixed = _nz(alias, "unit"), _nz(alias, "header_unit"), _nz(alias, "format_unit")
    return f"CASE WHEN {unit} <> '' THEN {unit} WHEN {header} <> '' THEN {header} ELSE {fixed} END"


MONEY = [f"{q('col_type')} = 'money'", f"{q('kind')} = 'number'"]


@sql_compiler("money_unit")
def compile_money_unit(rule: LoadedRule, templates: Templates) -> list[SqlCheck]:
    p = rule.params
    unit, header, fixed = _nz(None, "unit"), _nz(None, "header_unit"), _nz(None, "format_unit")
    if isinstance(p, Missing):
        cond, what = f"{effective_unit()} = ''", "money cells with no unit in the cell, the header or the format"
    elif isinstance(p, Conflict):
        cond = f"{unit} <> '' AND {header} <> '' AND {unit} <> {header}"
        what = "money cells whose own unit contradicts the header's"
    elif isinstance(p, Fixed):
        cond = f"{fixed} <> '' AND (({unit} <> '' AND {unit} <> {fixed}) OR ({header} <> '' AND {header} <> {fixed}))"
        what = "money cells in a unit other than the one the format fixes"
    elif isinstance(p, Normalised):
        cond = f"{unit} IN ({lits([u for u in TO_WAN if u != '万元'])})"
        what = "money cells written in a unit other than 万元 (normalised)"
    elif isinstance(p, Magnitude):
        return _magnitude(rule, p, templates)
    else:  # pragma: no cover - the Modes union has no other member
        raise NotExportable(f"金额单位检查“{p}”没有 SQL 形式", f"money unit check {p!r} has no SQL form")
    return cell_checks(rule, templates, [*MONEY, f"({cond})"], what)


def _plausible(p: Magnitude, u: str, v: str, n: str) -> str:
    """lo ≤ v·TO_WAN[u]/n ≤ hi for v, n > 0 (v the amount's and n the item count's `scaled`, whose
    common scale cancels), exactly."""
    lo, hi = (Fraction(b) / Fraction(TO_WAN[u]) for b in p.per_item_range_wan)
    for b in (lo, hi):
        if not fits_le_products(b.numerator, b.denominator):
            raise NotExportable(
                "每项金额区间的端点无法在64位整数上精确比较",
                "a bound of per_item_range_wan cannot be compared exactly in 64-bit integers",
            )
    # lo ≤ v·w/n ⇔ n·lo/w ≤ v ⇔ n·P ≤ v·Q;  v·w/n ≤ hi ⇔ v ≤ n·hi/w ⇔ v·Q' ≤ n·P'
    low = le_products(n, lo.numerator, v, lo.denominator)
    high = le_products(v, hi.denominator, n, hi.numerator)
    return f"({low} AND {high})"


def _magnitude(rule: LoadedRule, p: Magnitude, templates: Templates) -> list[SqlCheck]:
    lo, hi = p.per_item_range_wan
    if lo <= 0 or hi <= 0:
        raise NotExportable(
            "每项金额区间须为正数才能导出为精确的 SQL", "per_item_range_wan must be positive for the exact SQL form"
        )
    m, n = "m", "n"
    v, cnt = col("c", "v"), col("c", "n")
    eff = col("c", "eff")
    plaus = {u: _plausible(p, u, v, cnt) for u in TO_WAN}
    # the stated unit, or 万元 when there is none (as the engine reads an amount without a unit)
    stated = " OR ".join(f"({eff} IN ({lits([u, ''] if u == '万元' else [u])}) AND {plaus[u]})" for u in TO_WAN)
    decide = f"{eff} IN ({lits(['', *TO_WAN])})\n  AND NOT ({stated})\n  AND ({plaus['元']} OR {plaus['万元']})"
    rows = list(p.item_count)
    if rows:
        count_col = (
            "CASE " + col(m, "row_key") + "".join(f" WHEN {lit(r)} THEN {lit(p.item_count[r])}" for r in rows) + " END"
        )
        join_on = " AND ".join(
            [
                f"{col(n, 'report_id')} = {col(m, 'report_id')}",
                f"{col(n, 'table_key')} = {col(m, 'table_key')}",
                f"{col(n, 'row_key')} = {col(m, 'row_key')}",
                f"{col(n, 'column_key')} = {count_col}",
            ]
        )
        row_cond = f"{col(m, 'row_key')} IN ({lits(rows)})"
    else:  # no money row has an item count: the check never applies
        join_on = f"{col(n, 'fact_id')} = {col(m, 'fact_id')}"
        row_cond = "1 = 0"
    out = []
    for version in sorted(templates.versions):
        where = " AND ".join(
            [
                *scope(rule, version, m),
                f"{col(m, 'col_type')} = 'money'",
                f"{col(m, 'kind')} = 'number'",
                row_cond,
                f"{col(m, 'scaled')} > 0",
                f"{col(n, 'kind')} = 'number'",
                f"{col(n, 'scaled')} > 0",
            ]
        )
        keys = ", ".join(f"{col(m, k)} AS {q(k)}" for k in (*CELL_ROWS, "fact_id"))
        query = (
            f"WITH {q('c')} AS (\n"
            f"  SELECT {keys}, {col(m, 'scaled')} AS {q('v')}, {col(n, 'scaled')} AS {q('n')},"
            f" {effective_unit(m)} AS {q('eff')}\n"
            f"  FROM {{batch}} AS {q(m)} JOIN {{batch}} AS {q(n)} ON {join_on}\n"
            f"  WHERE {where}\n"
            ")\n"
            f"SELECT {', '.join(col('c', k) for k in CELL_ROWS)} FROM {q('c')}\n"
            f"WHERE {decide}\n"
            f"ORDER BY {col('c', 'fact_id')}"
        )
        out.append(
            SqlCheck(
                rule.spec.id,
                "money_unit",
                version,
                "failed",
                query,
                CELL_ROWS,
                meta=meta(rule, version, "failed", CELL_ROWS),
                description=f"{rule.spec.id}: amounts implausible per item in their stated unit but plausible "
                f"in 元 or 万元 (format {version})",
            )
        )
    return out
