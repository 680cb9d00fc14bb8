"""HTML table grids: every cell is placed in the column it stands in, spans resolved and bounded.

The official tables (from `tests/twins.py`, the same grids the HTML/DOCX/PDF twins are drawn with)
know each cell's column; a page built from them must read back every cell at that column. A hostile
page whose every cell says `rowspan="0" colspan="200"` must cost what its cells cost, not the rows ×
columns its spans ask for, and a grid beyond any report table's size is read without columns, with a note.
"""

from __future__ import annotations

import html as htmlmod
from pathlib import Path

import pytest
from lxml import html as lxml_html

from disclosure_audit.extract import extract_file
from disclosure_audit.ingest.blocks import Segment
from disclosure_audit.ingest.html import read_html
from disclosure_audit.ingest.html.grid import table_grid
from disclosure_audit.templates import get_templates
from tests.conftest import RULES
from tests.twins import Grid, grid_of

DEMO = RULES.parent / "reports_in"
TEMPLATES = get_templates(RULES)


def _page(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


def _segments(path: Path) -> list[Segment]:
    doc = read_html(path)
    assert doc.layout is not None
    return doc.layout.segments


def _table(grid: Grid) -> str:
    rows = []
    for row in grid:
        cells = []
        for c in row:
            text = "".join(c.text) if isinstance(c.text, list) else c.text
            cells.append(f'<td rowspan="{c.rs}" colspan="{c.cs}">{htmlmod.escape(text) or "&nbsp;"}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "\n".join(rows) + "</table>"


@pytest.mark.parametrize("name", ["01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt"])
def test_official_grids_read_back_at_their_columns(name: str, tmp_path: Path):
    report = extract_file(DEMO / name, RULES)
    grids = [grid_of(report, TEMPLATES, key) for key in ("active", "requests", "appeals")]
    body = "<p>政府信息公开工作年度报告</p>" + "<p>表格</p>".join(_table(g) for g in grids)
    segments = _segments(_page(tmp_path, body))
    assert len(segments) == 3
    for grid, seg in zip(grids, segments, strict=True):
        want = [(c.col, "".join(c.text) if isinstance(c.text, list) else c.text) for row in grid for c in row]
        assert [(c.col, c.text) for c in seg.cells] == want
    # 表三: the first data row starts right of the three columns the 勾稽关系 note covers
    requests = segments[1].cells
    new_row = next(c for c in requests if c.text.startswith("一、本年新收"))
    assert new_row.col == 0
    natural = next(c for c in requests if c.text == "自然人")
    assert natural.col == 3


def test_a_cell_under_a_rowspan_lands_in_the_right_column(tmp_path: Path):
    body = (
        "<table>"
        "<tr><td rowspan='2'>甲</td><td colspan='2'>乙</td><td>丙</td></tr>"
        "<tr><td>1</td><td>2</td><td rowspan='2'>3</td></tr>"
        "<tr><td>4</td><td colspan='2'>5</td></tr>"
        "</table>"
    )
    (seg,) = _segments(_page(tmp_path, body))
    assert [(c.text, c.col) for c in seg.cells] == [
        ("甲", 0),
        ("乙", 1),
        ("丙", 3),
        ("1", 1),  # column 0 is 甲's
        ("2", 2),
        ("3", 3),
        ("4", 0),
        ("5", 1),  # spans 1–2; 3 is still 3's
    ]


def test_rowspan_zero_runs_to_the_end_of_its_section_only(tmp_path: Path):
    body = (
        "<table><thead>"
        "<tr><th rowspan='0'>项目</th><th>本年</th></tr>"
        "<tr><th>件数</th></tr>"
        "</thead><tbody>"
        "<tr><td>许可</td><td>12</td></tr>"
        "<tr><td rowspan='99'>处罚</td><td>3</td></tr>"
        "<tr><td>4</td></tr>"
        "</tbody></table>"
    )
    (seg,) = _segments(_page(tmp_path, body))
    assert [(c.text, c.col) for c in seg.cells] == [
        ("项目", 0),
        ("本年", 1),
        ("件数", 1),  # under 项目's rowspan=0
        ("许可", 0),  # the header's rowspan ended with the thead
        ("12", 1),
        ("处罚", 0),
        ("3", 1),
        ("4", 1),  # rowspan=99 is cut at the end of the tbody
    ]


def test_span_bomb_costs_what_its_cells_cost(tmp_path: Path):
    """400 rows of 25 cells, each `rowspan="0" colspan="200"`: the old reader marked every grid position
    a span covers, 25 × 200 × (400 + 399 + … + 1) = 401,000,000 of them. Coverage is now held as
    column intervals, merged: one per row."""
    rows, per_row = 400, 25
    cell = '<td rowspan="0" colspan="200">9</td>'
    body = "<p>政府信息公开工作年度报告</p><table>" + "".join(f"<tr>{cell * per_row}</tr>" for _ in range(rows))
    body += "</table>"
    path = _page(tmp_path, body)

    doc = read_html(path)
    assert doc.layout is not None
    (seg,) = doc.layout.segments
    assert len(seg.cells) == rows * per_row
    # a grid of 400 rows × 2,000,000 columns is no report table: its cells are read in row order,
    # without columns, and the reader says so
    assert {c.col for c in seg.cells} == {None}
    assert [c.row - seg.cells[0].row for c in seg.cells[::per_row]] == list(range(rows))
    (note,) = [n for n in doc.notes if n.code == "table-oversized"]
    assert "400 rows × 1999801 columns" in note.message and "400行×1999801列" in note.zh

    table = lxml_html.document_fromstring(path.read_text(encoding="utf-8")).find(".//table")
    _, grid = table_grid(table)
    assert sum(len(r) for r in grid.cells) == rows * per_row
    assert grid.coverage == rows - 1  # one merged interval carried into each row after the first
    assert grid.width == (rows * per_row - 1) * 200 + 1
    assert {c.rowspan for r in grid.cells[:1] for c in r} == {rows}
    assert grid.cells[-1][0].rowspan == 1


def test_absurd_spans_are_bounded(tmp_path: Path):
    body = (
        "<table>"
        "<tr><td rowspan='99999999999999999999' colspan='99999999'>甲</td><td colspan='x'>乙</td></tr>"
        "<tr><td colspan='0'>丙</td><td>丁</td></tr>"
        "</table>"
    )
    table = lxml_html.document_fromstring(_page(tmp_path, body).read_text(encoding="utf-8")).find(".//table")
    _, grid = table_grid(table)
    (a, b), (c, d) = grid.cells
    assert (a.rowspan, a.colspan, b.col, b.colspan) == (2, 1000, 1000, 1)
    assert (c.col, c.colspan, d.col) == (1000, 1, 1001)  # 甲 covers columns 0–999 of both rows
