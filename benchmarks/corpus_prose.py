"""The prose of a generated report: sections 一, 五 and 六, written from sentence frames whose every
part varies (openings, verbs, the agency's own fields of work, channels, measures, clause order), so
that reports of different agencies do not read as copies of each other: COPY-AGENCY compares 5-character
shingles after masking the agency and folding digits, so only varied wording keeps them apart.

Figures restated in the prose come from the report's own tables (the demo's `facts`) in the phrasings
the narrative rules read ("新收…申请N件", "行政复议N件"); a sentence that would restate a cell that is not
a plain number is left out, as a writer would not quote a blank."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from corpus_data import load
from corpus_names import Agency

Frame = Sequence[Sequence[str]]  # a sentence: one alternative drawn from each part, joined

_PROSE = load("prose")
_W = _PROSE["words"]
_F = _PROSE["frames"]
ADV, DO, CHANNELS, MEANS, THINGS, DOCS = (_W[k] for k in ("adv", "do", "channels", "means", "things", "docs"))
INTRO: Frame = _F["intro"]
ACTIVE: tuple[Frame, ...] = _F["active"]
REQ_FIGURES: tuple[Frame, ...] = _F["req_figures"]
REQ_MORE: tuple[Frame, ...] = _F["req_more"]
MANAGEMENT: tuple[Frame, ...] = _F["management"]
PLATFORM: tuple[Frame, ...] = _F["platform"]
OVERSIGHT: tuple[Frame, ...] = _F["oversight"]
APPEALS: Frame = _F["appeals"]
PROBLEMS: tuple[Frame, ...] = _F["problems"]
THIRD: Frame = _F["third"]
MEASURES_MORE: Frame = _F["measures_more"]
MEASURES: Frame = _F["measures"]
FEES: Frame = _F["fees"]
OTHER: tuple[Frame, ...] = _F["other"]
# a named piece of the agency's own work, appended to a paragraph: what real reports cite (a document,
# a campaign, a date) and what keeps two agencies' paragraphs apart
SPECIFIC: tuple[Frame, ...] = _F["specific"]
# the five sub-headings of section 一, one set per report
SUBHEADS: tuple[tuple[str, str, str, str, str], ...] = _PROSE["subheads"]

_FIELD = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: Mapping[str, str]) -> str | None:
    """The text with its fields filled; None when a figure it restates is not a plain number."""
    out = text
    for key in _FIELD.findall(text):
        value = values.get(key)
        if value is None or (key.startswith(("req_", "act_", "app_", "suits")) and not value.isdigit()):
            return None
        out = out.replace("{" + key + "}", value)
    return out


def _say(frame: Frame, values: Mapping[str, str], rng: random.Random) -> str:
    return _fill("".join(rng.choice(part) for part in frame), values) or ""


def _some(frames: Sequence[Frame], k: int, values: Mapping[str, str], rng: random.Random) -> str:
    return "".join(_say(f, values, rng) for f in rng.sample(list(frames), k))


def prose(agency: Agency, year: int, facts: Mapping[str, str], rng: random.Random):
    """(section 一 paragraphs, section 五 paragraphs, section 六 paragraphs)."""
    topics = list(agency.topics)
    rng.shuffle(topics)
    ch, m, th = rng.sample(CHANNELS, 3), rng.sample(MEANS, 2), rng.sample(THINGS, 2)
    values = dict(facts)
    values.update(
        county=agency.county,
        town=rng.choice(("城关", "东片", "西片", "南部", "北部", "新区", "老城", "工业园")),
        month=str(rng.randint(2, 11)),
        doc0=(d := rng.sample(DOCS, 2))[0],
        doc1=d[1],
        n_g=str(rng.randint(5, 90)),
        n_h=str(rng.randint(50, 3000)),
        year=str(year),
        next_year=str(year + 1),
        we=agency.we,
        t0=topics[0],
        t1=topics[1],
        adv=rng.choice(ADV),
        do=rng.choice(DO),
        ch0=ch[0],
        ch1=ch[1],
        ch2=ch[2],
        m0=m[0],
        m1=m[1],
        th0=th[0],
        th1=th[1],
        n_pub=str(rng.randint(40, 3000)),
        n_a=str(rng.randint(5, 300)),
        n_b=str(rng.randint(1, 30)),
        n_c=str(rng.randint(1, 12)),
        n_d=str(rng.randint(1, 6)),
        n_e=str(rng.randint(0, 15)),
        n_f=str(rng.randint(0, 20)),
    )
    heads = rng.choice(SUBHEADS)
    overall = [
        _say(INTRO, values, rng),
        f"（一）{heads[0]}。" + _some(ACTIVE, 3, values, rng) + _say(SPECIFIC[0], values, rng),
        f"（二）{heads[1]}。" + _some(REQ_FIGURES, 2, values, rng) + _some(REQ_MORE, 3, values, rng),
        # SPECIFIC[0] is said in （一） already: said again with the same fill it would be a pasted sentence
        f"（三）{heads[2]}。" + _some(MANAGEMENT, 2, values, rng) + _say(SPECIFIC[1], values, rng),
        f"（四）{heads[3]}。" + _some(PLATFORM, 2, values, rng) + _say(SPECIFIC[2], values, rng),
        f"（五）{heads[4]}。" + _some(OVERSIGHT, 3, values, rng) + _say(APPEALS, values, rng),
    ]
    problems = [
        rng.choice(("本年度", f"{year}年，", ""))
        + f"{agency.we}政府信息公开工作仍存在一些不足："
        + "".join(_say(f, values, rng) for f in PROBLEMS)
        + (_say(THIRD, values, rng) if rng.random() < 0.6 else ""),
        _say(MEASURES, values, rng) + _say(MEASURES_MORE, values, rng),
    ]
    other = [_say(FEES, values, rng) + _some(OTHER, rng.randint(1, 2), values, rng)]
    return tuple(p for p in overall if p), tuple(problems), tuple(other)
