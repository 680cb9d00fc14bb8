"""Rule kinds registered by name (pandera-style): a YAML rule names its kind, the engine dispatches.

Kind modules are imported on first use so `disclosure-audit --help` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from ..core.context import RunContext
    from ..core.finding import Hit
    from .spec import RuleSpec

KIND_MODULES = {
    "required_sections": "required_sections",
    "identity": "identity",
    "values": "values",
    "non_empty": "non_empty",
    "money_unit": "money_unit",
    "duplicate_text": "duplicate_text",
    "content_integrity": "content_integrity",
    "format_year": "format_year",
    "metadata": "metadata",
    "extraction": "extraction",
    "table_present": "table_present",
    "machine_readable": "machine_readable",
    "manifest_agreement": "manifest_agreement",
    "deadline": "deadline",
    "narrative": "narrative",
    "copied_text": "copied_text",
    "cross_year": "cross_year",
    "waiver_status": "waiver_status",
    "prose_checks": "prose_checks",
    "fee_claims": "fee_claims",
}

_KINDS: dict[str, type[RuleKind]] = {}


class ParamError(ValueError):
    """A parameter that validates by type but not against the template data; `key` names it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class KindParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleKind:
    """Base class: `Params` validates the rule's `params`; `evaluate` yields Hits for all reports."""

    name: ClassVar[str]
    Params: ClassVar[type[KindParams]] = KindParams
    doc: ClassVar[str] = ""
    for_unreadable: ClassVar[bool] = False  # True: runs on reports that are not machine-readable
    after_waivers: ClassVar[bool] = False  # True: runs after waivers were applied (judges the waivers)

    def __init__(self, spec: RuleSpec, params: KindParams) -> None:
        self.spec = spec
        self.params = params

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        raise NotImplementedError

    def check_params(self, templates: Any, rules_dir: Any) -> None:
        """Further validation that needs the template data (e.g. row keys exist)."""


def register(name: str) -> Callable[[type[RuleKind]], type[RuleKind]]:
    def deco(cls: type[RuleKind]) -> type[RuleKind]:
        cls.name = name
        _KINDS[name] = cls
        return cls

    return deco


def get_kind(name: str) -> type[RuleKind]:
    if name not in _KINDS:
        module = KIND_MODULES.get(name)
        if module is None:
            raise KeyError(name)
        importlib.import_module(f"{__package__}.kinds.{module}")
    return _KINDS[name]


def known_kinds() -> list[str]:
    return sorted(KIND_MODULES)
