"""What a table rule becomes outside our engine: SQL checks over the `facts` long table.

A `SqlCheck` is one query that returns the rule's instances with one outcome, for one format
version. The query is portable SQL (SQLite and PostgreSQL) with GX's `{batch}` placeholder where
the facts table goes, so the same text runs inside GX (`UnexpectedRowsExpectation`-style), in the
exported suites, and against a data team's own database.

Rows each kind's queries return (the contract between the compiler, the exported suites and the
GX engine, which turns rows back into findings with the kind's own evidence code):

- identity, outcome failed: report_id, instance — one row per failing (report, column or row) for
  one binding of the rule's `each` (SqlCheck.binding)
- identity, outcome not_evaluable: report_id, instance, operand, operand_kind — one row per blank
  or missing operand of an instance that has any; operand_kind is the cell's kind ('missing' when
  there is no fact row). operand_kind = 'number' marks a figure SQL cannot add exactly (`scaled` IS
  NULL, or so large that the sum could overflow 64 bits): the default engine would decide that
  instance, so the GX engine falls back to it for these rows; a data team reads them as "could not
  check", never as a failure
- non_empty, values, money_unit (outcome failed): report_id, table_key, row_key, column_key — one
  row per flagged cell. A number cell whose `scaled` IS NULL is never flagged by a check that reads
  its value (values non_negative/integer, money_unit magnitude, nor as the item count of a
  magnitude check): the GX engine falls back to the default engine for such cells

Rows come in a deterministic order on every database: by `fact_id` (the facts table's reading
order), then operand position; text collations differ between databases, so no query orders by a
text column.

A rule whose kind has no SQL form is a `NotExported` with the reason, listed in the export's README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Outcome = Literal["failed", "not_evaluable"]

IDENTITY_FAILED = ("report_id", "instance")
IDENTITY_NOT_EVALUABLE = ("report_id", "instance", "operand", "operand_kind")
CELL_ROWS = ("report_id", "table_key", "row_key", "column_key")


@dataclass(frozen=True)
class SqlCheck:
    rule_id: str
    kind: str
    version: str  # the format version whose rows and columns the query names ("2019" / "2021")
    outcome: Outcome
    query: str  # portable SQL with `{batch}` for the facts table; returns `columns`, ordered
    columns: tuple[str, ...]
    binding: int = 0  # index into the rule's bindings (identity `each`); 0 when it has none
    meta: dict = field(default_factory=dict)  # rule id, severity, titles and messages, for GX `meta`
    description: str = ""  # one line for a data team: what a returned row means

    @property
    def name(self) -> str:
        """Unique within an export: the rule, the version, the binding and the outcome."""
        suffix = f"-b{self.binding}" if self.binding else ""
        return f"{self.rule_id}-{self.version}{suffix}-{self.outcome}"


@dataclass(frozen=True)
class NotExported:
    rule_id: str
    kind: str
    reason_zh: str
    reason_en: str
