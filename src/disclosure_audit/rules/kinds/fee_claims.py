"""Fee statements in the prose against the one table cell each speaks of (`rules/prose/fees.py`
says which statement goes with which fee, and why the two fees are never mixed).

A claim is checked only against a cell with a number read as printed: a blank, ambiguous or
reconstructed cell gives no finding (the blank is BLANK-*'s, the reading is for review).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Cell
from ..params.fee_claims import FeeParams
from ..prose.fees import fee_claims
from ..registry import RuleKind
from ._common import cell_ref, fmt
from ._narrative_text import sentences


def _number(c: Cell) -> Decimal | None:
    if c.kind != "number" or c.reading is not None or c.value is None:
        return None
    return Decimal(c.value)


class FeeClaims(RuleKind):
    params: FeeParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            r = ctx.reports[rid]
            fees = r.table("active").cell("fees", "amount")
            lapsed = r.table("requests").cell("other.2", "total")
            for para in r.paragraphs:
                for _, s in sentences(para.text):
                    for claim in fee_claims(s):
                        if claim.kind in ("admin_none", "admin_amount"):
                            have = _number(fees)
                            if have is None:
                                continue
                            said = Decimal(0) if claim.kind == "admin_none" else claim.amount_wan
                            if said is None or said == have:
                                continue
                            cell = cell_ref(ctx, rid, "active", "fees", "amount", fees)
                            label = "表二 行政事业性收费 本年收费金额（万元）"
                            table, row, col = "active", "fees", "amount"
                        else:
                            have = _number(lapsed)
                            if have is None or have == 0:
                                continue
                            said = Decimal(0)
                            cell = cell_ref(ctx, rid, "requests", "other.2", "total", lapsed)
                            label = "表三（六）2 逾期未按收费通知要求缴纳费用 总计"
                            table, row, col = "requests", "other.2", "total"
                        yield Hit(
                            report_id=rid,
                            section=para.section,
                            table=table,
                            row=row,
                            column=col,
                            raw=s.strip(),
                            line=para.line,
                            expected=fmt(have),
                            found=claim.phrase,
                            arithmetic=f"{label} = {fmt(have)}; 正文“{claim.phrase}” → {fmt(said)}",
                            cells=[cell],
                            params={
                                "phrase": claim.phrase,
                                "label": label,
                                "cell_value": fmt(have),
                                "sentence": s.strip()[:80],
                            },
                        )
