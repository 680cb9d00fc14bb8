"""Dates as reports print them: 2023年1月16日, 2023年01月16日, 二〇二三年一月十六日, 2023-01-16,
2023.1.16, 2023/1/16 — with the stray spaces pdftotext puts between characters — and the
`发布日期：…` line of a web page or crawler.

A date is read only when it is a real calendar date (2023年2月30日 is not): a publication date
feeds the deadline check, and a wrong one would be a false finding.
"""

from __future__ import annotations

import re
from datetime import date

from .chars import HALF_WIDTH_DIGITS, squash
from .numerals import CN_ORDINAL, CN_YEAR_DIGITS, cn_digits, number_value

_Y = rf"(?:19|20)\d{{2}}|[{CN_YEAR_DIGITS}]{{4}}"
_MD = rf"\d{{1,2}}|[{CN_ORDINAL}]{{1,3}}"
# year, month and day in digits or Chinese numerals, separated by 年/月 or - . /
_DATE = rf"(?P<y>{_Y})\s*[年\-./]\s*(?P<m>{_MD})\s*[月\-./]\s*(?P<d>{_MD})"
_WHOLE = re.compile(rf"{_DATE}日?")
_ANYWHERE = re.compile(rf"(?<![\d{CN_YEAR_DIGITS}]){_DATE}(?!\d)")

# A date written out with 年 月 日 (a signature: 2024年1月20日, 二〇二四年一月二十日), found inside a
# line; a one-line body is cut before it and site chrome after it is blanked.
WRITTEN_DATE = re.compile(rf"(?:{_Y})\s*年\s*[\d{CN_ORDINAL}]{{1,3}}\s*月\s*[\d{CN_ORDINAL}]{{1,3}}\s*日")

# `发布日期：2024-01-20` / `成文时间 2024年1月20日`: a web page's or crawler's publication date.
PUBLISHED = re.compile(
    r"(?P<label>(?:发布|印发|成文|发文)(?:日期|时间))\s*[:：]?\s*"
    r"(?P<y>20\d{2})\s*[年\-./]\s*(?P<m>\d{1,2})\s*[月\-./]\s*(?P<d>\d{1,2})\s*日?"
)

# A year as printed before 年 (2023年, 2023 年度), not the tail of a longer number.
YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年")
# The statistics period a report states: 2023年1月1日至2023年12月31日 (same year both ends).
STATISTICS_PERIOD = re.compile(r"(20\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-|－)\s*\1\s*年\s*12\s*月\s*31\s*日")


def iso_date(year: str, month: str, day: str) -> str | None:
    """YYYY-MM-DD from the printed parts (digits or Chinese numerals); None unless a calendar date."""
    y = int(year) if year.isdecimal() else cn_digits(year)
    m, d = number_value(month), number_value(day)
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The whole text as a date (blanks ignored, full-width digits read), as YYYY-MM-DD; None when it
    is anything else."""
    m = _WHOLE.fullmatch(squash(text).translate(HALF_WIDTH_DIGITS))
    return iso_date(m["y"], m["m"], m["d"]) if m else None


def find_date(text: str) -> str | None:
    """The first calendar date inside the text (`2024-01-20 10:30:00`), as YYYY-MM-DD."""
    for m in _ANYWHERE.finditer(text.translate(HALF_WIDTH_DIGITS)):
        if iso := iso_date(m["y"], m["m"], m["d"]):
            return iso
    return None


def published_date(text: str) -> tuple[str, str] | None:
    """(label, YYYY-MM-DD) of the first `发布日期：…` date in the text: ("发布日期", "2024-01-20")."""
    for m in PUBLISHED.finditer(text):
        if iso := iso_date(m["y"], m["m"], m["d"]):
            return m["label"], iso
    return None
