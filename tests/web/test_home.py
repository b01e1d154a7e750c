"""The home page: each role sees its own figures (zhiliang/web/views.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.helpers import add_students, stat

pytestmark = pytest.mark.django_db


def home(client, cast, role):
    client.force_login(cast.user(role))
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response


def sections(response):
    return {
        name
        for name in ("county", "school", "grade", "head-class", "taught", "no-role")
        if f'data-section="{name}"' in response.content.decode()
    }


def test_anonymous_visitors_are_sent_to_login(client, cast):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["bureau_admin", "bureau_analyst"])
def test_bureau_sees_the_county(client, cast, role):
    add_students(cast.classes["C01-3-1"], 45)  # 46 in a primary class
    html = home(client, cast, role).content.decode()
    assert stat(html, "schools") == "4"
    assert stat(html, "classes") == "5"
    assert stat(html, "students") == "50"
    assert stat(html, "teachers") == "3"
    assert stat(html, "over-standard") == "1"
    assert stat(html, "average-size") == "10.0"
    for kind in ("小学 1", "初中 2", "教学点 1"):
        assert kind in html
    assert 'data-school="J02"' in html and 'data-school="C02"' in html
    assert "外县中学" not in html  # another county
    assert 'data-chart="class-size"' in html and 'id="class-size-chart-data"' in html
    assert "zl-band-over_standard" in html


def test_group_leader_sees_the_group_schools_only(client, cast):
    response = home(client, cast, "group_leader")
    html = response.content.decode()
    assert sections(response) == {"county"}
    assert stat(html, "schools") == "1"
    assert stat(html, "students") == "3"
    assert stat(html, "teachers") == "2"
    assert 'data-school="J01"' in html and 'data-school="J02"' not in html


@pytest.mark.parametrize("role", ["principal", "academic_director"])
def test_school_leadership_sees_its_school(client, cast, role):
    response = home(client, cast, role)
    html = response.content.decode()
    assert sections(response) == {"school"}
    assert stat(html, "classes", "school") == "2"
    assert stat(html, "students", "school") == "3"
    assert stat(html, "teachers", "school") == "2"
    assert stat(html, "head-teachers", "school") == "1"
    assert 'data-grade="7"' in html
    assert "王老师" in html  # head teacher of 七年级(1)班
    assert "第二初级中学" not in html


def test_central_school_principal_sees_the_teaching_point_too(client, cast):
    response = home(client, cast, "central_principal")
    html = response.content.decode()
    assert 'data-school="C01"' in html and 'data-school="C02"' in html
    assert html.index('data-school="C01"') < html.index('data-school="C02"')  # the central school first
    assert "第一初级中学" not in html


def test_grade_leader_sees_the_grades_classes(client, cast):
    response = home(client, cast, "grade_leader")
    html = response.content.decode()
    assert sections(response) == {"grade"}
    classes = response.context["grades"][0]["classes"]
    assert [(c.display_name, c.size) for c in classes] == [("七年级(1)班", 2), ("七年级(2)班", 1)]
    assert "第一初级中学 · 七年级" in html


def test_head_teacher_sees_own_class_and_its_students(client, cast):
    response = home(client, cast, "head_teacher")
    html = response.content.decode()
    assert sections(response) == {"head-class", "taught"}
    assert "张三" in html and "李四" in html
    assert "王五" not in html  # 七年级(2)班
    taught = response.context["taught"]
    assert [(t.school_class.display_name, t.subjects) for t in taught] == [("七年级(1)班", ["语文"])]


def test_subject_teacher_sees_own_classes_and_subjects(client, cast):
    response = home(client, cast, "subject_teacher")
    assert sections(response) == {"taught"}
    taught = response.context["taught"]
    assert [(t.school_class.display_name, t.subjects, t.school_class.size) for t in taught] == [
        ("七年级(1)班", ["数学"], 2),
        ("七年级(2)班", ["数学"], 1),
    ]
    assert "张三" not in response.content.decode()  # no roster: not the head teacher


def test_other_school_teacher_sees_only_their_class(client, cast):
    taught = home(client, cast, "other_teacher").context["taught"]
    assert [(t.school_class.school.code, t.subjects) for t in taught] == [("J02", ["语文"])]


def test_a_user_without_roles_is_told_so(client, cast):
    response = home(client, cast, "outsider")
    assert sections(response) == {"no-role"}


def test_home_query_count_does_not_grow_with_data(client, cast, django_assert_num_queries):
    client.force_login(cast.user("bureau_admin"))
    add_students(cast.classes["C01-3-1"], 46)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("web:home"))
    for key in ("J01-7-1", "J01-7-2", "J02-7-1"):
        add_students(cast.classes[key], 51, prefix=f"M{key}")
    with django_assert_num_queries(len(before)):
        client.get(reverse("web:home"))
