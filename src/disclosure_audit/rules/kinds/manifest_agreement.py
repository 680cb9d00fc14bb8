"""What the report says about itself vs the office's manifest (agency, year, publication date)."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ...zhtext.orgs import agency_key
from ..registry import RuleKind

FIELDS = {"agency": ("发布机关", "agency"), "year": ("报告年度", "report year"), "published": ("发布日期", "date")}


class ManifestAgreement(RuleKind):
    def nothing_to_check(self, ctx: RunContext, report_id: str) -> tuple[str, str] | None:
        if any(ctx.reports[report_id].manifest.get(k) for k in FIELDS):
            return None
        return ("报送清单中没有本报告的登记，无从比对", "the manifest has no row for this report: nothing to compare")

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            r = ctx.reports[rid]
            for key, (zh, en) in FIELDS.items():
                mv, tv = r.manifest.get(key), r.text_meta.get(key)
                if not mv or tv in (None, ""):
                    continue
                if key == "agency":
                    a, b = agency_key(mv), agency_key(str(tv))
                    if a in b or b in a:
                        continue
                elif str(tv) == mv:
                    continue
                if key == "published" and str(tv) <= mv:
                    continue  # the signature date may precede going online; only a later one contradicts
                yield Hit(
                    report_id=rid,
                    raw=str(tv),
                    expected=mv,
                    found=str(tv),
                    params={"field_zh": zh, "field_en": en, "text_value": str(tv), "manifest_value": mv},
                )
