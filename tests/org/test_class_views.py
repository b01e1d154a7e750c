"""Class list and detail (zhiliang/org/views.py): every role with classes, each within its scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.helpers import add_students
from zhiliang.org.models import SchoolClass, SchoolYear

pytestmark = pytest.mark.django_db


def listed(response):
    return [f"{c.school.code}-{c.grade}-{c.number}" for c in response.context["page"]]


@pytest.mark.parametrize(
    ("role", "classes"),
    [
        ("bureau_admin", ["C01-3-1", "J01-7-1", "J01-7-2", "J02-7-1", "J02-7-2"]),
        ("group_leader", ["J01-7-1", "J01-7-2"]),
        ("principal", ["J01-7-1", "J01-7-2"]),
        ("central_principal", ["C01-3-1"]),
        ("grade_leader", ["J01-7-1", "J01-7-2"]),
        ("head_teacher", ["J01-7-1"]),
        ("subject_teacher", ["J01-7-1", "J01-7-2"]),
        ("other_teacher", ["J02-7-1"]),
    ],
)
def test_class_list_shows_the_classes_in_scope(client, cast, role, classes):
    client.force_login(cast.user(role))
    response = client.get(reverse("org:class_list"))
    assert response.status_code == 200
    assert listed(response) == classes


def test_class_list_is_404_without_a_role(client, cast):
    client.force_login(cast.user("outsider"))
    assert client.get(reverse("org:class_list")).status_code == 404


@pytest.fixture
def last_year(cast):
    year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    old = SchoolClass.objects.create(school=cast.junior1, school_year=year, grade=6, number=1, is_graduated=True)
    return year, old


def test_class_list_shows_this_year_first_and_every_year_on_request(client, cast, last_year):
    client.force_login(cast.user("principal"))
    assert listed(client.get(reverse("org:class_list"))) == ["J01-7-1", "J01-7-2"]
    assert listed(client.get(reverse("org:class_list"), {"year": ""})) == ["J01-7-1", "J01-7-2", "J01-6-1"]
    assert listed(client.get(reverse("org:class_list"), {"year": last_year[0].pk})) == ["J01-6-1"]


def test_class_list_filters(client, cast):
    client.force_login(cast.user("bureau_admin"))
    url = reverse("org:class_list")
    assert listed(client.get(url, {"school": cast.junior2.pk})) == ["J02-7-1", "J02-7-2"]
    assert listed(client.get(url, {"grade": 3})) == ["C01-3-1"]
    assert listed(client.get(url, {"grade": "x"})) == listed(client.get(url))  # ignored


def test_class_list_shows_sizes(client, cast):
    add_students(cast.classes["J01-7-1"], 49)  # 51 in a junior class
    client.force_login(cast.user("grade_leader"))
    html = client.get(reverse("org:class_list")).content.decode()
    assert '<span class="fw-semibold">51</span>' in html
    assert "zl-band-over_standard" in html


def test_class_list_query_count_does_not_grow(client, cast, django_assert_num_queries):
    client.force_login(cast.user("bureau_admin"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("org:class_list"))
    for number in range(3, 13):
        school_class = SchoolClass.objects.create(school=cast.junior1, school_year=cast.year, grade=7, number=number)
        add_students(school_class, 3)
    with django_assert_num_queries(len(before)):
        assert len(client.get(reverse("org:class_list")).context["page"]) == 15


def test_class_list_htmx_fragment(client, cast):
    client.force_login(cast.user("bureau_admin"))
    response = client.get(
        reverse("org:class_list"), {"grade": 3}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="class-results"
    )
    html = response.content.decode()
    assert "<html" not in html and "三年级(1)班" in html and "七年级" not in html


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
def test_class_detail_access(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("org:class_detail", args=[cast.classes["J01-7-1"].pk])).status_code == status


def test_class_detail_content(client, cast):
    client.force_login(cast.user("head_teacher"))
    response = client.get(reverse("org:class_detail", args=[cast.classes["J01-7-1"].pk]))
    html = response.content.decode()
    assert response.context["class"].size == 2
    assert '<dd class="col-sm-9 col-lg-4" data-fact="size">' in html
    assert "张三" in html and "李四" in html and "王五" not in html
    assert [(a.subject.name, a.teacher.name) for a in response.context["assignments"]] == [
        ("语文", "王老师"),
        ("数学", "李老师"),
    ]
    assert reverse("people:teacher_detail", args=[cast.teachers["subject_teacher"].pk]) in html


def test_class_detail_links_across_years_only_within_scope(client, cast, last_year):
    _year, old = last_year
    current = cast.classes["J01-7-1"]
    current.previous = old
    current.save()
    client.force_login(cast.user("principal"))
    html = client.get(reverse("org:class_detail", args=[current.pk])).content.decode()
    assert reverse("org:class_detail", args=[old.pk]) in html
    client.force_login(cast.user("head_teacher"))  # heads this year's class only
    html = client.get(reverse("org:class_detail", args=[current.pk])).content.decode()
    assert reverse("org:class_detail", args=[old.pk]) not in html


def test_a_departed_student_stays_on_the_roster_but_not_in_the_size(client, cast):
    add_students(cast.classes["J01-7-1"], 1, prefix="L", left_on=datetime.date(2025, 10, 8))
    client.force_login(cast.user("principal"))
    response = client.get(reverse("org:class_detail", args=[cast.classes["J01-7-1"].pk]))
    assert response.context["class"].size == 2
    assert len(response.context["roster"]) == 3
    assert "2025-10-08" in response.content.decode()


def test_class_list_shows_only_classes_over_the_standard_on_request(client, cast):
    add_students(cast.classes["C01-3-1"], 45)  # 46: over the primary standard of 45
    add_students(cast.classes["J01-7-2"], 49)  # 50: at the junior standard, not over
    add_students(cast.classes["J02-7-1"], 50)  # 51: over the junior standard
    client.force_login(cast.user("bureau_admin"))
    url = reverse("org:class_list")
    assert listed(client.get(url, {"over_standard": "1"})) == ["C01-3-1", "J02-7-1"]
    assert listed(client.get(url, {"over_standard": "1", "school": cast.junior1.pk})) == []
    assert len(listed(client.get(url, {"over_standard": ""}))) == 5


def test_the_bureau_home_links_to_the_over_standard_classes(client, cast):
    add_students(cast.classes["J02-7-1"], 50)
    client.force_login(cast.user("bureau_admin"))
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("org:class_list")}?over_standard=1"' in html
    assert f"?school={cast.junior2.pk}&amp;over_standard=1" in html
