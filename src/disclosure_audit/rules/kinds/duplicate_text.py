"""Paragraphs repeated verbatim or near-verbatim inside one report (copy-paste slips)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.duplicate_text import DupParams
from ..registry import RuleKind

_STRIP = re.compile(r"[\s\u3000\u00a0，,。.、；;：:“”\"'（）()！!？?《》\-—]+")


def _norm(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))


class DuplicateText(RuleKind):
    params: DupParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        paras = ctx.paragraphs
        paras = paras[paras["report_id"].isin(report_ids)].copy()
        if paras.empty:
            return
        paras["norm"] = paras["text"].map(_norm)
        paras = paras[paras["norm"].str.len() >= p.min_chars]
        for rid, grp in paras.groupby("report_id", sort=True):
            rows = list(zip(grp["norm"], grp["text"], grp["line"], grp["section"], strict=True))
            for j in range(1, len(rows)):
                nj, tj, lj, sj = rows[j]
                for i in range(j):
                    ni, _ti, li, _ = rows[i]
                    if abs(len(ni) - len(nj)) > (1 - p.similarity) * max(len(ni), len(nj)):
                        continue
                    if ni == nj:
                        ratio = 1.0
                    else:
                        sm = difflib.SequenceMatcher(None, ni, nj, autojunk=False)
                        if sm.quick_ratio() < p.similarity:
                            continue
                        ratio = sm.ratio()
                    if ratio >= p.similarity:
                        yield Hit(
                            report_id=rid,
                            section=int(sj) or None,
                            raw=tj,
                            line=int(lj),
                            expected="不重复",
                            found=f"与第{li}行{'相同' if ratio == 1 else f'相似度{ratio:.0%}'}",
                            params={
                                "first_line": int(li),
                                "excerpt": tj[:40] + ("…" if len(tj) > 40 else ""),
                                "similarity": f"{ratio:.0%}",
                                "kind_zh": "逐字重复" if ratio == 1 else "几乎逐字重复",
                                "kind_en": "verbatim" if ratio == 1 else "near-verbatim",
                            },
                        )
                        break
