"""money_unit: unit checks on money cells, one params model per `check`."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from ..registry import KindDecl, KindParams, Modes


class Missing(KindParams):
    check: Literal["missing"]  # a money cell with no unit in the cell, the header or the format


class Conflict(KindParams):
    check: Literal["conflict"]  # the cell's unit contradicts the header's


class Fixed(KindParams):
    check: Literal["fixed"]  # a unit other than the one the format fixes


class Normalised(KindParams):
    check: Literal["normalised"]  # a unit other than 万元, normalised (info)


class Magnitude(KindParams):
    check: Literal["magnitude"]
    per_item_range_wan: tuple[Decimal, Decimal] = (Decimal("0.1"), Decimal(20000))  # plausible 万元 per item
    item_count: dict[str, str] = Field(default_factory=dict)  # money row → count column of the same row


KIND = KindDecl(
    name="money_unit",
    params=Modes("check", Missing, Conflict, Fixed, Normalised, Magnitude),
    evaluator="disclosure_audit.rules.kinds.money_unit:MoneyUnit",
    doc="unit checks on money columns (type: money in the template)",
)
