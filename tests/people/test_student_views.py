"""Student list and detail (zhiliang/people/views.py): scoped, searchable, ID numbers masked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.helpers import add_students
from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import ClassMembership, EnrollmentEvent, StudentStatus

pytestmark = pytest.mark.django_db


def names(response):
    return sorted(student.name for student in response.context["page"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_admin", ["孙七", "张三", "李四", "王五", "赵六"]),
        ("bureau_analyst", ["孙七", "张三", "李四", "王五", "赵六"]),
        ("group_leader", ["张三", "李四", "王五"]),
        ("principal", ["张三", "李四", "王五"]),
        ("academic_director", ["张三", "李四", "王五"]),
        ("central_principal", ["孙七"]),
        ("grade_leader", ["张三", "李四", "王五"]),
        ("head_teacher", ["张三", "李四"]),
        ("subject_teacher", ["张三", "李四", "王五"]),
        ("other_teacher", ["赵六"]),
    ],
)
def test_student_list_shows_the_students_in_scope(client, cast, role, expected):
    client.force_login(cast.user(role))
    response = client.get(reverse("people:student_list"))
    assert response.status_code == 200
    assert names(response) == expected


def test_student_list_is_404_without_a_role(client, cast):
    client.force_login(cast.user("outsider"))
    assert client.get(reverse("people:student_list")).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "张"}, ["张三"]),
        ({"q": "GS2"}, ["李四"]),  # part of the 学籍号
        ({"q": "nobody"}, []),
        ({"status": "suspended"}, ["停学生"]),
        ({"status": "enrolled", "q": "王"}, ["王五"]),
    ],
)
def test_student_search_and_status(client, cast, query, expected):
    student = add_students(cast.classes["J01-7-2"], 1, status=StudentStatus.SUSPENDED)[0]
    student.name = "停学生"
    student.save()
    client.force_login(cast.user("principal"))
    assert names(client.get(reverse("people:student_list"), query)) == expected


def test_student_filter_by_school_and_class(client, cast):
    client.force_login(cast.user("bureau_admin"))
    url = reverse("people:student_list")
    assert names(client.get(url, {"school": cast.junior2.pk})) == ["赵六"]
    response = client.get(url, {"school": cast.junior1.pk, "school_class": cast.classes["J01-7-2"].pk})
    assert names(response) == ["王五"]
    # The class choices follow the school.
    choices = [c.pk for c in response.context["form"].fields["school_class"].queryset]
    assert choices == [cast.classes["J01-7-1"].pk, cast.classes["J01-7-2"].pk]
    # A class of another school than the one chosen is ignored, not an error.
    stale = client.get(url, {"school": cast.junior2.pk, "school_class": cast.classes["J01-7-2"].pk})
    assert names(stale) == ["赵六"]


def test_a_class_outside_the_scope_cannot_be_used_as_a_filter(client, cast):
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("people:student_list"), {"school_class": cast.classes["J02-7-1"].pk})
    assert names(response) == ["张三", "李四"]  # the filter is dropped; scope still applies


def test_live_search_returns_the_fragment(client, cast):
    client.force_login(cast.user("principal"))
    response = client.get(
        reverse("people:student_list"), {"q": "李"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="student-results"
    )
    html = response.content.decode()
    assert "<html" not in html and "李四" in html and "张三" not in html
    assert 'id="id_q"' not in html  # the search box is not replaced while the user types


def test_choosing_a_school_rerenders_the_filters(client, cast):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("people:student_list")).content.decode()
    assert 'hx-target="#student-search"' in html and 'hx-select="#student-search"' in html


def test_student_list_shows_this_years_class(client, cast):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("people:student_list"), {"q": "王五"}).content.decode()
    assert "七年级(2)班" in html


def test_student_list_query_count_does_not_grow(client, cast, django_assert_num_queries):
    client.force_login(cast.user("bureau_admin"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("people:student_list"))
    for key in ("J01-7-1", "J02-7-2", "C01-3-1"):
        add_students(cast.classes[key], 15, prefix=key)
    with django_assert_num_queries(len(before)):
        response = client.get(reverse("people:student_list"))
    assert len(response.context["page"]) == 50
    assert response.context["page"].paginator.count == 50


DETAIL_ACCESS = {
    "bureau_admin": 200,
    "bureau_analyst": 200,
    "group_leader": 200,
    "principal": 200,
    "academic_director": 200,
    "central_principal": 404,
    "grade_leader": 200,
    "head_teacher": 200,
    "subject_teacher": 200,
    "other_teacher": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), DETAIL_ACCESS.items())
def test_student_detail_access(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("people:student_detail", args=[cast.students["s1"].pk])).status_code == status


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "head_teacher", "subject_teacher"])
def test_the_id_number_is_masked_for_everyone(client, cast, role):
    client.force_login(cast.user(role))
    html = client.get(reverse("people:student_detail", args=[cast.students["s1"].pk])).content.decode()
    assert "110101201301010017" not in html
    assert cast.students["s1"].id_number_masked in html
    assert cast.students["s1"].id_number_masked != "110101201301010017"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("bureau_admin", True),
        ("principal", True),
        ("academic_director", True),
        ("bureau_analyst", False),
        ("group_leader", False),
        ("grade_leader", False),
        ("head_teacher", False),
    ],
)
def test_the_reveal_button_only_for_those_allowed(client, cast, role, shown):
    client.force_login(cast.user(role))
    html = client.get(reverse("people:student_detail", args=[cast.students["s1"].pk])).content.decode()
    assert ('data-testid="reveal-id"' in html) is shown


def test_no_reveal_button_without_an_id_number(client, cast):
    client.force_login(cast.user("principal"))
    html = client.get(reverse("people:student_detail", args=[cast.students["s3"].pk])).content.decode()
    assert 'data-testid="reveal-id"' not in html


def test_student_history(client, cast):
    student = cast.students["s1"]
    last_year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    elsewhere = SchoolClass.objects.create(school=cast.junior2, school_year=last_year, grade=6, number=3)
    ClassMembership.objects.create(student=student, school_class=elsewhere, school_year=last_year, seat_number=7)
    EnrollmentEvent.objects.create(student=student, kind="enrol", date=datetime.date(2019, 9, 1), school=cast.junior2)
    EnrollmentEvent.objects.create(
        student=student,
        kind="transfer_in",
        date=datetime.date(2025, 9, 1),
        school=cast.junior1,
        other_school="第二初级中学",
        reason="随父母迁居",
    )
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("people:student_detail", args=[student.pk]))
    html = response.content.decode()
    assert [m.school_year.start_year for m in response.context["memberships"]] == [2025, 2024]
    assert [e.get_kind_display() for e in response.context["events"]] == ["入学", "转入"]
    assert "随父母迁居" in html and "2019-09-01" in html
    # Last year's class is in another school the head teacher cannot open: named, not linked.
    assert "六年级(3)班" in html
    assert reverse("org:class_detail", args=[elsewhere.pk]) not in html
    assert reverse("org:class_detail", args=[cast.classes["J01-7-1"].pk]) in html


@pytest.mark.parametrize(
    ("role", "shown"), [("bureau_admin", True), ("principal", True), ("bureau_analyst", False), ("head_teacher", False)]
)
def test_the_enrolment_link_only_for_those_who_manage_the_school(client, cast, role, shown):
    client.force_login(cast.user(role))
    html = client.get(reverse("people:student_detail", args=[cast.students["s1"].pk])).content.decode()
    assert ('data-testid="enrolment-link"' in html) is shown
    if shown:
        assert client.get(reverse("rosters:student_enrolment", args=[cast.students["s1"].pk])).status_code == 200
