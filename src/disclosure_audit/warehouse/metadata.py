"""The two tables beside `facts` that let a database rebuild the same audit: `reports` (one row per
report, scans and reports without a readable table included) and `tables` (one row per report and
standard table: found or not, the reading notes, the header units).

Why separate tables and not more columns of `facts`: a report with no cell (a scan) or a table that
was not found has no fact row, yet the audit must still list it and say why; and per-table facts
(found, uncertain, self-check) would otherwise repeat on every cell.

The database keeps figures, not the report's text. The one exception is `tables.label_lines`: for a
table the reader did not find, the few source lines on which its labels occur, so that "the table
is missing" (no label anywhere) and "the reader could not read it" (labels there) stay apart without
the text — the first is the agency's fault, the second never is.
"""

from __future__ import annotations

import json

import pandas as pd

from ..model import Report
from ..templates import Templates
from .facts import FactColumn, report_version

REPORT_COLUMNS: tuple[FactColumn, ...] = (
    FactColumn(
        "report_id", "TEXT", "报告标识（相对输入目录的路径），与 facts.report_id 对应", "report id, as in facts"
    ),
    FactColumn("file", "TEXT", "报告文件（相对输入目录的路径）", "report file (path relative to the input folder)"),
    FactColumn(
        "source_format", "TEXT", "原文件格式：txt、html、docx、pdf 等", "source file format: txt, html, docx, pdf …"
    ),
    FactColumn("encoding", "TEXT", "文本编码（文本文件）", "text encoding (text files)"),
    FactColumn("layout", "TEXT", "表格排版方式（读表程序识别）", "table layout the reader recognised"),
    FactColumn(
        "template", "TEXT", "正文所示格式版本：2019、2021，未表明为空", "format version the text shows; NULL if none"
    ),
    FactColumn("year", "INTEGER", "报告年度", "report year"),
    FactColumn(
        "year_source", "TEXT", "年度的来源（正文、标题、清单等）", "where the year came from (text, title, manifest)"
    ),
    FactColumn("agency", "TEXT", "机关名称", "agency"),
    FactColumn("region", "TEXT", "地区（清单）", "region (manifest)"),
    FactColumn("level", "TEXT", "层级：部门、政府、乡镇街道", "level: 部门, 政府, 乡镇街道"),
    FactColumn("level_source", "TEXT", "层级的来源（清单、机关名称、推断）", "where the level came from"),
    FactColumn("published", "TEXT", "发布日期（ISO）", "publication date (ISO)"),
    FactColumn("title", "TEXT", "报告标题", "report title"),
    FactColumn("url", "TEXT", "网址（清单）", "URL (manifest)"),
    FactColumn(
        "machine_readable", "INTEGER", "能否作为文本读取（1/0；扫描件为0）", "readable as text (1/0; 0 for a scan)"
    ),
    FactColumn("converted_with", "TEXT", "旧版 .doc/.wps 的转换程序", "converter used for a legacy .doc/.wps"),
    FactColumn(
        "not_audited",
        "TEXT",
        "未能审查的原因（JSON：code、zh、en），能审查为空",
        "why the report cannot be audited (JSON: code, zh, en); NULL if it can",
    ),
    FactColumn(
        "manifest", "TEXT", "清单（manifest.csv）中该报告的行（JSON 对象）", "the report's manifest row (JSON object)"
    ),
    FactColumn("problems", "TEXT", "读取说明（JSON 数组）", "extraction notes (JSON array)"),
)

TABLE_COLUMNS: tuple[FactColumn, ...] = (
    FactColumn("report_id", "TEXT", "报告标识，与 facts.report_id 对应", "report id, as in facts"),
    FactColumn("position", "INTEGER", "该表在报告中的次序（从0起）", "the table's order in the report (from 0)"),
    FactColumn("table_key", "TEXT", "表：active、requests、appeals", "table: active, requests, appeals"),
    FactColumn("found", "INTEGER", "是否找到该表（1/0）", "the table was found (1/0)"),
    FactColumn(
        "labels_seen", "INTEGER", "读表程序是否见到该表的标签（1/0）", "the reader saw a label of the table (1/0)"
    ),
    FactColumn(
        "version",
        "TEXT",
        "该表所用格式版本与报告不同时的版本（混合格式），否则为空",
        "the version the table was read with when it differs from the report's (mixed format); else NULL",
    ),
    FactColumn("first_line", "INTEGER", "该表在原文件的起始行", "the table's first source line"),
    FactColumn("last_line", "INTEGER", "该表在原文件的末行", "the table's last source line"),
    FactColumn(
        "header_units", "TEXT", "表头给出的各列单位（JSON 对象）", "units printed in the header per column (JSON)"
    ),
    FactColumn("uncertain", "TEXT", "读法不确定的原因（JSON 数组）", "why the reading may be wrong (JSON array)"),
    FactColumn(
        "self_check",
        "TEXT",
        "不确定读法下不成立的表内勾稽关系（JSON 数组）",
        "the table's identities that fail on an uncertain reading (JSON array)",
    ),
    FactColumn(
        "label_lines",
        "TEXT",
        "未找到的表：出现该表标签的原文行（JSON 对象：行号→原文），用于区分“缺表”与“未能读出”；找到的表为空",
        "a table not found: the source lines where its labels occur (JSON: line → text), which tell 'missing' "
        "from 'not read'; NULL for a table found",
    ),
)
REPORT_NAMES = [c.name for c in REPORT_COLUMNS]
TABLE_NAMES = [c.name for c in TABLE_COLUMNS]

# The shortest table label the `table_present` kind may be told to look for (its `min_label_chars`
# cannot go below 2): the lines kept for a table not found cover every label a rule can ask about.
MIN_LABEL_CHARS = 2


def _json(v: object) -> str | None:
    return json.dumps(v, ensure_ascii=False, sort_keys=True) if v else None


def reports_frame(reports: list[Report]) -> pd.DataFrame:
    """One row per report, ordered by report id."""
    records = []
    for r in sorted(reports, key=lambda r: r.report_id):
        records.append(
            (
                r.report_id,
                r.file,
                r.source_format,
                r.encoding,
                r.layout,
                r.template,
                r.year,
                r.year_source,
                r.agency,
                r.region,
                r.level,
                r.level_source,
                r.published,
                r.title,
                r.url,
                int(r.machine_readable),
                r.converted_with,
                _json(r.not_audited),
                _json(r.manifest),
                json.dumps([p.to_json() for p in r.problems], ensure_ascii=False) if r.problems else None,
            )
        )
    df = pd.DataFrame.from_records(records, columns=REPORT_NAMES)
    df["year"] = df["year"].astype("Int64")
    df["machine_readable"] = df["machine_readable"].astype("Int64")
    return df


def label_lines(report: Report, tkey: str, templates: Templates) -> dict[str, str]:
    """The source lines spanned by the first occurrence of each table-only label of `tkey` (as the
    `table_present` kind looks for them, with the shortest labels it may be told to use). Rebuilt
    with every other line as a sentence end, they give that kind the same labels on the same lines:
    each first occurrence lies wholly within kept lines, and no match can cross a dropped one."""
    from ..rules.kinds._text import TextIndex
    from ..rules.kinds.table_present import table_only_labels

    if not report.lines:
        return {}
    version = report_version(report, templates)
    index = TextIndex(report.lines)
    keep: set[int] = set()
    for label in table_only_labels(templates, tkey, version, MIN_LABEL_CHARS):
        hits = index.find_all(label)
        if hits:
            first, last = index.line_at(hits[0]), index.line_at(hits[0] + len(label) - 1)
            keep.update(range(first, last + 1))
    return {str(n): report.lines[n - 1] for n in sorted(keep)}


def tables_frame(reports: list[Report], templates: Templates) -> pd.DataFrame:
    """One row per report and table, in each report's table order."""
    records = []
    for r in sorted(reports, key=lambda r: r.report_id):
        for pos, (tkey, t) in enumerate(r.tables.items()):
            lines = None if t.found else json.dumps(label_lines(r, tkey, templates), ensure_ascii=False)
            records.append(
                (
                    r.report_id,
                    pos,
                    tkey,
                    int(t.found),
                    int(t.labels_seen),
                    t.version,
                    t.first_line,
                    t.last_line,
                    json.dumps(t.header_units, ensure_ascii=False, sort_keys=True),
                    json.dumps(list(t.uncertain), ensure_ascii=False),
                    json.dumps(list(t.self_check), ensure_ascii=False),
                    lines,
                )
            )
    df = pd.DataFrame.from_records(records, columns=TABLE_NAMES)
    for name in ("position", "found", "labels_seen", "first_line", "last_line"):
        df[name] = df[name].astype("Int64")
    return df
