"""deadline: publication date against the deadline for the body's level and region
(rules/deadlines.yaml, validated when the rule loads)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..registry import KindDecl, KindParams, ParamError
from ..yamlpos import load_plain


class _Due(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    month: int
    day: int
    basis: str


class _Override(_Due):
    region: str | None = None
    level: str | None = None


class DeadlineConf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    default: dict[str, _Due]
    overrides: tuple[_Override, ...] = ()

    def due(self, year: int, region: str | None, level: str) -> tuple[date, str]:
        for o in self.overrides:
            if (o.region is None or o.region == region) and (o.level is None or o.level == level):
                return date(year + 1, o.month, o.day), o.basis
        d = self.default[level]
        return date(year + 1, d.month, d.day), d.basis


@cache
def load_deadlines(path: Path) -> DeadlineConf:
    return DeadlineConf.model_validate(load_plain(path.read_text(encoding="utf-8")))


class DeadlineParams(KindParams):
    file: str = "deadlines.yaml"

    def check_params(self, spec, templates, rules_dir) -> None:
        if rules_dir is None:
            return
        try:
            load_deadlines(Path(rules_dir) / self.file)
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise ParamError("file", f"{self.file}: {exc}") from exc


KIND = KindDecl(
    name="deadline",
    params=DeadlineParams,
    evaluator="disclosure_audit.rules.kinds.deadline:Deadline",
    doc="publication date after the deadline for the body's level and region",
)
