"""Growth records: a student's results across exams and schools, per class and cohort; the teacher summary."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.growth.factories import growth_exams
from zhiliang.audit.models import AuditEvent
from zhiliang.exams.models import Exam, ExamStatus, ExamSubject
from zhiliang.exams.services import ScoreWrite, scores_bulk_write
from zhiliang.growth.selectors import teacher_value_added_summary
from zhiliang.people.models import ClassMembership, EnrollmentEvent, EnrollmentEventKind, Student

pytestmark = pytest.mark.django_db


@pytest.fixture
def exams(cast):
    return growth_exams(cast)


@pytest.fixture
def mover(cast, exams):
    """A pupil who sat the mid-term at 第二初级中学 and moved to 第一初级中学 七年级(2)班 before the final."""
    prior, later = exams
    student = Student.objects.create(
        county=cast.county, student_number="GMOVER000000000001", name="转学生", sex="F", school=cast.junior1
    )
    ClassMembership.objects.create(student=student, school_class=cast.classes["J01-7-2"], school_year=cast.year)
    EnrollmentEvent.objects.create(
        student=student,
        kind=EnrollmentEventKind.TRANSFER_IN,
        date=datetime.date(2025, 12, 1),
        school=cast.junior1,
        other_school="第二初级中学",
    )
    for exam, class_key, value in ((prior, "J02-7-1", "70"), (later, "J01-7-2", "90")):
        rows = [
            ScoreWrite(student.pk, es.pk, cast.classes[class_key].pk, Decimal(value), "scored")
            for es in ExamSubject.objects.filter(exam=exam)
        ]
        # Written as if before publication (a published exam is locked): reopen, write, publish again.
        Exam.objects.filter(pk=exam.pk).update(status=ExamStatus.OPEN)
        exam.refresh_from_db()
        scores_bulk_write(exam=exam, rows=rows, actor=cast.user("bureau_admin"))
        Exam.objects.filter(pk=exam.pk).update(status=ExamStatus.PUBLISHED)
    return student


def test_a_transferred_students_record_follows_them_across_schools(client, cast, mover):
    client.force_login(cast.user("principal"))
    response = client.get(reverse("growth:student", args=[mover.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {(r["exam"], r["school"]) for r in rows} == {
        ("2025秋七年级期中统考", "第二初级中学"),
        ("2025秋七年级期末统考", "第一初级中学"),
    }
    assert {r["subject"] for r in rows} == {"语文", "数学", "英语", "总分"}
    assert all(r["t"] is not None and 0 <= r["percentile"] <= 100 for r in rows)
    chart = response.context["chart"]
    assert chart["events"] == [{"date": "2025-12-01", "label": "转入 · 第一初级中学（第二初级中学）"}]
    assert {len(s["data"]) for s in chart["series"]} == {2}


def test_a_subject_teacher_sees_only_their_subject(client, cast, exams):
    client.force_login(cast.user("subject_teacher"))
    response = client.get(reverse("growth:student", args=[cast.students["s1"].pk]))
    assert {r["subject"] for r in response.context["rows"]} == {"数学"}
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("growth:student", args=[cast.students["s1"].pk]))
    assert {r["subject"] for r in response.context["rows"]} == {"语文", "数学", "英语", "总分"}


def test_the_student_export_is_audited(client, cast, exams):
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("growth:student", args=[cast.students["s1"].pk]), {"format": "xlsx"})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="export", detail__what="growth_student").count() == 1


def test_class_and_cohort_means_per_exam(client, cast, exams):
    client.force_login(cast.user("grade_leader"))
    response = client.get(reverse("growth:class", args=[cast.classes["J01-7-1"].pk]))
    assert response.status_code == 200
    means = response.context["means"]
    assert {m["exam"] for m in means} == {"2025秋七年级期中统考", "2025秋七年级期末统考"}
    maths = {m["exam"]: m["mean_t"] for m in means if m["subject"] == "数学"}
    # The class's boost in 数学 lifts its mean T score from the mid-term to the final.
    assert maths["2025秋七年级期末统考"] > maths["2025秋七年级期中统考"] + 3
    response = client.get(reverse("growth:cohort", args=[cast.junior1.pk, cast.year.pk, 7]))
    assert response.status_code == 200
    # Both classes of 第一初级中学: 14 + s1, s2 and 14 + s3; the late joiner sat the final only.
    sat = {m["exam"]: m["n"] for m in response.context["means"] if m["subject"] == "语文"}
    assert sat == {"2025秋七年级期中统考": 31, "2025秋七年级期末统考": 32}


def test_teacher_summary_has_the_documented_keys(cast, exams):
    summary = teacher_value_added_summary(cast.teachers["subject_teacher"])
    assert summary, "the subject teacher taught 数学 in both exams"
    assert set(summary[0]) == {"exam_pair", "subject", "effect", "ci_low", "ci_high", "category"}
    assert summary[0]["exam_pair"] == "2025秋七年级期中统考 → 2025秋七年级期末统考"
    assert summary[0]["subject"] == "数学"
    assert summary[0]["ci_low"] <= summary[0]["effect"] <= summary[0]["ci_high"]
    assert summary[0]["category"] in {"above", "expected", "below"}
    assert teacher_value_added_summary(cast.teachers["other_teacher"])[0]["subject"] == "语文"
