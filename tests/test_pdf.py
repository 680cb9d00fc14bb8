"""The PDF reader: the real 淮安 report read cell for cell, generated PDFs for continued tables,
page furniture and repeated headers, scans and garbage files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_file
from disclosure_audit.ingest import UnreadableFileError
from disclosure_audit.ingest.blocks import Segment, TextLine
from disclosure_audit.ingest.pdf import read_pdf
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.templates import get_templates
from tests.conftest import RULES, SAMPLE_PDF

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# ---------------------------------------------------------------- the real report


@pytest.fixture(scope="module")
def huaian(samples_dir):
    return extract_file(samples_dir / f"{SAMPLE_PDF}.pdf", RULES)


def test_huaian_reads_as_expected(huaian, samples_dir):
    exp = json.loads((samples_dir / "expected" / f"{SAMPLE_PDF}.json").read_text(encoding="utf-8"))
    r = huaian
    assert (r.template, r.year, r.agency, r.published) == (
        exp["template"],
        exp["year"],
        exp["agency"],
        exp["published"],
    )
    assert {str(s.number): s.heading for s in r.sections if s.number} == exp["sections"]
    checked = 0
    for table in ("active", "requests", "appeals"):
        for row, cols in exp[table].items():
            for col, want in cols.items():
                cell = r.tables[table].cells[(row, col)]
                assert (cell.raw or None) == want, f"{table}/{row}/{col}"
                assert cell.page is not None, f"{table}/{row}/{col} has no page"
                checked += 1
    assert checked == 10 + 25 * 7 + 15


def test_huaian_provenance_and_metadata(samples_dir):
    doc = read_pdf(samples_dir / f"{SAMPLE_PDF}.pdf")
    assert doc.machine_readable and doc.source_format == "pdf" and doc.encoding is None
    assert doc.metadata["created"] == "2025-02-25"
    numbers = [it.line for it in doc.layout.items if isinstance(it, TextLine)]
    numbers += [c.line for seg in doc.layout.segments for c in seg.cells]
    assert len(doc.lines) == max(numbers)
    rows = [c.row for seg in doc.layout.segments for c in seg.cells]
    assert rows == sorted(rows)
    assert not any(t.strip() in {f"- {n} -" for n in range(1, 7)} for t in doc.lines)
    texts = [it.text for it in doc.layout.items if isinstance(it, TextLine)]
    # a paragraph on white filled boxes (page 3) is text, not a one-column table
    assert any(t.startswith("（五）政府信息公开监督保障情况。") and t.endswith("能力和水平。") for t in texts)
    cells = [c.text for seg in doc.layout.segments for c in seg.cells]
    assert "三、本年度办理结果" in cells  # vertical label, one char per visual line
    assert cells.count("申请人情况") == 1  # merged header cell emitted once
    # 表三 is split by the page break after row （四）1 and read in two pieces
    pages = {c.page for seg in doc.layout.segments for c in seg.cells if c.text == "（七）总计"}
    assert pages == {5}


def test_huaian_is_arithmetically_clean(huaian):
    rules, errors = load_rules(RULES)
    assert not errors
    findings, _ = run_rules([huaian], rules, get_templates(RULES), RULES)
    arithmetic = {"T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM"}
    assert [f for f in findings if f.rule_id in arithmetic and f.outcome == "failed"] == []


# ---------------------------------------------------------------- generated reports

REQ_COLS = ["natural", "commercial", "research", "social", "legal", "other_org", "total"]
PAGE1_ROWS = ["new", "carried_over", "granted", "partial", *(f"denied.{i}" for i in range(1, 9))]
PAGE2_ROWS = [
    *(f"unable.{i}" for i in range(1, 4)),
    *(f"not_processed.{i}" for i in range(1, 6)),
    *(f"other.{i}" for i in range(1, 4)),
    "total",
    "carry_forward",
]
REQ = {
    row: {col: str((i * 7 + j) * 13 % 97) for j, col in enumerate(REQ_COLS)}
    for i, row in enumerate(PAGE1_ROWS + PAGE2_ROWS)
}
REQ["denied.4"]["research"] = ""  # a blank cell keeps its place
APPEALS = [str(n) for n in (3, 1, 0, 2, 6, 1, 0, 0, 1, 2, 0, 1, 1, 0, 2)]
RUNNING_HEADER = "测试县人民政府信息公开年报"
PARAGRAPH = (
    "2024年，测试县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，"
    "全年主动公开政府信息1234条，办理依申请公开事项56件，各项工作有序推进。"
)
LEFT, RIGHT, TOP = 72.0, 523.0, 842.0


def _text(c: Canvas, x: float, top: float, text: str, size: float) -> None:
    c.setFont(FONT, size)
    c.drawString(x, TOP - top - size, text)


def _paragraph(c: Canvas, top: float, text: str, size: float = 12) -> float:
    """Justified-looking body text: first line indented two characters, lines fill the measure."""
    x, line = LEFT + 2 * size, ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > RIGHT - x:
            _text(c, x, top, line, size)
            top, x, line = top + size * 1.6, LEFT, ""
        line += ch
    _text(c, x, top, line, size)
    return top + size * 2


def _table(
    c: Canvas, x0: float, top: float, widths: list[float], heights: list[float], cells: list[tuple], ruled: bool = True
) -> float:
    """Draw a ruled grid: each cell (row, col, rowspan, colspan, text) gets its own four borders, so
    merged cells have no inner rules. Text lines are separated by newlines; numbers are centred.
    `ruled=False` draws the text alone (a table some exports print without borders)."""
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top + sum(heights[:i]) for i in range(len(heights) + 1)]
    c.setLineWidth(0.5)
    size = 7.5
    for r, col, rs, cs, text in cells:
        left, right, t, b = xs[col], xs[col + cs], ys[r], ys[r + rs]
        for a, bb, cc, d in ((left, t, right, t), (left, b, right, b), (left, t, left, b), (right, t, right, b)):
            if ruled:
                c.line(a, TOP - bb, cc, TOP - d)
        for k, part in enumerate(text.split("\n")):
            if part.replace(".", "").isdigit():
                c.setFont(FONT, size)
                c.drawCentredString((left + right) / 2, TOP - t - 3 - size - k * (size + 1.5), part)
            else:
                _text(c, left + 2, t + 3 + k * (size + 1.5), part, size)
    return ys[-1]


def _requests_header() -> list[tuple]:
    return [
        (0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"),
        (0, 3, 1, 7, "申请人情况"),
        (1, 3, 2, 1, "自然人"),
        (1, 4, 1, 5, "法人或其他组织"),
        (1, 9, 2, 1, "总计"),
        (2, 4, 1, 1, "商业\n企业"),
        (2, 5, 1, 1, "科研\n机构"),
        (2, 6, 1, 1, "社会公\n益组织"),
        (2, 7, 1, 1, "法律服\n务机构"),
        (2, 8, 1, 1, "其他"),
    ]


def _value_cells(r: int, row: str) -> list[tuple]:
    return [(r, 3 + j, 1, 1, REQ[row][col]) for j, col in enumerate(REQ_COLS)]


REQ_WIDTHS = [22.0, 60.0, 150.0] + [36.0] * 7


def _requests_page1(c: Canvas, top: float) -> float:
    cells = _requests_header()
    labels = {
        "new": (0, 3, "一、本年新收政府信息公开申请数量"),
        "carried_over": (0, 3, "二、上年结转政府信息公开申请数量"),
        "granted": (1, 2, "（一）予以公开"),
        "partial": (1, 2, "（二）部分公开（区分处理的，只\n计这一情形，不计其他情形）"),
    }
    items = ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益"]
    items += ["属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]
    heights = [16.0, 16.0, 24.0]
    for r, row in enumerate(PAGE1_ROWS, start=3):
        if row in labels:
            col, span, text = labels[row]
            cells.append((r, col, 1, span, text))
        else:
            cells.append((r, 2, 1, 1, f"{row[-1]}.{items[int(row[-1]) - 1]}"))
        cells += _value_cells(r, row)
        heights.append(24.0 if row == "partial" else 16.0)
    cells.append((5, 0, 10, 1, "\n".join("三、本年度办理结果")))
    cells.append((7, 1, 8, 1, "（三）不\n予公开"))
    return _table(c, 55, top, REQ_WIDTHS, heights, cells)


def _requests_page2(c: Canvas, top: float, ruled: bool = True) -> float:
    cells = _requests_header()  # the header repeated on the continuation page
    items = {
        "unable": ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"],
        "not_processed": [
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出\n具已获取信息",
        ],
        "other": [
            "申请人无正当理由逾期不补\n正、行政机关不再处理其政府\n信息公开申请",
            "申请人逾期未按收费通知要\n求缴纳费用、行政机关不再处\n理其政府信息公开申请",
            "其他",
        ],
    }
    heights = [16.0, 16.0, 24.0]
    for r, row in enumerate(PAGE2_ROWS, start=3):
        if row == "total":
            cells.append((r, 1, 1, 2, "（七）总计"))
        elif row == "carry_forward":
            cells.append((r, 0, 1, 3, "四、结转下年度继续办理"))
        else:
            group, n = row.split(".")
            sep = "、" if group == "other" else "."
            cells.append((r, 2, 1, 1, f"{n}{sep}{items[group][int(n) - 1]}"))
        cells += _value_cells(r, row)
        lines = cells[-8][4].count("\n") + 1
        heights.append(8.0 + 9.0 * lines)
    cells.append((3, 0, 12, 1, ""))  # the vertical label's cell continues, empty, on this page
    cells.append((3, 1, 3, 1, "（四）无\n法提供"))
    cells.append((6, 1, 5, 1, "（五）不\n予处理"))
    cells.append((11, 1, 3, 1, "（六）其\n他处理"))
    return _table(c, 55, top, REQ_WIDTHS, heights, cells, ruled)


def _appeals(c: Canvas, top: float) -> float:
    words = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    cells = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    cells += [(1, i, 2, 1, w) for i, w in enumerate(words)]
    cells += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    cells += [(2, 5 + i, 1, 1, words[i % 5]) for i in range(10)]
    cells += [(3, i, 1, 1, v) for i, v in enumerate(APPEALS)]
    return _table(c, 60, top, [31.0] * 15, [16.0, 16.0, 24.0, 16.0], cells)


def _furniture(c: Canvas, page: int) -> None:
    c.setFont(FONT, 9)
    c.drawCentredString(297, TOP - 40, RUNNING_HEADER)
    c.setFont(FONT, 12)
    c.drawCentredString(297, 40, f"- {page} -")


def make_report(path: Path, ruled_page2: bool = True) -> None:
    """A two-page 2021-format report: 表三 breaks after （三）8, the header is repeated on page 2,
    each page has a running header and a `- n -` footer. `ruled_page2=False`: the continuation on
    page 2 is printed without borders, so no grid is found there."""
    c = Canvas(str(path), pagesize=(595, 842), invariant=1)
    _furniture(c, 1)
    c.setFont(FONT, 18)
    c.drawCentredString(297, TOP - 90, "测试县人民政府")
    c.drawCentredString(297, TOP - 115, "2024年政府信息公开工作年度报告")
    top = 140.0
    _text(c, LEFT + 24, top, "一、总体情况", 14)
    top = _paragraph(c, top + 24, PARAGRAPH)
    _text(c, LEFT + 24, top, "二、主动公开政府信息情况", 14)
    top = _paragraph(c, top + 24, "本年度主动公开情况见下表。")
    _text(c, LEFT + 24, top, "三、收到和处理政府信息公开申请情况", 14)
    _requests_page1(c, top + 24)
    c.showPage()
    _furniture(c, 2)
    top = _requests_page2(c, 60, ruled_page2) + 16
    _text(c, LEFT + 24, top, "四、政府信息公开行政复议、行政诉讼情况", 14)
    top = _appeals(c, top + 24) + 16
    _text(c, LEFT + 24, top, "五、存在的主要问题及改进情况", 14)
    top = _paragraph(c, top + 24, "政策解读质量仍需提升。")
    _text(c, LEFT + 24, top, "六、其他需要报告的事项", 14)
    top = _paragraph(c, top + 24, "本年度未收取信息处理费。")
    c.setFont(FONT, 12)
    c.drawRightString(RIGHT, TOP - top - 30, "测试县人民政府")
    c.drawRightString(RIGHT, TOP - top - 50, "2025年1月20日")
    c.save()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "generated_2024.pdf"
    make_report(path)
    return path


def test_generated_report_cells_equal_what_was_written(generated):
    r = extract_file(generated, RULES)
    assert (r.template, r.year, r.agency, r.published) == ("2021", 2024, "测试县人民政府", "2025-01-20")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    for row, cols in REQ.items():
        for col, want in cols.items():
            cell = r.tables["requests"].cells[(row, col)]
            assert cell.raw == want, f"requests/{row}/{col}"
            assert cell.page == (1 if row in PAGE1_ROWS else 2)
    got = [cell.raw for cell in r.tables["appeals"].cells.values()]
    assert got == APPEALS
    assert not [p for p in r.problems if p.table in {"requests", "appeals"}]


def test_table_continued_without_borders_is_read_from_its_text_lines(tmp_path):
    """Page 2 continues 表三 without ruling lines: the reader finds no grid there, only text lines.
    Those rows are still 表三's (not narrative), read cell for cell, never lost."""
    path = tmp_path / "unruled_2024.pdf"
    make_report(path, ruled_page2=False)
    r = extract_file(path, RULES)
    cells = r.tables["requests"].cells
    got = {(row, col): cells[(row, col)].raw for row in PAGE2_ROWS for col in REQ_COLS}
    want = {(row, col): REQ[row][col] for row in PAGE2_ROWS for col in REQ_COLS}
    assert got == want
    assert not any("不掌握相关政府信息" in p.text for p in r.paragraphs)


def test_generated_report_layout(generated):
    doc = read_pdf(generated)
    assert doc.metadata["created"] == "2000-01-01"  # reportlab's invariant date, not the publication date
    assert not any(t in doc.lines for t in ("- 1 -", "- 2 -", RUNNING_HEADER))
    texts = [it.text for it in doc.layout.items if isinstance(it, TextLine)]
    assert PARAGRAPH in texts  # wrapped body lines merged back into one paragraph
    assert "一、总体情况" in texts and "2024年政府信息公开工作年度报告" in texts
    pieces = [it for it in doc.layout.items if isinstance(it, Segment)]
    assert [sorted({c.page for c in seg.cells}) for seg in pieces] == [[1], [2], [2]]
    first, second = pieces[0], pieces[1]
    assert sum(c.text == "申请人情况" for c in first.cells) == 1
    assert not any(c.text in {"申请人情况", "自然人", "总计"} for c in second.cells)  # repeated header dropped
    assert "三、本年度办理结果" in [c.text for c in first.cells]
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in [c.text for c in second.cells]


def test_scanned_pdf_is_not_machine_readable(tmp_path):
    path = tmp_path / "scan.pdf"
    c = Canvas(str(path), pagesize=(595, 842), invariant=1)
    for _ in range(2):
        c.setFillGray(0.6)
        c.rect(50, 50, 495, 742, stroke=1, fill=1)
        c.line(60, 400, 530, 400)
        c.showPage()
    c.save()
    doc = read_pdf(path)
    assert doc.machine_readable is False
    assert doc.lines == [] and doc.layout is not None and doc.layout.items == []
    assert any("no text layer on any of 2 pages" in str(n) for n in doc.notes)
    report = extract_file(path, RULES)
    assert report.machine_readable is False


@pytest.mark.parametrize("data", [b"%PDF-1.4 not really", bytes(range(256)) * 8, b""])
def test_garbage_raises_unreadable(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match=r"\S"):
        read_pdf(path)
    with pytest.raises(UnreadableFileError):
        extract_file(path, RULES)
