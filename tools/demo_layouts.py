"""How the demo reports are printed: the official grids (tools/official_grid.py) read row by row into
logical rows, the text layouts (tabcell, fullwidth, tsv, pipe, markdown; the wild forms are drawn by
tools/demo_forms.py), and a report's items (title, prose with its figures filled in, tables, signature)
assembled and encoded."""

from __future__ import annotations

import codecs
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import official_grid as og
from demo_forms import (
    ConverterForm,
    CrawlerForm,
    LayoutForm,
    converter_document,
    crawler_document,
    layout_document,
)
from demo_model import (
    ACTIVE_BLOCKS,
    APPEAL_COLS,
    HEADER_WRAPS,
    HEADINGS,
    LEAVES,
    NOTE,
    ORG_KINDS,
    REQ_COLS,
    REQ_LABELS,
    RESULTS_GROUP,
    SUBGROUPS,
    Heading,
    Para,
    Report,
    TableCells,
    request_rows,
)

# ---------------------------------------------------------------------------------------------
# Logical table rows, shared by every layout
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """One cell. role: pad (merged-cell placeholder), label, group, vgroup, head, caption, note, value."""

    text: str
    role: str = "value"
    span: int = 1
    total: bool = False


PAD = C("", "pad")


@dataclass(frozen=True)
class Row:
    kind: str  # caption | header | data
    cells: tuple[C, ...]
    key: str = ""
    label_cells: int = 0  # header rows: leading cells that belong to the label columns
    marker: str = ""  # pipe layout: span-marker line printed after the row


@dataclass(frozen=True)
class Part:
    """A run of rows rendered as one grid (markdown makes each part its own table)."""

    rows: tuple[Row, ...]
    label_width: int
    width: int


def head(label: str, report: Report, span: int = 1) -> C:
    text = HEADER_WRAPS.get(label, label) if report.wrap_headers else label
    return C(text, "head", span=span)


# The official grids come from tools/official_grid.py (shared with the test twins); a layout prints a
# grid row by row, a merged cell once at its origin and a PAD wherever a cell from above covers the row.
REQUEST_MARKERS = ("|" * 8, "|" * 7, "|" * 5)  # pipe layout: span-marker lines after the header rows
APPEAL_MARKERS = ("|" * 13, "|" * 8, "|" * 5)


def _c(cell: og.GridCell | None, report: Report, total: bool = False) -> C:
    if cell is None:
        return PAD
    assert isinstance(cell.text, str), cell
    if cell.role == "head":
        return head(cell.text, report, span=cell.cs)
    if cell.role == "caption":
        return C(cell.text, "caption", span=cell.cs)
    if cell.role == "value":
        return C(cell.text, total=total)
    return C(cell.text, cell.role)


def _rows(
    grid: og.Grid, report: Report, label_width: int, markers: tuple[str, ...], value_cols: tuple[str, ...]
) -> list[Row]:
    out: list[Row] = []
    for items in og.row_items(grid):
        cells = [c for _, c in items if c is not None]
        if any(c.role == "caption" for c in cells):
            out.append(Row("caption", tuple(_c(c, report) for _, c in items), marker="|||"))
            continue
        values = [c for c in cells if c.role == "value"]
        if not values:
            n = sum(1 for col, _ in items if col < label_width)
            marker = markers[len([r for r in out if r.kind == "header"])] if markers else ""
            out.append(Row("header", tuple(_c(c, report) for _, c in items), label_cells=n, marker=marker))
            continue
        labels = tuple(_c(c, report) for _, c in items if c is None or c.role != "value")
        shown = tuple(_c(c, report, total=col.endswith("total")) for c, col in zip(values, value_cols, strict=True))
        out.append(Row("data", labels + shown, key=values[0].key))
    return out


def active_parts(report: Report, grid: TableCells) -> tuple[Part, ...]:
    parts = []
    for block in ACTIVE_BLOCKS[report.template]:
        width = 1 + len(block.columns)
        heads = []
        for key, label in block.columns:
            if key == "amount" and report.template == "2019" and report.procurement_unit_header:
                label += "（单位：万元）"
            heads.append(label)
        rows = [og.ActiveRow(key, label, [grid[key][col] for col, _ in block.columns]) for key, label in block.rows]
        official = og.active_block(block.caption, heads, rows, width)
        cols = tuple(col for col, _ in block.columns)
        parts.append(Part(tuple(_rows(official, report, 1, (), cols)), label_width=1, width=width))
    return tuple(parts)


def requests_part(report: Report, grid: TableCells) -> Part:
    heads = og.RequestHeads(NOTE, "申请人情况", "自然人", "法人或其他组织", "总计", ORG_KINDS, results=RESULTS_GROUP)
    rows = []
    for key in request_rows(report.rows_version):
        group = key.split(".")[0] if "." in key else ("results" if key in LEAVES[report.rows_version] else None)
        rows.append(
            og.RequestRow(
                key,
                REQ_LABELS[key],
                [grid[key][col] for col in REQ_COLS],
                group=group,
                group_label=SUBGROUPS.get(group or "", ""),
                total=key == "total",
            )
        )
    official = og.requests_grid(heads, rows, label_through_total=True)
    return Part(tuple(_rows(official, report, 3, REQUEST_MARKERS, REQ_COLS)), label_width=3, width=10)


def appeals_part(report: Report, grid: TableCells) -> Part:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    official = og.appeals_grid(heads, [grid["cases"][col] for col in APPEAL_COLS])
    rows = _rows(official, report, 0, APPEAL_MARKERS, APPEAL_COLS)
    data = rows[-1]
    rows[-1] = Row("data", data.cells + tuple(C(x) for x in report.appeals_extra), key=data.key)
    return Part(tuple(rows), label_width=0, width=15)


# ---------------------------------------------------------------------------------------------
# Layout renderers
# ---------------------------------------------------------------------------------------------

FW = "\u3000\u3000"  # two full-width spaces
NBSP = "\u00a0"


def flat(cell: C) -> str:
    return "" if cell.role == "pad" else cell.text.replace("\n", "")


def expand(row: Row, part: Part, *, pad_label: bool) -> list[str]:
    """Cells of a row as a fixed grid: label columns padded, spans expanded, short rows filled."""
    n = row.label_cells if row.kind != "data" else sum(1 for c in row.cells if c.role != "value")
    out = [flat(c) for c in row.cells[:n]]
    if pad_label and row.kind != "caption":
        out += [""] * (part.label_width - n)
    for c in row.cells[n:]:
        out += [flat(c)] + [""] * (c.span - 1)
    if row.kind != "data":
        out += [""] * (part.width - len(out))
    return out


def tab_cell_lines(cell: C, report: Report, indent: str) -> list[str]:
    if cell.role == "pad":
        return ["\t"]
    if cell.role == "value":
        if not cell.text.strip():
            return ["\t" + (NBSP if report.blank_nbsp else "")]
        return ["\t" + indent + cell.text + (NBSP if report.total_nbsp and cell.total else "")]
    if cell.role == "vgroup":
        return ["\t" + indent + cell.text[0]] + [indent + ch for ch in cell.text[1:]]
    first, *rest = cell.text.split("\n")
    return ["\t" + indent + first, *rest]


def tabcell_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    indent = FW if report.layout == "fullwidth" else ""
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            for cell in row.cells:
                lines += tab_cell_lines(cell, report, indent)
            lines.append("")
    return [*lines, ""]


def tsv_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            if row.kind != "data":
                lines.append("\t".join(expand(row, part, pad_label=True)))
                continue
            cells = [flat(c) for c in row.cells]
            wrap = report.tsv_wraps.get(row.key)
            if not wrap:
                lines.append("\t".join(cells))
                continue
            idx = next(i for i, c in enumerate(row.cells) if c.role == "label")
            label = cells[idx]
            assert label.startswith(wrap) and label != wrap, (report.file, row.key)
            cells[idx] = wrap
            lines.append("\t".join(cells))
            rest = [""] * idx + [label[len(wrap) :]] + [""] * (len(cells) - idx - 1)
            lines.append("\t".join(rest))
    return [*lines, ""]


def pipe_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for row in part.rows:
            if row.kind == "data" and row.cells[0].role == "pad":
                lines.append("||")  # merged cells in front of the row (a lone "|" would be a cell)
            for cell in row.cells:
                if cell.role == "pad":
                    continue
                text = flat(cell)
                assert text.strip(), f"{report.file}: the pipe layout cannot show a blank cell"
                lines.append(f"{text} |")
            if row.marker:
                lines.append(row.marker)
    return lines


def markdown_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    lines: list[str] = []
    for part in parts:
        for i, row in enumerate(part.rows):
            cells = expand(row, part, pad_label=True)
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "|".join(["---"] * part.width) + "|")
        lines.append("")
    return lines


def _no_table(parts: tuple[Part, ...], report: Report) -> list[str]:
    raise AssertionError(f"{report.file}: a whole-document form draws its own tables")


@dataclass(frozen=True)
class Style:
    indent: str  # in front of paragraphs and headings
    gap: bool  # blank line after every paragraph and heading
    table: Callable[[tuple[Part, ...], Report], list[str]]
    gap_before_signature: bool = True
    document: Callable[[Report, list], str] | None = None  # a wild form renders the whole document


STYLES = {
    "tabcell": Style("", False, tabcell_table),
    "fullwidth": Style(FW, False, tabcell_table),
    "tsv": Style("", True, tsv_table),
    "pipe": Style("", False, pipe_table, gap_before_signature=False),
    "markdown": Style("", True, markdown_table),
    "crawler": Style("", False, _no_table, document=crawler_document),
    "pdflayout": Style("", False, _no_table, document=layout_document),
    "mdconvert": Style("", True, _no_table, document=lambda r, items: converter_document(r, items, expand)),
}
WILD_FORMS = {"crawler": CrawlerForm, "pdflayout": LayoutForm, "mdconvert": ConverterForm}
# The extractor names layouts by how cells are delimited; full-width indentation is a tabcell.
EXTRACTOR_LAYOUT = {"fullwidth": "tabcell", "pdflayout": "text", "mdconvert": "markdown"}


# ---------------------------------------------------------------------------------------------
# Document assembly
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    kind: str  # title | para | heading | table | sig
    text: str = ""
    parts: tuple[Part, ...] = ()
    prefix: str = ""


class _Facts(string.Formatter):
    """Fills {req_new_total}-style fields in prose; refuses anything that is not a plain number
    (a count, or a percentage with one decimal for the pct_* facts)."""

    def __init__(self, facts: Mapping[str, str]) -> None:
        self.facts = facts

    def get_value(self, key: object, args: object, kwargs: object) -> str:
        value = self.facts[str(key)]
        plain = r"\d+\.\d" if str(key).startswith("pct_") else r"\d+"
        if not re.fullmatch(plain, value):
            raise ValueError(f"prose uses {key}={value!r}, which is not a plain number")
        return value


def facts(grids: Mapping[str, TableCells]) -> dict[str, str]:
    out = {}
    for prefix, table in (("req", "requests"), ("act", "active"), ("app", "appeals")):
        for row, cols in grids[table].items():
            for col, raw in cols.items():
                out[f"{prefix}_{row}_{col}".replace(".", "_")] = raw.strip()
    cases = grids["appeals"]["cases"]
    if cases["suit_direct.total"].isdigit() and cases["suit_after_review.total"].isdigit():
        out["suits"] = str(int(cases["suit_direct.total"]) + int(cases["suit_after_review.total"]))
    # what narrative prose restates besides single cells: category sums (总计 column) and shares
    req = grids["requests"]
    for name, prefix in (
        ("denied", "denied."),
        ("unable", "unable."),
        ("not_processed", "not_processed."),
        ("other", "other"),
    ):
        raws = [cols["total"].strip() for row, cols in req.items() if row == prefix or row.startswith(prefix)]
        if raws and all(r.isdigit() for r in raws):
            out[f"req_{name}_sum"] = str(sum(int(r) for r in raws))
    granted, done = req["granted"]["total"].strip(), req["total"]["total"].strip()
    if granted.isdigit() and done.isdigit() and int(done):
        share = Decimal(granted) * 100 / Decimal(done)
        out["pct_granted_of_done"] = str(share.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return out


def section_items(report: Report, n: int, grids: Mapping[str, TableCells], fill: _Facts) -> list[Item]:
    items = [Item("heading", report.headings.get(n, HEADINGS[n]), prefix=report.heading_prefix.get(n, ""))]
    if n in report.unheaded:
        items = []
    prose: tuple[Para, ...] = ()
    if n == 1:
        prose = report.overall
    elif n == 2:
        items.append(Item("table", parts=active_parts(report, grids["active"])))
    elif n == 3:
        items.append(Item("table", parts=(requests_part(report, grids["requests"]),)))
    elif n == 4:
        if report.appeals_table:
            items.append(Item("table", parts=(appeals_part(report, grids["appeals"]),)))
        if report.appeals_note:
            prose = (report.appeals_note,)
    elif n == 5:
        prose = report.problems
    else:
        prose = report.other
    for p in prose:
        items.append(Item("heading", p.text) if isinstance(p, Heading) else Item("para", fill.format(p)))
    return items


def build_items(report: Report, grids: Mapping[str, TableCells]) -> list[Item]:
    fill = _Facts(facts(grids))
    items = [Item("title", t) for t in report.title]
    if report.preamble:
        items.append(Item("para", fill.format(report.preamble)))
    for n in report.order:
        items += section_items(report, n, grids, fill)
    if report.signed:
        items += [Item("sig", report.agency), Item("sig", report.signed)]
    return items


def render(report: Report, grids: Mapping[str, TableCells]) -> str:
    style = STYLES[report.layout]
    if style.document is not None:
        assert isinstance(report.form, WILD_FORMS[report.layout]), report.file
        return style.document(report, build_items(report, grids))
    lines: list[str] = []
    previous = ""
    for item in build_items(report, grids):
        first_sig = item.kind == "sig" and previous != "sig"
        previous = item.kind
        if item.kind == "table":
            lines += style.table(item.parts, report)
            continue
        if first_sig and style.gap_before_signature and lines and lines[-1] != "":
            lines.append("")
        indent = style.indent if item.kind in ("para", "heading") else ""
        lines.append(item.prefix + indent + item.text)
        if style.gap and item.kind != "sig":
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def encode(text: str, report: Report) -> bytes:
    if report.crlf:
        text = text.replace("\n", "\r\n")
    if report.encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(report.encoding)
