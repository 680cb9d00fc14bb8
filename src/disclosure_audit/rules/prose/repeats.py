"""Words printed twice in a row inside a sentence: `的的`, `在在`, `政务公开政务公开`.

Chinese doubles words on purpose (常常, 人人, 层层, 件件, 一一, 实实在在, 不了了之, 等等), so only two
things count: a function word that is never doubled in standard writing, and a phrase of two or more
different characters repeated at once (`公开公开`, `政务公开政务公开`), except the few verbs that are
doubled on purpose (研究研究, 讨论讨论) and numerals.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...zhtext.numerals import CN_NUMERAL

# function words that standard writing never doubles
_FUNCTION = "的了和在对将已并及与于把被从向按"
_DOUBLE_FUNCTION = re.compile(rf"([{_FUNCTION}])\1")
# doubled on purpose
_IDIOMS = ("不了了之", "了了", "和和美美", "对对联")
_VERBS = frozenset({"研究", "讨论", "学习", "商量", "考虑", "了解", "检查", "看看", "想想", "说说", "谈谈", "走走"})
_PHRASE = re.compile(r"([\u4e00-\u9fff]{2,12}?)\1")
_NUMERAL = re.compile(rf"^[{CN_NUMERAL}亿]+$")


@dataclass(frozen=True)
class Repeat:
    text: str  # the doubled text as printed (`的的`, `政务公开政务公开`)
    unit: str  # what is repeated (`的`, `政务公开`)
    offset: int


def repeats(sentence: str) -> list[Repeat]:
    out: list[Repeat] = []
    for m in _DOUBLE_FUNCTION.finditer(sentence):
        around = sentence[max(0, m.start() - 2) : m.end() + 2]
        if any(idiom in around for idiom in _IDIOMS if m.group(1) in idiom):
            continue
        a, b = m.start(), m.end()
        if (a >= 2 and sentence[a - 2] == sentence[a - 1]) or (
            b + 1 < len(sentence) and sentence[b] == sentence[b + 1]
        ):
            continue  # AABB: 实实在在, 明明白白
        out.append(Repeat(m.group(), m.group(1), m.start()))
    # the function words found, in order and never overlapping: a phrase starting inside one is found
    # by bisection (a phrase never starts inside an earlier phrase, matches do not overlap)
    starts = [r.offset for r in out]
    ends = [r.offset + len(r.text) for r in out]
    for m in _PHRASE.finditer(sentence):
        unit = m.group(1)
        if len(set(unit)) < 2 or unit in _VERBS or _NUMERAL.match(unit):
            continue  # 常常 / 实实在在 (one character doubled), 研究研究, 一二一二
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < ends[k]:
            continue
        out.append(Repeat(m.group(), unit, m.start()))
    return sorted(out, key=lambda r: r.offset)
