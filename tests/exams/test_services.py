"""Exam set-up and score writes: defaults, roster, validation, idempotency, audited edits, lock, version."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.exams.factories import make_exam
from zhiliang.audit.models import AuditAction, AuditEvent
from zhiliang.curriculum.models import FullMarks
from zhiliang.exams import services
from zhiliang.exams.models import Exam, ExamStatus, ExamSubject, Score, ScoreEdit, ScoreEditSource, ScoreStatus
from zhiliang.exams.services import ScoreWrite, scores_bulk_write

pytestmark = pytest.mark.django_db


def _write(cast, exam, key, subject, score, status=ScoreStatus.SCORED, **kwargs):
    student = cast.students[key]
    membership = student.memberships.get()
    exam_subject = ExamSubject.objects.get(exam=exam, subject__name=subject)
    row = ScoreWrite(student.pk, exam_subject.pk, membership.school_class_id, score, status)
    return scores_bulk_write(exam=exam, rows=[row], actor=cast.user("academic_director"), **kwargs)


def test_full_marks_come_from_the_catalogue_then_the_defaults(cast):
    FullMarks.objects.create(subject=cast.subjects["英语"], grade=7, full_marks=Decimal("100"))
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    marks = dict(ExamSubject.objects.filter(exam=exam).values_list("subject__name", "full_marks"))
    assert marks == {"语文": Decimal("120"), "数学": Decimal("120"), "英语": Decimal("100")}


def test_opening_an_exam_gives_every_student_a_missing_row(cast):
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    assert not Score.objects.filter(exam_subject__exam=exam).exists()
    services.exam_open(exam=exam, actor=cast.user("bureau_admin"))
    rows = Score.objects.filter(exam_subject__exam=exam)
    # four grade-7 students (s5 is in grade 3) × three subjects
    assert rows.count() == 12
    assert set(rows.values_list("status", flat=True)) == {ScoreStatus.MISSING}
    assert services.exam_roster_sync(exam=exam) == 0


def test_a_school_exam_covers_only_its_school(cast):
    exam = make_exam(cast, scope="school", status=ExamStatus.DRAFT)
    services.exam_open(exam=exam, actor=cast.user("principal"))
    schools = set(Score.objects.filter(exam_subject__exam=exam).values_list("school_class__school_id", flat=True))
    assert schools == {cast.junior1.pk}


def test_writing_the_same_scores_twice_changes_nothing(cast):
    exam = make_exam(cast, scores={})
    first = _write(cast, exam, "s1", "语文", Decimal("100"))
    version = Exam.objects.get(pk=exam.pk).scores_version
    second = _write(cast, exam, "s1", "语文", Decimal("100.00"))
    assert (first.updated, second.unchanged, second.updated) == (1, 1, 0)
    assert Exam.objects.get(pk=exam.pk).scores_version == version


def test_entering_a_first_result_is_not_an_edit(cast):
    exam = make_exam(cast, scores={})
    result = _write(cast, exam, "s1", "语文", Decimal("100"))
    assert result.edits == 0
    assert not ScoreEdit.objects.exists()


def test_changing_a_recorded_result_is_kept_with_who_and_why(cast):
    exam = make_exam(cast)
    result = _write(cast, exam, "s1", "语文", Decimal("111.5"), reason="阅卷复核", source=ScoreEditSource.ENTRY)
    assert result.edits == 1
    edit = ScoreEdit.objects.get()
    assert (edit.old_score, edit.old_status, edit.new_score, edit.new_status) == (
        Decimal("110.00"),
        ScoreStatus.SCORED,
        Decimal("111.50"),
        ScoreStatus.SCORED,
    )
    assert edit.edited_by == cast.user("academic_director")
    assert edit.reason == "阅卷复核"
    event = AuditEvent.objects.get(action=AuditAction.SCORE_EDIT)
    assert event.detail["count"] == 1 and event.target_id == str(exam.pk)


def test_a_status_change_is_an_edit_too(cast):
    exam = make_exam(cast)
    _write(cast, exam, "s3", "英语", Decimal("66"))  # 缺考 → 66
    edit = ScoreEdit.objects.get()
    assert (edit.old_status, edit.new_status, edit.new_score) == (
        ScoreStatus.ABSENT,
        ScoreStatus.SCORED,
        Decimal("66.00"),
    )


@pytest.mark.parametrize(
    ("score", "status", "message"),
    [
        (Decimal("121"), ScoreStatus.SCORED, "成绩 121 超过满分 120"),
        (Decimal("-1"), ScoreStatus.SCORED, services.SCORE_NEGATIVE),
        (None, ScoreStatus.SCORED, services.SCORE_REQUIRED),
        (Decimal("50"), ScoreStatus.ABSENT, "状态为“缺考”时不能填写分数"),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_written(cast, score, status, message):
    exam = make_exam(cast)
    before = list(Score.objects.order_by("pk").values_list("score", "status"))
    with pytest.raises(ValidationError) as error:
        _write(cast, exam, "s1", "语文", score, status)
    assert error.value.messages == [message]
    assert list(Score.objects.order_by("pk").values_list("score", "status")) == before


def test_a_published_exam_is_locked(cast):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    with pytest.raises(services.ExamLocked):
        _write(cast, exam, "s1", "语文", Decimal("1"))
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1


def test_reopening_needs_a_reason_and_is_audited(cast):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    with pytest.raises(ValidationError):
        services.exam_reopen(exam=exam, actor=cast.user("bureau_admin"), reason=" ")
    services.exam_reopen(exam=exam, actor=cast.user("bureau_admin"), reason="语文第3题答案有误")
    assert exam.status == ExamStatus.OPEN
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH, detail__reason="语文第3题答案有误").exists()


def test_every_score_write_bumps_the_version(cast):
    exam = make_exam(cast)
    version = Exam.objects.get(pk=exam.pk).scores_version
    _write(cast, exam, "s2", "数学", Decimal("71"))
    assert Exam.objects.get(pk=exam.pk).scores_version == version + 1


def test_full_marks_cannot_drop_below_a_recorded_score(cast):
    exam = make_exam(cast)
    chinese = ExamSubject.objects.get(exam=exam, subject__name="语文")
    with pytest.raises(ValidationError):
        services.exam_update(exam=exam, actor=cast.user("bureau_admin"), full_marks={chinese.pk: Decimal("100")})
    services.exam_update(exam=exam, actor=cast.user("bureau_admin"), full_marks={chinese.pk: Decimal("150")})
    chinese.refresh_from_db()
    assert chinese.full_marks == Decimal("150")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95", ("scored", Decimal("95.00"))),
        ("缺考", ("absent", None)),
        ("免考", ("exempt", None)),
        ("", ("missing", None)),
    ],
)
def test_score_enter_reads_what_a_teacher_types(cast, text, expected):
    exam = make_exam(cast, scores={})
    student = cast.students["s1"]
    exam_subject = ExamSubject.objects.get(exam=exam, subject__name="数学")
    result = services.score_enter(
        actor=cast.user("subject_teacher"),
        exam=exam,
        exam_subject=exam_subject,
        student_id=student.pk,
        school_class_id=cast.classes["J01-7-1"].pk,
        text=text,
    )
    assert not result.error
    assert (result.score.status, result.score.score) == expected


def test_score_enter_explains_a_wrong_cell(cast):
    exam = make_exam(cast, scores={})
    exam_subject = ExamSubject.objects.get(exam=exam, subject__name="数学")
    result = services.score_enter(
        actor=cast.user("subject_teacher"),
        exam=exam,
        exam_subject=exam_subject,
        student_id=cast.students["s1"].pk,
        school_class_id=cast.classes["J01-7-1"].pk,
        text="九十",
    )
    assert result.score is None and "不是分数" in result.error
