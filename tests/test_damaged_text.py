"""A report with a few damaged bytes is read, audited and scored, with the damage listed for review;
only text that is mostly undecodable is unreadable.

Before, a report whose last character was cut in half, or with one flipped bit, or with three NUL
bytes was "unreadable" as a whole. The files here are the demo report 01 (UTF-8, 5909 bytes) and its
GB18030 copy, damaged at hand-picked bytes; the offsets expected are those bytes' positions.
"""

from __future__ import annotations

import pytest

from disclosure_audit.extract.normalize import parse_cell
from disclosure_audit.extract.tokens import Piece, tokenize
from disclosure_audit.ingest import read_document
from disclosure_audit.pipeline import audit
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLEAN = (DEMO / "01_clean_qinghe_scjgj_2022.txt").read_bytes()


def flipped(data: bytes, offset: int, bit: int = 0x80) -> bytes:
    out = bytearray(data)
    out[offset] ^= bit
    return bytes(out)


def test_the_bytes_the_tests_damage_are_where_they_think():
    assert len(CLEAN) == 5909 and CLEAN.endswith("日\n".encode())
    assert CLEAN[2382:2388] == b"\t2846\n"  # 表二 行政许可, its '4' at 2385
    assert CLEAN[5811:5814].decode() == "按"  # prose: 按期办结
    assert CLEAN[3766:3775].decode() == "本机关"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    d = tmp_path_factory.mktemp("damaged")
    (d / "cut.txt").write_bytes(CLEAN[:-2])  # the last line's 日 (3 bytes) loses its last byte; no newline
    (d / "prose_bit.txt").write_bytes(flipped(CLEAN, 5812))  # 按 = e6 8c 89 → e6 0c 89
    (d / "number_bit.txt").write_bytes(flipped(CLEAN, 2385))  # '4' (0x34) → 0xb4
    (d / "nuls.txt").write_bytes(CLEAN[:3766] + b"\x00" + CLEAN[3766:] + b"\x00\x00")
    gbk = CLEAN.decode("utf-8").encode("gb18030")
    assert gbk[1629:1635] == b"\t2846\n"
    (d / "gbk_bit.txt").write_bytes(flipped(gbk, 1632))
    garbage = bytearray(CLEAN)
    for i in range(0, len(garbage), 50):  # 2 % of the bytes
        garbage[i] = 0xFF
    (d / "garbage.txt").write_bytes(bytes(garbage))
    return audit(d, RULES)


def _note(result, file: str) -> str:
    r = next(r for r in result.reports.values() if r.file == file)
    notes = [p.message for p in r.problems if p.code == "bytes-replaced"]
    assert len(notes) == 1, r.problems
    return notes[0]


def _score(result, file: str):
    rid = next(r.report_id for r in result.reports.values() if r.file == file)
    return next(s for s in result.scores if s.report_id == rid)


@pytest.mark.parametrize(
    "file,expected",
    [
        ("cut.txt", "1 byte sequence(s) (2 bytes) are not valid utf-8 and were replaced by U+FFFD (byte offsets 5905)"),
        (
            "prose_bit.txt",
            "2 byte sequence(s) (2 bytes) are not valid utf-8 and were replaced by U+FFFD (byte offsets 5811, 5813)",
        ),
        (
            "number_bit.txt",
            "1 byte sequence(s) (1 bytes) are not valid utf-8 and were replaced by U+FFFD (byte offsets 2385)",
        ),
        (
            "nuls.txt",
            "3 NUL byte(s) (byte offsets 3766, 5910, 5911): 2 at the end of the file dropped, 1 inside the text "
            "replaced by U+FFFD",
        ),
        (
            "gbk_bit.txt",
            "1 byte sequence(s) (1 bytes) are not valid gb18030 and were replaced by U+FFFD (byte offsets 1632)",
        ),
    ],
)
def test_a_report_with_a_few_damaged_bytes_is_scored_and_says_where_they_are(result, file, expected):
    assert _note(result, file).startswith(expected + ";")
    score = _score(result, file)
    assert score.not_audited is None and score.score is not None
    rid = score.report_id
    listed = [f for f in result.findings if f.rule_id == "EXT-READ" and f.report_id == rid]
    assert any(expected in f.params["problem_en"] for f in listed)


def test_a_gbk_report_with_a_flipped_bit_stays_gbk(result):
    r = next(r for r in result.reports.values() if r.file == "gbk_bit.txt")
    assert r.encoding == "gb18030"
    assert "青禾县市场监督管理局" in "\n".join(r.lines)


@pytest.mark.parametrize("file", ["number_bit.txt", "gbk_bit.txt"])
def test_a_number_with_a_damaged_digit_is_no_number_and_is_listed_for_review(result, file):
    r = next(r for r in result.reports.values() if r.file == file)
    cell = r.tables["active"].cells[("licensing", "decisions")]
    assert (cell.kind, cell.value, cell.raw) == ("ambiguous", None, "28\ufffd6")
    damaged = [p for p in r.problems if p.code == "damaged-cell"]
    assert [(p.table, p.row, p.column, p.raw) for p in damaged] == [("active", "licensing", "decisions", "28\ufffd6")]
    rid = r.report_id
    assert any(
        f.rule_id == "EXT-READ" and f.report_id == rid and f.params["code"] == "damaged-cell" for f in result.findings
    )


def test_the_undamaged_copy_reads_that_cell_as_2846(tmp_path):
    (tmp_path / "r.txt").write_bytes(CLEAN)
    from disclosure_audit.extract import extract_file

    cell = extract_file(tmp_path / "r.txt", RULES).tables["active"].cells[("licensing", "decisions")]
    assert (cell.kind, cell.value) == ("number", 2846)


def test_mostly_undecodable_text_is_still_unreadable(result):
    errors = {e.file: e.message for e in result.file_errors}
    assert list(errors) == ["garbage.txt"]
    assert errors["garbage.txt"].startswith(
        "not UTF-8, UTF-16 or GB18030 (more than 1 % of the bytes are not valid in any of them)"
    )


def test_a_html_page_cut_in_the_middle_of_a_character_keeps_its_declared_charset(tmp_path):
    page = '<html><head><meta charset="gbk"><title>报告</title></head><body><p>青禾县2022年政府信息公开工作年度报告</p>'
    page += "<p>一、总体情况</p><p>本机关认真贯彻落实条例。</p></body></html>"
    data = page.encode("gb18030")
    cut = data[: data.index("例".encode("gb18030")) + 1]  # 例 loses its second byte
    (tmp_path / "p.html").write_bytes(cut)
    doc = read_document(tmp_path / "p.html")
    assert doc.encoding == "gb18030"
    damage = [n for n in doc.notes if n.code == "bytes-replaced"]
    assert len(damage) == 1 and f"(byte offsets {len(cut) - 1})" in damage[0].message


# --------------------------------------------------------------------------- the table reader


@pytest.mark.parametrize("raw", ["1\ufffd5", "\ufffd5", "15\ufffd", "\ufffd", "1,2\ufffd4"])
def test_a_cell_holding_a_replacement_character_is_never_a_number(raw):
    cell = parse_cell(raw)
    assert (cell.kind, cell.value) == ("ambiguous", None)


def test_a_damaged_value_in_free_text_is_one_token_not_two_numbers():
    toks = tokenize([Piece("行政许可 1\ufffd5 3", line=1)])
    assert [(t.kind, t.text) for t in toks] == [("text", "行政许可"), ("damaged", "1\ufffd5"), ("num", "3")]


def test_a_damaged_value_glued_to_a_label_is_split_off_as_damaged():
    toks = tokenize([Piece("行政许可28\ufffd6行政处罚312", line=1)])
    assert [(t.kind, t.text) for t in toks] == [
        ("text", "行政许可"),
        ("damaged", "28\ufffd6"),
        ("text", "行政处罚"),
        ("num", "312"),
    ]


def test_a_damaged_grid_cell_is_one_damaged_value():
    toks = tokenize([Piece("行政许可", line=1, cell=0), Piece("2\ufffd", line=1, cell=1), Piece("5", line=1, cell=2)])
    assert [(t.kind, t.text) for t in toks] == [("text", "行政许可"), ("damaged", "2\ufffd"), ("num", "5")]


def test_a_manifest_with_a_damaged_byte_is_read_and_says_where(tmp_path):
    from disclosure_audit.manifest import load_manifest

    data = "file,agency\nr.txt,青禾县市场监督管理局\n".encode()
    at = data.index("监".encode()) + 1
    (tmp_path / "manifest.csv").write_bytes(flipped(data, at))
    man = load_manifest(tmp_path)
    assert man.rows["r.txt"]["agency"].startswith("青禾县市场")
    assert [p.split(";")[0] for p in man.problems] == [
        f"manifest.csv: 2 byte sequence(s) (2 bytes) are not valid utf-8 and were replaced by U+FFFD "
        f"(byte offsets {at - 1}, {at + 1})"
    ]


def test_a_gbk_manifest_with_a_damaged_byte_stays_gbk(tmp_path):
    from disclosure_audit.manifest import load_manifest

    data = "file,agency\nr.txt,青禾县市场监督管理局\n".encode("gb18030")
    assert len(data) == 39 and data[36:38] == "局".encode("gb18030")
    (tmp_path / "manifest.csv").write_bytes(data[:37])  # cut after 局's first byte
    man = load_manifest(tmp_path)
    assert man.rows["r.txt"]["agency"] == "青禾县市场监督管理\ufffd"
    assert [p.split(";")[0] for p in man.problems] == [
        "manifest.csv: 1 byte sequence(s) (1 bytes) are not valid gb18030 and were replaced by U+FFFD (byte offsets 36)"
    ]
