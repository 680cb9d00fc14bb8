"""The declarative rule: metadata every rule shares, with kind-specific `params` validated by the kind.

Strict on purpose (unknown keys are errors): a misspelt key that silently disables a check is the
failure mode users of permissive validators complain about most.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Category = Literal["completeness", "accuracy", "originality", "integrity", "timeliness"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    zh: str
    en: str


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
    title: Text
    message: Text
    description: Text | None = None
    category: Category
    severity: Literal["error", "warning", "info"]
    weight: float = Field(ge=0, le=100)
    basis: str
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
