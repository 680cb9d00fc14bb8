"""fee_claims: fee statements in the text against the tables' fee cells."""

from __future__ import annotations

from ..registry import KindDecl, KindParams


class FeeParams(KindParams):
    pass


KIND = KindDecl(
    name="fee_claims",
    params=FeeParams,
    evaluator="disclosure_audit.rules.kinds.fee_claims:FeeClaims",
    doc="fee statements in the text (行政事业性收费, 收费通知) against 表二 本年收费金额 and 表三 （六）2",
)
