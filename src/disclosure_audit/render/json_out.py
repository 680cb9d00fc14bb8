"""findings.json: the machine-readable result; `run.generated_at` is the only field that changes
between identical runs."""

from __future__ import annotations

import json
from pathlib import Path

from ..zhtext.orgs import level_label
from .checks_view import findings_by_report
from .slugs import page_path

SCHEMA_VERSION = "1.4"


def build_findings_doc(result) -> dict:
    reports = []
    score_by_id = {s.report_id: s for s in result.scores}
    by_report = findings_by_report(result)
    for s in result.scores:
        r = result.reports[s.report_id]
        reports.append(
            {
                "report_id": r.report_id,
                "file": r.file,
                "page": page_path(r.report_id),
                "agency": r.agency,
                "title": r.title,
                "year": r.year,
                "level": r.level,
                "level_source": r.level_source,
                "level_label": (
                    {"zh": level_label(r.level, r.level_source, "zh"), "en": level_label(r.level, r.level_source, "en")}
                    if r.level
                    else None
                ),
                "region": r.region,
                "url": r.url,
                "format": r.source_format,
                "machine_readable": r.machine_readable,
                "template": r.template,
                "published": r.published,
                "status": "audited" if s.audited else "not_audited",
                "not_audited": r.not_audited,
                "rank": s.rank,
                "year_rank": s.year_rank,
                "year_ranked": s.year_ranked,
                "level_rank": s.level_rank,
                "level_ranked": s.level_ranked,
                "score": s.score,
                "grade": s.grade,
                "passed": s.passed,
                "counts": s.counts,
                "categories": s.categories,
                "deductions": [d.__dict__ for d in s.deductions],
                "findings": [f.to_json() for f in by_report.get(r.report_id, ())],
                "problems": [p.to_json() for p in r.problems],
                "previous_year": result.previous_scores.get(r.report_id),
                "checks": [o.to_json() for o in result.checks.get(r.report_id, [])],
            }
        )
    assert set(score_by_id) == set(result.reports)
    if result.database:
        _rows_not_lines(reports)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "generated_at": result.generated_at,
            "reports_dir": result.database["url"] if result.database else str(result.reports_dir),
            "rules_dir": str(result.rules_dir),
            "rules": len(result.rules),
            "reports": len(result.reports),
            "audited": sum(1 for s in result.scores if s.audited),
            "not_audited": sum(1 for s in result.scores if not s.audited),
            "unreadable_files": [{"file": e.file, "message": e.message} for e in result.file_errors],
            "manifest_problems": list(result.manifest_problems),
            "waiver_problems": list(result.waiver_problems),
            "legacy_converter": result.converter,
            "rule_errors": [
                {"file": e.file, "line": e.line, "key": e.key, "message": e.message} for e in result.rule_errors
            ],
            "broken_rules": [b.to_json() for b in result.broken_rules],
            "preview": result.preview,
            "record": result.record,
            "as_of": result.as_of.isoformat() if result.as_of else None,
        },
        "reports": reports,
    }
    if result.database:
        doc["run"]["database"] = result.database
    return doc


def _rows_not_lines(reports: list[dict]) -> None:
    """check-db: evidence is a database row. A finding's and its cells' `line` (the fact_id the
    rebuilt cells carry) moves to `fact_id`, and `line` is null: there is no file line to point at."""
    for r in reports:
        for f in r["findings"]:
            for item in (f, *f["cells"]):
                item["fact_id"], item["line"] = item["line"], None


def write_findings_json(result, path: Path) -> Path:
    doc = build_findings_doc(result)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return path
