"""Run every loaded rule over all reports at once and turn kind hits into findings."""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.context import ReportHistory, RunContext
from ..core.english import english, has_han
from ..core.finding import Finding, Hit
from ..core.problems import BrokenRule
from ..model import Report
from ..rules.loader import LoadedRule
from ..templates import Templates
from .review import review_for

if TYPE_CHECKING:
    from .gx_engine import Detection, GxEngine
    from .waivers import Confirmation, Waiver

ENGINES = ("default", "gx")


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def render_message(template: str, params: dict) -> str:
    return _FORMATTER.vformat(template, (), _SafeDict(params))


_OPEN_QUOTES = ("'", '"', "“", "‘", "「")


def render_message_en(template: str, params: dict) -> str:
    """The English message: a value the template does not already quote ('{instance}') is put in
    English by `core.english` (our wording translated, official labels and report text quoted), so
    an English reader meets Chinese only inside quotes."""
    out = []
    for literal, field, spec, conv in _FORMATTER.parse(template):
        out.append(literal)
        if field is None:
            continue
        value = _FORMATTER.vformat(
            "{" + field + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}", (), _SafeDict(params)
        )
        opener = (literal or "".join(out))[-1:]
        if opener == "“":  # nested quotes in the report's own words become single ones, as in English
            value = value.replace("“", "‘").replace("”", "’")
        out.append(value if opener in _OPEN_QUOTES or not has_han(value) else english(value))
    return "".join(out)


TABLE_NUMBER = {"二": "2", "三": "3", "四": "4"}


def _q(label: str) -> str:
    return f"“{label}”"


def location_label(ctx: RunContext, hit: Hit, lang: str = "zh") -> str:
    """Where a finding is, for a reader: 表三 / （二）部分公开 / 自然人, or in English
    Table 3 / “（二）部分公开” / “自然人” (the format's labels have no official English)."""
    zh = lang == "zh"
    parts: list[str] = []
    if hit.section is not None:
        parts.append(f"第{ctx.templates.ordinals[hit.section - 1]}部分" if zh else f"Section {hit.section}")
    if hit.table:
        tdef = ctx.tdef(hit.report_id, hit.table)
        parts.append(tdef.title.split(" ")[0] if zh else f"Table {TABLE_NUMBER.get(tdef.short, tdef.short)}")
        if hit.row and hit.row in tdef.rows:
            r = tdef.rows[hit.row]
            label = f"{r.short or ''}{r.label}" if r.short and r.short not in r.label else r.label
            parts.append(label if zh else _q(label))
        if hit.column and hit.column in tdef.columns:
            label = tdef.columns[hit.column].display
            parts.append(label if zh else _q(label))
    if not parts and hit.line is not None:
        parts.append(f"第{hit.line}行" if zh else f"line {hit.line}")
    return " / ".join(parts) or ("全文" if zh else "whole report")


def scope(rule: LoadedRule, ctx: RunContext) -> list[str]:
    """Reports a rule applies to. A report that is not machine-readable (a scan) is judged only by
    the readability rule: its content could not be checked, which is not a content failure."""
    out = []
    for rid, r in ctx.reports.items():
        if rule.decl.for_unreadable != (not r.machine_readable):
            continue
        if not r.machine_readable or rule.spec.applies_to.covers(ctx.version_of(rid), r.year):
            out.append(rid)
    return out


# The most of the report's text a finding quotes as `raw`: a sentence is far shorter; a line of a
# crawled page (hundreds of kilobytes, no sentence end) quoted by each of its thousands of findings
# would make the output grow with their product.
MAX_QUOTE = 2000


def quote(raw: str | None, found: str | None) -> str | None:
    """`raw`, or when it is longer than MAX_QUOTE the stretch of it around the first `found`, marked
    with … where it is cut."""
    if raw is None or len(raw) <= MAX_QUOTE:
        return raw
    at = raw.find(found) if found else -1
    lo = max(0, min(at - MAX_QUOTE // 2, len(raw) - MAX_QUOTE)) if at > 0 else 0
    return ("…" if lo else "") + raw[lo : lo + MAX_QUOTE] + ("…" if lo + MAX_QUOTE < len(raw) else "")


def to_finding(rule: LoadedRule, hit: Hit, ctx: RunContext) -> Finding:
    loc = location_label(ctx, hit)
    raw = quote(hit.raw, hit.found)
    params = {
        "location": loc,
        "table": hit.table or "",
        "row": hit.row or "",
        "column": hit.column or "",
        "raw": raw if raw is not None else "",
        "line": hit.line if hit.line is not None else "",
        "expected": hit.expected or "",
        "found": hit.found or "",
        "arithmetic": hit.arithmetic or "",
        **hit.params,
    }
    spec = rule.spec
    message = {"zh": render_message(spec.message.zh, params), "en": render_message_en(spec.message.en, params)}
    if hit.outcome == "not_evaluable":
        reason = hit.params.get("reason_zh", ""), hit.params.get("reason_en", "")
        message = {
            "zh": f"无法核验“{spec.title.zh}”：{reason[0] or message['zh']}",
            "en": f"Could not check '{spec.title.en}': {english(reason[1]) if reason[1] else message['en']}",
        }
    f = Finding(
        rule_id=spec.id,
        severity=spec.severity,
        category=spec.category,
        outcome=hit.outcome,
        report_id=hit.report_id,
        message=message,
        title={"zh": spec.title.zh, "en": spec.title.en},
        section=hit.section,
        table=hit.table,
        row=hit.row,
        column=hit.column,
        location_label=loc,
        raw=raw,
        line=hit.line,
        expected=hit.expected,
        found=hit.found,
        arithmetic=hit.arithmetic,
        cells=hit.cells,
        params=params,
        details=hit.details,
        location_label_en=location_label(ctx, hit, "en"),
        review=review_for(rule, hit, ctx),
    )
    return f


def run_rules(
    reports: Iterable[Report],
    rules: list[LoadedRule],
    templates: Templates,
    rules_dir: Path | None = None,
    history: ReportHistory | None = None,
    waivers: list[Waiver] | None = None,
    as_of: date | None = None,
    confirmations: list[Confirmation] | None = None,
    *,
    isolate: bool = False,
    engine: str | GxEngine = "default",
) -> tuple[list[Finding], RunContext]:
    """All rules over all reports; then waivers and reviewers' confirmations; then the rules that
    judge the waivers file itself.

    With `isolate` (the audit run), a rule that raises is recorded in `ctx.broken_rules` (exception,
    where, the reports it was evaluating) and contributes no findings; every other rule and report
    is still audited. Without it (rule examples, tests) the exception propagates, so a broken kind
    can never pass its own examples by producing nothing.

    `engine` "gx" (or a GxEngine): the table rules are detected by one Great Expectations validation
    over all reports (engine.gx_engine), their findings written by the same code; `ctx.engine`
    records what that engine did."""
    ctx = RunContext(
        reports={r.report_id: r for r in sorted(reports, key=lambda r: r.report_id)},
        templates=templates,
        rules_dir=rules_dir,
        history=history,
    )
    first = [r for r in rules if not r.decl.after_waivers]
    detection = None
    if engine != "default":
        from .gx_engine import GxEngine

        gx_engine = engine if isinstance(engine, GxEngine) else GxEngine()
        detection = gx_engine.detect([r for r in first if scope(r, ctx)], ctx)
        ctx.engine = detection.record
    findings = _evaluate(first, ctx, isolate, detection)
    if waivers:
        from .waivers import apply_waivers

        ctx.waiver_statuses = apply_waivers(findings, ctx.reports, waivers, as_of or date.today())
    if confirmations:
        from .waivers import apply_confirmations

        ctx.waiver_statuses += apply_confirmations(findings, ctx.reports, confirmations)
    findings += _evaluate([r for r in rules if r.decl.after_waivers], ctx, isolate)
    findings.sort(key=Finding.sort_key)
    number_findings(findings)
    return findings, ctx


def _evaluate(
    rules: list[LoadedRule], ctx: RunContext, isolate: bool, detection: Detection | None = None
) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules:
        ids = scope(rule, ctx)
        if not ids:
            continue
        evaluate = detection.hits if detection is not None and detection.covers(rule) else _own
        if not isolate:
            out.extend(to_finding(rule, hit, ctx) for hit in evaluate(rule, ctx, ids))
            _record_evaluated(rule, ids, ctx)
            continue
        try:  # all or nothing: a rule that breaks halfway leaves no partial result behind
            found = [to_finding(rule, hit, ctx) for hit in evaluate(rule, ctx, ids)]
            _record_evaluated(rule, ids, ctx)
        except Exception as exc:
            ctx.broken_rules.append(BrokenRule.from_exception(rule.spec.id, rule.file, rule.spec.kind, exc, ids))
            continue
        out.extend(found)
    return out


def _own(rule: LoadedRule, ctx: RunContext, ids: list[str]) -> Iterable[Hit]:
    """The rule's kind detects and writes its Hits itself (the default engine)."""
    return rule.kind.evaluate(ctx, ids)


def _record_evaluated(rule: LoadedRule, ids: list[str], ctx: RunContext) -> None:
    """Which reports the rule checked, so a silent rule can be told apart from one that had nothing
    to look at (engine.checks derives the passed checks from this)."""
    ctx.evaluated[rule.spec.id] = list(ids)
    skipped = {rid: why for rid in ids if (why := rule.kind.nothing_to_check(ctx, rid)) is not None}
    if skipped:
        ctx.nothing_to_check[rule.spec.id] = skipped


def number_findings(findings: list[Finding]) -> None:
    """Each finding's id (its anchor on the agency page): the rule and its place among that rule's
    findings in the report, in the report's deterministic finding order: T3-XYEAR-1, T3-XYEAR-2. Unique
    within a report (report id and finding id together are unique in a run), readable, and the same
    for the same input."""
    seen: Counter[tuple[str, str]] = Counter()
    for f in findings:
        seen[f.report_id, f.rule_id] += 1
        f.id = f"{f.rule_id}-{seen[f.report_id, f.rule_id]}"
