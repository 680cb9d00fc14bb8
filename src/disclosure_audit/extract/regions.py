"""Where each standard table is: its text pieces, from plain-text lines or from a reader's grids.

Plain text. A table starts at a line that carries one of its anchors (表二's `第二十条第（…）项`
caption or `信息内容` header, 表三's `勾稽关系`/`申请人情况`/first row label, 表四's header words
that only that table prints) and runs until a standard section heading or another table's start.
Prose inside that stretch (a line with 。, or a long run of text that is no label) is left to the
narrative; everything else — labels, values, wrapped label tails, vertical label characters,
repeated headers — is the table's. Cell separators are kept where the source has them (a tab, a
`|`) because only they can say that a cell is empty.

Grids (HTML, DOCX, PDF): the reader already knows cells and rows; each cell becomes one piece (with
its grid position and spans where the reader resolved them) and the grids are routed to tables by
their anchors, a table continuing over several grids until a section heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.blocks import Layout, TextLine
from ..templates import TableDef
from ..zhtext.chars import cjk_count
from .labelfind import matcher_for, norm_chars
from .layout import continues_cell
from .per_definition import PerDefinition
from .tokens import GridSpan, Piece

_MD_SEPARATOR = re.compile(r"^\|?[\s:|\-—]+\|?$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# 表四 prints these and prose almost never does; 行政复议/行政诉讼 alone are everywhere in prose
_APPEALS_ONLY = tuple(
    norm_chars(w) for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉")
)
_WIDE_GAP = re.compile(r"\s{2,}|\t|\u3000")
# a number standing on its own between separators (a table cell), not a count in a sentence
_BARE_NUMBER = re.compile(r"(?:^|(?<=[\s|\t]))[+\-]?\d+(?:\.\d+)?(?=[\s|\t]|$)")
# a count in running text: "结果维持 72 件，" / "共3件；"
_PROSE_COUNT = re.compile(r"\d\s*(?:件|项|条|个|次|人次|家|篇|期|场)\s*[，,、；;：:]|其中[^，。]{0,8}\d")


@dataclass
class Regions:
    pieces: dict[str, list[Piece]] = field(default_factory=dict)
    table_lines: set[int] = field(default_factory=set)  # lines that belong to a table, not the narrative
    table_items: set[int] = field(default_factory=set)  # ids of a structured reader's TextLines read as table rows


class _LineKinds:
    def __init__(self, tdefs: dict[str, TableDef]) -> None:
        self.matchers = {k: matcher_for(t) for k, t in tdefs.items()}
        self.label_forms: list[str] = []
        for m in self.matchers.values():
            self.label_forms += [f for fs in m.forms for f in fs if len(f) >= 2]
            self.label_forms += [h for h in m.header if len(h) >= 2]
            self.label_forms += list(m.groups.values())
            # labels as printed, parentheticals included (（区分处理的，只计这一情形，不计其他情形）)
            self.label_forms += [norm_chars(lab) for r in m.rows for lab in (r.label, *r.variants)]
        self.label_forms_long = sorted(set(self.label_forms), key=len, reverse=True)
        # both answers depend on the line alone, and table lines recur in every report
        self._anchor_seen: dict[str, str | None] = {}
        self._prose_seen: dict[str, bool] = {}

    def anchor(self, sq: str) -> str | None:
        if len(sq) > 2_000:
            return self._anchor(sq)
        if sq not in self._anchor_seen:
            if len(self._anchor_seen) > 50_000:
                self._anchor_seen.clear()
            self._anchor_seen[sq] = self._anchor(sq)
        return self._anchor_seen[sq]

    def _anchor(self, sq: str) -> str | None:
        for key, m in self.matchers.items():
            if key == "appeals":
                if sum(1 for w in _APPEALS_ONLY if w in sq) >= 1 and (
                    "行政复议" in sq or "行政诉讼" in sq or sum(1 for w in _APPEALS_ONLY if w in sq) >= 2
                ):
                    return key
                continue
            if any(a in sq for a in m.anchors):
                return key
        return None

    def appeals_start(self, sqs: list[str], i: int) -> bool:
        """表四's header spread over lines: 行政复议 here and its own words within the next lines."""
        here = sqs[i]
        if not ("行政复议" in here or "行政诉讼" in here):
            return False
        window = "".join(sqs[i : i + 10])
        return sum(1 for w in _APPEALS_ONLY if w in window) >= 1

    def table_text(self, raw: str) -> bool:
        """A text line inside a table's stretch that is not prose: a row, a label, a label's tail."""
        sq = norm_chars(raw)
        return bool(sq) and not self.prose(raw, sq)

    def prose(self, raw: str, sq: str) -> bool:
        """A line of the narrative: a sentence end, a count written as prose (`72 件，`), or a long run
        of text that is mostly not table labels (a row of bare numbers never is). `sq` is always
        `norm_chars(raw)`, so the answer is kept per `raw`."""
        if len(raw) > 2_000:
            return self._prose(raw, sq)
        hit = self._prose_seen.get(raw)
        if hit is None:
            if len(self._prose_seen) > 50_000:
                self._prose_seen.clear()
            hit = self._prose_seen[raw] = self._prose(raw, sq)
        return hit

    def _prose(self, raw: str, sq: str) -> bool:
        if "。" in raw or "；" in raw or _PROSE_COUNT.search(raw):
            return True
        if len(_BARE_NUMBER.findall(raw)) >= 3:
            return False
        total = cjk_count(sq)
        if total < 20:
            return False
        pieces = [norm_chars(p) for p in _WIDE_GAP.split(raw.strip()) if p.strip()]
        if len(pieces) >= 3 and all(cjk_count(p) <= 12 for p in pieces):
            return False  # header words spread over padded columns (`维持    纠正    结果`)
        left = 0
        for piece in pieces:
            if any(piece in f for f in self.label_forms_long if len(piece) >= 6):
                continue  # part of a label wrapped over lines (表三's long note)
            rest = piece
            for f in self.label_forms_long:
                if f in rest:
                    rest = rest.replace(f, "")
            left += cjk_count(rest)
        return left >= 20 and left * 2 > total


# built once per format version's tables (the same dict every report of that version uses)
_kinds_for: PerDefinition[dict[str, TableDef], _LineKinds] = PerDefinition(_LineKinds, cap=64)


def _allowed(headings: dict[int, int], tdefs: dict[str, TableDef], n: int) -> dict[str, tuple[int, int]]:
    """Each table may start only inside its own section (表二 in 二, …) when that section's heading
    was found; otherwise anywhere."""
    marks = sorted(headings.items())
    out: dict[str, tuple[int, int]] = {}
    for key, t in tdefs.items():
        span = (1, n)
        for k, (line, number) in enumerate(marks):
            if number == t.section:
                end = marks[k + 1][0] - 1 if k + 1 < len(marks) else n
                span = (line, end)
                break
        out[key] = span
    return out


def text_regions(lines: list[str], skip: set[int], headings: dict[int, int], tdefs: dict[str, TableDef]) -> Regions:
    """`lines` 1-based by position; `skip` page furniture; `headings` line → number of the lines
    holding a standard section heading (they end any table)."""
    kinds = _kinds_for(tdefs)
    sqs = [norm_chars(s) for s in lines]
    out = Regions({k: [] for k in tdefs})
    allowed = _allowed(headings, tdefs, len(lines))
    current: str | None = None
    cell_id = 0
    block_row = 0
    last_tabcell: Piece | None = None
    for idx, raw in enumerate(lines, start=1):
        sq = sqs[idx - 1]
        if idx in headings:
            current = None
            last_tabcell = None
            continue
        if idx in skip:
            continue
        if not sq and not raw.strip(" \u00a0\u3000\ufeff"):
            block_row += 1
            last_tabcell = None
            continue
        if kinds.prose(raw, sq):
            last_tabcell = None
            continue
        start = kinds.anchor(sq)
        if start is None and kinds.appeals_start(sqs, idx - 1):
            start = "appeals"
        if start is not None and start != current and allowed[start][0] <= idx <= allowed[start][1]:
            current = start
        if current is None:
            continue
        out.table_lines.add(idx)
        pieces = out.pieces[current]
        body = _BR.sub(" ", raw)
        stripped = body.strip()
        if "\t" in body:
            if body.startswith("\t") and body.count("\t") == 1:
                cell_id += 1
                last_tabcell = Piece(body[1:], idx, 1, None, cell_id, block_row)
                pieces.append(last_tabcell)
            else:
                col = 0
                for part in body.split("\t"):
                    cell_id += 1
                    pieces.append(Piece(part, idx, col, None, cell_id, idx))
                    col += len(part) + 1
                last_tabcell = None
            continue
        if last_tabcell is not None and continues_cell(body):
            last_tabcell.text += stripped  # a tabcell cell wrapped onto a tab-less line
            continue
        last_tabcell = None
        if stripped.startswith("|") and stripped.count("|") >= 3 and set(stripped) != {"|"}:
            if _MD_SEPARATOR.match(stripped):
                continue
            col = body.index("|") + 1
            inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
            for part in inner.split("|"):
                cell_id += 1
                pieces.append(Piece(part, idx, col, None, cell_id, idx))
                col += len(part) + 1
            continue
        if stripped.endswith("|"):
            if set(stripped) == {"|"}:
                if len(stripped) == 1:
                    cell_id += 1
                    pieces.append(Piece("", idx, 0, None, cell_id, None))
                continue
            col = 0
            for part in stripped[:-1].split("|"):
                cell_id += 1
                pieces.append(Piece(part, idx, col, None, cell_id, None))
                col += len(part) + 1
            continue
        lead = len(body) - len(body.lstrip())
        pieces.append(Piece(body.strip(), idx, lead))
    return out


def layout_regions(layout: Layout, tdefs: dict[str, TableDef], headings: dict[int, int]) -> Regions:
    """Grids from a structured reader: route each cell to the table whose anchor was seen last; a
    table continues in the next grid (a page break, a Word table split in two) until a heading."""
    kinds = _kinds_for(tdefs)
    out = Regions({k: [] for k in tdefs})
    current: str | None = None
    cell_id = 0
    row_base = 0
    for grid, item in enumerate(layout.items):
        if isinstance(item, TextLine):
            if item.line in headings:
                current = None
            elif current is not None and kinds.table_text(item.text):
                # text the reader did not see as part of a grid (a table continued on the next page
                # without ruling lines, a wrapped label's tail): read it as free text of the current table
                out.table_items.add(id(item))
                out.pieces[current].append(Piece(item.text.strip(), item.line, 0, item.page))
            continue
        rows = {c.row for c in item.cells}
        for c in item.cells:
            sq = norm_chars(c.text)
            start = kinds.anchor(sq) if sq else None
            if start is None and sq and ("行政复议" in sq or "行政诉讼" in sq) and current is None:
                window = "".join(norm_chars(x.text) for x in item.cells[:40])
                if sum(1 for w in _APPEALS_ONLY if w in window) >= 2:
                    start = "appeals"
            if start is not None and start != current:
                current = start
            if current is None:
                continue
            cell_id += 1
            row = row_base + c.row if item.rows_known else None
            span = GridSpan(grid, c.col, c.colspan, c.rowspan) if row is not None and c.col is not None else None
            out.pieces[current].append(Piece(c.text, c.line, 0, c.page, cell_id, row, span))
        row_base += max(rows, default=0) + 1
    return out
