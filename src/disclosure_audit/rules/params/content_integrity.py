"""content_integrity: regex patterns (spam, editor artefacts) or foreign links, one model per `check`."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ..registry import KindDecl, KindParams, Modes, ParamError


class Patterns(KindParams):
    check: Literal["patterns"]
    patterns: tuple[str, ...] = Field(min_length=1)

    def check_params(self, spec, templates, rules_dir) -> None:
        for pat in self.patterns:
            try:
                re.compile(pat)
            except re.error as exc:
                raise ParamError("patterns", f"bad pattern '{pat}': {exc}") from exc


class Links(KindParams):
    check: Literal["links"]
    allow_domains: tuple[str, ...] = ()


KIND = KindDecl(
    name="content_integrity",
    params=Modes("check", Patterns, Links),
    evaluator="disclosure_audit.rules.kinds.content_integrity:ContentIntegrity",
    doc="regex patterns (spam, artefacts) or non-government links found in the text",
)
