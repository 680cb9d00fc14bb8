"""Identities between a report and the same agency's report for the year before (from this run or
from the history of earlier runs): 二 (this year) = 四 (last year), 2019→2020 item counts, 2021
documents in force.

Each side is read in its own report's format version, so a 2021 report is checked against a 2020
report in the 2019 format wherever both formats have the rows (表三 二 and 四 exist in both).
No previous report → nothing to compare (the first year of an agency). Every comparison that was
started but could not be made says why, as a not-evaluable result: a table not found in either
year, a row or column last year's format does not have, a blank operand. Never a deduction.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...core.context import RunContext
from ...core.finding import CellRef, Hit
from ...expr import ExprError, parse
from ...model import Report
from ...templates import TableDef
from ..params.cross_year import CrossYearParams
from ..registry import RuleKind
from . import _exact
from ._common import NO_PREVIOUS, fmt, fmt_term


class CrossYear(RuleKind):
    params: CrossYearParams

    def nothing_to_check(self, ctx: RunContext, report_id: str) -> tuple[str, str] | None:
        return NO_PREVIOUS if ctx.previous_report(report_id) is None else None

    def _instances(self, tdef: TableDef) -> list[str]:
        keys = list(tdef.columns) if self.params.per == "column" else list(tdef.rows)
        return keys if self.params.over == "all" else [k for k in self.params.over if k in keys]

    def _operands(self, tdef: TableDef) -> list[str]:
        return list(tdef.rows) if self.params.per == "column" else list(tdef.columns)

    def _label(self, tdef: TableDef, key: str, operand: bool) -> str:
        as_row = operand == (self.params.per == "column")
        d = tdef.rows.get(key) if as_row else tdef.columns.get(key)
        return d.display if d is not None else key

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        for rid in report_ids:
            cur = ctx.reports[rid]
            prev = ctx.previous_report(rid)
            if prev is None:
                continue  # no earlier report of this agency: nothing to compare
            cdef, pdef = ctx.table_def(cur, p.table), ctx.table_def(prev, p.table)
            title = cdef.title.split(" ")[0]
            missing = [r.year for r in (cur, prev) if not r.table(p.table).found]
            if missing:
                zh = "、".join(f"{y}年报告" for y in missing) + f"未找到{title}"
                en = " and ".join(f"the {y} report" for y in missing) + f": {title} not found"
                yield self._not_evaluable(rid, cur, prev, zh, en)
                continue
            this_terms, gap_this = self._expand(p.this, cdef)
            last_terms, gap_last = self._expand(p.last, pdef)
            if this_terms is None or last_terms is None:
                gaps = [(cur, gap_this)] if this_terms is None else []
                gaps += [(prev, gap_last)] if last_terms is None else []
                zh = "；".join(self._gap(ctx, r, keys, True, "zh") for r, keys in gaps) + "，无法比对"
                en = "; ".join(self._gap(ctx, r, keys, True, "en") for r, keys in gaps) + ": nothing to compare"
                yield self._not_evaluable(rid, cur, prev, zh, en)
                continue
            instances = self._instances(cdef)
            only_here = [k for k in instances if k not in self._instances(pdef)]
            blanks: list[str] = []
            for inst in instances:
                if inst in only_here:
                    continue
                a, a_txt, a_refs = self._side(cur, inst, this_terms, cdef)
                b, b_txt, b_refs = self._side(prev, inst, last_terms, pdef)
                if a is None or b is None:
                    blanks.append(self._label(cdef, inst, False))
                    continue
                if not _exact.violates(a, b, p.op, p.tolerance):
                    continue
                diff = _exact.magnitude(_exact.diff(a, b))
                first = a_refs[0]
                yield Hit(
                    report_id=rid,
                    table=p.table,
                    row=inst if p.per == "row" else None,
                    column=inst if p.per == "column" else None,
                    raw=first.raw,
                    line=first.line,
                    expected=fmt(b),
                    found=fmt(a),
                    arithmetic=f"{a_txt}; {b_txt}; 差 {fmt(diff)}",
                    cells=a_refs + b_refs,
                    params={
                        "instance": self._label(cdef, inst, False),
                        "this_year": cur.year,
                        "last_year": prev.year,
                        "this_value": fmt(a),
                        "last_value": fmt(b),
                        "diff": fmt(diff),
                        "last_file": prev.file,
                    },
                )
            reasons_zh, reasons_en = [], []
            if only_here:
                reasons_zh.append(self._gap(ctx, prev, only_here, False, "zh"))
                reasons_en.append(self._gap(ctx, prev, only_here, False, "en"))
            if blanks:
                reasons_zh.append(f"本年或上年有空白运算数：{'、'.join(blanks[:8])}")
                reasons_en.append(f"blank operands this or last year: {', '.join(blanks[:8])}")
            if reasons_zh:
                yield self._not_evaluable(rid, cur, prev, "；".join(reasons_zh), "; ".join(reasons_en))

    def _expand(self, expr: str, tdef: TableDef) -> tuple[list[tuple[int, str]] | None, list[str]]:
        """The expression's terms over the table in this format version; None and the keys the
        version lacks when it cannot be read there."""
        lin, keys = parse(expr), self._operands(tdef)
        try:
            return lin.expand(keys), []
        except ExprError:
            return None, [t.key for t in lin.terms if t.glob or t.key not in keys]

    def _gap(self, ctx: RunContext, report: Report, keys: list[str], operand: bool, lang: str) -> str:
        """“2020年报告为2019年版格式，其表二没有“现行有效件数””: what a report's format lacks."""
        table = self.params.table
        version = report_version(ctx, report, table)
        title = ctx.table_def(report, table).title.split(" ")[0]
        names = []
        for k in keys:  # labelled from whichever format version has the key
            defs = [v.tables[table] for _, v in sorted(ctx.templates.versions.items())]
            names.append(next((lab for d in defs if (lab := self._label(d, k, operand)) != k), k))
        if lang == "zh":
            return f"{report.year}年报告为{version}年版格式，其{title}没有{'、'.join(f'“{n}”' for n in names)}"
        listed = ", ".join(repr(n) for n in names)
        return f"the {report.year} report uses the {version} format, whose {title} has no {listed}"

    def _not_evaluable(self, rid: str, cur: Report, prev: Report, zh: str, en: str) -> Hit:
        return Hit(
            report_id=rid,
            outcome="not_evaluable",
            table=self.params.table,
            params={"reason_zh": zh, "reason_en": en, "last_year": prev.year, "last_file": prev.file},
        )

    def _side(self, report: Report, inst: str, terms, tdef: TableDef):
        labels, vals, refs, values = [], [], [], []
        table = report.table(self.params.table)
        year = str(report.year)
        for i, (coef, key) in enumerate(terms):
            row, col = (key, inst) if self.params.per == "column" else (inst, key)
            c = table.cell(row, col)
            if not c.has_value:
                return None, "", []
            values.append((coef, c.value))
            lab = self._label(tdef, key, True)
            labels.append(("" if i == 0 and coef > 0 else ("-" if coef < 0 else "+")) + lab)
            vals.append(fmt_term(c.value, i == 0, coef))
            refs.append(CellRef(self.params.table, row, col, c.raw, c.line, f"{year}年 {lab}"))
        total: Decimal = _exact.linear(values)
        text = f"{''.join(labels)}（{year}） = " + (f"{''.join(vals)} = {fmt(total)}" if len(terms) > 1 else fmt(total))
        return total, text, refs


def report_version(ctx: RunContext, report: Report, table: str) -> str:
    """The format version a report's table was read with."""
    t = report.tables.get(table)
    return t.version if t is not None and t.version else ctx.report_version(report)
