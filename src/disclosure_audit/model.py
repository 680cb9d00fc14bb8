"""The Report model: what extraction hands to the rules.

Every value keeps its provenance (raw text, source line) because a reviewer must be able to
point an agency at the exact place in its own document. Blank, "/", "-", "0" and "0项" are kept
apart by `Cell.kind` and `Cell.raw`; only `kind == "number"` carries a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

CellKind = Literal["number", "blank", "slash", "dash", "text", "missing", "ambiguous"]
Number = int | Decimal

NO_VALUE_KINDS: frozenset[str] = frozenset({"blank", "slash", "dash", "text", "missing", "ambiguous"})

# How a value was obtained when the source did not print it as one separated cell. A finding that
# rests on such a cell needs a reviewer's confirmation before it deducts anything.
#   segmented – a run of digits with its separators lost, split by the table's own arithmetic
#   placed    – values printed apart from their row label, placed by the format's row order
#   aligned   – a row with blank cells in text that has no cell separators, placed by column position
Reading = Literal["segmented", "placed", "aligned"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as printed. `missing` means the source row had no cell at that position;
    `ambiguous` means the text admits several readings (listed in `candidates`) and the reader
    will not pick one: rules treat it as not evaluable, never as blank or zero."""

    raw: str | None
    kind: CellKind
    value: Number | None = None
    unit: str | None = None
    line: int | None = None
    page: int | None = None
    candidates: tuple[str, ...] = ()
    reading: Reading | None = None

    @property
    def has_value(self) -> bool:
        return self.kind == "number"

    def to_json(self) -> dict:
        value: int | float | None
        if self.value is None:
            value = None
        elif isinstance(self.value, Decimal):
            value = int(self.value) if self.value == self.value.to_integral_value() else float(self.value)
        else:
            value = self.value
        out = {
            "raw": self.raw if self.raw is not None else "",
            "value": value,
            "unit": self.unit,
            "kind": self.kind,
            "line": self.line,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.candidates:
            out["candidates"] = list(self.candidates)
        if self.reading is not None:
            out["reading"] = self.reading
        return out


MISSING_CELL = Cell(raw=None, kind="missing")


@dataclass(slots=True)
class Table:
    """A standard table mapped onto canonical row/column keys of one template version."""

    key: str
    found: bool = False
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    header_units: dict[str, str] = field(default_factory=dict)
    first_line: int | None = None
    last_line: int | None = None
    # Some label of this table (caption, header or row label) occurs in the text. A table whose
    # labels are present but whose cells could not be read is an extraction failure, not a
    # missing table.
    labels_seen: bool = False
    # Why the reading may be wrong (separators lost, page break inside the table, values placed by
    # row order, wrapped labels): empty for a table read from clean cells.
    uncertain: tuple[str, ...] = ()
    # Identities of the table that fail on an uncertain reading (the reviewer must tell "the
    # report is wrong" from "the reader may be wrong").
    self_check: tuple[str, ...] = ()
    # The format version this table was read with when it differs from the report's own (a 2021
    # report whose 表三 still prints the 2019 single （六）其他处理 row).
    version: str | None = None

    def cell(self, row: str, col: str) -> Cell:
        return self.cells.get((row, col), MISSING_CELL)


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level heading. `number` is 1–6 for a standard section, None for an extra heading."""

    number: int | None
    heading: str
    line: int
    ordinal: str
    standard_wording: bool
    standard_numbering: bool
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int
    section: int | None


@dataclass(frozen=True, slots=True)
class Problem:
    """An extraction note: something the reader saw but could not map cleanly."""

    code: str
    message: str  # English
    line: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    raw: str | None = None
    zh: str | None = None  # the same in Chinese, for Chinese output (every problem the reader makes has it)
    page: int | None = None  # the page it concerns, when the file has pages and no table is named

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


@dataclass(slots=True)
class Report:
    report_id: str
    file: str
    source_format: str = "txt"
    encoding: str | None = None
    layout: str | None = None
    template: str | None = None
    title: str | None = None
    title_line: int | None = None
    agency: str | None = None
    agency_line: int | None = None
    year: int | None = None
    year_source: str | None = None
    published: str | None = None
    published_line: int | None = None
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    machine_readable: bool = True
    converted_with: str | None = None
    region: str | None = None
    level: str | None = None
    level_source: str | None = None
    url: str | None = None
    manifest: dict[str, str] = field(default_factory=dict)
    text_meta: dict[str, object] = field(default_factory=dict)
    doc_metadata: dict[str, str] = field(default_factory=dict)
    # Set when the report cannot be audited at all (a scan, tables present but unreadable, a
    # report in neither format): {"code": …, "zh": …, "en": …}. Such a report gets no score and
    # no rank; it is listed as 未能审查 with the reason.
    not_audited: dict[str, str] | None = None
    # Where each output line came from when the text was re-flowed (a crawler's one-line body):
    # line number in `lines` → (source line, source column), both 1-based.
    line_origin: dict[int, tuple[int, int]] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return self.tables.get(key) or Table(key=key)

    def to_json(self) -> dict:
        tables: dict[str, dict] = {}
        table_info: dict[str, dict] = {}
        for tkey, table in self.tables.items():
            rows: dict[str, dict] = {}
            for (row, col), cell in table.cells.items():
                rows.setdefault(row, {})[col] = cell.to_json()
            tables[tkey] = rows
            table_info[tkey] = {
                "found": table.found,
                "labels_seen": table.labels_seen,
                "header_units": dict(table.header_units),
                "lines": [table.first_line, table.last_line],
                "uncertain": list(table.uncertain),
                "self_check": list(table.self_check),
                "version": table.version,
            }
        return {
            "file": self.file,
            "format": self.source_format,
            "machine_readable": self.machine_readable,
            "converted_with": self.converted_with,
            "region": self.region,
            "level": self.level,
            "encoding": self.encoding,
            "layout": self.layout,
            "template": self.template,
            "title": self.title,
            "agency": self.agency,
            "year": self.year,
            "published": self.published,
            "sections": [
                {
                    "number": s.number,
                    "heading": s.heading,
                    "line": s.line,
                    "end_line": s.end_line,
                    "standard": s.standard_wording and s.standard_numbering,
                    "standard_wording": s.standard_wording,
                    "standard_numbering": s.standard_numbering,
                }
                for s in self.sections
            ],
            "tables": tables,
            "table_info": table_info,
            "problems": [p.to_json() for p in self.problems],
            "not_audited": self.not_audited,
        }
