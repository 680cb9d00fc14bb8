"""Page names for reports: the report id (its path in the reports folder, `a/x.txt`) written so that
two different ids can never share a page, on any file system.

Why an encoding and not a cleaned-up name with a hash or a "-2": a name must not depend on which
other files happen to be in the folder (a report keeps its page from run to run) and a collision
must be impossible, not unlikely. So the page name is an escaping of the id that can be read back
(`decode`), which makes it injective by construction:

- `a`–`z`, `0`–`9`, `_`, `-`, `.` and CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF: no letter case
  and no Unicode decomposition, so NFC/NFD file systems keep them as they are) stay as they are;
- every other character is a `~` token: `~` + lowercase letter for an ASCII capital (`R` → `~r`),
  `~~` for `/`, `~_` for a space, `~0` + 4 hex digits for any other character of the Basic
  Multilingual Plane (`Ｒ` → `~0ff32`), `~1` + 6 hex digits above it.

The result holds no letter that has a case, so a case-insensitive file system (Windows, macOS) cannot
merge two pages (`Report.txt` → `~report.txt`, `report.txt` → `report.txt`), and full-width names
stay apart from their ASCII look-alikes (`ＲＥＰＯＲＴ.txt` vs `report.txt`).

Length: a name is cut, at token boundaries, into folder parts of at most PART_BYTES UTF-8 bytes
(each folder part ends in `~`, which no whole encoding does, so a folder can never be mistaken for a
page), the page itself ending in `.html`; file systems allow 255 bytes per name. A part that would
start with `.` (hidden) or be a reserved Windows device name (`con`, `nul.txt`, `com1` …) gets its
first character as a `~0` token; `decode` reads those back like any other token.
"""

from __future__ import annotations

import re

PART_BYTES = 200  # per file or folder name, suffix included: well under the usual 255-byte limit
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-.")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}


def _plain(ch: str) -> bool:
    return ch in _PLAIN or "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"


def _escape(ch: str) -> str:
    cp = ord(ch)
    return f"~0{cp:04x}" if cp <= 0xFFFF else f"~1{cp:06x}"


def _token(ch: str) -> str:
    if _plain(ch):
        return ch
    if "A" <= ch <= "Z":
        return "~" + ch.lower()
    if ch == "/":
        return "~~"
    if ch == " ":
        return "~_"
    return _escape(ch)


def _tokens(report_id: str) -> list[str]:
    if not report_id:
        raise ValueError("a report id is never empty")
    return [_token(ch) for ch in report_id]


def slug(report_id: str) -> str:
    """The id in one piece (no `/`, no letter with a case): the anchor of the report on the review
    page, and what two ids are compared by."""
    return "".join(_tokens(report_id))


def _safe_part(tokens: list[str]) -> str:
    """A name part as a file system will keep it: not hidden, not a Windows device name."""
    text = "".join(tokens)
    if text.startswith(".") or text.split(".")[0] in _RESERVED:
        return _escape(text[0]) + text[1:]
    return text


def page_name(report_id: str) -> str:
    """The report's page under `agencies/`: `x.txt.html`, or `part~/…/rest.html` for a long id."""
    tokens = _tokens(report_id)
    sizes = [len(t.encode("utf-8")) for t in tokens]
    # room for the suffix (".html" or "~") and for a first character written as a token (_safe_part)
    room = PART_BYTES - len(".html") - 6
    parts: list[list[str]] = []
    start = 0
    while sum(sizes[start:]) > room:
        end, used = start, 0
        while used + sizes[end] <= room:
            used += sizes[end]
            end += 1
        parts.append(tokens[start:end])
        start = end
    return "".join(_safe_part(p) + "~/" for p in parts) + _safe_part(tokens[start:]) + ".html"


def page_path(report_id: str) -> str:
    """The report's page from the site's root (what links, findings.json and the workbook give)."""
    return "agencies/" + page_name(report_id)


def page_root(report_id: str) -> str:
    """From the report's page back to the site's root (`../`, one more per folder part)."""
    return "../" * page_path(report_id).count("/")


_TOKEN = re.compile(r"~([a-z])|~~|~_|~0([0-9a-f]{4})|~1([0-9a-f]{6})|([^~])")


def decode_page(name: str) -> str:
    """The report id a page name (`page_name`) was made from; raises ValueError on anything else."""
    *folders, page = name.split("/")
    if not page.endswith(".html") or any(not f.endswith("~") for f in folders):
        raise ValueError(f"not a page name: {name!r}")
    return decode("".join(f[:-1] for f in folders) + page[: -len(".html")])


def decode(name: str) -> str:
    """The report id a slug was made from; raises ValueError on anything else. It exists to make
    the encoding one-to-one by construction: every name reads back to the one id it came from."""
    out, pos = [], 0
    while pos < len(name):
        m = _TOKEN.match(name, pos)
        if m is None:
            raise ValueError(f"not a page name: {name!r}")
        upper, bmp, astral, plain = m.groups()
        tok = m.group(0)
        if plain is not None:
            if not _plain(plain):
                raise ValueError(f"not a page name: {name!r}")
            out.append(plain)
        elif upper:
            out.append(upper.upper())
        elif tok == "~~":
            out.append("/")
        elif tok == "~_":
            out.append(" ")
        else:
            out.append(chr(int(bmp or astral, 16)))
        pos = m.end()
    return "".join(out)
