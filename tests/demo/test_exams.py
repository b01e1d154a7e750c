"""The demo's exams: the 2021 rules respected, scores valid and carrying a persistent ability signal."""

import statistics
from collections import Counter, defaultdict

import pytest

from zhiliang.demo.build import demo_county_build
from zhiliang.demo.exams import plan_exams

SCALE = 0.05


def test_the_exam_plan_follows_the_2021_rules():
    schools = [(1, "primary", set(range(1, 7))), (2, "junior", {7, 8, 9}), (3, "teaching_point", {1, 2})]
    plan = plan_exams(schools, [2024, 2025])
    assert all(min(p.subjects) >= 3 for p in plan)  # no written exam for grades 1–2
    assert not any(p.school_id == 3 for p in plan)
    per_term = defaultdict(Counter)
    for p in plan:
        for grade in p.subjects:
            per_term[(p.year, p.term, grade)][p.kind] += 1
            if p.scope == "county":
                assert grade == 9 or p.kind == "sampling"  # cross-school exams only for the graduating grade
    for (_year, term, grade), kinds in per_term.items():
        assert kinds["final"] + kinds["unified"] <= 1
        assert kinds["midterm"] <= (1 if grade >= 7 else 0)
        assert kinds["mock"] <= (2 if grade == 9 and term == 2 else 0)
        assert kinds["unit"] == 0
    assert {p.kind for p in plan} == {"midterm", "final", "unified", "mock", "sampling"}
    assert {(p.year, p.term) for p in plan} == {(y, t) for y in (2024, 2025) for t in (1, 2)}


@pytest.mark.django_db
def test_demo_exams_are_published_compliant_and_plausible():
    from zhiliang.exams.models import Exam, ExamStatus, ExamSubject, Score, ScoreStatus
    from zhiliang.exams.selectors import exam_warnings
    from zhiliang.people.models import ClassMembership

    report = demo_county_build(scale=SCALE, layers={"exams"})
    assert report.layers_added == ["exams"]
    exams = list(Exam.objects.all())
    assert len(exams) == report.counts["exams"] > 50
    assert {e.status for e in exams} == {ExamStatus.PUBLISHED}
    assert all(exam_warnings(e) == [] for e in exams)
    assert not ExamSubject.objects.filter(grade__lte=2).exists()

    rows = list(
        Score.objects.values_list(
            "student_id", "exam_subject__exam_id", "exam_subject__subject__name", "exam_subject__full_marks",
            "score", "status", "school_class_id", "exam_subject__exam__held_on",
        )
    )  # fmt: skip
    assert len(rows) == report.counts["scores"]
    statuses = Counter(row[5] for row in rows)
    assert statuses[ScoreStatus.ABSENT] > 0 and statuses[ScoreStatus.EXEMPT] > 0
    assert statuses[ScoreStatus.CHEATING] == 2  # one per school year
    assert statuses[ScoreStatus.SCORED] > 0.97 * len(rows)
    for *_ids, full, score, status, _class, _held in rows:
        assert (score is not None) == (status == ScoreStatus.SCORED)
        assert score is None or 0 <= score <= full

    left = {(m.student_id, m.school_class_id): m.left_on for m in ClassMembership.objects.exclude(left_on=None)}
    for student, _exam, _subject, _full, _score, _status, class_id, held_on in rows:
        assert (student, class_id) not in left or left[(student, class_id)] > held_on

    # A pupil's standing persists across exams: 数学 shares of full marks in two different exams correlate.
    shares = defaultdict(dict)
    for student, exam, subject, full, score, *_rest in rows:
        if subject == "数学" and score is not None:
            shares[exam][student] = float(score / full)
    largest = sorted(shares, key=lambda exam: len(shares[exam]), reverse=True)[:2]
    common = sorted(set(shares[largest[0]]) & set(shares[largest[1]]))
    assert len(common) > 30
    first = [shares[largest[0]][s] for s in common]
    second = [shares[largest[1]][s] for s in common]
    assert statistics.correlation(first, second) > 0.5


@pytest.mark.django_db
def test_exams_are_added_to_a_demo_built_before_them_and_only_once():
    first = demo_county_build(scale=SCALE, with_exams=False)
    assert first.counts.get("exams") == 0
    second = demo_county_build(scale=SCALE, layers={"exams"})
    assert not second.created and second.layers_added == ["exams"]
    third = demo_county_build(scale=SCALE, layers={"exams"})
    assert third.layers_added == [] and third.counts == second.counts
