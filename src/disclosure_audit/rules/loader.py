"""Load and validate `rules/checks/*.yaml`: one rule per file, errors reported as file:line key.

Only the kinds' declarations (`rules/params/`) are imported here; a rule's evaluator is imported
the first time `LoadedRule.kind` is used, i.e. when the engine runs it.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..core.problems import RuleError
from ..templates import Templates, get_templates
from .registry import KindDecl, KindLoadError, KindParams, Modes, RuleKind, get_kind, known_kinds
from .spec import RuleSpec
from .yamlpos import line_of, load_yaml, yaml_error

__all__ = ["LoadedRule", "RuleError", "load_rule_file", "load_rules", "validate_params"]


@dataclass
class LoadedRule:
    spec: RuleSpec
    params: KindParams
    file: str
    rules_dir: Path | None = None
    decl: KindDecl = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.decl = get_kind(self.spec.kind)  # a declaration: cheap, the evaluator is not imported

    @cached_property
    def kind(self) -> RuleKind:
        """The evaluator (its module is imported now, not when the rule file was loaded)."""
        return self.decl.evaluator_class()(self.spec, self.params)

    @property
    def preview(self) -> bool:
        return self.spec.status == "preview"


def validate_params(kind: str, data: dict) -> KindParams:
    """A kind's params from a mapping (raises pydantic's ValidationError), e.g. a rule's params with
    some values changed."""
    return get_kind(kind).validate(dict(data))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (X, X | None, tuple[X, ...], dict[str, X])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    if typing.get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
        for a in typing.get_args(annotation):
            out += _models_in(a)
    return out


def _has_key(model: type[BaseModel], loc: tuple) -> bool:
    """Whether `loc` (keys and list indices) names a field of `model` or of a model nested in it."""
    keys = [p for p in loc if not isinstance(p, int)]
    if not keys:
        return False
    field = model.model_fields.get(str(keys[0]))
    if field is None:
        return False
    if len(keys) == 1:
        return True
    rest = loc[loc.index(keys[0]) + 1 :]
    return any(_has_key(m, rest) for m in _models_in(field.annotation))


def _params_errors(exc: ValidationError, data: object, file: str, decl: KindDecl) -> list[RuleError]:
    """pydantic errors of a rule's params → RuleErrors. For a kind with modes, the mode's tag is taken
    off the location, and a key that belongs to another mode says so."""
    modes = decl.params if isinstance(decl.params, Modes) else None
    out = []
    for e in exc.errors():
        loc, msg, typ = tuple(e["loc"]), e["msg"], e["type"]
        if modes is not None and typ in ("union_tag_invalid", "union_tag_not_found"):
            loc = (modes.key,)
            given = (data.get("params") or {}).get(modes.key) if isinstance(data, dict) else None
            choices = ", ".join(modes.models)
            msg = (
                f"unknown {modes.key} '{given}'; one of: {choices}"
                if given is not None
                else f"missing; one of: {choices}"
            )
        elif modes is not None and loc and loc[0] in modes.models:
            tag, loc = loc[0], loc[1:]
            if typ == "extra_forbidden":
                owners = [t for t, m in modes.models.items() if t != tag and _has_key(m, loc)]
                msg = f"unknown key for {modes.key} '{tag}'" + (
                    f" (it belongs to {modes.key} {', '.join(repr(t) for t in owners)})" if owners else ""
                )
        elif typ == "extra_forbidden":
            msg = "unknown key"
        full = ("params", *loc)
        out.append(RuleError(file, line_of(data, full), ".".join(str(p) for p in full), msg))
    return out


def _spec_errors(exc: ValidationError, data: object, file: str) -> list[RuleError]:
    out = []
    for e in exc.errors():
        loc = tuple(e["loc"])
        key = ".".join(str(p) for p in loc) or "(rule)"
        msg = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
        out.append(RuleError(file, line_of(data, loc), key, msg))
    return out


def load_rule_file(
    path: Path, templates: Templates, display: str | None = None, rules_dir: Path | None = None
) -> tuple[LoadedRule | None, list[RuleError]]:
    rule, errors, _ = _read_rule_file(path, templates, display or str(path), rules_dir)
    return rule, errors


def _read_rule_file(
    path: Path, templates: Templates, name: str, rules_dir: Path | None
) -> tuple[LoadedRule | None, list[RuleError], object]:
    """(the rule or None, its errors, the file's data: the id a broken file declares still counts
    when two files declare one id)."""
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        return None, [yaml_error(name, exc)], None
    except OSError as exc:
        return None, [RuleError(name, 1, "(file)", str(exc))], None
    rule, errors = _validate(data, templates, name, rules_dir)
    return rule, errors, data


def _validate(
    data: object, templates: Templates, name: str, rules_dir: Path | None
) -> tuple[LoadedRule | None, list[RuleError]]:
    if not isinstance(data, dict):
        return None, [RuleError(name, 1, "(rule)", "a rule file must hold one mapping")]
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        return None, _spec_errors(exc, data, name)
    kind_line = line_of(data, ("kind",))
    try:
        decl = get_kind(spec.kind)
    except KeyError:
        return None, [
            RuleError(name, kind_line, "kind", f"unknown kind '{spec.kind}'; known: {', '.join(known_kinds())}")
        ]
    except KindLoadError as exc:
        return None, [RuleError(name, kind_line, "kind", f"kind '{spec.kind}': {exc}")]
    try:
        params = decl.validate(dict(spec.params))
    except ValidationError as exc:
        return None, _params_errors(exc, data, name, decl)
    try:
        params.check_params(spec, templates, rules_dir)
    except ValueError as exc:
        key = getattr(exc, "key", None)
        loc = ("params", *str(key).split(".")) if key else ("params",)
        loc = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in loc)
        return None, [RuleError(name, line_of(data, loc), ".".join(str(p) for p in loc), str(exc))]
    return LoadedRule(spec, params, name, rules_dir), []


def load_rules(rules_dir: Path) -> tuple[list[LoadedRule], list[RuleError]]:
    """Every rule of `rules_dir/checks`, and the errors of the files that gave none. Two files that
    declare one id both give none: which of them the author meant cannot be known, so neither is
    used, and each is named with the other's file and line."""
    rules_dir = Path(rules_dir)
    templates = get_templates(rules_dir)
    loaded: list[LoadedRule] = []
    errors: list[RuleError] = []
    declared: dict[str, list[tuple[str, int]]] = {}  # id → (file, line of its `id:`) of each file
    files = sorted((rules_dir / "checks").glob("*.yaml")) + sorted((rules_dir / "checks").glob("*.yml"))
    for path in files:
        display = str(path.relative_to(rules_dir.parent)) if rules_dir.parent in path.parents else str(path)
        rule, errs, data = _read_rule_file(path, templates, display, rules_dir)
        errors.extend(errs)
        rid = rule.spec.id if rule is not None else data.get("id") if isinstance(data, dict) else None
        if isinstance(rid, str):
            declared.setdefault(rid, []).append((display, line_of(data, ("id",))))
        if rule is not None:
            loaded.append(rule)
    for rid, where in sorted(declared.items()):
        if len(where) < 2:
            continue
        loaded = [r for r in loaded if r.spec.id != rid]
        for file, line in where:
            others = ", ".join(f"{f}:{n}" for f, n in where if (f, n) != (file, line))
            errors.append(RuleError(file, line, "id", f"duplicate rule id '{rid}' (also in {others}): neither is used"))
    loaded.sort(key=lambda r: r.spec.id)
    return loaded, errors
