"""Each of the three standard tables must be present.

A table the reader did not find is "missing" (`check: missing`) only when none of its labels is in
the text: neither the reader saw one (`Table.labels_seen`) nor does any label that only tables use
(its captions, header and row labels in either format version, less `prose_labels` and labels under
`min_label_chars` characters) occur in the report's lines. When labels are there but no cell was
read, it is the reader's failure, listed for review (`check: unread`), never the agency's fault.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Report
from ...templates import Templates
from ..params.table_present import Missing, Unread, table_labels
from ..registry import RuleKind
from ._common import table_en
from ._text import TextIndex, excerpt, search_form


def table_only_labels(templates: Templates, table: str, first_version: str, min_chars: int) -> list[str]:
    """Normalised labels of `table` (the report's version first, then the other) that narrative
    text does not use."""
    prose = {search_form(p) for p in templates.prose_labels}
    versions = [first_version, *sorted(v for v in templates.versions if v != first_version)]
    out: dict[str, None] = {}
    for v in versions:
        tdef = templates.versions[v].tables.get(table)
        if tdef is None:
            continue
        for label in table_labels(tdef):
            n = search_form(label)
            if len(n) >= min_chars and n not in prose:
                out.setdefault(n)
    return list(out)


def labels_in_text(report: Report, labels: list[str]) -> list[tuple[str, int]]:
    """(label, line) for each label found in the text, in order of first occurrence."""
    index = TextIndex(report.lines)
    found = []
    for label in labels:
        hits = index.find_all(label)
        if hits:
            found.append((label, index.line_at(hits[0])))
    return sorted(found, key=lambda x: (x[1], labels.index(x[0])))


class TablePresent(RuleKind):
    params: Missing | Unread

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        for rid in report_ids:
            report = ctx.reports[rid]
            for t in self.params.tables:
                table = report.table(t)
                if table.found:
                    continue
                tdef = ctx.tdef(rid, t)
                labels = table_only_labels(ctx.templates, t, ctx.version_of(rid), self.params.min_label_chars)
                seen = labels_in_text(report, labels)
                unread = table.labels_seen or bool(seen)
                short = tdef.title.split(" ")[0]
                params = {
                    "table_title": tdef.title,
                    "table_short": short,
                    "table_short_en": table_en(ctx, rid, t),
                }
                if isinstance(self.params, Missing) and not unread:
                    yield Hit(report_id=rid, table=t, expected=tdef.title, found="（未找到）", params=params)
                elif isinstance(self.params, Unread) and unread:
                    if seen:
                        line = seen[0][1]
                        found = "、".join(f"“{lb}”（第{ln}行）" for lb, ln in seen[:5])
                        yield Hit(
                            report_id=rid,
                            table=t,
                            line=line,
                            raw=excerpt(report.lines[line - 1]),
                            expected="读出表格单元格",
                            found=f"文中有该表的标签：{found}",
                            params=params,
                            details={"labels": [{"label": lb, "line": ln} for lb, ln in seen]},
                        )
                    else:
                        yield Hit(
                            report_id=rid,
                            table=t,
                            expected="读出表格单元格",
                            found="读表程序在文中见到该表的标签",
                            params=params,
                            details={"labels_seen": True},
                        )
