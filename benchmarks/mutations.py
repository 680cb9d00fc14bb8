"""A deterministic corpus of damaged and hostile report files, for tests/test_mutation_corpus.py (a few
hundred, every CI run) and benchmarks/fuzz.py (thousands, on demand).

Mutant `i` of seed `s` depends on (s, i) only: a batch can be rebuilt alone, and a failure found in a
long run is reproduced by its number. The starting files are the demo reports (reports_in/: text,
markdown, the scanned PDF), the hostile HTML fixtures, and an HTML page, a DOCX and a text PDF built
here from a demo report (nothing binary is committed). What is done to them is what real files and
hostile senders do: truncation (also inside a multi-byte character), flipped bytes, NULs, the wrong
encoding or a wrong declared charset, everything on one line or 100k-character lines, 10k nested
divs or tables, span bombs, DOCX bombs (a document.xml that inflates to hundreds of MB, a huge
w:gridSpan), broken PDF cross-reference tables, a ZIP that is not a DOCX, empty files, binary junk
named .txt.
"""

from __future__ import annotations

import functools
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "reports_in"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
CONFIG = {"manifest.csv", "waivers.yaml", "audit.yaml", "readme.md"}


@dataclass(frozen=True)
class Seed:
    name: str  # stem, for mutant names
    suffix: str  # ".txt", ".md", ".html", ".docx", ".pdf"
    data: bytes

    @property
    def text(self) -> str | None:
        """The seed's text when it is a text format (HTML as markup); None for DOCX and PDF."""
        if self.suffix in (".docx", ".pdf"):
            return None
        for enc in ("utf-8", "gb18030"):
            try:
                return self.data.decode(enc)
            except UnicodeDecodeError:
                continue
        return self.data.decode("utf-8", "replace")


@dataclass(frozen=True)
class Mutant:
    index: int
    op: str
    seed: str
    suffix: str
    data: bytes

    @property
    def name(self) -> str:
        """A file name that sorts in generation order and says what was done to what."""
        return f"{self.index:05d}_{self.op}_{self.seed}{self.suffix}"


# --------------------------------------------------------------------------- seeds


def _demo_texts() -> list[Seed]:
    out = []
    for p in sorted(DEMO.iterdir()):
        if p.name.lower() in CONFIG or p.suffix.lower() not in (".txt", ".md", ".pdf"):
            continue
        out.append(Seed(p.stem[:24], p.suffix.lower(), p.read_bytes()))
    return out


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """A text report as ("p", [line]) and ("table", [tab-separated rows]) blocks."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        kind = "table" if "\t" in line else "p"
        if kind == "table" and blocks and blocks[-1][0] == "table":
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))
    return blocks


def html_of(text: str, charset: str = "utf-8") -> str:
    """A report as a plain government-site page: paragraphs and one <table> per tab-separated run."""
    from html import escape

    parts = [f'<html><head><meta charset="{charset}"><title>报告</title></head><body><div class="content">']
    for kind, lines in _blocks(text):
        if kind == "p":
            parts.append(f"<p>{escape(lines[0])}</p>")
            continue
        parts.append("<table border='1'>")
        for row in lines:
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row.split("\t")) + "</tr>")
        parts.append("</table>")
    parts.append("</div></body></html>")
    return "\n".join(parts)


def docx_of(text: str) -> bytes:
    import docx

    d = docx.Document()
    for kind, lines in _blocks(text):
        if kind == "p":
            d.add_paragraph(lines[0])
            continue
        rows = [r.split("\t") for r in lines]
        table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_of(text: str) -> bytes:
    """A text PDF (reportlab's built-in CID font): one line of text per line, table cells spaced."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    y = A4[1] - 50
    for line in text.splitlines():
        if y < 50:
            c.showPage()
            y = A4[1] - 50
        c.setFont("STSong-Light", 8)
        x = 40.0
        for cell in line.split("\t"):
            c.drawString(x, y, cell[:60])
            x += 60 if "\t" in line else 0
        y -= 11
    c.save()
    return buf.getvalue()


@functools.cache
def seeds() -> tuple[Seed, ...]:
    out = _demo_texts()
    out += [Seed(p.stem[:24], ".html", p.read_bytes()) for p in sorted(HOSTILE.glob("*.html"))]
    base = (DEMO / "01_clean_qinghe_scjgj_2022.txt").read_text(encoding="utf-8")
    out.append(Seed("page_from_01", ".html", html_of(base).encode("utf-8")))
    out.append(Seed("docx_from_01", ".docx", docx_of(base)))
    out.append(Seed("pdf_from_01", ".pdf", pdf_of(base)))
    return tuple(out)


# --------------------------------------------------------------------------- mutations of a seed


def truncate(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    return s.suffix, s.data[: rng.randrange(len(s.data) + 1)]


def truncate_mid_char(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """Cut just after the lead byte of a multi-byte UTF-8 (or GBK) character."""
    leads = [i for i, b in enumerate(s.data) if b >= 0xC0 or 0x81 <= b <= 0xFE]
    at = rng.choice(leads) + 1 if leads else len(s.data) // 2
    return s.suffix, s.data[:at]


def flip_bytes(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    data = bytearray(s.data)
    for _ in range(rng.choice((1, 3, 10, 100))):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return s.suffix, bytes(data)


def insert_nuls(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    data = bytearray(s.data)
    for _ in range(rng.choice((1, 5, 50))):
        at = rng.randrange(len(data) + 1)
        data[at:at] = b"\x00" * rng.choice((1, 1, 2, 16))
    return s.suffix, bytes(data)


def delete_span(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    if not s.data:
        return s.suffix, s.data
    a = rng.randrange(len(s.data))
    b = min(len(s.data), a + rng.choice((1, 16, 256, 4096)))
    return s.suffix, s.data[:a] + s.data[b:]


def duplicate_span(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    if not s.data:
        return s.suffix, s.data
    a = rng.randrange(len(s.data))
    b = min(len(s.data), a + rng.choice((16, 256, 4096)))
    at = rng.randrange(len(s.data) + 1)
    return s.suffix, s.data[:at] + s.data[a:b] * rng.choice((1, 2, 50)) + s.data[at:]


ENCODINGS = ("gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5", "utf-8-sig", "latin-1", "utf-32")


def reencode(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """The text in another encoding (characters it lacks become `?`, as a careless export does)."""
    text = s.text or ""
    enc = rng.choice(ENCODINGS)
    return s.suffix, text.encode(enc, errors="replace")


def wrong_charset(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """An HTML page whose meta charset contradicts its bytes."""
    text = s.text or ""
    declared, actual = rng.choice(
        [
            ("utf-8", "gbk"),
            ("gbk", "utf-8"),
            ("big5", "utf-8"),
            ("utf-16", "utf-8"),
            ("iso-8859-1", "gbk"),
            ("x-no-such", "utf-8"),
        ]
    )
    text = re.sub(r"charset\s*=\s*[\"']?[\w-]+", f"charset={declared}", text, count=1, flags=re.I)
    if "charset" not in text[:4096].lower():
        text = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' + text
    return ".html", text.encode(actual, errors="replace")


def one_line(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """Every line joined: a body saved without line breaks."""
    text = s.text or ""
    sep = rng.choice(("", " ", "\t"))
    return s.suffix, sep.join(text.splitlines()).encode("utf-8")


def long_lines(rng: random.Random, s: Seed, chars: int = 100_000) -> tuple[str, bytes]:
    """Some lines repeated out to `chars` characters."""
    lines = (s.text or "").splitlines() or [""]
    for _ in range(rng.choice((1, 3))):
        i = rng.randrange(len(lines))
        piece = lines[i] or "政府信息公开 1 2 3\t"
        lines[i] = (piece * (chars // len(piece) + 1))[:chars]
    return s.suffix, "\n".join(lines).encode("utf-8")


def swap_suffix(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """The right bytes under the wrong name: a DOCX named .pdf, a PDF named .html, text named .docx."""
    others = [x for x in (".txt", ".md", ".html", ".docx", ".pdf") if x != s.suffix]
    return rng.choice(others), s.data


def docx_member(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """A DOCX with its document.xml damaged: truncated, flipped, emptied, a tag unclosed, or gone."""
    src = zipfile.ZipFile(io.BytesIO(s.data))
    out = io.BytesIO()
    how = rng.choice(("truncate", "flip", "empty", "unclose", "drop", "drop_styles", "junk_numbering"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                if how == "truncate":
                    data = data[: rng.randrange(len(data))]
                elif how == "flip":
                    b = bytearray(data)
                    for _ in range(5):
                        b[rng.randrange(len(b))] ^= 0x20
                    data = bytes(b)
                elif how == "empty":
                    data = b""
                elif how == "unclose":
                    data = data.replace(b"</w:tbl>", b"", 1)
                elif how == "drop":
                    continue
            if how == "drop_styles" and info.filename == "word/styles.xml":
                continue
            if how == "junk_numbering" and info.filename == "word/numbering.xml":
                data = b"<w:numbering xmlns:w='x'><w:abstractNum w:abstractNumId='z'/>"
            dst.writestr(info.filename, data)
    return ".docx", out.getvalue()


def docx_grid_span(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """Table cells claiming a huge, negative or non-numeric w:gridSpan / vMerge on rows with no start."""
    val = rng.choice(("100000000", "2147483648", "-5", "0", "abc", "1e9", "65535"))
    src = zipfile.ZipFile(io.BytesIO(s.data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                prop = f'<w:tcPr><w:gridSpan w:val="{val}"/><w:vMerge/></w:tcPr>'.encode()
                data = re.sub(rb"<w:tc>", b"<w:tc>" + prop, data, count=rng.choice((1, 5, 50)))
            dst.writestr(info.filename, data)
    return ".docx", out.getvalue()


def pdf_damage(rng: random.Random, s: Seed) -> tuple[str, bytes]:
    """Broken cross-reference table or trailer, a truncated tail, stream bytes overwritten."""
    data = s.data
    how = rng.choice(("xref", "startxref", "trailer", "tail", "stream", "objnum"))
    if how == "xref":
        data = re.sub(rb"\d{10} \d{5} [nf]", lambda m: b"%010d 00000 n" % rng.randrange(10**9), data)
    elif how == "startxref":
        data = re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.randrange(10**6)).encode(), data)
    elif how == "trailer":
        data = data.replace(b"trailer", b"trai1er")
    elif how == "tail":
        data = data[: len(data) - rng.randrange(1, min(len(data), 2000) + 1)]
    elif how == "stream":
        starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
        if starts:
            at = rng.choice(starts)
            data = data[:at] + bytes(rng.randrange(256) for _ in range(64)) + data[at + 64 :]
    else:
        data = re.sub(rb"(\d+) 0 obj", lambda m: b"%d 0 obj" % rng.randrange(1, 5), data)
    return ".pdf", data


# --------------------------------------------------------------------------- made from nothing


def empty(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice((".txt", ".md", ".html", ".docx", ".pdf")), b""


def junk(rng: random.Random) -> tuple[str, bytes]:
    """Random bytes under a report's name."""
    return rng.choice((".txt", ".txt", ".md", ".html", ".docx", ".pdf")), rng.randbytes(rng.choice((1, 100, 10_000)))


def whitespace_only(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice((".txt", ".html")), rng.choice((" ", "\n", "\u3000", "\t", "\r\n", "\ufeff")).encode() * 1000


def deep_nesting(rng: random.Random) -> tuple[str, bytes]:
    """10k nested divs, spans, tables or lists around a line of report text."""
    n = rng.choice((1_000, 10_000))
    opener, closer = rng.choice(
        (
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", "</li></ul>"),
            ("<blockquote>", ""),  # never closed
        )
    )
    body = "一、总体情况 本机关政府信息公开工作年度报告"
    return ".html", f"<html><body>{opener * n}{body}{closer * n}</body></html>".encode()


def span_bomb(rng: random.Random) -> tuple[str, bytes]:
    """Tables whose cells claim absurd spans: rowspan=0 (to the end), colspan=1000, 65534 rows."""
    spans = rng.choice(
        (
            'rowspan="0" colspan="1000"',
            'colspan="1000"',
            'rowspan="65534"',
            'rowspan="-1" colspan="-1"',
            'colspan="99999999999999999999"',
            'rowspan="1e3" colspan="x"',
        )
    )
    rows = rng.choice((1, 10, 200))
    cells = "".join(f"<td {spans}>{i}</td>" for i in range(rng.choice((1, 5, 30))))
    table = "<table>" + "<tr><td>（七）总计</td>" + cells + "</tr>" * 1 + "<tr><td>1</td></tr>" * rows + "</table>"
    return ".html", f"<html><body><p>三、收到和处理政府信息公开申请情况</p>{table}</body></html>".encode()


def docx_bomb(rng: random.Random, megabytes: int) -> tuple[str, bytes]:
    """A small DOCX whose document.xml inflates to `megabytes` MB of paragraphs (or of whitespace)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = b"<w:p><w:r><w:t>" + "政府信息公开".encode() + b"</w:t></w:r></w:p>"
    filler = rng.choice((para, b" " * 1024))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f"<w:document {ns}><w:body>".encode())
            chunk = filler * (1_048_576 // len(filler))
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return ".docx", out.getvalue()


def zip_not_docx(rng: random.Random) -> tuple[str, bytes]:
    """A ZIP named .docx holding something else (a text file, a nested zip, nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for k in range(rng.choice((0, 1, 3))):
            z.writestr(f"{k}_" + rng.choice(("readme.txt", "a.xml", "word/other.xml", "mimetype")), rng.randbytes(64))
    return ".docx", out.getvalue()


def not_a_pdf(rng: random.Random) -> tuple[str, bytes]:
    """Bytes that are no PDF under a .pdf name (an HTML error page, text, a bare header)."""
    return ".pdf", rng.choice(
        (
            b"<html><body>404 Not Found</body></html>",
            "政府信息公开工作年度报告".encode(),
            b"%PDF-1.7\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"%PDF-1.4\n" + rng.randbytes(2000),
        )
    )


SeedOp = Callable[[random.Random, Seed], tuple[str, bytes]]
# operation → (what it applies to, how)
SEED_OPS: dict[str, tuple[Callable[[Seed], bool], SeedOp]] = {
    "truncate": (lambda s: True, truncate),
    "midchar": (lambda s: s.text is not None, truncate_mid_char),
    "flip": (lambda s: True, flip_bytes),
    "nul": (lambda s: True, insert_nuls),
    "delete": (lambda s: True, delete_span),
    "dup": (lambda s: True, duplicate_span),
    "reencode": (lambda s: s.text is not None, reencode),
    "charset": (lambda s: s.suffix == ".html", wrong_charset),
    "oneline": (lambda s: s.text is not None, one_line),
    "longline": (lambda s: s.text is not None, long_lines),
    "suffix": (lambda s: True, swap_suffix),
    "docxpart": (lambda s: s.suffix == ".docx", docx_member),
    "gridspan": (lambda s: s.suffix == ".docx", docx_grid_span),
    "pdfdamage": (lambda s: s.suffix == ".pdf" and b"xref" in s.data, pdf_damage),
}
MADE_OPS: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "empty": empty,
    "junk": junk,
    "blank": whitespace_only,
    "nested": deep_nesting,
    "spanbomb": span_bomb,
    "zipnotdocx": zip_not_docx,
    "notpdf": not_a_pdf,
}
OPS = (*SEED_OPS, *MADE_OPS, "docxbomb")


def mutant(index: int, seed: int = 0, bomb_mb: int = 300, line_chars: int = 100_000) -> Mutant:
    """Mutant number `index` of run `seed`; `bomb_mb` sizes the DOCX bombs (inflated document.xml) and
    `line_chars` the long lines (CI uses smaller ones of both: the same damage, a fraction of the time)."""
    rng = random.Random(f"{seed}:{index}")
    op = OPS[index % len(OPS)] if index < len(OPS) else rng.choice(OPS)  # every op early on
    if op == "docxbomb":
        suffix, data = docx_bomb(rng, bomb_mb)
        return Mutant(index, op, f"{bomb_mb}mb", suffix, data)
    if op in MADE_OPS:
        suffix, data = MADE_OPS[op](rng)
        return Mutant(index, op, "made", suffix, data)
    applies, fn = SEED_OPS[op]
    s = rng.choice([x for x in seeds() if applies(x)])
    suffix, data = long_lines(rng, s, line_chars) if op == "longline" else fn(rng, s)
    return Mutant(index, op, s.name, suffix, data)


def mutants(start: int, count: int, seed: int = 0, bomb_mb: int = 300, line_chars: int = 100_000) -> Iterator[Mutant]:
    for i in range(start, start + count):
        yield mutant(i, seed, bomb_mb, line_chars)


def write(ms: list[Mutant] | Iterator[Mutant], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for m in ms:
        p = folder / m.name
        p.write_bytes(m.data)
        out.append(p)
    return out
