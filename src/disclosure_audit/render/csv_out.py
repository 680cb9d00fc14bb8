"""ranking.csv, UTF-8 with BOM so spreadsheet programs open the Chinese text correctly."""

from __future__ import annotations

import csv
from pathlib import Path

from .ranking_rows import ranking_headers, ranking_rows


def _cell(v) -> str | int:
    """Absent → empty cell; scores, deductions and changes with one decimal (100.0, 12.5, -22.0)."""
    if v is None:
        return ""
    return f"{v:.1f}" if isinstance(v, float) else v


def write_ranking_csv(result, path: Path, lang: str = "zh") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(ranking_headers(result.scoring, lang))
        for row in ranking_rows(result, lang):
            w.writerow([_cell(v) for v in row])
    return path
