"""OCR-like damage for any text form: look-alike characters in the prose and in a few table labels,
and the county/district name misspelt in one place. Digits, punctuation and line structure are never
touched (every change replaces one character by one character, so offsets stay valid), and the
crawler's header lines (`标题: …`) are left alone: they come from the site, not from the scan.

`ocr_noise(text, seed)` returns the damaged text and the list of changes, so a test can say which
labels were damaged (`[c.label for c in changes if c.kind == "label"]`) and where.

A table label is damaged only where it stands in the tables' part of the text (from the heading
二、主动公开政府信息情况 to 五、存在的主要问题…), one occurrence each; prose damage is outside that part,
outside the section headings and outside the agency's name.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

# look-alike pairs OCR engines confuse in Song typefaces (one character → one character, no digits)
LOOKALIKE = {
    "己": "已", "已": "己", "巳": "已", "未": "末", "末": "未", "人": "入", "入": "人", "日": "曰", "曰": "日",
    "土": "士", "士": "土", "拨": "拔", "拔": "拨", "斜": "料", "料": "斜", "于": "干", "千": "干", "申": "甲",
    "持": "特", "理": "埋", "其": "共", "项": "顶", "天": "夭", "处": "外", "侯": "候", "候": "侯", "免": "兔",
}  # fmt: skip
# the demo reports' place names and how a scan misreads them
PLACES = {
    "青禾县": ["青木县", "靑禾县"],
    "云岭区": ["去岭区", "云龄区"],
    "望江市": ["望汪市", "堂江市"],
    "白石县": ["自石县", "白右县"],
    "松溪镇": ["淞溪镇", "松谿镇"],
    "白鹭湾街道": ["白鹫湾街道", "自鹭湾街道"],
}
# the official tables' labels (hand-written from the 2019 and 2021 formats), longest first
LABELS = sorted(
    {
        # 表三
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "本年度办理结果",
        "予以公开",
        "部分公开",
        "不予公开",
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
        "本机关不掌握相关政府信息",
        "没有现成信息需要另行制作",
        "补正后申请内容仍不明确",
        "不予处理",
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
        "其他处理",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
        "结转下年度继续办理",
        # 表四
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        # 表二
        "信息内容",
        "规章",
        "行政规范性文件",
        "规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "其他对外管理服务事项",
        "政府集中采购",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "处理决定数量",
        "采购项目数量",
        "采购总金额",
    },
    key=lambda s: (-len(s), s),
)
HEADINGS = [
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况", "存在的主要问题和改进情况", "其他需要报告的事项", "需要报告的其他事项",
    "政府信息公开工作年度报告",
]  # fmt: skip
_HEADER_LINE = re.compile(r"^(标题|发布时间|发布机构|原文链接): .*$", re.M)
_AGENCY_TAIL = re.compile(r"[^\s，。；、：:（）()“”|<>\d]{0,14}?(局|委员会|办事处|人民政府|政府|办公室|中心)")


@dataclass(frozen=True)
class OcrChange:
    kind: str  # "label" (a table label), "prose" or "place" (the county/district name)
    offset: int  # where the changed character is (same in the text before and after)
    line: int  # 1-based line number
    before: str  # the label / place name / a few characters of prose around it, as it was
    after: str  # the same span as it now reads
    label: str | None = None  # the label damaged (kind "label"), or the place name (kind "place")


def _fuzzy(word: str) -> re.Pattern[str]:
    """`word` allowing one space between its characters (stray spaces of the crawler form) and a
    line break inside it."""
    return re.compile(r"[ \n]?".join(re.escape(ch) for ch in word))


_SECTION_WORDS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议",
                  "存在的主要问题", "其他需要报告的事项", "需要报告的其他事项"]  # fmt: skip
_ANY_HEADING = re.compile(
    r"[一二三四五六1-6] ?[、.．] ?(?:" + "|".join(_fuzzy(w).pattern for w in _SECTION_WORDS) + ")"
)


def _table_zones(text: str) -> list[tuple[int, int]]:
    """The parts holding 表二, 表三 and 表四: from the numbered headings 二、主动公开政府信息情况,
    三、收到和处理… and 四、政府信息公开行政复议… to the next numbered standard heading (the
    preamble may name the sections too, without their numbers; 五 may come before 四)."""
    zones = []
    for n, words in (
        ("二2", "主动公开政府信息情况"),
        ("三3", "收到和处理政府信息公开申请情况"),
        ("四4", "政府信息公开行政复议"),
    ):
        start = re.search(f"[{n}] ?[、.．] ?" + _fuzzy(words).pattern, text)
        if start is None:
            continue
        end = _ANY_HEADING.search(text, start.end())
        zones.append((start.start(), end.start() if end else len(text)))
    return zones


def ocr_noise(
    text: str,
    seed: int,
    *,
    prose: tuple[int, int] = (3, 5),
    labels: tuple[int, int] = (1, 3),
    keep: Sequence[tuple[int, int]] = (),
) -> tuple[str, list[OcrChange]]:
    """Damage `text` like an OCR pass would; returns `(text, changes)` (see the module doc). `prose`
    and `labels` bound how many prose characters and table labels are damaged; `keep` lists spans
    (start, end) to leave alone, e.g. a crawler's page chrome around the article."""
    rng = random.Random(f"ocr:{seed}")
    chars = list(text)
    protected = [False] * len(text)

    def protect(a: int, b: int) -> None:
        for i in range(a, min(b, len(text))):
            protected[i] = True

    for m in _HEADER_LINE.finditer(text):
        protect(m.start(), m.end())
    for a, b in keep:
        protect(a, b)
    for h in HEADINGS:
        for m in _fuzzy(h).finditer(text):
            protect(m.start(), m.end())
    place_hits: dict[str, list[re.Match[str]]] = {p: list(re.finditer(re.escape(p), text)) for p in PLACES}
    for hits in place_hits.values():
        for m in hits:
            tail = _AGENCY_TAIL.match(text, m.end())
            protect(m.start(), tail.end() if tail else m.end())

    changes: list[OcrChange] = []

    def line_of(i: int) -> int:
        return text.count("\n", 0, i) + 1

    # ---- the place name, once (the name found most often; an occurrence outside the header lines)
    found = [(len(hits), p) for p, hits in place_hits.items() if hits]
    if found:
        _, place = max(found)
        hits = [m for m in place_hits[place] if not _in_header(text, m.start())]
        if hits:
            m = rng.choice(hits)
            wrong = rng.choice(PLACES[place])
            k = next(i for i, (a, b) in enumerate(zip(place, wrong, strict=True)) if a != b)
            chars[m.start() + k] = wrong[k]
            changes.append(OcrChange("place", m.start() + k, line_of(m.start()), place, wrong, place))
            protect(m.start(), m.end())

    # ---- table labels inside the tables' part
    in_zone = [False] * len(text)
    for z0, z1 in _table_zones(text):
        for i in range(z0, z1):
            in_zone[i] = True
    used = [False] * len(text)
    occurrences: list[tuple[str, int, int]] = []
    for label in LABELS:
        for m in re.finditer(re.escape(label), text):
            a, b = m.start(), m.end()
            if not in_zone[a] or any(used[a:b]):
                continue  # part of a longer label already listed
            for i in range(a, b):
                used[i] = True
            if any(ch in LOOKALIKE for ch in label) and not any(protected[a:b]):
                occurrences.append((label, a, b))
    by_label: dict[str, list[tuple[int, int]]] = {}
    for label, a, b in occurrences:
        by_label.setdefault(label, []).append((a, b))
    names = sorted(by_label)
    for label in rng.sample(names, min(len(names), rng.randint(*labels))):
        a, b = rng.choice(by_label[label])
        spots = [i for i in range(a, b) if text[i] in LOOKALIKE]
        i = rng.choice(spots)
        chars[i] = LOOKALIKE[text[i]]
        changes.append(OcrChange("label", i, line_of(i), label, "".join(chars[a:b]), label))
        protect(a, b)

    # ---- prose: outside the tables' part, spread over the text
    spots = [i for i, ch in enumerate(text) if ch in LOOKALIKE and not protected[i] and not in_zone[i]]
    for i in sorted(rng.sample(spots, min(len(spots), rng.randint(*prose)))):
        a, b = max(0, i - 3), min(len(text), i + 4)
        before = text[a:b]
        chars[i] = LOOKALIKE[text[i]]
        changes.append(OcrChange("prose", i, line_of(i), before, "".join(chars[a:b])))

    out = "".join(chars)
    assert re.findall(r"\d", out) == re.findall(r"\d", text)
    return out, sorted(changes, key=lambda c: c.offset)


def _in_header(text: str, i: int) -> bool:
    start = text.rfind("\n", 0, i) + 1
    return _HEADER_LINE.match(text, start) is not None
