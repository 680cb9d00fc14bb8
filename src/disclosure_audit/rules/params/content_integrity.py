"""content_integrity: regex patterns (spam, editor artefacts) or foreign links, one model per `check`."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ..registry import KindDecl, KindParams, Modes, ParamError


class Patterns(KindParams):
    """What is looked for, and where a match is not evidence.

    `patterns` are findings on their own (an editor's field code, a casino's brand name). `in_context`
    are words that ordinary report language also uses (查处赌场, 打击六合彩, 淫秽色情信息): one counts
    only where one of `context_required` (a promo verb, a contact handle, a link) occurs within
    `window` characters in the same sentence, or, with `another_match_counts`, where another match
    stands in the same clause (spam strings glue terms together; a report lists them with 、).
    A sentence that contains one of `unless` (enforcement and publicity words: 打击, 查处, 宣传…)
    gives no finding, unless it also contains one of `unless_overridden_by` (a spam contact handle):
    a report that writes about gambling is not a report that advertises it.
    """

    check: Literal["patterns"]
    patterns: tuple[str, ...] = ()
    in_context: tuple[str, ...] = ()
    context_required: tuple[str, ...] = ()
    another_match_counts: bool = False
    window: int = Field(default=20, ge=1, le=200)
    unless: tuple[str, ...] = ()
    unless_overridden_by: tuple[str, ...] = ()

    def check_params(self, spec, templates, rules_dir) -> None:
        for key in ("patterns", "in_context", "context_required", "unless", "unless_overridden_by"):
            for pat in getattr(self, key):
                try:
                    rx = re.compile(pat)
                except re.error as exc:
                    raise ParamError(key, f"bad pattern '{pat}': {exc}") from exc
                if rx.search(""):
                    raise ParamError(key, f"pattern '{pat}' matches the empty string (it would match every line)")
        if not (self.patterns or self.in_context):
            raise ParamError("patterns", "give at least one pattern (in `patterns` or `in_context`)")
        if self.in_context and not (self.context_required or self.another_match_counts):
            raise ParamError("in_context", "needs `context_required` or `another_match_counts: true`")
        if self.unless_overridden_by and not self.unless:
            raise ParamError("unless_overridden_by", "only means something with `unless`")


class Links(KindParams):
    check: Literal["links"]
    allow_domains: tuple[str, ...] = ()


KIND = KindDecl(
    name="content_integrity",
    params=Modes("check", Patterns, Links),
    evaluator="disclosure_audit.rules.kinds.content_integrity:ContentIntegrity",
    doc="regex patterns (spam, artefacts; words in context, enforcement sentences excepted) or non-government links",
)
