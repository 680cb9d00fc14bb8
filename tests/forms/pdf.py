"""The PDF twin as the real tools read it: poppler's `pdftotext` (layout, reading order, raw) and two
PDF→Markdown converters (pymupdf4llm, markitdown). Every function returns the tool's output exactly as
it was produced; nothing here tidies it.

What the outputs look like (on the PDF twins of `tests/pdf_twin.py`; `pdftotext` does the same on
real reports):

- `pdftotext -layout`: columns kept by runs of spaces, a label wrapped over two lines with the
  values on a line between its halves, the vertical 三、本年度办理结果 one character a line down the
  left margin, the running header and the `-N-` footer (poppler drops the spaces of `- N -`) inside
  the table flow, a form feed before each page;
- `pdftotext` (no flag): reading order, one cell a paragraph, so every value is a line of its own,
  and header labels come out of their visual order (法人或其他组织 before 自然人);
- `pdftotext -raw`: content-stream order, a row's values on one line after its label, single spaces;
- pymupdf4llm: `|`-tables, the text of a merged cell repeated into every column and row it spans,
  `<br>` inside wrapped cells, a table cut at each page break with the footer (`- 2 `) between the
  parts, body text one line a paragraph with blank lines, headings picked by font size (`## 一、…`);
  a heading right above a table may become the table's first header cell;
- markitdown (pdfminer + pdfplumber): plain text lines, tables where the column finder failed, so
  several values share a cell (`| 56 6 | 0 0 |`) and label halves fall between table parts.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path


def _pdftotext(pdf_path: Path, *flags: str) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise RuntimeError("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    out = subprocess.run([exe, *flags, "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdftotext_layout(pdf_path: Path) -> str:
    """`pdftotext -layout -enc UTF-8 file.pdf -`."""
    return _pdftotext(pdf_path, "-layout")


def pdftotext_plain(pdf_path: Path) -> str:
    """`pdftotext -enc UTF-8 file.pdf -` (no layout flag: reading order)."""
    return _pdftotext(pdf_path)


def pdftotext_raw(pdf_path: Path) -> str:
    """`pdftotext -raw -enc UTF-8 file.pdf -` (content-stream order)."""
    return _pdftotext(pdf_path, "-raw")


@cache
def _pymupdf4llm():
    # pymupdf4llm prints an advertisement for pymupdf_layout when imported
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import pymupdf4llm
    return pymupdf4llm


@cache
def _markitdown():
    from markitdown import MarkItDown

    return MarkItDown(enable_plugins=False)


def markdown_pymupdf4llm(pdf_path: Path) -> str:
    """`pymupdf4llm.to_markdown(file.pdf)` with its default settings."""
    lib = _pymupdf4llm()
    with contextlib.redirect_stdout(io.StringIO()):
        return lib.to_markdown(str(pdf_path))


def markdown_markitdown(pdf_path: Path) -> str:
    """`MarkItDown().convert(file.pdf).text_content` (the `markitdown[pdf]` converter)."""
    return _markitdown().convert(str(pdf_path)).text_content


HEADING_STYLES = ("atx", "bold")


def markdown_headings(text: str, headings: list[str], style: str) -> str:
    """A Markdown form whose section headings are all written one way: `## 一、总体情况` (`atx`) or
    `**一、总体情况**` (`bold`), as hand-edited or other converters' Markdown has them. A line is a
    heading when, without its `#` marks or `**`, it is one of `headings` (the report's own heading
    lines); a heading the converter put inside a table cell stays there."""
    if style not in HEADING_STYLES:
        raise ValueError(f"style must be one of {HEADING_STYLES}")
    wanted = {h.strip() for h in headings}

    def mark(h: str) -> str:
        return f"## {h}" if style == "atx" else f"**{h}**"

    out: list[str] = []
    prev = ""
    for line in text.split("\n"):
        bare = re.sub(r"^\s*#{1,6}\s+", "", line).strip()
        bare = re.sub(r"^\*\*(.*)\*\*$", r"\1", bare).strip()
        if bare in wanted:
            line = mark(bare)
        elif line.startswith("|") and not prev.startswith("|"):
            cells = line.split("|")
            if len(cells) > 2 and cells[1].strip() in wanted:  # the converter took it for a header cell
                out += [mark(cells[1].strip()), ""]
                cells[1] = "Col1"
                line = "|".join(cells)
        out.append(line)
        prev = line
    return "\n".join(out)


def converter_versions() -> dict[str, str]:
    """Versions of the tools that made the forms (for the CLI's index)."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str] = {}
    for dist in ("pymupdf4llm", "pymupdf", "markitdown", "pdfminer.six", "pdfplumber"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    exe = shutil.which("pdftotext")
    if exe:
        v = subprocess.run([exe, "-v"], capture_output=True, text=True)
        out["pdftotext"] = (v.stderr or v.stdout).splitlines()[0] if (v.stderr or v.stdout) else "?"
    else:
        out["pdftotext"] = "not installed"
    return out
