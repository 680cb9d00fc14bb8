"""The shared Chinese text helpers (zhtext), with values written by hand."""

from __future__ import annotations

import pytest

from disclosure_audit.zhtext.chars import cjk_count, is_wide, one_space, squash, strip_edges
from disclosure_audit.zhtext.dates import WRITTEN_DATE, YEAR, find_date, parse_date, published_date
from disclosure_audit.zhtext.numerals import HEADING_START, ITEM_OPENER, cn_digits, cn_int, cn_numeral, number_value
from disclosure_audit.zhtext.orgs import ORG_SUFFIX, agency_key, infer_level_confidence
from disclosure_audit.zhtext.pages import PAGE_NUMBER, PAGE_NUMBER_AT_EDGE, edge_key
from disclosure_audit.zhtext.words import REPORT_NAME, is_report_title


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("一十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两千", 2000),
        ("三万五千", 35000),
        ("零", 0),
        ("〇", 0),
        ("两", 2),
    ],
)
def test_cn_int_reads_numerals(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize("text", ["", "一二", "十十", "二十十", "百十", "十百", "一万万", "3", "三a", "万"])
def test_cn_int_declines_malformed_numerals(text):
    assert cn_int(text) is None


def test_number_value_takes_digits_and_numerals():
    assert number_value("12") == 12
    assert number_value("１２") == 12  # full-width digits
    assert number_value("十二") == 12
    assert number_value("十二a") is None


def test_cn_digits_reads_a_year_digit_by_digit():
    assert cn_digits("二〇二三") == 2023
    assert cn_digits("二零二三") == 2023
    assert cn_digits("二○二三") == 2023  # U+25CB white circle
    assert cn_digits("二Ｏ二三") == 2023  # full-width letter O
    assert cn_digits("二十") is None
    assert cn_digits("") is None


def test_cn_numeral_writes_one_to_ninety_nine():
    assert [cn_numeral(n) for n in (1, 10, 11, 20, 23, 99)] == ["一", "十", "十一", "二十", "二十三", "九十九"]
    assert cn_numeral(0) == "0" and cn_numeral(100) == "100"
    assert cn_numeral(12, "零壹贰叁肆伍陆柒捌玖", "拾") == "拾贰"


def test_item_opener():
    import re

    opens = re.compile(rf"^(?:{ITEM_OPENER})")
    for s in ("一、总体情况", "三.收到", "（二）主动", "(3) 依", "2、办理", "第五条"):
        assert opens.match(s), s
    for s in ("2023年", "1.5万元", "一是加强", "统一是"):
        assert not opens.match(s), s


def test_heading_start():
    for s in ("一、总体情况", "\u3000 十二．其他", "3.收费", "二十一、"):
        assert HEADING_START.match(s), s
    for s in ("（一）主动公开", "2023.5万元", "一是加强", "第一部分"):
        assert not HEADING_START.match(s), s


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年1月16日", "2023-01-16"),
        ("2023年01月16日", "2023-01-16"),
        ("二〇二三年一月十六日", "2023-01-16"),
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("2023-01-16", "2023-01-16"),
        ("2023.1.16", "2023-01-16"),
        ("2023/1/16", "2023-01-16"),
        ("2 0 2 3 年 1 月 1 6 日", "2023-01-16"),  # pdftotext spaces between characters
        ("２０２３年１月１６日", "2023-01-16"),  # full-width digits
        ("\u3000 2023年1月16日\u00a0", "2023-01-16"),
    ],
)
def test_parse_date_reads_the_forms_reports_print(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text", ["2023年2月30日", "2023年13月1日", "2023年1月", "2023年1月16日印发", "统计期2023年1月16日", "一二三"]
)
def test_parse_date_declines_anything_else(text):
    assert parse_date(text) is None


def test_find_date_and_published_date():
    assert find_date("2024-01-20 10:30:00") == "2024-01-20"
    assert find_date("更新于 2024年2月30日，2024年3月1日") == "2024-03-01"  # the impossible one is skipped
    assert find_date("共12024-01-20") is None  # the tail of a longer number is no year
    assert published_date("发布日期：2024-01-20") == ("发布日期", "2024-01-20")
    assert published_date("发文时间 2024年1月5日 来源：县政府") == ("发文时间", "2024-01-05")
    assert published_date("发布日期：2024-13-45") is None
    assert published_date("日期：2024-01-20") is None


def test_written_date_and_year():
    line = "…不收费。云岭区审计局二〇二四年一月二十日"
    assert WRITTEN_DATE.search(line).group() == "二〇二四年一月二十日"
    assert WRITTEN_DATE.search("2024 年 1 月 20 日").group() == "2024 年 1 月 20 日"
    assert WRITTEN_DATE.search("2024-01-20") is None
    assert YEAR.findall("2023年度，较2022 年") == ["2023", "2022"]
    assert YEAR.findall("12023年") == []


def test_squash_removes_every_blank_and_invisible_character():
    assert squash("政府\u00a0信息\u3000公开 工作\t年度\n报告") == "政府信息公开工作年度报告"
    assert squash("本\u200b年\u200c新\u200d收\ufeff申\u2060请\u00ad") == "本年新收申请"
    assert one_space(" a\u00a0\u200b b\u3000c ") == "a b c"
    assert strip_edges("\ufeff\u3000 一、总体情况\u00a0\t") == "一、总体情况"
    assert is_wide("中") and is_wide("，") and not is_wide("a")
    assert cjk_count("2023年度报告ab") == 4


@pytest.mark.parametrize(
    "name",
    ["云岭区审计局", "青禾县人民政府", "港门街道办事处", "松溪镇", "某县发展和改革委员会", "开发区管委会", "县委党校"],
)
def test_org_suffix_recognises_body_names(name):
    assert ORG_SUFFIX.search(name)


@pytest.mark.parametrize("line", ["2024年1月20日", "以上为本年度报告", "联系电话：12345", "青禾县"])
def test_org_suffix_declines_other_lines(line):
    assert ORG_SUFFIX.search(line) is None


def test_agency_key_and_level():
    assert agency_key("港门镇 人民政府") == "港门镇"
    assert agency_key("港门街道办事处") == "港门街道"
    assert infer_level_confidence("云岭区审计局") == ("部门", "confident")
    assert infer_level_confidence("港门街道办事处") == ("乡镇街道", "confident")
    assert infer_level_confidence("青禾县人民政府") == ("政府", "confident")
    assert infer_level_confidence("青禾县") == ("政府", "guessed")
    assert infer_level_confidence("标题:青禾县") == (None, None)


def test_report_words():
    assert is_report_title("云岭区审计局2023年政府信息公开工作年度报告")
    assert is_report_title("2023年政务公开年报")
    assert not is_report_title("2023年工作报告")  # no disclosure word
    assert not is_report_title("政府信息公开指南")  # no report word
    assert (
        REPORT_NAME.search("首页 > 云岭区审计局政府信息公开工作年度报告").group()
        == "云岭区审计局政府信息公开工作年度报告"
    )


@pytest.mark.parametrize(
    "line", ["- 3 -", "— 5 —", "-3-", "第3页", "第 1 页 共 6 页", "共6页 第1页", "3/6", "Page 3 of 6"]
)
def test_page_numbers(line):
    assert PAGE_NUMBER.match(line)
    assert PAGE_NUMBER_AT_EDGE.match(line)


def test_a_bare_number_is_a_page_number_only_at_a_page_edge():
    assert PAGE_NUMBER_AT_EDGE.match(" 7 ")
    assert PAGE_NUMBER.match("7") is None
    assert PAGE_NUMBER.match("12345") is None and PAGE_NUMBER_AT_EDGE.match("12345") is None
    assert PAGE_NUMBER.match("第3页内容") is None


def test_edge_key_masks_digits_and_blanks():
    assert (
        edge_key("云岭区审计局 2023 年报告  第 3 页")
        == edge_key("云岭区审计局2023年报告 第12页")
        == "云岭区审计局#年报告第#页"
    )
