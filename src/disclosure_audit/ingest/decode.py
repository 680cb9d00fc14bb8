"""Bytes → text with an encoding we can defend.

Government sites still publish GBK/GB18030 and the odd UTF-16 file saved from Word. A wrong guess
turns every label into mojibake and every table into "not found", so we try strict decodes in a
fixed order and only fall back to a statistical guess when we say so in the report's problems.
"""

from __future__ import annotations

import codecs
import contextvars
from dataclasses import dataclass

from .notes import Note, reader_note

# Words every annual report contains; a decode that yields none of them is not trusted.
_DOMAIN_WORDS = ("政府", "信息", "公开", "报告", "申请")

# Damaged bytes a text may hold and still be read: a truncated last character, a flipped bit or a few
# stray NULs damage a handful of places, each replaced by U+FFFD and listed in a note, and the table
# reader never reads a number through one (extract.tokens). A file in an encoding we do not know, or
# a binary file, damages nearly every line: far more than 1 % of its bytes. Below 800 bytes the 1 %
# would not even allow a cut-off last character, hence the floor.
MAX_DAMAGED_SHARE = 0.01
MIN_DAMAGED_ALLOWED = 8
SHOWN_OFFSETS = 5
REPLACEMENT = "\ufffd"
# the code of the note a damaged text carries: a reading loss, listed for review by EXT-READ
DAMAGE_CODE = "bytes-replaced"


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: Note | None = None
    damage: Note | None = None  # bytes replaced or NULs dropped: a reading loss (DAMAGE_CODE)
    bad_bytes: int = 0  # bytes not valid in `encoding` (NULs not counted)
    bad_spans: int = 0  # how many places those bytes are in


def damaged_allowed(n_bytes: int) -> int:
    return max(MIN_DAMAGED_ALLOWED, int(n_bytes * MAX_DAMAGED_SHARE))


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


class _TooDamaged(Exception):
    pass


# (spans of bad bytes so far, the most bad bytes allowed) of the decode running in this context
_SPANS: contextvars.ContextVar[tuple[list[tuple[int, int]], int]] = contextvars.ContextVar("_SPANS")


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    spans, allowed = _SPANS.get()
    spans.append((exc.start, exc.end))
    if sum(b - a for a, b in spans) > allowed:
        raise _TooDamaged
    return REPLACEMENT, exc.end


codecs.register_error("disclosure-audit-record", _record)


def _decode_counting(data: bytes, encoding: str, allowed: int) -> tuple[str, list[tuple[int, int]]] | None:
    """Decode with every undecodable sequence replaced by U+FFFD → (text, spans of bad bytes), or
    None once more than `allowed` bytes are bad (the decode stops there: garbage costs little)."""
    spans: list[tuple[int, int]] = []
    token = _SPANS.set((spans, allowed))
    try:
        return data.decode(encoding, errors="disclosure-audit-record"), spans
    except (_TooDamaged, LookupError):
        return None
    finally:
        _SPANS.reset(token)


def _offsets(spans: list[int]) -> tuple[str, str]:
    shown = ", ".join(str(o) for o in spans[:SHOWN_OFFSETS])
    more = len(spans) - SHOWN_OFFSETS
    return (
        shown + (f" and {more} more" if more > 0 else ""),
        "、".join(str(o) for o in spans[:SHOWN_OFFSETS]) + (f"等{len(spans)}处" if more > 0 else ""),
    )


def _without_nuls(text: str, nul_offsets: list[int]) -> str:
    """NULs at the end of the file (padding left by an interrupted copy) are dropped; one inside the
    text stands for a character that is lost, so it becomes U+FFFD: dropping it could glue two
    digits into a number the report never printed."""
    if not nul_offsets:
        return text
    return text.rstrip("\x00").replace("\x00", REPLACEMENT)


def _damage_note(encoding: str, spans: list[tuple[int, int]], nul_offsets: list[int], n_bytes: int) -> Note | None:
    if not spans and not nul_offsets:
        return None
    en: list[str] = []
    zh: list[str] = []
    if spans:
        o_en, o_zh = _offsets([a for a, _ in spans])
        nbytes = sum(b - a for a, b in spans)
        en.append(
            f"{len(spans)} byte sequence(s) ({nbytes} bytes) are not valid {encoding} and were replaced by U+FFFD "
            f"(byte offsets {o_en})"
        )
        zh.append(f"{len(spans)}处字节（共{nbytes}字节）不是有效的{encoding}编码，已替换为�（字节位置{o_zh}）")
    if nul_offsets:
        trailing = 0
        while trailing < len(nul_offsets) and nul_offsets[-1 - trailing] == n_bytes - 1 - trailing:
            trailing += 1
        o_en, o_zh = _offsets(nul_offsets)
        en.append(
            f"{len(nul_offsets)} NUL byte(s) (byte offsets {o_en}): {trailing} at the end of the file dropped, "
            f"{len(nul_offsets) - trailing} inside the text replaced by U+FFFD"
        )
        zh.append(
            f"{len(nul_offsets)}个空字节（NUL，字节位置{o_zh}）：文件末尾{trailing}个已删除，"
            f"正文中{len(nul_offsets) - trailing}个已替换为�"
        )
    return Note(
        code=DAMAGE_CODE,
        message="; ".join(en) + "; the text around them may be damaged: check the original there",
        zh="；".join(zh) + "；这些位置附近的文字可能有误，请核对原文",
    )


def _nul_offsets(data: bytes) -> list[int]:
    out, i = [], data.find(0)
    while i >= 0:
        out.append(i)
        i = data.find(0, i + 1)
    return out


def decode_with(data: bytes, encoding: str, offset: int = 0) -> Decoded | None:
    """`data` in `encoding`, strictly if it can be, else with its few damaged bytes replaced and a
    note that lists them; None when more than 1 % of the bytes are damaged. `offset` is where `data`
    starts in the file (after a BOM), so the note's offsets are the file's."""
    utf16 = encoding.startswith("utf-16")
    nuls = [] if utf16 else _nul_offsets(data)
    allowed = damaged_allowed(len(data))
    if len(nuls) > allowed:
        return None
    decoded = _decode_counting(data, encoding, allowed - len(nuls))
    if decoded is None:
        return None
    text, spans = decoded
    shifted = [(a + offset, b + offset) for a, b in spans]
    note = _damage_note(encoding, shifted, [o + offset for o in nuls], len(data) + offset)
    bad = sum(b - a for a, b in spans)
    return Decoded(_without_nuls(text, nuls), encoding, damage=note, bad_bytes=bad, bad_spans=len(spans))


def _utf8_evident(d: Decoded) -> bool:
    """UTF-8 whose multi-byte characters far outnumber its damaged places. Other encodings' bytes
    form a valid UTF-8 sequence only by chance (GBK read as UTF-8 fails on nearly every character),
    while UTF-8 read as GB18030 mostly decodes, to nonsense, with few errors: so the error count
    alone would favour GB18030 for damaged UTF-8, and this is asked first."""
    multibyte = sum(1 for ch in d.text if ord(ch) > 0x7F) - d.text.count(REPLACEMENT)
    return multibyte > 4 * d.bad_spans


def decode_bytes(data: bytes, expect_report: bool = True) -> Decoded:
    """`expect_report=False` for files that are not report text (the manifest): GB18030 is then
    accepted whenever it decodes strictly.

    A few damaged bytes do not make a report unreadable (see MAX_DAMAGED_SHARE): among UTF-8 and
    GB18030 the one whose decode fails least is taken (a GBK file read as UTF-8 fails on nearly every
    character, so it is never taken for damaged UTF-8), and the damage is listed in `damage`."""
    if not data:
        raise UndecodableError("file is empty")
    # a byte-order mark settles the encoding; bytes that contradict it are this module's error (its
    # callers, the manifest reader among them, catch UndecodableError, not UnicodeDecodeError)
    if data.startswith(codecs.BOM_UTF8):
        d = decode_with(data[len(codecs.BOM_UTF8) :], "utf-8", len(codecs.BOM_UTF8))
        if d is None:
            raise UndecodableError("file starts with a UTF-8 BOM but more than 1 % of it is not UTF-8")
        return Decoded(d.text, "utf-8-sig", damage=d.damage, bad_bytes=d.bad_bytes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        d = decode_with(data[2:], enc, 2)
        if d is None:
            raise UndecodableError("file starts with a UTF-16 BOM but more than 1 % of it is not UTF-16")
        return Decoded(d.text, "utf-16", damage=d.damage, bad_bytes=d.bad_bytes)
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return Decoded(data.decode(guess16), guess16)
        except UnicodeDecodeError:
            pass
    if data.count(0) > damaged_allowed(len(data)):
        raise UndecodableError("binary data (NUL bytes), not a text file")
    candidates: list[tuple[int, int, Decoded]] = []
    for rank, enc in enumerate(("utf-8", "gb18030")):
        d = decode_with(data, enc)
        if d is None:
            continue
        # valid UTF-8 is UTF-8; so is UTF-8 with a few damaged places among many characters
        if enc == "utf-8" and (
            d.bad_bytes == 0 or (_utf8_evident(d) and (not expect_report or _looks_like_report(d.text)))
        ):
            return d
        if not expect_report or _looks_like_report(d.text):
            if d.bad_bytes == 0:
                return d
            candidates.append((d.bad_bytes, rank, d))
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        raise UndecodableError("not UTF-8, UTF-16 or GB18030") from None
    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError(
            "not UTF-8, UTF-16 or GB18030 (more than 1 % of the bytes are not valid in any of them), "
            "and no other encoding fits"
        )
    text = str(best)
    if not _looks_like_report(text):
        raise UndecodableError(
            "not UTF-8, UTF-16 or GB18030 (more than 1 % of the bytes are not valid in any of them); "
            f"best guess {best.encoding} yields no report text"
        )
    return Decoded(
        text,
        best.encoding,
        note=reader_note(
            f"encoding guessed as {best.encoding}; check the source", f"编码系推测为{best.encoding}，请核对原文"
        ),
    )
