"""Names of public bodies: the suffixes that make a line a body's name (…局, …人民政府,
…街道办事处), one key for a name's short and full forms, and the administrative level a name says.

The three levels have different publication deadlines, so the level is inferred only from what the
name itself proves; a place name alone (淮安市) is marked as a guess.
"""

from __future__ import annotations

import re
from typing import Literal

from .chars import squash

LEVELS = ("部门", "政府", "乡镇街道")
LEVEL_EN = {"部门": "department", "政府": "government", "乡镇街道": "township/subdistrict"}

_GOVERNMENT_WORDS = ("人民政府", "政府")
_TOWNSHIP_WORDS = ("镇", "乡", "街道")
# what a body (not a government) is called at the end of its name
_BODY_SUFFIXES = (
    "局",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "办事处",
    "办",
    "中心",
    "院",
    "所",
    "厅",
    "署",
    "馆",
    "站",
    "队",
    "部",
    "处",
    "会",
    "管委会",
    "管理委员会",
    "社",
    "校",
)


def _ending(words: tuple[str, ...]) -> str:
    return "(" + "|".join(sorted(words, key=len, reverse=True)) + ")$"


# A line that ends like a body's name: a signature above its date (…审计局 / 2024年1月20日).
ORG_SUFFIX = re.compile(_ending(_GOVERNMENT_WORDS + _TOWNSHIP_WORDS + _BODY_SUFFIXES))
# Words a title or a sentence uses for a body without naming one.
NOT_A_NAME = frozenset({"政府", "人民政府", "本机关", "本单位", "我局", "我委", "我办", "本局"})

# How a level inferred from the agency's name is recorded on the report (`Report.level_source`).
LEVEL_SOURCE_NAME = "agency name"  # a clear suffix decided it (…局, …人民政府, …街道办事处)
LEVEL_SOURCE_GUESSED = "agency name (guessed)"  # only a place-name ending decided it (淮安市, 青禾县)

LevelConfidence = Literal["confident", "guessed"]

# Names are matched whole and only when they are plain Chinese: a title fragment ("标题:…"), a
# sentence, digits or punctuation mean the "agency" is not a name and no level is inferred.
_NAME = re.compile(r"^[\u4e00-\u9fff〇]{2,40}$")
_TOWNSHIP = re.compile(r"(镇|乡|街道)(人民政府|政府|办事处|办)(办公室)?$")
_TOWNSHIP_PLACE = re.compile(_ending(_TOWNSHIP_WORDS))
_GOVERNMENT = re.compile(r"(人民政府|政府)(办公室|办公厅|办)?$")
# A zone's administration reports for the whole area; whether it counts as a government for the
# deadline is local practice, so this is a guess. (…监督管理委员会 is a department: 国资委.)
_ZONE = re.compile(
    r"((实验区|试验区|新区|开发区|高新区|园区|示范区|保税区|港区|度假区|风景区|名胜区|合作区)(管委会|管理委员会)?"
    r"|管委会|(?<!监督)管理委员会)(办公室)?$"
)
_DEPARTMENT = re.compile(_ending(_BODY_SUFFIXES))
_PLACE = re.compile(r"(省|市|区|县|旗|州|盟)$")
_KEY_SUFFIX = re.compile(r"(人民政府|政府|办事处)$")


def agency_key(name: str) -> str:
    """One key for the short and full forms of a name (港门镇 / 港门镇人民政府). Stored in the run
    history, so its form must not change."""
    return _KEY_SUFFIX.sub("", re.sub(r"\s+", "", name))


def level_label(level: str | None, level_source: str | None, lang: str = "zh") -> str | None:
    """The level as shown to readers: a place-name guess is marked (政府（推断） / government (guessed))."""
    if level is None:
        return None
    guessed = level_source == LEVEL_SOURCE_GUESSED
    if lang == "zh":
        return f"{level}（推断）" if guessed else level
    name = LEVEL_EN.get(level, level)
    return f"{name} (guessed)" if guessed else name


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
