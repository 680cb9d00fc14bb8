"""Whether a section's text does what the format asks of it.

五、存在的主要问题及改进情况 must name at least one problem and one measure: a section that is empty,
says only `无`, is too short to do either, or has no word of a problem or no word of a measure, is
reported. 六、其他需要报告的事项 (2021 format) must say whether 信息处理费 was collected — the
format's own note to that section; the other items reports often add there (人大建议、政协提案
办理, 政务公开工作要点落实) are not in the format text we could verify, so they are not required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...zhtext.chars import cjk_count, squash

NOTHING = re.compile(r"^[（(]?(?:无|暂无|没有|无其他需要报告的事项|本年度无|无此项|不涉及)[）)]?[。.]?$")
PROBLEM_WORDS = re.compile(
    r"问题|不足|差距|短板|薄弱|欠缺|滞后|不够|不强|不高|不到位|不规范|不及时|不全面|不平衡|有待|仍需|还需|尚需|仍存在|存在"
)
MEASURE_WORDS = re.compile(r"下一步|将|加强|推进|完善|提升|改进|整改|措施|持续|进一步|强化|优化|规范|落实|健全|建立")
FEE_WORDS = re.compile(r"信息处理费|处理费|收费|收取.{0,8}费|费用")
MIN_CHARS = 20


@dataclass(frozen=True)
class ContentFault:
    kind: str  # "empty" | "nothing" | "short" (and no problem named) | "no_problem" | "no_measure" | "no_fee"
    text: str


def problems_section(paragraphs: list[str]) -> ContentFault | None:
    text = squash("".join(paragraphs))
    if not text:
        return ContentFault("empty", "")
    if NOTHING.match(text):
        return ContentFault("nothing", text)
    if not PROBLEM_WORDS.search(text) and cjk_count(text) < MIN_CHARS:
        return ContentFault("short", text)
    if not PROBLEM_WORDS.search(text):
        return ContentFault("no_problem", text)
    if not MEASURE_WORDS.search(text):
        return ContentFault("no_measure", text)
    return None


def other_matters_section(paragraphs: list[str]) -> ContentFault | None:
    text = squash("".join(paragraphs))
    if FEE_WORDS.search(text):
        return None
    return ContentFault("no_fee", text)
