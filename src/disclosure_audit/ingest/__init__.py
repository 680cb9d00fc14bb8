"""Ingest: bytes → a Document of lines with positions. One reader per source format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .decode import UndecodableError, decode_bytes

SUPPORTED_SUFFIXES = {".txt", ".text"}


class UnreadableFileError(Exception):
    """A file that cannot be turned into text; the message names the reason."""


@dataclass
class Document:
    path: Path
    source_format: str
    lines: list[str]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(f"unsupported file type '{suffix or '(none)'}'")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}") from exc
    try:
        decoded = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(str(exc)) from exc
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(path=path, source_format="txt", lines=text.split("\n"), encoding=decoded.encoding)
    if decoded.note:
        doc.notes.append(decoded.note)
    return doc
