"""What every rule kind sees: all reports, their stacked frames, and the template data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Report
from ..templates import TableDef, Templates

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class RunContext:
    reports: dict[str, Report]
    templates: Templates
    rules_dir: Path | None = None
    _wide: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)

    @cached_property
    def cells(self) -> pd.DataFrame:
        from .frames import cells_frame

        return cells_frame(list(self.reports.values()), self.templates)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        from .frames import paragraphs_frame

        return paragraphs_frame(list(self.reports.values()))

    @cached_property
    def lines(self) -> pd.DataFrame:
        """Every non-empty source line of every readable report, for text pattern rules."""
        import pandas as pd

        recs = [
            (rid, i, s)
            for rid, r in self.reports.items()
            if r.machine_readable
            for i, s in enumerate(r.lines, start=1)
            if s.strip()
        ]
        return pd.DataFrame.from_records(recs, columns=["report_id", "line", "text"])

    def wide(self, table: str, per: str) -> pd.DataFrame:
        key = (table, per)
        if key not in self._wide:
            from .frames import wide

            self._wide[key] = wide(self.cells, table, per)
        return self._wide[key]

    def version_of(self, report_id: str) -> str:
        r = self.reports[report_id]
        if r.template:
            return r.template
        if r.year and (v := self.templates.version_for_year(r.year)):
            return v
        return max(self.templates.versions)

    def tdef(self, report_id: str, table: str) -> TableDef:
        return self.templates.versions[self.version_of(report_id)].tables[table]
