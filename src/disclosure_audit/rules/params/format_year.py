"""format_year: the format version of the tables against the one in force for the report year."""

from __future__ import annotations

from ..registry import KindDecl, KindParams

KIND = KindDecl(
    name="format_year",
    params=KindParams,
    evaluator="disclosure_audit.rules.kinds.format_year:FormatYear",
    doc="detected template version vs the version the report year requires",
)
