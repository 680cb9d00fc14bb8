"""narrative: figures and outcome words in the prose against the table cells they restate.

One params model per `check` (count, outcome, percent). Each rule carries its own pattern table:
claims (a subject phrase with `{N}` where the number stands, and the cells it restates), topics,
macros; `percent` rules carry percentage and total patterns instead. Every pattern is compiled when
the rule loads (`Patterns`), so a bad one is a `file:line: key: message` error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...expr import ExprError, parse
from ..kinds._narrative_text import NUMBER, PERCENT  # number reading: stdlib only
from ..registry import KindDecl, KindParams, Modes, ParamError
from . import TableKey

# A sentence with any of these compares with another period or scope, or pairs numbers with
# subjects (分别): its figures may not be this report's own, so nothing in it is checked.
DEFAULT_AMBIGUOUS = (
    r"同比|环比|较上年|比上年|较去年|比去年|去年|前年|往年|上年同期|与上年相比|增长|下降|增加|减少|持平|"
    r"累计|截至|截止|以来|历年|近[一二三四五两几]年|分别|"
    r"全市|全县|全区|全省|全州|全旗|全盟|全国|全系统|系统内|各县|各区|各市|各乡|各镇|各街道|各部门|各单位|"
    r"市直|县直|区直|本级|下属|所属|"
    r"上一?年度?(?!度|结转)"
)
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_BUILTIN = {"N": rf"(?P<n>{NUMBER})", "D": rf"(?P<d>{NUMBER})", "P": rf"(?P<p>{PERCENT})"}
GUARDS = ("requires", "reject_before", "reject", "reject_exempt")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(_Strict):
    """One row of the pattern table: a subject phrase and the cells it restates."""

    name: str
    subject: str  # shown in the message (zh)
    subject_en: str
    pattern: str  # regex; {N} the number (count), macros {NAME} from params.macros
    table: TableKey = "requests"
    requires: str | None = None  # regex the sentence must contain before or in the match
    reject_before: str | None = None  # regex the sentence must not contain before the match
    reject: str | None = None  # regex the clause holding the match (with its qualifiers) must not contain
    reject_exempt: str | None = None  # regex: spans of that clause `reject` does not read
    label: str | None = None  # how the cells are named in messages (default: from the template)

    def expressions(self) -> list[str]:
        return [self.cells] if getattr(self, "cells", None) else []


class CountClaim(Claim):
    """“subject N件”: N against the sum of the cells."""

    cells: str  # expression: rows of 表三 (总计 column) or columns of 表四
    topic: str | None = None  # the last topic named before the number must be this one
    under: tuple[str, ...] = ()  # after 其中: the head figure must be one of these claims


class OutcomeClaim(Claim):
    """A phrase that says a set of cells is zero (未收到申请, 均获维持)."""

    cells: str | None = None  # expression, or
    by_topic: dict[str, str] = Field(default_factory=dict)  # topic named in or before the phrase → expression

    def expressions(self) -> list[str]:
        return list(self.by_topic.values()) + ([self.cells] if self.cells else [])


class Denominator(_Strict):
    """A total a sentence may state (`{N}`), and which base it is when a percentage names one."""

    pattern: str
    base: str | None = None


class _Narrative(KindParams):
    macros: dict[str, str] = Field(default_factory=dict)
    ambiguous: str = DEFAULT_AMBIGUOUS

    def check_params(self, spec, templates, rules_dir) -> None:
        Patterns.of(self)  # every pattern compiles, or the rule does not load


class _Claims(_Narrative):
    topics: dict[str, str] = Field(default_factory=dict)

    def check_params(self, spec, templates, rules_dir) -> None:
        super().check_params(spec, templates, rules_dir)
        claims = self.claims  # type: ignore[attr-defined]
        names = [c.name for c in claims]
        for i, c in enumerate(claims):
            if names.count(c.name) > 1:
                raise ParamError(f"claims.{i}.name", f"duplicate claim name '{c.name}'")
            for u in getattr(c, "under", ()):
                if u not in names:
                    raise ParamError(f"claims.{i}.under", f"'{u}' is not a claim of this rule")
            for t in [*([c.topic] if getattr(c, "topic", None) else []), *getattr(c, "by_topic", {})]:
                if t not in self.topics:
                    raise ParamError(f"claims.{i}", f"unknown topic '{t}'")
            if isinstance(c, OutcomeClaim) and (c.cells is None) == (not c.by_topic):
                raise ParamError(f"claims.{i}", "give exactly one of 'cells' or 'by_topic'")
            exprs = c.expressions()
            for v in spec.applies_to.templates:
                tdef = templates.versions[v].tables[c.table]
                keys = list(tdef.rows) if c.table == "requests" else list(tdef.columns)
                for e in exprs:
                    try:
                        parse(e).expand(keys)
                    except ExprError as exc:
                        raise ParamError(f"claims.{i}", f"format {v}: '{e}': {exc}") from exc


class Count(_Claims):
    check: Literal["count"]
    claims: tuple[CountClaim, ...] = Field(min_length=1)


class Outcome(_Claims):
    check: Literal["outcome"]
    claims: tuple[OutcomeClaim, ...] = Field(min_length=1)


class Percent(_Narrative):
    check: Literal["percent"]
    # patterns with {N} numerator, {P} percent, optional {D} stated base, and optional group
    # (?P<b>…) around the words that name the base (占答复总数的)
    percents: tuple[str, ...] = Field(min_length=1)
    denominators: tuple[str | Denominator, ...] = Field(min_length=1)  # the totals a sentence may state
    # base name → regex over the words of group b; the first that matches names the base
    bases: dict[str, str] = Field(default_factory=dict)

    def check_params(self, spec, templates, rules_dir) -> None:
        super().check_params(spec, templates, rules_dir)
        for i, d in enumerate(self.denominators):
            if isinstance(d, Denominator) and d.base is not None and d.base not in self.bases:
                raise ParamError(f"denominators.{i}.base", f"unknown base '{d.base}'")
        for i, rx in enumerate(Patterns.of(self).percents):
            if "b" in rx.groupindex and not self.bases:
                raise ParamError(f"percents.{i}", "a pattern with group 'b' needs 'bases'")


Params = Count | Outcome | Percent


@dataclass(frozen=True)
class Patterns:
    """Every pattern of a narrative rule, compiled with its macros expanded."""

    ambiguous: re.Pattern
    topics: dict[str, re.Pattern]
    claims: tuple[tuple[Claim, re.Pattern, dict[str, re.Pattern | None]], ...]
    percents: tuple[re.Pattern, ...]
    denominators: tuple[tuple[re.Pattern, str | None], ...]
    bases: dict[str, re.Pattern]

    @classmethod
    def of(cls, p: Params) -> Patterns:
        def compile_(pattern: str, where: str, need: tuple[str, ...] = ()) -> re.Pattern:
            expanded = _expand(p.macros, pattern, where)
            try:
                rx = re.compile(expanded)
            except re.error as exc:
                raise ParamError(where, f"bad pattern '{pattern}': {exc}") from exc
            for g in need:
                if g not in rx.groupindex:
                    raise ParamError(where, f"pattern '{pattern}' needs {{{g.upper()}}}")
            return rx

        claims: list[tuple[Claim, re.Pattern, dict[str, re.Pattern | None]]] = []
        topics: dict[str, re.Pattern] = {}
        percents: list[re.Pattern] = []
        denominators: list[tuple[re.Pattern, str | None]] = []
        bases: dict[str, re.Pattern] = {}
        if isinstance(p, Count | Outcome):
            topics = {k: compile_(v, "topics") for k, v in p.topics.items()}
            need = ("n",) if isinstance(p, Count) else ()
            for i, c in enumerate(p.claims):
                rx = compile_(c.pattern, f"claims.{i}.pattern", need)
                guards = {k: (compile_(getattr(c, k), f"claims.{i}.{k}") if getattr(c, k) else None) for k in GUARDS}
                claims.append((c, rx, guards))
        else:
            percents = [compile_(x, f"percents.{i}", ("n", "p")) for i, x in enumerate(p.percents)]
            for i, d in enumerate(p.denominators):
                pattern, base = (d, None) if isinstance(d, str) else (d.pattern, d.base)
                denominators.append((compile_(pattern, f"denominators.{i}", ("n",)), base))
            bases = {k: compile_(v, f"bases.{k}") for k, v in p.bases.items()}
        return cls(
            compile_(p.ambiguous, "ambiguous"), topics, tuple(claims), tuple(percents), tuple(denominators), bases
        )


def _expand(macros: dict[str, str], pattern: str, where: str) -> str:
    """Replace {NAME} by params.macros (which may use each other), then {N} {D} {P}."""

    def user(m: re.Match) -> str:
        if m[1] in _BUILTIN:
            return m[0]
        if m[1] not in macros:
            raise ParamError(where, f"unknown macro {{{m[1]}}} in '{pattern}'")
        return macros[m[1]]

    out = pattern
    for _ in range(4):
        out = _MACRO.sub(user, out)
    return _MACRO.sub(lambda m: _BUILTIN.get(m[1], m[0]), out)


KIND = KindDecl(
    name="narrative",
    params=Modes("check", Count, Outcome, Percent),
    evaluator="disclosure_audit.rules.kinds.narrative:Narrative",
    doc="figures and outcome words in the narrative against the table cells they restate",
)
