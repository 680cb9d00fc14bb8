"""Arithmetic identities and inequalities over one table, per column or per row, all reports at once.

Evaluated on the wide frame (index: report × column or report × row) so one vectorised pass checks
every report; only failing or not-evaluable instances are expanded into evidence. An instance with
any blank operand is "not evaluable" — never passed, never failed.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

import pandas as pd
from pydantic import Field

from ...core.context import RunContext
from ...core.finding import Hit
from ...expr import ExprError, parse, substitute
from ..registry import KindParams, ParamError, RuleKind, register
from ._common import KIND_EN, KIND_ZH, TableKey, by_version, cell_ref, fmt, fmt_term

_EPS = 1e-9
_LONG_SUM = 8


class IdentityParams(KindParams):
    table: TableKey
    per: Literal["column", "row"]
    over: Literal["all"] | tuple[str, ...] = "all"
    lhs: str
    rhs: str
    op: Literal["=", "<=", ">="] = "="
    tolerance: float = 0.0
    each: dict[str, tuple[str, ...]] = Field(default_factory=dict)


@register("identity")
class Identity(RuleKind):
    Params = IdentityParams
    doc = "lhs op rhs for each instance (column or row) of a table; blank operand → not evaluable"
    params: IdentityParams

    def _bindings(self) -> list[dict[str, str]]:
        if not self.params.each:
            return [{}]
        names = sorted(self.params.each)
        return [
            dict(zip(names, combo, strict=True)) for combo in itertools.product(*(self.params.each[n] for n in names))
        ]

    def _keys(self, tdef) -> tuple[list[str], list[str]]:
        rows, cols = list(tdef.rows), list(tdef.columns)
        operands, instances = (rows, cols) if self.params.per == "column" else (cols, rows)
        if self.params.over != "all":
            for k in self.params.over:
                if k not in instances:
                    raise ParamError(
                        "over", f"'{k}' is not a {'column' if self.params.per == 'column' else 'row'} of {tdef.key}"
                    )
            instances = list(self.params.over)
        return operands, instances

    def check_params(self, templates, rules_dir) -> None:
        for v in self.spec.applies_to.templates:
            tdef = templates.versions[v].tables[self.params.table]
            operands, _ = self._keys(tdef)
            for b in self._bindings():
                for key, side in (("lhs", self.params.lhs), ("rhs", self.params.rhs)):
                    try:
                        parse(substitute(side, b)).expand(operands)
                    except ExprError as exc:
                        raise ParamError(key, f"format {v}: '{side}': {exc}") from exc

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        for version, vids in by_version(ctx, report_ids, p.table).items():
            tdef = ctx.templates.versions[version].tables[p.table]
            operands, instances = self._keys(tdef)
            w = ctx.wide(p.table, p.per)
            w = w[w.index.get_level_values(0).isin(vids) & w.index.get_level_values(1).isin(instances)]
            if w.empty:
                continue
            not_eval: dict[str, list[tuple[str, list[str], list[tuple[str, str]]]]] = defaultdict(list)
            for b in self._bindings():
                lhs = parse(substitute(p.lhs, b)).expand(operands)
                rhs_lin = parse(substitute(p.rhs, b))
                rhs = rhs_lin.expand(operands)
                lhs_const = parse(substitute(p.lhs, b)).const
                keys = list(dict.fromkeys(k for _, k in lhs + rhs))
                sub = w.reindex(columns=keys)
                lv = sum((c * sub[k] for c, k in lhs), start=pd.Series(float(lhs_const), index=sub.index))
                rv = sum((c * sub[k] for c, k in rhs), start=pd.Series(float(rhs_lin.const), index=sub.index))
                na = sub.isna().any(axis=1)
                diff = lv - rv
                tol = p.tolerance + _EPS
                if p.op == "=":
                    bad = diff.abs() > tol
                elif p.op == "<=":
                    bad = diff > tol
                else:
                    bad = diff < -tol
                for idx in bad[bad & ~na].index:
                    yield self._failed(ctx, idx, lhs, rhs, lhs_const, rhs_lin.const, b)
                for idx in na[na].index:
                    rid, inst = idx
                    blanks = [k for k in keys if pd.isna(sub.at[idx, k])]
                    not_eval[rid].append((inst, blanks, []))
            for rid in sorted(not_eval):
                yield self._not_evaluable(ctx, rid, not_eval[rid])

    def _cell(self, ctx: RunContext, rid: str, inst: str, key: str):
        row, col = (key, inst) if self.params.per == "column" else (inst, key)
        return row, col, ctx.reports[rid].table(self.params.table).cell(row, col)

    def _side(self, ctx: RunContext, rid: str, inst: str, terms, const: Decimal):
        tdef = ctx.tdef(rid, self.params.table)
        labels, vals, refs = [], [], []
        total: Decimal = Decimal(const)
        zeros = 0
        shown = 0
        for coef, key in terms:
            row, col, c = self._cell(ctx, rid, inst, key)
            total += coef * Decimal(c.value)
            refs.append(cell_ref(ctx, rid, self.params.table, row, col, c))
            if len(terms) > _LONG_SUM and c.value == 0:
                zeros += 1  # long sums: list the non-zero terms, count the zeros
                continue
            lab = tdef.rows[key].display if self.params.per == "column" else tdef.columns[key].display
            labels.append(lab if shown == 0 and coef > 0 else ("-" if coef < 0 else "+") + lab)
            vals.append(fmt_term(c.value, shown == 0, coef))
            shown += 1
        if const or not terms:
            labels.append(fmt(const) if not terms else f"+{fmt(const)}")
            vals.append(fmt(const) if not terms else f"+{fmt(const)}")
        expr = "".join(labels)
        if zeros:
            expr = f"{expr or '0'}（其余{zeros}项为0）"
            vals = vals or ["0"]
        if not terms:
            text = fmt(const)
        elif shown > 1 or zeros or const:
            text = f"{expr} = {''.join(vals)} = {fmt(total)}"
        else:
            text = f"{expr} = {fmt(total)}"
        return text, total, refs

    def _failed(self, ctx, idx, lhs, rhs, lhs_const, rhs_const, binding) -> Hit:
        rid, inst = idx
        p = self.params
        l_text, l_val, l_refs = self._side(ctx, rid, inst, lhs, lhs_const)
        r_text, r_val, r_refs = self._side(ctx, rid, inst, rhs, rhs_const)
        diff = l_val - r_val
        if p.op == "=":
            arithmetic = f"{l_text}; {r_text}; 差 {fmt(abs(diff))}"
        else:
            sign = ">" if p.op == "<=" else "<"
            arithmetic = f"{l_text}; {r_text}; {fmt(l_val)} {sign} {fmt(r_val)}"
        tdef = ctx.tdef(rid, p.table)
        inst_label = tdef.columns[inst].display if p.per == "column" else tdef.rows[inst].display
        first = l_refs[0] if l_refs else (r_refs[0] if r_refs else None)
        return Hit(
            report_id=rid,
            table=p.table,
            row=inst if p.per == "row" else None,
            column=inst if p.per == "column" else (first.column if first and binding else None),
            raw=first.raw if first else None,
            line=first.line if first else None,
            expected=f"{p.op} {fmt(r_val)}",
            found=fmt(l_val),
            arithmetic=arithmetic,
            cells=l_refs + r_refs,
            params={
                "instance": inst_label,
                "lhs": fmt(l_val),
                "rhs": fmt(r_val),
                "diff": fmt(abs(diff)),
                "lhs_label": l_text.split(" = ")[0],
                "group": next(iter(binding.values()), ""),
            },
        )

    def _not_evaluable(self, ctx: RunContext, rid: str, items) -> Hit:
        p = self.params
        tdef = ctx.tdef(rid, p.table)
        table = ctx.reports[rid].table(p.table)
        title = tdef.title.split(" ")[0]
        refs = []
        parts_zh, parts_en = [], []
        for inst, blanks, _ in items:
            inst_label = tdef.columns[inst].display if p.per == "column" else tdef.rows[inst].display
            blank_labels = []
            for k in blanks:
                row, col, c = self._cell(ctx, rid, inst, k)
                refs.append(cell_ref(ctx, rid, p.table, row, col, c))
                blank_labels.append((tdef.rows[k].display if p.per == "column" else tdef.columns[k].display, c.kind))
            parts_zh.append(
                f"{inst_label}（{'、'.join(f'{lab}{KIND_ZH[k]}' for lab, k in blank_labels[:6])}"
                f"{'等' if len(blank_labels) > 6 else ''}）"
            )
            parts_en.append(
                f"{inst_label} ({', '.join(f'{lab} {KIND_EN[k]}' for lab, k in blank_labels[:6])}"
                f"{', …' if len(blank_labels) > 6 else ''})"
            )
        if not table.found:
            zh, en = f"未找到{title}", f"{title} not found"
        else:
            zh = f"{len(items)}处有空白运算数：" + "；".join(parts_zh[:8]) + ("……" if len(parts_zh) > 8 else "")
            en = (
                f"{len(items)} instance(s) with blank operands: "
                + "; ".join(parts_en[:8])
                + ("…" if len(parts_en) > 8 else "")
            )
        first = refs[0] if refs else None
        return Hit(
            report_id=rid,
            outcome="not_evaluable",
            table=p.table,
            line=first.line if first else table.first_line,
            cells=refs[:60],
            params={"reason_zh": zh, "reason_en": en, "count": len(items)},
        )
