"""One small hand-written report fragment in every input format, and every cell the reader must get
from it, written out by hand.

The twin tests (`test_html_docx.py`, `test_pdf_twins.py`) compare each format with the text version
read by the same code, so an error in reading text would be copied into every expectation. Here the
expected cells are literal strings typed from the document below, never derived from the extractor
or the template data: `EXPECTED` lists every cell of 表三 and 表四 (a blank as "", a "/" as "/").

The document (a 2022 report, so the 2021 format): a title, section 三 with 表三 and section 四 with
表四; distinctive numbers (17, 23, 12, 21, 4 in 表四 复议总计), one blank cell (（三）8 × 科研机构) and one "/"
(（六）3 × 法律服务机构). 表三 balances: 一+二 = 17+3 = 20 = （七）+四 = 17+3 for 自然人, 26 = 21+5 in total.

- `.txt`: tab-separated cells (the label columns of merged cells left empty);
- `.md`: a pipe table with the merged cells as empty cells;
- `.html`: rowspan/colspan as the official layout, `<br>` inside label cells, GBK bytes declared by a
  `charset=gbk` meta tag;
- `.docx` (python-docx, built here): horizontally and vertically merged cells, 表三 split over two
  Word tables, the merged labels continuing as empty merged cells in the second;
- `.pdf` (reportlab, drawn here): a ruled grid whose merged cells have no inner rules,
  三、本年度办理结果 written vertically one character per line in a cell spanning every result row,
  and a page break inside 表三 (after （三）4) with no repeated header.
"""

from __future__ import annotations

from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from disclosure_audit.extract import extract_file
from disclosure_audit.ingest import read_document
from tests.conftest import RULES

TITLE = "柏溪县档案局2022年政府信息公开工作年度报告"
HEAD3 = "三、收到和处理政府信息公开申请情况"
HEAD4 = "四、政府信息公开行政复议、行政诉讼情况"
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# ----------------------------------------------------------------------------------- what to read

EXPECTED = {
    # 表三, row by row; columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    ("requests", "new", "natural"): "17",
    ("requests", "new", "commercial"): "4",
    ("requests", "new", "research"): "0",
    ("requests", "new", "social"): "0",
    ("requests", "new", "legal"): "2",
    ("requests", "new", "other_org"): "0",
    ("requests", "new", "total"): "23",
    ("requests", "carried_over", "natural"): "3",
    ("requests", "carried_over", "commercial"): "0",
    ("requests", "carried_over", "research"): "0",
    ("requests", "carried_over", "social"): "0",
    ("requests", "carried_over", "legal"): "0",
    ("requests", "carried_over", "other_org"): "0",
    ("requests", "carried_over", "total"): "3",
    ("requests", "granted", "natural"): "9",
    ("requests", "granted", "commercial"): "2",
    ("requests", "granted", "research"): "0",
    ("requests", "granted", "social"): "0",
    ("requests", "granted", "legal"): "1",
    ("requests", "granted", "other_org"): "0",
    ("requests", "granted", "total"): "12",
    ("requests", "partial", "natural"): "2",
    ("requests", "partial", "commercial"): "0",
    ("requests", "partial", "research"): "0",
    ("requests", "partial", "social"): "0",
    ("requests", "partial", "legal"): "0",
    ("requests", "partial", "other_org"): "0",
    ("requests", "partial", "total"): "2",
    ("requests", "denied.1", "natural"): "0",
    ("requests", "denied.1", "commercial"): "0",
    ("requests", "denied.1", "research"): "0",
    ("requests", "denied.1", "social"): "0",
    ("requests", "denied.1", "legal"): "0",
    ("requests", "denied.1", "other_org"): "0",
    ("requests", "denied.1", "total"): "0",
    ("requests", "denied.2", "natural"): "0",
    ("requests", "denied.2", "commercial"): "0",
    ("requests", "denied.2", "research"): "0",
    ("requests", "denied.2", "social"): "0",
    ("requests", "denied.2", "legal"): "0",
    ("requests", "denied.2", "other_org"): "0",
    ("requests", "denied.2", "total"): "0",
    ("requests", "denied.3", "natural"): "1",
    ("requests", "denied.3", "commercial"): "0",
    ("requests", "denied.3", "research"): "0",
    ("requests", "denied.3", "social"): "0",
    ("requests", "denied.3", "legal"): "0",
    ("requests", "denied.3", "other_org"): "0",
    ("requests", "denied.3", "total"): "1",
    ("requests", "denied.4", "natural"): "0",
    ("requests", "denied.4", "commercial"): "0",
    ("requests", "denied.4", "research"): "0",
    ("requests", "denied.4", "social"): "0",
    ("requests", "denied.4", "legal"): "0",
    ("requests", "denied.4", "other_org"): "0",
    ("requests", "denied.4", "total"): "0",
    ("requests", "denied.5", "natural"): "0",
    ("requests", "denied.5", "commercial"): "0",
    ("requests", "denied.5", "research"): "0",
    ("requests", "denied.5", "social"): "0",
    ("requests", "denied.5", "legal"): "0",
    ("requests", "denied.5", "other_org"): "0",
    ("requests", "denied.5", "total"): "0",
    ("requests", "denied.6", "natural"): "0",
    ("requests", "denied.6", "commercial"): "0",
    ("requests", "denied.6", "research"): "0",
    ("requests", "denied.6", "social"): "0",
    ("requests", "denied.6", "legal"): "0",
    ("requests", "denied.6", "other_org"): "0",
    ("requests", "denied.6", "total"): "0",
    ("requests", "denied.7", "natural"): "0",
    ("requests", "denied.7", "commercial"): "0",
    ("requests", "denied.7", "research"): "0",
    ("requests", "denied.7", "social"): "0",
    ("requests", "denied.7", "legal"): "0",
    ("requests", "denied.7", "other_org"): "0",
    ("requests", "denied.7", "total"): "0",
    ("requests", "denied.8", "natural"): "0",
    ("requests", "denied.8", "commercial"): "0",
    ("requests", "denied.8", "research"): "",  # printed blank
    ("requests", "denied.8", "social"): "0",
    ("requests", "denied.8", "legal"): "0",
    ("requests", "denied.8", "other_org"): "0",
    ("requests", "denied.8", "total"): "0",
    ("requests", "unable.1", "natural"): "4",
    ("requests", "unable.1", "commercial"): "1",
    ("requests", "unable.1", "research"): "0",
    ("requests", "unable.1", "social"): "0",
    ("requests", "unable.1", "legal"): "0",
    ("requests", "unable.1", "other_org"): "0",
    ("requests", "unable.1", "total"): "5",
    ("requests", "unable.2", "natural"): "0",
    ("requests", "unable.2", "commercial"): "0",
    ("requests", "unable.2", "research"): "0",
    ("requests", "unable.2", "social"): "0",
    ("requests", "unable.2", "legal"): "0",
    ("requests", "unable.2", "other_org"): "0",
    ("requests", "unable.2", "total"): "0",
    ("requests", "unable.3", "natural"): "0",
    ("requests", "unable.3", "commercial"): "0",
    ("requests", "unable.3", "research"): "0",
    ("requests", "unable.3", "social"): "0",
    ("requests", "unable.3", "legal"): "0",
    ("requests", "unable.3", "other_org"): "0",
    ("requests", "unable.3", "total"): "0",
    ("requests", "not_processed.1", "natural"): "0",
    ("requests", "not_processed.1", "commercial"): "0",
    ("requests", "not_processed.1", "research"): "0",
    ("requests", "not_processed.1", "social"): "0",
    ("requests", "not_processed.1", "legal"): "0",
    ("requests", "not_processed.1", "other_org"): "0",
    ("requests", "not_processed.1", "total"): "0",
    ("requests", "not_processed.2", "natural"): "1",
    ("requests", "not_processed.2", "commercial"): "0",
    ("requests", "not_processed.2", "research"): "0",
    ("requests", "not_processed.2", "social"): "0",
    ("requests", "not_processed.2", "legal"): "0",
    ("requests", "not_processed.2", "other_org"): "0",
    ("requests", "not_processed.2", "total"): "1",
    ("requests", "not_processed.3", "natural"): "0",
    ("requests", "not_processed.3", "commercial"): "0",
    ("requests", "not_processed.3", "research"): "0",
    ("requests", "not_processed.3", "social"): "0",
    ("requests", "not_processed.3", "legal"): "0",
    ("requests", "not_processed.3", "other_org"): "0",
    ("requests", "not_processed.3", "total"): "0",
    ("requests", "not_processed.4", "natural"): "0",
    ("requests", "not_processed.4", "commercial"): "0",
    ("requests", "not_processed.4", "research"): "0",
    ("requests", "not_processed.4", "social"): "0",
    ("requests", "not_processed.4", "legal"): "0",
    ("requests", "not_processed.4", "other_org"): "0",
    ("requests", "not_processed.4", "total"): "0",
    ("requests", "not_processed.5", "natural"): "0",
    ("requests", "not_processed.5", "commercial"): "0",
    ("requests", "not_processed.5", "research"): "0",
    ("requests", "not_processed.5", "social"): "0",
    ("requests", "not_processed.5", "legal"): "0",
    ("requests", "not_processed.5", "other_org"): "0",
    ("requests", "not_processed.5", "total"): "0",
    ("requests", "other.1", "natural"): "0",
    ("requests", "other.1", "commercial"): "0",
    ("requests", "other.1", "research"): "0",
    ("requests", "other.1", "social"): "0",
    ("requests", "other.1", "legal"): "0",
    ("requests", "other.1", "other_org"): "0",
    ("requests", "other.1", "total"): "0",
    ("requests", "other.2", "natural"): "0",
    ("requests", "other.2", "commercial"): "0",
    ("requests", "other.2", "research"): "0",
    ("requests", "other.2", "social"): "0",
    ("requests", "other.2", "legal"): "0",
    ("requests", "other.2", "other_org"): "0",
    ("requests", "other.2", "total"): "0",
    ("requests", "other.3", "natural"): "0",
    ("requests", "other.3", "commercial"): "0",
    ("requests", "other.3", "research"): "0",
    ("requests", "other.3", "social"): "0",
    ("requests", "other.3", "legal"): "/",  # printed "/"
    ("requests", "other.3", "other_org"): "0",
    ("requests", "other.3", "total"): "0",
    ("requests", "total", "natural"): "17",
    ("requests", "total", "commercial"): "3",
    ("requests", "total", "research"): "0",
    ("requests", "total", "social"): "0",
    ("requests", "total", "legal"): "1",
    ("requests", "total", "other_org"): "0",
    ("requests", "total", "total"): "21",
    ("requests", "carry_forward", "natural"): "3",
    ("requests", "carry_forward", "commercial"): "1",
    ("requests", "carry_forward", "research"): "0",
    ("requests", "carry_forward", "social"): "0",
    ("requests", "carry_forward", "legal"): "1",
    ("requests", "carry_forward", "other_org"): "0",
    ("requests", "carry_forward", "total"): "5",
    # 表四: 行政复议 | 未经复议直接起诉 | 复议后起诉, each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计
    ("appeals", "cases", "review.upheld"): "2",
    ("appeals", "cases", "review.corrected"): "1",
    ("appeals", "cases", "review.other"): "0",
    ("appeals", "cases", "review.pending"): "1",
    ("appeals", "cases", "review.total"): "4",
    ("appeals", "cases", "suit_direct.upheld"): "0",
    ("appeals", "cases", "suit_direct.corrected"): "1",
    ("appeals", "cases", "suit_direct.other"): "0",
    ("appeals", "cases", "suit_direct.pending"): "0",
    ("appeals", "cases", "suit_direct.total"): "1",
    ("appeals", "cases", "suit_after_review.upheld"): "1",
    ("appeals", "cases", "suit_after_review.corrected"): "0",
    ("appeals", "cases", "suit_after_review.other"): "0",
    ("appeals", "cases", "suit_after_review.pending"): "0",
    ("appeals", "cases", "suit_after_review.total"): "1",
}
MISSING = "<missing>"  # a cell the reader found no value for (not the same as a printed blank)


def read_cells(path: Path) -> dict[tuple[str, str, str], str]:
    r = extract_file(path, RULES)
    assert (r.template, r.year, r.agency) == ("2021", 2022, "柏溪县档案局"), path.name
    assert [s.number for s in r.sections] == [3, 4]
    got = {}
    for table in ("requests", "appeals"):
        for (row, col), cell in r.tables[table].cells.items():
            got[(table, row, col)] = MISSING if cell.kind == "missing" else cell.raw
    # the blank and the slash are told apart from zero and from each other
    assert r.tables["requests"].cell("denied.8", "research").kind == "blank"
    assert r.tables["requests"].cell("other.3", "legal").kind == "slash"
    return got


# ----------------------------------------------------------------------------------- .txt

TXT = f"""{TITLE}
{HEAD3}
{NOTE}\t申请人情况
\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计
\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量\t17\t4\t0\t0\t2\t0\t23
二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3
三、本年度办理结果\t（一）予以公开\t9\t2\t0\t0\t1\t0\t12
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t0\t0\t0\t0\t0\t2
\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t\t3.危及“三安全一稳定”\t1\t0\t0\t0\t0\t0\t1
\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t\t8.属于行政查询事项\t0\t0\t\t0\t0\t0\t0
\t（四）无法提供\t1.本机关不掌握相关政府信息\t4\t1\t0\t0\t0\t0\t5
\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1
\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
\t\t3.其他\t0\t0\t0\t0\t/\t0\t0
\t（七）总计\t17\t3\t0\t0\t1\t0\t21
四、结转下年度继续办理\t3\t1\t0\t0\t1\t0\t5

{HEAD4}
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
2\t1\t0\t1\t4\t0\t1\t0\t0\t1\t1\t0\t0\t0\t1
"""


def test_txt_tab_cells(tmp_path: Path):
    path = tmp_path / "baixi.txt"
    path.write_text(TXT, encoding="utf-8")
    assert read_cells(path) == EXPECTED


# ----------------------------------------------------------------------------------- .md

MD = f"""# {TITLE}

## {HEAD3}

| {NOTE} |  |  | 申请人情况 |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|
|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |
|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |
| 一、本年新收政府信息公开申请数量 |  |  | 17 | 4 | 0 | 0 | 2 | 0 | 23 |
| 二、上年结转政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| 三、本年度办理结果 | （一）予以公开 |  | 9 | 2 | 0 | 0 | 1 | 0 | 12 |
|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
|  | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|  |  | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 8.属于行政查询事项 | 0 | 0 |  | 0 | 0 | 0 | 0 |
|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
|  |  | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|  |  | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.其他 | 0 | 0 | 0 | 0 | / | 0 | 0 |
|  | （七）总计 |  | 17 | 3 | 0 | 0 | 1 | 0 | 21 |
| 四、结转下年度继续办理 |  |  | 3 | 1 | 0 | 0 | 1 | 0 | 5 |

## {HEAD4}

| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |
|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 2 | 1 | 0 | 1 | 4 | 0 | 1 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 1 |
"""


def test_md_pipe_table(tmp_path: Path):
    path = tmp_path / "baixi.md"
    path.write_text(MD, encoding="utf-8")
    assert read_cells(path) == EXPECTED


# ----------------------------------------------------------------------------------- .html
# As a site's CMS publishes it: GBK bytes, a charset meta tag, the official layout's spans, and line
# breaks inside label cells. (Written by hand; Z7 stands for seven <td>0</td> cells.)

Z7 = "<td>0</td>" * 7
HTML = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{TITLE}</title>
</head>
<body>
<h1>{TITLE}</h1>
<p>{HEAD3}</p>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td><td>法律<br>服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息<br>公开申请数量</td><td>17</td><td>4</td><td>0</td><td>0</td><td>2</td><td>0</td><td>23</td></tr>
<tr><td colspan="3">二、上年结转政府信息<br>公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td rowspan="22">三、本年度<br>办理结果</td><td colspan="2">（一）予以公开</td><td>9</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>12</td></tr>
<tr><td colspan="2">（二）部分公开<br>（区分处理的，只计这一情形，不计其他情形）</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>{Z7}</tr>
<tr><td>2.其他法律行政法规禁止公开</td>{Z7}</tr>
<tr><td>3.危及“三安全一稳定”</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>4.保护第三方合法权益</td>{Z7}</tr>
<tr><td>5.属于三类内部事务信息</td>{Z7}</tr>
<tr><td>6.属于四类过程性信息</td>{Z7}</tr>
<tr><td>7.属于行政执法案卷</td>{Z7}</tr>
<tr><td>8.属于行政查询事项</td><td>0</td><td>0</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td>2.没有现成信息需要另行制作</td>{Z7}</tr>
<tr><td>3.补正后申请内容仍不明确</td>{Z7}</tr>
<tr><td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td>{Z7}</tr>
<tr><td>2.重复申请</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>3.要求提供公开出版物</td>{Z7}</tr>
<tr><td>4.无正当理由大量反复申请</td>{Z7}</tr>
<tr><td>5.要求行政机关确认或重新<br>出具已获取信息</td>{Z7}</tr>
<tr><td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、<br>行政机关不再处理其政府信息公开申请</td>{Z7}</tr>
<tr><td>2.申请人逾期未按收费通知要求缴纳费用、<br>行政机关不再处理其政府信息公开申请</td>{Z7}</tr>
<tr><td>3.其他</td><td>0</td><td>0</td><td>0</td><td>0</td><td>/</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">（七）总计</td><td>17</td><td>3</td><td>0</td><td>0</td><td>1</td><td>0</td><td>21</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>3</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>5</td></tr>
</table>
<p>{HEAD4}</p>
<table border="1">
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果<br>维持</td><td rowspan="2">结果<br>纠正</td><td rowspan="2">其他<br>结果</td><td rowspan="2">尚未<br>审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td><td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td></tr>
<tr><td>2</td><td>1</td><td>0</td><td>1</td><td>4</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table>
</body>
</html>
"""  # noqa: E501 - one table row per line, as a CMS writes them


def test_html_gbk_page_with_spans_and_breaks(tmp_path: Path):
    path = tmp_path / "baixi.html"
    path.write_bytes(HTML.encode("gbk"))
    assert read_document(path).encoding == "gb18030"  # from the meta tag (GBK is read as its superset)
    assert read_cells(path) == EXPECTED


# ----------------------------------------------------------------------------------- .docx / .pdf
# Both are built from these rows: the label columns as printed, then the seven values.
# (group, label): group is the merged label of （三）–（六） (None: the label spans both columns).

REQUEST_ROWS = [
    (None, "（一）予以公开", ("9", "2", "0", "0", "1", "0", "12")),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("2", "0", "0", "0", "0", "0", "2")),
    ("（三）不予公开", "1.属于国家秘密", ("0", "0", "0", "0", "0", "0", "0")),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", ("0", "0", "0", "0", "0", "0", "0")),
    ("（三）不予公开", "3.危及“三安全一稳定”", ("1", "0", "0", "0", "0", "0", "1")),
    ("（三）不予公开", "4.保护第三方合法权益", ("0", "0", "0", "0", "0", "0", "0")),
    # the page break (PDF) / the split into a second Word table (DOCX) comes here
    ("（三）不予公开", "5.属于三类内部事务信息", ("0", "0", "0", "0", "0", "0", "0")),
    ("（三）不予公开", "6.属于四类过程性信息", ("0", "0", "0", "0", "0", "0", "0")),
    ("（三）不予公开", "7.属于行政执法案卷", ("0", "0", "0", "0", "0", "0", "0")),
    ("（三）不予公开", "8.属于行政查询事项", ("0", "0", "", "0", "0", "0", "0")),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", ("4", "1", "0", "0", "0", "0", "5")),
    ("（四）无法提供", "2.没有现成信息需要另行制作", ("0", "0", "0", "0", "0", "0", "0")),
    ("（四）无法提供", "3.补正后申请内容仍不明确", ("0", "0", "0", "0", "0", "0", "0")),
    ("（五）不予处理", "1.信访举报投诉类申请", ("0", "0", "0", "0", "0", "0", "0")),
    ("（五）不予处理", "2.重复申请", ("1", "0", "0", "0", "0", "0", "1")),
    ("（五）不予处理", "3.要求提供公开出版物", ("0", "0", "0", "0", "0", "0", "0")),
    ("（五）不予处理", "4.无正当理由大量反复申请", ("0", "0", "0", "0", "0", "0", "0")),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", ("0", "0", "0", "0", "0", "0", "0")),
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("0", "0", "0", "0", "0", "0", "0"),
    ),
    (
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("0", "0", "0", "0", "0", "0", "0"),
    ),
    ("（六）其他处理", "3.其他", ("0", "0", "0", "0", "/", "0", "0")),
    (None, "（七）总计", ("17", "3", "0", "0", "1", "0", "21")),
]
SPLIT_AT = 6  # REQUEST_ROWS before the break
NEW = ("一、本年新收政府信息公开申请数量", ("17", "4", "0", "0", "2", "0", "23"))
CARRIED = ("二、上年结转政府信息公开申请数量", ("3", "0", "0", "0", "0", "0", "3"))
CARRY_FORWARD = ("四、结转下年度继续办理", ("3", "1", "0", "0", "1", "0", "5"))
APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
APPEALS = ("2", "1", "0", "1", "4", "0", "1", "0", "0", "1", "1", "0", "0", "0", "1")


def _docx_requests_part(d, rows: list, header: bool):
    """One Word table holding `rows` of 表三 (with the three header rows when `header`)."""
    # the first part adds the header rows, 一 and 二; the second 四
    t = d.add_table(rows=len(rows) + (5 if header else 1), cols=10)
    t.style = "Table Grid"
    r = 0
    if header:
        t.cell(0, 0).merge(t.cell(2, 2)).text = NOTE
        t.cell(0, 3).merge(t.cell(0, 9)).text = "申请人情况"
        t.cell(1, 3).merge(t.cell(2, 3)).text = "自然人"
        t.cell(1, 4).merge(t.cell(1, 8)).text = "法人或其他组织"
        t.cell(1, 9).merge(t.cell(2, 9)).text = "总计"
        for i, label in enumerate(APPLICANTS):
            t.cell(2, 4 + i).text = label
        for k, (label, values) in enumerate((NEW, CARRIED)):
            t.cell(3 + k, 0).merge(t.cell(3 + k, 2)).text = label
            for i, v in enumerate(values):
                t.cell(3 + k, 3 + i).text = v
        r = 5
    first = r
    continued = set() if header else {g for g, _, _ in REQUEST_ROWS[:SPLIT_AT]}
    # 三、本年度办理结果 down the first column of every result row of this part (continued: empty)
    t.cell(first, 0).merge(t.cell(first + len(rows) - 1, 0)).text = "三、本年度办理结果" if header else ""
    k = 0
    while k < len(rows):
        group = rows[k][0]
        end = k
        while end + 1 < len(rows) and group is not None and rows[end + 1][0] == group:
            end += 1
        if group is None:
            t.cell(first + k, 1).merge(t.cell(first + k, 2)).text = rows[k][1]
        else:
            # a group continued from the previous Word table is an empty merged cell
            t.cell(first + k, 1).merge(t.cell(first + end, 1)).text = "" if group in continued else group
            for j in range(k, end + 1):
                t.cell(first + j, 2).text = rows[j][1]
        for j in range(k, end + 1):
            for i, v in enumerate(rows[j][2]):
                t.cell(first + j, 3 + i).text = v
        k = end + 1
    if not header:
        last = first + len(rows)
        t.cell(last, 0).merge(t.cell(last, 2)).text = CARRY_FORWARD[0]
        for i, v in enumerate(CARRY_FORWARD[1]):
            t.cell(last, 3 + i).text = v


def test_docx_merged_cells_and_a_table_split_in_two(tmp_path: Path):
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(HEAD3)
    _docx_requests_part(d, REQUEST_ROWS[:SPLIT_AT], header=True)
    d.add_paragraph("")  # Word keeps a paragraph between the two halves of a split table
    _docx_requests_part(d, REQUEST_ROWS[SPLIT_AT:], header=False)
    d.add_paragraph(HEAD4)
    t = d.add_table(rows=4, cols=15)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    for i, label in enumerate(OUTCOMES):
        t.cell(1, i).merge(t.cell(2, i)).text = label
        t.cell(2, 5 + i).text = label
        t.cell(2, 10 + i).text = label
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    for i, v in enumerate(APPEALS):
        t.cell(3, i).text = v
    path = tmp_path / "baixi.docx"
    d.save(str(path))
    doc = read_document(path)
    assert len(doc.layout.segments) == 3, "表三's two Word tables and 表四"
    # a merged cell is read once, at its first position: the 3×3 note, 申请人情况 over seven columns,
    # 自然人 and 总计 over two rows, 法人或其他组织 over five columns
    first, second = doc.layout.segments[0].cells, doc.layout.segments[1].cells
    assert [c.text for c in first[:10]] == [NOTE, "申请人情况", "自然人", "法人或其他组织", "总计", *APPLICANTS]
    # the second Word table starts with the continued (empty) merges, then （三）5's label
    assert [c.text for c in second[:4]] == ["", "", "5.属于三类内部事务信息", "0"]
    assert read_cells(path) == EXPECTED


FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
SIZE, LEAD, PAD = 8.0, 10.0, 3.0


def _lines(text: str, width: float) -> list[str]:
    """Break a label into lines that fit `width` (character by character, as Word does for CJK)."""
    out = [""]
    for ch in text:
        if out[-1] and pdfmetrics.stringWidth(out[-1] + ch, FONT, SIZE) > width - 2 * PAD:
            out.append("")
        out[-1] += ch
    return out


def _draw_grid(c: Canvas, top: float, widths: list[float], heights: list[float], cells: list) -> float:
    """Ruled grid whose every cell draws its own four borders (a merged cell has no inner rules).
    `cells`: (row0, col0, row1, col1, text, vertical). Returns the y below the grid."""
    xs = [40.0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    c.setFont(FONT, SIZE)
    for r0, c0, r1, c1, text, vertical in cells:
        x0, x1, y0, y1 = xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1]
        c.rect(x0, y1, x1 - x0, y0 - y1)
        lines = list(text) if vertical else _lines(text, x1 - x0)
        if not text:
            continue
        y = (y0 + y1) / 2 + (len(lines) - 1) * LEAD / 2 - SIZE / 3
        for line in lines:
            c.drawString(x0 + PAD, y, line)
            y -= LEAD
    return ys[-1]


def _row_height(*cells: tuple[str, float]) -> float:
    return max(18.0, *(len(_lines(t, w)) * LEAD + 2 * PAD for t, w in cells))


def _requests_rows(rows: list, first: int, continued: set, with_group_label: bool):
    """Cells and heights of result rows (`first` is the grid row of the first)."""
    w = [24.0, 56.0, 170.0] + [38.0] * 7
    cells, heights = [], []
    k = 0
    while k < len(rows):
        group = rows[k][0]
        end = k
        while end + 1 < len(rows) and group is not None and rows[end + 1][0] == group:
            end += 1
        if group is None:
            heights.append(_row_height((rows[k][1], w[1] + w[2])))
            cells.append((first + k, 1, first + k, 2, rows[k][1], False))
        else:
            for j in range(k, end + 1):
                heights.append(_row_height((rows[j][1], w[2])))
                cells.append((first + j, 2, first + j, 2, rows[j][1], False))
            cells.append((first + k, 1, first + end, 1, "" if group in continued else group, False))
        for j in range(k, end + 1):
            cells += [(first + j, 3 + i, first + j, 3 + i, v, False) for i, v in enumerate(rows[j][2])]
        k = end + 1
    label = "三、本年度办理结果" if with_group_label else ""
    cells.append((first, 0, first + len(rows) - 1, 0, label, True))  # written vertically
    return w, cells, heights


def test_pdf_ruled_grid_vertical_label_and_page_break(tmp_path: Path):
    path = tmp_path / "baixi.pdf"
    c = Canvas(str(path), pagesize=A4)
    page_h = A4[1]
    c.setFont(FONT, 14)
    c.drawString(90, page_h - 70, TITLE)
    c.setFont(FONT, 12)
    c.drawString(60, page_h - 100, HEAD3)
    # page 1: header rows, 一, 二 and the result rows before the break
    head = [
        (0, 0, 2, 2, NOTE, False),
        (0, 3, 0, 9, "申请人情况", False),
        (1, 3, 2, 3, "自然人", False),
        (1, 4, 1, 8, "法人或其他组织", False),
        (1, 9, 2, 9, "总计", False),
        *[(2, 4 + i, 2, 4 + i, label, False) for i, label in enumerate(APPLICANTS)],
    ]
    for k, (label, values) in enumerate((NEW, CARRIED)):
        head.append((3 + k, 0, 3 + k, 2, label, False))
        head += [(3 + k, 3 + i, 3 + k, 3 + i, v, False) for i, v in enumerate(values)]
    w, cells, heights = _requests_rows(REQUEST_ROWS[:SPLIT_AT], 5, set(), True)
    _draw_grid(c, page_h - 115, w, [20.0, 18.0, 28.0, 18.0, 18.0, *heights], head + cells)
    c.setFont(FONT, 9)
    c.drawString(A4[0] / 2 - 10, 40, "- 1 -")
    c.showPage()
    # page 2: the rest of 表三 with no repeated header (merged labels continue as empty cells)
    continued = {g for g, _, _ in REQUEST_ROWS[:SPLIT_AT]}
    w, cells, heights = _requests_rows(REQUEST_ROWS[SPLIT_AT:], 0, continued, False)
    last = len(heights)
    cells.append((last, 0, last, 2, CARRY_FORWARD[0], False))
    cells += [(last, 3 + i, last, 3 + i, v, False) for i, v in enumerate(CARRY_FORWARD[1])]
    bottom = _draw_grid(c, page_h - 60, w, [*heights, 18.0], cells)
    c.setFont(FONT, 12)
    c.drawString(60, bottom - 30, HEAD4)
    appeals = [(0, 0, 0, 4, "行政复议", False), (0, 5, 0, 14, "行政诉讼", False)]
    appeals += [(1, 5, 1, 9, "未经复议直接起诉", False), (1, 10, 1, 14, "复议后起诉", False)]
    for i, label in enumerate(OUTCOMES):
        appeals += [
            (1, i, 2, i, label, False),
            (2, 5 + i, 2, 5 + i, label, False),
            (2, 10 + i, 2, 10 + i, label, False),
        ]
    appeals += [(3, i, 3, i, v, False) for i, v in enumerate(APPEALS)]
    _draw_grid(c, bottom - 45, [34.0] * 15, [18.0, 18.0, 28.0, 18.0], appeals)
    c.setFont(FONT, 9)
    c.drawString(A4[0] / 2 - 10, 40, "- 2 -")
    c.showPage()
    c.save()
    r = extract_file(path, RULES)
    assert {cell.page for cell in r.tables["requests"].cells.values()} == {1, 2}  # 表三 crosses the break
    assert read_cells(path) == EXPECTED
