"""Reading prose for the narrative kind: numbers as printed (12, 1,234, 十二, 百分之三十) and the
sentence and clause pieces the precision guards look at. No table access here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...zhtext.chars import HALF_WIDTH_DIGITS
from ...zhtext.dates import YEAR
from ...zhtext.numerals import CN_DIGIT_CHARS, CN_NUMERAL, CN_NUMERAL_RUN, cn_digit_string, cn_int

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# A number in digits starts where a run of digits does (a number never starts inside one, so a long
# run costs its length once, full-width digits too); one in Chinese numerals reads at most
# CN_NUMERAL_RUN characters (see zhtext.numerals).
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![0-9])|\d+(?:\.\d+)?"
NUMBER = rf"(?<![\d.,])(?:{_DIGITS}|{CN_NUMERAL_RUN})"
PERCENT = rf"(?:\d+(?:\.\d+)?\s*%|百分之(?:\d+(?:\.\d+)?|{CN_NUMERAL_RUN}(?:点[{CN_DIGIT_CHARS}]+)?))"
COUNT_MENTION = re.compile(rf"(?:{NUMBER})(?:件|个|起|宗|条|项|次|人次)")
# a figure of the text, not a numbered article or item (第三十六条第四项); it starts where a run of
# numerals does, so the run needs no bound
_FIGURE = re.compile(rf"(?<![第{CN_NUMERAL}])(?<![\d.,])(?:{_DIGITS}|[{CN_NUMERAL}]+)(?:件|个|起|宗|条|项|次|人次)")


def parse_number(text: str) -> Decimal | None:
    """A count as printed in prose: 12, 1,234, 12.5, full-width digits, 十二, 两, 二十三. None otherwise."""
    s = text.strip().translate(HALF_WIDTH_DIGITS)
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", s):
        return Decimal(s.replace(",", ""))
    n = cn_int(s)
    return Decimal(n) if n is not None else None


def parse_percent(text: str) -> tuple[Decimal, int] | None:
    """'12.5%' → (12.5, 1); '百分之三十' → (30, 0); the second item is the number of decimals printed."""
    s = text.strip().translate(HALF_WIDTH_DIGITS).replace(" ", "")
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?%", s) or re.fullmatch(r"百分之(\d+)(?:\.(\d+))?", s)
    if m:
        return Decimal(m[0].rstrip("%").replace("百分之", "")), len(m[2] or "")
    m = re.fullmatch(rf"百分之([{CN_NUMERAL}]+)(?:点([{CN_DIGIT_CHARS}]+))?", s)
    if not m:
        return None
    whole = cn_int(m[1])
    if whole is None:
        return None
    frac = cn_digit_string(m[2]) if m[2] else ""
    return Decimal(f"{whole}.{frac}" if frac else str(whole)), len(frac)


# ---------------------------------------------------------------------------------------------
# Sentences and clauses
# ---------------------------------------------------------------------------------------------

_SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，,；;。：:！？!?\n"
# a clause ending in one of these runs on into the next: “因涉及国家秘密，不予公开2件”
_COMMA = "，,"
_COORD_END = re.compile(r"(?:[、和及与或]|以及|或者)$")
APPROX_AFTER = re.compile(r"^(?:左右|以上|以下|上下|之多|多)")


# a sentence: a run up to and including a terminator, or the text's tail without one
_SENTENCE = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}]|[^{_SENTENCE_END}]+")
# a number of any form NUMBER reads (a claim's {N} needs one)
_ANY_NUMBER = re.compile(NUMBER)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) pieces ending at 。！？ or a line break; the terminator is kept. (One regex
    scan: the paragraphs of every report are split once per narrative rule, prose check and fee
    rule, so a character-by-character loop was the kinds' largest single cost.)"""
    for m in _SENTENCE.finditer(text):
        if m[0].strip():
            yield m.start(), m[0]


def has_number(s: str) -> bool:
    """Whether `s` holds anything NUMBER reads: a sentence without one can state no count."""
    return _ANY_NUMBER.search(s) is not None


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
    years = {int(y) for y in YEAR.findall(s)}
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
