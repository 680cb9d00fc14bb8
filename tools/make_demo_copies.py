"""Write the copied-text demo reports and their expectations (rules COPY-AGENCY, COPY-PREV, COPY-TABLES).

Two reports of an invented agency, 白石县水利局, in the 2021 format, markdown tables, UTF-8:

* `reports_in/14_baishi_slj_2021.txt`: its 2021 report, written in its own words (no deliberate defect).
* `reports_in/13_baishi_slj_2022.txt`: its 2022 report, signed 2023-01-29. Its 总体情况 opening paragraph
  and both paragraphs of section 五 are taken near-verbatim from 望江市发展和改革委员会's 2021 report
  (`09_wangjiang_fgw_2021.txt`, published earlier) with the agency's name and a few words swapped
  → COPY-AGENCY; its other paragraphs are last year's with the year changed → COPY-PREV; its 表三 and
  表四 are last year's cell for cell (表二 differs) → COPY-TABLES.

The copied passages are read from the current `09_wangjiang_fgw_2021.txt` (through the package's own
extractor), so re-run this script after `tools/make_demo_reports.py` regenerates that file.
Also writes `tests/data/demo_copies.yaml`. Deterministic.
Run: python tools/make_demo_copies.py [--out ROOT] (after tools/make_demo_reports.py)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from demo_model import Defect
from demo_readme import DemoFile

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports_in"
SOURCE = REPORTS / "09_wangjiang_fgw_2021.txt"
AGENCY = "白石县水利局"
OUT_2022 = "13_baishi_slj_2022.txt"
OUT_2021 = "14_baishi_slj_2021.txt"

# How the copier adapted 09's text: its own name, county for city, bureau for commission, and a few words.
ADAPT = [
    ("望江市发展和改革委员会", AGENCY),
    ("全市", "全县"),
    ("我委", "我局"),
    ("委门户网站", "局门户网站"),
    ("处室", "股室"),
    ("2021年", "2022年"),
    ("持续加大", "不断加大"),
    ("确保", "做到"),
]

# ---------------------------------------------------------------------------------------------------
# tables: 表三 and 表四 identical both years, 表二 differs

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other_org")
REQUEST_ROWS = [
    ("一、本年新收政府信息公开申请数量", "", "", "new"),
    ("二、上年结转政府信息公开申请数量", "", "", "carried_over"),
    ("三、本年度办理结果", "（一）予以公开", "", "granted"),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", "partial"),
    ("", "（三）不予公开", "1.属于国家秘密", "denied.1"),
    ("", "", "2.其他法律行政法规禁止公开", "denied.2"),
    ("", "", "3.危及“三安全一稳定”", "denied.3"),
    ("", "", "4.保护第三方合法权益", "denied.4"),
    ("", "", "5.属于三类内部事务信息", "denied.5"),
    ("", "", "6.属于四类过程性信息", "denied.6"),
    ("", "", "7.属于行政执法案卷", "denied.7"),
    ("", "", "8.属于行政查询事项", "denied.8"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息", "unable.1"),
    ("", "", "2.没有现成信息需要另行制作", "unable.2"),
    ("", "", "3.补正后申请内容仍不明确", "unable.3"),
    ("", "（五）不予处理", "1.信访举报投诉类申请", "not_processed.1"),
    ("", "", "2.重复申请", "not_processed.2"),
    ("", "", "3.要求提供公开出版物", "not_processed.3"),
    ("", "", "4.无正当理由大量反复申请", "not_processed.4"),
    ("", "", "5.要求行政机关确认或重新出具已获取信息", "not_processed.5"),
    (
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other.1",
    ),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.2"),
    ("", "", "3.其他", "other.3"),
    ("", "（七）总计", "", "total"),
    ("四、结转下年度继续办理", "", "", "carry_forward"),
]
RESULT_ROWS = [key for *_, key in REQUEST_ROWS[2:-2]]
# applicant columns per row (only non-zero given); 总计 column, （七）总计 and 四 are computed. 四 equals 二 in
# every column, so the copied 2022 table still carries last year's 结转 over (T3-XYEAR stays silent): the
# only defects are the copies.
REQUESTS = {
    "new": {"natural": 28, "commercial": 6, "legal": 2, "other_org": 1},
    "carried_over": {"natural": 2, "commercial": 1},
    "granted": {"natural": 13, "commercial": 3, "legal": 1, "other_org": 1},
    "partial": {"natural": 3, "commercial": 2},
    "denied.4": {"natural": 2},
    "denied.6": {"natural": 1},
    "unable.1": {"natural": 5, "commercial": 1, "legal": 1},
    "unable.2": {"natural": 1},
    "not_processed.1": {"natural": 2},
    "other.1": {"natural": 1},
}
APPEALS = {"review": (1, 0, 0, 0), "suit_direct": (0, 0, 0, 1), "suit_after_review": (0, 0, 0, 0)}
ACTIVE = {  # year → (规章 制发/废止/现行, 规范性文件 制发/废止/现行, 许可, 处罚, 强制, 收费万元)
    2021: ((0, 0, 0), (2, 1, 9), 206, 31, 2, "0"),
    2022: ((0, 0, 0), (3, 1, 14), 214, 36, 3, "0"),  # 14 ≠ 9 + 3 − 1: T2-21-XYEAR
}


def request_values() -> dict[str, dict[str, int]]:
    rows = {key: {c: REQUESTS.get(key, {}).get(c, 0) for c in APPLICANTS} for *_, key in REQUEST_ROWS}
    for c in APPLICANTS:
        rows["total"][c] = sum(rows[r][c] for r in RESULT_ROWS)
        rows["carry_forward"][c] = rows["new"][c] + rows["carried_over"][c] - rows["total"][c]
        assert rows["carry_forward"][c] >= 0, c
    for vals in rows.values():
        vals["total"] = sum(vals[c] for c in APPLICANTS)
    return rows


def md_row(cells: list[str | int]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def tables(year: int) -> tuple[str, str, str]:
    rules, normative, licensing, penalty, coercion, fees = ACTIVE[year]
    t2 = "\n\n".join(
        [
            "\n".join(
                [
                    md_row(["第二十条第（一）项", "", "", ""]),
                    "|---|---|---|---|",
                    md_row(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
                    md_row(["规章", *rules]),
                    md_row(["行政规范性文件", *normative]),
                ]
            ),
            "\n".join(
                [
                    md_row(["第二十条第（五）项", ""]),
                    "|---|---|",
                    md_row(["信息内容", "本年处理决定数量"]),
                    md_row(["行政许可", licensing]),
                ]
            ),
            "\n".join(
                [
                    md_row(["第二十条第（六）项", ""]),
                    "|---|---|",
                    md_row(["信息内容", "本年处理决定数量"]),
                    md_row(["行政处罚", penalty]),
                    md_row(["行政强制", coercion]),
                ]
            ),
            "\n".join(
                [
                    md_row(["第二十条第（八）项", ""]),
                    "|---|---|",
                    md_row(["信息内容", "本年收费金额（单位：万元）"]),
                    md_row(["行政事业性收费", fees]),
                ]
            ),
        ]
    )
    values = request_values()
    t3 = [
        md_row(
            ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", *[""] * 6]
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
        md_row(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        md_row(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
    ]
    for a, b, c, key in REQUEST_ROWS:
        t3.append(md_row([a, b, c, *(values[key][col] for col in (*APPLICANTS, "total"))]))
    groups = [(*APPEALS[g], sum(APPEALS[g])) for g in ("review", "suit_direct", "suit_after_review")]
    t4 = [
        md_row(["行政复议", "", "", "", "", "行政诉讼", *[""] * 9]),
        "|" + "---|" * 15,
        md_row(
            [
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
                "未经复议直接起诉",
                *[""] * 4,
                "复议后起诉",
                *[""] * 4,
            ]
        ),
        md_row(["", "", "", "", "", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]),
        md_row([v for g in groups for v in g]),
    ]
    return t2, "\n".join(t3), "\n".join(t4)


# ---------------------------------------------------------------------------------------------------
# prose

V = request_values()
REQ = (
    f"全年新收政府信息公开申请{V['new']['total']}件，上年结转{V['carried_over']['total']}件，"
    f"办结{V['total']['total']}件，结转下年度继续办理{V['carry_forward']['total']}件"
)

# the agency's own words, written for 2021 and reused in 2022 with the year changed
OWN = {
    "intro_2021": (
        "{year}年，白石县水利局以水旱灾害防御、农村饮水安全和河湖长制落实为重点，坚持以公开促落实、"
        "以公开强监管，依法做好水利领域政府信息公开，主动回应群众对防汛抗旱和饮水安全的关切。"
    ),
    "active": (
        "（一）主动公开。全年通过县政府门户网站水利专栏主动公开政府信息{n}条，重点发布汛期雨情水情、"
        "水库防汛责任人名单、农村饮水安全工程建设进度和河道采砂许可结果，作出行政许可决定{lic}件、行政处罚决定{pen}件。"
    ),
    "requests": "（二）依申请公开。" + REQ + "，申请内容主要涉及取水许可审批、水利工程征地补偿和河道管理范围划定。",
    "management": (
        "（三）政府信息管理。落实信息发布前保密审查和“三审三校”制度，对涉及移民个人信息的补偿资料一律作去标识化处理，"
        "全年清理过期失效信息27条，未发生因信息公开不当引起的泄密事件。"
    ),
    "interpretation": (
        "（四）政策解读和回应关切。围绕河道采砂管理、农村供水工程维修养护等政策文件同步发布解读材料，"
        "在汛前通过政务新媒体发布防汛避险提示，及时回应群众对水库安全和饮水保障的关切。"
    ),
    "platform": (
        "（五）平台建设和监督保障。在局门户网站开设“防汛抗旱”“河湖长制”专题，汛期每日更新雨情水情信息；"
        "将政务公开工作纳入局属单位年度目标考核，全年组织业务培训2次。"
    ),
    "problems_2021": (
        "我局政府信息公开工作还存在以下不足：一是乡镇水利站信息报送不够及时，部分工程进度信息更新滞后；"
        "二是水利政策解读以转载为主，自行解读材料偏少。"
    ),
    "measures_2021": (
        "下一步，我局将建立乡镇水利站信息报送月通报制度，明确专人负责；围绕取水许可、河道采砂等群众关心的事项，"
        "每季度至少制作一期图文解读。"
    ),
    "other": (
        "本年度我局未收取政府信息公开信息处理费。全年承办县人大代表建议{nr}件、县政协提案{np}件，办理复文均已公开。"
    ),
}


def source_passages(source: Path = SOURCE) -> tuple[str, list[str]]:
    """09's 总体情况 opening paragraph and its section 五 paragraphs, as its extractor reads them."""
    sys.path.insert(0, str(ROOT / "src"))
    from disclosure_audit.extract import extract_file

    r = extract_file(source, ROOT / "rules")
    opening = next(p.text for p in r.paragraphs if p.section == 1 and re.match(r"\d{4}年", p.text))
    five = [p.text for p in r.paragraphs if p.section == 5]
    assert opening and len(five) >= 2, "09's layout changed: update tools/make_demo_copies.py"
    return opening, five[:2]


def adapt(text: str) -> str:
    for old, new in ADAPT:
        text = text.replace(old, new)
    return text


def report(year: int, published: str, paras: dict[str, list[str]]) -> str:
    t2, t3, t4 = tables(year)
    lines = [
        f"{AGENCY}{year}年政府信息公开工作年度报告",
        "",
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。"
        "本报告电子版可在白石县人民政府门户网站“政府信息公开”专栏查阅下载。",
        "",
        "一、总体情况",
        "",
        *[x for p in paras["one"] for x in (p, "")],
        "二、主动公开政府信息情况",
        "",
        t2,
        "",
        "三、收到和处理政府信息公开申请情况",
        "",
        t3,
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        t4,
        "",
        "五、存在的主要问题及改进情况",
        "",
        *[x for p in paras["five"] for x in (p, "")],
        "六、其他需要报告的事项",
        "",
        *[x for p in paras["six"] for x in (p, "")],
        AGENCY,
        published,
        "",
    ]
    return "\n".join(lines)


def own(key: str, year: int) -> str:
    _, _, lic, pen, _, _ = ACTIVE[year]
    n = {2021: 318, 2022: 342}[year]
    return OWN[key].format(year=year, n=n, lic=lic, pen=pen, nr=4, np=6)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="write reports_in/ and tests/data/ under this folder")
    out = parser.parse_args(argv).out
    reports = out / REPORTS.relative_to(ROOT)
    opening, five = source_passages(reports / SOURCE.name)
    r2021 = report(
        2021,
        "2022年1月26日",
        {
            "one": [
                own(k, 2021) for k in ("intro_2021", "active", "requests", "management", "interpretation", "platform")
            ],
            "five": [own("problems_2021", 2021), own("measures_2021", 2021)],
            "six": [own("other", 2021)],
        },
    )
    r2022 = report(
        2022,
        "2023年1月29日",
        {
            # the opening copied from 09, the rest last year's words with this year's figures
            "one": [adapt(opening)]
            + [own(k, 2022) for k in ("active", "requests", "management", "interpretation", "platform")],
            "five": [adapt(p) for p in five],
            "six": [own("other", 2022)],
        },
    )
    (reports / OUT_2021).write_text(r2021, encoding="utf-8", newline="\n")
    (reports / OUT_2022).write_text(r2022, encoding="utf-8", newline="\n")
    (out / "tests" / "data" / "demo_copies.yaml").write_text(EXPECTATIONS, encoding="utf-8", newline="\n")


# 13's deliberate defects (its expectations' comments and reports_in/README.md are written from them); 14 has none
DEFECTS_2022 = (
    Defect(
        ("COPY-AGENCY",),
        "总体情况开头一段和第五部分两段几乎原样取自 09_wangjiang_fgw_2021.txt（先发布），只换了机关名称和几个词",
        f"总体情况 opening and both paragraphs of 五 near-verbatim from {SOURCE.name}",
    ),
    Defect(
        ("COPY-PREV",),
        "其余段落是2021年报告的原文，只改了年份",
        "the other paragraphs are the 2021 report's with the year changed",
    ),
    Defect(
        ("COPY-TABLES",),
        f"表三、表四与 {OUT_2021} 逐格相同（表二不同）",
        f"表三 and 表四 equal {OUT_2021} cell for cell (表二 differs)",
    ),
    Defect(
        ("T2-21-XYEAR",),
        "行政规范性文件现行有效14件，而上年9件+本年制发3件−本年废止1件=11件",
        "行政规范性文件 in force 14, but last year's 9 + issued 3 − repealed 1 = 11",
    ),
)
DEFECT_COMMENTS = "\n".join(f"  # defect {', '.join(d.rules)}: {d.en}" for d in DEFECTS_2022)
README_FILES = [
    DemoFile(OUT_2022, "markdown", "utf-8", "2021", 2022, DEFECTS_2022),
    DemoFile(OUT_2021, "markdown", "utf-8", "2021", 2021, ()),
]

# rules that must stay silent on both reports (they are sound apart from the copying)
NOT_FIRING = ", ".join(
    [
        *("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "T2-21-INEQ", "FMT-YEAR", "EXT-TABLE", "EXT-CELLS"),
        *("SEC-MISSING", "SEC-ORDER", "SEC-NUMBERING", "SEC-EXTRA", "SEC-WORDING", "META-TITLE", "META-AGENCY"),
        *("META-DATE", "TIME-LATE", "TXT-DUP", "BLANK-TOTAL", "BLANK-CELL", "VAL-TEXT", "VAL-NEG", "VAL-INT"),
        *("VAL-SUFFIX", "INT-SPAM", "INT-LINK", "T3-XYEAR"),
    ]
)

EXPECTATIONS = f"""# Expectations for the copied-text demo reports (rules COPY-AGENCY, COPY-PREV, COPY-TABLES).
# Written by tools/make_demo_copies.py; merged into tests/test_demo_reports.py with demo_expectations.yaml.
# Entries with `template` describe a file this tool writes; the others add to an existing file's entry.

"{OUT_2022}":
  template: "2021"
  year: 2022
  agency: "{AGENCY}"
  published: "2023-01-29"
  layout: markdown
  layout_variant: markdown
  encoding: utf-8
  newline: lf
{DEFECT_COMMENTS}
  must_fire: [{", ".join(r for d in DEFECTS_2022 for r in d.rules)}]
  must_not_fire: [{NOT_FIRING}]
  cells:
    - {{table: requests, row: new, column: total, raw: "{V["new"]["total"]}"}}
    - {{table: requests, row: total, column: natural, raw: "{V["total"]["natural"]}"}}
    - {{table: requests, row: carry_forward, column: total, raw: "{V["carry_forward"]["total"]}"}}
    - {{table: active, row: normative, column: issued, raw: "3"}}
    - {{table: appeals, row: cases, column: suit_direct.pending, raw: "1"}}

"{OUT_2021}":
  template: "2021"
  year: 2021
  agency: "{AGENCY}"
  published: "2022-01-26"
  layout: markdown
  layout_variant: markdown
  encoding: utf-8
  newline: lf
  # no deliberate defect: the source of 13's reuse (its own previous year), no earlier report of its own
  must_fire: []
  must_not_fire: [COPY-AGENCY, COPY-PREV, COPY-TABLES, T2-21-XYEAR, {NOT_FIRING}]
  cells:
    - {{table: requests, row: new, column: total, raw: "{V["new"]["total"]}"}}
    - {{table: active, row: normative, column: issued, raw: "2"}}
    - {{table: appeals, row: cases, column: review.upheld, raw: "1"}}

# the source of 13's copied passages, published earlier: the copy is charged to 13 only
"09_wangjiang_fgw_2021.txt":
  must_not_fire: [COPY-AGENCY, COPY-PREV, COPY-TABLES]
"""


if __name__ == "__main__":
    main()
