"""Bytes → text with an encoding we can defend.

Government sites still publish GBK/GB18030 and the odd UTF-16 file saved from Word. A wrong guess
turns every label into mojibake and every table into "not found", so we try strict decodes in a
fixed order and only fall back to a statistical guess when we say so in the report's problems.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .notes import Note, reader_note

# Words every annual report contains; a decode that yields none of them is not trusted.
_DOMAIN_WORDS = ("政府", "信息", "公开", "报告", "申请")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: Note | None = None


def _looks_like_report(text: str) -> bool:
    return any(w in text for w in _DOMAIN_WORDS)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as NUL in every other byte of its ASCII (tabs, digits, newlines)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    half = len(data) // 2
    if odd_nul > half * 0.1 and even_nul < odd_nul / 4:
        return "utf-16-le"
    if even_nul > half * 0.1 and odd_nul < even_nul / 4:
        return "utf-16-be"
    return None


def _strict(data: bytes, bom_codec: str) -> str:
    try:
        return data.decode(bom_codec)
    except UnicodeDecodeError as exc:
        what, at = ("UTF-8", exc.start + len(codecs.BOM_UTF8)) if bom_codec == "utf-8-sig" else ("UTF-16", exc.start)
        raise UndecodableError(
            f"starts with a {what} byte-order mark but is not {what} ({exc.reason} at byte {at})"
        ) from exc


def decode_bytes(data: bytes, expect_report: bool = True) -> Decoded:
    """`expect_report=False` for files that are not report text (the manifest): GB18030 is then
    accepted whenever it decodes strictly."""
    if not data:
        raise UndecodableError("file is empty")
    # a byte-order mark settles the encoding; bytes that contradict it are this module's error (its
    # callers, the manifest reader among them, catch UndecodableError, not UnicodeDecodeError)
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data, "utf-8-sig"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16"), "utf-16")
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return Decoded(data.decode(guess16), guess16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UndecodableError("binary data (NUL bytes), not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if not expect_report or _looks_like_report(text):
            return Decoded(text, "gb18030")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        raise UndecodableError("not UTF-8, UTF-16 or GB18030") from None
    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("not UTF-8, UTF-16 or GB18030, and no other encoding fits")
    text = str(best)
    if not _looks_like_report(text):
        raise UndecodableError(f"not UTF-8, UTF-16 or GB18030; best guess {best.encoding} yields no report text")
    return Decoded(
        text,
        best.encoding,
        note=reader_note(
            f"encoding guessed as {best.encoding}; check the source", f"编码系推测为{best.encoding}，请核对原文"
        ),
    )
