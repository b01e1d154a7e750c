"""Teacher list and detail (zhiliang/people/views.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhiliang.org.models import SchoolClass, SchoolYear, Term
from zhiliang.people.models import Teacher, TeachingAssignment

pytestmark = pytest.mark.django_db


def names(response):
    return sorted(teacher.name for teacher in response.context["page"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_admin", ["李老师", "王老师", "赵老师"]),
        ("group_leader", ["李老师", "王老师"]),
        ("principal", ["李老师", "王老师"]),
        ("central_principal", []),
        ("grade_leader", ["李老师", "王老师"]),
        ("head_teacher", ["李老师", "王老师"]),  # the colleague who teaches in their class, and themselves
        ("subject_teacher", ["李老师", "王老师"]),
        ("other_teacher", ["赵老师"]),
    ],
)
def test_teacher_list_shows_the_teachers_in_scope(client, cast, role, expected):
    client.force_login(cast.user(role))
    response = client.get(reverse("people:teacher_list"))
    assert response.status_code == 200
    assert names(response) == expected


def test_teacher_list_is_404_without_a_role(client, cast):
    client.force_login(cast.user("outsider"))
    assert client.get(reverse("people:teacher_list")).status_code == 404


def test_teacher_list_filters(client, cast):
    teacher = cast.teachers["subject_teacher"]
    teacher.title = "senior"
    teacher.save()
    client.force_login(cast.user("bureau_admin"))
    url = reverse("people:teacher_list")
    assert names(client.get(url, {"q": "赵"})) == ["赵老师"]
    assert names(client.get(url, {"q": "T-head"})) == ["王老师"]
    assert names(client.get(url, {"school": cast.junior2.pk})) == ["赵老师"]
    assert names(client.get(url, {"title": "senior"})) == ["李老师"]
    assert names(client.get(url, {"subject": cast.subjects["语文"].pk})) == ["王老师", "赵老师"]  # by assignment
    cast.teachers["subject_teacher"].subjects.add(cast.subjects["语文"])  # registered for it
    assert names(client.get(url, {"subject": cast.subjects["语文"].pk})) == ["李老师", "王老师", "赵老师"]


def test_teacher_list_columns(client, cast):
    teacher = cast.teachers["head_teacher"]
    teacher.education = "master"
    teacher.backbone_level = "county"
    teacher.growth_stage = "backbone"
    teacher.save()
    teacher.subjects.add(cast.subjects["语文"])
    client.force_login(cast.user("principal"))
    html = client.get(reverse("people:teacher_list"), {"q": "王"}).content.decode()
    for text in ("硕士研究生", "县级骨干", "骨干教师", "语文：七年级(1)班", '七年级(1)班 <span class="zl-class-size'):
        assert text in html, text


def test_teacher_list_query_count_does_not_grow(client, cast, django_assert_num_queries):
    client.force_login(cast.user("bureau_admin"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("people:teacher_list"))
    for i in range(10):
        teacher = Teacher.objects.create(
            county=cast.county, school=cast.junior1, staff_number=f"N{i}", name=f"新老师{i}", sex="M"
        )
        teacher.subjects.add(cast.subjects["英语"])
        school_class = SchoolClass.objects.create(
            school=cast.junior1, school_year=cast.year, grade=8, number=i + 1, head_teacher=teacher
        )
        TeachingAssignment.objects.create(
            teacher=teacher, school_class=school_class, subject=cast.subjects["英语"], term=cast.term
        )
    with django_assert_num_queries(len(before)):
        assert len(client.get(reverse("people:teacher_list")).context["page"]) == 13


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
def test_teacher_detail_access(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("people:teacher_detail", args=[cast.teachers["head_teacher"].pk])).status_code == status


def test_teacher_detail_content(client, cast):
    last_year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    last_term = Term.objects.create(
        school_year=last_year, number=2, start_date=datetime.date(2025, 2, 17), end_date=datetime.date(2025, 7, 10)
    )
    teacher = cast.teachers["head_teacher"]
    old_class = SchoolClass.objects.create(
        school=cast.junior1, school_year=last_year, grade=6, number=2, head_teacher=teacher
    )
    TeachingAssignment.objects.create(
        teacher=teacher, school_class=old_class, subject=cast.subjects["英语"], term=last_term
    )
    client.force_login(cast.user("principal"))
    response = client.get(reverse("people:teacher_detail", args=[teacher.pk]))
    assert [(t.school_class.display_name, t.subjects) for t in response.context["current"]] == [
        ("七年级(1)班", ["语文"])
    ]
    assert [(t.school_class.display_name, t.subjects) for t in response.context["earlier"]] == [
        ("六年级(2)班", ["英语"])
    ]
    assert [(c.display_name, c.size) for c in response.context["head_classes"]] == [
        ("七年级(1)班", 2),
        ("六年级(2)班", 0),
    ]


def test_teacher_detail_lists_only_classes_in_the_viewers_scope(client, cast):
    teacher = cast.teachers["subject_teacher"]  # teaches 七年级(1)班 and (2)班
    client.force_login(cast.user("head_teacher"))  # sees 七年级(1)班 only
    response = client.get(reverse("people:teacher_detail", args=[teacher.pk]))
    assert [t.school_class.display_name for t in response.context["current"]] == ["七年级(1)班"]


def test_teacher_list_names_each_class_once_across_both_terms(client, cast):
    spring = Term.objects.create(
        school_year=cast.year, number=2, start_date=datetime.date(2026, 2, 20), end_date=datetime.date(2026, 7, 10)
    )
    teacher = cast.teachers["subject_teacher"]
    for key in ("J01-7-1", "J01-7-2"):
        TeachingAssignment.objects.create(
            teacher=teacher, school_class=cast.classes[key], subject=cast.subjects["数学"], term=spring
        )
    client.force_login(cast.user("principal"))
    html = client.get(reverse("people:teacher_list"), {"q": "李老师"}).content.decode()
    assert html.count("数学：七年级(1)班、七年级(2)班") == 1
