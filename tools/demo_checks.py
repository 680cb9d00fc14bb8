"""Self-check of the demo data, independent of src/: the cell-level rules each report's printed cells
must trigger (predicted from the cells and compared with the declared defects), how a wild form's
tables read, and which rules must stay silent."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from demo_forms import (
    CrawlerForm,
    LayoutForm,
    glued_readings,
)
from demo_layouts import (
    _Facts,
    build_items,
    facts,
)
from demo_model import (
    ACTIVE_BLOCKS,
    APPEAL_COLS,
    APPEAL_GROUPS,
    APPLICANTS,
    LEAVES,
    MONEY_CELLS,
    OUTCOMES,
    REQ_COLS,
    Report,
    TableCells,
    request_rows,
)

# ---------------------------------------------------------------------------------------------
# Self-check: predict the cell-level rules from the printed cells (independent of src/)
# ---------------------------------------------------------------------------------------------

_NUM = re.compile(r"^(?P<sign>[+\-])?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元|项|件|个|条|次)?$")
CELL_RULES = frozenset(
    {
        *("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-19-INEQ", "T2-19-DELTA", "T2-21-INEQ"),
        *("VAL-NEG", "VAL-INT", "VAL-TEXT", "VAL-SUFFIX", "BLANK-TOTAL", "BLANK-CELL"),
        *("UNIT-MISSING", "UNIT-CONFLICT", "UNIT-FIXED", "UNIT-NORMALISED", "UNIT-MAGNITUDE"),
    }
)
IDENTITY_RULES = {
    "2019": ("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-19-INEQ", "T2-19-DELTA"),
    "2021": ("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-21-INEQ"),
}


@dataclass(frozen=True)
class Parsed:
    kind: str  # number | blank | slash | dash | text
    value: Decimal | None = None
    unit: str | None = None


def parse(raw: str) -> Parsed:
    s = unicodedata.normalize("NFKC", re.sub(r"[\s\u00a0\u3000]+", "", raw))
    if s == "":
        return Parsed("blank")
    if s in ("/", "\\"):
        return Parsed("slash")
    if s in ("-", "--", "—", "–"):
        return Parsed("dash")
    m = _NUM.match(s)
    if not m:
        return Parsed("text")
    value = Decimal(m["num"]) * (-1 if m["sign"] == "-" else 1)
    return Parsed("number", value, m["unit"])


def _val(grids: Mapping[str, TableCells], table: str, row: str, col: str) -> Decimal | None:
    return parse(grids[table][row][col]).value


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum(values, Decimal(0))  # type: ignore[arg-type]


def predict_identities(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    rq = lambda row, col: _val(grids, "requests", row, col)  # noqa: E731
    for col in REQ_COLS:
        left, right = (
            _sum([rq("new", col), rq("carried_over", col)]),
            _sum([rq("total", col), rq("carry_forward", col)]),
        )
        if left is not None and right is not None and left != right:
            fired.add("T3-BAL")
        leaves = _sum([rq(k, col) for k in LEAVES[report.rows_version]])
        if leaves is not None and rq("total", col) is not None and leaves != rq("total", col):
            fired.add("T3-RESULT")
    for row in request_rows(report.rows_version):
        parts = _sum([rq(row, c) for c in APPLICANTS])
        if parts is not None and rq(row, "total") is not None and parts != rq(row, "total"):
            fired.add("T3-COLSUM")
    for g in APPEAL_GROUPS:
        parts = _sum([_val(grids, "appeals", "cases", f"{g}.{o}") for o in OUTCOMES])
        total = _val(grids, "appeals", "cases", f"{g}.total")
        if report.appeals_table and parts is not None and total is not None and parts != total:
            fired.add("T4-SUM")
    act = lambda row, col: _val(grids, "active", row, col)  # noqa: E731
    for row in ("rules", "normative"):
        if report.template == "2019":
            a, b = act(row, "published"), act(row, "total_public")
            if a is not None and b is not None and a > b:
                fired.add("T2-19-INEQ")
        else:
            a, rest = act(row, "issued"), _sum([act(row, "in_force"), act(row, "repealed")])
            if a is not None and rest is not None and a > rest:
                fired.add("T2-21-INEQ")
    if report.template == "2019":
        for row, cols in grids["active"].items():
            if "change" in cols:
                s = _sum([act(row, "prev_items"), act(row, "change")])
                if s is not None and s < 0:
                    fired.add("T2-19-DELTA")
    return fired


def predict_values(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    for table, rows in grids.items():
        if table == "appeals" and not report.appeals_table:
            continue
        for row, cols in rows.items():
            for col, raw in cols.items():
                p = parse(raw)
                money = table == "active" and (row, col) in MONEY_CELLS
                is_total = table != "active" and (col.endswith("total") or row == "total")
                if p.kind in ("blank", "slash", "dash"):
                    fired.add("BLANK-TOTAL" if is_total else "BLANK-CELL")
                elif p.kind == "text":
                    fired.add("VAL-TEXT")
                elif not money:
                    assert p.value is not None
                    if p.value < 0 and col != "change":
                        fired.add("VAL-NEG")
                    if p.value != p.value.to_integral_value():
                        fired.add("VAL-INT")
                    if p.unit:
                        fired.add("VAL-SUFFIX")
    return fired | predict_units(report, grids)


def predict_units(report: Report, grids: Mapping[str, TableCells]) -> set[str]:
    fired: set[str] = set()
    if report.template == "2021":
        p = parse(grids["active"]["fees"]["amount"])
        if p.kind == "number" and p.unit not in (None, "万元"):
            fired.add("UNIT-FIXED")
        return fired
    p = parse(grids["active"]["procurement"]["amount"])
    projects = _val(grids, "active", "procurement", "projects")
    header = "万元" if report.procurement_unit_header else None
    if p.kind != "number" or p.value is None:
        return fired
    if p.unit is None and header is None:
        fired.add("UNIT-MISSING")
        if projects and p.value / projects > 2000:  # read as 万元: > 2000万元 per project
            fired.add("UNIT-MAGNITUDE")
    elif p.unit and header and p.unit != header:
        fired.add("UNIT-CONFLICT")
    elif p.unit in ("元", "亿元"):
        fired.add("UNIT-NORMALISED")
    return fired


def paragraphs(report: Report, grids: Mapping[str, TableCells]) -> list[str]:
    return [i.text for i in build_items(report, grids) if i.kind == "para"]


def check_report(report: Report, grids: Mapping[str, TableCells]) -> None:
    """Fail loudly when the data and the declared defects disagree."""
    if report.form is not None:
        check_form(report, grids)
    predicted = predict_identities(report, grids) | predict_values(report, grids)
    declared = set(report.must_fire) & CELL_RULES
    assert predicted == declared, (report.file, "predicted", sorted(predicted), "declared", sorted(declared))
    overall = [p for p in report.overall if isinstance(p, str)]
    assert 3 <= len(overall) <= 6, report.file
    fill = _Facts(facts(grids))
    for p in overall:
        assert 60 <= len(fill.format(p)) <= 200, (report.file, len(fill.format(p)), p[:20])
    paras = paragraphs(report, grids)
    worst = max(difflib.SequenceMatcher(None, a, b).ratio() for i, a in enumerate(paras) for b in paras[i + 1 :])
    if "TXT-DUP" in report.must_fire:
        assert worst >= 0.95, (report.file, worst)
    else:
        assert worst < 0.6, (report.file, worst)
    text = "\n".join(paras)
    if "INT-LINK" not in report.must_fire:
        assert "http" not in text and "www" not in text, report.file
    if not report.defects:
        assert report.title and report.signed and report.preamble, report.file
        assert report.order == (1, 2, 3, 4, 5, 6) and not report.headings and not report.heading_prefix
        assert not report.unheaded
        assert report.year >= 2021 if report.template == "2021" else report.year <= 2020


APPEAL_SUMS = tuple((tuple(range(5 * g, 5 * g + 4)), 5 * g + 4) for g in range(3))
REQUEST_SUMS = ((tuple(range(6)), 6),)


def glued_tables(report: Report, grids: Mapping[str, TableCells]) -> dict[str, dict[str, str]]:
    """How a crawler's glued table rows read (table → row → certain | segmented | ambiguous)."""
    leaves = LEAVES[report.rows_version]

    def columns_hold(values: Mapping[str, list[int]]) -> bool:
        for j in range(7):
            if values["new"][j] + values["carried_over"][j] != values["total"][j] + values["carry_forward"][j]:
                return False
            if sum(values[k][j] for k in leaves) != values["total"][j]:
                return False
        return True

    out: dict[str, dict[str, str]] = {}
    for block in ACTIVE_BLOCKS[report.template]:
        cols = [c for c, _ in block.columns]
        rows = {key: grids["active"][key] for key, _ in block.rows}
        if len(cols) > 1:
            out.setdefault("active", {}).update(glued_readings(rows, cols, ()))
    out["requests"] = glued_readings(grids["requests"], REQ_COLS, REQUEST_SUMS, columns_hold)
    out["appeals"] = glued_readings(grids["appeals"], APPEAL_COLS, APPEAL_SUMS)
    return out


def check_form(report: Report, grids: Mapping[str, TableCells]) -> None:
    """A wild form's reading, predicted from the printed cells: which cells a reader can only
    reconstruct (EXT-READ, weight 0), and that a deliberate defect rests on such a cell exactly when
    it is declared to need review."""
    declared = set(report.must_fire)
    uncertain: set[tuple[str, str]] = set()
    if isinstance(report.form, CrawlerForm):
        status = glued_tables(report, grids)
        ambiguous = {(t, r) for t, rows in status.items() for r, s in rows.items() if s == "ambiguous"}
        assert ambiguous == set(report.form.ambiguous_rows), (report.file, sorted(ambiguous))
        uncertain = {(t, r) for t, rows in status.items() for r, s in rows.items() if s != "certain"}
        for table, rule in (("requests", "T3-"), ("appeals", "T4-"), ("active", "T2-")):
            # an identity defect in a table read with any uncertainty would be sent for review
            if any(r.startswith(rule) for r in declared - set(report.review)):
                assert not any(t == table for t, _ in uncertain), (report.file, table, "not certain")
    elif isinstance(report.form, LayoutForm):
        for table, row in report.form.aligned_rows:
            assert any(not v.strip() for v in grids[table][row].values()), (report.file, row)
            uncertain.add((table, row))
        blanks = {(t, r) for t, rows in grids.items() for r, cols in rows.items() if any(not v for v in cols.values())}
        assert blanks == uncertain, (report.file, "a blank cell must be placed by column position", sorted(blanks))
    assert ("EXT-READ" in declared) == bool(uncertain), (report.file, "EXT-READ", sorted(uncertain))
    assert ("FMT-MIXED" in declared) == (report.rows_version != report.template), report.file


# the prose restates table figures; only a declared narrative defect may contradict them
NARRATIVE_RULES = ("NAR-REQ", "NAR-APPEAL", "NAR-OUTCOME", "NAR-PCT")


def must_not_fire(report: Report) -> list[str] | str:
    if not report.defects:
        return "all"
    declared = set(report.must_fire)
    out = [r for r in IDENTITY_RULES[report.template] if r not in declared]
    if not report.appeals_table:
        out.remove("T4-SUM")
    out += [
        r
        for r in ("FMT-YEAR", "META-TITLE", "META-AGENCY", "META-DATE", "SEC-MISSING", "EXT-TABLE", *NARRATIVE_RULES)
        if r not in declared
    ]
    out += [r for r in report.also_not if r not in declared and r not in out]
    return out
