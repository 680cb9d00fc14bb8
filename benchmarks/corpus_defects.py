"""The defects injected into generated reports, and what each must make the auditor say.

A defect edits a consistent report the way a careless writer would (a printed total off by k, a blank
or "/" where a figure belongs, 元 in the 万元 column, a section left out, a paragraph pasted twice) and
states, from the format alone (report-format.md §1.2–§1.6 and the rule files' own definitions), every
finding it must cause: the rule, the place and the outcome. That list is the hand-made truth the tests
hold the auditor to; it is never read back from the auditor.

Places: a table cell {table, row, column}; an identity's instance (T3-COLSUM per row {table, row};
T3-RESULT and T3-BAL per column {table, column}; T4-SUM at its group's 总计 cell); a section {section}.
`cells` lists the cell a finding must name: the cell itself, or for an identity that cannot be checked
the blank or non-numeric operand that stops it (the auditor lists those per table, in one finding).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from demo_model import APPEAL_GROUPS, APPLICANTS, LEAVES, REQ_COLS, TableCells

Cell = tuple[str, str, str]  # table, row, column


@dataclass(frozen=True)
class Expect:
    rule: str
    outcome: str  # failed | not_evaluable
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: int | None = None
    cause: Cell | None = None  # the cell that makes it fail or not evaluable, when it is not the place itself

    def to_json(self) -> dict:
        """One entry of ground_truth.json's per-report list: the issue's {rule_id, table, row, column},
        with the section of a section-level finding, the outcome, and the cells the finding must list."""
        cells = (
            [self.cause] if self.cause else [(self.table, self.row, self.column)] if self.row and self.column else []
        )
        return {
            "rule_id": self.rule,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "section": self.section,
            "outcome": self.outcome,
            "cells": [{"table": t, "row": r, "column": c} for t, r, c in cells],
        }


@dataclass
class Injected:
    """What a defect did: cell overrides (applied after totals are computed), sections left out, the
    section-一 paragraph to paste twice, the procurement header's unit, and the findings it must cause."""

    kind: str
    description: str
    expects: list[Expect]
    overrides: list[tuple[str, str, str, str]] = field(default_factory=list)
    drop_section: int | None = None
    duplicate_paragraph: bool = False
    procurement_unit_header: bool | None = None
    no_blank_layouts: bool = False  # the pipe layout cannot print a blank cell
    late_days: int = 0  # signed this many days after the level's deadline
    swap_sections: tuple[int, int] | None = None  # two sections printed in each other's place
    arabic_heading: int | None = None  # this section's heading numbered "N、" instead of "一、"…
    misstate_new_requests: int = 0  # the prose restates 表三 一、本年新收 total off by this much
    doubled_phrase: bool = False  # "信息公开" printed twice in a row in section 五


def requests_identities(row: str, col: str, template: str, outcome: str) -> list[Expect]:
    """The 表三 identities that use cell (row, col) (report-format.md §1.6)."""
    cause = ("requests", row, col)
    out = [Expect("T3-COLSUM", outcome, "requests", row=row, cause=cause)]
    if row in LEAVES[template] or row == "total":
        out.append(Expect("T3-RESULT", outcome, "requests", column=col, cause=cause))
    if row in ("new", "carried_over", "total", "carry_forward"):
        out.append(Expect("T3-BAL", outcome, "requests", column=col, cause=cause))
    return out


def _num(grids: dict[str, TableCells], cell: Cell) -> int:
    return int(grids[cell[0]][cell[1]][cell[2]])


def _leaf_cells(grids: dict[str, TableCells], template: str, pred: Callable[[int], bool]) -> list[Cell]:
    req = grids["requests"]
    return [("requests", r, c) for r in LEAVES[template] for c in APPLICANTS if pred(int(req[r][c]))]


def off_colsum(g, template, rng) -> Injected | None:
    """A figure moved between two result rows of one column: the column still adds up, both rows do not."""
    cells = _leaf_cells(g, template, lambda v: v > 0)
    if not cells:
        return None
    _, r2, c = rng.choice(cells)
    k = rng.randint(1, _num(g, ("requests", r2, c)))
    r1 = rng.choice([r for r in LEAVES[template] if r != r2])
    return Injected(
        "T3-COLSUM",
        f"表三 {c} 列 {k} 件从“{r2}”误记入“{r1}”（两行各自总计未改）",
        [Expect("T3-COLSUM", "failed", "requests", row=r1), Expect("T3-COLSUM", "failed", "requests", row=r2)],
        overrides=[
            ("requests", r1, c, str(_num(g, ("requests", r1, c)) + k)),
            ("requests", r2, c, str(_num(g, ("requests", r2, c)) - k)),
        ],
    )


def off_result(g, template, rng) -> Injected:
    """A result row raised by k in one column and in its 总计 (（七） not updated)."""
    r = rng.choice(LEAVES[template])
    c = rng.choice(APPLICANTS)
    k = rng.randint(1, 9)
    return Injected(
        "T3-RESULT",
        f"表三“{r}”行 {c} 列与总计列各多记 {k}，（七）总计未随之更改",
        [
            Expect("T3-RESULT", "failed", "requests", column=c),
            Expect("T3-RESULT", "failed", "requests", column="total"),
        ],
        overrides=[
            ("requests", r, c, str(_num(g, ("requests", r, c)) + k)),
            ("requests", r, "total", str(_num(g, ("requests", r, "total")) + k)),
        ],
    )


def off_balance(g, template, rng) -> Injected:
    """四、结转下年度 raised by k in one column and its 总计: the row adds up, the balance does not."""
    c = rng.choice(APPLICANTS)
    k = rng.randint(1, 9)
    return Injected(
        "T3-BAL",
        f"表三“四、结转下年度继续办理”{c} 列与总计列各多记 {k}",
        [Expect("T3-BAL", "failed", "requests", column=c), Expect("T3-BAL", "failed", "requests", column="total")],
        overrides=[
            ("requests", "carry_forward", c, str(_num(g, ("requests", "carry_forward", c)) + k)),
            ("requests", "carry_forward", "total", str(_num(g, ("requests", "carry_forward", "total")) + k)),
        ],
    )


def off_appeals(g, template, rng) -> Injected:
    grp = rng.choice(APPEAL_GROUPS)
    cell = ("appeals", "cases", f"{grp}.total")
    value = _num(g, cell)
    k = rng.choice([d for d in (-3, -2, -1, 1, 2, 3) if value + d >= 0])
    return Injected(
        "T4-SUM",
        f"表四 {grp} 总计印为 {value + k}（应为 {value}）",
        [Expect("T4-SUM", "failed", *cell)],
        overrides=[(*cell, str(value + k))],
    )


def blank_total(g, template, rng) -> Injected:
    """A total cell left blank: BLANK-TOTAL, and every identity using it cannot be checked."""
    choice = rng.random()
    if choice < 0.4:
        cell = ("requests", rng.choice(("new", *LEAVES[template], "carry_forward")), "total")
    elif choice < 0.8:
        cell = ("requests", "total", rng.choice(REQ_COLS))
    else:
        cell = ("appeals", "cases", f"{rng.choice(APPEAL_GROUPS)}.total")
    if cell[0] == "requests":
        derived = requests_identities(cell[1], cell[2], template, "not_evaluable")
    else:
        derived = [Expect("T4-SUM", "not_evaluable", *cell, cause=cell)]
    return Injected(
        "BLANK-TOTAL",
        f"{cell[0]} {cell[1]} / {cell[2]} 总计空白",
        [Expect("BLANK-TOTAL", "failed", *cell), *derived],
        overrides=[(*cell, "")],
        no_blank_layouts=True,
    )


def blank_cell(g, template, rng) -> Injected:
    """'/' or '-' written for nothing in a result cell: BLANK-CELL, and its row and column go unchecked."""
    zeros = _leaf_cells(g, template, lambda v: v == 0)
    _, r, c = rng.choice(zeros)
    mark = rng.choice(("/", "-", "－", "／"))
    return Injected(
        "BLANK-CELL",
        f"表三“{r}”行 {c} 列填“{mark}”",
        [Expect("BLANK-CELL", "failed", "requests", r, c), *requests_identities(r, c, template, "not_evaluable")],
        overrides=[("requests", r, c, mark)],
    )


def _count_cell(template: str, rng: random.Random) -> Cell:
    """A 表二 count that no identity uses (处理决定数量), so a bad value there makes one finding."""
    row = rng.choice(("licensing", "penalty", "coercion"))
    return ("active", row, "decisions")


def value_text(g, template, rng) -> Injected:
    cell = _count_cell(template, rng)
    text = rng.choice(("无", "暂无", "不涉及"))
    return Injected(
        "VAL-TEXT", f"表二 {cell[1]} 处理决定填“{text}”", [Expect("VAL-TEXT", "failed", *cell)], [(*cell, text)]
    )


def value_negative(g, template, rng) -> Injected:
    cell = _count_cell(template, rng)
    text = f"-{rng.randint(1, 40)}"
    return Injected(
        "VAL-NEG", f"表二 {cell[1]} 处理决定为负数 {text}", [Expect("VAL-NEG", "failed", *cell)], [(*cell, text)]
    )


def value_decimal(g, template, rng) -> Injected:
    cell = _count_cell(template, rng)
    text = f"{rng.randint(1, 300)}.{rng.randint(1, 9)}"
    return Injected(
        "VAL-INT", f"表二 {cell[1]} 处理决定为小数 {text}", [Expect("VAL-INT", "failed", *cell)], [(*cell, text)]
    )


def value_suffix(g, template, rng) -> Injected:
    cell = _count_cell(template, rng)
    text = g["active"][cell[1]]["decisions"] + rng.choice(("项", "件"))
    return Injected(
        "VAL-SUFFIX", f"表二 {cell[1]} 处理决定写作“{text}”", [Expect("VAL-SUFFIX", "failed", *cell)], [(*cell, text)]
    )


def unit_yuan(g, template, rng) -> Injected:
    """An amount written in 元: the 2021 fee column fixes 万元 (UNIT-FIXED, and its header's 万元
    contradicts the cell: UNIT-CONFLICT); the 2019 procurement total has no fixed unit, so 元 is only
    normalised (UNIT-NORMALISED), its header left without a unit."""
    if template == "2021":
        cell = ("active", "fees", "amount")
        yuan = rng.randint(2, 900) * 100
        return Injected(
            "UNIT-FIXED",
            f"表二 本年收费金额（单位：万元）填“{yuan}元”",
            [Expect("UNIT-FIXED", "failed", *cell), Expect("UNIT-CONFLICT", "failed", *cell)],
            [(*cell, f"{yuan}元")],
        )
    cell = ("active", "procurement", "amount")
    projects = int(g["active"]["procurement"]["projects"]) or 1
    yuan = rng.randint(2000 * projects, 600000 * projects)
    return Injected(
        "UNIT-NORMALISED",
        f"表二 政府集中采购总金额填“{yuan}元”",
        [Expect("UNIT-NORMALISED", "failed", *cell)],
        [("active", "procurement", "projects", str(projects)), (*cell, f"{yuan}元")],
        procurement_unit_header=False,
    )


def unit_magnitude(g, template, rng) -> Injected | None:
    """2019: the procurement total written in 元 with no unit anywhere: UNIT-MISSING, and per project
    it is implausible in 万元 (over 20,000 万元 a project) but plausible in 元 (UNIT-MAGNITUDE)."""
    if template != "2019":
        return None
    cell = ("active", "procurement", "amount")
    projects = max(1, int(g["active"]["procurement"]["projects"]))
    yuan = projects * rng.randint(300_000, 3_000_000)
    return Injected(
        "UNIT-MAGNITUDE",
        f"表二 政府集中采购总金额填“{yuan}”（实为元，未注明单位）",
        [Expect("UNIT-MAGNITUDE", "failed", *cell), Expect("UNIT-MISSING", "failed", *cell)],
        [("active", "procurement", "projects", str(projects)), (*cell, str(yuan))],
        procurement_unit_header=False,
    )


def missing_section(g, template, rng) -> Injected:
    n = rng.choice((5, 6))
    return Injected("SEC-MISSING", f"缺少第{n}部分", [Expect("SEC-MISSING", "failed", section=n)], drop_section=n)


def duplicate_paragraph(g, template, rng) -> Injected:
    return Injected(
        "TXT-DUP", "第一部分一段文字重复粘贴", [Expect("TXT-DUP", "failed", section=1)], duplicate_paragraph=True
    )


def late(g, template, rng) -> Injected:
    """Published after the level's deadline (rules/deadlines.yaml): TIME-LATE. The signature date is
    the only date a generated text report carries (a crawler page's 发布时间 is set to the same day)."""
    days = rng.randint(3, 60)
    return Injected("TIME-LATE", f"落款日期晚于时限 {days} 天", [Expect("TIME-LATE", "failed")], late_days=days)


def section_order(g, template, rng) -> Injected:
    """Sections 四 and 五 printed in each other's place: 四 comes after 五 (SEC-ORDER names the one
    out of place, 四)."""
    return Injected(
        "SEC-ORDER", "第四、五部分顺序颠倒", [Expect("SEC-ORDER", "failed", section=4)], swap_sections=(4, 5)
    )


def section_numbering(g, template, rng) -> Injected:
    n = rng.choice((5, 6))
    return Injected(
        "SEC-NUMBERING",
        f"第{n}部分标题以“{n}、”编号",
        [Expect("SEC-NUMBERING", "failed", section=n)],
        arabic_heading=n,
    )


def active_inequality(g, template, rng) -> Injected:
    """表二 规范性文件: 2021 制发 > 现行有效 + 废止 (T2-21-INEQ); 2019 新公开 > 对外公开总数 (T2-19-INEQ)."""
    row = g["active"]["normative"]
    if template == "2021":
        made = int(row["in_force"]) + int(row["repealed"]) + rng.randint(1, 9)
        return Injected(
            "T2-21-INEQ",
            f"表二 行政规范性文件 本年制发件数 {made} 大于现行有效与本年废止之和",
            [Expect("T2-21-INEQ", "failed", "active", row="normative")],
            [("active", "normative", "issued", str(made))],
        )
    published = int(row["total_public"]) + rng.randint(1, 9)
    return Injected(
        "T2-19-INEQ",
        f"表二 规范性文件 本年新公开数量 {published} 大于对外公开总数量",
        [Expect("T2-19-INEQ", "failed", "active", row="normative")],
        [("active", "normative", "published", str(published))],
    )


def narrative_requests(g, template, rng) -> Injected | None:
    """The prose restates 表三 一、本年新收 总计 off by k (NAR-REQ, in section 一 where it is said)."""
    if not g["requests"]["new"]["total"].isdigit():
        return None
    k = rng.choice((-3, -2, -1, 1, 2, 3, 10))
    if int(g["requests"]["new"]["total"]) + k < 0:
        k = abs(k)
    return Injected(
        "NAR-REQ",
        f"正文所述新收申请件数与表三相差 {k}",
        [Expect("NAR-REQ", "failed", section=1)],
        misstate_new_requests=k,
    )


def doubled_phrase(g, template, rng) -> Injected:
    return Injected(
        "TXT-REPEAT",
        "第五部分“信息公开”连印两次",
        [Expect("TXT-REPEAT", "failed", section=5)],
        doubled_phrase=True,
    )


DEFECTS: dict[str, Callable[..., Injected | None]] = {
    "T3-COLSUM": off_colsum,
    "T3-RESULT": off_result,
    "T3-BAL": off_balance,
    "T4-SUM": off_appeals,
    "BLANK-TOTAL": blank_total,
    "BLANK-CELL": blank_cell,
    "VAL-TEXT": value_text,
    "VAL-NEG": value_negative,
    "VAL-INT": value_decimal,
    "VAL-SUFFIX": value_suffix,
    "UNIT": unit_yuan,
    "UNIT-MAGNITUDE": unit_magnitude,
    "SEC-MISSING": missing_section,
    "TXT-DUP": duplicate_paragraph,
    "TIME-LATE": late,
    "SEC-ORDER": section_order,
    "SEC-NUMBERING": section_numbering,
    "T2-INEQ": active_inequality,
    "NAR-REQ": narrative_requests,
    "TXT-REPEAT": doubled_phrase,
}


def inject(grids: dict[str, TableCells], template: str, rng: random.Random) -> Injected:
    """One defect, its kind drawn evenly (a kind that does not fit the report is redrawn)."""
    while True:
        made = DEFECTS[rng.choice(sorted(DEFECTS))](grids, template, rng)
        if made is not None:
            return made
