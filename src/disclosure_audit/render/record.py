"""The run record (findings.json `run.record`) as labelled items, one list for every place that shows
it: the footer of every page (and so every printout), the workbook's 运行记录 sheet and the terminal."""

from __future__ import annotations

from .i18n import UI


def record_items(record: dict, lang: str) -> list[tuple[str, str, str | int]]:
    """(key, label, value) in display order; counts stay ints (the workbook sums them)."""
    ui = UI[lang]
    if not record:
        return []
    counts, findings = record["counts"], record["counts"]["findings"]
    source = ui["record_as_of_source"][record["as_of_source"]]
    as_of = f"{record['as_of']}（{source}）" if lang == "zh" else f"{record['as_of']} ({source})"
    engine = record.get("engine")  # only when not the default engine (`run --engine gx`)
    engine_item = []
    if engine:
        fallback = engine["fallback"]
        text = ui["record_engine_gx"].format(checks=engine["checks"])
        if fallback["reports"]:
            text += ui["record_engine_fallback"].format(reports=len(fallback["reports"]), cells=fallback["cells"])
        engine_item = [("engine", ui["record_engine"], text)]
    return [
        ("office", ui["record_office"], record["office"] or ui["not_stated"]),
        ("title", ui["record_audit_title"], record["title"][lang]),
        ("as_of", ui["record_as_of"], as_of),
        ("tool_version", ui["record_tool"], record["tool_version"]),
        ("ruleset_version", ui["record_ruleset"], record["ruleset_version"] or ui["not_stated"]),
        ("rules_sha256", ui["record_sha"], record["rules_sha256"]),
        *engine_item,
        ("reports", ui["record_reports"], counts["reports"]),
        ("audited", ui["record_audited"], counts["audited"]),
        ("not_audited", ui["record_not_audited"], counts["not_audited"]),
        ("unreadable_files", ui["record_unreadable"], counts["unreadable_files"]),
        ("failed", ui["record_failed"], findings["failed"]),
        ("not_evaluable", ui["record_not_evaluable"], findings["not_evaluable"]),
        ("waived", ui["record_waived"], findings["waived"]),
        ("needs_review", ui["record_needs_review"], findings["needs_review"]),
    ]
