"""One table's tokens → a Table of cells keyed by the format's rows and columns.

The values of a row are the value tokens between its label and the next row's label, whatever
separated them. When a row has exactly as many as the format has columns, that is the reading.
Where the source gives grid positions (HTML, DOCX) and the header maps the format's columns onto
them with certainty, each column reads the cell that covers it on the row, merged cells included
(`gridcols.py`); that comes first. Otherwise, in this order:

1. explicit cells (a tab, a `|`, a grid cell) that make up exactly the row's width, blanks included;
2. a glued digit run split by the table's own arithmetic (`segment.py`);
3. values printed apart from their labels (a converter that emits labels after their values)
   redistributed over consecutive rows in the format's row order, when the counts add up exactly
   and every row involved has its label somewhere in the table;
4. a row with blank cells in text without cell separators, placed by the column positions the
   complete rows of the table show;
5. surplus values after the row's own are reported and ignored; anything else that does not add up
   leaves the row's cells `ambiguous`, never a guess.

Every step after the first is recorded on the cell (`Cell.reading`) and on the table
(`Table.uncertain`) so findings resting on it can be sent for review.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass, field
from math import comb

from ..model import MISSING_CELL, Cell, Problem, Table
from ..templates import RowDef, TableDef
from .gridcols import GridTable
from .labelfind import Occurrence, Stream, TableMatcher, build_stream, matcher_for, norm_chars
from .normalize import header_unit, parse_cell
from .rowmath import row_constraints
from .segment import segmentations
from .tokens import GLUED, SPACE, WIDE, Tok

UNCERTAIN_ZH = {
    "segmented": "数字之间的分隔已丢失，按表内勾稽关系拆分",
    "placed": "数值与行标签分离，按格式行序归位",
    "aligned": "无分隔符的文本中有空白单元格，按列位置归位",
    "ambiguous": "部分单元格有多种读法，未采用任何一种",
    "fuzzy": "部分行标签与格式文字不完全一致（可能为识别错误）",
    "surplus": "部分行的数值多于格式列数",
    "rows": "部分行标签未找到",
    "order": "数值与表头文字交错，列的先后可能已打乱",
}
UNCERTAIN_EN = {
    "segmented": "separators between numbers were lost; digit runs split by the table's arithmetic",
    "placed": "values printed apart from their row labels were placed by the format's row order",
    "aligned": "blank cells in text without separators were placed by column position",
    "ambiguous": "some cells admit several readings; none was taken",
    "fuzzy": "some row labels differ from the format's wording (possibly recognition errors)",
    "surplus": "some rows have more values than the format has columns",
    "rows": "some row labels were not found",
    "order": "values are interleaved with header text; the column order may be lost",
}


@dataclass
class _Slot:
    index: int  # row order in the table
    row: RowDef
    width: int
    occ: Occurrence | None
    toks: list[Tok] = field(default_factory=list)  # value tokens (no explicit empties)
    explicit: list[Tok] | None = None  # the row's explicit cells after its label, if it has them
    cells: list[Cell] | None = None  # the decision
    reading: str | None = None
    candidates: list[list[str]] = field(default_factory=list)  # segmentations that all fit the row


def _note(
    problems: list[Problem], code: str, en: str, zh: str, line: int | None, tdef: TableDef, row: str | None, raw: str
) -> None:
    problems.append(Problem(code=code, message=en, zh=zh, line=line, table=tdef.key, row=row, raw=raw))


def read_table(tdef: TableDef, tokens: list[Tok], problems: list[Problem]) -> Table:
    table = Table(key=tdef.key)
    if not tokens:
        return table
    matcher = matcher_for(tdef)
    stream = build_stream(tokens)
    heads = matcher.header_hits(stream)
    table.labels_seen = bool(heads)
    table.first_line = tokens[0].line
    table.last_line = tokens[-1].line
    _header_units(table, tdef, tokens, stream)
    reasons: set[str] = set()
    if tdef.blocks[0].row_label_optional:
        _read_positional(table, tdef, tokens, stream, heads, problems, reasons)
    else:
        _read_labelled(table, tdef, matcher, tokens, stream, problems, reasons)
    keys = tdef.cell_keys()
    for key in keys:
        table.cells.setdefault(key, MISSING_CELL)
    table.cells = {k: table.cells[k] for k in keys}
    table.uncertain = tuple(sorted(reasons))
    return table


# ---------------------------------------------------------------------------------- labelled rows


def _read_labelled(
    table: Table,
    tdef: TableDef,
    matcher: TableMatcher,
    tokens: list[Tok],
    stream: Stream,
    problems: list[Problem],
    reasons: set[str],
) -> None:
    occs = matcher.occurrences(stream)
    for o in occs:
        o.weight += _VALUE_EVIDENCE * _followed_by_row(o, matcher, tdef, tokens, stream)
    chosen = matcher.fuzzy_fill(stream, matcher.choose(occs))
    if not chosen:
        return
    table.found = True
    table.labels_seen = True
    starts = [stream.tok[o.start] for o in chosen]
    trust_cells = _cells_hold_one_value(tokens)
    slots: list[_Slot] = []
    for k, o in enumerate(chosen):
        row = matcher.rows[o.row]
        width = len(tdef.block_of_row[row.key].columns)
        lo = starts[k]
        hi = starts[k + 1] if k + 1 < len(chosen) else len(tokens)
        label_end = stream.tok[o.end - 1]
        span = tokens[lo + 1 : hi]
        slot = _Slot(o.row, row, width, o, [t for t in span if t.is_value and t.kind != "empty"])
        slot.explicit = _explicit_cells(tokens, label_end, hi, matcher, stream, lo) if trust_cells else None
        slots.append(slot)
        if not o.exact and o.weight < len(matcher.forms[o.row][0]):
            # noted, but no reason to doubt the values: the row order placed the label and its
            # values follow it (a misread value arrangement shows up as one of the other reasons)
            _note(
                problems,
                "label-variant",
                f"label read as '{row.label}' (approximate match)",
                f"行标签与格式用语不完全一致，按近似匹配读作“{row.label}”",
                tokens[lo].line,
                tdef,
                row.key,
                tokens[lo].text.strip(),
            )
    # rows the chosen labels skip over, whose labels occur elsewhere in the table (emitted out of
    # order): candidates for values that a neighbouring label holds too many of
    _hand_over_prelabel_values(slots, tokens, stream, matcher, chosen)
    full: list[_Slot] = []
    for k, slot in enumerate(slots):
        full.append(slot)
        nxt = slots[k + 1].index if k + 1 < len(slots) else len(matcher.rows)
        if k + 1 == len(slots):
            break
        for i in range(slot.index + 1, nxt):
            r = matcher.rows[i]
            full.append(_Slot(i, r, len(tdef.block_of_row[r.key].columns), None))
    grid = GridTable(tokens)
    if grid:
        _read_by_grid(grid, tdef, [s for s in slots if s.occ is not None], tokens, stream)
    constraints = row_constraints(tdef)
    where = {id(t): i for i, t in enumerate(tokens)}
    for slot in full:
        if slot.cells is None:
            _decide_simple(slot, tdef, constraints, problems, reasons, where)
    _redistribute(full, matcher, stream, reasons)
    centres = _column_centres(full)
    for slot in full:
        if slot.cells is None:
            _decide_rest(slot, tdef, centres, constraints, problems, reasons)
        if slot.cells is None:
            if slot.occ is not None and not slot.toks:
                _note(
                    problems,
                    "row-unread",
                    f"row label '{slot.row.label}' found, but no values next to it",
                    f"找到“{slot.row.label}”行的标签，但其后没有读到数值",
                    tokens[stream.tok[slot.occ.start]].line,
                    tdef,
                    slot.row.key,
                    "",
                )
            continue
        cols = tdef.block_of_row[slot.row.key].columns
        if (slot.row.key, cols[0].key) in table.cells:
            _note(
                problems,
                "duplicate-row",
                f"row '{slot.row.label}' appears twice; the first is kept",
                f"“{slot.row.label}”行出现两次，取第一次",
                slot.cells[0].line,
                tdef,
                slot.row.key,
                "",
            )
            continue
        for c, v in zip(cols, slot.cells, strict=True):
            table.cells[(slot.row.key, c.key)] = v
    _propagate(table, tdef, [s for s in full if s.candidates and s.cells is not None], problems, reasons)
    missing = [r for r in matcher.rows if (r.key, tdef.block_of_row[r.key].columns[0].key) not in table.cells]
    if missing and len(missing) < len(matcher.rows):
        reasons.add("rows")


def _read_by_grid(grid: GridTable, tdef: TableDef, slots: list[_Slot], tokens: list[Tok], stream: Stream) -> None:
    """Rows whose cells stand where the header's grid columns say (HTML, DOCX; see `gridcols`): a
    row's label ends on its row; a block's header is above its first row and below the rows of the
    block before it in the same grid."""
    ends = [tokens[stream.tok[s.occ.end - 1]] for s in slots if s.occ is not None]
    at = [(t.span.grid, t.row) if t.span is not None and t.row is not None else None for t in ends]
    for slot, end, here in zip(slots, ends, at, strict=True):
        if here is None:
            continue
        block = tdef.block_of_row[slot.row.key]
        rows = [
            (a[1], tdef.block_of_row[s.row.key] is block)
            for s, a in zip(slots, at, strict=True)
            if a and a[0] == here[0]
        ]
        first = min(r for r, same in rows if same)
        floor = max((r + 1 for r, _ in rows if r < first), default=None)
        toks = grid.read(tdef, block, end, first, floor)
        if toks is not None:
            slot.cells = _cells_of(toks)


_VALUE_EVIDENCE = 100.0
# A row with more pieces than this many times its columns is not a number split by a converter.
MAX_SPLIT_FACTOR = 4
# Joins of split numbers tried against the row's identities; beyond, the row is left ambiguous.
MAX_JOIN_TRIALS = 5_000


def _followed_by_row(o: Occurrence, matcher: TableMatcher, tdef: TableDef, tokens: list[Tok], stream: Stream) -> float:
    """How strongly the values right after a label say it heads a row: 1 when exactly its row's
    number of values follow before any other text, half that scaled by how many when fewer or more,
    0 when another label follows at once (labels a converter emitted in a heap, apart from values)."""
    width = len(tdef.block_of_row[matcher.rows[o.row].key].columns)
    j = stream.tok[o.end - 1] + 1
    count = 0
    while j < len(tokens) and tokens[j].kind != "text":
        count += tokens[j].kind != "empty"
        j += 1
    if count == width:
        return 1.0
    return 0.5 * min(count, width) / width


def _hand_over_prelabel_values(
    slots: list[_Slot], tokens: list[Tok], stream: Stream, matcher: TableMatcher, chosen: list[Occurrence]
) -> None:
    """Values after a block caption, a (repeated) header or a group label and before the next row's
    label are that next row's, printed above its label (a label centred on a wrapped value, a row
    after a page break): when a row has values of its own before such a boundary, what follows the
    boundary moves on to the next row."""
    taken = [(o.start, o.end) for o in chosen]
    bounds = sorted(
        {
            stream.tok[a]
            for a, b in matcher.header_hits(stream) + matcher.group_hits(stream)
            if not any(a < e and s0 < b for s0, e in taken)
        }
    )
    where = {id(t): i for i, t in enumerate(tokens)}
    for k in range(len(slots) - 1):
        slot = slots[k]
        if not slot.toks:
            continue
        label_end = stream.tok[slot.occ.end - 1] if slot.occ else 0
        first_val = where[id(slot.toks[0])]
        last_val = where[id(slot.toks[-1])]
        cut = None
        for b in bounds:
            if label_end < b and first_val < b < last_val:
                cut = b
        if cut is None:
            continue
        own = [t for t in slot.toks if where[id(t)] < cut]
        pre = [t for t in slot.toks if where[id(t)] > cut]
        if own and pre:
            slot.toks = own
            slots[k + 1].toks = pre + slots[k + 1].toks
            slots[k + 1].explicit = None


def _cells_hold_one_value(tokens: list[Tok]) -> bool:
    """The source's cell marks can be trusted to say where cells are only if no marked cell holds two
    values (markitdown writes `| 3001 53 | 0 0 |`: its pipes are not the table's cells)."""
    seen: dict[int, int] = {}
    for t in tokens:
        if t.cell is not None and t.kind != "text" and t.kind != "empty":
            seen[t.cell] = seen.get(t.cell, 0) + 1
            if seen[t.cell] > 1:
                return False
    return True


def _explicit_cells(
    tokens: list[Tok], label_end: int, hi: int, matcher: TableMatcher, stream: Stream, lo: int
) -> list[Tok] | None:
    """The cells after a row's label when the source marks cells (tabs, pipes, grids): empties
    included, up to the next text that is not part of the label."""
    out: list[Tok] = []
    label_row = tokens[lo].row
    for t in tokens[label_end + 1 : hi]:
        if t.kind == "text":
            if out:
                break
            continue
        if t.cell is None:
            return None
        if label_row is not None and t.row is not None and t.row != label_row:
            break
        out.append(t)
    return out or None


def _cells_of(toks: list[Tok], reading: str | None = None) -> list[Cell]:
    return [
        _with_reading(parse_cell(t.text, line=t.line, page=t.page), reading)
        if t.kind != "empty"
        else Cell(raw="", kind="blank", line=t.line, page=t.page, reading=reading)
        for t in toks
    ]


def _with_reading(c: Cell, reading: str | None) -> Cell:
    if reading is None:
        return c
    return Cell(raw=c.raw, kind=c.kind, value=c.value, unit=c.unit, line=c.line, page=c.page, reading=reading)


def _glued(toks: list[Tok], where: dict[int, int]) -> bool:
    """One run of value characters with nothing between them: separators lost."""
    if not toks or not all(t.kind in ("num", "slash", "dash", "word") for t in toks):
        return False
    idx = [where[id(t)] for t in toks]
    return all(t.gap == GLUED for t in toks[1:]) and idx == list(range(idx[0], idx[0] + len(idx)))


def _decide_simple(
    slot: _Slot, tdef: TableDef, constraints, problems: list[Problem], reasons: set[str], where: dict[int, int]
) -> None:
    n = slot.width
    if slot.occ is None:
        return
    if len(slot.toks) == n:
        slot.cells = _cells_of(slot.toks)
        return
    ex = slot.explicit
    if ex is not None:
        trimmed = list(ex)
        while len(trimmed) > n and trimmed[0].kind == "empty":
            trimmed.pop(0)
        while len(trimmed) > n and trimmed[-1].kind == "empty":
            trimmed.pop()
        if len(trimmed) == n:
            slot.cells = _cells_of(trimmed)
            return
        if len(trimmed) > n and len(slot.toks) > n and _span_copies(slot.toks, n):
            # a converter repeated a merged cell's value into every column it spans
            slot.cells = _cells_of(slot.toks[:n])
            return
    if len(slot.toks) < n and _glued(slot.toks, where):
        texts, kinds = [t.text for t in slot.toks], [t.kind for t in slot.toks]
        first = slot.toks[0]
        whole = segmentations(texts, kinds, n, [])
        if len(whole.candidates) == 1 and not whole.exhausted:
            # one way to cut the digits at all: that is what the text says. It is certain when there
            # are too few digits for a blank cell to hide among them (a crawler drops an empty cell
            # without a trace); otherwise it is marked, and if the table's identities then fail the
            # findings go to review instead of deducting
            hidden_blank = n > 1 and bool(segmentations(texts, kinds, n - 1, []).candidates)
            reading = "segmented" if hidden_blank else None
            slot.cells = [
                _with_reading(parse_cell(x, line=first.line, page=first.page), reading) for x in whole.candidates[0]
            ]
            if hidden_blank:
                reasons.add("segmented")
            return
        res = segmentations(texts, kinds, n, constraints.get(slot.row.key, []))
        if len(res.candidates) == 1 and not res.exhausted:
            slot.cells = [
                _with_reading(parse_cell(s, line=first.line, page=first.page), "segmented") for s in res.candidates[0]
            ]
            reasons.add("segmented")
            raw = "".join(t.text for t in slot.toks)
            cut = " ".join(res.candidates[0])
            _note(
                problems,
                "segmented",
                f"digits '{raw}' split into {n} cells by the table's arithmetic: {cut}",
                f"数字“{raw}”之间无分隔，按表内勾稽关系拆为{n}格：{cut}",
                first.line,
                tdef,
                slot.row.key,
                raw,
            )
            return
        raw = "".join(t.text for t in slot.toks)
        options = [" ".join(c) for c in res.candidates]
        slot.cells = _ambiguous(n, slot.toks, res.candidates)
        slot.candidates = [] if res.exhausted else res.candidates
        reasons.add("ambiguous")
        if res.exhausted:
            why, why_zh = "too many readings", "可能的读法过多"
        elif options:
            why = f"{len(options)} readings fit the table's arithmetic: {'; '.join(options[:6])}"
            why_zh = f"有{len(options)}种读法都符合表内勾稽关系：{'；'.join(options[:6])}"
        else:
            why, why_zh = "no reading fits the table's arithmetic", "没有一种读法符合表内勾稽关系"
        _note(
            problems,
            "ambiguous-cells",
            f"digits '{raw}' cannot be split into {n} cells with certainty: {why}",
            f"数字“{raw}”无法确定地拆为{n}格：{why_zh}（未采用任何读法，相关检查不予评判）",
            first.line,
            tdef,
            slot.row.key,
            raw,
        )


_JOINT_LIMIT = 20_000


def _propagate(table: Table, tdef: TableDef, slots: list[_Slot], problems: list[Problem], reasons: set[str]) -> None:
    """Rows whose digits split several ways that each fit the row: the table's column identities
    (一+二 = （七）+四, （七） = Σ results) often leave one. The undecided rows are tried together
    (every combination of their candidates, when there are not too many): a combination survives
    if it makes no identity fail that was not failing already; a row is decided when every
    surviving combination gives it the same cells."""
    import math
    from itertools import product

    from .rowmath import self_check

    pending = [s for s in slots if s.cells and s.cells[0].kind == "ambiguous" and s.candidates]
    if not pending or math.prod(len(s.candidates) for s in pending) > _JOINT_LIMIT:
        return
    keys = {id(s): [(s.row.key, c.key) for c in tdef.block_of_row[s.row.key].columns] for s in pending}
    before = {k: table.cells[k] for s in pending for k in keys[id(s)]}
    base = set(self_check(table, tdef))
    survivors: list[tuple[int, ...]] = []
    for combo in product(*(range(len(s.candidates)) for s in pending)):
        for s, ci in zip(pending, combo, strict=True):
            first = s.toks[0]
            for k, x in zip(keys[id(s)], s.candidates[ci], strict=True):
                table.cells[k] = parse_cell(x, line=first.line, page=first.page)
        if set(self_check(table, tdef)) <= base:
            survivors.append(combo)
    table.cells.update(before)
    if not survivors:
        return
    for j, s in enumerate(pending):
        picks = {combo[j] for combo in survivors}
        if len(picks) != 1:
            continue
        cand = s.candidates[picks.pop()]
        first = s.toks[0]
        for k, x in zip(keys[id(s)], cand, strict=True):
            table.cells[k] = _with_reading(parse_cell(x, line=first.line, page=first.page), "segmented")
        problems[:] = [p for p in problems if not (p.code == "ambiguous-cells" and p.row == s.row.key)]
        raw = "".join(t.text for t in s.toks)
        cut = " ".join(cand)
        _note(
            problems,
            "segmented",
            f"digits '{raw}' split into {len(cand)} cells by the table's arithmetic (the row's and its columns'): "
            f"{cut}",
            f"数字“{raw}”之间无分隔，按本行及各列的勾稽关系拆为{len(cand)}格：{cut}",
            first.line,
            tdef,
            s.row.key,
            raw,
        )
        reasons.add("segmented")
    if not any(c.kind == "ambiguous" for c in table.cells.values()):
        reasons.discard("ambiguous")


def _span_copies(toks: list[Tok], n: int) -> bool:
    """The tokens beyond the first n repeat the n-th one, each in its own cell of the same grid row:
    a converter (pymupdf4llm) wrote a merged cell's text into each column it spans. Only 表二's
    one- and two-column blocks are drawn over wider grids, so only they can show this."""
    if n > 2:
        return False
    last = toks[n - 1]
    rest = toks[n:]
    return all(
        t.text == last.text and t.cell is not None and t.cell != last.cell and t.row is not None and t.row == last.row
        for t in rest
    )


def _ambiguous(n: int, toks: list[Tok], candidates: list[list[str]]) -> list[Cell]:
    first = toks[0] if toks else None
    raw = " ".join(t.text for t in toks)
    out = []
    for j in range(n):
        opts = tuple(sorted({c[j] for c in candidates}, key=lambda s: (len(s), s))) if candidates else ()
        out.append(
            Cell(
                raw=raw,
                kind="ambiguous",
                line=first.line if first else None,
                page=first.page if first else None,
                candidates=opts,
            )
        )
    return out


def _redistribute(full: list[_Slot], matcher: TableMatcher, stream: Stream, reasons: set[str]) -> None:
    """Values printed apart from their labels: walk runs of undecided rows whose value counts are
    off but add up to their widths, and hand the values out in row order."""
    i = 0
    while i < len(full):
        s = full[i]
        if s.cells is not None or (s.occ is not None and len(s.toks) == s.width):
            i += 1
            continue
        have = need = 0
        j = i
        ok = False
        while j < len(full):
            t = full[j]
            if t.cells is not None:
                break
            have += len(t.toks)
            need += t.width
            if have == need and have > 0:
                ok = True
                break
            j += 1
        if not ok or j == i:
            i += 1
            continue
        run = full[i : j + 1]
        if not all(t.occ is not None or matcher.present_anywhere(stream, t.index) for t in run):
            i += 1
            continue
        pool = [tok for t in run for tok in t.toks]
        k = 0
        for t in run:
            own = set(map(id, t.toks))
            got = pool[k : k + t.width]
            k += t.width
            moved = any(id(g) not in own for g in got)
            t.cells = _cells_of(got, "placed" if moved else None)
            if moved:
                reasons.add("placed")
        i = j + 1


def _column_centres(full: list[_Slot]) -> dict[tuple[int, int | None], list[float]]:
    """Per row width and page, the centre column of each value column, learnt from rows read
    complete from text whose columns are padded apart (`pdftotext -layout` spaces each page's
    columns its own way). Only where the columns line up across rows (every row within a quarter of
    the narrowest column gap) are there centres: with single spaces between values, positions say
    nothing."""
    acc: dict[tuple[int, int | None], list[list[float]]] = {}
    for s in full:
        if s.cells is None or len(s.toks) != s.width or any(c.reading for c in s.cells):
            continue
        if any(t.cell is not None or t.gap != WIDE for t in s.toks) or len({t.line for t in s.toks}) != 1:
            continue
        cols = acc.setdefault((s.width, s.toks[0].page), [[] for _ in range(s.width)])
        for j, t in enumerate(s.toks):
            cols[j].append((t.col + t.end) / 2)
    out: dict[tuple[int, int | None], list[float]] = {}
    for (width, page), cols in acc.items():
        if width < 2 or len(cols[0]) < 2:
            continue
        med = [statistics.median(c) for c in cols]
        gaps = [b - a for a, b in itertools.pairwise(med)]
        if min(gaps) <= 0:
            continue
        if all(abs(x - m) <= 0.25 * min(gaps) for c, m in zip(cols, med, strict=True) for x in c):
            out[(width, page)] = med
    return out


def _decide_rest(slot: _Slot, tdef: TableDef, centres, constraints, problems: list[Problem], reasons: set[str]) -> None:
    n = slot.width
    if slot.occ is None:
        return  # a row whose label was not found (or not next to any values): missing
    toks = slot.toks
    if not toks:
        return  # label without values: missing cells
    line = toks[0].line
    shown = " ".join(t.text for t in toks)
    if len(toks) > n and all(t.cell is not None for t in toks):
        # the source marks its cells: the row really has more cells than the format
        slot.cells = _cells_of(toks[:n])
        reasons.add("surplus")
        extra = " ".join(t.text for t in toks[n:])
        _note(
            problems,
            "surplus-cells",
            f"row has {len(toks)} cells where the format has {n}; surplus {extra} ignored",
            f"该行有{len(toks)}个单元格，格式为{n}个；多出的“{extra}”未计入",
            toks[n].line,
            tdef,
            slot.row.key,
            " | ".join(t.text for t in toks),
        )
        return
    if len(toks) > n:
        repaired = _join_split_numbers(toks, n, constraints.get(slot.row.key, ()))
        if repaired is not None:
            slot.cells = [_with_reading(parse_cell(x, line=line, page=toks[0].page), "segmented") for x in repaired]
            reasons.add("segmented")
            joined = " ".join(repaired)
            _note(
                problems,
                "segmented",
                f"row has {len(toks)} values ({shown}) for {n} columns; numbers split by the converter joined back: "
                f"{joined}",
                f"该行读出{len(toks)}个数（{shown}），格式为{n}列；转换时被拆开的数已拼回：{joined}",
                line,
                tdef,
                slot.row.key,
                shown,
            )
            return
    elif all(t.cell is None for t in toks):
        placed = _align(toks, centres.get((n, toks[0].page)))
        if placed is not None:
            cells: list[Cell] = []
            for j in range(n):
                t = placed.get(j)
                if t is None:
                    cells.append(Cell(raw="", kind="blank", line=line, page=toks[0].page, reading="aligned"))
                else:
                    cells.append(_with_reading(parse_cell(t.text, line=t.line, page=t.page), "aligned"))
            slot.cells = cells
            reasons.add("aligned")
            _note(
                problems,
                "aligned",
                f"row has {len(toks)} values for {n} columns; blanks placed by column position",
                f"该行只有{len(toks)}个数、格式为{n}列，空白格按各列位置认定",
                line,
                tdef,
                slot.row.key,
                shown,
            )
            return
    slot.cells = _ambiguous(n, toks, [])
    reasons.add("ambiguous")
    _note(
        problems,
        "ambiguous-cells",
        f"row has {len(toks)} values ({shown}) for {n} columns and nothing in the text shows which value belongs "
        "to which column",
        f"该行读出{len(toks)}个数（{shown}），格式为{n}列，文本无法表明各数所在的列（未采用任何读法，"
        "相关检查不予评判）",
        line,
        tdef,
        slot.row.key,
        shown,
    )


def _join_split_numbers(toks: list[Tok], n: int, constraints) -> list[str] | None:
    """A number a converter split in two: the second part on the next line in the same column and
    unable to stand alone (`35` / `.6万元`, `52` / `000元`), or both parts one space apart in a row
    whose columns are wide apart (`13 6   23   0`) when exactly one such join makes the row's
    identities hold. None when neither gives the row its width."""
    from .segment import _value

    if len(toks) > MAX_SPLIT_FACTOR * n:
        # a converter splits a number in two, not one row into dozens of pieces: such a row (a whole
        # page run into one line) is left ambiguous, and the search below stays bounded
        return None
    items = [t.text for t in toks]
    # a continuation on a later line, under the part it continues
    parts: list[list[Tok]] = []
    for t in toks:
        above = next(
            (p for p in reversed(parts) if p[-1].line < t.line and t.col < p[-1].end and p[-1].col < t.end), None
        )
        if above is not None and _cannot_stand_alone(t.text):
            above.append(t)
        else:
            parts.append([t])
    if len(parts) < len(toks) and len(parts) == n:
        if any(t.gap == WIDE for t in toks):
            parts.sort(key=lambda p: p[0].col)  # a padded layout: columns run left to right
        return ["".join(t.text for t in p) for p in parts]
    if not constraints or not any(t.gap == WIDE for t in toks[1:]):
        return None
    singles = [k for k in range(1, len(toks)) if toks[k].gap == SPACE and toks[k].line == toks[k - 1].line]
    need = len(items) - n
    if need < 1 or len(singles) < need or comb(len(singles), need) > MAX_JOIN_TRIALS:
        return None
    from itertools import combinations

    found: list[list[str]] = []
    for joins in combinations(singles, need):
        cells: list[str] = []
        for k, x in enumerate(items):
            if k in joins:
                cells[-1] += x
            else:
                cells.append(x)
        vals = [_value(c) for c in cells]
        ok = True
        for c in constraints:
            vs = [vals[p] for p, _ in c.coefs]
            if any(v is None for v in vs) or sum((k * v for (_, k), v in zip(c.coefs, vs, strict=True)), c.const):
                ok = False
                break
        if ok:
            found.append(cells)
    return found[0] if len(found) == 1 else None


def _cannot_stand_alone(text: str) -> bool:
    t = text.strip()
    return t.startswith(".") or (len(t) > 1 and t[0] == "0" and t[1].isdigit())


def _align(toks: list[Tok], centres: list[float] | None) -> dict[int, Tok] | None:
    if centres is None or len({t.line for t in toks}) != 1 or any(t.gap != WIDE for t in toks):
        return None
    gaps = [b - a for a, b in itertools.pairwise(centres)]
    if not gaps or min(gaps) <= 0:
        return None
    tol = 0.45 * min(gaps)
    out: dict[int, Tok] = {}
    last = -1
    for t in toks:
        c = (t.col + t.end) / 2
        j = min(range(len(centres)), key=lambda k: abs(centres[k] - c))
        if j <= last or abs(centres[j] - c) > tol:
            return None
        out[j] = t
        last = j
    return out


# ---------------------------------------------------------------------------------- 表四


def _read_positional(
    table: Table,
    tdef: TableDef,
    tokens: list[Tok],
    stream: Stream,
    heads: list[tuple[int, int]],
    problems: list[Problem],
    reasons: set[str],
) -> None:
    """表四: one unlabeled data row of 15 cells after its header."""
    if not heads:
        return
    block = tdef.blocks[0]
    row = block.rows[0]
    first = stream.tok[heads[0][0]]
    after = tokens[first + 1 :]
    vals = [t for t in after if t.is_value and t.kind != "empty"]
    if not vals and not any(t.kind == "empty" for t in after):
        return
    table.found = True
    n = len(block.columns)
    constraints = row_constraints(tdef)
    slot = _Slot(0, row, n, Occurrence(0, 0, 0, 1.0, True), vals)
    chunks = _chunks(after)
    probe = vals[0] if vals else next(t for t in after if t.kind == "empty")
    by_grid = GridTable(tokens).read(tdef, block, probe, probe.row, None) if probe.row is not None else None
    if by_grid is not None:
        slot.cells = _cells_of(by_grid)
    elif len(vals) == n and len(chunks) > 1:
        # text between the values: a reader that follows text columns (pdftotext without -layout)
        # may have emitted the table's columns in another order
        groups = {g.key: norm_chars(g.label) for g in tdef.groups}
        col_groups = [c.key.split(".")[0] for c in block.columns]
        slot.cells = _reorder(chunks, constraints.get(row.key, ()), n, _captions(tokens[first:], groups), col_groups)
        if slot.cells is None:
            slot.cells = _cells_of(vals)
            reasons.add("order")
        elif any(c.reading or c.kind == "ambiguous" for c in slot.cells):
            reasons.add("placed")
            if any(c.kind == "ambiguous" for c in slot.cells):
                reasons.add("ambiguous")
            _note(
                problems,
                "reordered",
                "values interleaved with header text were put in the column order that satisfies the table's "
                "arithmetic and best fits the group captions printed before them",
                "数值与表头文字交错，按表内勾稽关系及其前所印的栏目名确定列序",
                vals[0].line,
                tdef,
                row.key,
                " ".join(t.text for t in vals),
            )
    else:
        # explicit cells of the data row: the row holding the first value
        if vals and vals[0].cell is not None and vals[0].row is not None:
            slot.explicit = [t for t in after if t.row == vals[0].row and t.kind != "text"]
        elif vals and vals[0].cell is not None:
            slot.explicit = [t for t in after if t.kind != "text"]
        _decide_simple(slot, tdef, constraints, problems, reasons, {id(t): i for i, t in enumerate(tokens)})
        if slot.cells is None:
            _decide_rest(slot, tdef, {}, constraints, problems, reasons)
    if slot.cells is None:
        return
    for c, v in zip(block.columns, slot.cells, strict=True):
        table.cells[(row.key, c.key)] = v


def _captions(toks: list[Tok], groups: dict[str, str]) -> list[set[str]]:
    """For each chunk of values, the column-group captions printed in the text just before it."""
    out: list[set[str]] = []
    text = ""
    in_chunk = False
    for t in toks:
        if t.kind == "text":
            if in_chunk:
                text, in_chunk = "", False
            text += norm_chars(t.text)
        elif t.kind != "empty" and not in_chunk:
            out.append({k for k, lab in groups.items() if lab and lab in text})
            in_chunk = True
    return out


def _chunks(toks: list[Tok]) -> list[list[Tok]]:
    """Runs of value tokens not interrupted by text."""
    out: list[list[Tok]] = []
    cur: list[Tok] = []
    for t in toks:
        if t.kind == "text":
            if cur:
                out.append(cur)
                cur = []
        elif t.kind != "empty":
            cur.append(t)
    if cur:
        out.append(cur)
    return out


def _reorder(
    chunks: list[list[Tok]], constraints, n: int, captions: list[set[str]], col_groups: list[str]
) -> list[Cell] | None:
    """The document order if it satisfies the identities. Otherwise the orderings of the chunks
    that do, best first by (1) agreement with the column-group captions printed just before each
    chunk (`复议后起诉` right before `12 1 1 6`), (2) closeness to the document order (fewest chunks
    moved past each other). A single best ordering is the reading (cells that moved are marked
    `placed`); when several are equally good, the cells they disagree on are ambiguous. None when
    no ordering satisfies the identities."""
    from itertools import permutations

    from .segment import _value

    def holds(seq: list[Tok]) -> bool:
        vals = [_value(t.text) for t in seq]
        for c in constraints:
            vs = [vals[p] for p, _ in c.coefs]
            if any(v is None for v in vs):
                return False
            if sum((k * v for (_, k), v in zip(c.coefs, vs, strict=True)), c.const) != 0:
                return False
        return True

    flat = [t for ch in chunks for t in ch]
    if not constraints:
        return None
    if holds(flat):
        return _cells_of(flat)
    if len(chunks) > 7:
        return None
    valid: list[tuple[tuple[int, int], list[Tok]]] = []
    for perm in permutations(range(len(chunks))):
        seq = [t for k in perm for t in chunks[k]]
        if holds(seq):
            inversions = sum(1 for a in range(len(perm)) for b in range(a + 1, len(perm)) if perm[a] > perm[b])
            agree = 0
            pos = 0
            for k in perm:
                caps = captions[k] if k < len(captions) else set()
                for _ in chunks[k]:
                    g = col_groups[pos]
                    if caps:
                        agree += 1 if (g in caps and len(caps) == 1) else (0 if g in caps else -1)
                    pos += 1
            valid.append(((-agree, inversions), seq))
    if not valid:
        return None
    least = min(v for v, _ in valid)
    best = [seq for v, seq in valid if v == least]
    if len(best) == 1:
        return [_with_reading(c, None if best[0][j] is flat[j] else "placed") for j, c in enumerate(_cells_of(best[0]))]
    out: list[Cell] = []
    for j in range(n):
        options = {seq[j].text for seq in best}
        if len(options) == 1:
            out.append(_with_reading(_cells_of([best[0][j]])[0], "placed"))
        else:
            t = best[0][j]
            out.append(
                Cell(
                    raw=" ".join(x.text for x in flat),
                    kind="ambiguous",
                    line=t.line,
                    page=t.page,
                    candidates=tuple(sorted(options, key=lambda s: (len(s), s))),
                )
            )
    return out


# ---------------------------------------------------------------------------------- header units


def _header_units(table: Table, tdef: TableDef, tokens: list[Tok], stream: Stream) -> None:
    """`（单位：万元）` printed after a money column's label belongs to that column."""
    money = [c for b in tdef.blocks for c in b.columns if c.type == "money"]
    if not money:
        return
    for i, t in enumerate(tokens):
        if t.kind != "text":
            continue
        unit = header_unit(t.text)
        if unit is None and i + 1 < len(tokens) and tokens[i + 1].kind == "text":
            unit = header_unit(t.text + tokens[i + 1].text)  # wrapped inside the unit
        if unit is None:
            continue
        near = "".join(x.text for x in tokens[max(0, i - 3) : i + 1] if x.kind == "text")
        for c in money:
            if c.label[:4] in near.replace(" ", ""):
                table.header_units[c.key] = unit
                break
        else:
            if len(money) == 1:
                table.header_units[money[0].key] = unit
