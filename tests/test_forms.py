"""The plain-text forms of `tests/forms` really have what each is named for. These test the
*material* (what pdftotext, the converters, the crawler and the OCR noise produce), not the
project's reader; the expectations are written by hand from the demo reports' own figures:

- 01_clean_qinghe_scjgj_2022 (2021 format): 表三 一、本年新收 56 6 0 0 2 1 65, （一）予以公开
  21 4 0 0 1 0 26, rows 5.属于三类内部事务信息 all 0; 表二 行政许可 2846; signed 2023年1月20日;
- 07_yunling_zrzyj_2020 (2019 format): 表三 一、本年新收 75 12 0 0 3 1 91; 表二 采购总金额 52000元;
- 02_yunling_sfj_2020 (2019 format): its markdown-headings form is the `**…**` one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.forms import (
    FORMS,
    all_forms_with_details,
    crawler_page,
    demo_reports,
    heading_style,
    markdown_headings,
    ocr_noise,
)
from tests.forms.__main__ import main as forms_cli

R21 = "01_clean_qinghe_scjgj_2022.txt"
R19 = "07_yunling_zrzyj_2020.txt"
BOLD = "02_yunling_sfj_2020.txt"
HEADINGS_21 = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# table labels of the official formats (hand-written), for "a stray space inside a label"
TABLE_LABELS = [
    "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "总计",
    "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "予以公开", "部分公开",
    "不予公开", "属于国家秘密", "其他法律行政法规禁止公开", "保护第三方合法权益", "属于三类内部事务信息",
    "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项", "无法提供", "本机关不掌握相关政府信息",
    "没有现成信息需要另行制作", "补正后申请内容仍不明确", "不予处理", "信访举报投诉类申请", "重复申请",
    "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息", "其他处理",
    "结转下年度继续办理", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
    "其他结果", "尚未审结", "信息内容", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制",
    "行政事业性收费", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
]  # fmt: skip
LOOKALIKES = {
    frozenset(a + b)
    for a, b in zip("己已未人日土拨斜于千申持理其项天处侯免", "已巳末入曰士拔料干干甲特埋共顶夭外候兔", strict=True)
}
PLACE_LOOKALIKES = {frozenset("禾木"), frozenset("青靑")}  # 青禾县 misread
FOOTER = re.compile(r"^\s*-\s*(\d+)\s*-\s*$", re.M)


@pytest.fixture(scope="session")
def made(tmp_path_factory):
    """Every form of the three reports, made once per test session."""
    out = tmp_path_factory.mktemp("forms")
    return {name: all_forms_with_details(name, out / Path(name).stem) for name in (R21, R19, BOLD)}


def test_every_form_is_made_with_its_suffix(made):
    for details in made.values():
        assert list(details.texts) == list(FORMS)
        assert all(text.strip() for text in details.texts.values())
    assert {FORMS[f] for f in FORMS if f.startswith("markdown")} == {".md"}
    assert FORMS["pdftotext-layout"] == FORMS["crawler"] == ".txt"
    files = made[R21].files
    assert files["pdf"].read_bytes().startswith(b"%PDF") and files["pdf-hostile"].exists()
    assert b"<table" in files["html"].read_bytes()


# --------------------------------------------------------------------------- crawler


def test_crawler_header_lines_and_one_body_line(made):
    text = made[R21].texts["crawler"]
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 6, "four header lines, the body, a final newline"
    assert lines[0] == "标题: 青禾县市场监督管理局2022年政府信息公开工作年度报告"
    assert re.fullmatch(r"发布时间: 2023-01-20 \d\d:\d\d", lines[1])
    assert lines[2] == "发布机构: 青禾县市场监督管理局"
    assert re.fullmatch(r"原文链接: http://www\.qinghe\.gov\.cn/[a-z/]+/202301/t20230120_\d+\.html", lines[3])
    body = lines[4]
    assert "\r" not in body and "\t" not in body and "  " not in body
    assert "（三）政府信息管理" in body and "2023年1月20日" in body  # the whole article is there


def test_crawler_body_runs_cells_and_blocks_together(made):
    page = made[R21].crawler
    body = page.text.split("\n")[4]
    for orig, damaged in page.strays:  # undo the stray spaces to read the hand-written rows
        body = body.replace(damaged, orig)
    assert "一、总体情况2022年，青禾县市场监督管理局" in body  # heading runs into its paragraph
    assert "一、本年新收政府信息公开申请数量566002165二、上年结转" in body  # cells with no separator
    assert "5.属于三类内部事务信息00000006.属于四类过程性信息" in body  # digits run into the next label
    assert "（一）予以公开214001026（二）部分公开" in body
    assert "行政许可2846第二十条" in body
    # page chrome before and after the article
    assert re.match(r"^(当前位置|您当前的位置|您现在的位置)：", body)
    assert re.search(r"(打印|关闭|纠错|返回顶部)[^，。]{0,40}$", body)
    assert "document.write" not in body and "siteStat" not in body  # script dropped


def test_crawler_has_stray_spaces_inside_labels(made):
    for name in (R21, R19):
        page = made[name].crawler
        body = page.text.split("\n")[4]
        spaced = [label for label in TABLE_LABELS for i in range(1, len(label)) if f"{label[:i]} {label[i:]}" in body]
        assert spaced, f"{name}: no table label with a stray space"
        assert 2 <= len(page.strays) <= 4
        for orig, damaged in page.strays:
            assert damaged in body and damaged.count(" ") == orig.count(" ") + 1
            assert damaged.replace(" ", "") == orig.replace(" ", "")


def test_crawler_is_deterministic_and_varies_with_the_seed():
    a, b, c = (crawler_page(R21, s).text for s in (7, 7, 8))
    assert a == b and a != c


def test_crawler_blank_cells_become_single_spaces(made):
    body = made[R19].texts["crawler"].split("\n")[4]
    assert "一、本年新收政府信息公开申请数量7512003191" in body.replace("本 年新收", "本年新收")
    assert "政府集中采购552000元" in body  # 采购项目数量 5, 采购总金额 52000元


# --------------------------------------------------------------------------- pdftotext


def test_pdftotext_layout_keeps_columns_pages_and_furniture(made):
    text = made[R21].texts["pdftotext-layout"]
    assert text.count("\f") == 3  # one per page
    assert [int(n) for n in FOOTER.findall(text)] == [1, 2, 3]
    header = "青禾县市场监督管理局政府信息公开工作年度报告"
    assert sum(line.strip() == header for line in text.splitlines()) == 3  # running header on each page
    assert re.search(r"一、本年新收政府信息公开申请数量 {2,}56 {2,}6 {2,}0 {2,}0 {2,}2 {2,}1 {2,}65\n", text)
    # 表三 breaks over a page: footer, form feed and running header between two of its rows
    a, b = text.index("（七）总计"), text.index("四、结转下年度继续办理")
    between = text[a:b]
    assert "\f" in between and FOOTER.search(between) and header in between
    # the vertical 三、本年度办理结果, one character a line at the left margin
    assert re.search(r"^三\n、 .*\n本\n", text, re.M)


def test_pdftotext_layout_hostile_differs(made):
    normal, hostile = (made[R19].texts[f] for f in ("pdftotext-layout", "pdftotext-layout-hostile"))
    assert hostile != normal
    assert re.search(r"^ +52\n政府集中采购 +5\n +000元$", hostile, re.M)  # 52000元 wrapped in its cell
    assert re.search(r"政府集中采购 +5 +52000元", normal)


def test_pdftotext_plain_has_one_value_a_line(made):
    for form in ("pdftotext", "pdftotext-hostile"):
        text = made[R21].texts[form]
        lines = text.splitlines()
        assert sum(bool(re.fullmatch(r"\d+", line)) for line in lines) >= 100
        i = lines.index("一、本年新收政府信息公开申请数量")
        assert [x for x in lines[i + 1 : i + 16] if x][:7] == ["56", "6", "0", "0", "2", "1", "65"]
    text = made[R21].texts["pdftotext"]
    # reading order is not visual order: 法人或其他组织 before 自然人, and the group label
    # （三）不予公开 after the values of its eight rows
    head = text.index("三、收到和处理政府信息公开申请情况")
    assert text.index("法人或其他组织", head) < text.index("自然人", head)
    assert text.index("（三）不予公", head) > text.index("8.属于行政查询事项", head)


def test_pdftotext_raw_puts_a_row_on_a_line(made):
    text = made[R21].texts["pdftotext-raw"]
    assert "\n（一）予以公开 21 4 0 0 1 0 26\n" in text
    assert "\n四、结转下年度继续办理 4 0 0 0 0 0 4\n" in text
    assert re.search(r"^- 2 -$", text, re.M)
    assert made[R21].texts["pdftotext-raw-hostile"] != text


# --------------------------------------------------------------------------- markdown


def test_pymupdf4llm_tables_repeat_spanned_cells(made):
    text = made[R21].texts["markdown-pymupdf4llm"]
    assert re.search(r"^\|---(\|---)+\|$", text, re.M)
    assert "|行政许可|2846|2846|2846|" in text  # one value spanning three columns, written three times
    assert "|（一）予以公开|（一）予以公开|21|4|0|0|1|0|26|" in text
    # 表三 is cut at the page break, the footer between its two parts
    a, b = text.index("|（七）总计|"), text.index("|四、结转下年度继续办理|")
    assert re.search(r"^ +- 2 ?-?\s*$", text[a:b], re.M)
    assert "## 一、总体情况" in text  # headings from the font size


def test_markitdown_cells_hold_several_values(made):
    text = made[R21].texts["markdown-markitdown"]
    assert re.search(r"^\| *一、本年新收政府信息公开申请数量 *\|.*\| 56 6 *\|", text, re.M)
    cells = [c.strip() for line in text.splitlines() if line.startswith("|") for c in line.split("|")]
    assert any(re.fullmatch(r"\d+ \d+", c) for c in cells)
    assert "\n- 2 -\n" in text


def test_markdown_headings_one_style_per_report(made):
    assert heading_style(R21) == "atx" and heading_style(BOLD) == "bold"
    atx = made[R21].texts["markdown-headings"]
    bold = made[BOLD].texts["markdown-headings"]
    for h in HEADINGS_21:
        assert re.search(f"^## {h}$", atx, re.M), h
        assert re.search(rf"^\*\*{h}\*\*$", bold, re.M), h
        assert f"**{h}**" not in atx and not re.search(f"^#+ {h}$", bold, re.M)
    # the heading pymupdf4llm had taken for a table cell is above its table now
    assert re.search(r"^## 二、主动公开政府信息情况\n\n\|Col1\|", atx, re.M)


def test_markdown_headings_function():
    md = "# 标题\n\n## 一、总体情况\n\n正文\n\n**六、其他需要报告的事项**\n"
    heads = ["一、总体情况", "六、其他需要报告的事项"]
    assert markdown_headings(md, heads, "bold") == "# 标题\n\n**一、总体情况**\n\n正文\n\n**六、其他需要报告的事项**\n"
    assert markdown_headings(md, heads, "atx") == "# 标题\n\n## 一、总体情况\n\n正文\n\n## 六、其他需要报告的事项\n"
    with pytest.raises(ValueError):
        markdown_headings(md, heads, "setext")


# --------------------------------------------------------------------------- OCR noise


@pytest.mark.parametrize("form", ["ocr-layout", "ocr-crawler", "ocr-markitdown"])
def test_ocr_noise_damages_labels_not_digits(made, form):
    details = made[R21]
    base = {"ocr-layout": "pdftotext-layout", "ocr-crawler": "crawler", "ocr-markitdown": "markdown-markitdown"}[form]
    before, after, changes = details.texts[base], details.texts[form], details.ocr[form]
    assert len(after) == len(before) and after != before
    assert re.findall(r"\d", after) == re.findall(r"\d", before)
    differ = [i for i, (x, y) in enumerate(zip(before, after, strict=True)) if x != y]
    assert differ == [c.offset for c in changes]
    for i in differ:
        assert frozenset((before[i], after[i])) in LOOKALIKES | PLACE_LOOKALIKES
    labels = [c for c in changes if c.kind == "label"]
    assert labels, "no table label damaged"
    for c in labels:
        assert c.label in TABLE_LABELS or c.label in ("申请人无正当理由逾期不补正", "上一年项目数量")
        assert c.after != c.label and c.after in after and len(c.after) == len(c.label)
        assert c.offset > before.index("主动公开政府信息情况", before.index("一、总体情况"))
    places = [c for c in changes if c.kind == "place"]
    assert len(places) == 1 and places[0].before == "青禾县" and places[0].after in ("青木县", "靑禾县")
    assert [c for c in changes if c.kind == "prose"]
    if form == "ocr-crawler":  # the site's header lines and chrome are not scanned
        assert after.splitlines()[:4] == before.splitlines()[:4]
        a, b = details.crawler.article
        assert all(a <= c.offset < b for c in changes)


def test_ocr_noise_is_deterministic_and_never_touches_digits():
    text = "一、总体情况\n本年度已收到申请人申请12件，未发生日常投诉。\n二、主动公开政府信息情况\n自然人 1 0 3\n"
    a, b = ocr_noise(text, 3), ocr_noise(text, 3)
    assert a == b
    for seed in range(20):
        out, changes = ocr_noise(text, seed)
        assert re.findall(r"\d", out) == re.findall(r"\d", text)
        assert all(out[c.offset] != text[c.offset] for c in changes)


# --------------------------------------------------------------------------- CLI


def test_cli_writes_forms_by_form_and_report(tmp_path):
    assert forms_cli(["--out", str(tmp_path), "--only", "crawler", "--only", Path(R21).stem]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert "crawler/01_clean_qinghe_scjgj_2022.txt" in written and "INDEX.md" in written
    assert not any(p.startswith("pdftotext") for p in written)
    assert "crawler stray spaces" in (tmp_path / "INDEX.md").read_text(encoding="utf-8")
    assert R21 in demo_reports()
