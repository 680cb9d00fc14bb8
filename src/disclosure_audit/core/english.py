"""English for the evidence the rule kinds write in Chinese, so a `--lang en` page reads in English.

Kinds write a finding's evidence (expected, found, arithmetic, cell lists, reasons) once, in Chinese,
because it is built from the format's official labels (“（七）总计”, “复议·维持”) and the report's
own words. An English reader gets the same evidence with our wording translated (差 → difference,
“数字（无则填0）” → "a number (0 if none)", 第12行 → line 12) and every official label or quoted
report text kept as printed inside “…”, as the format's labels have no official English. Chinese
punctuation left outside quotes becomes its ASCII counterpart.

Used by the engine (placeholders of English message templates) and by the renderers (evidence
fields), so both say the same thing. Pure string functions: no stage is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff5e]")
# a label: Han characters with the connectors labels use inside them (（七）总计, 复议·维持, 本年增/减,
# 属于“三安全一稳定”, ××局); a row number after a closing bracket belongs to it (（三）1)
_LABEL = re.compile(
    rf"(?:（[^（）\s]{{0,7}}[{HAN}][^（）\s]{{0,7}}）[\d.]*|[{HAN}]|×+(?=[{HAN}]))"
    rf"(?:[{HAN}×〇·/、]|（[^（）]*[{HAN}][^（）]*）[\d.]*|“[^”]*”|\d+(?=[{HAN}]))*"
)
# what is already quoted stays as it is
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》|\"[^\"]*\"|(?<![A-Za-z0-9])'[^']*'(?![A-Za-z0-9])")
_PUNCT = {"，": ", ", "；": "; ", "：": ": ", "（": " (", "）": ")", "、": ", ", "。": ". ", "？": "? ", "！": "! "}

# Whole-text phrases the kinds write (exact match).
PHRASES = {
    "数字（无则填0）": "a number (0 if none)",
    "空白": "blank",
    "缺失": "missing",
    "文字": "text",
    "无法确定读数": "ambiguous reading",
    "本年数据": "this year's figures",
    "可复制、可检索的文本": "text that can be copied and searched",
    "（未找到）": "(not found)",
    "（无）": "(none)",
    "无": "none",
    "（缺失）": "(missing)",
    "读出表格单元格": "the table's cells read",
    "读表程序在文中见到该表的标签": "the reader saw the table's labels in the text",
    "发布机关名称": "the publishing agency's name",
    "成文或发布日期": "a signature or publication date",
    "报告标题": "a report title",
    "单位（元或万元）": "a unit (“元” or “万元”)",
    "无单位": "no unit",
    "不重复": "no repeated paragraph",
    "六个标准部分之一": "one of the six standard parts",
    "与一项待复核问题对应": "a finding awaiting review",
    "写明存在的问题及改进措施": "the problems and the measures stated",
    "说明信息处理费收取情况": "a statement on information processing fees (“信息处理费”)",
    "正文": "prose",
    "去除模板文字后无正文": "no prose once template text is removed",
    "只有标题，没有内容": "a heading and nothing under it",
    "内容过短，未写明问题": "too short to name a problem",
    "未写明存在的问题": "no problem named",
    "未写明改进措施": "no improvement measure named",
    "未说明信息处理费的收取情况": "nothing on information processing fees (“信息处理费”)",
    "清单": "register",
    "网页发布时间": "online publication date",
    "正文落款": "signature in the text",
    "（未写明机关）": "(agency not named)",
    "未匹配任何待复核问题": "matched no finding awaiting review",
    "未匹配任何问题": "matched no finding",
}

_Sub = str | Callable[[re.Match], str]
# Templated wording that is the whole text (quotes included), tried first.
WHOLE: list[tuple[re.Pattern, _Sub]] = [
    (re.compile(r"^只写了“([^”]*)”$"), r"only “\1”"),
    (re.compile(r"^与其他单位报告雷同不超过(\S+)$"), r"at most \1 shared with other agencies' reports"),
    (re.compile(r"^雷同(\S+?)（(\d+)/(\d+)字）$"), r"\1 shared (\2/\3 characters)"),
    (re.compile(r"^沿用上年报告文字不超过(\S+)$"), r"at most \1 reused from last year's report"),
    (re.compile(r"^沿用(\S+?)（(\d+)/(\d+)字）$"), r"\1 reused (\2/\3 characters)"),
    (re.compile(r"^(.+)与(\d{4})年报告逐格相同$"), r"\1 identical cell by cell to the \2 report"),
    (re.compile(r"^(\d{4})年版格式$"), r"the \1 format"),
    (re.compile(r"^文中有该表的标签："), "the table's labels are in the text: "),
    (re.compile(r"^与第(\d+)行相同$"), r"the same as line \1"),
    (re.compile(r"^与第(\d+)行相似度(\S+)$"), r"\2 similar to line \1"),
    (re.compile(r"^(.+)（第(\d+)行）位于(.+)（第(\d+)行）之后$"), r"\1 (line \2) comes after \3 (line \4)"),
    (re.compile(r"^([一二三四五六])在([一二三四五六])之后$"), r"“\1” after “\2”"),
    (re.compile(r"^单位为(.+)$"), r"the unit \1"),
    (re.compile(r"^(\d{4}-\d\d-\d\d)前有效$"), r"valid until \1"),
    (re.compile(r"^(\d{4}-\d\d-\d\d)前$"), r"by \1"),
    (re.compile(r"^已于(\d{4}-\d\d-\d\d)到期$"), r"expired on \1"),
]
# Wording inside a longer text, applied in order outside quotes.
PATTERNS: list[tuple[re.Pattern, _Sub]] = [
    (re.compile(r"（(清单|网页发布时间|正文落款)）"), lambda m: f" ({PHRASES[m.group(1)]})"),
    (re.compile(r"按(万元|元)："), r"in “\1”: "),
    (re.compile(r"合理区间 "), "plausible range "),
    (re.compile(r"（其余(\d+)项为0）"), r" (the other \1 terms are 0)"),
    (re.compile(r"（无单位）"), " (no unit)"),
    (re.compile(r"(?<![^\s;；])差 ?(?=[\d.-])"), "difference "),
    (re.compile(r"(?<![^\s;；])正文(?=\s|“|$)"), "text"),
    (re.compile(r"(?<![^\s;；])总数(?=\s)"), "stated total"),
    (re.compile(r"第(\d+)行"), r"line \1"),
    (re.compile(r"第(\d+)页"), r"page \1"),
    (re.compile(r"(\d)天"), r"\1 days"),
    (re.compile(r"(\d)字"), r"\1 characters"),
    (re.compile(r"(\d)项(?![{HAN}])".replace("{HAN}", HAN)), r"\1 items"),
    (re.compile(r"(\d)(件|条|个)(?![{HAN}])".replace("{HAN}", HAN)), r"\1"),
    (re.compile(r"/项"), " per item"),
    (re.compile(r"(\d)(万元|元)"), r"\1 “\2”"),
    (re.compile(r"\b表([二三四])"), lambda m: "Table " + {"二": "2", "三": "3", "四": "4"}[m.group(1)]),
]


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def _outside_quotes(text: str, fn: Callable[[str], str]) -> str:
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(fn(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def _punctuation(text: str) -> str:
    for zh, en in _PUNCT.items():
        text = text.replace(zh, en)
    return text


def _tidy(text: str) -> str:
    """Spaces around quotes set between English words, none doubled or inside brackets."""
    text = re.sub(r"(?<=[^\s(\[‘“=])“", " “", text)
    text = re.sub(r"”(?=[^\s,.;:)\]’”])", "” ", text)
    return re.sub(r" {2,}", " ", text).replace("( ", "(").replace(" )", ")").strip()


def english(text: str | None) -> str | None:
    """`text` for an English reader: our Chinese wording translated, official labels and the report's
    words quoted as printed. Text without Chinese is returned unchanged."""
    if not text or not has_han(text):
        return text
    if text in PHRASES:
        return PHRASES[text]
    parts = text.split("、")
    if len(parts) > 1 and all(p in PHRASES for p in parts):
        return ", ".join(PHRASES[p] for p in parts)
    for pattern, repl in WHOLE:
        text = pattern.sub(repl, text)
    for pattern, repl in PATTERNS:
        text = _outside_quotes(text, lambda s, p=pattern, r=repl: p.sub(r, s))
    if has_han(text) and len(text) <= 4 and not _QUOTED.search(text):  # a marker as printed: 5、 （三）
        return f"“{text}”"
    text = _outside_quotes(text, lambda s: _LABEL.sub(lambda m: f"“{m.group(0)}”", s))
    return _tidy(_outside_quotes(text, _punctuation))
