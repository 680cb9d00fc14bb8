"""Arithmetic identities and inequalities over one table, per column or per row, all reports at once.

Evaluated on the wide frame (index: report × column or report × row) so one vectorised pass checks
every report; only failing or not-evaluable instances are expanded into evidence. An instance with
any blank operand is "not evaluable" — never passed, never failed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from ...core.context import RunContext
from ...core.finding import Hit
from ...expr import parse, substitute
from ..params.identity import IdentityParams
from ..registry import RowKind
from . import _exact
from ._common import KIND_EN, KIND_ZH, by_version, cell_ref, fmt, fmt_term

_LONG_SUM = 8
# the rows of flag_rows and hits_from_rows: gx.checks' identity rows with their outcome and binding
# (operand None for a failed instance)
ROW_COLUMNS = ["outcome", "binding", "report_id", "instance", "operand"]


class Identity(RowKind):
    params: IdentityParams

    def flag_rows(self, ctx: RunContext, report_ids: list[str]) -> pd.DataFrame:
        """Per binding, the failing instances and every blank operand of the instances that have one."""
        p = self.params
        frame, e0 = ctx.exact_wide(p.table, p.per)
        records: list[tuple] = []
        for version, vids in by_version(ctx, report_ids, p.table).items():
            tdef = ctx.templates.versions[version].tables[p.table]
            operands, instances = p.keys(tdef)
            w = frame[frame.index.get_level_values(0).isin(vids) & frame.index.get_level_values(1).isin(instances)]
            if w.empty:
                continue
            for bi, b in enumerate(p.bindings()):
                lhs_lin, rhs_lin = parse(substitute(p.lhs, b)), parse(substitute(p.rhs, b))
                lhs, rhs = lhs_lin.expand(operands), rhs_lin.expand(operands)
                keys = _keys(lhs, rhs)
                sub = w.reindex(columns=keys)
                na = sub.isna().any(axis=1)
                # exact integers at one exponent: the table's, or finer if a constant or the tolerance needs it
                e = min(e0, *(_exact.exponent(x) for x in (lhs_lin.const, rhs_lin.const, p.tolerance)))
                scale = 10 ** (e0 - e)
                ok = sub[~na]
                lv = _side_sum(ok, lhs, _exact.scaled(lhs_lin.const, e), scale)
                rv = _side_sum(ok, rhs, _exact.scaled(rhs_lin.const, e), scale)
                diff = lv - rv
                tol = _exact.scaled(p.tolerance, e)
                if p.op == "=":
                    bad = diff.abs() > tol
                elif p.op == "<=":
                    bad = diff > tol
                else:
                    bad = -diff > tol
                records += [("failed", bi, rid, inst, None) for rid, inst in bad[bad.astype(bool)].index]
                # the blank operands of each instance that has one, read row by row from one isna
                # frame (a single-cell lookup per operand was this kind's main cost)
                blank = sub[na].isna()
                for idx, flags in zip(blank.index, blank.to_numpy(), strict=True):
                    records += [("not_evaluable", bi, *idx, k) for k, f in zip(keys, flags, strict=True) if f]
        return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)

    def hits_from_rows(self, ctx: RunContext, report_ids: list[str], rows: pd.DataFrame) -> Iterable[Hit]:
        """Per format version: the failures binding by binding, each in table order, then one
        not-evaluable Hit per report listing its instances by binding and table order."""
        p = self.params
        frame, _ = ctx.exact_wide(p.table, p.per)
        position = {key: i for i, key in enumerate(frame.index)}  # table order, as flag_rows finds them
        failed: dict[int, set[tuple[str, str]]] = defaultdict(set)
        blank: dict[int, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
        for outcome, bi, rid, inst, operand in rows.reindex(columns=ROW_COLUMNS).itertuples(index=False, name=None):
            if outcome == "failed":
                failed[int(bi)].add((rid, inst))
            else:
                blank[int(bi)][rid, inst].add(operand)
        for version, vids in by_version(ctx, report_ids, p.table).items():
            operands, _ = p.keys(ctx.templates.versions[version].tables[p.table])
            ours = set(vids)
            not_eval: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
            for bi, b in enumerate(p.bindings()):
                lhs_lin, rhs_lin = parse(substitute(p.lhs, b)), parse(substitute(p.rhs, b))
                lhs, rhs = lhs_lin.expand(operands), rhs_lin.expand(operands)
                keys = _keys(lhs, rhs)
                for idx in sorted((x for x in failed[bi] if x[0] in ours), key=position.__getitem__):
                    yield self._failed(ctx, idx, lhs, rhs, lhs_lin.const, rhs_lin.const, b)
                for rid, inst in sorted((x for x in blank[bi] if x[0] in ours), key=position.__getitem__):
                    ops = blank[bi][rid, inst]
                    if not ops <= set(keys):
                        raise ValueError(f"{rid} / {inst}: {sorted(ops - set(keys))} not operands of binding {bi}")
                    not_eval[rid].append((inst, [k for k in keys if k in ops]))
            for rid in sorted(not_eval):
                yield self._not_evaluable(ctx, rid, not_eval[rid])

    def _cell(self, ctx: RunContext, rid: str, inst: str, key: str):
        row, col = (key, inst) if self.params.per == "column" else (inst, key)
        return row, col, ctx.reports[rid].table(self.params.table).cell(row, col)

    def _side(self, ctx: RunContext, rid: str, inst: str, terms, const: Decimal):
        tdef = ctx.tdef(rid, self.params.table)
        labels, vals, refs = [], [], []
        total = _exact.linear(((coef, self._cell(ctx, rid, inst, key)[2].value) for coef, key in terms), const)
        zeros = 0
        shown = 0
        for coef, key in terms:
            row, col, c = self._cell(ctx, rid, inst, key)
            refs.append(cell_ref(ctx, rid, self.params.table, row, col, c))
            if len(terms) > _LONG_SUM and c.value == 0:
                zeros += 1  # long sums: list the non-zero terms, count the zeros
                continue
            lab = tdef.rows[key].display if self.params.per == "column" else tdef.columns[key].display
            labels.append(lab if shown == 0 and coef > 0 else ("-" if coef < 0 else "+") + lab)
            vals.append(fmt_term(c.value, shown == 0, coef))
            shown += 1
        if const or not terms:
            labels.append(fmt(const) if not terms else fmt_term(const, False, 1))
            vals.append(fmt(const) if not terms else fmt_term(const, False, 1))
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
        diff = _exact.magnitude(_exact.diff(l_val, r_val))
        if p.op == "=":
            arithmetic = f"{l_text}; {r_text}; 差 {fmt(diff)}"
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
                "diff": fmt(diff),
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
        for inst, blanks in items:
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
                f"“{inst_label}” ({', '.join(f'“{lab}” {KIND_EN[k]}' for lab, k in blank_labels[:6])}"
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


def _side_sum(frame: pd.DataFrame, terms: list[tuple[int, str]], const: int, scale: int) -> pd.Series:
    """Σ coef × column, exactly (object dtype, Python ints), times `scale`, plus the constant."""
    out = pd.Series(0, index=frame.index, dtype=object)
    for coef, key in terms:
        out = out + frame[key] * coef
    return out * scale + const if scale != 1 else out + const


def _keys(lhs: list[tuple[int, str]], rhs: list[tuple[int, str]]) -> list[str]:
    """The operands of one binding, each once, in the order the expression names them."""
    return list(dict.fromkeys(k for _, k in lhs + rhs))
