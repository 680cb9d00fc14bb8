"""Fee statements in the prose, each against the one table cell it speaks of.

Two different fees, never to be mixed (a mistake peer tools make): 行政事业性收费 is an ordinary
administrative charge, reported in 表二 (2021 format: 本年收费金额, 万元); 信息处理费 is charged for
disclosure requests under 国办函〔2020〕109号 and shows in 表三 as （六）2 (requests dropped because
the applicant did not pay after a fee notice). So:

* `未收取行政事业性收费` / `行政事业性收费为0` against a non-zero 表二 amount, and a stated
  行政事业性收费 amount (万元 or 元) against the cell, are checked;
* `未发出（信息处理费）收费通知` against （六）2 > 0 is checked (a request can only lapse for an unpaid
  fee after a notice was sent). `未收取信息处理费` is consistent with （六）2 > 0 (the notices went
  unpaid) and says nothing about 表二.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..kinds._narrative_text import NUMBER, parse_number

_ADMIN_NONE = re.compile(
    r"(?:未|没有|无)(?:收取|产生|发生)?(?:任何)?行政事业性收费|行政事业性收费(?:金额)?(?:为|是)?(?:0|零|无)(?![.\d])"
)
_ADMIN_AMOUNT = re.compile(
    rf"行政事业性收费(?:收入|金额)?(?:共|共计|合计|总计)?(?:为|达)?(?P<n>{NUMBER})\s*(?P<u>万元|元)"
)
_NO_NOTICE = re.compile(r"未(?:向申请人)?(?:发出|出具|送达|下发|开具)(?:过)?(?:任何)?(?:信息处理费)?(?:缴费|收费)通知")


@dataclass(frozen=True)
class FeeClaim:
    kind: str  # "admin_none" | "admin_amount" | "no_notice"
    phrase: str
    amount_wan: Decimal | None = None  # admin_amount: the stated amount in 万元


def fee_claims(sentence: str) -> list[FeeClaim]:
    out: list[FeeClaim] = []
    for m in _ADMIN_NONE.finditer(sentence):
        out.append(FeeClaim("admin_none", m.group()))
    for m in _ADMIN_AMOUNT.finditer(sentence):
        v = parse_number(m["n"])
        if v is None:
            continue
        out.append(FeeClaim("admin_amount", m.group(), v if m["u"] == "万元" else v / Decimal(10000)))
    for m in _NO_NOTICE.finditer(sentence):
        out.append(FeeClaim("no_notice", m.group()))
    return out
