"""identity: lhs op rhs per column or per row of one table."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...expr import ExprError, parse, substitute
from ..registry import KindDecl, KindParams, ParamError
from . import TableKey

if TYPE_CHECKING:
    from ...templates import TableDef


class IdentityParams(KindParams):
    table: TableKey
    per: Literal["column", "row"]  # column: check each column, operands are rows; row: the transpose
    over: Literal["all"] | tuple[str, ...] = "all"
    lhs: str
    rhs: str
    op: Literal["=", "<=", ">="] = "="
    tolerance: Decimal = Field(Decimal(0), ge=0)  # applied exactly: |lhs − rhs| ≤ tolerance passes
    each: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def bindings(self) -> list[dict[str, str]]:
        if not self.each:
            return [{}]
        names = sorted(self.each)
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(self.each[n] for n in names))]

    def keys(self, tdef: TableDef) -> tuple[list[str], list[str]]:
        """(operand keys, instance keys) of the table in one format version."""
        rows, cols = list(tdef.rows), list(tdef.columns)
        operands, instances = (rows, cols) if self.per == "column" else (cols, rows)
        if self.over != "all":
            for k in self.over:
                if k not in instances:
                    raise ParamError(
                        "over", f"'{k}' is not a {'column' if self.per == 'column' else 'row'} of {tdef.key}"
                    )
            instances = list(self.over)
        return operands, instances

    def check_params(self, spec, templates, rules_dir) -> None:
        for v in spec.applies_to.templates:
            tdef = templates.versions[v].tables[self.table]
            operands, _ = self.keys(tdef)
            for b in self.bindings():
                for key, side in (("lhs", self.lhs), ("rhs", self.rhs)):
                    try:
                        parse(substitute(side, b)).expand(operands)
                    except ExprError as exc:
                        raise ParamError(key, f"format {v}: '{side}': {exc}") from exc


KIND = KindDecl(
    name="identity",
    params=IdentityParams,
    evaluator="disclosure_audit.rules.kinds.identity:Identity",
    doc="lhs op rhs for each instance (column or row) of a table; blank operand → not evaluable",
)
