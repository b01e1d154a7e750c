"""School list and detail (zhiliang/org/views.py): leadership roles only, each within its scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.helpers import add_students
from zhiliang.org.models import School, SchoolClass

pytestmark = pytest.mark.django_db

ALL = ["C01", "C02", "J01", "J02"]


def listed_codes(response):
    return [school.code for school in response.context["page"]]


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("bureau_admin", ALL),
        ("bureau_analyst", ALL),
        ("group_leader", ["J01"]),
        ("principal", ["J01"]),
        ("academic_director", ["J01"]),
        ("central_principal", ["C01", "C02"]),
    ],
)
def test_school_list_shows_the_schools_in_scope(client, cast, role, codes):
    client.force_login(cast.user(role))
    response = client.get(reverse("org:school_list"))
    assert response.status_code == 200
    assert listed_codes(response) == codes


@pytest.mark.parametrize("role", ["grade_leader", "head_teacher", "subject_teacher", "other_teacher", "outsider"])
def test_school_list_is_not_for_teaching_roles(client, cast, role):
    client.force_login(cast.user(role))
    assert client.get(reverse("org:school_list")).status_code == 404


def test_school_list_figures(client, cast):
    add_students(cast.classes["J02-7-2"], 4)
    client.force_login(cast.user("bureau_admin"))
    html = client.get(reverse("org:school_list")).content.decode()
    row = html[html.index('data-school="J02"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="text-end" data-col="classes">2</td>' in row
    assert '<td class="text-end" data-col="students">5</td>' in row
    assert '<td class="text-end" data-col="teachers">1</td>' in row
    central = html[html.index('data-school="C01"') :]
    assert "1 个教学点" in central[: central.index("</tr>")]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"q": "初级"}, ["J01", "J02"]),
        ({"q": "c02"}, ["C02"]),
        ({"kind": "teaching_point"}, ["C02"]),
        ({"kind": "not-a-kind"}, ALL),  # an invalid filter is ignored, not an error
    ],
)
def test_school_list_filters(client, cast, query, codes):
    client.force_login(cast.user("bureau_admin"))
    assert listed_codes(client.get(reverse("org:school_list"), query)) == codes


def test_school_list_filters_by_group(client, cast):
    client.force_login(cast.user("bureau_admin"))
    assert listed_codes(client.get(reverse("org:school_list"), {"group": cast.group.pk})) == ["J01"]


def test_htmx_gets_the_fragment_only(client, cast):
    client.force_login(cast.user("bureau_admin"))
    response = client.get(
        reverse("org:school_list"), {"q": "李庄"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="school-results"
    )
    html = response.content.decode()
    assert "<html" not in html and 'data-table="schools"' in html
    assert "李庄教学点" in html and "第一初级中学" not in html
    assert "HX-Request" in response["Vary"]
    full = client.get(reverse("org:school_list"), {"q": "李庄"})
    assert "<html" in full.content.decode() and 'id="school-results"' in full.content.decode()


def test_school_list_paginates(client, cast):
    for i in range(55):
        School.objects.create(county=cast.county, code=f"P{i:02d}", name=f"村小{i:02d}", kind="primary")
    client.force_login(cast.user("bureau_admin"))
    first = client.get(reverse("org:school_list"))
    assert len(first.context["page"]) == 50
    second = client.get(reverse("org:school_list"), {"page": 2})
    assert listed_codes(second) == [f"P{i}" for i in range(46, 55)]  # after C01, C02, J01, J02 and P00–P45
    assert "page=1" in second.content.decode()


def test_school_list_query_count_does_not_grow(client, cast, django_assert_num_queries):
    client.force_login(cast.user("bureau_admin"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("org:school_list"))
    for i in range(10):
        school = School.objects.create(county=cast.county, code=f"P{i}", name=f"村小{i}", kind="primary")
        add_students(SchoolClass.objects.create(school=school, school_year=cast.year, grade=1, number=1), 2)
    with django_assert_num_queries(len(before)):
        response = client.get(reverse("org:school_list"))
    assert len(response.context["page"]) == 14


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("bureau_admin", 200),
        ("bureau_analyst", 200),
        ("group_leader", 200),
        ("principal", 200),
        ("academic_director", 200),
        ("central_principal", 404),
        ("grade_leader", 404),
        ("head_teacher", 404),
        ("subject_teacher", 404),
        ("other_teacher", 404),
        ("outsider", 404),
    ],
)
def test_school_detail_access(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("org:school_detail", args=[cast.junior1.pk])).status_code == status


def test_school_detail_shows_classes_with_sizes_and_head_teachers(client, cast):
    add_students(cast.classes["J01-7-2"], 50)
    client.force_login(cast.user("principal"))
    response = client.get(reverse("org:school_detail", args=[cast.junior1.pk]))
    html = response.content.decode()
    assert [(c.display_name, c.size) for c in response.context["overview"].classes] == [
        ("七年级(1)班", 2),
        ("七年级(2)班", 51),
    ]
    assert "王老师" in html
    assert "zl-band-over_standard" in html  # 51 in a junior class
    assert '<dd class="col-sm-9 col-lg-4" data-fact="students">53</dd>' in html


def test_central_school_detail_lists_its_teaching_points(client, cast):
    client.force_login(cast.user("central_principal"))
    response = client.get(reverse("org:school_detail", args=[cast.central.pk]))
    assert [p.code for p in response.context["points"]] == ["C02"]
    assert client.get(reverse("org:school_detail", args=[cast.point.pk])).status_code == 200


def test_school_of_another_county_is_404_even_for_the_bureau(client, cast):
    client.force_login(cast.user("bureau_admin"))
    other = School.objects.get(code="X01")
    assert client.get(reverse("org:school_detail", args=[other.pk])).status_code == 404
