"""Share meeting the standard, criterion profiles and quota progress, worked by hand."""

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiliang.core.teaching.summaries import (
    LessonScore,
    criterion_profile,
    criterion_shares,
    quota_progress,
    standard_summary,
    strengths_and_weaknesses,
)


def lesson(score, meets=None, **criteria):
    return LessonScore(D(score), D(score) >= 80 if meets is None else meets, dict(criteria))


def test_four_lessons_against_the_ninety_percent_target():
    # 92, 85, 78, 88 with standard 80: 3 of 4 meet → 0.75 < 0.9; mean 343 / 4 = 85.75 → 85.8 (half up).
    summary = standard_summary([lesson(92), lesson(85), lesson(78), lesson(88)])
    assert (summary.count, summary.meeting) == (4, 3)
    assert summary.share == D("0.75")
    assert summary.mean_score == D("85.8")
    assert summary.reaches_target is False


def test_target_reached_exactly():
    summary = standard_summary([lesson(90)] * 9 + [lesson(70)], target=D("0.9"))
    assert summary.share == D("0.9")
    assert summary.reaches_target is True


def test_no_lessons():
    summary = standard_summary([])
    assert summary.share is None and summary.mean_score is None and summary.reaches_target is None


def test_criterion_shares_pool_points_over_lessons():
    # 目标: (8 + 10) / (10 + 10) = 0.9; 学生: (20 + 25) / (30 + 30) = 0.75.
    lessons = [
        lesson(80, 目标=(D(8), D(10)), 学生=(D(20), D(30))),
        lesson(90, 目标=(D(10), D(10)), 学生=(D(25), D(30))),
    ]
    assert criterion_shares(lessons) == {"目标": D("0.9"), "学生": D("0.75")}


def test_profile_marks_strengths_and_weaknesses_by_margin():
    own = {"目标": D("0.90"), "学生": D("0.75"), "效果": D("0.82")}
    school = {"目标": D("0.85"), "学生": D("0.80"), "效果": D("0.80")}
    rows = criterion_profile(own, school)
    assert [(r.criterion, r.difference, r.kind) for r in rows] == [
        ("目标", D("0.05"), "strength"),
        ("学生", D("-0.05"), "weakness"),
        ("效果", D("0.02"), ""),
    ]
    assert strengths_and_weaknesses(rows) == (["目标"], ["学生"])


def test_profile_without_reference():
    rows = criterion_profile({"目标": D("0.9")}, {})
    assert rows[0].kind == "" and rows[0].reference is None


@pytest.mark.parametrize(
    ("required", "done", "share", "met"),
    [(10, 7, D("0.7"), False), (10, 12, D(1), True), (0, 0, D(1), True), (3, 1, D("0.3333"), False)],
)
def test_quota_progress(required, done, share, met):
    progress = quota_progress(required, done)
    assert progress.share == share and progress.met is met


def test_quota_refuses_negative():
    with pytest.raises(ValueError):
        quota_progress(-1, 0)


# Under a loaded CI machine input generation can be slow; the properties are what matters here.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 100), st.booleans()), max_size=30))
def test_share_is_meeting_over_count(rows):
    summary = standard_summary([LessonScore(D(score), meets, {}) for score, meets in rows])
    if rows:
        assert summary.meeting == sum(1 for _s, m in rows if m)
        assert D(0) <= summary.share <= D(1)
    else:
        assert summary.share is None
