"""extraction: what the reader saw but could not map onto the format."""

from __future__ import annotations

from ..registry import KindDecl, KindParams


class ExtractionParams(KindParams):
    codes: tuple[str, ...] = ("surplus-cells", "missing-cells", "unmapped-label", "orphan-cell", "duplicate-row")


KIND = KindDecl(
    name="extraction",
    params=ExtractionParams,
    evaluator="disclosure_audit.rules.kinds.extraction:Extraction",
    doc="what the reader saw but could not map onto the format",
)
