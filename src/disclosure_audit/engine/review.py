"""Findings that rest on an uncertain reading: marked for review, deducting nothing until confirmed.

A failed finding can be wrong in two ways: the report is wrong, or the reader is. When the evidence
is a cell the reader reconstructed (digits whose separators were lost, values placed by row order or
column position) or could not decide (`ambiguous`), or a table whose uncertain reading fails its own
identities, the two cannot be told apart without a person looking at the source. Such a finding
gets `Finding.review = {"zh", "en", "cells", "confirmed": None}`; a reviewer's entry under
`confirmations:` in the waivers file sets `confirmed` and the finding then deducts like any other.

Findings of the `extraction` kind (EXT-CELLS) are about the reading itself and are never marked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..core.finding import CellRef, Hit
from ..model import Cell, Report

if TYPE_CHECKING:
    from ..core.context import RunContext
    from ..rules.loader import LoadedRule

# Rule kinds whose findings describe the reading, not the report.
NOT_REVIEWED_KINDS = frozenset({"extraction"})

READING_TEXT = {
    "segmented": (
        "原文数字之间没有分隔，按表内勾稽关系拆分得出",
        "digits printed without separators, split using the table's own arithmetic",
    ),
    "placed": (
        "数值与行标签分开印刷，按格式的行序放置",
        "values printed apart from their row labels, placed by the format's row order",
    ),
    "aligned": (
        "行内有空白单元格且原文没有单元格分隔符，按列位置对齐",
        "a row with blank cells and no cell separators, placed by column position",
    ),
}

TABLE_NAMES = {
    "active": ("表二", "table 2"),
    "requests": ("表三", "table 3"),
    "appeals": ("表四", "table 4"),
}


# Kinds whose evidence also cites the same agency's previous-year report.
CROSS_YEAR_KINDS = frozenset({"cross_year", "copied_text"})


def _cell_label(ref: CellRef, lang: str) -> str:
    """表三 一 / 自然人; a cross-year rule's label keeps its year in front (2021年 表三 四)."""
    table = TABLE_NAMES.get(ref.table, (ref.table, ref.table))[0 if lang == "zh" else 1]
    label = ref.label or " / ".join(x for x in (ref.row, ref.column) if x)
    year, rest = re.match(r"(\d{4}年 )?(.*)", label).groups()
    return f"{year or ''}{table} {rest}".strip()


def _cited(ctx: RunContext, report_id: str, ref: CellRef, cross_year: bool) -> list[tuple[Report, Cell]]:
    """The report cells a finding cites: this report's, and for cross-year rules last year's report
    in this run when the cited text and line are its own."""
    if not ref.table or not ref.row or not ref.column:
        return []
    report = ctx.reports[report_id]
    cell = report.table(ref.table).cell(ref.row, ref.column)
    out = [(report, cell)] if (cell.raw, cell.line) == (ref.raw, ref.line) else []
    if cross_year and (prev := ctx.previous_report(report_id)) is not None:
        other = prev.table(ref.table).cell(ref.row, ref.column)
        if (other.raw, other.line) == (ref.raw, ref.line):
            out.append((prev, other))
    return out or [(report, cell)]


def report_lost_numbering(report: Report) -> bool:
    return any(p.code == "numbering-dropped" for p in report.problems)


def _depends_on_numbering(rule: LoadedRule) -> bool:
    """Rules about the outline and item numbers: a Word list the reader could not number breaks them."""
    check = getattr(rule.kind.params, "check", None)
    return rule.kind.name == "required_sections" or check == "enumeration"


def review_for(rule: LoadedRule, hit: Hit, ctx: RunContext) -> dict[str, Any] | None:
    """The review slot for a failed finding whose evidence rests on an uncertain reading, else None."""
    if hit.outcome != "failed" or rule.kind.name in NOT_REVIEWED_KINDS:
        return None
    report = ctx.reports[hit.report_id]
    cross_year = rule.kind.name in CROSS_YEAR_KINDS
    zh_parts: list[str] = []
    en_parts: list[str] = []
    labels: list[str] = []
    by_kind: dict[str, list[tuple[str, str]]] = {}
    candidates: list[tuple[str, str]] = []
    tables: list[str] = [hit.table] if hit.table else []
    for ref in hit.cells:
        for owner, cell in _cited(ctx, hit.report_id, ref, cross_year):
            if owner is report and ref.table not in tables:
                tables.append(ref.table)
            kind = "ambiguous" if cell.kind == "ambiguous" else cell.reading
            if kind is None:
                continue
            zh, en = _cell_label(ref, "zh"), _cell_label(ref, "en")
            if owner is not report and owner.year and str(owner.year) not in zh:
                zh, en = f"{owner.year}年 {zh}", f"{owner.year}: {en}"
            if zh in labels:
                continue
            labels.append(zh)
            by_kind.setdefault(kind, []).append((zh, en))
            if kind == "ambiguous" and cell.candidates:
                cands = " / ".join(cell.candidates)
                candidates.append((f"{zh}：{cands}", f"{en}: {cands}"))
    for kind in ("ambiguous", "segmented", "placed", "aligned"):
        names = by_kind.get(kind)
        if not names:
            continue
        names_zh, names_en = "、".join(n[0] for n in names), ", ".join(n[1] for n in names)
        if kind == "ambiguous":
            c_zh = f"（{'；'.join(c[0] for c in candidates)}）" if candidates else ""
            c_en = f" ({'; '.join(c[1] for c in candidates)})" if candidates else ""
            zh_parts.append(f"{names_zh}：原文可有多种读法{c_zh}，未作取舍")
            en_parts.append(f"{names_en}: the text admits several readings{c_en}; none was chosen")
        else:
            zh, en = READING_TEXT[kind]
            zh_parts.append(f"{names_zh}：{zh}")
            en_parts.append(f"{names_en}: {en}")
    for tkey in tables:
        table = report.tables.get(tkey)
        if table is None or not (table.self_check and table.uncertain):
            continue
        zh_name, en_name = TABLE_NAMES.get(tkey, (tkey, tkey))
        checks = "；".join(table.self_check)
        zh_parts.append(
            f"{zh_name}的读取结果不确定，且本身不满足表内勾稽关系（{checks}），无法区分是报告有误还是读取有误"
        )
        en_parts.append(
            f"the reading of {en_name} is uncertain and fails the table's own identities ({checks}); a fault of "
            "the report cannot be told from a misreading"
        )
        if not labels:
            labels.extend(dict.fromkeys(_cell_label(r, "zh") for r in hit.cells if r.table == tkey) or [zh_name])
    if report_lost_numbering(report) and _depends_on_numbering(rule):
        zh_parts.append("原文件（Word）的自动编号无法还原，标题和条目的序号缺失，可能并非报告本身的问题")
        en_parts.append(
            "the Word file's automatic numbering could not be rendered, so heading and item numbers are "
            "missing from the reading and may not be missing from the report"
        )
    if not zh_parts:
        return None
    return {
        "zh": f"该问题依据的读数不确定，须人工核对原文后确认：{'；'.join(zh_parts)}。确认前不扣分",
        "en": f"This finding rests on an uncertain reading and needs a reviewer to check the source: "
        f"{'; '.join(en_parts)}. It deducts nothing until confirmed",
        "cells": labels,
        "confirmed": None,
    }
