"""Injected spam, foreign links and editor artefacts, matched over every line of every report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.content_integrity import Links, Patterns
from ..registry import RuleKind

_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~%]+(?:\.[A-Za-z]{2,})[^\s，。、“”\"'<>）)]*", re.I)


class ContentIntegrity(RuleKind):
    params: Patterns | Links

    @cached_property
    def _regex(self) -> re.Pattern:
        assert isinstance(self.params, Patterns)
        return re.compile("|".join(f"(?:{p})" for p in self.params.patterns), re.I)

    def _allowed(self, url: str) -> bool:
        assert isinstance(self.params, Links)
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.I).split("/")[0].split(":")[0].lower()
        return any(host == d or host.endswith("." + d) for d in self.params.allow_domains)

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        lines = ctx.lines[ctx.lines["report_id"].isin(report_ids)]
        if lines.empty:
            return
        if isinstance(self.params, Patterns):
            hits = lines[lines["text"].str.contains(self._regex, regex=True)]
            for rid, ln, text in zip(hits["report_id"], hits["line"], hits["text"], strict=True):
                m = self._regex.search(text)
                yield self._hit(rid, ln, text, m.group(0), m.start())
        else:
            hits = lines[lines["text"].str.contains(_URL, regex=True)]
            for rid, ln, text in zip(hits["report_id"], hits["line"], hits["text"], strict=True):
                for m in _URL.finditer(text):
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
