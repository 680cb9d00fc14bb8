"""ranking.xlsx: the ranking, every finding, per-rule and per-region statistics, the reports that
could not be audited and the run record as one workbook.

Each sheet has a bold, frozen header row and an autofilter over its data; numbers are stored as
numbers (scores as floats, counts as ints) so the workbook sorts and sums correctly. The file is
reproducible: the document properties carry a fixed timestamp (SOURCE_DATE_EPOCH when set) and the
zip members are rewritten with that same timestamp, so identical input gives identical bytes.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..zhtext.orgs import level_label
from ..zhtext.width import display_width
from .i18n import UI, evidence, finding_evidence
from .not_audited import not_audited_entries
from .ranking_rows import column_index, ranking_headers, ranking_rows
from .record import record_items
from .sheet_cells import neutralise

# Used when SOURCE_DATE_EPOCH is not set; any fixed value gives reproducible bytes.
FIXED_TIMESTAMP = datetime(2020, 1, 1, 0, 0, 0)
CREATOR = "disclosure-audit"
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
MIN_WIDTH, MAX_WIDTH = 6, 60

SHEETS = {
    "zh": {
        "ranking": "排名",
        "findings": "问题",
        "rules": "规则统计",
        "regions": "地区汇总",
        "not_audited": "未能审查",
        "record": "运行记录",
    },
    "en": {
        "ranking": "Ranking",
        "findings": "Findings",
        "rules": "Rules",
        "regions": "Regions",
        "not_audited": "Not audited",
        "record": "Run record",
    },
}

HEADERS = {
    "zh": {
        "findings": [
            "报告",
            "机关",
            "年度",
            "规则",
            "规则名称",
            "严重程度",
            "类别",
            "结果",
            "说明",
            "位置",
            "表格",
            "行",
            "栏",
            "行号",
            "原文",
            "应为",
            "实为",
            "计算",
            "问题编号",
            "复核",
            "豁免状态",
            "豁免理由",
            "豁免批准人",
            "豁免有效期至",
        ],
        "rules": ["规则", "规则名称", "严重程度", "类别", "权重", "不符合次数", "无法核验次数", "涉及报告数"],
        "regions": ["地区", "层级", "报告数", "平均分", "合格率", "错误", "警告", "未能审查"],
        "not_audited": ["机关", "年度", "层级", "地区", "文件", "页面", "原因", "需向机关索取", "详情"],
    },
    "en": {
        "findings": [
            "report_id",
            "agency",
            "year",
            "rule_id",
            "rule_title",
            "severity",
            "category",
            "outcome",
            "message",
            "location",
            "table",
            "row",
            "column",
            "line",
            "raw",
            "expected",
            "found",
            "arithmetic",
            "finding_id",
            "review",
            "waiver_status",
            "waiver_reason",
            "waiver_approver",
            "waiver_expires",
        ],
        "rules": [
            "rule_id",
            "title",
            "severity",
            "category",
            "weight",
            "times_failed",
            "times_not_evaluable",
            "reports_affected",
        ],
        "regions": ["region", "level", "reports", "mean_score", "share_passing", "errors", "warnings", "not_audited"],
        "not_audited": ["agency", "year", "level", "region", "file", "page", "reason", "ask_agency_for", "detail"],
    },
}

NOT_STATED = {"zh": "（未注明）", "en": "(not stated)"}
WAIVED = {"zh": "已豁免", "en": "waived"}
REVIEW = {
    "zh": {"pending": "待复核（未扣分）", "confirmed": "已复核确认"},
    "en": {"pending": "needs review (nothing deducted)", "confirmed": "confirmed by review"},
}

SCORE_FORMAT = "0.0"
SHARE_FORMAT = "0.0%"


def fixed_timestamp() -> datetime:
    """SOURCE_DATE_EPOCH (reproducible-builds convention) when set, else FIXED_TIMESTAMP; naive UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
    return FIXED_TIMESTAMP


def _clean(value):
    """Strings safe for a cell: never a formula (sheet_cells: the quote stays in the text, so the
    value is still inert once copied out or saved as CSV), no XML-illegal control characters, at most
    Excel's cell length."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))
        if len(value) > MAX_CELL_CHARS:
            value = value[: MAX_CELL_CHARS - 1] + "…"
        return value if value != "" else None
    return value


def _append(ws: Worksheet, row_number: int, values: Sequence) -> None:
    """`row_number` is tracked by the caller: openpyxl's max_row scans every cell (quadratic)."""
    clean = [_clean(v) for v in values]
    ws.append(clean)
    for i, v in enumerate(clean, start=1):
        # a report's own text starting with "=" is data, never a formula
        if isinstance(v, str) and v.startswith("="):
            ws.cell(row=row_number, column=i).data_type = "s"


def _sheet(
    wb: Workbook, title: str, headers: list[str], rows: Iterable[Sequence], formats: dict[int, str]
) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(headers)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    widths = [display_width(h) for h in headers]
    for row_number, row in enumerate(rows, start=2):
        _append(ws, row_number, row)
        for i, v in enumerate(row):
            if v is None:
                continue
            text = f"{v:.1f}" if isinstance(v, float) else str(v)
            # one ASCII line (numbers, ids, dates: most cells) is one column a character: no lookups
            if text.isascii() and "\n" not in text:
                widths[i] = max(widths[i], len(text))
            else:
                widths[i] = max(widths[i], max(display_width(line) for line in text.split("\n")))
    last_col = get_column_letter(len(headers))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_col}{max(ws.max_row, 1)}"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(MIN_WIDTH, w + 2))
    for col, fmt in formats.items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, int | float):
                cell.number_format = fmt
    return ws


def _link_pages(ws: Worksheet, col: int) -> None:
    for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
        if cell.value:
            cell.hyperlink = cell.value
            cell.style = "Hyperlink"


def _labels(result, lang: str) -> tuple[dict, dict, dict]:
    ui = UI[lang]
    categories = {k: (c.zh if lang == "zh" else c.en) for k, c in result.scoring.categories.items()}
    return ui["severity"], ui["outcome"], categories


def _ordered_findings(result) -> list:
    """Findings grouped by report in ranking order (as in findings.json), rule order kept within."""
    by_report = defaultdict(list)
    for f in result.findings:
        by_report[f.report_id].append(f)
    out = []
    for s in result.scores:
        out.extend(by_report.pop(s.report_id, []))
    for rid in sorted(by_report):  # findings of a report without a score: never dropped
        out.extend(by_report[rid])
    return out


def _review_cell(f, lang: str) -> str | None:
    """待复核 with the reason, or who confirmed it when; None for a finding on a certain reading."""
    if f.review is None or f.outcome != "failed":
        return None
    reason = evidence(f.review.get(lang) or f.review.get("zh"), lang)
    c = f.review.get("confirmed")
    if c is None:
        return f"{REVIEW[lang]['pending']}: {reason}"
    return f"{REVIEW[lang]['confirmed']} ({c['reviewer']}, {c['date']}): {c['note']} | {reason}"


TABLE_NAMES = {
    "zh": {"二": "表二", "三": "表三", "四": "表四"},
    "en": {"二": "Table 2", "三": "Table 3", "四": "Table 4"},
}


def _place_labels(result, templates, f, lang: str) -> tuple[str | None, str | None, str | None]:
    """A finding's table, row and column as the format prints them (表三 / （二）部分公开 / 自然人), not
    the canonical keys; in English the table is named and the official labels are quoted."""
    r = result.reports.get(f.report_id)
    if not f.table or r is None:
        return None, None, None
    t = r.tables.get(f.table)
    version = (t.version if t is not None and t.version else None) or r.template
    if version is None and r.year:
        version = templates.version_for_year(r.year)
    tdef = templates.versions.get(version or max(templates.versions), None)
    tdef = tdef.tables.get(f.table) if tdef is not None else None
    if tdef is None:
        return f.table, f.row, f.column
    quote = (lambda x: x) if lang == "zh" else (lambda x: f"“{x}”")
    row = col = None
    if f.row:
        rd = tdef.rows.get(f.row)
        row = (
            quote(f"{rd.short or ''}{rd.label}" if rd.short and rd.short not in rd.label else rd.label) if rd else f.row
        )
    if f.column:
        cd = tdef.columns.get(f.column)
        col_label = cd.label if cd else f.column
        groups = {g.key: g.label for g in tdef.groups}
        if cd and "." in cd.key and cd.key.split(".")[0] in groups:  # 表四: 行政复议·总计, not just 总计
            col_label = f"{groups[cd.key.split('.')[0]]}·{cd.label}"
        col = quote(col_label)
    return TABLE_NAMES[lang].get(tdef.short, tdef.title.split(" ")[0]), row, col


def _waiver_cells(f, lang: str) -> list:
    w = f.waived
    if w is None:
        return [None, None, None, None]
    return [WAIVED[lang], w.get("reason"), w.get("approver"), w.get("expires")]


def _finding_rows(result, lang: str) -> list[list]:
    from ..templates import get_templates

    severity, outcome, categories = _labels(result, lang)
    templates = get_templates(result.rules_dir)
    rows = []
    for f in _ordered_findings(result):
        r = result.reports.get(f.report_id)
        table, row, column = _place_labels(result, templates, f, lang)
        rows.append(
            [
                f.report_id,
                r.agency if r is not None else None,
                r.year if r is not None else None,
                f.rule_id,
                f.title.get(lang) or f.title.get("zh"),
                severity.get(f.severity, f.severity),
                categories.get(f.category, f.category),
                outcome.get(f.outcome, f.outcome),
                f.message.get(lang) or f.message.get("zh"),
                f.location_label if lang == "zh" else f.location_label_en,
                table,
                row,
                column,
                f.line,
                f.raw,
                finding_evidence(f, "expected", lang),
                f"“{f.found}”" if f.found and f.found == f.raw else finding_evidence(f, "found", lang),
                finding_evidence(f, "arithmetic", lang),
                f.id,
                _review_cell(f, lang),
                *_waiver_cells(f, lang),
            ]
        )
    return rows


def _rule_rows(result, lang: str) -> list[list]:
    severity, _, categories = _labels(result, lang)
    failed: dict[str, int] = defaultdict(int)
    not_evaluable: dict[str, int] = defaultdict(int)
    affected: dict[str, set[str]] = defaultdict(set)
    for f in result.findings:
        if f.outcome == "failed":
            failed[f.rule_id] += 1
        else:
            not_evaluable[f.rule_id] += 1
        affected[f.rule_id].add(f.report_id)
    rows = []
    for rule in sorted(result.rules, key=lambda r: r.spec.id):
        spec = rule.spec
        rows.append(
            [
                spec.id,
                spec.title.zh if lang == "zh" else spec.title.en,
                severity.get(spec.severity, spec.severity),
                categories.get(spec.category, spec.category),
                float(spec.weight),
                failed[spec.id],
                not_evaluable[spec.id],
                len(affected[spec.id]),
            ]
        )
    return rows


def _region_rows(result, lang: str) -> list[list]:
    """Per region and level: reports audited, their mean score, share passing, errors and warnings;
    and how many reports could not be audited (never part of the mean)."""
    groups: dict[tuple[str | None, str | None], list] = defaultdict(list)
    for s in result.scores:
        r = result.reports[s.report_id]
        groups[(r.region, r.level)].append(s)

    def order(key: tuple[str | None, str | None]) -> tuple:
        region, level = key
        return (region is None, region or "", level is None, level or "")

    rows = []
    for key in sorted(groups, key=order):
        scores = [s for s in groups[key] if s.audited]
        n = len(scores)
        rows.append(
            [
                key[0] or NOT_STATED[lang],
                (key[1] if lang == "zh" else level_label(key[1], None, lang)) if key[1] else NOT_STATED[lang],
                n,
                round(sum(s.score for s in scores) / n, 1) if n else None,
                round(sum(1 for s in scores if s.passed) / n, 4) if n else None,
                sum(int(s.counts["error"]) for s in scores),
                sum(int(s.counts["warning"]) for s in scores),
                len(groups[key]) - n,
            ]
        )
    return rows


def _not_audited_rows(result, lang: str) -> list[list]:
    """Reports that could not be audited and files that gave no report: why, what to ask for."""
    keys = ("agency", "year", "level", "region", "file", "href", "reason", "ask", "detail")
    return [[e[k] for k in keys] for e in not_audited_entries(result, lang)]


def sheet_headers(result, lang: str) -> dict[str, list[str]]:
    """Every sheet's header row, by sheet key (the ranking's depends on the scoring categories)."""
    ui = UI[lang]
    return {
        "ranking": ranking_headers(result.scoring, lang),
        **HEADERS[lang],
        "record": [ui["record_item"], ui["record_value"]],
    }


def build_ranking_workbook(result, lang: str = "zh") -> Workbook:
    if lang not in SHEETS:
        raise ValueError(f"unknown language '{lang}'; expected one of {', '.join(SHEETS)}")
    names, headers = SHEETS[lang], sheet_headers(result, lang)
    wb = Workbook()
    wb.remove(wb.active)

    decimals = ["score", "previous_score", "change", *(f"deducted_{c}" for c in result.scoring.categories)]
    ranking = _sheet(
        wb,
        names["ranking"],
        headers["ranking"],
        ranking_rows(result, lang),
        {column_index(result.scoring, key) + 1: SCORE_FORMAT for key in decimals},
    )
    _link_pages(ranking, column_index(result.scoring, "page") + 1)

    _sheet(wb, names["findings"], headers["findings"], _finding_rows(result, lang), {})
    _sheet(wb, names["rules"], headers["rules"], _rule_rows(result, lang), {})
    _sheet(wb, names["regions"], headers["regions"], _region_rows(result, lang), {4: SCORE_FORMAT, 5: SHARE_FORMAT})
    not_audited = _sheet(wb, names["not_audited"], headers["not_audited"], _not_audited_rows(result, lang), {})
    _link_pages(not_audited, headers["not_audited"].index("页面" if lang == "zh" else "page") + 1)
    record = [[label, value] for _, label, value in record_items(result.record, lang)]
    _sheet(wb, names["record"], headers["record"], record, {})

    when = fixed_timestamp()
    props = wb.properties
    props.creator = CREATOR
    props.lastModifiedBy = CREATOR
    props.title = UI[lang]["site_title"]
    props.created = when
    props.modified = when
    return wb


def _workbook_bytes(wb: Workbook, when: datetime) -> bytes:
    """Serialise without openpyxl's save_workbook (which stamps `modified` with the current time),
    then rewrite the zip so every member carries the fixed timestamp instead of the wall clock."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    date_time = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # the zip format starts in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(raw, "r") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def write_ranking_xlsx(result, path: Path, lang: str = "zh") -> Path:
    wb = build_ranking_workbook(result, lang)
    path = Path(path)
    path.write_bytes(_workbook_bytes(wb, fixed_timestamp()))
    return path
