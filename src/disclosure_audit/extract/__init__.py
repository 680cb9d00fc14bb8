"""Extract: a Document's lines → Report (metadata, sections, paragraphs, tables, problems).

Plain text of every form (cells on their own lines, tab- or pipe-separated, `pdftotext` with or
without `-layout`, a crawler's one-line body, markdown from PDF converters) goes through one reader:
the text is prepared (`ingest.textprep`), each table's stretch of lines is found by its anchors
(`regions`), and the table is read by its labels, not by how its cells are separated
(`read_table`). HTML, DOCX and PDF readers hand over grids, which the same table reader reads.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ..ingest import Document, Note, ReadLimits, joined, read_document, reader_note
from ..ingest.blocks import TextLine
from ..ingest.textprep import prepare
from ..model import MISSING_CELL, Problem, Report, Table
from ..templates import TableDef, Templates, get_templates
from ..zhtext.chars import squash
from ..zhtext.dates import YEAR
from ..zhtext.numerals import HEADING_START
from ..zhtext.orgs import infer_level_with_source
from .auditability import assess
from .layout import detect_layout
from .metadata import find_metadata
from .read_table import UNCERTAIN_EN, UNCERTAIN_ZH, read_table
from .regions import Regions, layout_regions, text_regions
from .rowmath import self_check
from .sections import find_sections, paragraphs
from .tokens import tokenize
from .wrap import join_wrapped


@lru_cache(maxsize=1024)
def _marker_form_cached(text: str) -> str:
    """A template marker's form: the same few markers for every report."""
    return _marker_form(text)


_MARKER_DROP = str.maketrans("", "", '/／、，,:：“”"()（）')


def _marker_form(text: str) -> str:
    return unicodedata.normalize("NFKC", squash(text)).translate(_MARKER_DROP)


def detect_template(corpus: str, templates: Templates) -> tuple[str | None, dict[str, int]]:
    """Pick the format version by which version's own labels the text prints."""
    text = _marker_form(corpus)
    hits = {v: sum(1 for m in t.markers if _marker_form_cached(m) in text) for v, t in templates.versions.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None, hits
    return ranked[0][0], hits


def report_id_for(path: Path) -> str:
    """A file read on its own has the id a run of its folder holding only it gives (pipeline.report_ids)."""
    return path.name


def _heading_words(templates: Templates) -> list[str]:
    return [w for s in templates.sections for w in (s.heading, *s.variants)]


def _table_starts(templates: Templates) -> list[str]:
    return ["第二十条第", "（本列数据的勾稽关系", "(本列数据的勾稽关系"]


def extract_document(doc: Document, templates: Templates, report_id: str | None = None) -> Report:
    report = Report(
        report_id=report_id or report_id_for(doc.path),
        file=doc.path.name,
        source_format=doc.source_format,
        encoding=doc.encoding,
        lines=doc.lines,
    )
    report.machine_readable = doc.machine_readable
    report.converted_with = doc.converted_with
    report.doc_metadata = dict(doc.metadata)
    if not doc.machine_readable:
        report.layout = doc.layout.name if doc.layout is not None else None
        why = joined(doc.notes) or reader_note("no text", "没有文字")
        report.problems.append(Problem(code="not-machine-readable", message=why.message, zh=why.zh))
        report.tables = {k: Table(key=k) for k in templates.versions[max(templates.versions)].tables}
        assess(report, templates)
        return report
    for note in doc.notes:
        report.problems.append(_problem_of(note))

    furniture: set[int] = set()
    pages: dict[int, int] = {}
    if doc.layout is not None:
        report.layout = doc.layout.name
        all_text = [tl for tl in doc.layout.text_lines]
        corpus = "".join(c.text for seg in doc.layout.segments for c in seg.cells)
        corpus += "".join(t.text for t in all_text)
        headings = _standard_heading_lines(all_text, templates)
        version = _version(report, corpus, all_text, templates)
        regions = layout_regions(doc.layout, templates.versions[version].tables, headings)
        text_lines = [tl for tl in all_text if id(tl) not in regions.table_items]
    else:
        prep = prepare("\n".join(doc.lines), _heading_words(templates), _table_starts(templates))
        report.lines = prep.lines
        report.line_origin = prep.origin
        report.text_meta.update({f"crawler_{k}": v for k, v in prep.meta.items()})
        for note in prep.notes:
            report.problems.append(_problem_of(note))
        furniture, pages = prep.furniture, prep.pages
        report.layout = "crawler" if prep.origin else detect_layout(prep.clean)
        all_text = [
            TextLine(text=_narrative_view(s), line=i, page=pages.get(i))
            for i, s in enumerate(prep.clean, start=1)
            if i not in furniture and s.strip()
        ]
        headings = _standard_heading_lines(all_text, templates)
        version = _version(report, "".join(prep.clean), all_text, templates)
        regions = text_regions(prep.clean, furniture, headings, templates.versions[version].tables)
        text_lines = join_wrapped([tl for tl in all_text if tl.line not in regions.table_lines], set(headings))

    report.sections = find_sections(text_lines, templates)
    first_heading = report.sections[0].line if report.sections else None
    md = find_metadata(text_lines, first_heading)
    report.title, report.title_line = md.title, md.title_line
    report.agency, report.agency_line = md.agency, md.agency_line
    report.year, report.year_source = md.year, md.year_source
    report.published, report.published_line = md.published, md.published_line
    if md.note:
        report.problems.append(Problem(code="agency-mismatch", message=md.note, zh=md.note_zh, line=md.agency_line))
    _crawler_metadata(report, md)
    report.level, report.level_source = infer_level_with_source(report.agency)
    report.paragraphs = paragraphs(text_lines, report.sections, set(md.title_lines) | set(md.signature_lines))
    _read_tables(report, regions, templates, version, pages)
    assess(report, templates)
    return report


def _problem_of(note: Note) -> Problem:
    """A reader's note as an extraction problem, with its code (a reading loss is listed for review by
    EXT-READ), both texts, line and page."""
    return Problem(code=note.code, message=note.message, line=note.line, page=note.page, zh=note.zh)


def _narrative_view(line: str) -> str:
    """A markdown table row whose first cell is a section heading (pymupdf4llm puts
    `二、主动公开政府信息情况` over 表二 as its first header cell) reads as that heading."""
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 3:
        first = s[1:].split("|", 1)[0].strip()
        if HEADING_START.match(first):
            return first
    return line


def _standard_heading_lines(lines: list[TextLine], templates: Templates) -> dict[int, int]:
    return {s.line: s.number for s in find_sections(lines, templates) if s.number is not None}


def _version(report: Report, corpus: str, lines: list[TextLine], templates: Templates) -> str:
    version, _hits = detect_template(corpus, templates)
    report.template = version
    if version:
        return version
    md = find_metadata(lines, None)
    use = templates.version_for_year(md.year) if md.year else None
    return use or max(templates.versions)


def _crawler_metadata(report: Report, md) -> None:
    """A crawler's header block: its 标题/发布机构 fill what the text lacks; its 发布时间 is the
    page's online date, which is the publication date (the signature date is kept apart)."""
    meta = {k[len("crawler_") :]: v for k, v in report.text_meta.items() if k.startswith("crawler_")}
    if not meta:
        return
    if meta.get("title") and not report.title:
        report.title = meta["title"]
    if meta.get("agency"):
        if report.agency and report.agency != meta["agency"]:
            report.text_meta["text_agency"] = report.agency
        report.agency = meta["agency"]
    elif not report.agency and report.title:
        from .metadata import _agency_from_title

        report.agency = _agency_from_title(report.title)
    if meta.get("published"):
        if report.published and report.published != meta["published"]:
            report.text_meta["signed"] = report.published
        report.published = meta["published"]
        report.published_line = None
        report.text_meta["published_source"] = "online"
    if meta.get("url"):
        report.url = meta["url"]
    if report.year is None and report.title:
        m = YEAR.search(report.title)
        if m:
            report.year, report.year_source = int(m.group(1)), "title"


def _read_tables(report: Report, regions: Regions, templates: Templates, version: str, pages: dict[int, int]) -> None:
    tdefs = templates.versions[version].tables
    for key, tdef in tdefs.items():
        pieces = regions.pieces.get(key, [])
        if pages:
            for p in pieces:
                p.page = p.page if p.page is not None else pages.get(p.line)
        tokens = tokenize(pieces)
        problems: list[Problem] = []
        table = read_table(tdef, tokens, problems)
        alt = _other_version_reading(key, tdef, tokens, table, problems, templates, version)
        if alt is not None:
            table, problems = alt
        if table.uncertain:
            failed = self_check(table, templates.versions[table.version or version].tables[key])
            table.self_check = tuple(failed)
            if failed:
                why_zh = "；".join(UNCERTAIN_ZH[r] for r in table.uncertain)
                why_en = "; ".join(UNCERTAIN_EN[r] for r in table.uncertain)
                shown = "；".join(failed[:4]) + ("……" if len(failed) > 4 else "")
                problems.append(
                    Problem(
                        code="self-check",
                        message=f"the reading fails the table's own identities ('{shown}') and was not certain "
                        f"({why_en}): the report may be right and the reader wrong; review before deducting",
                        zh=f"读出的数据不满足本表勾稽关系（{shown}），且读取并不确定（{why_zh}）：可能是报告有误，"
                        "也可能是读取有误，扣分前请人工核对",
                        line=table.first_line,
                        table=key,
                    )
                )
        report.tables[key] = table
        report.problems.extend(problems)
        report.problems.extend(_damaged_cells(table, templates.versions[table.version or version].tables[key]))


def _damaged_cells(table: Table, tdef: TableDef) -> list[Problem]:
    """Cells holding a character the decoder could not read (U+FFFD): no number is taken from them
    (normalize.parse_cell), and each is listed for review as what it is, a reading loss."""
    out = []
    for (row, col), c in table.cells.items():
        if c.raw and "\ufffd" in c.raw:
            label = tdef.rows[row].label if row in tdef.rows else row
            out.append(
                Problem(
                    code="damaged-cell",
                    message=f"cell '{label}' / {col} reads '{c.raw}': some of its bytes could not be decoded, "
                    "so no number was read from it; check the original",
                    zh=f"“{label}”一行的单元格内容为“{c.raw}”，其中有无法解码的字节，未读取数值，请核对原文",
                    line=c.line,
                    table=table.key,
                    row=row,
                    column=col,
                    raw=c.raw,
                )
            )
    return out


def _other_version_reading(key: str, tdef: TableDef, tokens, table: Table, problems, templates, version):
    """A table printed in the other format version's layout (a 2021 report whose 表三 still has the
    2019 single （六）其他处理 row): read it with that version's definition when that explains the
    text better, and say so once."""
    troubled = any(p.code in ("surplus-cells", "ambiguous-cells") for p in problems) or any(
        c.kind == "missing" for c in table.cells.values()
    )
    if not table.found or not troubled:
        return None
    for other, tv in templates.versions.items():
        if other == version or key not in tv.tables:
            continue
        odef = tv.tables[key]
        if [r.key for r in odef.rows.values() if not r.key.startswith("other")] != [
            r.key for r in tdef.rows.values() if not r.key.startswith("other")
        ]:
            continue  # only the （六）其他处理 rows differ between the two versions' 表三
        oprob: list[Problem] = []
        alt = read_table(odef, tokens, oprob)
        # evidence, not a better score alone: the other version's own rows are printed with their
        # values, and this version's own rows are not (glued digits that stay ambiguous either way
        # are no sign of the other format)
        mine = [k for k in tdef.rows if k not in odef.rows]
        theirs = [k for k in odef.rows if k not in tdef.rows]
        if any(_read_as_printed(table, tdef, k) for k in mine) or not any(
            _read_as_printed(alt, odef, k) for k in theirs
        ):
            continue
        if _score(alt, oprob) > _score(table, problems):
            alt.version = other
            rows = "、".join(
                f"{r.short or ''}{r.label}"
                for k, r in odef.rows.items()
                if k not in tdef.rows
                and alt.cells.get((k, odef.block_of_row[k].columns[0].key), MISSING_CELL).kind != "missing"
            )
            oprob.append(
                Problem(
                    code="mixed-format",
                    message=f"{tdef.name_en} prints the rows of the {other} format "
                    f"('{rows}') in a report of the {version} format; read with the {other} rows",
                    zh=f"{tdef.title.split(' ')[0]}使用了{other}年版格式的行（{rows}），"
                    f"而报告其余部分为{version}年版格式；已按{other}年版的行读取",
                    line=alt.first_line,
                    table=key,
                )
            )
            return alt, oprob
    return None


def _read_as_printed(table: Table, tdef: TableDef, row: str) -> bool:
    cols = tdef.block_of_row[row].columns
    return all(table.cells.get((row, c.key), MISSING_CELL).kind not in ("missing", "ambiguous") for c in cols)


def _score(table: Table, problems: list[Problem]) -> tuple[int, int]:
    """How well a reading explains the table: cells read as printed, less rows with surplus or
    ambiguous values, less values placed by row order."""
    read = sum(1 for c in table.cells.values() if c.kind not in ("missing", "ambiguous") and c.reading is None)
    bad = sum(1 for p in problems if p.code in ("surplus-cells", "ambiguous-cells", "unmapped-label", "row-unread"))
    return (read - 7 * bad, -bad) if read else (-(10**9), 0)  # a reading that reads nothing never wins


def extract_file(path: Path, rules_dir: Path, limits: ReadLimits | None = None) -> Report:
    """Raises ingest.UnreadableFileError with a reason when the file is not a readable report."""
    return extract_document(read_document(path, limits), get_templates(rules_dir))
