"""Chinese numerals: reading 十二 / 二十三 / 一百零五 / 两千 / 二〇二三, writing 十一, and the
ordinals that open headings and list items (一、 （三） 2. 第五条).

Reports print counts, ordinals and dates in Chinese numerals as often as in digits. A malformed
numeral (一二, 十十, 百十) is read as nothing rather than guessed: a wrong number would become a
false finding.
"""

from __future__ import annotations

import re

# The characters ordinals are printed with: 一、 （三） 十二是.
CN_ORDINAL = "一二三四五六七八九十"
# The digits as written one by one (零 and 〇 are both zero): 百分之三十点零五.
CN_DIGIT_CHARS = "零〇一二三四五六七八九"
# Everything `cn_int` reads (两 is two in a count: 两件, 两千).
CN_NUMERAL = "零〇一二两三四五六七八九十百千万"
# The longest numeral `cn_int` reads is 23 characters (零九千零九百零九十零九万零九千零九百零九十零九):
# three falling units below 万 on either side of it, each digit with at most one 零 before it. A
# pattern reads a run of numerals at most one character longer (CN_NUMERAL_RUN): every numeral it can
# read, and a longer run still as one that is not well formed, at a bounded cost per position, where
# `[…]+` matched every start of a 20,000-character run against all the rest of it.
LONGEST_CN_NUMERAL = 23
CN_NUMERAL_RUN = rf"[{CN_NUMERAL}]{{1,{LONGEST_CN_NUMERAL + 1}}}"
# The digits of a year written digit by digit (二〇二三): 〇 is also printed as ○ (U+25CB) or a
# full-width Ｏ.
CN_YEAR_DIGITS = "〇零○Ｏ一二三四五六七八九"

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR_DIGIT = {"○": 0, "Ｏ": 0, **{c: v for c, v in _DIGIT.items() if c != "两"}}
_UNIT = {"十": 10, "百": 100, "千": 1000}

# What opens a heading or a numbered item at the start of a line: 一、 / 三. / （二） / (3) / 2、 /
# 第五条. A line opening so is never glued to the line above it.
ITEM_OPENER = (
    rf"[{CN_ORDINAL}]{{1,3}}\s*[、.．]|[(（]\s*[{CN_ORDINAL}\d]{{1,3}}\s*[)）]|\d{{1,2}}\s*[、.．](?!\d)"
    rf"|第[{CN_ORDINAL}\d]+[条章节部分]"
)


# A line that opens like a heading: 一、 / 十二. / 3． (spaces, ideographic ones too, before it).
HEADING_START = re.compile(rf"^\s*(?:[{CN_ORDINAL}]{{1,3}}|\d{{1,2}})\s*[、.．]")


def _below_10000(s: str) -> int | None:
    """零 … 九千九百九十九; a leading 十 stands for 一十 (十二 = 12)."""
    total = 0
    digit: int | None = None
    last_unit = 10**5
    for i, ch in enumerate(s):
        if ch in _DIGIT:
            d = _DIGIT[ch]
            if digit is not None and not (digit == 0 and d != 0):
                return None  # 一二: two digits in a row (零五 is fine)
            digit = d
            continue
        unit = _UNIT.get(ch)
        if unit is None or unit >= last_unit:
            return None  # 万 here, or units not falling (十百)
        if digit is None:
            if i != 0 or unit != 10:
                return None
            digit = 1
        if digit == 0:
            return None
        total += digit * unit
        digit, last_unit = None, unit
    return total + (digit or 0)


def cn_int(s: str) -> int | None:
    """A Chinese numeral (十二, 二十三, 一百零五, 两千, 三万五千) or None when it is not well formed."""
    if not s or any(ch not in CN_NUMERAL for ch in s):
        return None
    if "万" not in s:
        return _below_10000(s)
    high, _, low = s.partition("万")
    h = _below_10000(high) if high else None
    if not h or "万" in low:
        return None
    rest = _below_10000(low) if low else 0
    return None if rest is None else h * 10000 + rest


def number_value(s: str) -> int | None:
    """An ordinal or count in digits (ASCII or full width) or in Chinese numerals: 3, ３, 三, 十二."""
    if s.isdecimal():
        return int(s)
    return cn_int(s)


def cn_digit_string(s: str) -> str | None:
    """Digits written one by one, as ASCII digits: 二〇二三 → "2023", 零五 → "05" (〇, 零, ○ and Ｏ
    are 0); None when any character is not a digit."""
    if not s or any(ch not in _YEAR_DIGIT for ch in s):
        return None
    return "".join(str(_YEAR_DIGIT[ch]) for ch in s)


def cn_digits(s: str) -> int | None:
    """A number written digit by digit, as years are: 二〇二三 → 2023."""
    digits = cn_digit_string(s)
    return int(digits) if digits is not None else None


def cn_numeral(n: int, digits: str = "零一二三四五六七八九", ten: str = "十") -> str:
    """1 … 99 as a Chinese numeral (十一, 二十, 九十九); other numbers in digits. `digits` and `ten`
    give the financial forms (壹 … 玖, 拾)."""
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + ten + (digits[ones] if ones else "")
