"""Load and validate `rules/checks/*.yaml`: one rule per file, errors reported as file:line key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..templates import Templates, get_templates
from .registry import RuleKind, get_kind, known_kinds
from .spec import RuleSpec
from .yamlpos import line_of, load_yaml


@dataclass(frozen=True)
class RuleError:
    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


@dataclass
class LoadedRule:
    spec: RuleSpec
    kind: RuleKind
    file: str
    rules_dir: Path | None = None


def _pydantic_errors(exc: ValidationError, data: object, file: str, prefix: tuple = ()) -> list[RuleError]:
    out = []
    for e in exc.errors():
        loc = prefix + tuple(e["loc"])
        key = ".".join(str(p) for p in loc) or "(rule)"
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = "unknown key"
        out.append(RuleError(file, line_of(data, loc), key, msg))
    return out


def load_rule_file(
    path: Path, templates: Templates, display: str | None = None, rules_dir: Path | None = None
) -> tuple[LoadedRule | None, list[RuleError]]:
    name = display or str(path)
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [RuleError(name, line, "(yaml)", str(getattr(exc, "problem", exc)))]
    except OSError as exc:
        return None, [RuleError(name, 1, "(file)", str(exc))]
    if not isinstance(data, dict):
        return None, [RuleError(name, 1, "(rule)", "a rule file must hold one mapping")]
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_errors(exc, data, name)
    try:
        kind_cls = get_kind(spec.kind)
    except KeyError:
        return None, [
            RuleError(
                name, line_of(data, ("kind",)), "kind", f"unknown kind '{spec.kind}'; known: {', '.join(known_kinds())}"
            )
        ]
    try:
        params = kind_cls.Params.model_validate(dict(spec.params))
    except ValidationError as exc:
        return None, _pydantic_errors(exc, data, name, prefix=("params",))
    kind = kind_cls(spec, params)
    try:
        kind.check_params(templates, rules_dir)
    except ValueError as exc:
        key = getattr(exc, "key", None)
        loc = ("params", key) if key else ("params",)
        return None, [RuleError(name, line_of(data, loc), ".".join(loc), str(exc))]
    return LoadedRule(spec, kind, name, rules_dir), []


def load_rules(rules_dir: Path) -> tuple[list[LoadedRule], list[RuleError]]:
    rules_dir = Path(rules_dir)
    templates = get_templates(rules_dir)
    loaded: list[LoadedRule] = []
    errors: list[RuleError] = []
    seen: dict[str, str] = {}
    files = sorted((rules_dir / "checks").glob("*.yaml")) + sorted((rules_dir / "checks").glob("*.yml"))
    for path in files:
        display = str(path.relative_to(rules_dir.parent)) if rules_dir.parent in path.parents else str(path)
        rule, errs = load_rule_file(path, templates, display, rules_dir)
        errors.extend(errs)
        if rule is None:
            continue
        if rule.spec.id in seen:
            errors.append(
                RuleError(display, 1, "id", f"duplicate rule id '{rule.spec.id}' (also in {seen[rule.spec.id]})")
            )
            continue
        seen[rule.spec.id] = display
        loaded.append(rule)
    loaded.sort(key=lambda r: r.spec.id)
    return loaded, errors
