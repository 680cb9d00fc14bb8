"""Cells → the three standard tables, keyed by canonical row/column keys.

Mapping is label-driven (a row starts at a cell whose label matches a template row) rather than
positional, because blanks, merged-cell placeholders, wrapped labels and page furniture shift
positions but never change labels. 表四 has no row label, so it is read positionally after its
header. Anything read but not mapped becomes a Problem, never a silent drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.blocks import Layout, RawCell, TextLine
from ..model import MISSING_CELL, Cell, Problem, Table
from ..templates import RowDef, TableDef, TemplateDef
from .labels import TableLabels
from .normalize import norm_label, parse_cell

# A narrative line that ends the current table: a top-level heading (一、… / 5、…).
_ENDS_TABLE = re.compile(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*[、.．]\s*\S")

# Words written where a number belongs; read as (non-numeric) values, never as label fragments.
_PLACEHOLDER = re.compile(r"^(?:无|暂无|没有|不适用|未发生|空|零|缺|略|无数据|不涉及)$")


@dataclass
class _Assigned:
    cells: list[RawCell] = field(default_factory=list)
    rows_known: bool = True


def assign_cells(layout: Layout, labels: dict[str, TableLabels]) -> dict[str, _Assigned]:
    """Route each cell to the table whose anchor was seen last. A table may continue in the next
    segment (after a page footer, or a Word table split in two); a section heading ends it."""
    out: dict[str, _Assigned] = {k: _Assigned() for k in labels}
    current: str | None = None
    for item in layout.items:
        if isinstance(item, TextLine):
            if _ENDS_TABLE.match(item.text.strip(" \t\u3000\u00a0")):
                current = None
            continue
        for c in item.cells:
            for tkey, lab in labels.items():
                if tkey != current and lab.is_anchor(c.text):
                    current = tkey
                    break
            if current is not None:
                out[current].cells.append(c)
                out[current].rows_known &= item.rows_known
    return out


def _fit_values(values: list[Cell], n: int, table: str, row: str, problems: list[Problem]) -> list[Cell]:
    """Trim merged-cell placeholders; report surplus or missing cells with their lines."""
    vals = list(values)
    while len(vals) > n and vals[0].kind == "blank":
        vals.pop(0)
    while len(vals) > n and vals[-1].kind == "blank":
        vals.pop()
    if len(vals) > n:
        extra = vals[n:]
        problems.append(
            Problem(
                code="surplus-cells",
                message=f"row has {len(vals)} cells where the format has {n}; "
                f"surplus {' '.join(c.raw or '' for c in extra)!s} ignored",
                line=extra[0].line,
                table=table,
                row=row,
                raw=" | ".join(c.raw or "" for c in vals),
            )
        )
        vals = vals[:n]
    if len(vals) < n:
        problems.append(
            Problem(
                code="missing-cells",
                message=f"row has {len(vals)} cells where the format has {n}; the last {n - len(vals)} "
                "are treated as missing",
                line=vals[-1].line if vals else None,
                table=table,
                row=row,
            )
        )
        vals += [MISSING_CELL] * (n - len(vals))
    return vals


class _LabelMapper:
    def __init__(self, tdef: TableDef, labels: TableLabels, problems: list[Problem]) -> None:
        self.tdef = tdef
        self.labels = labels
        self.problems = problems
        self.table = Table(key=tdef.key)
        self.group: str | None = None
        self.header_phase = True
        self.row: RowDef | None = None
        self.row_line: int | None = None
        self.values: list[Cell] = []

    def close(self) -> None:
        if self.row is None:
            return
        cols = self.tdef.block_of_row[self.row.key].columns
        if (self.row.key, cols[0].key) in self.table.cells:
            self.problems.append(
                Problem(
                    code="duplicate-row",
                    message=f"row '{self.row.label}' appears twice; the first is kept",
                    line=self.row_line,
                    table=self.tdef.key,
                    row=self.row.key,
                )
            )
        else:
            vals = _fit_values(self.values, len(cols), self.tdef.key, self.row.key, self.problems)
            for c, v in zip(cols, vals, strict=True):
                self.table.cells[(self.row.key, c.key)] = v
        self.row = None
        self.values = []

    def expects_more(self) -> bool:
        return self.row is not None and len(self.values) < len(self.tdef.block_of_row[self.row.key].columns)

    def feed(self, c: RawCell) -> None:
        cell = parse_cell(c.text, line=c.line, page=c.page)
        if cell.kind != "text":
            if self.row is not None:
                self.values.append(cell)
            elif cell.kind != "blank" and not self.header_phase:
                self.problems.append(
                    Problem(
                        code="orphan-cell",
                        message=f"value '{cell.raw}' stands outside any labelled row",
                        line=c.line,
                        table=self.tdef.key,
                        raw=cell.raw,
                    )
                )
            return
        n = norm_label(c.text)
        if not n:
            return
        if self.header_phase and self.labels.is_header(n):
            self._header(c.text)
            return
        m = self.labels.match_row(n, self.group)
        if m is not None:
            self.close()
            self.row, self.row_line, self.values = m.row, c.line, []
            self.header_phase = False
            self.table.found = True
            if m.row.group:
                self.group = m.row.group
            elif not m.row.requires_group:
                self.group = None
            if not m.exact:
                self.problems.append(
                    Problem(
                        code="label-variant",
                        message=f"label '{c.text.strip()}' read as '{m.row.label}'",
                        line=c.line,
                        table=self.tdef.key,
                        row=m.row.key,
                        raw=c.text.strip(),
                    )
                )
            return
        g = self.labels.match_group(n)
        if g is not None:
            self.close()
            self.group = g.key
            return
        if self.labels.is_header(n) or "第二十条" in n:
            self.close()
            self._header(c.text)
            return
        if self.expects_more() and (self.values or _PLACEHOLDER.match(n)):
            # text where a number belongs ("无", "暂无"): keep it as a value so columns don't shift
            self.values.append(cell)
            return
        if self.row is not None and not self.values:
            return  # second line of a wrapped label
        if len(n) <= 3:
            return  # tail of a label wrapped into the next row ("定”")
        self.problems.append(
            Problem(
                code="unmapped-label",
                message=f"text '{c.text.strip()}' in {self.tdef.title} matches no row of the format",
                line=c.line,
                table=self.tdef.key,
                raw=c.text.strip(),
            )
        )

    def header_cell(self, text: str) -> None:
        if norm_label(text):
            self._header(text)

    def _header(self, text: str) -> None:
        col, unit = self.labels.header_column(text)
        if col is not None and unit:
            self.table.header_units[col.key] = unit


def _header_rows(cells: list[RawCell], labels: TableLabels) -> set[int]:
    """Physical rows made only of header labels (≥2) and no numbers: a header repeated on a later
    page must not be read as data (its 总计 would otherwise start the （七）总计 row)."""
    rows: dict[int, list[RawCell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    out = set()
    for rid, cs in rows.items():
        texts = [norm_label(c.text) for c in cs]
        if any(parse_cell(c.text).kind == "number" for c in cs):
            continue
        if sum(1 for n in texts if n and labels.is_header(n)) >= 2 and all(not n or labels.is_header(n) for n in texts):
            out.add(rid)
    return out


def _map_labelled(tdef: TableDef, labels: TableLabels, assigned: _Assigned, problems: list[Problem]) -> Table:
    m = _LabelMapper(tdef, labels, problems)
    header_rows = _header_rows(assigned.cells, labels) if assigned.rows_known else set()
    last_row = None
    for c in assigned.cells:
        if assigned.rows_known and last_row is not None and c.row != last_row:
            m.close()
        last_row = c.row
        if c.row in header_rows:
            m.header_cell(c.text)
            continue
        m.feed(c)
    m.close()
    return m.table


def _map_positional(tdef: TableDef, labels: TableLabels, assigned: _Assigned, problems: list[Problem]) -> Table:
    """表四: one unlabeled data row of 15 cells after the header rows."""
    table = Table(key=tdef.key)
    block = tdef.blocks[0]
    row = block.rows[0]
    cells = assigned.cells
    header_idx = [i for i, c in enumerate(cells) if (n := norm_label(c.text)) and labels.is_header(n)]
    if not header_idx:
        return table
    last = header_idx[-1]
    if assigned.rows_known:
        last_row = cells[last].row
        data = [c for c in cells[last + 1 :] if c.row != last_row]
    else:
        data = cells[last + 1 :]
    values: list[Cell] = []
    row_labels = {norm_label(r.label) for r in block.rows}
    for c in data:
        n = norm_label(c.text)
        if n in row_labels:
            continue
        values.append(parse_cell(c.text, line=c.line, page=c.page))
    table.found = True
    vals = _fit_values(values, len(block.columns), tdef.key, row.key, problems)
    for col, v in zip(block.columns, vals, strict=True):
        table.cells[(row.key, col.key)] = v
    return table


def extract_tables(layout: Layout, template: TemplateDef) -> tuple[dict[str, Table], list[Problem]]:
    labels = {k: TableLabels(t) for k, t in template.tables.items()}
    assigned = assign_cells(layout, labels)
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for tkey, tdef in template.tables.items():
        got = assigned[tkey]
        if tdef.blocks[0].row_label_optional:
            table = _map_positional(tdef, labels[tkey], got, problems)
        else:
            table = _map_labelled(tdef, labels[tkey], got, problems)
        for key in tdef.cell_keys():
            table.cells.setdefault(key, MISSING_CELL)
        # keep template order so output is stable
        table.cells = {k: table.cells[k] for k in tdef.cell_keys()}
        if got.cells:
            table.first_line = got.cells[0].line
            table.last_line = got.cells[-1].line
        tables[tkey] = table
    return tables, problems
