"""The plain-text reader on small hand-written inputs, one mechanism at a time: expected cells are
written out here from the text, not taken from the reader.

Each case is a fragment of a 2021-format report as a real converter or crawler leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.extract import extract_file
from tests.conftest import RULES

COLS = ("natural", "commercial", "research", "social", "legal", "other_org", "total")
# markers of the 2021 format, so fragments are read with its rows
T2_HEAD_2021 = "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"


def read(tmp_path: Path, text: str, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path, RULES)


def row(r, key: str) -> list[str | None]:
    return [r.tables["requests"].cells[(key, c)].raw for c in COLS]


def kinds(r, key: str) -> list[str]:
    return [r.tables["requests"].cells[(key, c)].kind for c in COLS]


# ---------------------------------------------------------------------------- crawler text

CRAWLER = (
    "标题: 云岭区审计局2023年政府信息公开工作年度报告\n"
    "发布时间: 2024-01-26 09:30\n"
    "发布机构: 云岭区审计局\n"
    "原文链接: http://www.yunling.gov.cn/zwgk/sjj/202401/t20240126_88.html\n"
    "当前位置： 首页 > 政务公开 > 年度报告 字号：大 中 小 微信 微博 QQ空间 "
    "云岭区审计局2023年政府信息公开工作年度报告"
    "一、总体情况2023年，云岭区审计局认真落实《中华人民共和国政府信息公开条例》。全年主动公开信息86条。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "行政规范性文件104第二十条第（五）项信息内容本年处理决定数量行政许可0"
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益 组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量1000001"
    "三、本年度办 理结果（一）予以公开120000012（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
    "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”0000000"
    "4.保护第三方合法权益00000005.属于三类内部事务信息3200000326.属于四类过程性信息1000001"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    "100010000000000"
    "五、存在的主要问题及改进情况政策解读还需加强。六、其他需要报告的事项本年度未收取信息处理费。"
    "云岭区审计局2024年1月20日 打印本页 关闭窗口\n"
)


def test_crawler_header_gives_title_agency_online_date_and_url(tmp_path):
    r = read(tmp_path, CRAWLER)
    assert r.title == "云岭区审计局2023年政府信息公开工作年度报告"
    assert r.agency == "云岭区审计局"
    assert r.published == "2024-01-26"  # the page's online date, not the signature's 2024-01-20
    assert r.text_meta["published_source"] == "online"
    assert r.text_meta["signed"] == "2024-01-20"
    assert r.url == "http://www.yunling.gov.cn/zwgk/sjj/202401/t20240126_88.html"
    assert r.year == 2023


def test_crawler_one_line_body_has_its_six_sections(tmp_path):
    r = read(tmp_path, CRAWLER)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.sections[0].heading == "一、总体情况"
    assert any(p.text.startswith("2023年，云岭区审计局认真落实") for p in r.paragraphs)
    assert not any("微信" in p.text or "打印本页" in p.text for p in r.paragraphs)


def test_crawler_glued_digits_split_by_the_rows_arithmetic(tmp_path):
    r = read(tmp_path, CRAWLER)
    # 21710000218: 217+1+0+0+0+0 = 218 is the only cut into seven cells that adds up
    assert row(r, "new") == ["217", "1", "0", "0", "0", "0", "218"]
    assert r.tables["requests"].cells[("new", "natural")].reading == "segmented"
    assert any(p.code == "segmented" and p.row == "new" for p in r.problems)
    # seven digits for seven cells: only one cut, but 10+0+0+0+0+1 could hide a dropped blank cell;
    # the arithmetic picks the seven-cell reading, which stays marked as reconstructed
    assert row(r, "carried_over") == ["1", "0", "0", "0", "0", "0", "1"]
    assert r.tables["requests"].cells[("carried_over", "natural")].reading == "segmented"
    # seven zeros: no other cut, and no room for a hidden blank ("00" is no number): certain
    assert row(r, "denied.1") == ["0"] * 7
    assert r.tables["requests"].cells[("denied.1", "natural")].reading is None
    # 120000012 → 12 = 12 (12,0,0,0,0,0,12 is the only cut without a leading zero that adds up)
    assert row(r, "granted") == ["12", "0", "0", "0", "0", "0", "12"]


def test_crawler_digits_running_into_the_next_labels_numbering(tmp_path):
    r = read(tmp_path, CRAWLER)
    # "…内部事务信息3200000326.属于四类…": the 6 numbers the next label
    assert row(r, "denied.5") == ["32", "0", "0", "0", "0", "0", "32"]
    assert row(r, "denied.6") == ["1", "0", "0", "0", "0", "0", "1"]
    assert row(r, "denied.4") == ["0"] * 7


def test_crawler_stray_spaces_inside_labels_do_not_hide_them(tmp_path):
    r = read(tmp_path, CRAWLER)
    assert r.tables["requests"].found
    assert row(r, "partial") == ["0"] * 7  # its label carries a long parenthetical
    appeals = [c.raw for c in r.tables["appeals"].cells.values()]
    assert appeals == ["1", "0", "0", "0", "1"] + ["0"] * 10
    active = r.tables["active"].cells
    assert [active[("normative", c)].raw for c in ("issued", "repealed", "in_force")] == ["1", "0", "4"]


def test_glued_digits_that_split_two_ways_are_ambiguous_never_guessed(tmp_path):
    text = (
        T2_HEAD_2021 + "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
        "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量286002137\n"
    )
    r = read(tmp_path, text)
    # 28+6+0+0+2+1 = 37 and 2+8+6+0+0+21 = 37: both add up, nothing else decides
    assert kinds(r, "new") == ["ambiguous"] * 7
    assert r.tables["requests"].cells[("new", "natural")].candidates == ("2", "28")
    assert r.tables["requests"].cells[("new", "legal")].candidates == ("0", "2")
    assert r.tables["requests"].cells[("new", "other_org")].candidates == ("1", "21")
    assert "ambiguous" in r.tables["requests"].uncertain


# ---------------------------------------------------------------------------- pdftotext -layout

LAYOUT = (
    "     三、收到和处理政府信息公开申请情况\n"
    "                                                  申请人情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，                 法人或其他组织\n"
    "等于第三项加第四项之和）            自然人                                           总计\n"
    "                                       商业企业   科研机构   社会公益组织  法律服务机构  其他\n"
    "\n"
    "一、本年新收政府信息公开申请数量          12        3          0          0          1        0      16\n"
    "\n"
    "二、上年结转政府信息公开申请数量           1        0          0          0          0        0       1\n"
    "\n"
    "      （一）予以公开                        8        2          0          0          1        0      11\n"
    "\n"
    "      （二）部分公开（区分处理的，只计这一情\n"
    "                                            2        0          0          0          0        0       2\n"
    "      形，不计其他情形）\n"
    "三、\n"
    "             1.属于国家秘密                 0        0          0          0          0        0       0\n"
    "本\n"
    "                                                   -3-\n"
    "\f淮江县林业局2023年政府信息公开工作年度报告\n"
    "                                                  申请人情况\n"
    "             2.其他法律行政法规禁止公开      1        1                     0          0        0       2\n"
    "             3.危及“三安全一稳定”           0        0          0          0          0        0       0\n"
    "             4.保护第三方合法权益           2        0          0          0          0        0       2\n"
)


def test_layout_text_reads_rows_across_a_page_break_and_wrapped_labels(tmp_path):
    r = read(tmp_path, T2_HEAD_2021 + LAYOUT)
    assert row(r, "new") == ["12", "3", "0", "0", "1", "0", "16"]
    assert row(r, "partial") == ["2", "0", "0", "0", "0", "0", "2"]  # values between the label's two lines
    assert row(r, "denied.1") == ["0"] * 7
    assert not any(p.line and "-3-" in (r.lines[p.line - 1]) for p in r.problems)


def test_layout_text_places_a_blank_by_column_position(tmp_path):
    r = read(tmp_path, T2_HEAD_2021 + LAYOUT)
    # 社会公益组织 printed blank on a page whose other rows show where that column is
    assert row(r, "denied.2") == ["1", "1", "", "0", "0", "0", "2"]
    assert r.tables["requests"].cells[("denied.2", "research")].kind == "blank"
    assert r.tables["requests"].cells[("denied.2", "research")].reading == "aligned"


# ---------------------------------------------------------------------------- reading order

RAW = (
    "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n"
    "一、本年新收政府信息公开申请数量\n5\n0\n0\n0\n0\n0\n5\n"
    "二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n"
    "4\n0\n0\n0\n0\n0\n4\n"  # （一）'s values, printed before its label
    "1\n0\n0\n0\n0\n0\n1\n"  # （二）'s
    "1.属于国家秘密\n0\n0\n0\n0\n0\n0\n0\n"
    "（一）予以公开\n（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n"
)


def test_values_printed_before_their_labels_are_placed_by_row_order(tmp_path):
    r = read(tmp_path, T2_HEAD_2021 + RAW)
    assert row(r, "granted") == ["4", "0", "0", "0", "0", "0", "4"]
    assert row(r, "partial") == ["1", "0", "0", "0", "0", "0", "1"]
    assert r.tables["requests"].cells[("granted", "natural")].reading == "placed"
    assert row(r, "denied.1") == ["0"] * 7


def test_a_row_with_fewer_values_and_no_positions_is_ambiguous(tmp_path):
    text = RAW.replace("1.属于国家秘密\n0\n0\n0\n0\n0\n0\n0\n", "1.属于国家秘密\n0\n0\n0\n0\n")
    r = read(tmp_path, T2_HEAD_2021 + text)
    assert kinds(r, "denied.1") == ["ambiguous"] * 7
    assert any(p.code == "ambiguous-cells" and p.row == "denied.1" for p in r.problems)


# ---------------------------------------------------------------------------- markdown


MARKDOWN = (
    "# 望江市档案馆2023年政府信息公开工作年度报告\n\n"
    "## 一、总体情况\n\n2023年，我馆持续推进政务公开。\n\n"
    "**二、主动公开政府信息情况**\n\n"
    "|第二十条第（一）项|Col2|Col3|Col4|\n|---|---|---|---|\n"
    "|信息内容|本年制发件数|本年废止件数|现行有效件数|\n|规章|0|0|0|\n|行政规范性文件|2|0|9|\n\n"
    "## 三、收到和处理政府信息公开申请情况\n\n"
    "|（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）|Col2|申请人情况|Col4|Col5|Col6|Col7|Col8|Col9|\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "|一、本年新收政府信息公开申请数量|一、本年新收政府信息公开申请数量|6|1|0|0|0|0|7|\n"
    "|二、上年结转政府信息公开申请数量|二、上年结转政府信息公开申请数量|0|0|0|0|0|0|0|\n\n"
    "— 5 —\n\n"
    "|Col1|（一）予以公开|3|1|0|0|0|0|4|\n|---|---|---|---|---|---|---|---|---|\n"
    "|（三）不<br>予公开|1.属于国家秘密|0|0|0|0|0||0|\n"
)


def test_converter_markdown_headings_and_a_table_split_by_a_page_footer(tmp_path):
    r = read(tmp_path, MARKDOWN, "report.md")
    assert r.source_format == "md"
    assert [s.number for s in r.sections] == [1, 2, 3]
    assert [s.heading for s in r.sections][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert row(r, "new") == ["6", "1", "0", "0", "0", "0", "7"]
    assert row(r, "granted") == ["3", "1", "0", "0", "0", "0", "4"]
    # an explicitly empty cell in a table that marks its cells one value each stays blank
    assert row(r, "denied.1") == ["0", "0", "0", "0", "0", "", "0"]
    assert r.tables["requests"].cells[("denied.1", "other_org")].kind == "blank"


# ---------------------------------------------------------------------------- mixed formats


def test_a_2021_table_with_the_single_2019_row_is_read_with_that_row(tmp_path):
    head = "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
    rows = [
        ("一、本年新收政府信息公开申请数量", "2 0 0 0 0 0 2"),
        ("二、上年结转政府信息公开申请数量", "0 0 0 0 0 0 0"),
    ]
    rows += [("（一）予以公开", "1 0 0 0 0 0 1"), ("（六）其他处理", "1 0 0 0 0 0 1")]
    rows += [("（七）总计", "2 0 0 0 0 0 2"), ("四、结转下年度继续办理", "0 0 0 0 0 0 0")]
    body = "".join(f"{label}\t" + "\t".join(vals.split()) + "\n" for label, vals in rows)
    text = T2_HEAD_2021 + "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为…）申请人情况\n" + head + body
    r = read(tmp_path, text)
    t = r.tables["requests"]
    assert r.template == "2021" and t.version == "2019"
    assert row(r, "other") == ["1", "0", "0", "0", "0", "0", "1"]
    assert ("other.1", "natural") not in t.cells  # the 2021 sub-rows are not there to be blank
    mixed = [p for p in r.problems if p.code == "mixed-format"]
    assert len(mixed) == 1 and "（六）其他处理" in mixed[0].zh


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_rule_keys_follow_the_version_the_table_was_read_with(version, tmp_path, templates):
    from disclosure_audit.core.context import RunContext

    head = "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
    six = "（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n" if version == "2019" else ""
    text = (
        T2_HEAD_2021
        + "三、收到和处理政府信息公开申请情况\n申请人情况\n"
        + head
        + "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
        + six
        + "（七）总计\t1\t0\t0\t0\t0\t0\t1\n"
    )
    r = read(tmp_path, text)
    ctx = RunContext(reports={r.report_id: r}, templates=templates)
    assert ("other" in ctx.tdef(r.report_id, "requests").rows) == (version == "2019")
