"""review.html and review.csv: every finding that needs a person's decision, grouped by agency and
report, each with its evidence and a waiver entry to paste into waivers.yaml (engine.waiver_entries
writes it in the loader's own syntax and checks it against this run's findings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..engine.waiver_entries import Suggestion, check_entry, confirmation_entry, suggest, waiver_entry
from ..scoring.review_queue import REASONS, QueueReason, review_queue
from .i18n import UI, finding_evidence
from .sheet_cells import write_csv
from .slugs import page_path, slug

CSV_HEADERS = (
    "agency",
    "year",
    "file",
    "report_id",
    "finding_id",
    "rule_id",
    "title",
    "reason",
    "severity",
    "outcome",
    "location",
    "line",
    "raw",
    "expected",
    "found",
    "arithmetic",
    "message",
    "page",
    "waiver_entry",
)


# review.csv's header in the output language (columns in CSV_HEADERS order)
CSV_LABELS = {
    "zh": (
        "机关", "年度", "文件", "报告", "问题编号", "规则", "规则名称", "列入原因", "严重程度", "结果", "位置", "行",
        "原文", "应为", "实为", "计算", "说明", "页面", "豁免条目",
    ),
    "en": (
        "agency", "year", "file", "report_id", "finding_id", "rule_id", "title", "reason", "severity", "outcome",
        "location", "line", "raw", "expected", "found", "arithmetic", "message", "page", "waiver_entry",
    ),
}  # fmt: skip


@dataclass
class Entry:
    suggestion: Suggestion
    reason_of: dict[str, QueueReason]  # finding id → why it is queued
    waiver: str
    confirmation: str | None

    @property
    def reasons(self) -> list[QueueReason]:
        return sorted(set(self.reason_of.values()), key=REASONS.index)


@dataclass
class ReportQueue:
    report: object
    href: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(e.suggestion.findings) for e in self.entries)


@dataclass
class Queue:
    agencies: list[tuple[str, list[ReportQueue]]]
    counts: dict[str, int]  # report id → queued findings
    by_reason: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _comment(s: Suggestion, report, lang: str) -> str:
    f = s.findings[0]
    where = f.location_label if lang == "zh" else f.location_label_en
    who = " ".join(str(x) for x in (report.agency or report.file, report.year) if x)
    return f"{who} · {f.title[lang]} · {where}"


def build_queue(result, lang: str) -> Queue:
    ui = UI[lang]
    conf = result.scoring.review
    weights = {r.spec.id: r.spec.weight for r in result.rules}
    audited = {s.report_id for s in result.scores if s.audited}
    queued = review_queue(result.findings, weights, audited, conf)
    reason_of = {(f.report_id, f.id): why for f, why in queued}
    as_of: date = result.as_of or date.today()
    suggestions = suggest([f for f, _ in queued], result.findings, result.reports)
    per_report: dict[str, ReportQueue] = {}
    for rid, sugs in suggestions.items():
        report = result.reports[rid]
        rq = ReportQueue(report, page_path(rid), f"report-{slug(rid)}")
        for s in sugs:
            check_entry(s)
            comment = _comment(s, report, lang)
            waiver = waiver_entry(
                s, as_of, conf.waiver_days, ui["placeholder_reason"], ui["placeholder_approver"], comment
            )
            confirmation = confirmation_entry(s, as_of, ui["placeholder_reviewer"], ui["placeholder_note"], comment)
            rq.entries.append(Entry(s, {f.id: reason_of[f.report_id, f.id] for f in s.findings}, waiver, confirmation))
        rq.entries.sort(key=lambda e: REASONS.index(e.reasons[0]))
        per_report[rid] = rq
    groups: dict[str, list[ReportQueue]] = {}
    for rid in sorted(per_report, key=lambda r: (result.reports[r].year or 0, r)):
        report = result.reports[rid]
        groups.setdefault(report.agency or "", []).append(per_report[rid])
    agencies = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    by_reason = {why: sum(1 for _, w in queued if w == why) for why in REASONS}
    return Queue(agencies, {rid: rq.count for rid, rq in per_report.items()}, by_reason)


def write_review_csv(queue: Queue, path: Path, lang: str) -> Path:
    """One row per queued finding; a finding shares its waiver entry with the others its scope covers.
    Text a spreadsheet would run as a formula is written quoted (sheet_cells)."""
    ui = UI[lang]
    rows: list[list] = [list(CSV_LABELS[lang])]
    for _agency, reports in queue.agencies:
        for rq in reports:
            r = rq.report
            for e in rq.entries:
                for f in e.suggestion.findings:
                    rows.append(
                        [
                            r.agency or "",
                            r.year or "",
                            r.file,
                            r.report_id,
                            f.id,
                            f.rule_id,
                            f.title[lang],
                            ui["review_reason"][e.reason_of[f.id]],
                            ui["severity"].get(f.severity, f.severity),
                            ui["outcome"].get(f.outcome, f.outcome),
                            f.location_label if lang == "zh" else f.location_label_en,
                            "" if f.line is None else f.line,
                            f.raw or "",
                            finding_evidence(f, "expected", lang) or "",
                            finding_evidence(f, "found", lang) or "",
                            finding_evidence(f, "arithmetic", lang) or "",
                            f.message[lang],
                            f"{rq.href}#{f.id}",
                            e.waiver,
                        ]
                    )
    return write_csv(path, rows)


def write_review_page(env, queue: Queue, result, out_dir: Path, lang: str) -> dict[str, Path]:
    page = out_dir / "review.html"
    page.write_text(
        env.get_template("review.html.j2").render(
            queue=queue,
            conf=result.scoring.review,
            as_of=(result.as_of or date.today()).isoformat(),
            ui=UI[lang],
            lang=lang,
            root="",
            database=result.database,
        ),
        encoding="utf-8",
    )
    return {"review": page, "review_csv": write_review_csv(queue, out_dir / "review.csv", lang)}
