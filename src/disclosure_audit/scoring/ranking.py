"""Ranks: over the run, within each year, and within each year and level (政府 / 部门 / 乡镇街道).

One ordering key for all three (scoring.yaml `tie_break`: score, then fewer errors, then fewer
warnings), so a year's ranking is exactly the run's ranking restricted to that year, renumbered.
Equal keys share a rank and the next rank skips (1, 2, 2, 4), the usual competition ranking; the
index page's script renumbers filtered rows with the same rule from the same key (`rank_key`).
Reports that could not be audited get no rank of any kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING

from ..model import Report

if TYPE_CHECKING:
    from . import ReportScore, ScoringConf

_TIE_KEYS: dict[str, Callable[[ReportScore], float]] = {
    "score_desc": lambda s: -s.score,
    "errors_asc": lambda s: s.tie_counts.get("error", s.counts["error"]),
    "warnings_asc": lambda s: s.tie_counts.get("warning", s.counts["warning"]),
    "not_evaluable_asc": lambda s: s.counts["not_evaluable"],
}


def rank_key(s: ReportScore, conf: ScoringConf) -> tuple[float, ...]:
    """The ordering key of an audited report; smaller is better, equal keys share a rank."""
    return tuple(_TIE_KEYS[k](s) for k in conf.tie_break)


def competition_ranks(keys: Iterable[tuple]) -> list[int]:
    """Ranks of already sorted keys: equal neighbours share the rank, the next one skips (1, 2, 2, 4)."""
    out: list[int] = []
    prev = None
    for i, k in enumerate(keys, start=1):
        out.append(out[-1] if prev is not None and k == prev else i)
        prev = k
    return out


def _assign(ordered: list[ReportScore], group: Callable[[ReportScore], Hashable | None], conf, attr: str) -> None:
    """Rank each group of `ordered` (kept in order) by itself; a report whose group is None gets none."""
    groups: dict[Hashable, list[ReportScore]] = defaultdict(list)
    for s in ordered:
        g = group(s)
        if g is None:
            setattr(s, attr, None)
            setattr(s, f"{attr}ed", None)
        else:
            groups[g].append(s)
    for members in groups.values():
        for s, n in zip(members, competition_ranks(rank_key(m, conf) for m in members), strict=True):
            setattr(s, attr, n)
            setattr(s, f"{attr}ed", len(members))


def rank(scores: list[ReportScore], reports: dict[str, Report], conf: ScoringConf) -> list[ReportScore]:
    """Rank the audited reports overall, per year and per year and level, and return the scores in
    the order every output lists them: newest year first (a report without a year last), then by
    rank; agency name and report id only fix the order of ties, so output is deterministic. Reports
    that could not be audited follow, by agency name and report id, with no rank."""

    def name(s: ReportScore) -> tuple:
        return (reports[s.report_id].agency or "\uffff", s.report_id)

    audited = sorted((s for s in scores if s.audited), key=lambda s: (*rank_key(s, conf), *name(s)))
    for s, n in zip(audited, competition_ranks(rank_key(s, conf) for s in audited), strict=True):
        s.rank = n
    year = {s.report_id: reports[s.report_id].year for s in audited}
    # a report whose year is unknown is ranked with the others of unknown year, listed last
    _assign(audited, lambda s: ("year", year[s.report_id]), conf, "year_rank")
    _assign(
        audited,
        lambda s: (year[s.report_id], lvl) if (lvl := reports[s.report_id].level) else None,
        conf,
        "level_rank",
    )
    audited.sort(key=lambda s: (year[s.report_id] is None, -(year[s.report_id] or 0), s.year_rank, *name(s)))
    rest = sorted((s for s in scores if not s.audited), key=name)
    for s in rest:
        s.rank = s.year_rank = s.year_ranked = s.level_rank = s.level_ranked = None
    return audited + rest
