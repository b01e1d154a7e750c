"""Value-added pages: each role sees its rows; the boosted class is above expected; exports are audited."""

import pytest
from django.urls import reverse

from tests.growth.factories import growth_exams
from zhiliang.audit.models import AuditEvent
from zhiliang.growth.models import ValueAddedSettings
from zhiliang.growth.pairs import pair_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def exams(cast):
    return growth_exams(cast)


def page(client, cast, role, exam, **params):
    client.force_login(cast.user(role))
    return client.get(reverse("growth:value_added", args=[exam.pk, 7]), params)


def names(response):
    return [row["name"] for row in response.context["rows"]]


def test_the_pair_is_the_earlier_exam_of_the_same_students(exams):
    prior, later = exams
    pair = pair_for(later, 7)
    assert pair is not None and pair.prior == prior and pair.prior_grade == 7


def test_the_bureau_sees_every_class_and_the_boosted_class_is_above_expected(client, cast, exams):
    response = page(client, cast, "bureau_analyst", exams[1], level="class", subject="数学")
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert len(rows) == 9 and {"第一初级中学 七年级(1)班", "第二初级中学 七年级(7)班"} <= set(rows)
    assert rows["第一初级中学 七年级(1)班"]["category"] == "above"
    assert rows["第一初级中学 七年级(1)班"]["ci_low"] > 0
    # The late joiner has no earlier score: left out and listed, not silently dropped.
    assert response.context["model"].missing.left_out == 1
    assert [s["name"] for s in response.context["left_out"]] == ["学生9999"]
    assert "学生9999" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "subject", "expected"),
    [
        ("head_teacher", "总分", ["第一初级中学 七年级(1)班"]),
        ("subject_teacher", "数学", ["第一初级中学 七年级(1)班", "第一初级中学 七年级(2)班"]),
        ("subject_teacher", "语文", []),
        ("other_teacher", "语文", ["第二初级中学 七年级(1)班"]),
        ("other_teacher", "数学", []),
        ("principal", "数学", ["第一初级中学 七年级(1)班", "第一初级中学 七年级(2)班"]),
    ],
)
def test_classes_by_role(client, cast, exams, role, subject, expected):
    response = page(client, cast, role, exams[1], level="class", subject=subject)
    assert sorted(names(response)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_admin", ["第一初级中学 李老师", "第二初级中学 孙老师", "第二初级中学 钱老师"]),
        ("principal", ["第一初级中学 李老师"]),
        ("grade_leader", ["第一初级中学 李老师"]),
        ("subject_teacher", ["第一初级中学 李老师"]),
        # A colleague's results are not for other teachers, not even the head teacher of the class.
        ("head_teacher", []),
        ("other_teacher", []),
    ],
)
def test_teachers_only_for_roles_that_may_see_them(client, cast, exams, role, expected):
    response = page(client, cast, role, exams[1], level="teacher", subject="数学")
    assert sorted(names(response)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("bureau_analyst", ["第一初级中学", "第二初级中学"]),
        ("group_leader", ["第一初级中学"]),
        ("principal", ["第一初级中学"]),
        ("other_teacher", ["第二初级中学"]),
    ],
)
def test_schools_by_role(client, cast, exams, role, expected):
    response = page(client, cast, role, exams[1], level="school", subject="总分")
    assert sorted(names(response)) == expected


def test_bad_choices_are_404(client, cast, exams):
    assert page(client, cast, "bureau_admin", exams[1], level="pupil").status_code == 404
    assert page(client, cast, "bureau_admin", exams[1], subject="物理").status_code == 404
    assert page(client, cast, "bureau_admin", exams[1], prior="999999").status_code == 404


def test_the_export_is_an_audited_workbook(client, cast, exams):
    response = page(client, cast, "principal", exams[1], level="class", subject="数学", format="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="export", detail__what="value_added").count() == 1


def test_declared_context_factors_are_used_and_named(client, cast, exams):
    client.force_login(cast.user("bureau_admin"))
    assert client.post(reverse("growth:settings"), {"context_sex": "on"}).status_code == 302
    assert ValueAddedSettings.objects.get(county=cast.county).context == ("sex",)
    response = page(client, cast, "bureau_admin", exams[1], level="class", subject="数学")
    assert "sex=M" in response.context["model"].coefficients
    assert response.context["context_factors"] == ("sex",)


def test_pages_in_both_languages(client, cast, exams):
    from django.conf import settings

    response = page(client, cast, "bureau_admin", exams[1], level="school", subject="数学")
    html = response.content.decode()
    assert "增值" in html and "95% 区间" in html and "信度" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, cast, "bureau_admin", exams[1], level="school", subject="数学").content.decode()
    assert "Value added" in html and "95% interval" in html and "Reliability" in html
    assert "信度" not in html and "95% 区间" not in html
    html = client.get(reverse("growth:explain")).content.decode()
    assert "Why small groups are pulled towards the middle" in html
