"""ranking.csv, UTF-8 with BOM so spreadsheet programs open the Chinese text correctly."""

from __future__ import annotations

import csv
from pathlib import Path

from .slugs import slug

HEADERS = {
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


def write_ranking_csv(result, path: Path, lang: str = "zh") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADERS[lang])
        for s in result.scores:
            r = result.reports[s.report_id]
            w.writerow(
                [
                    s.rank,
                    r.agency or "",
                    r.level or "",
                    r.region or "",
                    r.year or "",
                    r.template or "",
                    f"{s.score:.1f}",
                    s.grade if lang == "zh" else s.grade_en,
                    s.counts["error"],
                    s.counts["warning"],
                    s.counts["info"],
                    s.counts["not_evaluable"],
                    r.file,
                    f"agencies/{slug(r.report_id)}.html",
                ]
            )
    return path
