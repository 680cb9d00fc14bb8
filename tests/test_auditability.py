"""未能审查 / not audited: a scan, a report in neither format version, or a report whose standard
table the reader saw but could not read gets no score, no grade and no rank, with the reason and what
to ask the agency for. Real text reports through the real reader; the boundary cases on Reports
built directly."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.extract import extract_document
from disclosure_audit.extract.auditability import assess
from disclosure_audit.ingest import Document, read_document, reader_note
from disclosure_audit.model import Cell
from disclosure_audit.pipeline import audit
from disclosure_audit.render import write_outputs
from disclosure_audit.templates import get_templates
from tests.conftest import RULES

TEMPLATES = get_templates(RULES)
DEMO = RULES.parent / "reports_in"
CLEAN = DEMO / "01_clean_qinghe_scjgj_2022.txt"

# A 2017 report in the format used before 2019: one statistics table with 指标名称/单位/数量 rows.
REPORT_2017 = """某县某局2017年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》要求编制。

一、概述
2017年，我局认真贯彻落实政府信息公开条例。
二、主动公开政府信息的情况
全年主动公开政府信息120条。
三、依申请公开政府信息情况
全年共收到政府信息公开申请5件，已全部答复。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请提起行政复议、行政诉讼的情况
无。
六、政府信息公开工作存在的主要问题及改进情况
公开内容不够全面。
七、其他需要报告的事项
无。

政府信息公开情况统计表
指标名称\t单位\t数量
一、主动公开情况\t—\t—
（一）主动公开政府信息数\t条\t120
其中：主动公开规范性文件数\t条\t3
三、依申请公开情况\t—\t—
（一）收到申请数\t件\t5
1.当面申请数\t件\t1
3.网络申请数\t件\t4
（二）申请办结数\t件\t5
四、行政复议数量\t件\t0
五、行政诉讼数量\t件\t0

某县某局
2018年3月20日
"""


def read_text(text: str, name: str = "x.txt"):
    doc = Document(path=Path(name), source_format="txt", lines=text.split("\n"), encoding="utf-8")
    return extract_document(doc, TEMPLATES)


def clean_without_table3_values() -> str:
    """The clean demo report with every value of 表三 gone (labels kept), as a reader that lost the
    numbers of a table would leave it."""
    doc = read_document(CLEAN)
    t3 = extract_document(doc, TEMPLATES).tables["requests"]
    keep = [
        line
        for i, line in enumerate(doc.lines, start=1)
        if not (t3.first_line <= i <= t3.last_line and re.fullmatch(r"\t\d+", line))
    ]
    return "\n".join(keep)


def test_a_report_in_neither_format_is_not_audited():
    r = read_text(REPORT_2017)
    assert (r.template, r.year) == (None, 2017)
    assert r.not_audited == {
        "code": "outside-formats",
        "zh": "2017年度报告既不符合2019年版也不符合2021年版年度报告格式（未找到任何标准表格），无法按格式审查",
        "en": "The report (for 2017) follows neither the 2019 nor the 2021 annual report format (no standard table "
        "found); it could not be audited against the format",
        "ask_zh": "请确认报告年度与所用格式；如有按《中华人民共和国政府信息公开工作年度报告格式》编制的版本，请提供",
        "ask_en": "ask the agency to confirm the year and format, and for a version in the official annual report "
        "format",
    }


def test_a_table_whose_labels_are_there_but_whose_cells_are_not_is_unreadable_not_blank():
    r = read_text(clean_without_table3_values())
    assert r.template == "2021" and r.tables["requests"].found
    assert r.not_audited["code"] == "tables-unreadable"
    assert r.not_audited["zh"] == (
        "报告中有标准表格的标签，但表格内容无法读取：表三（收到和处理政府信息公开申请情况）仅读出0/175格。"
        "这是读取问题，不是报告的问题，报告无法审查"
    )
    assert "table 3 (requests received and handled): only 0 of 175 cells read" in r.not_audited["en"]
    assert r.not_audited["ask_zh"] == "请提供表格可以逐格复制的版本（如 Word 文档、网页版或带文本层的PDF）"
    assert read_text("\n".join(read_document(CLEAN).lines)).not_audited is None  # the report as published


@pytest.mark.parametrize(
    ("read", "expected"),
    [(8, None), (7, "tables-unreadable"), (15, None), (0, "tables-unreadable")],
)
def test_fewer_than_half_of_the_cells_read_is_the_threshold(read, expected):
    """表四 has 15 cells: 8 read is at least half, 7 is fewer. Missing and ambiguous cells are not read."""
    r = report_from_dict({"template": "2021", "fill": "0"}, TEMPLATES)
    appeals = r.tables["appeals"]
    appeals.found = False
    appeals.labels_seen = True
    for i, key in enumerate(TEMPLATES.versions["2021"].tables["appeals"].cell_keys()):
        if i >= read:
            appeals.cells[key] = (
                Cell(raw="1 2", kind="ambiguous", candidates=("12", "1 | 2"))
                if i % 2
                else Cell(raw=None, kind="missing")
            )
    assess(r, TEMPLATES)
    assert (r.not_audited or {}).get("code") == expected
    if expected:
        assert f"表四（政府信息公开行政复议、行政诉讼情况）仅读出{read}/15格" in r.not_audited["zh"]


def test_a_table_neither_found_nor_labelled_is_missing_not_unreadable():
    """No label of 表四 anywhere: that is the agency's omission (EXT-TABLE), and the report is audited."""
    r = report_from_dict({"template": "2021", "fill": "0", "tables_missing": ["appeals"]}, TEMPLATES)
    assess(r, TEMPLATES)
    assert r.not_audited is None


def test_blank_slash_dash_and_text_cells_are_read():
    r = report_from_dict({"template": "2021", "fill": ""}, TEMPLATES)  # every cell blank: read, and scored
    for i, key in enumerate(TEMPLATES.versions["2021"].tables["appeals"].cell_keys()):
        r.tables["appeals"].cells[key] = Cell(
            raw=["/", "-", "无", ""][i % 4], kind=["slash", "dash", "text", "blank"][i % 4]
        )
    assess(r, TEMPLATES)
    assert r.not_audited is None


def test_a_legacy_file_without_converter_asks_for_another_format():
    doc = Document(
        path=Path("old.doc"),
        source_format="doc",
        lines=[],
        machine_readable=False,
        notes=[
            reader_note(
                "legacy .doc file and LibreOffice (soffice) is not installed; not machine-readable here",
                "旧版.doc文件，本机未安装LibreOffice（soffice），无法读取为文本",
            )
        ],
    )
    r = extract_document(doc, TEMPLATES)
    assert r.not_audited["code"] == "scan"
    assert r.not_audited["zh"] == "报告无法作为文本读取（旧版文件格式且本机无法转换），内容无法审查"
    assert r.not_audited["ask_zh"] == "请提供 .docx、带文本层的PDF或网页版（本机无法转换旧版 .doc/.wps/.rtf 文件）"


def test_not_audited_reports_get_no_score_no_rank_and_are_listed_apart(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CLEAN, src / "a_clean.txt")
    (src / "b_old.txt").write_text(REPORT_2017, encoding="utf-8")
    (src / "c_lost.txt").write_text(clean_without_table3_values(), encoding="utf-8")
    shutil.copy(DEMO / "03_songxi_zhen_2020.txt", src / "d_songxi.txt")
    result = audit(src, RULES)
    by_id = {s.report_id: s for s in result.scores}
    assert [s.report_id for s in result.scores] == ["a_clean.txt", "d_songxi.txt", "b_old.txt", "c_lost.txt"]
    # a_clean (2022) and d_songxi (2020) are each first of their year
    assert [(s.rank, s.year_rank, s.score is None, s.passed) for s in result.scores] == [
        (1, 1, False, True),
        (2, 1, False, True),
        (None, None, True, False),
        (None, None, True, False),
    ]
    assert by_id["b_old.txt"].not_audited["code"] == "outside-formats"
    assert by_id["c_lost.txt"].not_audited["code"] == "tables-unreadable"
    assert result.findings_of("c_lost.txt"), "its findings stay visible"
    assert by_id["c_lost.txt"].deductions == [] and by_id["c_lost.txt"].categories == {}

    out = tmp_path / "out"
    write_outputs(result, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    ranking = index[index.index('<div id="ranking">') : index.index('<h2 id="not-audited">')]
    section = index[index.index('<table id="not-audited-reports"') :]
    assert "a_clean.txt" in ranking and "d_songxi.txt" in ranking
    assert "b_old.txt" not in ranking and "c_lost.txt" not in ranking
    assert 'data-code="outside-formats"' in section and 'data-code="tables-unreadable"' in section
    assert '<div class="v" id="n-reports">2</div>' in index and '<div class="v" id="n-not-audited">2</div>' in index
    page = (out / "agencies" / "c_lost.txt.html").read_text(encoding="utf-8")
    assert 'id="not-audited-reason"' in page and 'id="score"' not in page and 'id="deductions"' not in page
    assert "请提供表格可以逐格复制的版本" in page and "本报告未能审查：以下结果仅供参考" in page
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [(r["report_id"], r["status"], r["rank"], r["score"]) for r in doc["reports"]][2:] == [
        ("b_old.txt", "not_audited", None, None),
        ("c_lost.txt", "not_audited", None, None),
    ]

    en = tmp_path / "en"
    write_outputs(result, en, lang="en")
    page = (en / "agencies" / "b_old.txt.html").read_text(encoding="utf-8")
    assert ">Not audited<" in page and "follows neither the 2019 nor the 2021 annual report format" in page
    assert "ask the agency to confirm the year and format" in page
    assert "Reports not audited" in (en / "index.html").read_text(encoding="utf-8")
