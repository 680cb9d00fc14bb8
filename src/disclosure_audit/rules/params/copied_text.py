"""copied_text: prose shared with another agency, prose reused from last year, tables identical to
last year's; one params model per `compare`."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ..registry import KindDecl, KindParams, Modes, ParamError
from . import TableKey


class _Text(KindParams):
    """How prose is cut into units and compared (both text modes)."""

    shingle: int = Field(5, ge=2, le=20)  # characters per shingle, after whitespace and punctuation are removed
    similarity: float = Field(0.7, gt=0, le=1)  # exact Jaccard that confirms a copied paragraph or section
    min_chars: int = Field(30, ge=1)  # shorter paragraphs (after boilerplate removal) are not prose
    min_share: float = Field(0.2, ge=0, le=1)  # share of the report's prose that makes a finding
    fold_digits: bool = True  # a copy with new figures is still a copy
    mask_agency: bool = True  # the report's own agency name is masked before comparing
    sections: bool = True  # also compare whole sections (catches copies re-paragraphed)
    boilerplate: tuple[str, ...] = ()  # regexes of template text removed before comparing
    max_pairs: int = Field(20, ge=1)  # passages kept per source for side-by-side display

    def check_params(self, spec, templates, rules_dir) -> None:
        for pat in self.boilerplate:
            try:
                rx = re.compile(pat)
            except re.error as exc:
                raise ParamError("boilerplate", f"bad pattern '{pat}': {exc}") from exc
            if rx.fullmatch(""):
                raise ParamError("boilerplate", f"pattern '{pat}' matches the empty string")
        if self.min_chars < self.shingle:
            raise ParamError(
                "min_chars", f"min_chars ({self.min_chars}) must be at least the shingle size ({self.shingle})"
            )

    def text_key(self) -> tuple:
        """What a report's prose units depend on (rules with equal keys share them)."""
        return (self.shingle, self.min_chars, self.fold_digits, self.mask_agency, self.sections, self.boilerplate)


class Agencies(_Text):
    """Across agencies: MinHash sketches and LSH candidates, confirmed by exact Jaccard."""

    compare: Literal["agencies"]
    num_perm: int = Field(128, ge=16, le=1024)  # MinHash permutations
    lsh_threshold: float = Field(0.5, gt=0, le=1)  # LSH candidate threshold (bands/rows chosen from it)
    bucket_cap: int = Field(50, ge=1)  # an LSH bucket member is paired with at most this many earlier members
    max_sources: int = Field(5, ge=1)  # sources kept with their passages per finding (the rest only counted)
    seed: int = 20240101


class PreviousYear(_Text):
    """Against the same agency's previous-year report: every pair checked exactly."""

    compare: Literal["previous_year"]


class Tables(KindParams):
    """Tables whose every cell equals last year's."""

    compare: Literal["tables"]
    tables: tuple[TableKey, ...] = Field(("requests", "appeals"), min_length=1)
    min_nonzero: int = Field(3, ge=0)  # identical all-zero (or nearly) tables are plausible for small bodies


KIND = KindDecl(
    name="copied_text",
    params=Modes("compare", Agencies, PreviousYear, Tables),
    evaluator="disclosure_audit.rules.kinds.copied_text:CopiedText",
    doc="prose copied from another agency's report or reused from last year's; tables identical to last year's",
)
