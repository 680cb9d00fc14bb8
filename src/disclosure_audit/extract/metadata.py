"""Title, agency, report year and signature date from the narrative lines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .layout import TextLine
from .normalize import squash
from .sections import strip_line

_TITLE_WORDS = ("年度报告", "年报", "工作报告")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_PERIOD = re.compile(r"(20\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-|－)\s*\1\s*年\s*12\s*月\s*31\s*日")
_DATE = re.compile(r"^(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?$")
_CN_DATE = re.compile(
    r"^([二〇零一三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_PUBLISHED = re.compile(
    r"(?:发布|印发|成文|发文)(?:日期|时间)\s*[:：]?\s*(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})"
)
_ORG_SUFFIX = re.compile(
    r"(局|委员会|委|人民政府|政府|办公室|办公厅|办事处|街道|镇|乡|中心|院|所|厅|部|处|管委会|管理委员会|站|队|会|署|馆|办)$"
)
_CN_NUM = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


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


def _cn_small(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM[s[1]]
    if s.endswith("十"):
        return _CN_NUM[s[0]] * 10
    if "十" in s:
        a, b = s.split("十")
        return _CN_NUM[a] * 10 + _CN_NUM[b]
    return _CN_NUM[s]


def parse_date(text: str) -> str | None:
    s = squash(text)
    m = _DATE.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _CN_DATE.match(s)
        if not m:
            return None
        try:
            y = int("".join(str(_CN_NUM[c]) for c in m.group(1)))
            mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
        except (KeyError, ValueError):
            return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _find_title(lines: list[TextLine], first_heading: int | None) -> tuple[str | None, tuple[int, ...]]:
    head = [tl for tl in lines if first_heading is None or tl.line < first_heading][:6]
    titled = [
        i
        for i, tl in enumerate(head)
        if (s := squash(strip_line(tl.text)))
        and len(s) <= 60
        and "。" not in s
        and any(w in s for w in _TITLE_WORDS)
        and ("公开" in s or "政务" in s)
    ]
    # a running header printed above the title ("…局政府信息公开工作年度报告") names no year
    dated = [i for i in titled if _YEAR.search(squash(strip_line(head[i].text)))]
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


_NOT_A_NAME = frozenset({"政府", "人民政府", "本机关", "本单位", "我局", "我委", "我办", "本局"})


def _agency_from_title(title: str) -> str | None:
    s = re.sub(r"^关于", "", title)
    s = re.sub(r"^(20\d{2})\s*年(?:度)?", "", s)
    m = re.match(r"(.+?)(?:20\d{2}\s*年(?:度)?)?(?:政府信息公开|政务公开|信息公开)", s)
    if not m:
        return None
    agency = re.sub(r"20\d{2}\s*年(?:度)?$", "", m.group(1)).strip()
    if agency in _NOT_A_NAME:
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
            if prev and len(prev) <= 30 and "。" not in prev and _ORG_SUFFIX.search(prev):
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
            m = _PUBLISHED.search(tl.text)
            if m:
                md.published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                md.published_line = tl.line
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
        m = _YEAR.search(title) or re.search(r"(20\d{2})\s*年度", title)
        if m:
            return int(m.group(1)), "title"
    text = "\n".join(tl.text for tl in lines)
    m = _PERIOD.search(squash(text))
    if m:
        return int(m.group(1)), "statistics period"
    years = Counter(int(y) for y in _YEAR.findall(text[:6000]))
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


# How a level inferred from the agency's name is recorded on the report (`Report.level_source`).
LEVEL_SOURCE_NAME = "agency name"  # a clear suffix decided it (…局, …人民政府, …街道办事处)
LEVEL_SOURCE_GUESSED = "agency name (guessed)"  # only a place-name ending decided it (淮安市, 青禾县)

LevelConfidence = Literal["confident", "guessed"]
LEVEL_EN = {"部门": "department", "政府": "government", "乡镇街道": "township/subdistrict"}


def level_label(level: str | None, level_source: str | None, lang: str = "zh") -> str | None:
    """The level as shown to readers: a place-name guess is marked (政府（推断） / government (guessed))."""
    if level is None:
        return None
    guessed = level_source == LEVEL_SOURCE_GUESSED
    if lang == "zh":
        return f"{level}（推断）" if guessed else level
    name = LEVEL_EN.get(level, level)
    return f"{name} (guessed)" if guessed else name


# Names are matched whole and only when they are plain Chinese: a title fragment ("标题:…"), a
# sentence, digits or punctuation mean the "agency" is not a name and no level is inferred.
_NAME = re.compile(r"^[\u4e00-\u9fff〇]{2,40}$")
_TOWNSHIP = re.compile(r"(镇|乡|街道)(人民政府|政府|办事处|办)(办公室)?$")
_TOWNSHIP_PLACE = re.compile(r"(镇|乡|街道)$")
_GOVERNMENT = re.compile(r"(人民政府|政府)(办公室|办公厅|办)?$")
# A zone's administration reports for the whole area; whether it counts as a government for the
# deadline is local practice, so this is a guess. (…监督管理委员会 is a department: 国资委.)
_ZONE = re.compile(
    r"((实验区|试验区|新区|开发区|高新区|园区|示范区|保税区|港区|度假区|风景区|名胜区|合作区)(管委会|管理委员会)?"
    r"|管委会|(?<!监督)管理委员会)(办公室)?$"
)
_DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办公厅|办|中心|院|所|厅|署|馆|站|队|部|处|会|社|校)$")
_PLACE = re.compile(r"(省|市|区|县|旗|州|盟)$")


def infer_level_confidence(agency: str | None) -> tuple[str | None, LevelConfidence | None]:
    """部门 / 政府 / 乡镇街道 from the agency's own name, and how sure that is.

    `confident`: a suffix that names the body decides it (…局 → 部门, …人民政府 → 政府,
    …镇人民政府 / …街道办事处 → 乡镇街道). `guessed`: only a place or zone name decides it
    (淮安市, 青禾县, 松溪镇, …开发区管委会): it may be a government's own report, or a department's
    report whose name lost its suffix. (None, None) when the name is not a plain name (empty, too
    long, with digits or punctuation, or a title fragment such as "标题:…") or ends in nothing known.
    """
    if not agency:
        return None, None
    name = squash(agency)
    if not _NAME.match(name):
        return None, None
    if _TOWNSHIP.search(name):
        return "乡镇街道", "confident"
    if _GOVERNMENT.search(name):
        return "政府", "confident"
    if _ZONE.search(name):
        return "政府", "guessed"
    if _DEPARTMENT.search(name):
        return "部门", "confident"
    if _PLACE.search(name):
        return "政府", "guessed"
    if _TOWNSHIP_PLACE.search(name):
        return "乡镇街道", "guessed"
    return None, None


def infer_level_with_source(agency: str | None) -> tuple[str | None, str | None]:
    """(level, `Report.level_source`) for a level inferred from the name; (None, None) if none."""
    level, confidence = infer_level_confidence(agency)
    if level is None:
        return None, None
    return level, LEVEL_SOURCE_GUESSED if confidence == "guessed" else LEVEL_SOURCE_NAME


def infer_level(agency: str | None) -> str | None:
    """部门 / 政府 / 乡镇街道 from the agency's own name when the manifest does not say (see
    `infer_level_confidence` for how sure it is)."""
    return infer_level_confidence(agency)[0]
