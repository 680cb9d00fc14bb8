"""Publication deadline (条例 第四十九条, with local overrides in rules/deadlines.yaml).

A deduction needs positive evidence: the publication date, and the level of the publishing body
from the manifest or from a clear suffix of its name (…局, …人民政府, …街道办事处). When the level is
only guessed from a place name (淮安市) or unknown, the report is judged against every level's
deadline: late under all of them is still late (counted from the latest deadline), on time under
all of them passes, and anything in between cannot be decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Report
from ...zhtext.orgs import LEVEL_EN, LEVEL_SOURCE_GUESSED
from ..params.deadline import DeadlineConf, DeadlineParams, load_deadlines
from ..registry import RuleKind

# Where the publication date came from, for the evidence.
SOURCE_TEXT = {
    "manifest": ("清单", "register"),
    "online": ("网页发布时间", "online date"),
    "signature": ("正文落款", "signature date"),
}


def published_source(r: Report) -> str:
    """manifest / online (a crawler's 发布时间, set by the reader) / signature (the report's own date)."""
    if r.manifest.get("published"):
        return "manifest"
    if r.text_meta.get("published_source") == "online":
        return "online"
    return "signature"


def level_is_known(r: Report) -> bool:
    """A level from the manifest or from a clear suffix of the name; not a place-name guess."""
    return r.level is not None and r.level_source != LEVEL_SOURCE_GUESSED


def _levels(levels: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else "/").join(lv if lang == "zh" else LEVEL_EN.get(lv, lv) for lv in levels)


class Deadline(RuleKind):
    params: DeadlineParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        conf = load_deadlines(Path(ctx.rules_dir or "rules") / self.params.file)
        for rid in report_ids:
            hit = self._judge(ctx.reports[rid], rid, conf)
            if hit is not None:
                yield hit

    def _judge(self, r: Report, rid: str, conf: DeadlineConf) -> Hit | None:
        known = (("发布日期", "publication date", r.published), ("年度", "year", r.year))
        missing = [(zh, en) for zh, en, v in known if not v]
        if missing:
            return _not_evaluable(
                rid, "、".join(zh for zh, _ in missing) + "不明", " and ".join(en for _, en in missing) + " unknown"
            )
        try:
            published = date.fromisoformat(str(r.published))
        except ValueError:
            zh, en = f"发布日期“{r.published}”不是有效日期", f"publication date '{r.published}' is not a date"
            return _not_evaluable(rid, zh, en)
        if level_is_known(r) and r.level not in conf.default:
            zh, en = f"机关层级“{r.level}”无对应时限", f"no deadline is configured for level '{r.level}'"
            return _not_evaluable(rid, zh, en)
        source = published_source(r)
        src_zh, src_en = SOURCE_TEXT[source]
        common = {"published": published.isoformat(), "source": src_zh, "source_en": src_en, "region": r.region or ""}
        details = {"published_source": source, "level_source": r.level_source}
        if level_is_known(r):
            due, basis = conf.due(r.year, r.region, r.level)
            late = (published - due).days
            if late <= 0:
                return None
            return _late(
                rid,
                r,
                published,
                due,
                late,
                {
                    **common,
                    "basis": basis,
                    "level": r.level,
                    "due_label": f"{r.level}时限",
                    "due_label_en": f"the {LEVEL_EN.get(r.level, r.level)} deadline",
                    "level_note": "",
                    "level_note_en": "",
                },
                details,
            )
        # Level guessed from a place name, or unknown: judge against every level's deadline.
        dues = {lv: conf.due(r.year, r.region, lv) for lv in conf.default}
        earliest = min(d for d, _ in dues.values())
        latest = max(d for d, _ in dues.values())
        at_earliest = [lv for lv, (d, _) in dues.items() if d == earliest]
        at_latest = [lv for lv, (d, _) in dues.items() if d == latest]
        if r.level is None:
            why_zh, why_en = "机关层级不明", "the level of the publishing body is unknown"
        else:
            why_zh = f"机关层级系根据名称推断（{r.level}（推断））"
            why_en = f"the level is guessed from the agency name ({LEVEL_EN.get(r.level, r.level)} (guessed))"
        if published <= earliest:
            return None
        if published > latest:
            basis = dues[at_latest[0]][1]
            return _late(
                rid,
                r,
                published,
                latest,
                (published - latest).days,
                {
                    **common,
                    "basis": basis,
                    "level": _levels(at_latest, "zh"),
                    "due_label": f"各层级中最晚的时限（{_levels(at_latest, 'zh')}）",
                    "due_label_en": f"the latest deadline of any level ({_levels(at_latest, 'en')})",
                    "level_note": f"；{why_zh}，按最晚时限计算",
                    "level_note_en": f"; {why_en}, so the latest deadline is used",
                },
                {**details, "judged_against": "latest deadline of any level"},
            )
        late = (published - earliest).days
        zh = (
            f"{why_zh}，{published.isoformat()}公布（{src_zh}），按{_levels(at_earliest, 'zh')}时限"
            f"{earliest.isoformat()}逾期{late}天，按{_levels(at_latest, 'zh')}时限{latest.isoformat()}未逾期"
        )
        en = (
            f"{why_en}; published {published.isoformat()} ({src_en}), {late} day(s) after the "
            f"{_levels(at_earliest, 'en')} deadline {earliest.isoformat()} but within the "
            f"{_levels(at_latest, 'en')} deadline {latest.isoformat()}"
        )
        hit = _not_evaluable(rid, zh, en)
        hit.line, hit.raw = r.published_line, r.published
        pub = published.isoformat()
        hit.arithmetic = f"{pub} − {earliest.isoformat()} = {late}天；{pub} ≤ {latest.isoformat()}"
        hit.details = {**details, "deadlines": {lv: d.isoformat() for lv, (d, _) in dues.items()}}
        return hit


def _not_evaluable(rid: str, zh: str, en: str) -> Hit:
    return Hit(report_id=rid, outcome="not_evaluable", params={"reason_zh": zh, "reason_en": en})


def _late(rid: str, r: Report, published: date, due: date, late: int, params: dict, details: dict) -> Hit:
    return Hit(
        report_id=rid,
        line=r.published_line,
        raw=r.published,
        expected=f"{due.isoformat()}前",
        found=f"{r.published}（{params['source']}）",
        arithmetic=f"{published.isoformat()} − {due.isoformat()} = {late}天",
        params={"days": late, "due": due.isoformat(), **params},
        details=details,
    )
