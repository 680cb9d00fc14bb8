"""未能审查 / not audited: every report input that got no score, in one list for the index page, the
workbook sheet and the terminal. Reports the reader could not audit (a scan, a report in neither
format, tables or pages it could not read) come first with their reason; then files that gave no
report at all (unreadable, an unsupported type), with what the register says about them. Each says
what the office should ask the agency for."""

from __future__ import annotations

from ..zhtext.orgs import level_label
from .i18n import UI
from .slugs import page_path


def not_audited_entries(result, lang: str) -> list[dict]:
    """{agency, year, level, region, file, href, code, reason, detail, ask}; href is None for a file
    that has no page (it was never read)."""
    ui = UI[lang]
    out = []
    for s in result.scores:
        if s.audited:
            continue
        r, na = result.reports[s.report_id], s.not_audited
        out.append(
            {
                "agency": r.agency,
                "year": r.year,
                "level": level_label(r.level, r.level_source, lang),
                "region": r.region,
                "file": r.file,
                "href": page_path(r.report_id),
                "code": na["code"],
                "reason": na["zh"] if lang == "zh" else na["en"],
                "detail": None,
                "ask": na["ask_zh"] if lang == "zh" else na["ask_en"],
            }
        )
    for e in result.file_errors:
        if e.not_a_report:
            continue
        out.append(
            {
                "agency": e.agency,
                "year": e.year,
                "level": level_label(e.level, None, lang),
                "region": e.region,
                "file": e.file,
                "href": None,
                "code": "unreadable",
                "reason": ui["unreadable_reason"],
                "detail": e.message,
                "ask": ui["unreadable_ask"],
            }
        )
    return out
