"""Label → canonical key matching for one template version's tables."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from ..templates import ColumnDef, GroupDef, RowDef, TableDef
from .normalize import header_unit, norm_label

_PREFIX_MIN = 5
_FUZZY_MIN_LEN = 6
_FUZZY_RATIO = 0.85


@dataclass(frozen=True)
class RowMatch:
    row: RowDef
    exact: bool


class TableLabels:
    """Precomputed normal forms of a table's row, group, column and header labels."""

    def __init__(self, table: TableDef) -> None:
        self.table = table
        self.rows: list[tuple[str, RowDef]] = []
        for b in table.blocks:
            for r in b.rows:
                for lab in (r.label, *r.variants):
                    self.rows.append((norm_label(lab), r))
        self.groups: list[tuple[str, GroupDef]] = [(norm_label(g.label), g) for g in table.groups]
        self.columns: list[tuple[str, ColumnDef]] = []
        for b in table.blocks:
            for c in b.columns:
                for lab in (c.label, *c.variants):
                    self.columns.append((norm_label(lab), c))
        self.header = {norm_label(h) for h in table.header_labels} | {n for n, _ in self.columns}
        self.anchors = tuple(norm_label(a, drop_ordinal=False, drop_paren=False) for a in table.anchors)
        self.match_row = lru_cache(maxsize=4096)(self._match_row)

    def is_anchor(self, text: str) -> bool:
        n = norm_label(text, drop_ordinal=False, drop_paren=False)
        return bool(n) and any(a in n for a in self.anchors)

    def _match_row(self, n: str, group: str | None) -> RowMatch | None:
        if not n:
            return None

        def allowed(r: RowDef) -> bool:
            return not r.requires_group or r.group == group

        exact = [r for lab, r in self.rows if lab == n and allowed(r)]
        if exact:
            in_group = [r for r in exact if r.group == group]
            return RowMatch((in_group or exact)[0], True)
        if len(n) >= _PREFIX_MIN:
            pref = [r for lab, r in self.rows if lab.startswith(n) and allowed(r) and not r.requires_group]
            if len({r.key for r in pref}) == 1:
                return RowMatch(pref[0], False)
        if len(n) >= _FUZZY_MIN_LEN:
            best, best_ratio = None, 0.0
            for lab, r in self.rows:
                if r.requires_group or len(lab) < _FUZZY_MIN_LEN:
                    continue
                ratio = difflib.SequenceMatcher(None, n, lab).ratio()
                if ratio > best_ratio:
                    best, best_ratio = r, ratio
            if best is not None and best_ratio >= _FUZZY_RATIO:
                return RowMatch(best, False)
        return None

    def match_group(self, n: str) -> GroupDef | None:
        for lab, g in self.groups:
            if lab == n:
                return g
        return None

    def is_header(self, n: str) -> bool:
        return n in self.header or any(len(h) >= 4 and h in n for h in self.header)

    def header_column(self, text: str) -> tuple[ColumnDef | None, str | None]:
        n = norm_label(text)
        for lab, c in self.columns:
            if lab == n:
                return c, header_unit(text)
        return None, header_unit(text)
