"""Hand-computed student ranks, z/T scores, percentiles, 等级, rank gaps and profiles."""

from __future__ import annotations

import pytest

from tests.core.analytics.helpers import SHUXUE, YUWEN, one_subject, row, scores_frame
from zhiliang.core.analytics import TOTAL, AnalysisConfig, GradeLevel, analyze_exam

# 语文 only: 一中 1班 80, 90; 一中 2班 70; 二中 1班 60, 40; 三中 1班 80.
# County mean 70; deviations 10, 20, 0, -10, -30, 10; squares sum 1600; population sd = sqrt(1600 / 6).
SCHOOLS = {("一中", "1班"): [80, 90], ("一中", "2班"): [70], ("二中", "1班"): [60, 40], ("三中", "1班"): [80]}
SD = (1600 / 6) ** 0.5  # 16.3299...


@pytest.fixture(scope="module")
def students():  # type: ignore[no-untyped-def]
    return analyze_exam(one_subject(SCHOOLS), [YUWEN]).students.filter(subject="语文")


@pytest.mark.parametrize(
    ("student_id", "ranks", "z", "percentile"),
    [
        # 90: first everywhere; z = 20 / sd; percentile = (5 below + 0.5 * 1 equal) / 6
        ("一中-1班-1", (1, 1, 1), 20 / SD, 100 * 5.5 / 6),
        # 80 in 一中 1班: second in class and school; ties 三中's 80 for county rank 2 (1, 2, 2, 4 ...)
        # percentile = (3 below + 0.5 * 2 equal) / 6
        ("一中-1班-0", (2, 2, 2), 10 / SD, 100 * 4 / 6),
        ("三中-1班-0", (1, 1, 2), 10 / SD, 100 * 4 / 6),
        # 70 in 一中 2班: first in class, third in school, fourth in county (after 90, 80, 80);
        # percentile = (2 below: 60, 40 + 0.5 * 1 equal) / 6
        ("一中-2班-0", (1, 3, 4), 0.0, 100 * 2.5 / 6),
        # 40: last; percentile = 0.5 / 6
        ("二中-1班-1", (2, 2, 6), -30 / SD, 100 * 0.5 / 6),
    ],
)
def test_it_ranks_and_standardises_students(  # type: ignore[no-untyped-def]
    students, student_id: str, ranks: tuple[int, int, int], z: float, percentile: float
) -> None:
    got = row(students, student_id=student_id)
    assert (got["rank_class"], got["rank_school"], got["rank_county"]) == ranks
    assert got["z"] == pytest.approx(z)
    assert got["t"] == pytest.approx(50 + 10 * z)
    assert got["percentile"] == pytest.approx(percentile)


@pytest.mark.parametrize(
    ("score", "level"),
    # default 等级 lines on 100: A >= 85, B >= 70, C >= 60, D below
    [(100, "A"), (85, "A"), (84.5, "B"), (70, "B"), (60, "C"), (59.5, "D"), (0, "D")],
)
def test_it_assigns_grade_levels_from_the_top(score: float, level: str) -> None:
    frame = one_subject({("一中", "1班"): [score]})
    assert row(analyze_exam(frame, [YUWEN]).students, subject="语文")["level"] == level


def test_it_uses_configured_grade_levels_and_none_for_students_who_did_not_sit() -> None:
    config = AnalysisConfig(grade_levels=(GradeLevel("优秀", 0.9), GradeLevel("合格", 0.6), GradeLevel("待合格", 0)))
    frame = scores_frame([("a", "一中", "1班", {"语文": 90}), ("b", "一中", "1班", {"语文": "absent"})])
    students = analyze_exam(frame, [YUWEN], config).students.filter(subject="语文")
    assert row(students, student_id="a")["level"] == "优秀"
    got = row(students, student_id="b")
    assert (got["level"], got["rank_county"], got["z"], got["percentile"]) == (None, None, None, None)


def test_it_leaves_z_empty_when_everybody_scored_the_same() -> None:
    frame = one_subject({("一中", "1班"): [75, 75]})
    got = analyze_exam(frame, [YUWEN]).students.filter(subject="语文")
    assert got.get_column("z").to_list() == [None, None]
    assert got.get_column("rank_county").to_list() == [1, 1]


# Two subjects, one school:
#   a: 语文 90, 数学 50 -> total 140     b: 语文 80, 数学 70 -> 150     c: 语文 60, 数学 90 -> 150
# school ranks: 语文 a1 b2 c3; 数学 c1 b2 a3; 总分 b1 c1 a3
TWO = [
    ("a", "一中", "1班", {"语文": 90, "数学": 50}),
    ("b", "一中", "1班", {"语文": 80, "数学": 70}),
    ("c", "一中", "2班", {"语文": 60, "数学": 90}),
]


def test_it_computes_the_rank_gap_against_the_total_rank() -> None:
    students = analyze_exam(scores_frame(TWO), [YUWEN, SHUXUE]).students
    # rank_gap = subject rank - total rank: a 语文 1 - 3 = -2, a 数学 3 - 3 = 0; c 语文 3 - 1 = 2
    assert row(students, student_id="a", subject="语文")["rank_gap"] == -2
    assert row(students, student_id="a", subject="数学")["rank_gap"] == 0
    assert row(students, student_id="c", subject="语文")["rank_gap"] == 2
    assert row(students, student_id="c", subject=TOTAL)["rank_gap"] is None


def test_it_profiles_strongest_and_weakests_by_z() -> None:
    analysis = analyze_exam(scores_frame(TWO), [YUWEN, SHUXUE])
    # 语文 mean 230/3, sd sqrt(((13.33)^2 + (3.33)^2 + (16.67)^2) / 3) = sqrt(155.56) = 12.472
    #   z: a 1.069, b 0.267, c -1.336
    # 数学 mean 70, sd sqrt((400 + 0 + 400) / 3) = 16.330; z: a -1.225, b 0, c 1.225
    a = row(analysis.student_profile, student_id="a")
    assert (a["strongest"], a["weakest"]) == ("语文", "数学")
    assert a["z_range"] == pytest.approx((90 - 230 / 3) / (1400 / 9) ** 0.5 + 20 / (800 / 3) ** 0.5)
    assert (a["total"], a["rank_county"], a["subjects_sat"]) == (140.0, 3, 2)
    c = row(analysis.student_profile, student_id="c")
    # c: 数学 strongest; widest rank gap is 语文 (3 - 1 = 2)
    assert (c["strongest"], c["weakest"]) == ("数学", "语文")
    assert (c["widest_gap_subject"], c["widest_gap"]) == ("语文", 2)


def test_it_reports_changes_since_the_previous_exam() -> None:
    before = analyze_exam(scores_frame(TWO), [YUWEN, SHUXUE])
    # now a improves in 数学 from 50 to 100: total 190, county rank 3 -> 1
    now = [("a", "一中", "1班", {"语文": 90, "数学": 100}), *TWO[1:]]
    after = analyze_exam(scores_frame(now), [YUWEN, SHUXUE], previous=before)
    got = row(after.students, student_id="a", subject=TOTAL)
    assert got["change_rank_county"] == 2  # previous rank - current rank
    t_before = row(before.students, student_id="a", subject=TOTAL)["t"]
    assert got["change_t"] == pytest.approx(got["t"] - t_before)
    # without a previous analysis the change columns exist and are empty
    assert before.students.get_column("change_t").null_count() == before.students.height
