"""The ranking as rows, shared by ranking.csv and ranking.xlsx so the two never drift apart.

Ranked reports come first in rank order; reports that could not be audited follow with empty rank,
score and grade cells, the status 未能审查 / not audited, the reason and what to ask the agency for."""

from __future__ import annotations

from ..extract.metadata import level_label
from .slugs import slug

RANKING_HEADERS = {
    "zh": [
        "名次",
        "机关",
        "层级",
        "地区",
        "年度",
        "格式",
        "得分",
        "等级",
        "错误",
        "警告",
        "提示",
        "无法核验",
        "文件",
        "页面",
        "状态",
        "待复核",
        "未能审查原因",
        "需向机关索取",
    ],
    "en": [
        "rank",
        "agency",
        "level",
        "region",
        "year",
        "format",
        "score",
        "grade",
        "errors",
        "warnings",
        "info",
        "not_evaluable",
        "file",
        "page",
        "status",
        "needs_review",
        "not_audited_reason",
        "ask_agency_for",
    ],
}

STATUS = {"zh": {True: "已审查", False: "未能审查"}, "en": {True: "audited", False: "not audited"}}
SCORE_COLUMN = RANKING_HEADERS["en"].index("score")
PAGE_COLUMN = RANKING_HEADERS["en"].index("page")


def ranking_rows(result, lang: str) -> list[list]:
    """Typed values (numbers as numbers, absent as None); each writer formats them its own way."""
    rows = []
    for s in result.scores:
        r = result.reports[s.report_id]
        na = r.not_audited if not s.audited else None
        rows.append(
            [
                s.rank,
                r.agency,
                r.level if lang == "zh" else level_label(r.level, r.level_source, lang),
                r.region,
                r.year,
                r.template,
                float(s.score) if s.score is not None else None,
                (s.grade if lang == "zh" else s.grade_en) if s.audited else None,
                int(s.counts["error"]),
                int(s.counts["warning"]),
                int(s.counts["info"]),
                int(s.counts["not_evaluable"]),
                r.file,
                f"agencies/{slug(r.report_id)}.html",
                STATUS[lang][s.audited],
                int(s.counts.get("needs_review", 0)),
                (na["zh"] if lang == "zh" else na["en"]) if na else None,
                (na["ask_zh"] if lang == "zh" else na["ask_en"]) if na else None,
            ]
        )
    return rows
