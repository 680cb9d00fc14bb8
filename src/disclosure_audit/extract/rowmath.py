"""The identities a table's format builds in (template data), applied by the reader to its own
reading: as constraints on how a glued digit run may be split, and as a self-check after reading.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from ..expr import parse, substitute
from ..model import Table
from ..templates import IdentityDef, TableDef
from .per_definition import PerDefinition
from .segment import Constraint


def _bindings(ident: IdentityDef) -> list[dict[str, str]]:
    if not ident.each:
        return [{}]
    names = sorted(ident.each)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(ident.each[n] for n in names))]


def _linear(ident: IdentityDef, b: dict[str, str], operands: list[str]) -> tuple[dict[str, int], Decimal]:
    """lhs − rhs as {key: coefficient} and a constant."""
    lhs, rhs = parse(substitute(ident.lhs, b)), parse(substitute(ident.rhs, b))
    coefs: dict[str, int] = {}
    for c, k in lhs.expand(operands):
        coefs[k] = coefs.get(k, 0) + c
    for c, k in rhs.expand(operands):
        coefs[k] = coefs.get(k, 0) - c
    return {k: c for k, c in coefs.items() if c}, lhs.const - rhs.const


def _row_constraints(tdef: TableDef) -> dict[str, tuple[Constraint, ...]]:
    out: dict[str, list[Constraint]] = {}
    for ident in tdef.identities:
        if ident.per != "row":
            continue
        for block in tdef.blocks:
            cols = [c.key for c in block.columns]
            for b in _bindings(ident):
                try:
                    coefs, const = _linear(ident, b, cols)
                except ValueError:
                    continue  # not this block's columns
                pos = tuple((cols.index(k), c) for k, c in coefs.items())
                for r in block.rows:
                    out.setdefault(r.key, []).append(Constraint(pos, const))
    return {k: tuple(v) for k, v in out.items()}


_constraints: PerDefinition[TableDef, dict[str, tuple[Constraint, ...]]] = PerDefinition(_row_constraints)


def row_constraints(tdef: TableDef) -> dict[str, tuple[Constraint, ...]]:
    return _constraints(tdef)


_Plan = list[tuple[list[tuple[str, list[tuple[str, str, int]]]], Decimal, IdentityDef, list, list]]
_PLANS: dict[int, tuple[TableDef, _Plan]] = {}


def _plan(tdef: TableDef) -> _Plan:
    """Each identity instance of the table as the cells it adds up: built once per table
    definition, because a crawler's glued table is self-checked thousands of times while its
    readings are weighed (`read_table._propagate`)."""
    hit = _PLANS.get(id(tdef))
    if hit is not None and hit[0] is tdef:
        return hit[1]
    plan: _Plan = []
    rows = list(tdef.rows)
    cols = list(tdef.columns)
    for ident in tdef.identities:
        operands, instances = (cols, rows) if ident.per == "row" else (rows, cols)
        for b in _bindings(ident):
            try:
                coefs, const = _linear(ident, b, operands)
                lhs = parse(substitute(ident.lhs, b)).expand(operands)
                rhs = parse(substitute(ident.rhs, b)).expand(operands)
            except ValueError:
                continue
            cells = [
                (inst, [((inst, k) if ident.per == "row" else (k, inst)) + (c,) for k, c in coefs.items()])
                for inst in instances
            ]
            plan.append((cells, const, ident, lhs, rhs))
    _PLANS[id(tdef)] = (tdef, plan)
    return plan


def self_check(table: Table, tdef: TableDef) -> list[str]:
    """Identities that fail on the reading, where every operand has a number, written with the
    table's own labels: ["自然人：一+二 ≠ （七）+四"]. Instances with a blank or ambiguous operand
    are skipped."""
    out: list[str] = []
    got = table.cells.get
    for cells, const, ident, lhs, rhs in _plan(tdef):
        for inst, terms in cells:
            total = const
            ok = True
            for row, col, c in terms:
                cell = got((row, col))
                if cell is None or cell.value is None:
                    ok = False
                    break
                total += c * Decimal(cell.value)
            if ok and total != 0:
                other = "column" if ident.per == "row" else "row"
                out.append(f"{_label(tdef, inst, ident.per)}：{_side(tdef, lhs, other)} ≠ {_side(tdef, rhs, other)}")
    return out


def _side(tdef: TableDef, terms: list[tuple[int, str]], per: str) -> str:
    if len(terms) > 6:
        return f"{_label(tdef, terms[0][1], per)}…{_label(tdef, terms[-1][1], per)}之和"
    parts = []
    for i, (c, k) in enumerate(terms):
        sign = "-" if c < 0 else ("+" if i else "")
        parts.append(sign + _label(tdef, k, per))
    return "".join(parts)


def _label(tdef: TableDef, key: str, per: str) -> str:
    if per == "row":
        r = tdef.rows.get(key)
        return (r.short or r.label) if r else key
    c = tdef.columns.get(key)
    return c.display if c else key
