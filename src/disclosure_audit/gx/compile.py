"""Table rules → SQL checks over the facts table, by kind: a registry of per-kind compilers.

Each exportable kind has a small module (`sql_identity`, `sql_cells`, `sql_money`) that registers
its compiler under the kind's name with `@sql_compiler`. `compile_rules` looks every rule's kind up
in the registry, so a new YAML rule of an exportable kind is compiled with no code change, and a
rule of any other kind — text rules, cross-year, plugin kinds registered at runtime — comes back
as a `NotExported` with the reason in both languages. The default engine is the reference: each
compiler's queries return exactly the instances behind the kind's findings (see gx/checks.py for
the rows each kind returns, and tests/test_gx_compile.py for the proof on hand-written facts and
on the demo reports).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..rules.loader import LoadedRule
from ..templates import Templates
from .checks import NotExported, Outcome, SqlCheck
from .sql import NotExportable

Compiler = Callable[[LoadedRule, Templates], list[SqlCheck]]

COMPILERS: dict[str, Compiler] = {}
# the modules that register compilers (imported once, on first use)
_MODULES = ("sql_identity", "sql_cells", "sql_money")

# Why a kind has no SQL form over the facts table. A kind not listed (a plugin kind, say) gets
# UNKNOWN_KIND.
REASONS: dict[str, tuple[str, str]] = {
    "cross_year": (
        "与上一年度报告比对，而一次运行的数据表只含本年度报告",
        "compares with last year's report, which the facts table of one run does not hold",
    ),
    "table_present": (
        "判断表格及其标签是否找到；数据表每格一行，没有找到的表没有行，不记录表级的标志",
        "judges whether a table and its labels were found; the facts table has one row per cell, "
        "so a table that was not found has no rows and its table-level flags are not recorded",
    ),
    "extraction": (
        "依据读取过程的记录（哪些内容未能读出），而非报告中的数字",
        "reads the reader's record of what could not be read, not the report's figures",
    ),
    "machine_readable": (
        "判断文件能否作为文字读取；不能读取的报告在数据表中没有行",
        "judges whether the file could be read as text at all; an unreadable report has no rows in the facts table",
    ),
    "waiver_status": (
        "审查豁免清单本身，而非报告中的数字",
        "judges the waivers file, not the report's figures",
    ),
    "manifest_agreement": (
        "与报送清单比对，数据表中没有清单",
        "compares with the filing manifest, which the facts table does not hold",
    ),
    "deadline": (
        "依据发布日期和期限，数据表中没有发布日期",
        "reads the publication date against the deadline, which the facts table does not hold",
    ),
}
TEXT_REASON = ("读取报告的文字，而非表格中的数字", "reads the report's text, not its figures")
TEXT_KINDS = (
    "content_integrity",
    "copied_text",
    "duplicate_text",
    "fee_claims",
    "format_year",
    "metadata",
    "narrative",
    "prose_checks",
    "required_sections",
)
UNKNOWN_KIND = (
    "“{kind}”类规则不是目录中可导出的表格规则，没有 SQL 形式",
    "kind '{kind}' is not one of the catalogue's exportable table-rule kinds: it has no SQL form",
)


def sql_compiler(kind: str) -> Callable[[Compiler], Compiler]:
    """Register `fn` as the SQL compiler of rules of `kind`."""

    def register(fn: Compiler) -> Compiler:
        COMPILERS[kind] = fn
        return fn

    return register


def compilers() -> dict[str, Compiler]:
    for name in _MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return COMPILERS


def exportable_kinds() -> list[str]:
    return sorted(compilers())


def compile_rules(rules: list[LoadedRule], templates: Templates) -> tuple[list[SqlCheck], list[NotExported]]:
    """Every rule as SQL checks, or as NotExported with the reason; both in rule-id order, the
    checks of one rule by version, binding and outcome (failed before not_evaluable)."""
    table = compilers()
    checks: list[SqlCheck] = []
    skipped: list[NotExported] = []
    for rule in sorted(rules, key=lambda r: r.spec.id):
        kind = rule.spec.kind
        fn = table.get(kind) if rule.decl.name == kind else None
        if fn is None:
            zh, en = reason(kind)
            skipped.append(NotExported(rule.spec.id, kind, zh, en))
            continue
        try:
            out = fn(rule, templates)
        except NotExportable as exc:
            skipped.append(NotExported(rule.spec.id, kind, exc.zh, exc.en))
            continue
        checks.extend(sorted(out, key=lambda c: (c.version, c.binding, c.outcome != "failed")))
    return checks, skipped


def reason(kind: str) -> tuple[str, str]:
    if kind in REASONS:
        return REASONS[kind]
    if kind in TEXT_KINDS:
        return TEXT_REASON
    return UNKNOWN_KIND[0].format(kind=kind), UNKNOWN_KIND[1].format(kind=kind)


def meta(
    rule: LoadedRule,
    version: str,
    outcome: Outcome,
    columns: tuple[str, ...],
    binding: dict[str, str] | None = None,
) -> dict:
    """What an exported expectation carries for a data team (and the GX engine) to tell which rule,
    instance and message a returned row stands for. JSON-serialisable, keys in a fixed order."""
    s = rule.spec
    out = {
        "rule_id": s.id,
        "kind": s.kind,
        "version": version,
        "outcome": outcome,
        "severity": s.severity,
        "category": s.category,
        "title": {"zh": s.title.zh, "en": s.title.en},
        "message": {"zh": s.message.zh, "en": s.message.en},
        "applies_to": {"templates": list(s.applies_to.templates), "years": list(s.applies_to.years)},
        "binding": dict(binding or {}),
        "columns": list(columns),
    }
    if outcome == "not_evaluable":
        out["note"] = {
            "zh": "本检查返回的行是无法核验的实例（运算数空白、缺失或无法精确表示），不是违规",
            "en": "rows returned by this check are instances that could not be checked (a blank, missing or "
            "not exactly representable operand), not failures",
        }
    return out
