"""The two largest parts of an agency page, the table grids' rows and the report's source lines,
built as HTML in Python instead of in the template.

They are most of a page's bytes (thousands of cells and lines per report), and jinja spends its
time there on attribute lookups that fall back from getattr to dict items and on one escape call
per value: the same markup built here with one `escape` per value costs a fraction of that. The
output is the exact markup the template loops wrote before (the site's bytes did not change), so
any change to it here is a change to the page and belongs in the tests of the page, not in a
template."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_LINE_CLASS = {0: "hl-error", 1: "hl-warning", 2: "hl-info"}


def _e(value: object) -> str:
    """Escaped as jinja's autoescape prints the value ({{ value }}): markupsafe's five characters and
    its entities. A plain string, nearly every value here, takes str.replace in C instead of
    markupsafe's wrapper, whose Markup object per call cost more than the escaping."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or "'" in value or '"' in value:
            return (
                value.replace("&", "&amp;")
                .replace(">", "&gt;")
                .replace("<", "&lt;")
                .replace("'", "&#39;")
                .replace('"', "&#34;")
            )
        return value
    return str(escape(value))


def grid_rows(table, tkey: str, block, flagged: dict, ui: dict, database: dict | None) -> Markup:
    """The <tr> rows of one block of a table grid: one cell per column, a flagged cell linking to
    its first finding, its title naming the line it was read from (or the database row).
    `flagged`: (table, row, column) → ids of the failed findings on that cell."""
    out: list[str] = []
    line_word = str(ui["line"]) + " "
    facts_table = str(database.get("facts_table", "")) if database else ""
    for r in block.rows:
        short = r.short or ""
        head = _e(short) + " " if short and short not in r.label else ""
        out.append(f'<tr class="{"total" if r.total else ""}"><th>{head}{_e(r.label)}</th>\n')
        for c in block.columns:
            cell = table.cell(r.key, c.key)
            line, raw = cell.line, cell.raw or ""
            findings = flagged.get((tkey, r.key, c.key))
            title = _e(f"{facts_table} fact_id={line}") if database and line else _e(line_word + str(line or "—"))
            if findings:
                out.append(
                    f'<td class="num k-{_e(cell.kind)} bad" title="{title}">'
                    f'<a href="#{_e(findings[0])}">{_e(raw or "∅")}</a></td>'
                )
            else:
                out.append(f'<td class="num k-{_e(cell.kind)}" title="{title}">{_e(raw)}</td>')
        out.append("</tr>\n")
    return Markup("".join(out))


def source_lines(report, findings) -> Markup:
    """The report as read, one <div> per source line; a line that carries findings is coloured by
    its worst failed finding (or as not evaluable) and tagged with up to four of them."""
    marks: dict[int, list] = defaultdict(list)
    for f in findings:
        lines = {f.line} | {c.line for c in f.cells[:60]}
        for ln in lines:
            if ln is not None:
                marks[ln].append(f)
    out: list[str] = []
    for n, text in enumerate(report.lines, start=1):
        fs = marks.get(n)
        shown = _e(text.replace("\t", "  ").rstrip())
        if not fs:
            out.append(
                f'<div class="sl " id="L{n}"><a class="ln" href="#L{n}">{n}</a>'
                f'<span class="lt" lang="zh">{shown}</span></div>\n'
            )
            continue
        worst = min((SEVERITY_RANK[f.severity] for f in fs if f.outcome == "failed"), default=None)
        cls = _LINE_CLASS.get(worst, "hl-ne")  # type: ignore[arg-type]
        tags = "".join(
            f' <a class="tag sev-{_e(f.severity if f.outcome == "failed" else "ne")}" href="#{_e(f.id)}">'
            f"{_e(f.rule_id)}</a>"
            for f in fs[:4]
        )
        out.append(
            f'<div class="sl {cls}" id="L{n}"><a class="ln" href="#L{n}">{n}</a>'
            f'<span class="lt" lang="zh">{shown}</span>{tags}</div>\n'
        )
    return Markup("".join(out))
