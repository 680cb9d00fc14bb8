"""Every demo text report in the plain-text forms reports are found in the wild, generated from the
PDF twin (`tests/pdf_twin.py`) and the HTML twin (`tests/test_html_docx.py`) on each run; nothing
binary is committed. This is test *material*: it knows nothing of the project's reader.

| form | how it is made | suffix |
|---|---|---|
| `pdftotext-layout` | `pdftotext -layout -enc UTF-8` of the PDF twin | `.txt` |
| `pdftotext-layout-hostile` | the same of the hostile PDF twin | `.txt` |
| `pdftotext`, `pdftotext-hostile` | `pdftotext -enc UTF-8` (reading order) | `.txt` |
| `pdftotext-raw`, `pdftotext-raw-hostile` | `pdftotext -raw -enc UTF-8` | `.txt` |
| `crawler` | a site crawler's file: 4 header lines + the page's article on one line | `.txt` |
| `markdown-pymupdf4llm` | `pymupdf4llm.to_markdown` of the PDF twin | `.md` |
| `markdown-markitdown` | `markitdown` of the PDF twin | `.md` |
| `markdown-headings` | the pymupdf4llm form with every section heading `## …` or `**…**` | `.md` |
| `ocr-layout`, `ocr-crawler`, `ocr-markitdown` | OCR look-alike damage on those forms | as the form |

Functions: `pdftotext_layout`, `pdftotext_plain`, `pdftotext_raw`, `markdown_pymupdf4llm`,
`markdown_markitdown` (each takes a PDF path), `markdown_headings(text, headings, style)`,
`crawler_text(report_name, seed)` / `crawler_page(...)`, `ocr_noise(text, seed) -> (text, changes)`,
`pdf_twin(report_name, tmp_dir, hostile=)`, `all_forms(report_name, tmp_dir)` and
`all_forms_with_details(...)`. `python -m tests.forms --out DIR` writes them all for a look.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from disclosure_audit.extract import extract_file
from disclosure_audit.model import Report
from disclosure_audit.templates import get_templates
from tests.conftest import RULES
from tests.forms.crawler import CrawlerPage, crawler_page, crawler_text
from tests.forms.ocr import OcrChange, ocr_noise
from tests.forms.pdf import (
    HEADING_STYLES,
    markdown_headings,
    markdown_markitdown,
    markdown_pymupdf4llm,
    pdftotext_layout,
    pdftotext_plain,
    pdftotext_raw,
)
from tests.pdf_twin import render_pdf

__all__ = [
    "FORMS",
    "CrawlerPage",
    "OcrChange",
    "all_forms",
    "all_forms_with_details",
    "crawler_page",
    "crawler_text",
    "demo_reports",
    "heading_style",
    "markdown_headings",
    "markdown_markitdown",
    "markdown_pymupdf4llm",
    "ocr_noise",
    "pdf_twin",
    "pdftotext_layout",
    "pdftotext_plain",
    "pdftotext_raw",
    "report_seed",
]

DEMO = RULES.parent / "reports_in"
TEMPLATES = get_templates(RULES)

# form name → file suffix, in the order the CLI writes them
FORMS: dict[str, str] = {
    "pdftotext-layout": ".txt",
    "pdftotext-layout-hostile": ".txt",
    "pdftotext": ".txt",
    "pdftotext-hostile": ".txt",
    "pdftotext-raw": ".txt",
    "pdftotext-raw-hostile": ".txt",
    "crawler": ".txt",
    "markdown-pymupdf4llm": ".md",
    "markdown-markitdown": ".md",
    "markdown-headings": ".md",
    "ocr-layout": ".txt",
    "ocr-crawler": ".txt",
    "ocr-markitdown": ".md",
}
OCR_BASE = {"ocr-layout": "pdftotext-layout", "ocr-crawler": "crawler", "ocr-markitdown": "markdown-markitdown"}


@cache
def wild_reports() -> frozenset[str]:
    """Demo reports that are themselves in a form found in the wild (`form:` in
    tests/data/demo_expectations.yaml): not a clean source to make forms from."""
    data = yaml.safe_load((Path(__file__).parents[1] / "data" / "demo_expectations.yaml").read_text(encoding="utf-8"))
    return frozenset(name for name, exp in data.items() if "form" in exp)


def demo_reports() -> list[str]:
    """File names of the demo text reports in the generator's own layouts."""
    return sorted(p.name for p in DEMO.glob("*.txt") if p.name not in wild_reports())


@cache
def report_of(report_name: str) -> Report:
    return extract_file(DEMO / report_name, RULES)


def report_seed(report_name: str) -> int:
    """The seed a report's forms are made with (stable across runs and machines)."""
    return zlib.crc32(Path(report_name).stem.encode("utf-8"))


def heading_style(report_name: str) -> str:
    """`atx` or `bold`, alternating over the demo reports in name order."""
    names = demo_reports()
    k = names.index(report_name) if report_name in names else report_seed(report_name)
    return HEADING_STYLES[k % 2]


def pdf_twin(report_name: str, tmp_dir: Path, *, hostile: bool = False) -> Path:
    """Draw the PDF twin of a demo report into `tmp_dir` (always anew: a file left from an older
    renderer must not pass for this one)."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_dir / f"{Path(report_name).stem}{'_hostile' if hostile else ''}.pdf"
    render_pdf(report_of(report_name), TEMPLATES, path, hostile=hostile)
    return path


@dataclass
class Forms:
    texts: dict[str, str] = field(default_factory=dict)  # form name → text
    crawler: CrawlerPage | None = None
    ocr: dict[str, list[OcrChange]] = field(default_factory=dict)  # ocr form → its changes
    files: dict[str, Path] = field(default_factory=dict)  # intermediate files: pdf, pdf-hostile, html


def all_forms_with_details(report_name: str, tmp_dir: Path, only: set[str] | None = None) -> Forms:
    """Every form of one demo report (or the forms named in `only`) with what was done to make them:
    the crawler's stray spaces, the OCR changes, the intermediate PDF and HTML files in `tmp_dir`."""
    want = set(FORMS) if only is None else set(only)
    unknown = want - set(FORMS)
    if unknown:
        raise KeyError(f"unknown forms: {sorted(unknown)}")
    seed = report_seed(report_name)
    out = Forms()
    need = set(want)  # the forms others are made from
    need |= {OCR_BASE[f] for f in want if f in OCR_BASE}
    if "markdown-headings" in want:
        need.add("markdown-pymupdf4llm")
    if any(f.startswith(("pdftotext", "markdown")) and not f.endswith("-hostile") for f in need):
        out.files["pdf"] = pdf_twin(report_name, tmp_dir)
    if any(f.endswith("-hostile") for f in need):
        out.files["pdf-hostile"] = pdf_twin(report_name, tmp_dir, hostile=True)
    texts = out.texts
    for tail, key in (("", "pdf"), ("-hostile", "pdf-hostile")):
        for form, tool in (
            ("pdftotext-layout", pdftotext_layout),
            ("pdftotext", pdftotext_plain),
            ("pdftotext-raw", pdftotext_raw),
        ):
            if form + tail in need:
                texts[form + tail] = tool(out.files[key])
    if "crawler" in need:
        out.crawler = crawler_page(report_name, seed, tmp_dir)
        texts["crawler"] = out.crawler.text
        if out.crawler.html_path is not None:
            out.files["html"] = out.crawler.html_path
    if "markdown-pymupdf4llm" in need:
        texts["markdown-pymupdf4llm"] = markdown_pymupdf4llm(out.files["pdf"])
    if "markdown-markitdown" in need:
        texts["markdown-markitdown"] = markdown_markitdown(out.files["pdf"])
    if "markdown-headings" in need:
        headings = [s.heading for s in report_of(report_name).sections]
        style = heading_style(report_name)
        texts["markdown-headings"] = markdown_headings(texts["markdown-pymupdf4llm"], headings, style)
    for form, base in OCR_BASE.items():
        if form in need:
            keep = []
            if base == "crawler" and out.crawler is not None:  # the site's chrome was not scanned
                a, b = out.crawler.article
                keep = [(0, a), (b, len(texts[base]))]
            texts[form], out.ocr[form] = ocr_noise(texts[base], seed, keep=keep)
    out.texts = {f: texts[f] for f in FORMS if f in want}
    return out


def all_forms(report_name: str, tmp_dir: Path) -> dict[str, str]:
    """Form name → text of every form of one demo report (`FORMS` gives each form's file suffix)."""
    return all_forms_with_details(report_name, tmp_dir).texts
