"""A DOCX is checked before any XML is parsed: the sizes its parts declare (each, in all, and per
packed byte), the parts themselves read in chunks up to the limit (a declared size can lie), and no
DTD (entity expansion). Each refusal names the part. Real ZIP packages written here with zipfile."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from disclosure_audit.ingest import ReadLimits, UnreadableFileError, read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def real_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("青禾县2021年政府信息公开工作年度报告")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def with_part(data: bytes, name: str, content: bytes, level: int = 1) -> bytes:
    """`data` with part `name` replaced by (or added as) `content`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for i in src.infolist():
            if i.filename != name:
                z.writestr(i, src.read(i.filename))
        z.writestr(name, content)
    return buf.getvalue()


def paragraphs(mb: float) -> bytes:
    body = b"<w:p/>" * int(mb * (1 << 20) / 6)
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode() + body + b"</w:body></w:document>"


def read(tmp_path: Path, data: bytes, limits: ReadLimits | None = None):
    path = tmp_path / "r.docx"
    path.write_bytes(data)
    return read_document(path, limits)


def test_the_package_written_here_reads(tmp_path):
    assert "青禾县2021年政府信息公开工作年度报告" in read(tmp_path, real_docx()).lines


def test_a_part_that_unpacks_past_the_part_limit_is_refused_naming_the_part(tmp_path):
    data = with_part(real_docx(), "word/document.xml", paragraphs(3))
    with pytest.raises(UnreadableFileError) as exc:
        read(tmp_path, data, ReadLimits(docx_part_mb=2))
    assert str(exc.value) == (
        "budget: DOCX part word/document.xml unpacks to 3.0 MB, more than the 2 MB a part may "
        "(a ZIP bomb or a damaged file)"
    )


def test_a_part_packed_far_tighter_than_any_document_is_refused(tmp_path):
    data = with_part(real_docx(), "word/document.xml", paragraphs(12))
    with pytest.raises(UnreadableFileError) as exc:
        read(tmp_path, data)  # default limits: 12 MB is under the 200 MB per part
    assert re.fullmatch(
        r"budget: DOCX part word/document\.xml unpacks to \d+ times its packed size \(12 MB\), "
        r"more than 100 times \(a ZIP bomb\?\)",
        str(exc.value),
    ), str(exc.value)


def test_parts_that_together_unpack_past_the_total_limit_are_refused(tmp_path):
    data = real_docx()
    for n in range(3):
        data = with_part(data, f"word/media/blob{n}.bin", bytes(range(256)) * 4096)  # 1 MB each
    with pytest.raises(UnreadableFileError) as exc:
        read(tmp_path, data, ReadLimits(docx_total_mb=3))
    assert re.fullmatch(r"budget: DOCX unpacks to 3\.\d MB in all, more than 3 MB \(a ZIP bomb\?\)", str(exc.value))


def test_a_part_whose_declared_size_lies_is_read_no_further_than_it_declares(tmp_path):
    """The central directory says 1000 bytes; the part holds 50 MB. Reading stops at 1000 bytes, so
    the lie costs nothing and the file is refused as damaged."""
    data = bytearray(with_part(real_docx(), "word/document.xml", paragraphs(50)))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + n_len] == name:
            struct.pack_into("<I", data, at + 24, 1000)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at >= 0
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(UnreadableFileError) as exc:
        read(tmp_path, bytes(data))
    assert str(exc.value) == "cannot read DOCX: BadZipFile: Bad CRC-32 for file 'word/document.xml'"


def test_a_part_with_entity_definitions_is_refused_before_it_is_parsed(tmp_path):
    lol = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lollollollol">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>'
    )
    data = with_part(real_docx(), "word/document.xml", lol.encode())
    with pytest.raises(UnreadableFileError) as exc:
        read(tmp_path, data)
    assert str(exc.value).startswith("DOCX part word/document.xml holds a DTD (<!DOCTYPE or <!ENTITY)")
