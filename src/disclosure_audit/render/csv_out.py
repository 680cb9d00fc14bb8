"""ranking.csv, UTF-8 with BOM so spreadsheet programs open the Chinese text correctly."""

from __future__ import annotations

import csv
from pathlib import Path

from .ranking_rows import RANKING_HEADERS, SCORE_COLUMN, ranking_rows


def _cell(i: int, v) -> str | int:
    if v is None:
        return ""
    return f"{v:.1f}" if i == SCORE_COLUMN else v


def write_ranking_csv(result, path: Path, lang: str = "zh") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(RANKING_HEADERS[lang])
        for row in ranking_rows(result, lang):
            w.writerow([_cell(i, v) for i, v in enumerate(row)])
    return path
