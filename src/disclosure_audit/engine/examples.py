"""Build a Report from a rule example and run one rule on it (the rule's own pass/fail contract)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..core.finding import Finding
from ..extract import extract_document
from ..extract.normalize import parse_cell
from ..ingest import Document
from ..model import MISSING_CELL, Paragraph, Problem, Report, Section, Table
from ..rules.loader import LoadedRule
from ..rules.spec import Example
from ..templates import Templates
from .runner import run_rules


def report_from_dict(data: dict, templates: Templates, report_id: str = "example") -> Report:
    version = str(data.get("template", "2021"))
    tpl = templates.versions[version]
    year = data.get("year", 2022 if version == "2021" else 2020)
    r = Report(
        report_id=report_id,
        file=f"{report_id}.txt",
        template=version,
        year=year,
        title=data.get("title", "示例县示例局2022年政府信息公开工作年度报告"),
        agency=data.get("agency", "示例县示例局"),
        published=data.get("published", "2023-01-20"),
    )
    fill = data.get("fill")
    given = data.get("tables", {})
    missing_tables = set(data.get("tables_missing", []))
    line = 100
    for tkey, tdef in tpl.tables.items():
        table = Table(key=tkey, found=tkey not in missing_tables)
        rows = given.get(tkey, {})
        for row, col in tdef.cell_keys():
            line += 1
            raw = rows.get(row, {}).get(col)
            if tkey in missing_tables:
                table.cells[(row, col)] = MISSING_CELL
            elif raw is not None:
                table.cells[(row, col)] = parse_cell(str(raw), line=line)
            elif fill is not None:
                table.cells[(row, col)] = parse_cell(str(fill), line=line)
            else:
                table.cells[(row, col)] = parse_cell("", line=line)
        for row, cols in data.get("readings", {}).get(tkey, {}).items():
            for col, reading in cols.items():
                table.cells[(row, col)] = replace(table.cells[(row, col)], reading=reading)
        table.header_units.update(data.get("header_units", {}).get(tkey, {}))
        r.tables[tkey] = table
    standard = [f"{templates.ordinals[d.number - 1]}、{d.heading}" for d in templates.sections]
    headings = data.get("sections", standard)
    for i, h in enumerate(headings):
        num = data.get("section_numbers", {}).get(h, i + 1 if h in standard else None)
        r.sections.append(
            Section(
                number=num, heading=h, line=10 * (i + 1), ordinal=h[:2], standard_wording=True, standard_numbering=True
            )
        )
    for i, p in enumerate(data.get("paragraphs", [])):
        r.paragraphs.append(Paragraph(text=p, line=200 + i, section=5))
    r.lines = [p for p in data.get("paragraphs", [])]
    if data.get("machine_readable") is False:
        r.machine_readable = False
        r.source_format = data.get("format", "pdf")
        r.problems.append(Problem(code="not-machine-readable", message=data.get("problem", "no text")))
    for key in ("region", "level", "level_source", "url"):
        if key in data:
            setattr(r, key, data[key])
    if "level" in data and "level_source" not in data:
        r.level_source = "manifest"  # a level written into an example is a given fact, not a guess
    for tkey in data.get("labels_seen", []):
        r.tables[tkey].labels_seen = True
    r.manifest = {k: str(v) for k, v in data.get("manifest", {}).items()}
    r.text_meta = dict(data.get("text_meta", {}))
    return r


def report_from_example(ex: Example, templates: Templates) -> Report:
    if ex.text is not None:
        doc = Document(path=Path("example.txt"), source_format="txt", lines=ex.text.split("\n"), encoding="utf-8")
        return extract_document(doc, templates, report_id="example")
    return report_from_dict(ex.report or {}, templates)


@dataclass
class ExampleResult:
    example: Example
    outcome: str
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not self.problems()

    def problems(self) -> list[str]:
        out = []
        ex = self.example
        if self.outcome != ex.expect:
            out.append(f"expected {ex.expect}, got {self.outcome}: {[f.message['zh'] for f in self.findings]}")
        relevant = [f for f in self.findings if f.outcome == ex.expect]
        if ex.count is not None and len(relevant) != ex.count:
            out.append(
                f"expected {ex.count} {ex.expect} finding(s), got {len(relevant)}: "
                f"{[f.message['zh'] for f in relevant]}"
            )
        if ex.message is not None and (not relevant or relevant[0].message["zh"] != ex.message):
            out.append(
                f"message differs:\n  want: {ex.message}\n  got:  {relevant[0].message['zh'] if relevant else None}"
            )
        return out


def run_example(rule: LoadedRule, ex: Example, templates: Templates, rules_dir: Path | None = None) -> ExampleResult:
    report = report_from_example(ex, templates)
    reports = [report]
    if ex.report and "previous" in ex.report:
        prev = dict(ex.report["previous"])
        prev.setdefault("agency", report.agency)
        prev.setdefault("year", (report.year or 2022) - 1)
        prev.setdefault("template", report.template)
        reports.append(report_from_dict(prev, templates, report_id="example-previous-year"))
    waivers, confirmations, as_of = None, None, None
    if ex.report and ("waivers" in ex.report or "confirmations" in ex.report):
        from datetime import date

        from ..engine.waivers import Confirmation, Waiver

        waivers = [Waiver.model_validate(w) for w in ex.report.get("waivers", [])]
        confirmations = [Confirmation.model_validate(c) for c in ex.report.get("confirmations", [])]
        as_of = date.fromisoformat(str(ex.report.get("as_of", "2024-01-01")))
    run = [rule]
    if rule.kind.after_waivers and (waivers or confirmations) and (rules_dir or rule.rules_dir):
        from ..rules.loader import load_rules

        # a waiver or confirmation needs the findings it covers, nothing more
        named = {w.rule for w in [*(waivers or []), *(confirmations or [])]}
        run = [r for r in load_rules(rules_dir or rule.rules_dir)[0] if r.spec.id in named] + [rule]
    findings, _ = run_rules(
        reports,
        run,
        templates,
        rules_dir or rule.rules_dir,
        waivers=waivers,
        as_of=as_of,
        confirmations=confirmations,
    )
    findings = [f for f in findings if f.report_id == report.report_id and f.rule_id == rule.spec.id]
    if any(f.outcome == "failed" for f in findings):
        outcome = "failed"
    elif findings:
        outcome = "not_evaluable"
    else:
        outcome = "pass"
    return ExampleResult(ex, outcome, findings)
