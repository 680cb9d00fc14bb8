"""Legacy .doc/.wps/.rtf: converted through LibreOffice when `soffice` is installed, otherwise
reported as not machine-readable (a finding, never a crash)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import Document, ReadLimits, UnreadableFileError, reader_note

CONVERT_TIMEOUT_S = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path, limits: ReadLimits | None = None) -> Document:
    exe = soffice()
    if exe is None:
        return Document(
            path=path,
            source_format=path.suffix.lower().lstrip("."),
            lines=[],
            machine_readable=False,
            notes=[
                reader_note(
                    f"legacy {path.suffix} file and LibreOffice (soffice) is not installed; not machine-readable here",
                    f"旧版{path.suffix}文件，本机未安装LibreOffice（soffice），无法读取为文本",
                )
            ],
        )
    from .docx import read_docx

    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [exe, "--headless", "--norestore", "--convert-to", "docx", "--outdir", tmp, str(path)],
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UnreadableFileError(f"LibreOffice conversion failed: {exc}") from exc
        out = Path(tmp) / (path.stem + ".docx")
        if not out.exists():
            raise UnreadableFileError("LibreOffice could not convert this file")
        doc = read_docx(out, limits)
    doc.path = path
    doc.source_format = path.suffix.lower().lstrip(".")
    doc.converted_with = "LibreOffice"
    return doc
