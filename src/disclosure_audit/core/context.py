"""What every rule kind sees: all reports, their stacked frames, and the template data."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from ..model import Report
from ..templates import TableDef, Templates
from ..zhtext.orgs import agency_key
from .problems import BrokenRule

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")


class ReportHistory(Protocol):
    """Reports of earlier runs (engine.history.History), for the cross-year rules."""

    def report_for(self, agency: str, year: int) -> Report | None: ...


class WaiverEntry(Protocol):
    """A waiver of the waivers file (engine.waivers.Waiver)."""

    @property
    def line(self) -> int: ...
    @property
    def expires(self) -> date: ...
    @property
    def approver(self) -> str: ...
    @property
    def reason(self) -> str: ...
    def label(self) -> str: ...


class ConfirmationEntry(Protocol):
    """A reviewer's confirmation of the waivers file (engine.waivers.Confirmation)."""

    @property
    def line(self) -> int: ...
    @property
    def reviewer(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def note(self) -> str: ...
    def label(self) -> str: ...


class WaiverOutcome(Protocol):
    """What became of one entry of the waivers file in this run (engine.waivers.WaiverStatus)."""

    @property
    def waiver(self) -> WaiverEntry | ConfirmationEntry: ...
    @property
    def status(self) -> Literal["expired", "unused", "confirmation_unused"]: ...
    @property
    def report_id(self) -> str | None: ...


@dataclass
class RunContext:
    reports: dict[str, Report]
    templates: Templates
    rules_dir: Path | None = None
    history: ReportHistory | None = None
    waiver_statuses: list[WaiverOutcome] = field(default_factory=list)
    # rules that raised while evaluated (the runner isolates them and goes on)
    broken_rules: list[BrokenRule] = field(default_factory=list)
    # per rule that ran to the end: the reports it was evaluated on (scope: format version, readable
    # or not), and of those the ones it had nothing to check for, with the reason (zh, en)
    evaluated: dict[str, list[str]] = field(default_factory=dict)
    nothing_to_check: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # what a non-default engine did (`run --engine gx`: checks, fallback reports); empty for the default
    engine: dict = field(default_factory=dict)
    _wide: dict[tuple[str, str], tuple[pd.DataFrame, int]] = field(default_factory=dict, repr=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _previous: dict[str, Report | None] = field(default_factory=dict, repr=False)

    @cached_property
    def cells(self) -> pd.DataFrame:
        from .frames import cells_frame

        return cells_frame(list(self.reports.values()), self.templates)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        from .frames import paragraphs_frame

        return paragraphs_frame(list(self.reports.values()))

    @cached_property
    def line_records(self) -> list[tuple[str, int, str]]:
        """(report id, line number, text) of every non-empty source line of every readable report, in
        report and line order: plain tuples, for the kinds that scan every line with a regex (a
        pandas column of Arrow strings costs more to iterate than the scan itself)."""
        return [
            (rid, i, s)
            for rid, r in self.reports.items()
            if r.machine_readable
            for i, s in enumerate(r.lines, start=1)
            if s.strip()
        ]

    @cached_property
    def lines(self) -> pd.DataFrame:
        """Every non-empty source line of every readable report, for text pattern rules."""
        import pandas as pd

        return pd.DataFrame.from_records(self.line_records, columns=["report_id", "line", "text"])

    def exact_wide(self, table: str, per: str) -> tuple[pd.DataFrame, int]:
        """(frame, e): the table's values as exact integers, value = entry × 10**e; index (report_id,
        column) for per='column', (report_id, row) for per='row'; NaN where a cell has no value."""
        key = (table, per)
        if key not in self._wide:
            from .frames import exact_wide

            self._wide[key] = exact_wide(self.cells, table, per)
        return self._wide[key]

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed once per run and shared by the rules that need it (e.g. a report's prose
        units for one set of text parameters). `key` names the kind and identifies the inputs by
        value (report ids, parameters), never by object identity."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def _by_agency_year(self) -> dict[tuple[str, int], str]:
        out: dict[tuple[str, int], str] = {}
        for rid, r in sorted(self.reports.items()):
            if r.agency and r.year and r.machine_readable:
                out.setdefault((agency_key(r.agency), r.year), rid)
        return out

    def previous_report(self, report_id: str) -> Report | None:
        """The same agency's machine-readable report for the year before: from this run if present,
        else from the history of earlier runs (engine.history). None when neither has it. Looked
        up once per report and run, so every rule sees the same object."""
        if report_id not in self._previous:
            self._previous[report_id] = self._find_previous(self.reports[report_id])
        return self._previous[report_id]

    def _find_previous(self, r: Report) -> Report | None:
        if not (r.agency and r.year):
            return None
        rid = self._by_agency_year.get((agency_key(r.agency), r.year - 1))
        if rid is not None:
            return self.reports[rid]
        if self.history is not None:
            prev = self.history.report_for(r.agency, r.year - 1)
            if prev is not None and prev.machine_readable:
                return prev
        return None

    def report_version(self, r: Report) -> str:
        return self.templates.version_of(r.template, r.year)

    def version_of(self, report_id: str) -> str:
        return self.report_version(self.reports[report_id])

    def table_def(self, r: Report, table: str) -> TableDef:
        """The definition a report's table was read with (its own version, which for a mixed-format
        table may differ from the report's), for any report, this run's or the history's."""
        t = r.tables.get(table)
        version = t.version if t is not None and t.version else self.report_version(r)
        return self.templates.versions[version].tables[table]

    def tdef(self, report_id: str, table: str) -> TableDef:
        return self.table_def(self.reports[report_id], table)
