"""`run --engine gx`: the table rules detected by Great Expectations, the findings written by us.

The table rules (those `gx.compile` turns into SQL checks over the facts long table) are detected
in ONE GX validation over all the run's reports: the facts of every report go into a temporary
SQLite file, one suite holds every check (each an `ExpectQueryToReturnNoRows`, which returns all
its rows), one checkpoint runs it. Each check's rows go back to its rule's kind (`RowKind.
hits_from_rows`), the same evidence code the default engine uses, so the findings are the default
engine's finding by finding; only the detection differs. Every other rule runs as usual.

Two things keep the engines from ever disagreeing silently:

- a number the facts table cannot hold exactly (`scaled` NULL: beyond ±9.2×10^12 or finer than 6
  decimals), or one too large to add in 64 bits (an identity operand row with operand_kind
  'number'), would be decided differently in SQL; the reports holding one are detected by the
  default engine instead, and the run record says which and how many cells (`fallback`);
- a check GX could not run (import error, SQL error, a result missing or cut short) breaks its
  rule: the runner records it like any broken rule, naming the check, and the run exits 1. A rule
  is never passed because GX said nothing.

great_expectations is imported here, inside functions, and only when the gx engine runs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.context import RunContext
from ..core.finding import Hit
from ..gx.checks import SqlCheck
from ..rules.loader import LoadedRule
from ..rules.registry import RowKind
from ..templates import Templates
from ..warehouse.facts import facts_frame, write_sqlite

if TYPE_CHECKING:
    from ..gx.checks import NotExported

Compiler = Callable[[list[LoadedRule], Templates], "tuple[list[SqlCheck], list[NotExported]]"]


class GxCheckError(RuntimeError):
    """GX could not decide a rule: raised when the rule is evaluated, so the runner records it as a
    broken rule (its message names the check) and the rule contributes no findings."""


@dataclass
class Detection:
    """What the one GX validation found, per rule, for the runner to turn into findings."""

    rows: dict[str, pd.DataFrame] = field(default_factory=dict)  # rule id → rows of all its checks
    errors: dict[str, str] = field(default_factory=dict)  # rule id → why GX could not decide it
    fallback: set[str] = field(default_factory=set)  # reports whose table rules the default engine detects
    record: dict = field(default_factory=dict)  # for the run record: engine, checks, fallback

    def covers(self, rule: LoadedRule) -> bool:
        return rule.spec.id in self.rows or rule.spec.id in self.errors

    def hits(self, rule: LoadedRule, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        """The rule's Hits for `report_ids` (its scope): GX's rows, the default engine's for the
        fallback reports, both through the kind's evidence code."""
        if rule.spec.id in self.errors:
            raise GxCheckError(self.errors[rule.spec.id])
        kind = rule.kind
        assert isinstance(kind, RowKind)
        rows = self.rows[rule.spec.id]
        rows = rows[rows["report_id"].isin(report_ids) & ~rows["report_id"].isin(self.fallback)]
        back = [rid for rid in report_ids if rid in self.fallback]
        if back:
            rows = pd.concat([rows, kind.flag_rows(ctx, back)], ignore_index=True)
        return kind.hits_from_rows(ctx, report_ids, rows)


@dataclass
class GxEngine:
    """Detects the table rules through GX. `compile` turns rules into SQL checks (gx.compile's
    `compile_rules` unless told otherwise)."""

    compile: Compiler | None = None

    def detect(self, rules: list[LoadedRule], ctx: RunContext) -> Detection:
        checks, by_rule, det = self._checks(rules, ctx.templates)
        facts = facts_frame(list(ctx.reports.values()), ctx.templates)
        unexact = facts[(facts["kind"] == "number") & facts["scaled"].isna()]
        det.fallback = set(unexact["report_id"])
        results: dict[str, pd.DataFrame | str] = {}
        if checks:
            with tempfile.TemporaryDirectory(prefix="disclosure-audit-gx-") as tmp:
                path = Path(tmp) / "facts.sqlite"
                write_sqlite(facts, path)
                _index(path)
                try:
                    results = validate(checks, path)
                except Exception as exc:  # GX missing or the validation as a whole failing
                    why = f"{type(exc).__name__}: {exc}"
                    results = {c.name: f"the GX validation did not run: {why}" for c in checks}
        for rule_id, mine in by_rule.items():
            frames, errors = [], []
            for c in mine:
                got = results.get(c.name, "GX returned no result for it")
                if isinstance(got, str):
                    errors.append(f"GX check {c.name}: {got}")
                else:
                    frames.append(_with_outcome(got, c))
            if errors:
                det.errors[rule_id] = "; ".join(errors)
                continue
            rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["report_id"])
            det.rows[rule_id] = rows
            # an operand SQL could not add exactly: the default engine decides these reports
            if "operand_kind" in rows:
                det.fallback |= set(rows.loc[rows["operand_kind"] == "number", "report_id"])
        det.record = {
            "name": "gx",
            "checks": len(checks),
            "rules": sorted(det.rows),  # decided by GX (a rule GX could not run is a broken rule)
            "not_compiled": sorted(det.record.get("not_compiled", [])),
            "fallback": {"cells": len(unexact), "reports": sorted(det.fallback)},
        }
        return det

    def _checks(self, rules: list[LoadedRule], templates: Templates) -> tuple[list[SqlCheck], dict, Detection]:
        """The SQL checks of every rule whose kind can hand detection over (a RowKind); a rule of
        such a kind that has no SQL form stays with the default engine (`not_compiled`), one the
        compiler raises on is broken."""
        det = Detection(record={"not_compiled": []})
        checks: list[SqlCheck] = []
        by_rule: dict[str, list[SqlCheck]] = {}
        try:
            compile_rules = self.compile or _compiler()
        except Exception as exc:
            compile_rules = None
            why = f"the SQL compiler could not be loaded: {type(exc).__name__}: {exc}"
        for rule in rules:
            if not isinstance(rule.kind, RowKind):
                continue
            try:
                if compile_rules is None:
                    raise GxCheckError(why)
                mine, _ = compile_rules([rule], templates)
            except Exception as exc:
                det.errors[rule.spec.id] = f"compiling to SQL failed: {type(exc).__name__}: {exc}"
                continue
            if mine:
                by_rule[rule.spec.id] = mine
                checks += mine
            else:
                det.record["not_compiled"].append(rule.spec.id)
        return checks, by_rule, det


def _compiler() -> Compiler:
    from ..gx.compile import compile_rules

    return compile_rules


def _index(path: Path) -> None:
    """Index the cell key: the identity checks look each operand up by report, table, row and
    column, and without an index SQLite scans the table once per operand (quadratic: minutes for a
    hundred reports instead of a fraction of a second)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute('CREATE INDEX "facts_cell" ON "facts" ("report_id", "table_key", "row_key", "column_key")')
        con.execute("ANALYZE")
        con.commit()
    finally:
        con.close()


def _with_outcome(rows: pd.DataFrame, check: SqlCheck) -> pd.DataFrame:
    """A check's rows with what the check itself says about them (identity: outcome and binding)."""
    if check.kind == "identity":
        rows = rows.assign(outcome=check.outcome, binding=check.binding)
    return rows


def validate(checks: list[SqlCheck], facts_path: Path) -> dict[str, pd.DataFrame | str]:
    """Run every check in one GX suite and one checkpoint over the facts table in `facts_path`:
    check name → its rows, or why GX could not run it."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    from ..gx.plugin import ExpectQueryToReturnNoRows

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,  # no network from an audit
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    source = context.data_sources.add_sqlite("facts", connection_string=f"sqlite:///{facts_path}")
    batch = source.add_table_asset("facts", table_name="facts").add_batch_definition_whole_table("all")
    # built whole, then added: a suite already in the context is saved again on every add_expectation
    expectations = [
        ExpectQueryToReturnNoRows(unexpected_rows_query=c.query, meta={**c.meta, "check": c.name}) for c in checks
    ]
    suite = context.suites.add(gx.ExpectationSuite(name="disclosure-audit-table-rules", expectations=expectations))
    validation = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name="run"))
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(name="run", validation_definitions=[validation], result_format={"result_format": "COMPLETE"})
    )
    by_name = {c.name: c for c in checks}
    out: dict[str, pd.DataFrame | str] = {}
    for run in checkpoint.run().run_results.values():
        for r in run.results:
            check = by_name.get((r.expectation_config.meta or {}).get("check"))
            if check is not None:
                out[check.name] = _rows(check, r)
    return out


def _rows(check: SqlCheck, result) -> pd.DataFrame | str:
    """One expectation result as the check's rows, or why it cannot be trusted."""
    problems = _exceptions(result.exception_info)
    if problems:
        return "; ".join(problems)
    if result.success:
        return pd.DataFrame(columns=list(check.columns))
    found = (result.result or {}).get("details", {}).get("unexpected_rows")
    count = (result.result or {}).get("observed_value")
    if found is None or count != len(found):
        return f"GX returned {0 if found is None else len(found)} of {count} rows"
    return pd.DataFrame.from_records(found, columns=list(check.columns))


def _exceptions(info: dict | None) -> list[str]:
    """The exception messages of an expectation result (GX nests them per metric)."""
    if not info:
        return []
    if "raised_exception" in info:
        return [str(info.get("exception_message"))] if info["raised_exception"] else []
    return sorted({m for v in info.values() if isinstance(v, dict) for m in _exceptions(v)})
