"""Identification rules, worked by hand (zhiliang/core/support/identify.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.support import (
    ExamCohort,
    IdentificationRules,
    StudentExam,
    bottom_positions,
    exam_evidence,
    identify,
    low_subjects,
)
from zhiliang.core.support.identify import bottom_cut

LINES = {"语文": 48.0, "数学": 48.0, "英语": 48.0}  # 40 % of 120


def pupil(sid, total, 语文=None, 数学=None, 英语=None):
    return StudentExam(sid, total, {"语文": 语文, "数学": 数学, "英语": 英语}, LINES)


def test_low_subjects_are_strictly_below_the_line_in_main_subject_order():
    # 47.5 < 48 is low; 48 exactly has reached the line; None (absent) is not low.
    assert low_subjects(pupil("a", 150, 语文=47.5, 数学=48, 英语=None), ("语文", "数学", "英语")) == ("语文",)
    assert low_subjects(pupil("b", 90, 语文=30, 数学=20, 英语=47.99), ("语文", "数学", "英语")) == (
        "语文",
        "数学",
        "英语",
    )
    # 66.00000000000001 (0.6 × 110) is read as the line 66: a score of 66 is not below it.
    assert low_subjects(StudentExam("c", 1, {"数学": 66.0}, {"数学": 0.6 * 110}), ("数学",)) == ()


def test_bottom_positions_are_ascending_competition_ranks():
    # totals 50, 60, 60, 70, None → positions 1, 2, 2, 4; no total, no position.
    assert bottom_positions({"a": 60, "b": 50, "c": 70, "d": 60, "e": None}) == {"b": 1, "a": 2, "d": 2, "c": 4}


@pytest.mark.parametrize(
    ("share", "size", "cut"),
    [(0.1, 30, 3), (0.1, 31, 4), (0.15, 100, 15), (0.1, 0, 0), (0.0, 50, 0), (0.2, 4, 1)],
)
def test_bottom_cut_by_hand(share, size, cut):
    # ⌈0.1·31⌉ = ⌈3.1⌉ = 4; 0.15·100 is 15.000000000000002 in floating point but the cut is 15.
    assert bottom_cut(share, size) == cut


def cohort(exam_id, students):
    return ExamCohort(exam_id, f"考试{exam_id}", students)


def test_evidence_of_one_exam_by_hand():
    # Ten pupils, totals 100..190 step 10; bottom 20 % → cut ⌈0.2·10⌉ = 2: positions 1 and 2.
    students = [pupil(f"s{i}", 100 + 10 * i, 语文=60, 数学=60, 英语=60) for i in range(10)]
    students[5] = pupil("s5", 150, 语文=40, 数学=47, 英语=90)  # two low subjects, position 6
    evidence = exam_evidence(cohort(1, students), IdentificationRules(min_low_subjects=2, bottom_share=0.2))
    assert evidence["s0"].bottom_position == 1 and evidence["s0"].in_bottom and evidence["s0"].met
    assert evidence["s1"].met and not evidence["s2"].met
    assert evidence["s5"].low_subjects == ("语文", "数学") and not evidence["s5"].in_bottom and evidence["s5"].met
    assert evidence["s0"].group_size == 10 and evidence["s0"].bottom_cut == 2


def test_a_candidate_must_meet_the_rules_in_each_of_the_consecutive_exams():
    rules = IdentificationRules(min_low_subjects=2, bottom_share=0.25, consecutive_exams=2)
    # Four pupils: cut ⌈0.25·4⌉ = 1.
    first = cohort(1, [pupil("a", 100), pupil("b", 200), pupil("c", 300, 语文=10, 数学=10), pupil("d", 400)])
    second = cohort(2, [pupil("a", 150), pupil("b", 120), pupil("c", 300, 语文=10, 数学=10), pupil("d", 400)])
    # a: bottom in 1, not in 2 → no. b: not in 1 → no. c: two low subjects in both → yes.
    found = identify([first, second], rules)
    assert [c.student_id for c in found] == ["c"]
    assert [e.exam_id for e in found[0].evidence] == [1, 2]
    # With a streak of one, the latest exam alone decides: b (bottom) and c.
    single = IdentificationRules(min_low_subjects=2, bottom_share=0.25, consecutive_exams=1)
    assert [c.student_id for c in identify([first, second], single)] == ["b", "c"]


def test_a_missing_exam_breaks_the_streak_and_too_few_exams_give_nobody():
    rules = IdentificationRules(min_low_subjects=1, bottom_share=0, consecutive_exams=2)
    first = cohort(1, [pupil("a", 50, 语文=10), pupil("b", 60, 语文=10)])
    second = cohort(2, [pupil("a", 50, 语文=10)])  # b has no result
    assert [c.student_id for c in identify([first, second], rules)] == ["a"]
    assert identify([second], rules) == []


def test_among_restricts_to_a_class_but_ranks_within_the_whole_group():
    rules = IdentificationRules(min_low_subjects=0, bottom_share=0.5, consecutive_exams=1)
    group = cohort(1, [pupil("a", 10), pupil("b", 20), pupil("c", 30), pupil("d", 40)])
    assert [c.student_id for c in identify([group], rules, among=["b", "c"])] == ["b"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_low_subjects": -1},
        {"bottom_share": 1.0},
        {"consecutive_exams": 0},
        {"min_low_subjects": 0, "bottom_share": 0},
        {"min_low_subjects": 4},
    ],
)
def test_impossible_rules_are_refused(kwargs):
    with pytest.raises(ValueError):
        IdentificationRules(**kwargs)


totals = st.dictionaries(st.text(min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, 300)), max_size=40)


@given(totals, st.floats(0.01, 0.99))
def test_bottom_group_holds_at_least_the_cut_and_ties_go_together(values, share):
    positions = bottom_positions(values)
    cut = bottom_cut(share, len(positions))
    inside = {sid for sid, p in positions.items() if p <= cut}
    assert len(inside) >= min(cut, len(positions))
    for sid in inside:
        for other, total in values.items():
            if total is not None and total <= values[sid]:
                assert other in inside


@given(totals, st.integers(1, 3))
def test_more_consecutive_exams_never_add_candidates(values, streak):
    students = [pupil(sid, t, 语文=t) for sid, t in values.items()]
    cohorts = [cohort(1, students), cohort(2, students), cohort(3, students)]
    longer = IdentificationRules(min_low_subjects=1, bottom_share=0.2, consecutive_exams=streak)
    shorter = IdentificationRules(min_low_subjects=1, bottom_share=0.2, consecutive_exams=1)
    assert {c.student_id for c in identify(cohorts, longer)} <= {c.student_id for c in identify(cohorts, shorter)}
