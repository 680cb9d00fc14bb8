"""Numbered items that skip or repeat a number: `一是…；三是…`, `（一）…（三）`, `1.… 1.…`.

Three styles are followed separately, each within one section: `N是` anywhere in the text (a
paragraph may carry several), and `（N）` or `N.`/`N、` opening a paragraph. A style's sequence
restarts whenever its first number comes again (a list of problems, then a list of measures). An
item that repeats a number together with the whole text before it is a pasted duplicate paragraph
(TXT-DUP's finding), not a numbering slip, and is left to that rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...zhtext.chars import squash
from ...zhtext.numerals import CN_ORDINAL, number_value

# "一是" after a sentence or clause mark (or at the start): 统一是 / 唯一是 are words, not items
INLINE = re.compile(rf"(?:^|(?<=[。；;，,：:\s（(、]))(?P<n>[{CN_ORDINAL}]{{1,3}})是(?![否非])")
PAREN = re.compile(rf"^\s*[（(](?P<n>[{CN_ORDINAL}]{{1,3}})[）)]")
DIGIT = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.、．](?!\d)")


@dataclass(frozen=True)
class Item:
    style: str  # "inline" | "paren" | "digit"
    number: int
    marker: str  # as printed: 三是 / （三） / 3.
    para: int  # index of the paragraph in the list given
    offset: int  # in that paragraph's text
    text: str  # the item's own text (to the next marker of the same style)


@dataclass(frozen=True)
class Fault:
    kind: str  # "gap" | "repeat"
    item: Item
    previous: Item
    expected: int


def items(paragraphs: list[str]) -> list[Item]:
    out: list[Item] = []
    for k, text in enumerate(paragraphs):
        marks = [(m.start(), m.end(), "inline", m) for m in INLINE.finditer(text)]
        for style, rx in (("paren", PAREN), ("digit", DIGIT)):
            m = rx.match(text)
            if m:
                marks.append((m.start(), m.end(), style, m))
        marks.sort(key=lambda x: x[0])
        for j, (a, _b, style, m) in enumerate(marks):
            n = number_value(m["n"])
            if n is None:
                continue
            nxt = next((x[0] for x in marks[j + 1 :] if x[2] == style), len(text))
            out.append(Item(style, n, m.group().strip(" \u3000。；;，,：:、"), k, a, text[a:nxt]))
    return out


def faults(paragraphs: list[str]) -> list[Fault]:
    """Gaps and repeats in each style's numbering over `paragraphs` (one section's, in order)."""
    out: list[Fault] = []
    last: dict[str, Item] = {}
    for it in items(paragraphs):
        prev = last.get(it.style)
        last[it.style] = it
        if prev is None:
            continue  # a list may start at any number (the section goes on from the last page)
        if it.number == prev.number + 1 or it.number == 1:
            continue
        if it.number == prev.number and _same_text(it, prev, paragraphs):
            continue  # a pasted duplicate paragraph: TXT-DUP's finding
        kind = "repeat" if it.number <= prev.number else "gap"
        out.append(Fault(kind, it, prev, prev.number + 1))
    return out


def _same_text(a: Item, b: Item, paragraphs: list[str]) -> bool:
    return a.style != "inline" and squash(paragraphs[a.para]) == squash(paragraphs[b.para])
