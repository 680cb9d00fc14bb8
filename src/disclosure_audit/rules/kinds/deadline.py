"""Publication deadline (条例 第四十九条, with local overrides in rules/deadlines.yaml)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ...engine.context import RunContext
from ...engine.finding import Hit
from ..registry import KindParams, ParamError, RuleKind, register


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
    return DeadlineConf.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


class DeadlineParams(KindParams):
    file: str = "deadlines.yaml"


@register("deadline")
class Deadline(RuleKind):
    Params = DeadlineParams
    doc = "publication date after the deadline for the body's level and region"
    params: DeadlineParams

    def check_params(self, templates, rules_dir) -> None:
        if rules_dir is None:
            return
        try:
            load_deadlines(Path(rules_dir) / self.params.file)
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise ParamError("file", f"{self.params.file}: {exc}") from exc

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        conf = load_deadlines(Path(ctx.rules_dir or "rules") / self.params.file)
        for rid in report_ids:
            r = ctx.reports[rid]
            missing = [x for x, v in (("发布日期", r.published), ("年度", r.year), ("机关层级", r.level)) if not v]
            if missing or r.level not in conf.default:
                zh = "、".join(missing) + "不明" if missing else f"机关层级“{r.level}”无对应时限"
                yield Hit(report_id=rid, outcome="not_evaluable", params={"reason_zh": zh, "reason_en": zh})
                continue
            due, basis = conf.due(r.year, r.region, r.level)
            published = date.fromisoformat(r.published)
            late = (published - due).days
            if late > 0:
                source = "清单" if r.manifest.get("published") else "正文落款"
                yield Hit(
                    report_id=rid,
                    line=r.published_line,
                    raw=r.published,
                    expected=f"{due.isoformat()}前",
                    found=r.published,
                    arithmetic=f"{published.isoformat()} − {due.isoformat()} = {late}天",
                    params={
                        "days": late,
                        "due": due.isoformat(),
                        "published": r.published,
                        "level": r.level,
                        "basis": basis,
                        "source": source,
                        "region": r.region or "",
                    },
                )
