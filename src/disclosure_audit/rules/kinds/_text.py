"""Finding words in a report's text on a normal form (NFKC, no whitespace, no punctuation), across
wrapped lines but never across a sentence end, with the line each hit starts on."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

from ...extract.normalize import EDITOR_ARTEFACT, norm_label
from ...zhtext.chars import strip_edges

# Sentence ends after NFKC (！ → !, ？ → ?, ； → ;); "." is not one: it is an ordinal separator.
_SENTENCE_END = re.compile(r"[。!?;]")
BREAK = "\n"


def search_form(text: str) -> str:
    """The normal form a needle is compared on (what `norm_label` keeps, ordinals and brackets too)."""
    return norm_label(text, drop_ordinal=False, drop_paren=False)


class TextIndex:
    """All lines of a report joined on their normal form. A sentence end becomes a break, so a
    needle never matches across two sentences; a line listed in `breaks` (a heading) is a sentence
    of its own."""

    def __init__(self, lines: list[str], breaks: Iterable[int] = ()) -> None:
        own = set(breaks)
        parts: list[str] = []
        self.starts: list[int] = []
        size = 0
        for n, line in enumerate(lines, start=1):
            nf = unicodedata.normalize("NFKC", EDITOR_ARTEFACT.sub("", line))
            text = BREAK.join(search_form(p) for p in _SENTENCE_END.split(nf))
            if n in own:
                text = BREAK + text + BREAK
            self.starts.append(size)
            parts.append(text)
            size += len(text)
        self.text = "".join(parts)
        self._breaks: list[int] | None = None  # offsets of BREAK, when a sentence is first asked for

    def line_at(self, offset: int) -> int:
        """1-based line the character at `offset` comes from."""
        return max(1, bisect.bisect_right(self.starts, offset))

    def offset_of_line(self, line: int) -> int:
        return self.starts[line - 1] if 0 < line <= len(self.starts) else len(self.text)

    def find_all(self, needle: str) -> list[int]:
        """Offsets where the (already normalised) needle starts."""
        out, i = [], self.text.find(needle) if needle else -1
        while i >= 0:
            out.append(i)
            i = self.text.find(needle, i + 1)
        return out

    def sentence(self, offset: int) -> tuple[int, int]:
        """The sentence around `offset`, found by bisection over the breaks: a sentence with many
        hits in it costs each hit a lookup, not a scan of the sentence."""
        if self._breaks is None:
            self._breaks = [i for i, ch in enumerate(self.text) if ch == BREAK]
        k = bisect.bisect_left(self._breaks, offset)
        start = self._breaks[k - 1] + 1 if k else 0
        end = self._breaks[k] if k < len(self._breaks) else len(self.text)
        return start, end


def excerpt(line: str, limit: int = 60) -> str:
    s = strip_edges(EDITOR_ARTEFACT.sub("", line))
    return s if len(s) <= limit else s[:limit] + "…"
