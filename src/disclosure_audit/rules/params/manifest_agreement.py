"""manifest_agreement: what the report says about itself vs the office's manifest."""

from __future__ import annotations

from ..registry import KindDecl, KindParams

KIND = KindDecl(
    name="manifest_agreement",
    params=KindParams,
    evaluator="disclosure_audit.rules.kinds.manifest_agreement:ManifestAgreement",
    doc="a manifest value that contradicts the report's own text",
)
