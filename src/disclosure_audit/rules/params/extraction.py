"""extraction: what the reader saw but could not map onto the format.

A finding's message names where (`{place}` / `{place_en}`): the table (表四 / Table 4) when the
problem is in one, else `file_place` / `file_place_en` (a lost page, list numbers Word could not
render: the problem's own text names the page or paragraph). `{problem}` is the problem in Chinese,
`{problem_en}` in English.
"""

from __future__ import annotations

from ..registry import KindDecl, KindParams


class ExtractionParams(KindParams):
    codes: tuple[str, ...] = ("surplus-cells", "missing-cells", "unmapped-label", "orphan-cell", "duplicate-row")
    file_place: str = "文件"
    file_place_en: str = "File"


KIND = KindDecl(
    name="extraction",
    params=ExtractionParams,
    evaluator="disclosure_audit.rules.kinds.extraction:Extraction",
    doc="what the reader saw but could not map onto the format",
)
