"""Injected spam, foreign links and editor artefacts, matched over every line of every report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.content_integrity import Links, Patterns
from ..registry import RuleKind

# A URL is ASCII: the Chinese words that follow it without a space (访问www.gov.cn查询) are not part of it.
_URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-_~%]+(?:\.[A-Za-z0-9\-_~%]+)*\.[A-Za-z]{2,}(?::\d+)?"
    r"(?:[/?#][A-Za-z0-9\-._~%/?#@!$&*+=:;,]*[A-Za-z0-9\-_~%/#=&])?",
    re.I,
)
_URL_START = re.compile(r"https?://|www\.", re.I)
_HOST = re.compile(r"(?:[A-Za-z0-9\-_~%]+(?:\.[A-Za-z0-9\-_~%]+)*)?+")  # the dot-joined labels after a start


def urls(text: str) -> Iterator[re.Match]:
    """The matches `_URL.finditer(text)` gives, in time linear in the text. A start whose host has no
    label after its first that opens with two letters (no top-level domain) fails only after trying
    every label, and so does every `www.` start inside that host: `www.1` × 8000 took 8000 starts ×
    the whole rest of the line. Those starts are skipped, which the pattern's labels (no dot inside)
    make exact; an `http://` start inside it can only be its last label followed by `://`, so the
    search goes on from five characters before the host's end."""
    pos = 0
    while (start := _URL_START.search(text, pos)) is not None:
        m = _URL.match(text, start.start())
        if m is not None:
            yield m
            pos = m.end()
        else:
            host = _HOST.match(text, start.end())
            end = host.end() if host is not None else start.end()
            pos = max(end - len("https"), start.start() + 1)


# A sentence ends at these; a clause (one item of a list) also at a comma or 、.
_SENTENCE_STOPS = "。！？!?；;"
_CLAUSE_STOPS = _SENTENCE_STOPS + "，,、"
_NEVER = "(?!)"


def _union(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or _NEVER


def _bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The stretch of `text` around [start, end) up to the nearest stop on either side."""
    lo = max((text.rfind(c, 0, start) for c in stops), default=-1) + 1
    ahead = [i for c in stops if (i := text.find(c, end)) != -1]
    return lo, min(ahead, default=len(text))


def _beside(rx: re.Pattern, text: str, lo: int, hi: int, m: re.Match) -> bool:
    """A match of `rx` in text[lo:hi] that is not just (part of) `m` itself."""
    return any(not (c.start() >= m.start() and c.end() <= m.end()) for c in rx.finditer(text, lo, hi))


class ContentIntegrity(RuleKind):
    params: Patterns | Links

    @cached_property
    def _regex(self) -> re.Pattern:
        """Every pattern; group 1 is set when the match is one of `patterns` (a finding on its own)."""
        assert isinstance(self.params, Patterns)
        return re.compile(f"({_union(self.params.patterns)})|(?:{_union(self.params.in_context)})", re.I)

    @cached_property
    def _context(self) -> re.Pattern:
        return re.compile(_union(self.params.context_required), re.I)

    @cached_property
    def _unless(self) -> re.Pattern:
        return re.compile(_union(self.params.unless), re.I)

    @cached_property
    def _override(self) -> re.Pattern:
        return re.compile(_union(self.params.unless_overridden_by), re.I)

    def _first(self, text: str) -> re.Match | None:
        """The first match on the line that is evidence, or None (see `Patterns`)."""
        p = self.params
        assert isinstance(p, Patterns)
        for m in self._regex.finditer(text):
            s_lo, s_hi = _bounds(text, m.start(), m.end(), _SENTENCE_STOPS)
            if self._unless.search(text, s_lo, s_hi) and not self._override.search(text, s_lo, s_hi):
                continue
            if m.group(1) is not None:
                return m
            w_lo, w_hi = max(s_lo, m.start() - p.window), min(s_hi, m.end() + p.window)
            if _beside(self._context, text, w_lo, w_hi, m):
                return m
            if p.another_match_counts:
                c_lo, c_hi = _bounds(text, m.start(), m.end(), _CLAUSE_STOPS)
                if _beside(self._regex, text, max(c_lo, w_lo), min(c_hi, w_hi), m):
                    return m
        return None

    def _allowed(self, url: str) -> bool:
        assert isinstance(self.params, Links)
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/")[0].split(":")[0].lower()
        return any(host == d or host.endswith("." + d) for d in self.params.allow_domains)

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        wanted = set(report_ids)
        lines = [x for x in ctx.line_records if x[0] in wanted]
        if isinstance(self.params, Patterns):
            search = self._regex.search
            for rid, ln, text in lines:
                if search(text) is None:
                    continue
                m = self._first(text)
                if m is not None:
                    yield self._hit(rid, ln, text, m.group(0), m.start())
        else:
            for rid, ln, text in lines:
                for m in urls(text):
                    if not self._allowed(m.group(0)):
                        yield self._hit(rid, ln, text, m.group(0), m.start())

    def _hit(self, rid: str, line: int, text: str, match: str, pos: int) -> Hit:
        lo = max(0, pos - 20)
        context = (
            ("…" if lo else "")
            + text[lo : pos + len(match) + 20].strip()
            + ("…" if pos + len(match) + 20 < len(text) else "")
        )
        return Hit(
            report_id=rid,
            raw=match,
            line=int(line),
            found=match,
            expected="无",
            params={"match": match, "context": context},
        )
