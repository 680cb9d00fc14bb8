"""cross_year: this year's figures against the same agency's report for the year before."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from ...expr import ExprError, parse
from ..registry import KindDecl, KindParams, ParamError
from . import TableKey


class CrossYearParams(KindParams):
    table: TableKey
    per: Literal["column", "row"]
    over: Literal["all"] | tuple[str, ...] = "all"
    this: str  # over this year's table, in its own format version
    last: str  # over last year's table, in its own format version (which may differ)
    op: Literal["=", "<=", ">="] = "="
    tolerance: Decimal = Field(Decimal(0), ge=0)

    def check_params(self, spec, templates, rules_dir) -> None:
        for v in spec.applies_to.templates:
            tdef = templates.versions[v].tables[self.table]
            operands = list(tdef.rows) if self.per == "column" else list(tdef.columns)
            instances = list(tdef.columns) if self.per == "column" else list(tdef.rows)
            for key in ("this", "last"):
                try:
                    parse(getattr(self, key)).expand(operands)
                except ExprError as exc:
                    raise ParamError(key, f"format {v}: {exc}") from exc
            if self.over != "all" and (bad := [k for k in self.over if k not in instances]):
                raise ParamError("over", f"format {v}: unknown keys {bad}")


KIND = KindDecl(
    name="cross_year",
    params=CrossYearParams,
    evaluator="disclosure_audit.rules.kinds.cross_year:CrossYear",
    doc="this year's figures against last year's report of the same agency, across format versions",
)
