"""Title, agency, report year and signature date from the narrative lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..zhtext.chars import squash
from ..zhtext.dates import STATISTICS_PERIOD, YEAR, parse_date, published_date
from ..zhtext.orgs import NOT_A_NAME, ORG_SUFFIX
from ..zhtext.words import DISCLOSURE, is_report_title
from .layout import TextLine
from .sections import strip_line


@dataclass
class Metadata:
    title: str | None = None
    title_line: int | None = None
    agency: str | None = None
    agency_line: int | None = None
    year: int | None = None
    year_source: str | None = None
    published: str | None = None
    published_line: int | None = None
    title_lines: tuple[int, ...] = ()
    signature_lines: tuple[int, ...] = ()
    note: str | None = None  # English
    note_zh: str | None = None


def _find_title(lines: list[TextLine], first_heading: int | None) -> tuple[str | None, tuple[int, ...]]:
    head = [tl for tl in lines if first_heading is None or tl.line < first_heading][:6]
    titled = [
        i
        for i, tl in enumerate(head)
        if (s := squash(strip_line(tl.text))) and len(s) <= 60 and "。" not in s and is_report_title(s)
    ]
    # a running header printed above the title ("…局政府信息公开工作年度报告") names no year
    dated = [i for i in titled if YEAR.search(squash(strip_line(head[i].text)))]
    if not titled:
        return None, ()
    i = (dated or titled)[0]
    tl = head[i]
    title = squash(strip_line(tl.text))
    used = [tl.line]
    if i > 0:
        prev = squash(strip_line(head[i - 1].text))
        if prev and len(prev) <= 30 and "。" not in prev and head[i - 1].line == tl.line - 1:
            title = prev + title
            used.insert(0, head[i - 1].line)
    # the same words again at the top (a running header above the title) are not body text either
    used += [x.line for x in head if x.line not in used and squash(strip_line(x.text)) == title]
    return title, tuple(used)


def _agency_from_title(title: str) -> str | None:
    s = re.sub(r"^关于", "", title)
    s = re.sub(r"^(20\d{2})\s*年(?:度)?", "", s)
    m = re.match(rf"(.+?)(?:20\d{{2}}\s*年(?:度)?)?{DISCLOSURE}", s)
    if not m:
        return None
    agency = re.sub(r"20\d{2}\s*年(?:度)?$", "", m.group(1)).strip()
    if agency in NOT_A_NAME:
        return None  # "政府信息公开工作年度报告": 政府 is part of the phrase, not a body's name
    return agency or None


def _signature(lines: list[TextLine]) -> tuple[str | None, int | None, str | None, int | None]:
    tail = [tl for tl in lines if strip_line(tl.text)][-6:]
    for i in range(len(tail) - 1, -1, -1):
        date = parse_date(strip_line(tail[i].text))
        if date is None:
            continue
        agency, agency_line = None, None
        if i > 0:
            prev = squash(strip_line(tail[i - 1].text))
            if prev and len(prev) <= 30 and "。" not in prev and ORG_SUFFIX.search(prev):
                agency, agency_line = prev, tail[i - 1].line
        return agency, agency_line, date, tail[i].line
    return None, None, None, None


def find_metadata(lines: list[TextLine], first_heading: int | None) -> Metadata:
    md = Metadata()
    md.title, md.title_lines = _find_title(lines, first_heading)
    if md.title_lines:
        md.title_line = md.title_lines[0]
    title_agency = _agency_from_title(md.title) if md.title else None
    sig_agency, sig_line, date, date_line = _signature(lines)
    md.published, md.published_line = date, date_line
    if date is None:
        for tl in lines[:15]:
            if found := published_date(tl.text):
                md.published, md.published_line = found[1], tl.line
                break
    md.signature_lines = tuple(x for x in (sig_line, date_line) if x is not None)
    if sig_agency and (not title_agency or title_agency in sig_agency or sig_agency in title_agency):
        md.agency, md.agency_line = sig_agency, sig_line
    elif title_agency:
        md.agency, md.agency_line = title_agency, md.title_line
        if sig_agency:
            md.note = f"agency '{title_agency}' in the title differs from '{sig_agency}' in the signature"
            md.note_zh = f"标题中的机关“{title_agency}”与落款“{sig_agency}”不一致"
    md.year, md.year_source = _find_year(lines, md.title, md.published)
    return md


def _find_year(lines: list[TextLine], title: str | None, published: str | None) -> tuple[int | None, str | None]:
    if title:
        m = YEAR.search(title)
        if m:
            return int(m.group(1)), "title"
    text = "\n".join(tl.text for tl in lines)
    m = STATISTICS_PERIOD.search(squash(text))
    if m:
        return int(m.group(1)), "statistics period"
    years = Counter(int(y) for y in YEAR.findall(text[:6000]))
    if published:
        pub_year = int(published[:4])
        years = Counter({y: c for y, c in years.items() if y < pub_year})
    if years:
        (y, c), *_ = sorted(years.items(), key=lambda kv: (-kv[1], -kv[0]))
        if c >= 2:
            return y, "text"
    if published:
        return int(published[:4]) - 1, "publication date"
    return None, None
