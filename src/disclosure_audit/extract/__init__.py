"""Extract: a Document's lines → Report (metadata, sections, paragraphs, tables, problems)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..ingest import Document, read_document
from ..model import Problem, Report, Table
from ..templates import Templates, get_templates
from .auditability import assess
from .layout import Layout, read_layout
from .metadata import find_metadata, infer_level
from .normalize import squash
from .sections import find_sections, paragraphs
from .tables import extract_tables


def _marker_form(text: str) -> str:
    s = unicodedata.normalize("NFKC", squash(text))
    return "".join(ch for ch in s if ch not in '/／、，,:：“”"()（）')


def detect_template(layout: Layout, templates: Templates) -> tuple[str | None, dict[str, int]]:
    """Pick the format version by which version's own labels the tables print."""
    corpus = _marker_form("".join(c.text for seg in layout.segments for c in seg.cells))
    corpus += _marker_form("".join(t.text for t in layout.text_lines))
    hits = {v: sum(1 for m in t.markers if _marker_form(m) in corpus) for v, t in templates.versions.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None, hits
    return ranked[0][0], hits


def report_id_for(path: Path) -> str:
    return path.stem


def extract_document(doc: Document, templates: Templates, report_id: str | None = None) -> Report:
    layout = doc.layout if doc.layout is not None else read_layout(doc.lines)
    report = Report(
        report_id=report_id or report_id_for(doc.path),
        file=doc.path.name,
        source_format=doc.source_format,
        encoding=doc.encoding,
        layout=layout.name,
        lines=doc.lines,
    )
    report.machine_readable = doc.machine_readable
    report.converted_with = doc.converted_with
    report.doc_metadata = dict(doc.metadata)
    if not doc.machine_readable:
        report.problems.append(Problem(code="not-machine-readable", message="; ".join(doc.notes) or "no text"))
        report.tables = {k: Table(key=k) for k in templates.versions[max(templates.versions)].tables}
        assess(report, templates)
        return report
    for note in doc.notes:
        report.problems.append(Problem(code="reader-note", message=note))
    text_lines = layout.text_lines
    report.sections = find_sections(text_lines, templates)
    first_heading = report.sections[0].line if report.sections else None
    md = find_metadata(text_lines, first_heading)
    report.title, report.title_line = md.title, md.title_line
    report.agency, report.agency_line = md.agency, md.agency_line
    report.year, report.year_source = md.year, md.year_source
    report.level = infer_level(md.agency)
    report.level_source = "agency name" if report.level else None
    report.published, report.published_line = md.published, md.published_line
    if md.note:
        report.problems.append(Problem(code="agency-mismatch", message=md.note, line=md.agency_line))
    report.paragraphs = paragraphs(text_lines, report.sections, set(md.title_lines) | set(md.signature_lines))

    version, _hits = detect_template(layout, templates)
    report.template = version
    use = version or (templates.version_for_year(report.year) if report.year else None)
    use = use or max(templates.versions)
    tables, problems = extract_tables(layout, templates.versions[use])
    report.tables = tables
    report.problems.extend(problems)
    assess(report, templates)
    return report


def extract_file(path: Path, rules_dir: Path) -> Report:
    """Raises ingest.UnreadableFileError with a reason when the file is not a readable report."""
    return extract_document(read_document(path), get_templates(rules_dir))
