"""Ingest: bytes → a Document of lines with positions. One reader per source format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .blocks import Layout
from .decode import UndecodableError, decode_bytes
from .limits import ReadLimits
from .notes import Note, joined, reader_note

__all__ = ["Document", "Note", "ReadLimits", "UnreadableFileError", "joined", "read_document", "reader_note"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
LEGACY_SUFFIXES = {".doc", ".wps", ".rtf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | LEGACY_SUFFIXES | {".docx", ".pdf"}


class UnreadableFileError(Exception):
    """A file that cannot be turned into text; the message names the reason."""


@dataclass
class Document:
    path: Path
    source_format: str
    lines: list[str]
    encoding: str | None = None
    notes: list[Note] = field(default_factory=list)  # each in English and Chinese
    layout: Layout | None = None  # set by readers of structured formats (HTML, DOCX, PDF)
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. PDF creation date, HTML <title>
    machine_readable: bool = True  # False for scans / image-only files: content rules can't run
    converted_with: str | None = None  # e.g. "LibreOffice" when a legacy .doc was converted


def read_text(path: Path) -> Document:
    data = _read_bytes(path)
    try:
        decoded = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(str(exc)) from exc
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    doc = Document(path=path, source_format=fmt, lines=text.split("\n"), encoding=decoded.encoding)
    doc.notes.extend(n for n in (decoded.note, decoded.damage) if n)
    return doc


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}") from exc


def read_document(path: Path, limits: ReadLimits | None = None) -> Document:
    """Dispatch on the file type. Readers of optional formats are imported only when needed."""
    limits = limits or ReadLimits()
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text(path)
    if suffix in HTML_SUFFIXES:
        from .html import read_html

        return read_html(path)
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(path, limits)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if suffix in LEGACY_SUFFIXES:
        from .legacy import read_legacy

        return read_legacy(path, limits)
    raise UnreadableFileError(f"unsupported file type '{suffix or '(none)'}'")
