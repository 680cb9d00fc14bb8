"""`check-db`: the audit of a database of filed figures (the `facts`, `reports` and `tables` tables
`export facts` writes, or a data team's own copy of them) with the same rules and the same pages.

Only the rules whose kinds read nothing but figures and table metadata run. A database holds the
figures, not the report's text, so the rules about sections, narrative, metadata and copies are not
run, and the run says so (every page, findings.json `run.database.not_run`): a section the database
does not hold is never a deduction. Cross-year rules run where the database holds the same agency's
report for the year before, and otherwise have nothing to compare (as in a run over files).
"""

from __future__ import annotations

from pathlib import Path

# Kinds that need only the cells, the tables' reading notes and (table_present) the lines where a
# table's labels occur, which `tables.label_lines` keeps for every table not found.
DB_KINDS = frozenset({"identity", "non_empty", "values", "money_unit", "table_present", "cross_year"})
# Kinds whose evidence is a place in the text, not a cell: their `line` is a source line, which a
# page of database rows cannot point at (the text they quote still names the line).
TEXT_LINE_KINDS = frozenset({"table_present"})

NOT_RUN_TEXT = {
    "zh": "数据库只保存表格数字，不保存报告原文",
    "en": "the database holds figures, not the report's text",
}
NOT_RUN_WAIVERS = {
    "zh": "数据库审查不读取豁免文件",
    "en": "check-db reads no waivers file",
}


def not_run(loaded, preview: bool) -> list[dict]:
    """The rules a run over files would have run and check-db does not, each with the reason."""
    out = []
    for r in loaded:
        if r.spec.kind in DB_KINDS or (r.preview and not preview):
            continue
        reason = NOT_RUN_WAIVERS if r.spec.kind == "waiver_status" else NOT_RUN_TEXT
        out.append({"rule_id": r.spec.id, "kind": r.spec.kind, "reason": dict(reason)})
    return sorted(out, key=lambda d: d["rule_id"])


def check_reports(reports, source, rules_dir: Path, preview: bool = False):
    """The audit of the rebuilt reports: the figures' rules only, as `run` runs them; the result
    carries the database and the rules not run, which the renderers show."""
    import tempfile

    from ..pipeline import audit_reports

    with tempfile.TemporaryDirectory(prefix="check-db-") as empty:  # no manifest, waivers or audit.yaml
        result = audit_reports(reports, Path(empty), rules_dir, preview=preview, kinds=DB_KINDS)
    result.reports_dir = Path(source.url)
    skipped = not_run(result.loaded_rules, preview)
    kinds = {r.spec.id: r.spec.kind for r in result.loaded_rules}
    for f in result.findings:
        if kinds.get(f.rule_id) in TEXT_LINE_KINDS:
            f.line = None
    result.database = {**source.to_json(), "not_run": skipped}
    return result
