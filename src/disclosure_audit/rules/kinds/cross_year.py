"""Identities between a report and the same agency's report for the year before (from this run or
from the history of earlier runs): 二 (this year) = 四 (last year), 2019→2020 item counts, 2021
documents in force. No previous report → nothing to check; a blank operand → not evaluable."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from ...core.context import RunContext
from ...core.finding import CellRef, Hit
from ...expr import ExprError, parse
from ...model import Report
from ..registry import KindParams, ParamError, RuleKind, register
from ._common import TableKey, fmt


class CrossYearParams(KindParams):
    table: TableKey
    per: Literal["column", "row"]
    over: Literal["all"] | tuple[str, ...] = "all"
    this: str
    last: str
    op: Literal["=", "<=", ">="] = "="
    tolerance: float = 0.0
    same_template: bool = True


@register("cross_year")
class CrossYear(RuleKind):
    Params = CrossYearParams
    doc = "this year's figures against last year's report of the same agency"
    params: CrossYearParams

    def _keys(self, tdef) -> tuple[list[str], list[str]]:
        rows, cols = list(tdef.rows), list(tdef.columns)
        operands, instances = (rows, cols) if self.params.per == "column" else (cols, rows)
        return operands, (instances if self.params.over == "all" else list(self.params.over))

    def check_params(self, templates, rules_dir) -> None:
        for v in self.spec.applies_to.templates:
            tdef = templates.versions[v].tables[self.params.table]
            operands = list(tdef.rows) if self.params.per == "column" else list(tdef.columns)
            instances = list(tdef.columns) if self.params.per == "column" else list(tdef.rows)
            for key in ("this", "last"):
                try:
                    parse(getattr(self.params, key)).expand(operands)
                except ExprError as exc:
                    raise ParamError(key, f"format {v}: {exc}") from exc
            if self.params.over != "all" and (bad := [k for k in self.params.over if k not in instances]):
                raise ParamError("over", f"format {v}: unknown keys {bad}")

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        for rid in report_ids:
            cur = ctx.reports[rid]
            prev = ctx.previous_report(rid)
            if prev is None or not cur.table(p.table).found or not prev.table(p.table).found:
                continue
            if p.same_template and (prev.template or "") != (cur.template or ""):
                continue
            tdef = ctx.tdef(rid, p.table)
            operands, instances = self._keys(tdef)
            this_terms = parse(p.this).expand(operands)
            last_terms = parse(p.last).expand(operands)
            blanks: list[str] = []
            for inst in instances:
                a, a_txt, a_refs = self._side(cur, inst, this_terms, tdef, str(cur.year))
                b, b_txt, b_refs = self._side(prev, inst, last_terms, tdef, str(prev.year))
                if a is None or b is None:
                    blanks.append(self._label(tdef, inst))
                    continue
                diff = a - b
                tol = Decimal(str(p.tolerance))
                bad = abs(diff) > tol if p.op == "=" else (diff > tol if p.op == "<=" else diff < -tol)
                if not bad:
                    continue
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
                    arithmetic=f"{a_txt}; {b_txt}; 差 {fmt(abs(diff))}",
                    cells=a_refs + b_refs,
                    params={
                        "instance": self._label(tdef, inst),
                        "this_year": cur.year,
                        "last_year": prev.year,
                        "this_value": fmt(a),
                        "last_value": fmt(b),
                        "diff": fmt(abs(diff)),
                        "last_file": prev.file,
                    },
                )
            if blanks:
                yield Hit(
                    report_id=rid,
                    outcome="not_evaluable",
                    table=p.table,
                    params={
                        "reason_zh": f"本年或上年有空白运算数：{'、'.join(blanks[:8])}",
                        "reason_en": f"blank operands this or last year: {', '.join(blanks[:8])}",
                    },
                )

    def _label(self, tdef, inst: str) -> str:
        return tdef.columns[inst].display if self.params.per == "column" else tdef.rows[inst].display

    def _side(self, report: Report, inst: str, terms, tdef, year: str):
        total = Decimal(0)
        labels, vals, refs = [], [], []
        table = report.table(self.params.table)
        for i, (coef, key) in enumerate(terms):
            row, col = (key, inst) if self.params.per == "column" else (inst, key)
            c = table.cell(row, col)
            if not c.has_value:
                return None, "", []
            total += coef * Decimal(c.value)
            lab = tdef.rows[key].display if self.params.per == "column" else tdef.columns[key].display
            labels.append(("" if i == 0 and coef > 0 else ("-" if coef < 0 else "+")) + lab)
            vals.append(("" if i == 0 and coef > 0 else ("-" if coef < 0 else "+")) + fmt(c.value))
            refs.append(CellRef(self.params.table, row, col, c.raw, c.line, f"{year}年 {lab}"))
        text = f"{''.join(labels)}（{year}） = " + (f"{''.join(vals)} = {fmt(total)}" if len(terms) > 1 else fmt(total))
        return total, text, refs
