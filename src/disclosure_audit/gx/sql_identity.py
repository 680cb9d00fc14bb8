"""identity rules as SQL: `lhs op rhs` per column or per row, one pair of queries per format
version and binding of `each`.

The same semantics as rules/kinds/identity.py:
- instances are the (report, column or row) pairs present in the facts for the rule's table, read
  with the version, among the rule's instances (`over`), for reports in the rule's scope;
- an instance with an operand that has no fact row or is not a number is not evaluable, one row
  per such operand; otherwise it fails when the exact difference exceeds the tolerance
  (|lhs − rhs| > tol for '=', lhs − rhs > tol for '<=', rhs − lhs > tol for '>=');
- constants in lhs/rhs (`expr.parse`) and the tolerance are exact, at the scale of `scaled`.

Arithmetic is on `scaled` (value × 10**6, a 64-bit integer). Two kinds of number cell cannot be
added there: `scaled` IS NULL (not representable: more than 6 decimals, or beyond 64 bits), and
|scaled| above the rule's `limit` (so large that the instance's sum could overflow 64 bits). Either
makes the instance not evaluable in SQL, its operand row listed with `operand_kind` = 'number'
(never a wrong 'failed'): the default engine, exact at any size, would decide such an instance, so
a consumer that wants its verdict falls back to the engine for these rows (the GX engine does).
"""

from __future__ import annotations

from collections import defaultdict

from ..expr import ExprError, parse, substitute
from ..rules.loader import LoadedRule
from ..rules.params.identity import IdentityParams
from ..rules.registry import ParamError
from ..templates import Templates
from .checks import IDENTITY_FAILED, IDENTITY_NOT_EVALUABLE, SqlCheck
from .compile import meta, sql_compiler
from .sql import BIGINT_MAX, NotExportable, lit, lits, q, scaled_const, scope


@sql_compiler("identity")
def compile_identity(rule: LoadedRule, templates: Templates) -> list[SqlCheck]:
    p = rule.params
    assert isinstance(p, IdentityParams)
    out: list[SqlCheck] = []
    applies = set(rule.spec.applies_to.templates)
    tol = scaled_const(p.tolerance, "容差 tolerance")
    for version in sorted(templates.versions):
        tdef = templates.versions[version].tables.get(p.table)
        if tdef is None:
            continue
        try:
            operands, instances = p.keys(tdef)
            forms = [_form(p, b, operands) for b in p.bindings()]
        except (ExprError, ParamError):
            if version in applies:
                raise
            # the rule names keys this version's table lacks: only a report of another version
            # whose table was read with this one could reach it, and the engine cannot evaluate
            # the rule there either
            continue
        for i, (b, (ops, const)) in enumerate(zip(p.bindings(), forms, strict=True)):
            if not ops:
                raise NotExportable("等式两边都没有运算数", "neither side names an operand")
            weight = max(1, sum(abs(c) for _, c in ops))
            limit = (BIGINT_MAX - abs(const) - tol) // weight
            if limit <= 0:
                raise NotExportable(
                    "常数或容差过大，无法在64位整数上精确计算", "constant or tolerance too large for 64 bits"
                )
            head = _ctes(rule, version, instances, ops, limit)
            d = f"SUM({q('coef')} * {q('v')}) + {const}"
            bad = {"=": f"ABS({d}) > {tol}", "<=": f"{d} > {tol}", ">=": f"{d} < {-tol}"}[p.op]
            failed = (
                f"{head}\nSELECT {q('report_id')}, {q('instance')} FROM {q('cell')}\n"
                f"GROUP BY {q('report_id')}, {q('instance')}, {q('first_fact')}\n"
                f"HAVING COUNT({q('v')}) = COUNT(*) AND {bad}\n"
                f"ORDER BY {q('first_fact')}"
            )
            not_eval = (
                f"{head}\nSELECT {q('report_id')}, {q('instance')}, {q('operand')}, {q('operand_kind')}"
                f" FROM {q('cell')}\n"
                f"WHERE {q('v')} IS NULL\n"
                f"ORDER BY {q('first_fact')}, {q('pos')}"
            )
            inst_word = "column" if p.per == "column" else "row"
            out.append(
                SqlCheck(
                    rule.spec.id,
                    "identity",
                    version,
                    "failed",
                    failed,
                    IDENTITY_FAILED,
                    binding=i,
                    meta=meta(rule, version, "failed", IDENTITY_FAILED, b),
                    description=f"{rule.spec.id}: each {inst_word} of table {p.table} where "
                    f"{substitute(p.lhs, b)} {p.op} {substitute(p.rhs, b)} does not hold (format {version})",
                )
            )
            out.append(
                SqlCheck(
                    rule.spec.id,
                    "identity",
                    version,
                    "not_evaluable",
                    not_eval,
                    IDENTITY_NOT_EVALUABLE,
                    binding=i,
                    meta=meta(rule, version, "not_evaluable", IDENTITY_NOT_EVALUABLE, b),
                    description=f"{rule.spec.id}: operands that make a {inst_word} of table {p.table} not "
                    f"evaluable (blank, missing or not exactly representable; format {version}) - not failures",
                )
            )
    return out


def _form(p: IdentityParams, binding: dict[str, str], operands: list[str]) -> tuple[list[tuple[str, int]], int]:
    """(operand key → net coefficient of lhs − rhs, in the order the engine lists operands; the
    constant of lhs − rhs at the scale of `scaled`). A key written twice keeps one operand row (its
    coefficients added, possibly to 0): it must still be present for the instance to be evaluable."""
    lhs_lin, rhs_lin = parse(substitute(p.lhs, binding)), parse(substitute(p.rhs, binding))
    lhs, rhs = lhs_lin.expand(operands), rhs_lin.expand(operands)
    coef: dict[str, int] = defaultdict(int)
    for c, k in lhs:
        coef[k] += c
    for c, k in rhs:
        coef[k] -= c
    keys = list(dict.fromkeys(k for _, k in lhs + rhs))
    const = scaled_const(lhs_lin.const, "常数 constant") - scaled_const(rhs_lin.const, "常数 constant")
    return [(k, coef[k]) for k in keys], const


def _ctes(rule: LoadedRule, version: str, instances: list[str], ops: list[tuple[str, int]], limit: int) -> str:
    """sel: the table's cells at the rule's instances, one scan of the facts; inst: the instances
    present; ops: the operands; cell: one row per instance and operand, with `v` the operand's
    scaled value when it can be added exactly, else NULL and `operand_kind` saying why ('missing'
    for no row, the cell's kind, or 'number' for a figure SQL cannot add exactly). `sel` is read
    twice, so both SQLite and PostgreSQL materialise it (and SQLite indexes it for the join)."""
    p = rule.params
    inst_col, op_col = ("column_key", "row_key") if p.per == "column" else ("row_key", "column_key")
    where = " AND ".join(
        [
            f"{q('table_key')} = {lit(p.table)}",
            *scope(rule, version),
            f"{q(inst_col)} IN ({lits(instances)})",
        ]
    )
    values = ", ".join(f"({lit(k)}, {i}, {c})" for i, (k, c) in enumerate(ops, 1))
    f, i, o = q("f"), q("inst"), q("ops")
    return (
        f"WITH {q('sel')} AS (\n"
        f"  SELECT {q('report_id')}, {q(inst_col)} AS {q('instance')}, {q(op_col)} AS {q('operand')},"
        f" {q('kind')}, {q('scaled')}, {q('fact_id')}\n"
        f"  FROM {{batch}}\n"
        f"  WHERE {where}\n"
        f"), {i} AS (\n"
        f"  SELECT {q('report_id')}, {q('instance')}, MIN({q('fact_id')}) AS {q('first_fact')}\n"
        f"  FROM {q('sel')} GROUP BY {q('report_id')}, {q('instance')}\n"
        f"), {o} ({q('operand')}, {q('pos')}, {q('coef')}) AS (VALUES {values}),\n"
        f"{q('cell')} AS (\n"
        f"  SELECT {i}.{q('report_id')} AS {q('report_id')}, {i}.{q('instance')} AS {q('instance')},"
        f" {i}.{q('first_fact')} AS {q('first_fact')},\n"
        f"    {o}.{q('operand')} AS {q('operand')}, {o}.{q('pos')} AS {q('pos')}, {o}.{q('coef')} AS {q('coef')},\n"
        f"    CASE WHEN {f}.{q('kind')} = 'number' AND {f}.{q('scaled')} BETWEEN {-limit} AND {limit}"
        f" THEN {f}.{q('scaled')} END AS {q('v')},\n"
        f"    COALESCE({f}.{q('kind')}, 'missing') AS {q('operand_kind')}\n"
        f"  FROM {i} CROSS JOIN {o}\n"
        f"  LEFT JOIN {q('sel')} AS {f} ON {f}.{q('report_id')} = {i}.{q('report_id')}"
        f" AND {f}.{q('instance')} = {i}.{q('instance')} AND {f}.{q('operand')} = {o}.{q('operand')}\n"
        ")"
    )
