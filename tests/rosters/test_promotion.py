"""Year-end promotion (升级): classes move up a grade, the last grade graduates, nothing is lost, twice is once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhiliang.audit.models import AuditEvent
from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus
from zhiliang.rosters.promotion import last_grade, school_year_promote, school_year_promotion_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(cast):
    return SchoolYear.objects.create(
        county=cast.county, start_year=2026, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 7, 31)
    )


@pytest.fixture
def ninth_grade(cast):
    """A grade-9 class of 第一初级中学 with two enrolled students and one suspended."""
    school_class = SchoolClass.objects.create(school=cast.junior1, school_year=cast.year, grade=9, number=1)
    students = []
    for i, status in enumerate([StudentStatus.ENROLLED, StudentStatus.ENROLLED, StudentStatus.SUSPENDED]):
        student = Student.objects.create(
            county=cast.county,
            student_number=f"G9{i}",
            name=f"九年级{i}",
            sex="M",
            school=cast.junior1,
            status=status,
        )
        ClassMembership.objects.create(student=student, school_class=school_class, school_year=cast.year)
        students.append(student)
    return school_class, students


def test_last_grades(cast):
    assert (last_grade(cast.central), last_grade(cast.point), last_grade(cast.junior1)) == (6, 6, 9)


def test_promotion_moves_classes_up_and_graduates_the_last_grade(cast, next_year, ninth_grade):
    head = cast.teachers["head_teacher"]
    nine, (g0, g1, suspended) = ninth_grade
    plan = school_year_promotion_plan(school=cast.junior1, from_year=cast.year, to_year=next_year)
    assert plan.counts() == {
        "classes_created": 2,
        "classes_linked": 0,
        "classes_graduated": 1,
        "students_promoted": 3,
        "students_graduated": 2,
    }
    assert not SchoolClass.objects.filter(school_year=next_year).exists()  # the plan writes nothing

    school_year_promote(user=cast.user("principal"), school=cast.junior1, from_year=cast.year, to_year=next_year)

    eight_one = SchoolClass.objects.get(school=cast.junior1, school_year=next_year, grade=8, number=1)
    assert eight_one.previous == cast.classes["J01-7-1"]
    assert eight_one.head_teacher == head
    for key in ("s1", "s2"):
        student = cast.students[key]
        assert ClassMembership.objects.get(student=student, school_year=next_year).school_class == eight_one
        assert (
            ClassMembership.objects.get(student=student, school_year=cast.year).school_class == cast.classes["J01-7-1"]
        )
        event = EnrollmentEvent.objects.get(student=student, kind="promote")
        assert (event.date, event.school_class) == (datetime.date(2026, 9, 1), eight_one)
    nine.refresh_from_db()
    assert nine.is_graduated
    for student in (g0, g1):
        student.refresh_from_db()
        assert (student.status, student.exit_date) == (StudentStatus.GRADUATED, datetime.date(2026, 7, 31))
        assert EnrollmentEvent.objects.get(student=student).kind == "graduate"
    suspended.refresh_from_db()
    assert suspended.status == StudentStatus.SUSPENDED
    assert not SchoolClass.objects.filter(school_year=next_year, grade=10).exists()
    # Another school is untouched.
    assert not ClassMembership.objects.filter(student=cast.students["s4"], school_year=next_year).exists()
    audit = AuditEvent.objects.get(action="promotion")
    assert audit.detail["students_promoted"] == 3 and audit.detail["from_year"] == 2025


def test_promotion_is_idempotent(cast, next_year, ninth_grade):
    user = cast.user("principal")
    school_year_promote(user=user, school=cast.junior1, from_year=cast.year, to_year=next_year)
    counts = (SchoolClass.objects.count(), ClassMembership.objects.count(), EnrollmentEvent.objects.count())
    plan = school_year_promote(user=user, school=cast.junior1, from_year=cast.year, to_year=next_year)
    assert not plan.has_changes
    assert set(plan.counts().values()) == {0}
    assert (SchoolClass.objects.count(), ClassMembership.objects.count(), EnrollmentEvent.objects.count()) == counts
    assert AuditEvent.objects.filter(action="promotion").count() == 1


def test_an_existing_class_of_the_next_year_is_linked_not_duplicated(cast, next_year):
    imported = SchoolClass.objects.create(school=cast.junior1, school_year=next_year, grade=8, number=2, name="八(2)")
    plan = school_year_promote(user=cast.user("principal"), school=cast.junior1, from_year=cast.year, to_year=next_year)
    assert plan.counts()["classes_linked"] == 1
    imported.refresh_from_db()
    assert imported.previous == cast.classes["J01-7-2"]
    assert SchoolClass.objects.filter(school=cast.junior1, school_year=next_year, grade=8, number=2).count() == 1
    assert ClassMembership.objects.get(student=cast.students["s3"], school_year=next_year).school_class == imported


def test_a_student_already_placed_in_the_next_year_stays_there(cast, next_year):
    repeat_class = SchoolClass.objects.create(school=cast.junior1, school_year=next_year, grade=7, number=1)
    ClassMembership.objects.create(student=cast.students["s1"], school_class=repeat_class, school_year=next_year)
    school_year_promote(user=cast.user("principal"), school=cast.junior1, from_year=cast.year, to_year=next_year)
    assert ClassMembership.objects.get(student=cast.students["s1"], school_year=next_year).school_class == repeat_class
    assert not EnrollmentEvent.objects.filter(student=cast.students["s1"], kind="promote").exists()


def test_a_primary_school_graduates_grade_six(cast, next_year):
    six = SchoolClass.objects.create(school=cast.central, school_year=cast.year, grade=6, number=1)
    pupil = Student.objects.create(county=cast.county, student_number="G6", name="六年级", sex="F", school=cast.central)
    ClassMembership.objects.create(student=pupil, school_class=six, school_year=cast.year)
    plan = school_year_promote(
        user=cast.user("central_principal"), school=cast.central, from_year=cast.year, to_year=next_year
    )
    assert plan.counts()["students_graduated"] == 1 and plan.counts()["students_promoted"] == 1  # s5 in grade 3
    pupil.refresh_from_db()
    assert pupil.status == StudentStatus.GRADUATED
    assert SchoolClass.objects.get(school=cast.central, school_year=next_year).grade == 4


def test_only_managers_of_the_school_promote(cast, next_year):
    with pytest.raises(PermissionDenied):
        school_year_promote(
            user=cast.user("central_principal"), school=cast.junior1, from_year=cast.year, to_year=next_year
        )
    with pytest.raises(PermissionDenied):
        school_year_promote(
            user=cast.user("bureau_analyst"), school=cast.junior1, from_year=cast.year, to_year=next_year
        )


def test_only_to_the_next_year(cast, next_year):
    later = SchoolYear.objects.create(
        county=cast.county, start_year=2027, start_date=datetime.date(2027, 9, 1), end_date=datetime.date(2028, 7, 31)
    )
    with pytest.raises(ValidationError):
        school_year_promote(user=cast.user("principal"), school=cast.junior1, from_year=cast.year, to_year=later)


def test_the_promotion_page_previews_then_promotes(cast, client, next_year):
    client.force_login(cast.user("academic_director"))
    url = f"/rosters/schools/{cast.junior1.pk}/promotion/"
    html = client.get(url).content.decode()
    assert 'id="promotion-plan"' in html and "八年级(1)班" in html and "确认升级" in html
    assert not SchoolClass.objects.filter(school_year=next_year).exists()
    response = client.post(url, {"from_year": cast.year.pk})
    assert response.status_code == 302
    assert SchoolClass.objects.filter(school_year=next_year, school=cast.junior1).count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "升级完成" in html and "已全部升级" in html and "确认升级" not in html


def test_the_promotion_page_says_when_the_next_year_is_missing(cast, client):
    client.force_login(cast.user("principal"))
    html = client.get(f"/rosters/schools/{cast.junior1.pk}/promotion/").content.decode()
    assert "之后的学年还没有设置" in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("principal", 200), ("bureau_admin", 200), ("central_principal", 404), ("group_leader", 404), ("outsider", 404)],
)
def test_who_opens_the_promotion_page(cast, client, role, status):
    client.force_login(cast.user(role))
    assert client.get(f"/rosters/schools/{cast.junior1.pk}/promotion/").status_code == status
