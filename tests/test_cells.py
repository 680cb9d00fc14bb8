"""Blank is not zero: every way a cell can be printed stays distinct."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_audit.extract.normalize import header_unit, norm_label, parse_cell


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit"),
    [
        ("", "blank", None, None),
        ("\u00a0 ", "blank", None, None),
        ("/", "slash", None, None),
        ("／", "slash", None, None),
        ("-", "dash", None, None),
        ("—", "dash", None, None),
        ("0", "number", 0, None),
        ("0项", "number", 0, "项"),
        ("20项", "number", 20, "项"),
        ("61355元", "number", 61355, "元"),
        ("27.65万元", "number", Decimal("27.65"), "万元"),
        ("1477849.5", "number", Decimal("1477849.5"), None),
        ("+1", "number", 1, None),
        ("-1", "number", -1, None),
        ("－20", "number", -20, None),
        ("１２", "number", 12, None),
        ("1,234", "number", 1234, None),
        ("无", "text", None, None),
        ("暂无", "text", None, None),
    ],
)
def test_parse_cell(raw, kind, value, unit):
    c = parse_cell(raw, line=7)
    assert c.kind == kind
    assert c.value == value
    assert type(c.value) is type(value)
    assert c.unit == unit
    assert c.line == 7


def test_blank_slash_dash_zero_and_zero_item_are_all_different():
    cells = [parse_cell(x) for x in ("", "/", "-", "0", "0项")]
    assert len({(c.kind, c.raw, c.value, c.unit) for c in cells}) == 5
    assert [c.has_value for c in cells] == [False, False, False, True, True]


def test_json_keeps_blank_as_null_value():
    assert parse_cell("").to_json()["value"] is None
    assert parse_cell("0").to_json()["value"] == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("3.危及“三安全一稳定”", "危及三安全一稳定"),
        ('3、危及"三安全一稳定"', "危及三安全一稳定"),
        ("(一) 予以公开", "予以公开"),
        ("三、 本年 度办 理结 果", "本年度办理结果"),
        ("本年收费金额（单位：万元）", "本年收费金额"),
    ],
)
def test_label_normal_form(a, b):
    assert norm_label(a) == b


def test_header_unit():
    assert header_unit("采购总金额（单位:万元）") == "万元"
    assert header_unit("本年收费金额（单位：万元）") == "万元"
    assert header_unit("采购总金额") is None
