"""Hand-computed 三率一分, statistics, over-mean rates and ranks of the summary table."""

from __future__ import annotations

import polars as pl
import pytest

from tests.core.analytics.helpers import SHUXUE, YUWEN, one_subject, row, scores_frame
from zhiliang.core.analytics import (
    TOTAL,
    AnalysisConfig,
    CompositeWeights,
    SubjectSpec,
    Thresholds,
    analyze_exam,
)

# Status fixture, subjects 语文 and 数学 (both out of 100), one class:
#   p1: 语文 80,       数学 90
#   p2: 语文 absent,   数学 70
#   p3: 语文 exempt,   数学 60
#   p4: 语文 cheating, 数学 50
#   p5: 语文 missing,  数学 40
#   p6: 语文 100,      (no 数学 row: treated as 未录)
STATUS_ROWS = [
    ("p1", "一中", "1班", {"语文": 80, "数学": 90}),
    ("p2", "一中", "1班", {"语文": "absent", "数学": 70}),
    ("p3", "一中", "1班", {"语文": "exempt", "数学": 60}),
    ("p4", "一中", "1班", {"语文": "cheating", "数学": 50}),
    ("p5", "一中", "1班", {"语文": "missing", "数学": 40}),
    ("p6", "一中", "1班", {"语文": 100}),
]


@pytest.mark.parametrize(
    ("cheating_as_zero", "subject", "expected"),
    [
        # 语文: enrolled = all but the exempt p3 = 5; sat = p1, p4 (cheating -> 0), p6 = 3;
        # mean = (80 + 0 + 100) / 3 = 60
        (True, "语文", {"enrolled": 5, "sat": 3, "absent": 1, "exempt": 1, "cheating": 1, "missing": 1,
                       "incomplete": None, "mean": 60.0}),
        # cheating excluded like absent: sat = p1, p6 = 2; mean = (80 + 100) / 2 = 90
        (False, "语文", {"enrolled": 5, "sat": 2, "cheating": 1, "mean": 90.0}),
        # 数学: enrolled 6; p6 has no row -> missing; mean = (90 + 70 + 60 + 50 + 40) / 5 = 62
        (True, "数学", {"enrolled": 6, "sat": 5, "absent": 0, "exempt": 0, "missing": 1, "mean": 62.0}),
        # 总分: complete only p1 (80 + 90 = 170) and p4 (0 + 50 = 50): sat 2, incomplete 4, mean 110;
        # absent/exempt/cheating/missing count students with at least one such subject
        (True, TOTAL, {"enrolled": 6, "sat": 2, "incomplete": 4, "absent": 1, "exempt": 1, "cheating": 1,
                      "missing": 2, "mean": 110.0, "full_marks": 200.0}),
        # cheating excluded: only p1 complete
        (False, TOTAL, {"sat": 1, "incomplete": 5, "mean": 170.0}),
    ],
)  # fmt: skip
def test_it_counts_each_status_as_documented(cheating_as_zero: bool, subject: str, expected: dict[str, object]) -> None:
    config = AnalysisConfig(cheating_as_zero=cheating_as_zero)
    analysis = analyze_exam(scores_frame(STATUS_ROWS), [YUWEN, SHUXUE], config)
    got = row(analysis.summary, level="class", subject=subject)
    assert {key: got[key] for key in expected} == expected


def test_it_shows_the_cheating_paper_as_zero_and_flags_unentered_scores() -> None:
    analysis = analyze_exam(scores_frame(STATUS_ROWS), [YUWEN, SHUXUE])
    assert row(analysis.students, student_id="p4", subject="语文")["score"] == 0.0
    assert row(analysis.students, student_id="p2", subject=TOTAL)["status"] == "incomplete"
    issues = {(r["kind"], r["student_id"], r["subject"]) for r in analysis.issues.iter_rows(named=True)}
    assert issues == {("missing_score", "p5", "语文"), ("no_row", "p6", "数学")}


def test_it_computes_descriptive_statistics_by_hand() -> None:
    # scores 30, 60, 60, 90, 100 (out of 100):
    #   mean = 340 / 5 = 68; median = 60; max 100; min 30
    #   deviations -38, -8, -8, 22, 32 -> squares 1444, 64, 64, 484, 1024 = 3080 -> sd = sqrt(3080 / 5)
    #   = sqrt(616) = 24.8193...
    analysis = analyze_exam(one_subject({("一中", "1班"): [30, 60, 60, 90, 100]}), [YUWEN])
    got = row(analysis.summary, level="class", subject="语文")
    assert got["mean"] == 68.0
    assert got["median"] == 60.0
    assert (got["max"], got["min"]) == (100.0, 30.0)
    assert got["sd"] == pytest.approx(616**0.5)
    assert got["score_rate"] == pytest.approx(0.68)


def test_it_puts_scores_exactly_on_a_line_on_the_upper_side() -> None:
    # out of 110: pass line 0.6 * 110 = 66 (66.00000000000001 in floating point without rounding),
    # excellent 93.5, low 44; scores 66 (pass), 93.5 (excellent), 44 (not low), 43.5 (low)
    subject = SubjectSpec("英语", 110)
    analysis = analyze_exam(one_subject({("一中", "1班"): [66, 93.5, 44, 43.5]}, "英语"), [subject])
    got = row(analysis.summary, level="class", subject="英语")
    assert (got["pass_count"], got["excellent_count"], got["low_count"]) == (2, 1, 1)
    assert (got["pass_rate"], got["excellent_rate"], got["low_rate"]) == (0.5, 0.25, 0.25)
    assert got["good_rate"] is None and got["good_count"] is None


def test_it_computes_the_good_rate_when_a_good_line_is_set() -> None:
    # good line 0.7 * 100 = 70, cumulative: 70, 85, 95 are good -> 3 of 4
    config = AnalysisConfig(thresholds=Thresholds(good_ratio=0.7))
    analysis = analyze_exam(one_subject({("一中", "1班"): [69.5, 70, 85, 95]}), [YUWEN], config)
    got = row(analysis.summary, level="class", subject="语文")
    assert (got["good_count"], got["good_rate"]) == (3, 0.75)


def test_it_computes_the_composite_by_hand() -> None:
    # scores 30, 60, 90, 100: mean 70 -> score rate 0.7; pass 3/4; excellent 2/4; low 1/4
    # default weights: 40 * 0.7 + 30 * 0.75 + 20 * 0.5 + 10 * (1 - 0.25) = 28 + 22.5 + 10 + 7.5 = 68
    frame = one_subject({("一中", "1班"): [30, 60, 90, 100]})
    assert row(analyze_exam(frame, [YUWEN]).summary, level="county", subject="语文")["composite"] == (
        pytest.approx(68.0)
    )
    # 一分两率 weights 40 / 30 / 30 / 0: 28 + 22.5 + 15 = 65.5
    config = AnalysisConfig(weights=CompositeWeights(mean=40, pass_=30, excellent=30, low=0))
    assert row(analyze_exam(frame, [YUWEN], config).summary, level="county", subject="语文")["composite"] == (
        pytest.approx(65.5)
    )


def test_it_computes_the_all_pass_rate_on_the_total_only() -> None:
    # a: 60 / 60 passes both; b: 90 / 50 fails 数学; c: 59 / 100 fails 语文 -> 1 of 3
    frame = scores_frame(
        [
            ("a", "一中", "1班", {"语文": 60, "数学": 60}),
            ("b", "一中", "1班", {"语文": 90, "数学": 50}),
            ("c", "一中", "1班", {"语文": 59, "数学": 100}),
        ]
    )
    summary = analyze_exam(frame, [YUWEN, SHUXUE]).summary
    assert row(summary, level="county", subject=TOTAL)["all_pass_rate"] == pytest.approx(1 / 3)
    assert row(summary, level="county", subject="语文")["all_pass_rate"] is None


# Three schools, 语文 only:
#   一中 1班 80, 90 (mean 85); 一中 2班 70 -> 一中 mean 240 / 3 = 80
#   二中 1班 60, 40 -> mean 50;  三中 1班 80 -> mean 80
#   county: 420 / 6 = 70
SCHOOLS = {("一中", "1班"): [80, 90], ("一中", "2班"): [70], ("二中", "1班"): [60, 40], ("三中", "1班"): [80]}


def test_it_computes_over_mean_rates_against_the_parent() -> None:
    summary = analyze_exam(one_subject(SCHOOLS), [YUWEN]).summary
    # schools against the county: (80 - 70) / 70 = 1/7, (50 - 70) / 70 = -2/7
    summary = summary.filter(subject="语文")
    assert row(summary, level="school", school="一中")["over_mean_rate"] == pytest.approx(1 / 7)
    assert row(summary, level="school", school="二中")["over_mean_rate"] == pytest.approx(-2 / 7)
    # classes against their school: (85 - 80) / 80 = 0.0625, (70 - 80) / 80 = -0.125
    assert row(summary, level="class", school="一中", **{"class": "1班"})["over_mean_rate"] == 0.0625
    assert row(summary, level="class", school="一中", **{"class": "2班"})["over_mean_rate"] == -0.125
    assert row(summary, level="county")["over_mean_rate"] is None


def test_it_ranks_siblings_with_competition_ranks() -> None:
    summary = analyze_exam(one_subject(SCHOOLS), [YUWEN]).summary
    schools = summary.filter(level="school", subject="语文").select("school", "rank").rows()
    # 一中 80 and 三中 80 tie for first; 二中 50 is third (1, 1, 3)
    assert schools == [("一中", 1), ("二中", 3), ("三中", 1)]
    classes = summary.filter(level="class", subject="语文").select("school", "class", "rank").rows()
    # classes rank within their own school
    assert classes == [("一中", "1班", 1), ("一中", "2班", 2), ("二中", "1班", 1), ("三中", "1班", 1)]
    assert row(summary, level="county", subject="语文")["rank"] is None


def test_it_ranks_by_composite_too() -> None:
    # 一中 80, 90, 70: 40 * .8 + 30 * 1 + 20 * 1/3 + 10 * 1 = 78.67
    # 二中 60, 40 (40 is not below the low line): 40 * .5 + 30 * .5 + 0 + 10 * 1 = 45
    # 三中 80: 40 * .8 + 30 * 1 + 0 + 10 * 1 = 72  -> composite ranks 1, 3, 2 (by mean 一中 and 三中 tie)
    schools = analyze_exam(one_subject(SCHOOLS), [YUWEN]).summary.filter(level="school", subject="语文")
    assert schools.get_column("composite").to_list() == pytest.approx([78 + 2 / 3, 45, 72])
    assert schools.select("school", "rank_composite").rows() == [("一中", 1), ("二中", 3), ("三中", 2)]


def test_it_reports_rank_changes_against_the_previous_exam() -> None:
    # previous: 二中 95 first, 一中 80 second, 三中 70 third
    before = analyze_exam(one_subject({("一中", "1班"): [80], ("二中", "1班"): [95], ("三中", "1班"): [70]}), [YUWEN])
    summary = analyze_exam(one_subject(SCHOOLS), [YUWEN], previous=before).summary
    changes = dict(summary.filter(level="school", subject="语文").select("school", "rank_change").rows())
    # change = previous rank - current rank: 一中 2 - 1 = +1, 二中 1 - 3 = -2, 三中 3 - 1 = +2
    assert changes == {"一中": 1, "二中": -2, "三中": 2}
    # composites before: 一中 80 -> 72, 二中 95 -> 40*.95 + 30 + 20 + 10 = 98, 三中 70 -> 68: ranks 2, 1, 3;
    # now 1, 3, 2 (see above)
    composite_changes = dict(
        summary.filter(level="school", subject="语文").select("school", "rank_composite_change").rows()
    )
    assert composite_changes == {"一中": 1, "二中": -2, "三中": 1}
    # 一中 2班 did not exist before
    assert row(summary, level="class", school="一中", subject="语文", **{"class": "2班"})["rank_change"] is None


def test_it_summarises_education_groups_and_leaves_schools_without_one_out() -> None:
    frame = one_subject(SCHOOLS).with_columns(group=pl.when(pl.col("school") != "三中").then(pl.lit("东区")))
    summary = analyze_exam(frame, [YUWEN]).summary
    groups = summary.filter(level="group", subject="语文")
    assert groups.height == 1
    # 东区 = 一中 + 二中: (80 + 90 + 70 + 60 + 40) / 5 = 68; over county 70: -2/70
    got = row(groups, group="东区")
    assert (got["sat"], got["mean"]) == (5, 68.0)
    assert got["over_mean_rate"] == pytest.approx(-2 / 70)
    assert row(summary, level="school", school="一中", subject="语文")["group"] == "东区"


def test_it_summarises_teachers_over_all_their_classes() -> None:
    teachers = pl.DataFrame(
        {
            "teacher": ["王", "王", "李", "赵"],
            "school": ["一中", "一中", "二中", "三中"],
            "grade": ["7"] * 4,
            "class": ["1班", "2班", "1班", "1班"],
            "subject": ["语文"] * 4,
        }
    )
    summary = analyze_exam(one_subject(SCHOOLS), [YUWEN], teachers=teachers).summary
    wang = row(summary, level="teacher", teacher="王", subject="语文")
    # 王 teaches all three 一中 students: mean 80 = school mean -> over-mean 0; only teacher -> rank 1
    assert (wang["sat"], wang["mean"], wang["over_mean_rate"], wang["rank"]) == (3, 80.0, 0.0, 1)
    assert wang["class"] is None
