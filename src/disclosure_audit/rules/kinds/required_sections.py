"""The six standard sections: presence, order, numbering, extra top-level headings, wording."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Literal

from ...engine.context import RunContext
from ...engine.finding import Hit
from ..registry import KindParams, RuleKind, register


class SectionsParams(KindParams):
    check: Literal["missing", "order", "numbering", "extra", "wording"]


@register("required_sections")
class RequiredSections(RuleKind):
    Params = SectionsParams
    doc = "checks the outline against the six standard headings of the format"
    params: SectionsParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        std = {s.number: s.heading for s in ctx.templates.sections}
        ordinals = ctx.templates.ordinals
        for rid in report_ids:
            secs = ctx.reports[rid].sections
            yield from getattr(self, f"_{self.params.check}")(rid, secs, std, ordinals)

    def _missing(self, rid, secs, std, ordinals):
        present = {s.number for s in secs if s.number}
        for n in sorted(set(std) - present):
            heading = f"{ordinals[n - 1]}、{std[n]}"
            yield Hit(
                report_id=rid, section=n, expected=heading, found="（缺失）", params={"heading": heading, "number": n}
            )

    def _order(self, rid, secs, std, ordinals):
        nums = [s for s in secs if s.number]
        for prev, cur in itertools.pairwise(nums):
            if cur.number < prev.number:
                yield Hit(
                    report_id=rid,
                    section=cur.number,
                    raw=cur.heading,
                    line=cur.line,
                    expected=f"{ordinals[prev.number - 1]}在{ordinals[cur.number - 1]}之后",
                    found=f"{cur.heading}（第{cur.line}行）位于{prev.heading}（第{prev.line}行）之后",
                    params={"heading": cur.heading, "after": prev.heading},
                )

    def _numbering(self, rid, secs, std, ordinals):
        for s in secs:
            if s.number and not s.standard_numbering:
                want = f"{ordinals[s.number - 1]}、"
                yield Hit(
                    report_id=rid,
                    section=s.number,
                    raw=s.heading,
                    line=s.line,
                    expected=want,
                    found=s.ordinal,
                    params={"heading": s.heading, "ordinal": s.ordinal, "want": want},
                )

    def _extra(self, rid, secs, std, ordinals):
        used = {}
        for s in secs:
            if s.number:
                used[s.ordinal.rstrip("、.．,，:： ")] = s.heading
        for s in secs:
            if s.number is None:
                o = s.ordinal.rstrip("、.．,，:： ")
                dup = next((h for k, h in used.items() if k == o), None)
                yield Hit(
                    report_id=rid,
                    raw=s.heading,
                    line=s.line,
                    expected="六个标准部分之一",
                    found=s.heading,
                    params={
                        "heading": s.heading,
                        "dup_zh": f"，与“{dup}”序号重复" if dup else "",
                        "dup_en": f"; its ordinal duplicates '{dup}'" if dup else "",
                    },
                )

    def _wording(self, rid, secs, std, ordinals):
        for s in secs:
            if s.number and not s.standard_wording:
                want = std[s.number]
                yield Hit(
                    report_id=rid,
                    section=s.number,
                    raw=s.heading,
                    line=s.line,
                    expected=want,
                    found=s.heading,
                    params={"heading": s.heading, "want": want},
                )
