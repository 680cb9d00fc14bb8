"""prose_checks: what reviewers check by hand in the prose (sections 五/六, enumerations, doubled
words, a stated total against its own breakdown)."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams


class ProseParams(KindParams):
    check: Literal["problems_section", "fee_note", "enumeration", "repeated_words", "stated_sum"]


KIND = KindDecl(
    name="prose_checks",
    params=ProseParams,
    evaluator="disclosure_audit.rules.kinds.prose_checks:ProseChecks",
    doc="what reviewers check by hand in the prose: sections 五/六, enumerations, doubled words, stated sums",
)
