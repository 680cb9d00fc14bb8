"""The words a disclosure report's title is made of: 〔机关〕〔2023年〕政府信息公开工作年度报告 and
its variants (政务公开…年报, 信息公开工作报告).

The title finder (text, PDF and Word readers) and the web-page title finder must agree on what a
title is, or one reader would keep a running header as the title that another drops.
"""

from __future__ import annotations

import re

# What the report calls itself (年度报告, or the short forms 年报 / 工作报告).
TITLE_WORDS = ("年度报告", "年报", "工作报告")
TITLE_WORD = re.compile("|".join(TITLE_WORDS))
# What the report is about, as a title names it; the agency's name stands before these words.
DISCLOSURE = r"(?:政府信息公开|政务公开|信息公开)"
# The report's full name as an opening line prints it (…局政府信息公开工作年度报告).
REPORT_NAME = re.compile(r"\S{2,30}(?:政府信息公开|政务公开)工作年度报告")


def is_report_title(text: str) -> bool:
    """A title word and a disclosure word: 2023年政府信息公开工作年度报告, 政务公开年报. The caller
    squashes the text and limits its length (a sentence quoting the title is no title)."""
    return TITLE_WORD.search(text) is not None and ("公开" in text or "政务" in text)
