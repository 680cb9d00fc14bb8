"""Who a generated report is about: an invented agency (place, level, department) that no other report
of the corpus shares, so no two reports are the same body in two years (the cross-year rules and the
copied-text rules would otherwise compare reports that were drawn independently).

Report i gets the agency numbered `(a·i + b) mod N`, with a, b drawn from the seed and a prime to N: a
permutation, so agencies are unique for i < N and each depends on (seed, i) alone.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from corpus_data import load

_NAMES = load("names")
# Invented two-character place names (first × second character); none is meant to be a real place.
PLACE_FIRST: str = _NAMES["place_first"]
PLACE_SECOND: str = _NAMES["place_second"]
COUNTY_KINDS: tuple[str, ...] = _NAMES["county_kinds"]  # a county, a district, a county-level city
TOWN_FIRST: str = _NAMES["town_first"]
TOWN_SECOND: str = _NAMES["town_second"]


@dataclass(frozen=True)
class Department:
    name: str  # after the place, e.g. 市场监督管理局
    we: str  # how it calls itself in its prose: 我局, 我委
    topics: tuple[str, ...]  # its own fields of work, named in its prose
    slug: str  # an ASCII slug for file names


DEPARTMENTS = tuple(Department(**d) for d in _NAMES["departments"])
GOVERNMENT = Department(**_NAMES["government"])
TOWNSHIP_TOPICS: tuple[str, ...] = _NAMES["township_topics"]


@dataclass(frozen=True)
class Agency:
    name: str  # the full name printed in the title and the signature
    county: str  # the county-level place, e.g. 青禾县
    level: str  # 部门 | 政府 | 乡镇街道 (the auditor's levels)
    we: str
    topics: tuple[str, ...]
    slug: str  # ASCII, for the file name


def _places() -> list[str]:
    return [a + b for a in PLACE_FIRST for b in PLACE_SECOND]


PLACES = _places()
# the agency space: every county with its government, its departments and two townships
_PER_COUNTY = 1 + len(DEPARTMENTS) + 2
AGENCY_COUNT = len(PLACES) * len(COUNTY_KINDS) * _PER_COUNTY


def agency_permutation(seed: int) -> tuple[int, int]:
    """(a, b) of the agency permutation i → (a·i + b) mod AGENCY_COUNT, from the seed alone."""
    rng = random.Random(f"agencies:{seed}")
    while True:
        a = rng.randrange(1, AGENCY_COUNT)
        if math.gcd(a, AGENCY_COUNT) == 1:
            return a, rng.randrange(AGENCY_COUNT)


def agency(seed: int, i: int) -> Agency:
    if not 0 <= i < AGENCY_COUNT:
        raise ValueError(f"report index {i} outside 0..{AGENCY_COUNT - 1}: agencies would repeat")
    a, b = agency_permutation(seed)
    n = (a * i + b) % AGENCY_COUNT
    n, slot = divmod(n, _PER_COUNTY)
    place_no, kind_no = divmod(n, len(COUNTY_KINDS))
    kind = COUNTY_KINDS[kind_no]
    county = PLACES[place_no] + kind
    code = f"p{place_no:03d}{'xqs'[kind_no]}"
    if slot == 0:
        return Agency(county + GOVERNMENT.name, county, "政府", "我" + kind, GOVERNMENT.topics, f"{code}_zf")
    if slot <= len(DEPARTMENTS):
        d = DEPARTMENTS[slot - 1]
        return Agency(county + d.name, county, "部门", d.we, d.topics, f"{code}_{d.slug}")
    k = slot - 1 - len(DEPARTMENTS)
    town_rng = random.Random(f"town:{place_no}:{kind_no}:{k}")
    town = town_rng.choice(TOWN_FIRST) + town_rng.choice(TOWN_SECOND)
    name = f"{county}{town}镇人民政府" if k == 0 else f"{county}{town}街道办事处"
    return Agency(
        name,
        county,
        "乡镇街道",
        "我镇" if k == 0 else "我街道",
        TOWNSHIP_TOPICS,
        f"{code}_{'zhen' if k == 0 else 'jd'}",
    )
