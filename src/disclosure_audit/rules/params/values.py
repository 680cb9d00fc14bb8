"""values: registered checks over number cells, run as one pandera validation."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams
from . import TableKey


class ValuesParams(KindParams):
    check: Literal["non_negative", "integer", "numeric", "no_suffix"]  # a registered check (same keys for all)
    types: tuple[Literal["count", "signed_count", "money"], ...] = ("count",)
    tables: tuple[TableKey, ...] = ("active", "requests", "appeals")
    aggregate: bool = False


KIND = KindDecl(
    name="values",
    params=ValuesParams,
    evaluator="disclosure_audit.rules.kinds.values:Values",
    doc="number cells of the given column types must satisfy a registered check",
)
