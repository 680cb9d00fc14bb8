"""The declarative rule: metadata every rule shares, with kind-specific `params` validated by the kind.

Strict on purpose (unknown keys are errors): a misspelt key that silently disables a check is the
failure mode users of permissive validators complain about most.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Category = Literal["completeness", "accuracy", "originality", "integrity", "timeliness"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    zh: str
    en: str


# What a reader of one language may meet in the other (rules/README "Rule files"): quoted passages,
# 《document titles》, {placeholders}, rule ids, paths and file names, standard numbers (GB/T 9704),
# and names read as they are (PDF, Word). A tool or technique reference belongs in `see_also`.
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》|\{[^}]*\}|(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"")
_CODES = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][A-Z0-9]*(?:-(?:[A-Z0-9]+|\*))+|PDF|Word|URL)(?![A-Za-z])"
    r"|[\w./-]+\.(?:ya?ml|txt|md|pdf|html|docx|csv|json)\b|GB/T\s*\d+"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
_WORD = re.compile(r"[A-Za-z]{2,}")


def other_language(text: str, lang: str) -> list[str]:
    """Words of the other language in `text` outside what may stay (see above): English words in zh
    text, Han characters or Chinese punctuation in en text."""
    rest = _CODES.sub(" ", _QUOTED.sub(" ", text))
    return _WORD.findall(rest) if lang == "zh" else _HAN.findall(rest)


class ReaderText(Text):
    """Text an office reads (title, description, basis, fix): each language on its own, non-empty."""

    @field_validator("zh", "en")
    @classmethod
    def _one_language(cls, v: str, info) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        stray = other_language(v, info.field_name)
        if stray:
            other = "English words" if info.field_name == "zh" else "Chinese characters outside quotes"
            raise ValueError(
                f"{other} {sorted(set(stray))[:5]} in the {info.field_name} text; quote them, or move a tool or "
                "technique reference to see_also"
            )
        return v


class AppliesTo(_Strict):
    templates: tuple[Literal["2019", "2021"], ...] = ("2019", "2021")
    years: tuple[int | None, int | None] = (None, None)

    def covers(self, template: str, year: int | None) -> bool:
        if template not in self.templates:
            return False
        lo, hi = self.years
        if year is None:
            return lo is None and hi is None
        return (lo is None or year >= lo) and (hi is None or year <= hi)


class Example(_Strict):
    """A pass/fail case run by the test suite (sqlfluff-style)."""

    name: str
    expect: Literal["pass", "failed", "not_evaluable"]
    count: int | None = None
    message: str | None = None  # the zh message of the one finding expected
    messages: tuple[str, ...] | None = None  # … of each of several findings (any order)
    text: str | None = None
    report: dict[str, Any] | None = None


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: ReaderText
    message: Text
    description: ReaderText | None = None
    category: Category
    severity: Literal["error", "warning", "info"]
    weight: float = Field(ge=0, le=100)
    basis: ReaderText  # the legal or format clause an office recognises
    fix: ReaderText  # how the agency corrects the report, shown under every finding
    see_also: tuple[str, ...] = ()  # tools and techniques behind the rule: developer-facing only
    applies_to: AppliesTo = AppliesTo()
    kind: str
    params: dict[str, Any] = Field(default_factory=dict)
    examples: tuple[Example, ...] = Field(min_length=2)
    status: Literal["stable", "preview"] = "stable"

    @field_validator("examples")
    @classmethod
    def _pass_and_fail(cls, v: tuple[Example, ...]) -> tuple[Example, ...]:
        kinds = {e.expect for e in v}
        if "pass" not in kinds or not kinds & {"failed", "not_evaluable"}:
            raise ValueError("needs at least one 'pass' example and one 'failed' or 'not_evaluable' example")
        for e in v:
            if (e.text is None) == (e.report is None):
                raise ValueError(f"example '{e.name}' needs exactly one of 'text' or 'report'")
        return v
