"""Ranks per year and per year and level (scoring/ranking.py), with hand-written expected ranks.

A run that holds several years used to rank them all in one list (a 2019 report against a 2022
one); each year now has its own ranks 1..n, and each level within a year its own again. Ties share
a rank and the next rank skips (1, 2, 2, 4); reports that could not be audited get no rank at all.
"""

from __future__ import annotations

import pytest

from disclosure_audit.model import Report
from disclosure_audit.pipeline import audit
from disclosure_audit.scoring import ReportScore, load_scoring, rank, rank_key
from disclosure_audit.scoring.ranking import competition_ranks
from tests.conftest import RULES

CONF = load_scoring(RULES)  # tie_break: score_desc, errors_asc, warnings_asc


def _report(rid: str, year: int | None, level: str | None, agency: str | None = None) -> Report:
    return Report(report_id=rid, file=f"{rid}.txt", year=year, level=level, agency=agency or f"机关{rid}")


def _score(rid: str, score: float | None, errors: int = 0, warnings: int = 0) -> ReportScore:
    counts = {"error": errors, "warning": warnings, "info": 0, "not_evaluable": 0, "waived": 0, "needs_review": 0}
    if score is None:
        return ReportScore(rid, None, None, None, False, counts=counts, not_audited={"code": "scan"})
    return ReportScore(
        rid, score, "g", "g", score >= 60, counts=counts, tie_counts={"error": errors, "warning": warnings}
    )


def _ranked(rows: list[tuple]) -> dict[str, ReportScore]:
    """rows: (id, year, level, score, errors, warnings)."""
    reports = {rid: _report(rid, year, level) for rid, year, level, *_ in rows}
    scores = [_score(rid, score, errors, warnings) for rid, _, _, score, errors, warnings in rows]
    return {s.report_id: s for s in rank(scores, reports, CONF)}


def test_competition_ranks_share_and_skip():
    assert competition_ranks([(1,), (2,), (2,), (4,)]) == [1, 2, 2, 4]
    assert competition_ranks([(-90, 0), (-90, 0), (-90, 0), (-80, 1)]) == [1, 1, 1, 4]
    assert competition_ranks([]) == []


def test_each_year_is_ranked_on_its_own():
    s = _ranked(
        [
            ("a22", 2022, "部门", 95.0, 0, 0),
            ("b22", 2022, "部门", 80.0, 1, 0),
            ("c22", 2022, "政府", 70.0, 2, 0),
            ("a21", 2021, "部门", 99.0, 0, 0),
            ("b21", 2021, "部门", 60.0, 3, 0),
            ("a19", 2019, "部门", 85.0, 1, 0),
        ]
    )
    # over the run: 99, 95, 85, 80, 70, 60
    assert {k: v.rank for k, v in s.items()} == {"a21": 1, "a22": 2, "a19": 3, "b22": 4, "c22": 5, "b21": 6}
    assert {k: (v.year_rank, v.year_ranked) for k, v in s.items()} == {
        "a22": (1, 3),
        "b22": (2, 3),
        "c22": (3, 3),
        "a21": (1, 2),
        "b21": (2, 2),
        "a19": (1, 1),
    }


def test_levels_are_ranked_within_their_year():
    s = _ranked(
        [
            ("g1", 2022, "政府", 90.0, 0, 0),
            ("d1", 2022, "部门", 88.0, 0, 0),
            ("t1", 2022, "乡镇街道", 85.0, 0, 0),
            ("d2", 2022, "部门", 70.0, 0, 0),
            ("g2", 2022, "政府", 60.0, 0, 0),
            ("d3", 2021, "部门", 50.0, 0, 0),  # another year: its own level rank
            ("x", 2022, None, 75.0, 0, 0),  # no level: no level rank, still a year rank
        ]
    )
    assert {k: (v.level_rank, v.level_ranked) for k, v in s.items()} == {
        "g1": (1, 2),
        "g2": (2, 2),
        "d1": (1, 2),
        "d2": (2, 2),
        "t1": (1, 1),
        "d3": (1, 1),
        "x": (None, None),
    }
    assert [s[k].year_rank for k in ("g1", "d1", "t1", "x", "d2", "g2")] == [1, 2, 3, 4, 5, 6]


def test_ties_share_a_rank_and_the_next_rank_skips():
    s = _ranked(
        [
            ("a", 2022, "部门", 100.0, 0, 0),
            ("b", 2022, "部门", 90.0, 1, 2),
            ("c", 2022, "部门", 90.0, 1, 2),  # same score, errors and warnings as b
            ("d", 2022, "部门", 90.0, 1, 3),  # one warning more: after b and c
            ("e", 2022, "部门", 90.0, 0, 9),  # fewer errors beats more warnings
            ("f", 2022, "政府", 90.0, 1, 2),  # ties b and c in the year, alone in its level
        ]
    )
    assert {k: v.year_rank for k, v in s.items()} == {"a": 1, "e": 2, "b": 3, "c": 3, "f": 3, "d": 6}
    assert {k: v.level_rank for k, v in s.items()} == {"a": 1, "e": 2, "b": 3, "c": 3, "d": 5, "f": 1}


def test_not_audited_reports_are_not_ranked_and_take_no_place():
    s = _ranked(
        [
            ("a", 2022, "部门", 80.0, 0, 0),
            ("scan", 2022, "部门", None, 0, 0),
            ("b", 2022, "部门", 70.0, 0, 0),
        ]
    )
    assert (s["scan"].rank, s["scan"].year_rank, s["scan"].level_rank) == (None, None, None)
    assert (s["scan"].year_ranked, s["scan"].level_ranked) == (None, None)
    assert [(s[k].year_rank, s[k].year_ranked, s[k].level_rank) for k in ("a", "b")] == [(1, 2, 1), (2, 2, 2)]


def test_listing_order_is_newest_year_first_then_rank_then_not_audited():
    reports = {
        "z": _report("z", None, "部门", "丙局"),
        "old": _report("old", 2019, "部门", "乙局"),
        "new2": _report("new2", 2022, "部门", "乙局"),
        "new1": _report("new1", 2022, "部门", "甲局"),
        "scan": _report("scan", 2022, "部门", "丁局"),
    }
    scores = [_score("z", 99.0), _score("old", 100.0), _score("new2", 50.0), _score("new1", 90.0), _score("scan", None)]
    ordered = rank(scores, reports, CONF)
    assert [s.report_id for s in ordered] == ["new1", "new2", "old", "z", "scan"]
    # a report whose year is unknown is ranked among those of unknown year
    assert (ordered[3].year_rank, ordered[3].year_ranked) == (1, 1)


def test_rank_key_is_what_the_page_script_compares():
    s = _score("a", 87.5, errors=2, warnings=3)
    assert rank_key(s, CONF) == (-87.5, 2, 3)


def test_demo_ranks_by_year(demo_result):
    """The demo spans 2019–2022: filtered to 2020 the ranks are 1..5, not the run's 1, 6, 10, 14, 15."""
    by_year = [
        (demo_result.reports[s.report_id].file, s.year_rank, s.level_rank)
        for s in demo_result.scores
        if demo_result.reports[s.report_id].year == 2020
    ]
    assert by_year == [
        ("02_yunling_sfj_2020.txt", 1, 1),
        ("16_baishi_rsj_2020_layout.txt", 2, 2),
        ("10_wangjiang_tjj_2020.txt", 3, 3),
        ("03_songxi_zhen_2020.txt", 4, 1),  # the only 乡镇街道 of 2020
        ("07_yunling_zrzyj_2020.txt", 5, 4),
    ]
    overall = sorted(s.rank for s in demo_result.scores if demo_result.reports[s.report_id].year == 2020)
    assert overall == [1, 6, 10, 14, 15]


@pytest.fixture(scope="module")
def demo_result():
    return audit(RULES.parent / "reports_in", RULES)
