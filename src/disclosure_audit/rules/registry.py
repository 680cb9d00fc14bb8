"""Rule kinds by name: a YAML rule names its kind, the engine dispatches.

A kind comes in two halves, the way pandera keeps its API apart from its backends:

* its **declaration** (`KindDecl`): name, parameters and documentation, in `rules/params/<kind>.py`.
  The parameters are a pydantic model, or one model per mode told apart by a key (`Modes`: a
  discriminated union, so a key that belongs to another mode is an error). Loading and validating
  the rule files imports only declarations: no pandas, pandera, numpy or extractor;
* its **evaluator** (a `RuleKind` subclass), named in the declaration as ``"module:Class"`` and
  imported when the engine first runs a rule of that kind.

Built-in kinds are listed in `BUILTIN`. Other packages add kinds through the entry-point group
`disclosure_audit.kinds`: the entry point's name is the kind's name, its object a `KindDecl`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Tag, TypeAdapter

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from ..core.context import RunContext
    from ..core.finding import Hit
    from ..templates import Templates
    from .spec import RuleSpec

ENTRY_POINT_GROUP = "disclosure_audit.kinds"

# Built-in kinds: name → module in rules/params (each defines KIND).
BUILTIN = {
    name: name
    for name in (
        "content_integrity",
        "copied_text",
        "cross_year",
        "deadline",
        "duplicate_text",
        "extraction",
        "fee_claims",
        "format_year",
        "identity",
        "machine_readable",
        "manifest_agreement",
        "metadata",
        "money_unit",
        "narrative",
        "non_empty",
        "prose_checks",
        "required_sections",
        "table_present",
        "values",
        "waiver_status",
    )
}


class ParamError(ValueError):
    """A parameter that validates by type but not against the rule or the template data; `key`
    names it (dotted, relative to `params`)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class KindLoadError(Exception):
    """A third-party kind whose entry point could not be loaded or is not a KindDecl."""


class KindParams(BaseModel):
    """Base of every kind's parameters: strict (an unknown key is an error) and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def check_params(self, spec: RuleSpec, templates: Templates | None, rules_dir: Path | None) -> None:
        """Validation that needs the rule (its `applies_to`) or the template data, e.g. that row
        keys exist in every format version the rule applies to. Raise ParamError."""


class Modes:
    """One params model per mode, told apart by the value of `key` (`check: magnitude`): a pydantic
    discriminated union. Each model declares `key` as a one-value Literal. `default` is the mode of
    a rule that does not name one."""

    def __init__(self, key: str, *models: type[KindParams], default: str | None = None) -> None:
        self.key = key
        self.default = default
        self.models: dict[str, type[KindParams]] = {}
        for m in models:
            (tag,) = get_args(m.model_fields[key].annotation)
            self.models[tag] = m
        if default is not None and default not in self.models:
            raise ValueError(f"default mode '{default}' is not one of {list(self.models)}")

    def _tag(self, value: Any) -> Any:
        if isinstance(value, dict):
            return value.get(self.key, self.default)
        return getattr(value, self.key, self.default)

    @cached_property
    def adapter(self) -> TypeAdapter:
        members = tuple(Annotated[m, Tag(t)] for t, m in self.models.items())
        return TypeAdapter(Annotated[Union[members], Discriminator(self._tag)])  # noqa: UP007

    def validate(self, data: Any) -> KindParams:
        return self.adapter.validate_python(data)


@dataclass(frozen=True)
class KindDecl:
    """What the loader needs to know about a kind, without importing its evaluator."""

    name: str
    params: type[KindParams] | Modes
    evaluator: str  # "package.module:Class", a RuleKind subclass
    doc: str = ""
    for_unreadable: bool = False  # True: runs on reports that are not machine-readable (and only on them)
    after_waivers: bool = False  # True: runs after waivers were applied (judges the waivers file)

    def validate(self, data: Any) -> KindParams:
        if isinstance(self.params, Modes):
            return self.params.validate(data)
        return self.params.model_validate(data)

    def evaluator_class(self) -> type[RuleKind]:
        module, _, attr = self.evaluator.partition(":")
        cls = getattr(importlib.import_module(module), attr)
        if not (isinstance(cls, type) and issubclass(cls, RuleKind)):
            raise TypeError(f"kind '{self.name}': {self.evaluator} is not a RuleKind subclass")
        return cls


class RuleKind:
    """Base of the evaluators: `evaluate` yields Hits for all reports of the run at once."""

    def __init__(self, spec: RuleSpec, params: KindParams) -> None:
        self.spec = spec
        self.params = params

    @property
    def name(self) -> str:
        return self.spec.kind

    @property
    def decl(self) -> KindDecl:
        return get_kind(self.spec.kind)

    @property
    def for_unreadable(self) -> bool:
        return self.decl.for_unreadable

    @property
    def after_waivers(self) -> bool:
        return self.decl.after_waivers

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        raise NotImplementedError

    def nothing_to_check(self, ctx: RunContext, report_id: str) -> tuple[str, str] | None:
        """(zh, en) why this rule has nothing to compare for a report it is in scope for (no
        previous-year report, no manifest row), else None. A report the rule left silent for this
        reason did not pass it: the agency page lists it as not applicable, never as a passed check."""
        return None


class RowKind(RuleKind):
    """A kind whose detection is a set of flagged rows, kept apart from the evidence built for them.

    `flag_rows` decides (which instances fail, which cannot be evaluated, which cells are flagged)
    and returns exactly the rows the kind's SQL checks return (gx.checks); `hits_from_rows` turns such
    rows, in any order, into Hits with the kind's evidence code. The default engine chains the two;
    the GX engine (`run --engine gx`) gets the rows from GX instead, so both engines share every word
    of evidence and differ only in who detected."""

    # identity: also `outcome` ("failed" / "not_evaluable") and `binding` (index into the bindings)
    def flag_rows(self, ctx: RunContext, report_ids: list[str]) -> pd.DataFrame:
        raise NotImplementedError

    def hits_from_rows(self, ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> Iterable[Hit]:
        raise NotImplementedError

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        return self.hits_from_rows(ctx, report_ids, self.flag_rows(ctx, report_ids))


_LOADED: dict[str, KindDecl] = {}


def _entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points

    out: dict[str, Any] = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        out.setdefault(ep.name, ep)
    return out


def get_kind(name: str) -> KindDecl:
    """The declaration of kind `name`: built-in, else from an installed package's entry point.
    KeyError when no such kind is known; KindLoadError when its entry point is broken."""
    if name in _LOADED:
        return _LOADED[name]
    if name in BUILTIN:
        decl = importlib.import_module(f"{__package__}.params.{BUILTIN[name]}").KIND
    else:
        ep = _entry_points().get(name)  # not cached: a package installed during the process is seen
        if ep is None:
            raise KeyError(name)
        try:
            decl = ep.load()
        except Exception as exc:
            raise KindLoadError(f"entry point '{ep.value}' failed to load: {type(exc).__name__}: {exc}") from exc
        if not isinstance(decl, KindDecl):
            raise KindLoadError(f"entry point '{ep.value}' is a {type(decl).__name__}, not a KindDecl")
        if decl.name != name:
            raise KindLoadError(f"entry point '{name}' declares kind '{decl.name}'")
    _LOADED[name] = decl
    return decl


def known_kinds() -> list[str]:
    return sorted(set(BUILTIN) | set(_entry_points()))
