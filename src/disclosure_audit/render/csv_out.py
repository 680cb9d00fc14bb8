"""ranking.csv, UTF-8 with BOM so spreadsheet programs open the Chinese text correctly."""

from __future__ import annotations

from pathlib import Path

from .ranking_rows import ranking_headers, ranking_rows
from .sheet_cells import write_csv


def _cell(v) -> str | int:
    """Absent → empty cell; scores, deductions and changes with one decimal (100.0, 12.5, -22.0)."""
    if v is None:
        return ""
    return f"{v:.1f}" if isinstance(v, float) else v


def write_ranking_csv(result, path: Path, lang: str = "zh") -> Path:
    """Text a spreadsheet would run as a formula is written quoted (sheet_cells)."""
    rows = [[_cell(v) for v in row] for row in ranking_rows(result, lang)]
    return write_csv(path, [ranking_headers(result.scoring, lang), *rows])
