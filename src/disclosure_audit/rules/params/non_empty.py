"""non_empty: cells that hold no number (blank is not zero)."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams
from . import TableKey


class NonEmptyParams(KindParams):
    cells: Literal["totals", "others"]
    tables: tuple[TableKey, ...] = ("active", "requests", "appeals")
    # "missing" (no cell where the format has one) is the reader's finding, not a printed blank:
    # it is listed by EXT-CELLS / EXT-READ, not scored here unless a rule asks for it
    kinds: tuple[Literal["blank", "slash", "dash", "missing"], ...] = ("blank", "slash", "dash")


KIND = KindDecl(
    name="non_empty",
    params=NonEmptyParams,
    evaluator="disclosure_audit.rules.kinds.non_empty:NonEmpty",
    doc="cells that hold no number; one finding per report and table, every cell listed",
)
