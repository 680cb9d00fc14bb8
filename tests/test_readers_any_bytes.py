"""Property: whatever bytes a reader is given, it returns a Report or raises the one documented error
(`UnreadableFileError`, `UndecodableError` for decode_bytes): never another exception. The same bytes
always give the same Report (compared through its JSON form), and a number is never conjured from a
cell that prints none: a blank, a dash or a word never reads as 0.

The inputs are built from the demo reports' own lines (so the table readers have real labels to
anchor on), junk lines, random bytes, and byte damage to a real DOCX and PDF. Examples are drawn
deterministically (derandomize) so CI sees the same cases every run; the PDF reader is slow, so it
gets few.
"""

from __future__ import annotations

import codecs
import functools
import json
import unicodedata
from pathlib import Path

from benchmarks.mutations import docx_of, html_of, pdf_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_audit.extract import extract_file
from disclosure_audit.ingest import UnreadableFileError
from disclosure_audit.ingest.decode import Decoded, UndecodableError, decode_bytes
from disclosure_audit.model import Report
from tests.conftest import ROOT, RULES

FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=12)

DEMO = ROOT / "reports_in" / "01_clean_qinghe_scjgj_2022.txt"
DEMO_LINES = DEMO.read_text(encoding="utf-8").splitlines() + (
    (ROOT / "reports_in" / "16_baishi_rsj_2020_layout.txt").read_text(encoding="utf-8").splitlines()
)
JUNK = ["", "\t", "| |", "0", "-", "/", "无", "\u3000", "（七）总计", "\x0c", "\ufeff", "<td>", "9" * 30, "　1　"]
BOMS = (b"", b"", b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "big5")

lines = st.lists(st.one_of(st.sampled_from(DEMO_LINES), st.sampled_from(JUNK), st.text(max_size=30)), max_size=80)


@st.composite
def text_bytes(draw) -> bytes:
    """Report-like text in some encoding, or plain random bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=3000))
    text = draw(st.sampled_from(["\n", "\r\n", "\r", ""])).join(draw(lines))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    # a byte-order mark that lies about what follows (a GBK file an editor saved with a UTF-8 BOM)
    return draw(st.sampled_from(BOMS)) + data


def _snapshot(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, default=str)


def _read(tmp_path: Path, name: str, data: bytes) -> str | None:
    """Read the file twice: the JSON of its Report (the same both times), or None when unreadable."""
    path = tmp_path / name
    path.write_bytes(data)
    out = []
    for _ in range(2):
        try:
            report = extract_file(path, RULES)
        except UnreadableFileError as exc:
            assert str(exc), "an unreadable file must say why"
            out.append(None)
            continue
        _assert_no_conjured_numbers(report)
        out.append(_snapshot(report))
    assert out[0] == out[1], "the same bytes gave two different reports"
    return out[0]


def _assert_no_conjured_numbers(report: Report) -> None:
    for table in report.tables.values():
        for cell in table.cells.values():
            assert (cell.value is not None) == (cell.kind == "number"), cell
            if cell.kind == "number":
                printed = unicodedata.normalize("NFKC", cell.raw or "")
                assert any(ch.isdigit() for ch in printed), f"a number read from {cell.raw!r}"


@FAST
@given(
    st.one_of(st.binary(max_size=2000), text_bytes(), st.tuples(st.sampled_from(BOMS), st.binary()).map(b"".join)),
    st.booleans(),
)
def test_decode_bytes_decodes_or_says_why(data, expect_report):
    try:
        first = decode_bytes(data, expect_report=expect_report)
    except UndecodableError as exc:
        assert str(exc)
        return
    assert isinstance(first, Decoded) and first.text is not None
    assert decode_bytes(data, expect_report=expect_report) == first


@FAST
@given(text_bytes(), st.sampled_from([".txt", ".md"]))
def test_text_reader_reads_or_says_why(tmp_path, data, suffix):
    _read(tmp_path, "r" + suffix, data)


@st.composite
def html_pages(draw) -> bytes:
    """A page from report lines and tables, with hostile spans, nesting and charsets mixed in."""
    text = "\n".join(draw(lines))
    charset = draw(st.sampled_from(["utf-8", "gbk", "big5", "utf-16", "nonsense"]))
    page = html_of(text, charset)
    span = draw(st.sampled_from(["", 'rowspan="0"', 'colspan="1000"', 'rowspan="-3" colspan="x"', 'rowspan="70000"']))
    page = page.replace("<td>", f"<td {span}>", draw(st.integers(0, 5)))
    depth = draw(st.sampled_from([0, 0, 50, 3000]))
    page = page.replace("<body>", "<body>" + "<div>" * depth, 1)
    for tag in draw(st.lists(st.sampled_from(["</table>", "<tr>", "</td>", "<table>", "<p>", "</div>"]), max_size=5)):
        at = draw(st.integers(0, len(page)))
        page = page[:at] + tag + page[at:]
    return page.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


@FAST
@given(html_pages())
def test_html_reader_reads_or_says_why(tmp_path, data):
    _read(tmp_path, "page.html", data)


@functools.cache
def _docx_seed() -> bytes:
    return docx_of(DEMO.read_text(encoding="utf-8"))


@functools.cache
def _pdf_seed() -> bytes:
    return pdf_of(DEMO.read_text(encoding="utf-8"))


@st.composite
def damaged(draw, seed: bytes) -> bytes:
    """`seed` truncated, with bytes flipped, or with a span deleted; or junk."""
    data = bytearray(seed)
    how = draw(st.sampled_from(["truncate", "flip", "delete", "junk"]))
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if how == "junk":
        return draw(st.binary(max_size=2000))
    at = draw(st.integers(0, len(data) - 1))
    if how == "flip":
        for k in range(draw(st.integers(1, 20))):
            i = (at + k * 997) % len(data)
            data[i] ^= draw(st.integers(1, 255))
        return bytes(data)
    return bytes(data[:at] + data[at + draw(st.integers(1, 5000)) :])


@FAST
@given(st.data())
def test_docx_reader_reads_or_says_why(tmp_path, data):
    _read(tmp_path, "r.docx", data.draw(damaged(_docx_seed())))


@SLOW
@given(st.data())
def test_pdf_reader_reads_or_says_why(tmp_path, data):
    _read(tmp_path, "r.pdf", data.draw(damaged(_pdf_seed())))
