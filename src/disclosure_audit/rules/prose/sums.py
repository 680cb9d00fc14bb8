"""A total stated in a sentence and its own breakdown: `共公开政府信息2599条，其中…25条…68条…856条`.

A breakdown after 其中 may be partial (the writer names the main kinds only), so parts adding up to
less than the total say nothing. They say something in two cases only: the parts add up to MORE
than the total they are part of, or the sentence says the list is complete (`分别为`) and it does not
add up. Parts are read in the total's own unit, up to the end of the sentence or a second 其中 (a
breakdown of a part). A breakdown by channel (网站, 微信, 政务新媒体, 公开栏…) is skipped: the same
item is published on several channels, so those parts overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..kinds._narrative_text import NUMBER, parse_number

UNITS = "条|件|项|个|篇|次|人次|期|场|份"
_TOTAL = re.compile(rf"(?:共|共计|合计|总计|累计)(?:[^\d{{}}，。；,;]{{0,12}}?)(?P<n>{NUMBER})(?P<u>{UNITS})")
_PART = re.compile(rf"(?P<n>{NUMBER})(?P<u>{UNITS})")
_CHANNELS = re.compile(
    r"网站|网页|门户|微信|微博|公众号|新媒体|客户端|APP|App|app|政务号|抖音|头条|公开栏|报刊|报纸|广播|电视|短信|"
    r"平台|渠道|专栏|通过|转载|发布会|热线|信箱"
)
# another period or an approximate figure: nothing in the sentence is checked
_HEDGE = re.compile(
    rf"累计|同比|环比|较上年|比上年|去年|增长|下降|增加|减少|%|百分之|左右|约\s*(?:{NUMBER})|(?:{NUMBER})\s*(?:余|多)(?:{UNITS})"
)


@dataclass(frozen=True)
class SumFault:
    kind: str  # "exceeds" | "unequal"
    total: Decimal
    unit: str
    parts: tuple[Decimal, ...]
    text: str  # the sentence


def sum_faults(sentence: str) -> list[SumFault]:
    if _HEDGE.search(sentence):
        return []
    out: list[SumFault] = []
    for t in _TOTAL.finditer(sentence):
        total = parse_number(t["n"])
        if total is None:
            continue
        rest = sentence[t.end() :]
        q = rest.find("其中")
        if q < 0 or q > 4:
            continue  # the breakdown must follow the total at once: "共N条，其中…"
        body = rest[q + 2 :]
        stop = re.search(r"其中|[。；;]", body)
        body = body[: stop.start()] if stop else body
        if _CHANNELS.search(body):
            continue
        parts = []
        for m in _PART.finditer(body):
            if m["u"] != t["u"]:
                continue
            v = parse_number(m["n"])
            if v is None:
                parts = []
                break
            parts.append(v)
        if len(parts) < 2:
            continue
        s = sum(parts, Decimal(0))
        if s > total:
            out.append(SumFault("exceeds", total, t["u"], tuple(parts), sentence))
        elif ("分别为" in body[:8] or "分别是" in body[:8]) and s != total:
            out.append(SumFault("unequal", total, t["u"], tuple(parts), sentence))
    return out
