"""A generated text report as the HTML page, Word file or PDF a body publishes instead.

Each is drawn the way the test twins draw the demo reports (tests/twins.py, tests/pdf_twin.py): from
the text report's own reading, with the three tables laid out as the official grids of
tools/official_grid.py (merged header cells, 三、本年度办理结果 down the result rows, （三）不予公开 over its
eight rows) and the report's printed cells, defects included. The text report is read first because
that is the one reading of its lines into title, paragraphs, headings and signature that the twins
already share; a reader fault in the text layout it is read from (tabcell, the most common layout)
would show up in the ground-truth test as a miss on every form, not only on these.

Deterministic: the same text gives the same bytes. Word files are re-zipped with fixed entry times
(python-docx stamps each entry with the current time); PDFs are written with reportlab's invariant mode
(fixed creation date and document id).
"""

from __future__ import annotations

import html as htmlmod
import io
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # tests.twins / tests.pdf_twin / tools.official_grid

from disclosure_audit.extract import extract_document  # noqa: E402
from disclosure_audit.ingest import Document  # noqa: E402
from disclosure_audit.model import Report  # noqa: E402
from disclosure_audit.templates import Templates, get_templates  # noqa: E402

RULES = ROOT / "rules"
SECTION_TABLE = {2: "active", 3: "requests", 4: "appeals"}
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
DOCUMENT_FORMATS = ("html", "docx", "pdf")


@dataclass
class Article:
    report: Report
    title: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p"|"heading", text) / ("table", key)
    signature: list[str] = field(default_factory=list)


def templates() -> Templates:
    return get_templates(RULES)


def read_text_report(name: str, text: str) -> Report:
    doc = Document(path=Path(name), source_format="txt", lines=text.split("\n"), encoding="utf-8")
    return extract_document(doc, templates(), report_id=name)


def article_of(report: Report) -> Article:
    from tests.twins import frame_lines

    tls, title_lines, sig_lines = frame_lines(report)
    art = Article(report)
    heading_of = {s.line: s for s in report.sections}
    for tl in tls:
        text = tl.text.strip(" \t\u3000\u00a0")
        if tl.line in title_lines:
            art.title.append(text)
        elif tl.line in sig_lines:
            art.signature.append(text)
        elif tl.line in heading_of:
            art.blocks.append(("heading", text))
            key = SECTION_TABLE.get(heading_of[tl.line].number or 0)
            if key and report.tables[key].found:
                art.blocks.append(("table", key))
        elif text:
            art.blocks.append(("p", text))
    return art


# --------------------------------------------------------------------------- HTML


def _esc(s: str) -> str:
    return htmlmod.escape(s, quote=False)


def _html_table(grid) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="600">', "<tbody>"]
    for row in grid:
        out.append("<tr>")
        for c in row:
            attrs = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            text = "<br>".join(_esc(t) for t in c.text) if isinstance(c.text, list) else _esc(c.text)
            out.append(f"<td{attrs}>{text or '&nbsp;'}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_html(art: Article) -> bytes:
    from tests.twins import grid_of

    r = art.report
    body: list[str] = []
    for kind, payload in art.blocks:
        if kind == "table":
            body.append(_html_table(grid_of(r, templates(), payload)))
        elif kind == "heading":
            body.append(f"<p><strong>{_esc(payload)}</strong></p>")
        else:
            body.append(f'<p style="text-indent:2em;">{_esc(payload)}</p>')
    if art.signature:
        body.append('<p style="text-align:right">' + "<br>\n".join(_esc(s) for s in art.signature) + "</p>")
    title = "".join(art.title)
    info = f'<div class="info">发布日期：{r.published}</div>\n' if r.published and art.signature else ""
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n</head>\n<body>\n"
        + "".join(f"<h1>{_esc(t)}</h1>\n" for t in art.title)
        + info
        + '<div class="article">\n'
        + "\n".join(body)
        + "\n</div>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


# --------------------------------------------------------------------------- DOCX


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>' if text else "<w:p/>"


def _docx_table_xml(grid) -> str:
    """The grid as Word writes a merged table: a horizontal merge is one <w:tc> with gridSpan, a
    vertical one a vMerge="restart" cell and a vMerge continuation cell in each row below. Written as
    XML because python-docx's cell()/merge() re-walk the whole table on every call (7 s a report)."""
    n_cols = max(c.col + c.cs for row in grid for c in row)
    below: dict[tuple[int, int], int] = {}  # (row, col) covered by a vertical merge from above → its span
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           "</w:tblPr><w:tblGrid>" + "<w:gridCol/>" * n_cols + "</w:tblGrid>"]  # fmt: skip
    for ri, row in enumerate(grid):
        origin = {c.col: c for c in row}
        out.append("<w:tr>")
        col = 0
        while col < n_cols:
            c = origin.get(col)
            if c is not None:
                span = f'<w:gridSpan w:val="{c.cs}"/>' if c.cs > 1 else ""
                merge = '<w:vMerge w:val="restart"/>' if c.rs > 1 else ""
                for k in range(1, c.rs):
                    below[(ri + k, col)] = c.cs
                lines = c.text if isinstance(c.text, list) else [c.text]
                out.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{''.join(_w_para(t) for t in lines)}</w:tc>")
                col += c.cs
            elif (ri, col) in below:
                cs = below[(ri, col)]
                span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
                out.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                col += cs
            else:
                out.append("<w:tc><w:p/></w:tc>")
                col += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _docx_table(d, grid) -> None:
    from docx.oxml import parse_xml

    body = d.element.body
    table = parse_xml(_docx_table_xml(grid))
    if body.sectPr is not None:  # the section properties stay last, as Word requires
        body.sectPr.addprevious(table)
    else:
        body.append(table)


def _fixed_zip(data: bytes) -> bytes:
    """The same entries in the same order with a fixed time, so equal documents are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(art: Article) -> bytes:
    import docx
    from tests.twins import grid_of

    d = docx.Document()
    for t in art.title:
        d.add_paragraph().add_run(t).bold = True
    for kind, payload in art.blocks:
        if kind == "table":
            _docx_table(d, grid_of(art.report, templates(), payload))
        else:
            d.add_paragraph(payload)
    for s in art.signature:
        d.add_paragraph(s)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


# --------------------------------------------------------------------------- PDF


def render_pdf(report: Report) -> bytes:
    from tests.pdf_twin import render_pdf as draw

    with tempfile.TemporaryDirectory(prefix="corpus-pdf-") as tmp:
        path = Path(tmp) / "report.pdf"
        draw(report, templates(), path)
        return path.read_bytes()


def document(fmt: str, name: str, text: str) -> bytes:
    """The text report `text` (LF newlines) as a document of format `fmt`."""
    report = read_text_report(name, text)
    if fmt == "pdf":
        return render_pdf(report)
    art = article_of(report)
    return render_html(art) if fmt == "html" else render_docx(art)
