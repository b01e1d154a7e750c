"""Every support page renders for the roles that open it, obeys the CSP (no inline script or style) and leaves no
English untranslated in Chinese; the English version works too."""

import pytest
from django.urls import reverse

from tests.support.factories import open_case, two_exams
from tests.web.test_markup import latin_words, scan

pytestmark = pytest.mark.django_db

ALLOWED = {"Excel", "PDF"}


def urls(cast, case, exam):
    class_id = cast.classes["J01-7-1"].pk
    return [
        reverse("support:index"),
        reverse("support:overview"),
        reverse("support:overview") + f"?school={cast.junior1.pk}",
        reverse("support:class", kwargs={"class_id": class_id}),
        reverse("support:critical", kwargs={"class_id": class_id}),
        reverse("support:case", kwargs={"pk": case.pk}),
        reverse("support:top") + f"?exam={exam.pk}",
        reverse("support:rules"),
    ]


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "grade_leader", "head_teacher", "subject_teacher"])
def test_pages_are_clean_and_chinese(client, cast, role):
    _first, second = two_exams(cast)
    case = open_case(cast)
    client.force_login(cast.user(role))
    opened = 0
    for url in urls(cast, case, second):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        opened += 1
        html = response.content.decode()
        problems = scan(html).problems
        assert not problems, f"{url} as {role}: {problems}"
        # Our content only: the menu holds other apps' labels.
        words = latin_words(scan(html[html.index('<main id="main"') : html.index("</main>")]).texts) - ALLOWED
        assert not words, f"{url} as {role}: {words}"
    assert opened >= 5


def test_the_case_page_in_english(client, cast):
    two_exams(cast)
    case = open_case(cast)
    client.force_login(cast.user("head_teacher"))
    client.cookies["django_language"] = "en"
    html = client.get(reverse("support:case", kwargs={"pk": case.pk}), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Support plan" in html and "Interventions" in html


def test_list_pages_do_not_grow_queries_with_cases(client, cast, django_assert_max_num_queries):
    from zhiliang.people.models import ClassMembership, Student
    from zhiliang.support import services

    school_class = cast.classes["J01-7-1"]
    for i in range(12):
        student = Student.objects.create(
            county=cast.county, student_number=f"GX{i:04d}", name=f"学生{i}", sex="M", school=cast.junior1
        )
        ClassMembership.objects.create(student=student, school_class=school_class, school_year=cast.year)
        candidate = services.candidate_nominate(
            actor=cast.user("head_teacher"), student=student, school_class=school_class, reason="基础薄弱"
        )
        services.candidate_confirm(actor=cast.user("head_teacher"), candidate=candidate)
    client.force_login(cast.user("head_teacher"))
    with django_assert_max_num_queries(40):
        client.get(reverse("support:overview"))
    with django_assert_max_num_queries(45):
        client.get(reverse("support:class", kwargs={"class_id": school_class.pk}))
