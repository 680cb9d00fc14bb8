"""HTML and DOCX readers: a web page or Word file built from a demo text report extracts to the same
cells, sections and metadata as the text report, however hostile the page around it.

The pages are built here from the text version's own extraction: its narrative lines, and its
tables laid out exactly like the official format (rowspan/colspan headers, 三、本年度办理结果 over all
result rows, （三）不予公开 over eight rows) inside the site chrome of `fixtures/hostile/page_template.html`.
Hand-written fixtures in `fixtures/hostile/` cover what a generator would not: a GBK page written like
Word's HTML export, with the publication date only in the site's 信息公开 info table.
"""

from __future__ import annotations

import html as htmlmod
import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from disclosure_audit.extract import extract_document, extract_file
from disclosure_audit.extract.layout import TextLine
from disclosure_audit.ingest import UnreadableFileError, read_document
from disclosure_audit.ingest.blocks import Segment
from disclosure_audit.ingest.docx import format_number, read_docx
from disclosure_audit.ingest.html import read_html
from disclosure_audit.model import Report, Table
from disclosure_audit.templates import get_templates
from disclosure_audit.zhtext.chars import squash
from tests.conftest import RULES
from tests.twins import PARTIAL_NOTE, Grid, GridCell, cells_of, frame_lines, grid_of, meta_of, sections_of

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
TEMPLATES = get_templates(RULES)
# the demo reports these tests were written against (every layout, both formats, GB18030 and UTF-16)
DEMO_FILES = [
    n
    for n in (
        "01_clean_qinghe_scjgj_2022.txt",
        "02_yunling_sfj_2020.txt",
        "03_songxi_zhen_2020.txt",
        "04_yunling_zjj_2021.txt",
        "05_wangjiang_jtysj_2022.txt",
        "06_qinghe_jytyj_2021.txt",
        "07_yunling_zrzyj_2020.txt",
        "08_untitled_jiedao_2021.txt",
        "09_wangjiang_fgw_2021.txt",
        "10_wangjiang_tjj_2020.txt",
        "11_qinghe_wsjkj_2022.txt",
    )
    if (DEMO / n).exists()
]
SECTION_TABLE = {2: "active", 3: "requests", 4: "appeals"}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- what must match
# cells_of, sections_of and meta_of (header units included) are in `tests/twins.py`.


def body_paragraphs(r: Report) -> list[tuple[int | None, str]]:
    return [(p.section, p.text) for p in r.paragraphs if p.section is not None]


def assert_same(got: Report, want: Report) -> None:
    assert cells_of(got) == cells_of(want)
    assert sections_of(got) == sections_of(want)
    assert meta_of(got) == meta_of(want)
    assert body_paragraphs(got) == body_paragraphs(want)
    assert {k: t.header_units for k, t in got.tables.items()} == {k: t.header_units for k, t in want.tables.items()}


# --------------------------------------------------------------------------- the report as blocks


@dataclass
class Article:
    report: Report
    title: list[str] = field(default_factory=list)
    blocks: list[tuple[str, object]] = field(default_factory=list)  # ("p"|"heading", text) / ("table", key)
    signature: list[str] = field(default_factory=list)


def article_of(name: str) -> Article:
    report = extract_file(DEMO / name, RULES)
    tls, title_lines, sig_lines = frame_lines(report)
    art = Article(report)
    heading_of = {s.line: s for s in report.sections}
    for tl in tls:
        if tl.line in title_lines:
            art.title.append(tl.text)
        elif tl.line in sig_lines:
            art.signature.append(tl.text)
        elif tl.line in heading_of:
            art.blocks.append(("heading", tl.text))
            key = SECTION_TABLE.get(heading_of[tl.line].number or 0)
            if key and report.tables[key].found:
                art.blocks.append(("table", key))
        else:
            art.blocks.append(("p", tl.text))
    return art


# --------------------------------------------------------------------------- official table grids
# GridCell and the grids (built here without `pdf=`: the label spans the result rows only) are in
# `tests/twins.py`.


def split_grid(grid: Grid, at: int, header: Grid) -> tuple[Grid, Grid]:
    """Cut a grid before row `at` the way Word splits a table: a rowspan crossing the cut ends, and
    the second table opens with an empty merged cell in its place (and a copied header)."""
    first = [list(r) for r in grid[:at]]
    second = [list(r) for r in grid[at:]]
    for ri, row in enumerate(first):
        for c in row:
            if ri + c.rs > at:
                rest = ri + c.rs - at
                c.rs = at - ri
                second[0].append(GridCell(c.col, "", rs=rest, cs=c.cs))
    second[0].sort(key=lambda c: c.col)
    return first, [*header, *second]


# --------------------------------------------------------------------------- HTML rendering


def _esc(s: str) -> str:
    return htmlmod.escape(s, quote=False)


def html_cell_text(c: GridCell, k: int) -> str:
    if isinstance(c.text, list):
        sep = ["<br>", "<br />", "</p><p>"][k % 3]
        inner = sep.join(_esc(t) for t in c.text)
        return f"<p>{inner}</p>" if sep == "</p><p>" else inner
    if c.value and c.text == "":
        return "&nbsp;"
    if c.value and len(c.text) >= 2 and k % 2:
        return f"<span>{_esc(c.text[:1])}</span><span style='color:#000'>{_esc(c.text[1:])}</span>"
    if c.text == "":
        return "&nbsp;"
    return f'<p class="MsoNormal" align="center"><span>{_esc(c.text)}</span></p>' if k % 3 == 0 else _esc(c.text)


def html_table(grid: Grid) -> str:
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="600">', "<tbody>"]
    k = 0
    for row in grid:
        out.append("<tr>")
        for c in row:
            attrs = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            out.append(f'<td valign="center"{attrs}>{html_cell_text(c, k)}</td>')
            k += 1
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_paragraph(text: str, k: int) -> str:
    t = _esc(text)
    if k % 4 == 0:
        return f'<p style="text-indent:2em;">{t}</p>'
    if k % 4 == 1:
        return f"<div>{t}</div>"
    if k % 4 == 2 and len(text) > 4:
        half = len(text) // 2
        return f'<p class="MsoNormal"><span>{_esc(text[:half])}</span><span lang="EN-US">{_esc(text[half:])}</span></p>'
    return f"<p>{t}</p>"


def render_html(art: Article, charset: str) -> str:
    r = art.report
    content: list[str] = []
    for k, (kind, payload) in enumerate(art.blocks):
        if kind == "table":
            content.append(html_table(grid_of(r, TEMPLATES, str(payload))))
        elif kind == "heading":
            content.append(f"<p><strong>{_esc(str(payload))}</strong></p>")
        else:
            content.append(html_paragraph(str(payload), k))
    if art.signature:
        content.append('<p style="text-align:right">' + "<br>\n".join(_esc(s) for s in art.signature) + "</p>")
    info = ""
    if r.published and art.signature:
        info = f"<span>发布日期：{r.published}</span>　<span>来源：{_esc(r.agency or '')}</span>　"
    page = (HOSTILE / "page_template.html").read_text(encoding="utf-8")
    for key, value in {
        "{{CHARSET}}": charset,
        "{{ARTICLE_TITLE}}": _esc(r.title or ""),
        "{{PUBDATE}}": f"{r.published} 09:30" if r.published else "",
        "{{SOURCE}}": _esc(r.agency or ""),
        "{{TITLE}}": "<br>\n".join(_esc(t) for t in art.title),
        "{{INFO}}": info,
        "{{CONTENT}}": "\n".join(content),
    }.items():
        page = page.replace(key, value)
    return page


# --------------------------------------------------------------------------- DOCX rendering

NUMBERING_XML = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""
NUM_XML = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">
  <w:abstractNumId w:val="90"/></w:num>"""

TEXT_BOX_XML = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
                   behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="column"><wp:posOffset>3200400</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="2400000" cy="600000"/>
          <wp:wrapNone/>
          <wp:docPr id="7" name="签章文本框"/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
                <wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>
                <wps:bodyPr/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape style="position:absolute;width:189pt;height:47pt"><v:textbox>
        <w:txbxContent>{paras}</w:txbxContent>
      </v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def _numbered(art: Article) -> bool:
    """Word numbers headings itself when they run 一、二、三… in order: then the text has no ordinal."""
    heads = [str(p) for k, p in art.blocks if k == "heading"]
    ords = [re.match(r"^[\s\u3000]*([一二三四五六七八九十])、\S", h) for h in heads]
    return bool(heads) and all(ords) and [m.group(1) for m in ords if m] == list("一二三四五六七八九十"[: len(heads)])


def _runs(p, text: str, split: bool) -> None:
    if split and len(text) >= 2:
        p.add_run(text[:1])
        p.add_run(text[1:])
    else:
        p.add_run(text)


def docx_table(d, grid: Grid) -> None:
    n_rows = len(grid)
    n_cols = max(c.col + c.cs for row in grid for c in row)
    t = d.add_table(rows=n_rows, cols=n_cols)
    t.style = "Table Grid"
    k = 0
    for ri, row in enumerate(grid):
        for c in row:
            cell = t.cell(ri, c.col)
            if c.rs > 1 or c.cs > 1:
                cell = cell.merge(t.cell(ri + c.rs - 1, c.col + c.cs - 1))
            lines = c.text if isinstance(c.text, list) else [c.text]
            p = cell.paragraphs[0]
            if c.text == [str(lines[0]), PARTIAL_NOTE]:
                p.add_run(lines[0]).add_break()
                p.add_run(lines[1])
            else:
                _runs(p, lines[0], c.value and k % 2 == 1)
                for more in lines[1:]:
                    cell.add_paragraph(more)
            k += 1


def render_docx(art: Article, path: Path) -> None:
    r = art.report
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "青禾县人民政府门户网站　首页　总计"
    d.sections[0].footer.paragraphs[0].text = "第 1 页 共 3 页　总计"
    numbered = _numbered(art)
    if numbered:
        numbering = d.part.numbering_part.element
        numbering.insert(0, parse_xml(NUMBERING_XML))
        numbering.append(parse_xml(NUM_XML))
    for t in art.title:
        p = d.add_paragraph()
        half = len(t) // 2
        p.add_run(t[:half]).bold = True
        p.add_run(t[half:]).bold = True
    k = 0
    for kind, payload in art.blocks:
        if kind == "table":
            key = str(payload)
            grid = grid_of(r, TEMPLATES, key)
            if key == "requests":
                at = next(i for i, row in enumerate(grid) if any("无法提供" in str(c.text) for c in row))
                blank_left = GridCell(0, "", rs=2, cs=3)
                header = [[blank_left, *[GridCell(c.col, c.text, 1, c.cs) for c in grid[1]]], [*grid[2]]]
                first, second = split_grid(grid, at, header)
                docx_table(d, first)
                d.add_paragraph("")
                docx_table(d, second)
            else:
                docx_table(d, grid_of(r, TEMPLATES, key))
            continue
        text = str(payload)
        if kind == "heading" and numbered:
            p = d.add_paragraph(re.sub(r"^[\s\u3000]*[一二三四五六七八九十]、", "", text))
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = 90
        else:
            p = d.add_paragraph()
            _runs(p, text, k % 2 == 0)
        k += 1
    if art.signature:
        host = d.add_paragraph()
        paras = "".join(f"<w:p><w:r><w:t>{_esc(s)}</w:t></w:r></w:p>" for s in art.signature)
        host._p.append(parse_xml(TEXT_BOX_XML.replace("{paras}", paras)))
    d.save(str(path))


# --------------------------------------------------------------------------- same report, three formats


@pytest.mark.parametrize("name", DEMO_FILES)
def test_html_page_extracts_like_the_text_report(name: str, tmp_path: Path):
    art = article_of(name)
    gbk = DEMO_FILES.index(name) % 2 == 1
    page = render_html(art, "gb2312" if gbk else "utf-8")
    path = tmp_path / (Path(name).stem + ".html")
    path.write_bytes(page.encode("gb18030" if gbk else "utf-8"))
    doc = read_document(path)
    assert doc.source_format == "html" and doc.layout is not None and doc.layout.name == "html"
    assert doc.encoding == ("gb18030" if gbk else "utf-8")
    got = extract_document(doc, TEMPLATES, report_id=art.report.report_id)
    assert_same(got, art.report)
    # chrome is gone: nothing from navigation, sidebars, share bar or footer reached the report
    text = "\n".join(doc.lines)
    for chrome in (
        "设为首页",
        "当前位置",
        "分享到",
        "网站访问总计",
        "打印本页",
        "相关文章",
        "热点",
        "34567",
        "document.write",
    ):
        assert chrome not in text
    assert doc.metadata["title"].endswith("_青禾县人民政府门户网站")
    if art.report.title:
        assert doc.metadata["ArticleTitle"] == art.report.title


@pytest.mark.parametrize("name", DEMO_FILES)
def test_docx_extracts_like_the_text_report(name: str, tmp_path: Path):
    art = article_of(name)
    path = tmp_path / (Path(name).stem + ".docx")
    render_docx(art, path)
    doc = read_document(path)
    assert doc.source_format == "docx" and doc.layout is not None and doc.layout.name == "docx"
    got = extract_document(doc, TEMPLATES, report_id=art.report.report_id)
    assert_same(got, art.report)
    text = "\n".join(doc.lines)
    assert "第 1 页" not in text  # page header/footer is not body text
    if art.signature:  # the text box is read once (its VML fallback copy is not), after its anchor
        assert doc.lines[-len(art.signature) :] == art.signature
        assert doc.lines.count(art.signature[-1]) == 1
    if art.report.tables["requests"].found:
        assert len([s for s in doc.layout.segments if any("无法提供" in c.text for c in s.cells)]) == 1
        assert len(doc.layout.segments) == sum(t.found for t in art.report.tables.values()) + 1


def test_both_template_versions_are_covered():
    versions = {article_of(n).report.template for n in DEMO_FILES}
    assert versions == {"2019", "2021"}
    assert any(_numbered(article_of(n)) for n in DEMO_FILES)  # Word's own numbering is exercised


# --------------------------------------------------------------------------- reader details


def _read_html_text(tmp_path: Path, body: str, name: str = "page.html") -> list:
    path = tmp_path / name
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    doc = read_html(path)
    assert doc.layout is not None
    return doc.layout.items


def test_html_cells_join_spans_breaks_and_nbsp(tmp_path: Path):
    items = _read_html_text(
        tmp_path,
        "<p>政府信息公开工作年度报告正文，足够长的说明文字用来构成正文主体部分。</p>\n"
        "<table><tr><td>商业<br>企业</td><td><p>科研</p><p>机构</p></td><td><span>12</span><span>3</span></td>"
        "<td>&nbsp;</td><td>  1\n 2 </td><td>Total<br>sum</td><td>社会\n  公益</td></tr></table>",
    )
    seg = next(i for i in items if isinstance(i, Segment))
    assert [c.text for c in seg.cells] == ["商业企业", "科研机构", "123", "", "1 2", "Total sum", "社会公益"]


def test_html_rowspan_colspan_emit_each_cell_once_with_physical_rows(tmp_path: Path):
    items = _read_html_text(
        tmp_path,
        "<table>\n<tr><td rowspan='3' colspan='2'>甲</td><td colspan='0'>乙</td></tr>\n"
        "<tr><td>1</td><td rowspan='9'>2</td></tr>\n<tr><td>3</td></tr>\n<tr><td>4</td><td>5</td><td>6</td></tr>\n"
        "</table>",
    )
    seg = next(i for i in items if isinstance(i, Segment))
    want = [("甲", 2), ("乙", 2), ("1", 3), ("2", 3), ("3", 4), ("4", 5), ("5", 5), ("6", 5)]
    assert [(c.text, c.line) for c in seg.cells] == want
    rows = [c.row for c in seg.cells]
    assert rows[0] == rows[1] < rows[2] == rows[3] < rows[4] < rows[5] == rows[6] == rows[7]


# Spans must matter: a value cell merged over two rows (or two columns) leaves the next row (or the
# rest of its row) one <td> short, so the values after it land in their columns only if the reader
# places every cell by the grid position that the spans give it. Each table is read end to end and
# its cells written out by hand; the table's own arithmetic (the six applicant columns add up to
# 总计) confirms the reading. A cell covered by a merge reads as the merged cell's value, the way a
# person reads the printed table (and the way converters' markdown repeats a merged cell).
# Without placing cells by grid column (extract/gridcols.py) the row short of a <td> is read as six
# values for seven columns (ambiguous).
SPAN_HEAD = (
    "<tr><td colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
    "<td colspan='7'>申请人情况</td></tr>\n"
    "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>\n"
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n"
)
SPAN_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other_org", "total")


ROWSPAN_ROWS = (
    "<tr><td colspan='3'>一、本年新收政府信息公开申请数量</td><td rowspan='2'>5</td>"
    "<td>1</td><td>2</td><td>3</td><td>4</td><td>6</td><td>21</td></tr>\n"
    "<tr><td colspan='3'>二、上年结转政府信息公开申请数量</td>"
    "<td>7</td><td>8</td><td>9</td><td>10</td><td>11</td><td>50</td></tr>\n"
)


def _span_table(tmp_path: Path, rows: str, head: str = SPAN_HEAD) -> Table:
    path = tmp_path / "spans.html"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>柏溪县档案局2022年政府信息公开工作年度报告</p>\n"
        f"<p>三、收到和处理政府信息公开申请情况</p>\n<table>\n{head}{rows}</table>\n</body></html>",
        encoding="utf-8",
    )
    return extract_file(path, RULES).tables["requests"]


def _span_raws(table: Table) -> dict[tuple[str, str], str | None]:
    return {(r, c): table.cell(r, c).raw for r in ("new", "carried_over") for c in SPAN_COLUMNS}


UNDER_A_ROWSPAN = {
    ("new", "natural"): "5",
    ("new", "commercial"): "1",
    ("new", "research"): "2",
    ("new", "social"): "3",
    ("new", "legal"): "4",
    ("new", "other_org"): "6",
    ("new", "total"): "21",  # 5+1+2+3+4+6
    ("carried_over", "natural"): "5",  # under the rowspan
    ("carried_over", "commercial"): "7",
    ("carried_over", "research"): "8",
    ("carried_over", "social"): "9",
    ("carried_over", "legal"): "10",
    ("carried_over", "other_org"): "11",
    ("carried_over", "total"): "50",  # 5+7+8+9+10+11
}
AFTER_A_COLSPAN = {
    ("new", "natural"): "12",
    ("new", "commercial"): "1",
    ("new", "research"): "0",
    ("new", "social"): "0",
    ("new", "legal"): "2",
    ("new", "other_org"): "0",
    ("new", "total"): "15",
    ("carried_over", "natural"): "7",
    ("carried_over", "commercial"): "1",
    ("carried_over", "research"): "0",  # the one cell spanning 科研机构 and 社会公益组织
    ("carried_over", "social"): "0",
    ("carried_over", "legal"): "2",
    ("carried_over", "other_org"): "3",
    ("carried_over", "total"): "13",  # 7+1+0+0+2+3
}


def test_html_value_under_a_rowspan_lands_in_its_column(tmp_path: Path):
    assert _span_raws(_span_table(tmp_path, ROWSPAN_ROWS)) == UNDER_A_ROWSPAN


def test_html_value_after_a_colspan_lands_in_its_column(tmp_path: Path):
    table = _span_table(
        tmp_path,
        "<tr><td colspan='3'>一、本年新收政府信息公开申请数量</td>"
        "<td>12</td><td>1</td><td>0</td><td>0</td><td>2</td><td>0</td><td>15</td></tr>\n"
        "<tr><td colspan='3'>二、上年结转政府信息公开申请数量</td><td>7</td><td>1</td>"
        "<td colspan='2'>0</td><td>2</td><td>3</td><td>13</td></tr>\n",
    )
    assert _span_raws(table) == AFTER_A_COLSPAN


@pytest.mark.parametrize(
    "head",
    [
        "",  # no header: nothing says which grid column is 自然人
        SPAN_HEAD.replace("<td>科研机构</td><td>社会公益组织</td>", "<td colspan='2'>科研机构、社会公益组织</td>"),
    ],
    ids=["no-header", "two-columns-under-one-head"],
)
def test_html_spans_without_a_certain_header_are_not_guessed(head: str, tmp_path: Path):
    table = _span_table(tmp_path, ROWSPAN_ROWS, head)
    assert [table.cell("new", c).raw for c in SPAN_COLUMNS] == ["5", "1", "2", "3", "4", "6", "21"]  # seven cells
    assert {table.cell("carried_over", c).kind for c in SPAN_COLUMNS} == {"ambiguous"}  # six for seven columns


def test_html_appeals_columns_placed_under_their_group_heads(tmp_path: Path):
    """表四 prints 结果维持 … 总计 three times: each is found under its group's head (行政复议,
    未经复议直接起诉, 复议后起诉), and the one cell merged over two of them reads in both."""
    heads = "".join(f"<td>{h}</td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    path = tmp_path / "appeals.html"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>柏溪县档案局2022年政府信息公开工作年度报告</p>\n"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<table>\n"
        "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>\n<tr>"
        + heads.replace("<td>", "<td rowspan='2'>")
        + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>\n"
        f"<tr>{heads}{heads}</tr>\n"
        "<tr><td>3</td><td>1</td><td>0</td><td>1</td><td>5</td><td>2</td><td>0</td><td>0</td><td>1</td><td>3</td>"
        "<td colspan='2'>0</td><td>1</td><td>0</td><td>1</td></tr>\n</table>\n</body></html>",
        encoding="utf-8",
    )
    table = extract_file(path, RULES).tables["appeals"]
    assert {col: c.raw for (_, col), c in table.cells.items()} == {
        "review.upheld": "3",
        "review.corrected": "1",
        "review.other": "0",
        "review.pending": "1",
        "review.total": "5",
        "suit_direct.upheld": "2",
        "suit_direct.corrected": "0",
        "suit_direct.other": "0",
        "suit_direct.pending": "1",
        "suit_direct.total": "3",
        "suit_after_review.upheld": "0",  # the cell merged over 结果维持 and 结果纠正
        "suit_after_review.corrected": "0",
        "suit_after_review.other": "1",
        "suit_after_review.pending": "0",
        "suit_after_review.total": "1",
    }


# The same two tables as Word writes them: python-docx's merge gives the header's and the values'
# merged cells `w:gridSpan` (across) and `w:vMerge` (down), and the Word reader resolves both.
def _span_docx(tmp_path: Path, rows: Grid) -> dict[tuple[str, str], str | None]:
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    kinds = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    head: Grid = [
        [GridCell(0, note, rs=3, cs=3), GridCell(3, "申请人情况", cs=7)],
        [GridCell(3, "自然人", rs=2), GridCell(4, "法人或其他组织", cs=5), GridCell(9, "总计", rs=2)],
        [GridCell(4 + i, k) for i, k in enumerate(kinds)],
    ]
    d = docx.Document()
    d.add_paragraph("柏溪县档案局2022年政府信息公开工作年度报告")
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    docx_table(d, [*head, *rows])
    path = tmp_path / "spans.docx"
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:gridSpan" in xml and "<w:vMerge" in xml  # the merges are Word's own
    return _span_raws(extract_file(path, RULES).tables["requests"])


def _values(values: list[str], start: int = 3) -> list[GridCell]:
    return [GridCell(start + i, v) for i, v in enumerate(values)]


def test_docx_value_under_a_vertical_merge_lands_in_its_column(tmp_path: Path):
    got = _span_docx(
        tmp_path,
        [
            [
                GridCell(0, "一、本年新收政府信息公开申请数量", cs=3),
                GridCell(3, "5", rs=2),
                *_values(["1", "2", "3", "4", "6", "21"], 4),
            ],
            [GridCell(0, "二、上年结转政府信息公开申请数量", cs=3), *_values(["7", "8", "9", "10", "11", "50"], 4)],
        ],
    )
    assert got == UNDER_A_ROWSPAN


def test_docx_value_after_a_horizontal_merge_lands_in_its_column(tmp_path: Path):
    got = _span_docx(
        tmp_path,
        [
            [GridCell(0, "一、本年新收政府信息公开申请数量", cs=3), *_values(["12", "1", "0", "0", "2", "0", "15"])],
            [
                GridCell(0, "二、上年结转政府信息公开申请数量", cs=3),
                *_values(["7", "1"]),
                GridCell(5, "0", cs=2),
                *_values(["2", "3", "13"], 7),
            ],
        ],
    )
    assert got == AFTER_A_COLSPAN


def test_docx_cells_carry_their_grid_column_and_spans(tmp_path: Path):
    """w:gridBefore shifts a row; w:gridSpan widens a cell; a legacy w:hMerge continuation widens the
    cell before it; w:vMerge continuations lengthen the cell above them in the same columns, and one
    under nothing that it could continue covers nothing."""

    def tc(text: str, pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    rows = [
        "<w:trPr><w:gridBefore w:val='1'/></w:trPr>"
        + tc("甲", "<w:gridSpan w:val='2'/>")
        + tc("乙", "<w:vMerge w:val='restart'/>"),
        tc("丙") + tc("丁", "<w:hMerge w:val='restart'/>") + tc("", "<w:hMerge/>") + tc("", "<w:vMerge/>"),
        tc("戊", "<w:gridSpan w:val='3'/>") + tc("", "<w:vMerge w:val='continue'/>"),
        tc("己") + tc("", "<w:vMerge/>") + tc("庚", "<w:gridSpan w:val='2'/>"),
    ]
    table = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    d = docx.Document()
    d.add_paragraph("锚段落")
    d.element.body.insert(1, parse_xml(table.replace("<w:tbl>", f'<w:tbl xmlns:w="{W_NS}">', 1)))
    path = tmp_path / "grid.docx"
    d.save(str(path))
    cells = read_docx(path).layout.segments[0].cells
    assert [(c.text, c.row - cells[0].row, c.col, c.colspan, c.rowspan) for c in cells] == [
        ("甲", 0, 1, 2, 1),
        ("乙", 0, 3, 1, 3),  # continued in the next two rows at column 3
        ("丙", 1, 0, 1, 1),
        ("丁", 1, 1, 2, 1),  # with its hMerge continuation
        ("戊", 2, 0, 3, 1),
        ("己", 3, 0, 1, 1),  # the vMerge at column 1 below 戊 (columns 0–2) continues nothing
        ("庚", 3, 2, 2, 1),
    ]


def test_html_text_lines_point_at_their_source_lines(tmp_path: Path):
    body = (
        "\n<div>\n  <h2>一、总体情况</h2>\n  <p>第一段\n  接着写</p>\n  <p>署名单位<br>\n2021年1月19日</p>\n"
        "  <ul><li>甲项</li><li>乙项</li></ul>\n  <p><span>Open</span> <span>data</span>\n  <b>portal</b></p>\n</div>\n"
    )
    items = _read_html_text(tmp_path, body)
    assert [(i.text, i.line) for i in items if isinstance(i, TextLine)] == [
        ("一、总体情况", 3),
        ("第一段接着写", 4),  # a line break between CJK characters is no space
        ("署名单位", 6),  # <br> splits a paragraph into lines
        ("2021年1月19日", 7),
        ("甲项", 8),
        ("乙项", 9),  # two blocks on one source line: the second is moved to the next free line
        ("Open data portal", 10),
    ]


def test_html_preformatted_text_keeps_its_lines(tmp_path: Path):
    items = _read_html_text(tmp_path, "<pre>\n一、总体情况\n  正文第一行\n\n二、主动公开政府信息情况</pre>")
    assert [(i.text, i.line) for i in items] == [
        ("一、总体情况", 2),
        ("正文第一行", 3),
        ("二、主动公开政府信息情况", 5),
    ]


def test_html_table_caption_is_a_line_before_its_table(tmp_path: Path):
    items = _read_html_text(
        tmp_path,
        "<table><caption>表四 行政复议、行政诉讼情况</caption><tr><td>行政复议</td><td>行政诉讼</td></tr></table>",
    )
    assert [type(i).__name__ for i in items] == ["TextLine", "Segment"]
    assert items[0].text == "表四 行政复议、行政诉讼情况"


def test_html_layout_table_text_becomes_lines(tmp_path: Path):
    items = _read_html_text(
        tmp_path,
        "<table><tr><td><p>一、总体情况</p><p>正文一段，说明情况。</p>"
        "<table><tr><td>行政复议</td><td>行政诉讼</td></tr></table><p>二、主动公开政府信息情况</p></td></tr></table>"
        "<table><tr><td>一整段写在单格表格里的文字，也是正文。</td></tr></table>",
    )
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["TextLine", "TextLine", "Segment", "TextLine", "TextLine"]
    assert items[4].text == "一整段写在单格表格里的文字，也是正文。"


def test_html_gbk_declared_charset_and_wrong_declarations(tmp_path: Path):
    text = "<html><head><meta charset='{cs}'></head><body><p>政府信息公开工作年度报告</p></body></html>"
    p = tmp_path / "gbk.html"
    p.write_bytes(text.format(cs="GBK").encode("gb18030"))
    assert read_html(p).encoding == "gb18030"
    p.write_bytes(text.format(cs="gb2312").encode("utf-8"))  # declared GB, really UTF-8
    doc = read_html(p)
    assert doc.encoding == "utf-8" and doc.notes and "政府信息公开" in doc.lines[0]
    p.write_bytes(text.format(cs="utf-8").encode("gb18030"))  # declared UTF-8, really GB
    doc = read_html(p)
    assert doc.encoding == "gb18030" and any("utf-8" in str(n) for n in doc.notes)
    p.write_bytes(b"\xef\xbb\xbf" + text.format(cs="gbk").encode("utf-8"))  # BOM beats the meta tag
    assert read_html(p).encoding == "utf-8-sig"


def test_html_minified_page_is_numbered_by_rendered_lines(tmp_path: Path):
    art = article_of("01_clean_qinghe_scjgj_2022.txt")
    page = re.sub(r">\s*\n\s*", ">", render_html(art, "utf-8"))
    assert page.count("\n") < 30
    path = tmp_path / "min.html"
    path.write_text(page, encoding="utf-8")
    doc = read_html(path)
    assert any("rendered lines" in str(n) for n in doc.notes)
    got = extract_document(doc, TEMPLATES, report_id=art.report.report_id)
    assert cells_of(got) == cells_of(art.report)
    assert sections_of(got) == sections_of(art.report)
    assert meta_of(got) == meta_of(art.report)
    lines = [i.line for i in doc.layout.items if isinstance(i, TextLine)]
    assert lines == sorted(set(lines))


def test_word_numbering_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert format_number(4, "decimalEnclosedCircle") == "④"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"


# --------------------------------------------------------------------------- hand-written hostile pages

GBK_PAGE = HOSTILE / "qinghe_jgswj_2021_gbk.html"
ZEROS = "0 0 0 0 0 0 0"
GBK_REQUESTS = {  # natural commercial research social legal other total; "_" is a blank (&nbsp;) cell
    "new": "123 4 _ 0 1 0 128",
    "carried_over": "2 0 0 0 0 0 2",
    "granted": "60 2 0 0 1 0 63",
    "partial": "5 0 0 0 0 0 5",
    **{f"denied.{i}": ZEROS for i in range(1, 9)},
    "denied.4": "1 0 0 0 0 0 1",
    "unable.1": "20 1 0 0 0 0 21",
    "unable.2": "3 0 0 0 0 0 3",
    "unable.3": ZEROS,
    "not_processed.1": "4 0 0 0 0 0 4",
    "not_processed.2": "1 0 0 0 0 0 1",
    **{f"not_processed.{i}": ZEROS for i in range(3, 6)},
    "other.1": "1 0 0 0 0 0 1",
    "other.2": ZEROS,
    "other.3": "1 0 0 0 0 0 1",
    "total": "96 3 0 0 1 0 100",
    "carry_forward": "29 1 0 0 0 0 30",
}


def test_gbk_word_export_page_with_chrome():
    """Word's HTML export (MsoNormal, <![if !supportLists]> numbering, <o:p>) in GBK, inside a site
    with a nav table saying 首页/总计, a breadcrumb, an info table holding the only publication date,
    share and print bars, related links and a footer, all wrapped in a layout table."""
    raw = GBK_PAGE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = read_document(GBK_PAGE)
    assert doc.encoding == "gb18030" and doc.notes == []
    r = extract_document(doc, TEMPLATES)
    assert r.template == "2021"
    assert r.title == "青禾县机关事务管理局2021年政府信息公开工作年度报告"
    assert r.agency == "青禾县机关事务管理局" and r.year == 2021
    assert r.published == "2022-01-18"  # shown only in the site's info table above the title
    assert [(s.number, squash(s.heading)) for s in r.sections][:2] == [
        (1, "一、总体情况"),
        (2, "二、主动公开政府信息情况"),
    ]
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.standard_wording and s.standard_numbering for s in r.sections)
    assert doc.metadata["ArticleTitle"] == r.title and doc.metadata["PubDate"] == "2022-01-18 10:12"
    assert r.problems == []
    assert any("216条" in p.text for p in r.paragraphs)  # a number split over two spans in prose
    t = r.tables
    assert all(tab.found for tab in t.values())
    assert t["active"].cells[("normative", "issued")].raw == "12"  # <span>1</span><span>2</span>
    assert t["active"].cells[("licensing", "decisions")].raw == "156"
    assert t["active"].cells[("fees", "amount")].raw == "0"
    assert t["active"].header_units == {"amount": "万元"}
    columns = list(TEMPLATES.versions["2021"].tables["requests"].columns)
    got = {row: " ".join(t["requests"].cells[(row, c)].raw or "_" for c in columns) for row in GBK_REQUESTS}
    assert got == GBK_REQUESTS
    assert t["requests"].cells[("new", "research")].kind == "blank"
    appeals = [c.raw for c in t["appeals"].cells.values()]
    assert appeals == ["1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]
    # lines point into the file: each line's text is on that source line
    source = raw.decode("gb18030").split("\n")
    for item in doc.layout.items:
        objs = [item] if isinstance(item, TextLine) else item.cells
        for o in objs:
            if o.text:
                assert squash(o.text)[:2] in squash(re.sub(r"<[^>]*>|&nbsp;", "", source[o.line - 1])), o
    for word in ("首页", "总计阅读", "网站访问总计", "分享到", "打印本页", "相关文章", "当前位置"):
        assert word not in "\n".join(doc.lines)


# --------------------------------------------------------------------------- unreadable files


def _small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("青禾县2021年政府信息公开工作年度报告")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("junk.html", bytes(range(256)) * 8),
        ("junk2.html", bytes((i * 7919) % 251 + 1 for i in range(4096))),
        ("pdf.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("empty.html", b""),
        ("blank.html", b"<html><body>  \n </body></html>"),
        ("corrupt.docx", b"PK\x03\x04" + bytes(range(256)) * 4),
        ("truncated.docx", None),
        ("notzip.docx", b"\x00\x01\x02 this is not a word file"),
        ("ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
        ("empty.docx", b""),
        ("xlsx.docx", None),
    ],
)
def test_unreadable_files_raise_unreadable_file_error(name: str, data: bytes | None, tmp_path: Path):
    path = tmp_path / name
    if name == "truncated.docx":
        data = _small_docx()[:900]
    elif name == "xlsx.docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
        data = buf.getvalue()
    assert data is not None
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError) as exc:
        read_document(path)
    assert str(exc.value)


def test_docx_saved_as_web_page_is_read_as_html(tmp_path: Path):
    path = tmp_path / "webpage.docx"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>一、总体情况</p><p>政府信息公开正文。</p></body></html>",
        encoding="utf-8",
    )
    doc = read_docx(path)
    assert doc.layout is not None and [t.text for t in doc.layout.text_lines] == ["一、总体情况", "政府信息公开正文。"]
    assert "HTML" in str(doc.notes[0])


def test_docx_text_boxes_nested_and_holding_a_table_are_read_once(tmp_path: Path):
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    )

    def box(inner: str, decl: str = "") -> str:
        choice = f"<mc:Choice Requires='wps'><w:drawing><w:txbxContent>{inner}</w:txbxContent></w:drawing></mc:Choice>"
        fallback = f"<mc:Fallback><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></mc:Fallback>"
        return f"<w:r {decl}><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"

    table = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    outer = f"<w:p><w:r><w:t>外层文本框</w:t></w:r>{box('<w:p><w:r><w:t>内层文本框</w:t></w:r></w:p>')}</w:p>{table}"
    d = docx.Document()
    d.add_paragraph("锚段落")._p.append(parse_xml(box(outer, ns)))
    path = tmp_path / "boxes.docx"
    d.save(str(path))
    doc = read_docx(path)
    assert doc.lines == ["锚段落", "外层文本框", "内层文本框", "行政复议\t3"]
    assert [c.text for c in doc.layout.segments[0].cells] == ["行政复议", "3"]


def test_docx_image_only_document_is_not_machine_readable(tmp_path: Path):
    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(
        parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:drawing/></w:r>')
    )
    path = tmp_path / "scan.docx"
    d.save(str(path))
    doc = read_docx(path)
    assert doc.machine_readable is False and doc.notes


# --------------------------------------------------------------------------- damaged pages never crash

HTML_JUNK = [
    "<table>",
    "</table>",
    "<tr>",
    "</td>",
    "<td rowspan='999999'>",
    "<td colspan='-3'>",
    "<td rowspan='abc' colspan='0'>",
    "<br>",
    "<!--",
    "<![if !supportLists]>",
    "&nbsp;",
    "<script>",
    "<div class='nav'>",
    "</div></div></div>",
    "一、",
    "总计",
    "<p>",
    "<caption>",
    "\x00",
    "\ufffd",
    "<?xml version='1.0' encoding='gbk'?>",
]


def _mutate(text: str, rng: random.Random, junk: list[str]) -> str:
    for _ in range(rng.randint(3, 25)):
        i = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.35:
            text = text[:i] + text[i + rng.randint(1, 400) :]
        elif op < 0.8:
            text = text[:i] + rng.choice(junk) + text[i:]
        else:
            j = rng.randrange(len(text) + 1)
            text = text[:i] + text[min(i, j) : max(i, j)][:600] + text[i:]
    return text


@pytest.mark.parametrize("name", ["02_yunling_sfj_2020.txt", "06_qinghe_jytyj_2021.txt"])
def test_damaged_html_never_crashes(name: str, tmp_path: Path):
    page = render_html(article_of(name), "utf-8")
    rng = random.Random(name)
    outcomes = []
    for k in range(12):
        path = tmp_path / f"m{k}.html"
        if k % 4 == 3:  # a download cut off before the body: nothing left to read
            path.write_text(page[: rng.randrange(page.index("<body"))], encoding="utf-8")
        else:
            path.write_text(_mutate(page, rng, HTML_JUNK), encoding="utf-8")
        try:
            doc = read_document(path)
        except UnreadableFileError as exc:
            outcomes.append("unreadable")
            assert str(exc)
            continue
        outcomes.append("read")
        extract_document(doc, TEMPLATES)
    # a loop that only ever hit `continue` would prove nothing about extraction
    assert set(outcomes) == {"read", "unreadable"}, outcomes


@pytest.mark.parametrize("name", ["01_clean_qinghe_scjgj_2022.txt", "03_songxi_zhen_2020.txt"])
def test_damaged_docx_never_crashes(name: str, tmp_path: Path):
    good = tmp_path / "good.docx"
    render_docx(article_of(name), good)
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    rng = random.Random(name)
    junk = ["<w:vMerge/>", "<w:gridSpan w:val='99'/>", "</w:tc>", "<w:tbl>", "<w:p>", "\x01", "</w:body>"]
    outcomes = set()
    for k in range(12):
        mutated = dict(parts)
        if k % 3 == 0:  # element-level damage that keeps the XML well-formed
            mutated["word/document.xml"] = re.sub(
                r"<w:tc>|<w:tr>|<w:p>", lambda m: m.group(0) if rng.random() < 0.9 else m.group(0) + "<w:vMerge/>", xml
            ).encode("utf-8")
        elif k % 3 == 1:
            mutated["word/document.xml"] = _mutate(xml, rng, junk).encode("utf-8")
        else:
            mutated.pop(rng.choice(sorted(n for n in parts if n != "[Content_Types].xml")))
        path = tmp_path / f"m{k}.docx"
        with zipfile.ZipFile(path, "w") as z:
            for n, data in mutated.items():
                z.writestr(n, data)
        try:
            doc = read_document(path)
        except UnreadableFileError as exc:
            outcomes.add("unreadable")
            assert str(exc)
            continue
        outcomes.add("read")
        extract_document(doc, TEMPLATES)
    assert outcomes == {"read", "unreadable"}


# --------------------------------------------------------------------------- absurd grids


def test_a_span_bomb_beside_the_report_tables_is_noted_and_they_read_right(tmp_path: Path):
    """A table of `rowspan="0" colspan="200"` cells asks for a grid of 200 rows × 199,801 columns: it is
    read without columns, with a note for review, and the report's own tables read as before."""
    art = article_of("01_clean_qinghe_scjgj_2022.txt")
    bomb = "<table>" + ("<tr>" + '<td rowspan="0" colspan="200">9</td>' * 5 + "</tr>") * 200 + "</table>"
    page = render_html(art, "utf-8")
    heading = "<p><strong>一、总体情况</strong></p>"
    assert heading in page
    path = tmp_path / "bomb.html"
    path.write_text(page.replace(heading, heading + bomb, 1), encoding="utf-8")
    doc = read_document(path)
    got = extract_document(doc, TEMPLATES, report_id=art.report.report_id)
    assert_same(got, art.report)
    assert doc.layout is not None
    bombs = [s for s in doc.layout.segments if {c.text for c in s.cells} == {"9"}]
    assert len(bombs) == 1 and {c.col for c in bombs[0].cells} == {None}
    assert all(c.col is not None for s in doc.layout.segments if s is not bombs[0] for c in s.cells)
    (problem,) = [p for p in got.problems if p.code == "table-oversized"]
    assert "200 rows × 199801 columns" in problem.message


def _grid_docx(tmp_path: Path, rows: list[str]) -> Path:
    table = f'<w:tbl xmlns:w="{W_NS}">' + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    d = docx.Document()
    d.add_paragraph("锚段落")
    d.element.body.insert(1, parse_xml(table))
    path = tmp_path / "grid.docx"
    d.save(str(path))
    return path


def _tc(text: str, pr: str = "") -> str:
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_docx_absurd_grid_numbers_are_bounded(tmp_path: Path):
    """w:gridSpan and w:gridBefore are at most 1000, like an HTML colspan; a count thousands of digits
    long is read as that, not as a failed big-number parse that lost the whole file."""
    rows = [
        "<w:trPr><w:gridBefore w:val='99999999'/></w:trPr>"
        + _tc("甲", f"<w:gridSpan w:val='{'9' * 5000}'/>")
        + _tc("乙", "<w:gridSpan w:val='0'/>"),
        _tc("丙", "<w:gridSpan w:val='x'/>") + _tc("丁", "<w:gridSpan w:val='３'/>"),
    ]
    cells = read_docx(_grid_docx(tmp_path, rows)).layout.segments[0].cells
    assert [(c.text, c.col, c.colspan) for c in cells] == [
        ("甲", 1000, 1000),
        ("乙", 2000, 1),
        ("丙", 0, 1),
        ("丁", 1, 3),
    ]


def test_docx_grid_beyond_any_report_table_is_read_without_columns(tmp_path: Path):
    rows = [_tc(str(i), "<w:gridSpan w:val='1000'/>") for i in range(1001)]  # 1001 rows × 1000 columns
    doc = read_docx(_grid_docx(tmp_path, rows))
    cells = doc.layout.segments[0].cells
    assert [c.text for c in cells] == [str(i) for i in range(1001)]
    assert {(c.col, c.colspan) for c in cells} == {(None, 1)}
    (note,) = [n for n in doc.notes if n.code == "table-oversized"]
    assert "1001 rows × 1000 columns" in note.message and note.line == cells[0].line
