"""Characters that print as nothing or as blank space, and character classes (CJK, full width).

Reports arrive with zero-width spaces and byte-order marks pasted in from editors, NBSPs from web
pages and ideographic spaces (U+3000) used for indentation. Text that is compared — labels,
headings, names, dates — must not depend on any of them, so matching squashes them all away.
"""

from __future__ import annotations

import re

# Zero-width space / non-joiner / joiner, word joiner, BOM (zero-width no-break space), soft hyphen.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# A run of anything that shows as blank: whitespace (NBSP and the ideographic space spelt out,
# though `\s` has them) and the invisible characters.
BLANK_RUN = re.compile(rf"[\s\u00a0\u3000{INVISIBLE_CHARS}]+")
# What a line may be padded with at its ends (no line breaks: lines are already split).
EDGE_BLANKS = " \t\u00a0\u3000" + INVISIBLE_CHARS

# Characters a browser or Word prints wide (CJK, full-width forms, CJK punctuation, curly quotes):
# no space is put between two of them when lines are joined.
WIDE_CHARS = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
)
_WIDE = re.compile(f"[{WIDE_CHARS}]")
# Full-width digits and signs map one to one, so positions in the translated text are positions in
# the source.
HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")


def squash(text: str) -> str:
    """Remove every blank and invisible character: Chinese is not spaced, so `2023 年 1 月`
    (pdftotext), `政府\u3000信息` and a zero-width space inside a word all match their plain form."""
    return BLANK_RUN.sub("", text)


def one_space(text: str) -> str:
    """Every blank run (invisible characters included) as one space, ends trimmed."""
    return BLANK_RUN.sub(" ", text).strip()


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def strip_edges(text: str) -> str:
    """The line without the spaces, tabs, NBSPs, ideographic spaces and invisible characters it is
    padded with."""
    return text.strip(EDGE_BLANKS)


def is_wide(ch: str) -> bool:
    return bool(ch) and _WIDE.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (the basic block: what Chinese report text is written in)."""
    return "\u4e00" <= ch <= "\u9fff"


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))
