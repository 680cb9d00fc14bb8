"""What went wrong with the run's own inputs, as records: a rule or waivers file that could not be
used (`RuleError`, with file and line), and a rule that raised while it was evaluated
(`BrokenRule`). Both are listed in findings.json, on the index page and on stderr; neither stops
the run, and neither is a finding about a report."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RuleError:
    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


@dataclass(frozen=True)
class BrokenRule:
    """A rule whose evaluation raised. It produced no findings at all in this run (a partial result
    would be neither a pass nor a fail); the reports it was evaluating were not checked by it."""

    rule_id: str
    file: str
    kind: str
    error: str  # exception type
    message: str
    where: str  # file:line of the innermost frame, e.g. "identity.py:88"
    reports: tuple[str, ...]

    @classmethod
    def from_exception(cls, rule_id: str, file: str, kind: str, exc: BaseException, reports: list[str]) -> BrokenRule:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        return cls(rule_id, file, kind, type(exc).__name__, str(exc), where, tuple(reports))

    @property
    def summary(self) -> str:
        """The message's first line, at most 200 characters (the full text is in `message`)."""
        first = self.message.strip().splitlines()[0] if self.message.strip() else ""
        return first if len(first) <= 200 and "\n" not in self.message.strip() else first[:200] + " …"

    def __str__(self) -> str:
        shown = ", ".join(self.reports[:5]) + (f" … ({len(self.reports)} reports)" if len(self.reports) > 5 else "")
        return (
            f"{self.file}: rule {self.rule_id} ({self.kind}) raised {self.error}: {self.summary} [{self.where}]; "
            f"not checked: {shown}"
        )

    def to_json(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "file": self.file,
            "kind": self.kind,
            "error": self.error,
            "message": self.message,
            "where": self.where,
            "reports": list(self.reports),
        }
