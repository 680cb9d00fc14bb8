"""Property: random valid tables, rendered by hand-written renderers into the plain-text forms reports
are found in, read back to the same cells or to honest `ambiguous` cells — never a different number.

The renderers below know nothing of the reader. Tables are 2021-format 表三 and 表四 with random
counts (mostly small, some zero-heavy, some large), totals computed so every identity holds, and in
the forms that can show them, random blank cells. A crawler's textContent drops an empty cell without
a trace, so the crawler form is drawn without blanks (a blank there is undetectable by anyone).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_audit.extract import extract_file
from tests.conftest import RULES

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other_org")
COLS = (*APPLICANTS, "total")
LEAVES = (
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.1", "1.属于国家秘密"),
    ("denied.2", "2.其他法律行政法规禁止公开"),
    ("denied.3", "3.危及“三安全一稳定”"),
    ("denied.4", "4.保护第三方合法权益"),
    ("denied.5", "5.属于三类内部事务信息"),
    ("denied.6", "6.属于四类过程性信息"),
    ("denied.7", "7.属于行政执法案卷"),
    ("denied.8", "8.属于行政查询事项"),
    ("unable.1", "1.本机关不掌握相关政府信息"),
    ("unable.2", "2.没有现成信息需要另行制作"),
    ("unable.3", "3.补正后申请内容仍不明确"),
    ("not_processed.1", "1.信访举报投诉类申请"),
    ("not_processed.2", "2.重复申请"),
    ("not_processed.3", "3.要求提供公开出版物"),
    ("not_processed.4", "4.无正当理由大量反复申请"),
    ("not_processed.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.3", "3.其他"),
)
GROUP_BEFORE = {
    "granted": "三、本年度办理结果",
    "denied.1": "（三）不予公开",
    "unable.1": "（四）无法提供",
    "not_processed.1": "（五）不予处理",
    "other.1": "（六）其他处理",
}
HEAD = "信息内容 本年制发件数 本年废止件数 现行有效件数"  # 2021 markers, so the 2021 rows are used
APPEAL_HEAD = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉"

count = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 400))
six = st.tuples(*[count] * 6)


@st.composite
def tables(draw, blanks: bool):
    leaves = {k: draw(six) for k, _ in LEAVES}
    carried = draw(six)
    carry_forward = draw(six)
    rows: dict[str, list[int]] = {}
    for k, _ in LEAVES:
        rows[k] = [*leaves[k], sum(leaves[k])]
    total = [sum(rows[k][j] for k, _ in LEAVES) for j in range(6)]
    total.append(sum(total))
    rows["total"] = total
    new = [total[j] + carry_forward[j] - carried[j] for j in range(6)]
    new = [max(v, 0) for v in new]
    # keep 一 + 二 = （七） + 四 by adjusting 二 where 一 was floored at zero
    carried = [total[j] + carry_forward[j] - new[j] for j in range(6)]
    rows["new"] = [*new, sum(new)]
    rows["carried_over"] = [*carried, sum(carried)]
    rows["carry_forward"] = [*carry_forward, sum(carry_forward)]
    cells = {k: [str(v) for v in vs] for k, vs in rows.items()}
    if blanks:
        for k in draw(st.lists(st.sampled_from(sorted(cells)), max_size=3, unique=True)):
            j = draw(st.integers(0, 6))
            cells[k][j] = ""
    groups = [draw(st.tuples(*[st.integers(0, 30)] * 4)) for _ in range(3)]
    appeals = [str(v) for g in groups for v in (*g, sum(g))]
    return cells, appeals


ORDER = [("new", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]
ORDER += [*list(LEAVES), ("total", "（七）总计"), ("carry_forward", "四、结转下年度继续办理")]


def _lines(label_cells, render_row) -> list[str]:
    out = []
    for key, label in ORDER:
        if key in GROUP_BEFORE:
            out.append(GROUP_BEFORE[key])
        out += render_row(label, label_cells[key])
    return out


def tsv(cells, appeals) -> str:
    body = _lines(cells, lambda label, vs: [label + "\t" + "\t".join(vs)])
    return (
        "\n".join(
            [
                HEAD,
                "三、收到和处理政府信息公开申请情况",
                "申请人情况",
                *body,
                "四、政府信息公开行政复议、行政诉讼情况",
                APPEAL_HEAD.replace(" ", "\t"),
                "\t".join(appeals),
            ]
        )
        + "\n"
    )


def markdown(cells, appeals) -> str:
    def row(label, vs):
        return ["| " + label + " | " + " | ".join(vs) + " |"]

    body = _lines(cells, row)
    words = ("申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    head = "| " + " | ".join(words) + " |\n" + "|---" * 8 + "|"
    return (
        "\n".join(
            [
                HEAD,
                "## 三、收到和处理政府信息公开申请情况",
                head,
                *body,
                "## 四、政府信息公开行政复议、行政诉讼情况",
                "| " + " | ".join(APPEAL_HEAD.split()) + " |",
                "| " + " | ".join(appeals) + " |",
            ]
        )
        + "\n"
    )


def layout(cells, appeals) -> str:
    """Like `pdftotext -layout`: labels padded, each value right-aligned in an 8-wide column."""

    def row(label, vs):
        width = 44 - len(label)  # CJK labels: one character per text column in pdftotext output
        return [label + " " * max(2, width) + "".join(v.rjust(8) for v in vs), ""]

    body = _lines(cells, row)
    head = " " * 44 + "".join(
        h.rjust(8) for h in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    )
    return (
        "\n".join(
            [
                HEAD,
                "     三、收到和处理政府信息公开申请情况",
                "申请人情况",
                head,
                "",
                *body,
                "     四、政府信息公开行政复议、行政诉讼情况",
                "行政复议   " + APPEAL_HEAD,
                "".join(v.rjust(6) for v in appeals),
            ]
        )
        + "\n"
    )


def reading_order(cells, appeals) -> str:
    """Like `pdftotext` without -layout: a label, then each printed value on its own line."""
    body = _lines(cells, lambda label, vs: [label, *[v for v in vs if v]])
    return (
        "\n".join(
            [
                HEAD,
                "三、收到和处理政府信息公开申请情况",
                "申请人情况",
                *body,
                "四、政府信息公开行政复议、行政诉讼情况",
                *APPEAL_HEAD.split(),
                *appeals,
            ]
        )
        + "\n"
    )


def crawler(cells, appeals) -> str:
    body = "".join(_lines(cells, lambda label, vs: [label + "".join(vs)]))
    return (
        "标题: 测试县统计局2023年政府信息公开工作年度报告\n发布时间: 2024-01-20\n发布机构: 测试县统计局\n"
        "原文链接: http://www.ce.gov.cn/a.html\n"
        + HEAD.replace(" ", "")
        + "三、收到和处理政府信息公开申请情况申请人情况"
        + body
        + "四、政府信息公开行政复议、行政诉讼情况"
        + APPEAL_HEAD.replace(" ", "")
        + "".join(appeals)
        + "五、存在的主要问题及改进情况"
        + "无。" * 200
        + "\n"
    )


def check(tmp_path: Path, text: str, cells, appeals, suffix: str = ".txt") -> None:
    path = tmp_path / f"r{suffix}"
    path.write_text(text, encoding="utf-8")
    r = extract_file(path, RULES)
    req = r.tables["requests"].cells
    for key, values in cells.items():
        for col, want in zip(COLS, values, strict=True):
            got = req[(key, col)]
            if got.kind == "ambiguous":
                continue
            assert (got.raw or "") == want, (key, col, want, got)
    app = list(r.tables["appeals"].cells.values())
    for got, want in zip(app, appeals, strict=True):
        if got.kind != "ambiguous":
            assert (got.raw or "") == want, (want, got)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(tables(blanks=True))
def test_tsv_reads_back(tmp_path, t):
    check(tmp_path, tsv(*t), *t)


@SETTINGS
@given(tables(blanks=True))
def test_markdown_reads_back(tmp_path, t):
    check(tmp_path, markdown(*t), *t, ".md")


@SETTINGS
@given(tables(blanks=True))
def test_padded_layout_reads_back(tmp_path, t):
    check(tmp_path, layout(*t), *t)


@SETTINGS
@given(tables(blanks=True))
def test_reading_order_reads_back(tmp_path, t):
    check(tmp_path, reading_order(*t), *t)


@SETTINGS
@given(tables(blanks=False))
def test_crawler_text_reads_back(tmp_path, t):
    check(tmp_path, crawler(*t), *t)
