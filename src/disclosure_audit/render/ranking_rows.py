"""The ranking as rows, shared by ranking.csv and ranking.xlsx so the two never drift apart.

Reports are listed newest year first, each year in rank order, with their rank in that year and in
that year and level: a 2019 report is not ranked against a 2022 one. Per category the points
deducted (after the category's cap), last year's score and the change. Reports that could not be
audited follow with empty rank, score, grade and deduction cells, the status 未能审查 / not
audited, the reason and what to ask the agency for."""

from __future__ import annotations

from ..zhtext.orgs import level_label
from .slugs import page_path

# (key, zh header); the English header is the key. A `deducted_*` column per scoring category
# goes where DEDUCTIONS stands.
DEDUCTIONS = "deducted_*"
COLUMNS: list[tuple[str, str]] = [
    ("year_rank", "年度名次"),
    ("level_rank", "层级名次"),
    ("agency", "机关"),
    ("level", "层级"),
    ("region", "地区"),
    ("year", "年度"),
    ("format", "格式"),
    ("score", "得分"),
    ("grade", "等级"),
    ("errors", "错误"),
    ("warnings", "警告"),
    ("info", "提示"),
    ("not_evaluable", "无法核验"),
    (DEDUCTIONS, ""),
    ("previous_score", "上年得分"),
    ("change", "较上年变化"),
    ("file", "文件"),
    ("page", "页面"),
    ("status", "状态"),
    ("needs_review", "待复核"),
    ("not_audited_reason", "未能审查原因"),
    ("ask_agency_for", "需向机关索取"),
]

STATUS = {"zh": {True: "已审查", False: "未能审查"}, "en": {True: "audited", False: "not audited"}}


def ranking_columns(scoring) -> list[tuple[str, str]]:
    """(key, zh header) of every column, the scoring categories' deduction columns included."""
    out: list[tuple[str, str]] = []
    for key, zh in COLUMNS:
        if key == DEDUCTIONS:
            out += [(f"deducted_{cat}", f"{cc.zh}扣分") for cat, cc in scoring.categories.items()]
        else:
            out.append((key, zh))
    return out


def ranking_headers(scoring, lang: str) -> list[str]:
    return [zh if lang == "zh" else key for key, zh in ranking_columns(scoring)]


def column_index(scoring, key: str) -> int:
    return [k for k, _ in ranking_columns(scoring)].index(key)


def ranking_rows(result, lang: str) -> list[list]:
    """Typed values (numbers as numbers, absent as None); each writer formats them its own way."""
    rows = []
    for s in result.scores:
        r = result.reports[s.report_id]
        na = r.not_audited if not s.audited else None
        prev = result.previous_scores.get(s.report_id) if s.audited else None
        values = {
            "year_rank": s.year_rank,
            "level_rank": s.level_rank,
            "agency": r.agency,
            "level": level_label(r.level, r.level_source, lang),
            "region": r.region,
            "year": r.year,
            "format": r.template,
            "score": float(s.score) if s.score is not None else None,
            "grade": (s.grade if lang == "zh" else s.grade_en) if s.audited else None,
            "errors": int(s.counts["error"]),
            "warnings": int(s.counts["warning"]),
            "info": int(s.counts["info"]),
            "not_evaluable": int(s.counts["not_evaluable"]),
            "previous_score": float(prev["score"]) if prev and prev["score"] is not None else None,
            "change": float(prev["change"]) if prev and prev.get("change") is not None else None,
            "file": r.file,
            "page": page_path(r.report_id),
            "status": STATUS[lang][s.audited],
            "needs_review": int(s.counts.get("needs_review", 0)),
            "not_audited_reason": (na["zh"] if lang == "zh" else na["en"]) if na else None,
            "ask_agency_for": (na["ask_zh"] if lang == "zh" else na["ask_en"]) if na else None,
        }
        for cat in result.scoring.categories:
            values[f"deducted_{cat}"] = float(s.categories[cat]["lost"]) if s.audited else None
        rows.append([values[key] for key, _ in ranking_columns(result.scoring)])
    return rows
