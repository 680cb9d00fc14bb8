"""Can this report be audited at all? A report the reader could not read gets no score and no rank.

Scoring a scan, a report in a format that predates the 2019 one, or a report whose tables the reader
saw but could not read would charge the agency for what the reader failed to do. `assess` sets
`Report.not_audited` to `{"code", "zh", "en", "ask_zh", "ask_en"}` in those cases (the `ask_*`
texts say what to ask the agency for) and leaves it None otherwise:

  scan              no text layer (scanned image), or a legacy .doc/.wps/.rtf with no converter here
  outside-formats   neither format version's labels and no standard table found
  tables-unreadable a standard table whose labels are present but fewer than half of whose cells
                    could be read as a number, a blank, '/', '-' or text
  pages-unreadable  a page of the file could not be read (a broken PDF page): what is missing cannot
                    be told, so nothing that depends on it (sections, tables, dates) can be judged
"""

from __future__ import annotations

from ..model import Report
from ..templates import Templates

# Cell kinds that are a reading of the cell (a value or a deliberate non-value). `missing` (no cell
# at that position) and `ambiguous` (several readings, none chosen) are not.
READ_KINDS = frozenset({"number", "blank", "slash", "dash", "text"})

TABLE_NAMES = {
    "active": ("表二（主动公开政府信息情况）", "table 2 (information disclosed proactively)"),
    "requests": ("表三（收到和处理政府信息公开申请情况）", "table 3 (requests received and handled)"),
    "appeals": ("表四（政府信息公开行政复议、行政诉讼情况）", "table 4 (administrative review and litigation)"),
}

ASK = {
    "scan": (
        "请提供可复制文本的版本（非扫描件），如带文本层的PDF、Word文档或网页版",
        "ask for a version with copyable text (not a scan): a PDF with a text layer, a Word file or the web page",
    ),
    "legacy": (
        "请提供 .docx、带文本层的PDF或网页版（本机无法转换旧版 .doc/.wps/.rtf 文件）",
        "ask for a .docx, a PDF with a text layer or the web page (legacy .doc/.wps/.rtf cannot be converted here)",
    ),
    "outside-formats": (
        "请确认报告年度与所用格式；如有按《中华人民共和国政府信息公开工作年度报告格式》编制的版本，请提供",
        "ask the agency to confirm the year and format, and for a version in the official annual report format",
    ),
    "pages-unreadable": (
        "请提供完整、可正常打开的文件（本文件部分页面无法读取）",
        "ask for a complete file that opens normally (some pages of this one cannot be read)",
    ),
    "tables-unreadable": (
        "请提供表格可以逐格复制的版本（如 Word 文档、网页版或带文本层的PDF）",
        "ask for a version whose tables can be copied cell by cell (a Word file, the web page or a text PDF)",
    ),
}


def _version(report: Report, templates: Templates, table_version: str | None) -> str:
    if table_version in templates.versions:
        return table_version  # type: ignore[return-value]
    if report.template in templates.versions:
        return report.template  # type: ignore[return-value]
    if report.year and (v := templates.version_for_year(report.year)):
        return v
    return max(templates.versions)


def unreadable_tables(report: Report, templates: Templates) -> list[tuple[str, int, int]]:
    """(table key, cells read, cells in the format) for each standard table whose labels are present
    but fewer than half of whose cells were read."""
    out = []
    for key in TABLE_NAMES:
        table = report.tables.get(key)
        if table is None or not (table.labels_seen or table.found):
            continue
        tdef = templates.versions[_version(report, templates, table.version)].tables.get(key)
        if tdef is None:
            continue
        keys = tdef.cell_keys()
        read = sum(1 for rc in keys if table.cell(*rc).kind in READ_KINDS)
        if 2 * read < len(keys):
            out.append((key, read, len(keys)))
    return out


def _reason(code: str, zh: str, en: str, ask: str | None = None) -> dict[str, str]:
    ask_zh, ask_en = ASK[ask or code]
    return {"code": code, "zh": zh, "en": en, "ask_zh": ask_zh, "ask_en": ask_en}


def assess(report: Report, templates: Templates) -> None:
    """Set `report.not_audited` when the report cannot be audited; leave it None otherwise."""
    report.not_audited = None
    if not report.machine_readable:
        note = next((p.message for p in report.problems if p.code == "not-machine-readable"), "")
        legacy = report.source_format in ("doc", "wps", "rtf") and report.converted_with is None
        what_zh = "旧版文件格式且本机无法转换" if legacy else "扫描件或无文本层的文件"
        what_en = "a legacy file format that cannot be converted here" if legacy else "a scan or a file with no text"
        report.not_audited = _reason(
            "scan",
            f"报告无法作为文本读取（{what_zh}），内容无法审查",
            f"The report cannot be read as text: {what_en}{f' ({note})' if note else ''}; its content "
            "could not be audited",
            "legacy" if legacy else "scan",
        )
        return
    lost = [p for p in report.problems if p.code == "page-unread"]
    if lost:
        where = "、".join(p.zh or p.message for p in lost)
        report.not_audited = _reason(
            "pages-unreadable",
            f"文件有页面无法读取（{where}），缺失的内容无从判断，报告无法完整审查",
            f"Part of the file cannot be read ({'; '.join(p.message for p in lost)}); what is missing cannot be "
            "told, so the report could not be audited as a whole",
        )
        return
    bad = unreadable_tables(report, templates)
    read_tables = [k for k, t in report.tables.items() if t.found and k not in {b[0] for b in bad}]
    if report.template is None and not read_tables:
        # neither version's labels, and no standard table read (a table anchored on a stray label with
        # none of its cells read is no evidence of the format: a 2008-era report's 行政复议 heading)
        year_zh = f"{report.year}年度" if report.year else "年度不明的"
        year_en = f"for {report.year}" if report.year else "of unknown year"
        report.not_audited = _reason(
            "outside-formats",
            f"{year_zh}报告既不符合2019年版也不符合2021年版年度报告格式（未找到任何标准表格），无法按格式审查",
            f"The report ({year_en}) follows neither the 2019 nor the 2021 annual report format (no standard "
            "table found); it could not be audited against the format",
        )
        return
    if bad:
        zh = "、".join(f"{TABLE_NAMES[k][0]}仅读出{read}/{n}格" for k, read, n in bad)
        en = "; ".join(f"{TABLE_NAMES[k][1]}: only {read} of {n} cells read" for k, read, n in bad)
        report.not_audited = _reason(
            "tables-unreadable",
            f"报告中有标准表格的标签，但表格内容无法读取：{zh}。这是读取问题，不是报告的问题，报告无法审查",
            f"The report prints the labels of a standard table but its cells could not be read: {en}. This is "
            "a reading problem, not a fault of the report; the report could not be audited",
        )
