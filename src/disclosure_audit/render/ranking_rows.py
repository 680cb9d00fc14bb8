"""The ranking as rows, shared by ranking.csv and ranking.xlsx so the two never drift apart."""

from __future__ import annotations

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
    ],
}


def ranking_rows(result, lang: str) -> list[list]:
    """Typed values (numbers as numbers, absent as None); each writer formats them its own way."""
    rows = []
    for s in result.scores:
        r = result.reports[s.report_id]
        rows.append(
            [
                s.rank,
                r.agency,
                r.level,
                r.region,
                r.year,
                r.template,
                float(s.score),
                s.grade if lang == "zh" else s.grade_en,
                int(s.counts["error"]),
                int(s.counts["warning"]),
                int(s.counts["info"]),
                int(s.counts["not_evaluable"]),
                r.file,
                f"agencies/{slug(r.report_id)}.html",
            ]
        )
    return rows
