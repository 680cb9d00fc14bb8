"""An HTML page's bytes → text: which charset the page is in.

A BOM decides; else the charset the page declares (`<?xml encoding>` or `<meta charset>`; GBK,
GB2312 and their aliases are read as GB18030, their superset), unless the bytes contradict it: bytes
that are valid UTF-8 under another declaration are UTF-8, and a declared charset under which the page
shows none of a report's common words gives way to detection (`decode_bytes`). Every overruled or
unknown declaration is a note. Files that are something else (PDF, ZIP, OLE, images, RTF) are
recognised by their magic bytes so they can be refused with the reason.
"""

from __future__ import annotations

import codecs
import re

from ..decode import Decoded, UndecodableError, decode_bytes, decode_with
from ..notes import Note, joined, reader_note

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB_LABELS = {
    "gb2312",
    "gbk",
    "gb18030",
    "x-gbk",
    "cp936",
    "ms936",
    "windows-936",
    "euc-cn",
    "x-euc-cn",
    "csgb2312",
    "gb_2312",
    "gb_2312-80",
    "chinese",
    "iso-ir-58",
    "csiso58gb231280",
}
_DOMAIN_WORDS = ("政府", "信息", "公开", "报告", "申请")
MAGIC = (
    (b"%PDF", "a PDF file, not an HTML page"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX?), not an HTML page"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (legacy .doc/.xls or encrypted Office file), not an HTML page"),
    (b"\x89PNG", "a PNG image, not an HTML page"),
    (b"\xff\xd8\xff", "a JPEG image, not an HTML page"),
    (b"GIF8", "a GIF image, not an HTML page"),
    (b"{\\rtf", "an RTF file, not an HTML page"),
)


def _codec_for(label: str) -> str | None:
    name = label.strip().strip("\"'").lower()
    if name in _GB_LABELS:
        return "gb18030"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("gbk", "gb2312", "gb18030"):
        return "gb18030"
    return info.name


def _valid_utf8_with_non_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_report(text: str) -> bool:
    return any(w in text for w in _DOMAIN_WORDS)


def decode_html(data: bytes) -> tuple[str, str, list[Note]]:
    """→ (text, encoding used, notes: how the charset was decided, and the damaged bytes if any)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        d = decode_bytes(data)
        return d.text, d.encoding, _notes(d.note, d.damage)
    head = data[:16384]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    declared = m.group(1).decode("ascii", "replace") if m else None
    codec = _codec_for(declared) if declared else None
    note = None
    if declared and codec is None:
        note = reader_note(f"page declares unknown charset '{declared}'", f"网页声明了未知的字符集“{declared}”")
    if codec and not codec.startswith(("utf-16", "utf-32")):
        if codec != "utf-8" and _valid_utf8_with_non_ascii(data):
            return (
                data.decode("utf-8"),
                "utf-8",
                [
                    reader_note(
                        f"page declares charset '{declared}' but its bytes are UTF-8",
                        f"网页声明的字符集为“{declared}”，实际内容为UTF-8编码",
                    )
                ],
            )
        try:
            text: str | None = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            if _looks_like_report(text):
                return text, codec, []
            try:
                d = decode_bytes(data)
            except (UndecodableError, UnicodeDecodeError):
                return text, codec, []
            if _looks_like_report(d.text):
                return (
                    d.text,
                    d.encoding,
                    _notes(
                        reader_note(
                            f"page declares charset '{declared}' but reads as {d.encoding}",
                            f"网页声明的字符集为“{declared}”，实际按{d.encoding}读取",
                        ),
                        d.damage,
                    ),
                )
            return text, codec, []
        damaged = _declared_with_damage(data, codec)
        if damaged is not None:
            return damaged.text, codec, _notes(damaged.damage)
        note = reader_note(
            f"page declares charset '{declared}' but its bytes do not fit it",
            f"网页声明的字符集为“{declared}”，但内容与之不符",
        )
    d = decode_bytes(data)
    if note:
        note = reader_note(f"{note.message}; read as {d.encoding}", f"{note.zh}，已按{d.encoding}读取")
    return d.text, d.encoding, _notes(joined(n for n in (note, d.note) if n), d.damage)


def _declared_with_damage(data: bytes, codec: str) -> Decoded | None:
    """The declared charset when it fails only on a few damaged bytes (a cut-off last character, a
    flipped bit) and no other charset fits better: the damage is then the file's, not the
    declaration's."""
    d = decode_with(data, codec)
    if d is None or not _looks_like_report(d.text):
        return None
    try:
        other = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError):
        return d
    return d if other.bad_bytes >= d.bad_bytes or other.note is not None else None


def _notes(*notes: Note | None) -> list[Note]:
    return [n for n in notes if n is not None]


def binary_share(text: str) -> float:
    sample = text[:200000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample)
