"""Reading prose for the narrative kind: numbers as printed (12, 1,234, 十二, 百分之三十) and the
sentence and clause pieces the precision guards look at. No table access here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "零〇一二两三四五六七八九十百千万"
# Full-width digits and signs map one to one, so positions in the normalised text are positions in the source.
WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

NUMBER = rf"(?<![0-9.,])(?:\d{{1,3}}(?:,\d{{3}})+(?![0-9])|\d+(?:\.\d+)?|[{CN_CHARS}]+)"
PERCENT = rf"(?:\d+(?:\.\d+)?\s*%|百分之(?:\d+(?:\.\d+)?|[{CN_CHARS}]+(?:点[{CN_CHARS[:10]}]+)?))"
COUNT_MENTION = re.compile(rf"(?:{NUMBER})(?:件|个|起|宗|条|项|次|人次)")
# a figure of the text, not a numbered article or item (第三十六条第四项)
_FIGURE = re.compile(rf"(?<![第{CN_CHARS}])(?:{NUMBER})(?:件|个|起|宗|条|项|次|人次)")


def _parse_cn_small(s: str) -> int | None:
    """零 … 九千九百九十九; a leading 十 stands for 一十 (十二 = 12)."""
    total = 0
    digit: int | None = None
    last_unit = 10**5
    for i, ch in enumerate(s):
        if ch in _CN_DIGIT:
            d = _CN_DIGIT[ch]
            if digit is not None and not (digit == 0 and d != 0):
                return None  # 一二: two digits in a row (零五 is fine)
            digit = d
            continue
        unit = _CN_UNIT.get(ch)
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


def _parse_cn_int(s: str) -> int | None:
    """A Chinese numeral (十二, 二十三, 一百零五, 两千, 三万五千) or None when it is not well formed."""
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    if "万" not in s:
        return _parse_cn_small(s)
    high, _, low = s.partition("万")
    h = _parse_cn_small(high) if high else None
    if not h or "万" in low:
        return None
    rest = _parse_cn_small(low) if low else 0
    return None if rest is None else h * 10000 + rest


def parse_number(text: str) -> Decimal | None:
    """A count as printed in prose: 12, 1,234, 12.5, full-width digits, 十二, 两, 二十三. None otherwise."""
    s = text.strip().translate(WIDE)
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", s):
        return Decimal(s.replace(",", ""))
    n = _parse_cn_int(s)
    return Decimal(n) if n is not None else None


def parse_percent(text: str) -> tuple[Decimal, int] | None:
    """'12.5%' → (12.5, 1); '百分之三十' → (30, 0); the second item is the number of decimals printed."""
    s = text.strip().translate(WIDE).replace(" ", "")
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?%", s) or re.fullmatch(r"百分之(\d+)(?:\.(\d+))?", s)
    if m:
        return Decimal(m[0].rstrip("%").replace("百分之", "")), len(m[2] or "")
    m = re.fullmatch(rf"百分之([{CN_CHARS}]+)(?:点([{CN_CHARS[:10]}]+))?", s)
    if not m:
        return None
    whole = _parse_cn_int(m[1])
    if whole is None:
        return None
    frac = "".join(str(_CN_DIGIT[c]) for c in (m[2] or ""))
    return Decimal(f"{whole}.{frac}" if frac else str(whole)), len(frac)


# ---------------------------------------------------------------------------------------------
# Sentences and clauses
# ---------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年")
_SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，,；;。：:！？!?\n"
# a clause ending in one of these runs on into the next: “因涉及国家秘密，不予公开2件”
_COMMA = "，,"
_COORD_END = re.compile(r"(?:[、和及与或]|以及|或者)$")
APPROX_AFTER = re.compile(r"^(?:左右|以上|以下|上下|之多|多)")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) pieces ending at 。！？ or a line break; the terminator is kept."""
    start = 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            if text[start : i + 1].strip():
                yield start, text[start : i + 1]
            start = i + 1
    if text[start:].strip():
        yield start, text[start:]


def clause_bounds(s: str, lo: int, hi: int) -> tuple[int, int]:
    start = max((s.rfind(c, 0, lo) for c in CLAUSE_END), default=-1) + 1
    ends = [j for j in (s.find(c, hi) for c in CLAUSE_END) if j >= 0]
    return start, min(ends) if ends else len(s)


def qualifier_start(s: str, start: int) -> int:
    """Where the clause starting at `start` really begins: clauses before it that end in a comma
    and state no figure of their own qualify it (“因涉及国家秘密，依据第十四条，不予公开2件”), so
    the guards read them as part of it."""
    while start > 0 and s[start - 1] in _COMMA:
        prev = max((s.rfind(c, 0, start - 1) for c in CLAUSE_END), default=-1) + 1
        if _FIGURE.search(s, prev, start - 1):
            break
        start = prev
    return start


def skip_sentence(s: str, year: int | None, ambiguous: re.Pattern) -> bool:
    if ambiguous.search(s):
        return True
    years = {int(y) for y in _YEAR.findall(s)}
    return bool(years) and (year is None or years != {year})


def coordinated(s: str, start: int) -> bool:
    """The subject is the second of a coordination whose first member has no figure of its own
    (“行政复议、行政诉讼共3件”): the number is shared, so it is not this subject's."""
    before = s[:start]
    if not _COORD_END.search(before):
        return False
    seg = re.split(f"[{CLAUSE_END}]", before)[-1]
    return not COUNT_MENTION.search(seg)


def blank_asides(s: str) -> str:
    """Parenthesised asides blanked out, positions kept: the head of 其中 is not inside （含…）."""
    return re.sub(r"[（(][^（()）]*[）)]", lambda m: " " * len(m[0]), s)


def blank_spans(s: str, rx: re.Pattern | None) -> str:
    """The text with every match of `rx` replaced by spaces (positions kept)."""
    if rx is None:
        return s
    return rx.sub(lambda m: " " * len(m[0]), s)


# ---------------------------------------------------------------------------------------------
# Claim guards
# ---------------------------------------------------------------------------------------------


def topic_before(topics: dict[str, re.Pattern], s: str, pos: int) -> str | None:
    """The topic (行政复议, 行政诉讼…) named last before `pos`."""
    best, best_end = None, -1
    for name, rx in topics.items():
        for m in rx.finditer(s, 0, pos):
            if m.end() > best_end:
                best, best_end = name, m.end()
    return best


def guards_pass(guards: dict[str, re.Pattern | None], s: str, m: re.Match) -> bool:
    """A claim's match stands: `requires` is there, `reject_before` is not before it, `reject` is
    not in its clause (read with its qualifiers, less the `reject_exempt` spans), and its number is
    not shared with a coordinated subject."""
    before = s[: m.start()]
    if guards["requires"] is not None and not guards["requires"].search(s[: m.end()]):
        return False
    if guards["reject_before"] is not None and guards["reject_before"].search(before):
        return False
    if guards["reject"] is not None:
        lo, hi = clause_bounds(s, m.start(), m.end())
        clause = blank_spans(s[qualifier_start(s, lo) : hi], guards["reject_exempt"])
        if guards["reject"].search(clause):
            return False
    return not coordinated(s, m.start())
