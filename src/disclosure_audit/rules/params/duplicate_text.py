"""duplicate_text: a paragraph repeated inside one report."""

from __future__ import annotations

from ..registry import KindDecl, KindParams


class DupParams(KindParams):
    min_chars: int = 20
    similarity: float = 0.9


KIND = KindDecl(
    name="duplicate_text",
    params=DupParams,
    evaluator="disclosure_audit.rules.kinds.duplicate_text:DuplicateText",
    doc="a paragraph that repeats an earlier paragraph of the same report",
)
