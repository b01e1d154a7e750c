"""The score entry grid: who may enter what, inline validation, the lock, the audit of edits."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.exams.factories import make_exam
from zhiliang.exams.models import ExamStatus, Score, ScoreEdit, ScoreStatus

pytestmark = pytest.mark.django_db


def grid(exam, cast, key="J01-7-1"):
    return reverse("exams:entry", args=[exam.pk, cast.classes[key].pk])


def cell(exam, cast, key="J01-7-1"):
    return reverse("exams:entry_cell", args=[exam.pk, cast.classes[key].pk])


def post(client, exam, cast, student="s1", subject="数学", value="99"):
    return client.post(
        cell(exam, cast),
        {"student": cast.students[student].pk, "subject": cast.subjects[subject].pk, "value": value, "column": "0"},
    )


def test_a_subject_teacher_sees_only_their_subject(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    response = client.get(grid(exam, cast))
    assert response.status_code == 200
    headers = [es.subject.name for es in response.context["subjects"]]
    assert headers == ["数学"]
    assert "张三" in response.content.decode() and "李四" in response.content.decode()


def test_a_subject_teacher_cannot_enter_another_subject(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    assert post(client, exam, cast, subject="语文").status_code == 404


def test_a_teacher_of_another_school_gets_404(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("other_teacher"))
    assert client.get(grid(exam, cast)).status_code == 404
    assert post(client, exam, cast).status_code == 404


def test_saving_a_cell(cast, client):
    exam = make_exam(cast, scores={})
    client.force_login(cast.user("subject_teacher"))
    response = post(client, exam, cast, value="９５.5")  # full-width digits as a phone keyboard may type
    assert response.status_code == 200
    assert 'value="95.5"' in response.content.decode()
    score = Score.objects.get(exam_subject__exam=exam, student=cast.students["s1"], exam_subject__subject__name="数学")
    assert (score.status, score.score) == (ScoreStatus.SCORED, Decimal("95.50"))
    assert not ScoreEdit.objects.exists()  # a first entry is not an edit


def test_a_status_word_is_accepted(cast, client):
    exam = make_exam(cast, scores={})
    client.force_login(cast.user("subject_teacher"))
    post(client, exam, cast, value="缺考")
    score = Score.objects.get(exam_subject__exam=exam, student=cast.students["s1"], exam_subject__subject__name="数学")
    assert score.status == ScoreStatus.ABSENT


@pytest.mark.parametrize(("value", "message"), [("130", "超过满分 120"), ("-3", "不能为负数"), ("很好", "不是分数")])
def test_a_wrong_cell_is_explained_in_place(cast, client, value, message):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    response = post(client, exam, cast, value=value)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "is-invalid" in html and f'value="{value}"' in html
    score = Score.objects.get(exam_subject__exam=exam, student=cast.students["s1"], exam_subject__subject__name="数学")
    assert score.score == Decimal("100.00")


def test_changing_a_recorded_score_is_audited(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    post(client, exam, cast, value="98")
    edit = ScoreEdit.objects.get()
    assert (edit.old_score, edit.new_score, edit.edited_by) == (
        Decimal("100.00"),
        Decimal("98.00"),
        cast.user("subject_teacher"),
    )
    assert edit.source == "entry"


def test_a_published_exam_shows_a_read_only_grid(cast, client):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    client.force_login(cast.user("subject_teacher"))
    response = client.get(grid(exam, cast))
    html = response.content.decode()
    assert response.status_code == 200
    assert "已发布并锁定" in html
    assert "hx-post" not in html and "disabled" in html


def test_a_post_to_a_published_exam_changes_nothing_and_says_why(cast, client):
    exam = make_exam(cast, status=ExamStatus.PUBLISHED)
    client.force_login(cast.user("subject_teacher"))
    response = post(client, exam, cast, value="1")
    assert response.status_code == 200
    assert "已发布并锁定" in response.content.decode()
    score = Score.objects.get(exam_subject__exam=exam, student=cast.students["s1"], exam_subject__subject__name="数学")
    assert score.score == Decimal("100.00")


def test_a_student_of_another_class_cannot_be_written_through_this_grid(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("subject_teacher"))
    assert post(client, exam, cast, student="s3").status_code == 404  # s3 is in 七年级(2)班


def test_a_draft_has_no_grid(cast, client):
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    client.force_login(cast.user("academic_director"))
    assert client.get(grid(exam, cast)).status_code == 404
