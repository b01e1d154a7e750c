"""Enrolment changes (学籍变动): transfer out and in, suspension and return, dropout, repeating a grade."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus
from zhiliang.rosters import enrolment

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def reload(student):
    return Student.objects.get(pk=student.pk)


def test_transfer_out_then_in_at_another_school(cast):
    s1 = cast.students["s1"]
    enrolment.student_transfer_out(
        user=cast.user("principal"), student=s1, date=DAY, reason="随父母迁居", other_school="第二初级中学"
    )
    s1 = reload(s1)
    assert (s1.status, s1.exit_date) == (StudentStatus.TRANSFERRED_OUT, DAY)
    assert ClassMembership.objects.get(student=s1).left_on == DAY
    out = EnrollmentEvent.objects.get(student=s1, kind="transfer_out")
    assert (out.school, out.school_class, out.reason, out.other_school) == (
        cast.junior1,
        cast.classes["J01-7-1"],
        "随父母迁居",
        "第二初级中学",
    )

    target = cast.classes["J02-7-2"]
    enrolment.student_transfer_in(user=cast.user("bureau_admin"), student=s1, school_class=target, date=DAY, reason="")
    s1 = reload(s1)
    assert (s1.school, s1.status, s1.exit_date) == (cast.junior2, StudentStatus.ENROLLED, None)
    membership = ClassMembership.objects.get(student=s1, school_year=cast.year)
    assert (membership.school_class, membership.left_on) == (target, None)
    came = EnrollmentEvent.objects.get(student=s1, kind="transfer_in")
    assert (came.school, came.other_school) == (cast.junior2, "第一初级中学")


def test_transfer_in_needs_a_student_who_left(cast):
    with pytest.raises(ValidationError):
        enrolment.student_transfer_in(
            user=cast.user("bureau_admin"),
            student=cast.students["s4"],
            school_class=cast.classes["J01-7-1"],
            date=DAY,
            reason="",
        )


def test_suspend_and_resume(cast):
    s2 = cast.students["s2"]
    user = cast.user("academic_director")
    enrolment.student_suspend(user=user, student=s2, date=DAY, reason="病休")
    assert reload(s2).status == StudentStatus.SUSPENDED
    with pytest.raises(ValidationError):
        enrolment.student_suspend(user=user, student=reload(s2), date=DAY, reason="")
    enrolment.student_resume(
        user=user, student=reload(s2), date=DAY, reason="康复", school_class=cast.classes["J01-7-2"]
    )
    assert reload(s2).status == StudentStatus.ENROLLED
    assert ClassMembership.objects.get(student=s2).school_class == cast.classes["J01-7-2"]
    assert list(EnrollmentEvent.objects.filter(student=s2).values_list("kind", flat=True)) == ["suspend", "resume"]


def test_drop_out(cast):
    enrolment.student_drop_out(user=cast.user("principal"), student=cast.students["s3"], date=DAY, reason="外出务工")
    s3 = reload(cast.students["s3"])
    assert (s3.status, s3.exit_date) == (StudentStatus.DROPPED_OUT, DAY)
    assert EnrollmentEvent.objects.get(student=s3).reason == "外出务工"


def test_repeat_after_promotion_moves_the_student_down_a_grade(cast):
    next_year = SchoolYear.objects.create(
        county=cast.county, start_year=2026, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 7, 31)
    )
    seven = SchoolClass.objects.create(school=cast.junior1, school_year=next_year, grade=7, number=1)
    eight = SchoolClass.objects.create(school=cast.junior1, school_year=next_year, grade=8, number=1)
    s1 = cast.students["s1"]
    ClassMembership.objects.create(student=s1, school_class=eight, school_year=next_year)
    with pytest.raises(ValidationError):
        enrolment.student_repeat(user=cast.user("principal"), student=s1, school_class=eight, date=DAY, reason="")
    enrolment.student_repeat(user=cast.user("principal"), student=s1, school_class=seven, date=DAY, reason="成绩")
    assert ClassMembership.objects.get(student=s1, school_year=next_year).school_class == seven
    assert ClassMembership.objects.get(student=s1, school_year=cast.year).school_class == cast.classes["J01-7-1"]
    assert EnrollmentEvent.objects.get(student=s1).kind == "repeat"


def test_repeat_before_promotion_places_the_student_in_the_same_grade_next_year(cast):
    next_year = SchoolYear.objects.create(
        county=cast.county, start_year=2026, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 7, 31)
    )
    seven = SchoolClass.objects.create(school=cast.junior1, school_year=next_year, grade=7, number=2)
    s1 = cast.students["s1"]
    enrolment.student_repeat(user=cast.user("principal"), student=s1, school_class=seven, date=DAY, reason="")
    assert ClassMembership.objects.get(student=s1, school_year=next_year).school_class == seven


def test_changes_need_a_manager_of_the_school(cast):
    for role in ("grade_leader", "head_teacher", "central_principal", "bureau_analyst"):
        with pytest.raises(PermissionDenied):
            enrolment.student_suspend(user=cast.user(role), student=cast.students["s1"], date=DAY, reason="")
    assert not EnrollmentEvent.objects.exists()


def test_the_enrolment_page_and_its_forms(cast, client):
    client.force_login(cast.user("principal"))
    s1 = cast.students["s1"]
    html = client.get(f"/rosters/students/{s1.pk}/enrolment/").content.decode()
    assert "张三" in html and "1101********0017" in html and "110101201301010017" not in html
    assert f"/rosters/students/{s1.pk}/enrolment/suspend/" in html and "resume/" not in html
    assert client.get(f"/rosters/students/{s1.pk}/enrolment/suspend/").status_code == 200
    response = client.post(f"/rosters/students/{s1.pk}/enrolment/suspend/", {"date": "2026-03-02", "reason": "病休"})
    assert response.status_code == 302
    assert reload(s1).status == StudentStatus.SUSPENDED
    html = client.get(f"/rosters/students/{s1.pk}/enrolment/").content.decode()
    assert "病休" in html and "resume/" in html
    again = client.post(f"/rosters/students/{s1.pk}/enrolment/suspend/", {"date": "2026-03-02", "reason": ""})
    assert again.status_code == 200 and "不能办理休学" in again.content.decode()
    assert client.get(f"/rosters/students/{s1.pk}/enrolment/nonsense/").status_code == 404


def test_the_transfer_in_form_finds_only_students_who_left(cast, client):
    s4 = cast.students["s4"]
    client.force_login(cast.user("principal"))
    data = {
        "student_number": "GS40000000001",
        "name": "赵六",
        "school_class": cast.classes["J01-7-1"].pk,
        "date": "2026-03-02",
        "other_school": "",
        "reason": "",
    }
    refused = client.post("/rosters/transfer-in/", data)
    assert refused.status_code == 200 and "找不到学籍号和姓名都相符" in refused.content.decode()
    enrolment.student_transfer_out(user=cast.user("bureau_admin"), student=s4, date=DAY, reason="")
    wrong_name = client.post("/rosters/transfer-in/", {**data, "name": "赵七"})
    assert "找不到学籍号和姓名都相符" in wrong_name.content.decode()
    response = client.post("/rosters/transfer-in/", data)
    assert response.status_code == 302
    assert reload(s4).school == cast.junior1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("principal", 200),
        ("academic_director", 200),
        ("bureau_admin", 200),
        ("grade_leader", 404),
        ("head_teacher", 404),
        ("central_principal", 404),
        ("group_leader", 404),
        ("outsider", 404),
    ],
)
def test_who_opens_the_enrolment_pages(cast, client, role, status):
    client.force_login(cast.user(role))
    s1 = cast.students["s1"]
    assert client.get(f"/rosters/students/{s1.pk}/enrolment/").status_code == status
    assert client.get(f"/rosters/students/{s1.pk}/enrolment/transfer_out/").status_code == status
    response = client.post(f"/rosters/students/{s1.pk}/enrolment/drop_out/", {"date": "2026-03-02", "reason": "x"})
    assert response.status_code == (302 if status == 200 else 404)
