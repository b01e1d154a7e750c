"""Database constraints of exams and scores (they hold even when a service is bypassed)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.exams.factories import make_exam
from zhiliang.exams.models import Exam, ExamScope, ExamSubject, Score, ScoreStatus, format_score

pytestmark = pytest.mark.django_db


def _score_row(cast, exam, **fields):
    exam_subject = ExamSubject.objects.filter(exam=exam).first()
    student = cast.students["s1"]
    Score.objects.filter(exam_subject=exam_subject, student=student).delete()
    return Score(exam_subject=exam_subject, student=student, school_class=cast.classes["J01-7-1"], **fields)


def test_one_score_per_student_and_subject(cast):
    exam = make_exam(cast)
    existing = Score.objects.filter(exam_subject__exam=exam).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            exam_subject=existing.exam_subject,
            student=existing.student,
            school_class=existing.school_class,
            status=ScoreStatus.ABSENT,
        )


def test_negative_score_is_refused_by_the_database(cast):
    exam = make_exam(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        _score_row(cast, exam, score=Decimal("-1"), status=ScoreStatus.SCORED).save()


@pytest.mark.parametrize(
    ("score", "status"),
    [(None, ScoreStatus.SCORED), (Decimal("50"), ScoreStatus.ABSENT), (Decimal("0"), ScoreStatus.MISSING)],
)
def test_a_score_is_given_exactly_when_scored(cast, score, status):
    exam = make_exam(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        _score_row(cast, exam, score=score, status=status).save()


def test_exam_scope_must_match_its_owner(cast):
    exam = make_exam(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Exam.objects.filter(pk=exam.pk).update(scope=ExamScope.SCHOOL)  # a school exam without a school


def test_thresholds_must_be_ordered(cast):
    exam = make_exam(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Exam.objects.filter(pk=exam.pk).update(pass_ratio=Decimal("0.3"))  # below the low-score line 0.4


def test_exam_subject_is_unique_per_grade(cast):
    exam = make_exam(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExamSubject.objects.create(exam=exam, grade=7, subject=cast.subjects["语文"], full_marks=Decimal("100"))


@pytest.mark.parametrize(
    ("value", "text"), [(Decimal("95.00"), "95"), (Decimal("95.50"), "95.5"), (Decimal("0.00"), "0"), (88.25, "88.25")]
)
def test_format_score_writes_scores_as_on_paper(value, text):
    assert format_score(value) == text


def test_score_display_shows_the_status_word(cast):
    exam = make_exam(cast)
    absent = Score.objects.get(exam_subject__exam=exam, student=cast.students["s3"], exam_subject__subject__name="英语")
    assert absent.display == "缺考"
    scored = Score.objects.get(exam_subject__exam=exam, student=cast.students["s1"], exam_subject__subject__name="语文")
    assert scored.display == "110"
