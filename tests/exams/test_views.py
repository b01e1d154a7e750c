"""What each role finds on the exam pages: their own rows and nothing of others; set-up, status, template."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tests.exams.factories import make_exam
from zhiliang.audit.models import AuditAction, AuditEvent
from zhiliang.exams.models import Exam, ExamStatus, ExamSubject, ScoreEdit
from zhiliang.exams.services import score_enter

pytestmark = pytest.mark.django_db


def page(client, cast, role, name, *args, **params):
    client.force_login(cast.user(role))
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, (role, name, response.status_code)
    return response.content.decode()


def test_the_bureau_sees_every_school_side_by_side(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "bureau_analyst", "exams:overview", exam.pk)
    assert "第一初级中学" in html and "第二初级中学" in html
    assert 'data-exam-chart="box"' in html and 'id="box-data"' in html


def test_a_group_leader_sees_only_the_schools_of_the_group(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "group_leader", "exams:overview", exam.pk)
    assert "第一初级中学" in html and "第二初级中学" not in html
    assert "生成 PDF 报告" not in html  # the county report shows every school


def test_a_principal_sees_their_school_and_nothing_of_the_other(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "principal", "exams:school", exam.pk, cast.junior1.pk)
    assert "七年级(1)班" in html and "七年级(2)班" in html and "王老师" in html
    assert "第二初级中学" not in html and "赵老师" not in html and "赵六" not in html


def test_a_subject_teacher_sees_only_their_subject_in_the_class(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "subject_teacher", "exams:class", exam.pk, cast.classes["J01-7-1"].pk)
    students = html.split('data-table="class-students"', 1)[1].split("</table>", 1)[0]
    assert "数学" in students and "语文" not in students and "总分" not in students
    assert "100" in students and "110" not in students  # 张三's 数学 100, not his 语文 110
    assert "打印家长告知单" not in html


def test_a_head_teacher_sees_every_subject_and_the_total_of_their_class(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "head_teacher", "exams:class", exam.pk, cast.classes["J01-7-1"].pk)
    students = html.split('data-table="class-students"', 1)[1].split("</table>", 1)[0]
    for subject in ("语文", "数学", "英语", "总分", "县次"):
        assert subject in students
    assert "300" in students  # 张三's total


def test_the_student_page_follows_the_same_subjects(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "subject_teacher", "exams:student", exam.pk, cast.students["s1"].pk)
    history = html.split('data-table="student-history"', 1)[1].split("</table>", 1)[0]
    assert "数学" in history and "语文" not in history


def test_a_teacher_sees_their_own_comparison(cast, client):
    exam = make_exam(cast)
    html = page(client, cast, "subject_teacher", "exams:teacher", exam.pk, cast.teachers["subject_teacher"].pk)
    rows = html.split('data-table="teachers"', 1)[1].split("</table>", 1)[0]
    assert rows.count("<tr>") == 3  # header + 七年级(1)班 and (2)班 数学
    assert "王老师" not in rows


def test_a_draft_is_only_for_its_managers(cast, client):
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    client.force_login(cast.user("head_teacher"))
    assert client.get(reverse("exams:detail", args=[exam.pk])).status_code == 404
    assert exam.name in page(client, cast, "bureau_admin", "exams:exam_list")
    assert exam.name not in page(client, cast, "head_teacher", "exams:exam_list")


def test_a_principal_creates_a_school_exam_and_is_warned(cast, client):
    client.force_login(cast.user("principal"))
    form = client.get(reverse("exams:exam_create"))
    scopes = [value for value, _label in form.context["form"].fields["scope"].choices]
    assert scopes == ["school"]  # no county exam for a principal
    response = client.post(
        reverse("exams:exam_create"),
        {
            "name": "七年级第一次月考",
            "kind": "unit",
            "format": "written",
            "scope": "school",
            "school": cast.junior1.pk,
            "term": cast.term.pk,
            "grades": [7],
            "subjects": [cast.subjects["语文"].pk, cast.subjects["数学"].pk],
        },
        follow=True,
    )
    exam = Exam.objects.get(name="七年级第一次月考")
    assert exam.school == cast.junior1 and exam.status == ExamStatus.DRAFT
    assert ExamSubject.objects.filter(exam=exam).count() == 2
    assert "不得组织周考、月考、单元考试" in response.content.decode()


def test_a_principal_cannot_create_an_exam_for_another_school(cast, client):
    client.force_login(cast.user("principal"))
    response = client.post(
        reverse("exams:exam_create"),
        {"name": "x", "kind": "final", "format": "written", "scope": "school", "school": cast.junior2.pk,
         "term": cast.term.pk, "grades": [7], "subjects": [cast.subjects["语文"].pk]},
    )  # fmt: skip
    assert response.status_code == 200 and "school" in response.context["form"].errors
    assert not Exam.objects.exists()


def test_open_publish_and_reopen(cast, client):
    exam = make_exam(cast, status=ExamStatus.DRAFT)
    client.force_login(cast.user("bureau_admin"))
    status = reverse("exams:status", args=[exam.pk])
    client.post(status, {"action": "open"})
    client.post(status, {"action": "publish"})
    exam.refresh_from_db()
    assert exam.status == ExamStatus.PUBLISHED and exam.published_at is not None
    client.post(status, {"action": "reopen", "reason": ""})
    exam.refresh_from_db()
    assert exam.status == ExamStatus.PUBLISHED
    client.post(status, {"action": "reopen", "reason": "第5题评分有误"})
    exam.refresh_from_db()
    assert exam.status == ExamStatus.OPEN
    client.force_login(cast.user("principal"))
    assert client.post(status, {"action": "publish"}).status_code == 404  # a county exam is the bureau's


def test_settings_change_the_lines_and_the_analysis(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("bureau_admin"))
    url = reverse("exams:edit", args=[exam.pk])
    data = {field.html_name: field.value() or "" for field in client.get(url).context["form"]}
    data.update(excellent_ratio="0.8", cheating_as_zero="on")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    exam.refresh_from_db()
    assert exam.excellent_ratio == Decimal("0.800")
    html = page(client, cast, "bureau_admin", "exams:overview", exam.pk)
    assert "优秀 ≥ 80%" in html


def test_the_template_lists_the_students_to_fill_in(cast, client):
    exam = make_exam(cast, scores={})
    client.force_login(cast.user("academic_director"))
    response = client.get(reverse("exams:template", args=[exam.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "学校")
    assert list(header) == ["学校", "班级", "学籍号", "姓名", "语文", "数学", "英语"]
    names = {row[3] for row in rows if row and row[0] == "第一初级中学"}
    assert names == {"张三", "李四", "王五"}  # the principal's school only
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, detail__what="score_template").exists()


def test_the_edit_history_shows_who_changed_what(cast, client):
    exam = make_exam(cast)
    exam_subject = ExamSubject.objects.get(exam=exam, subject__name="数学")
    score_enter(
        actor=cast.user("subject_teacher"),
        exam=exam,
        exam_subject=exam_subject,
        student_id=cast.students["s1"].pk,
        school_class_id=cast.classes["J01-7-1"].pk,
        text="缺考",
    )
    assert ScoreEdit.objects.count() == 1
    html = page(client, cast, "principal", "exams:edits", exam.pk)
    row = html.split('data-table="score-edits"', 1)[1]
    assert "张三" in row and "100" in row and "缺考" in row and "李老师" in row
    other = page(client, cast, "other_teacher", "exams:edits", exam.pk)
    assert "张三" not in other
