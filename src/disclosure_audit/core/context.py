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


def agency_key(name: str) -> str:
    """One key for the short and full forms of a name (港门镇 / 港门镇人民政府)."""
    import re

    return re.sub(r"(人民政府|政府|办事处)$", "", re.sub(r"\s+", "", name))


@dataclass
class RunContext:
    reports: dict[str, Report]
    templates: Templates
    rules_dir: Path | None = None
    history: object | None = None  # engine.history.History: reports of earlier runs, for cross-year rules
    waiver_statuses: list = field(default_factory=list)  # engine.waivers.WaiverStatus: expired/unused
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

    @cached_property
    def _by_agency_year(self) -> dict[tuple[str, int], str]:
        out: dict[tuple[str, int], str] = {}
        for rid, r in sorted(self.reports.items()):
            if r.agency and r.year and r.machine_readable:
                out.setdefault((agency_key(r.agency), r.year), rid)
        return out

    def previous_report(self, report_id: str) -> Report | None:
        """The same agency's report for the year before: from this run if present, else from the
        history of earlier runs (engine.history). None when neither has it."""
        r = self.reports[report_id]
        if not (r.agency and r.year):
            return None
        rid = self._by_agency_year.get((agency_key(r.agency), r.year - 1))
        if rid is not None:
            return self.reports[rid]
        if self.history is not None:
            return self.history.report_for(r.agency, r.year - 1)
        return None

    def version_of(self, report_id: str) -> str:
        r = self.reports[report_id]
        if r.template:
            return r.template
        if r.year and (v := self.templates.version_for_year(r.year)):
            return v
        return max(self.templates.versions)

    def tdef(self, report_id: str, table: str) -> TableDef:
        t = self.reports[report_id].tables.get(table)
        version = t.version if t is not None and t.version else self.version_of(report_id)
        return self.templates.versions[version].tables[table]
