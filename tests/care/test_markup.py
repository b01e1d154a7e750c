"""Care pages obey the Content Security Policy and leave no English in Chinese pages (as tests/web/test_markup)."""

import datetime

import pytest
from django.urls import reverse

from tests.care.factories import absence, authorise_special, profile, psych_case
from tests.web.test_markup import latin_words, scan
from zhiliang.care.models import Observation
from zhiliang.people.models import EnrollmentEvent

pytestmark = pytest.mark.django_db


def _pages(cast):
    s1, klass = cast.students["s1"].pk, cast.classes["J01-7-1"].pk
    case = psych_case(cast)
    return [
        reverse("care:index"),
        reverse("care:class_observe", args=[klass]),
        reverse("care:class_summary", args=[klass]),
        reverse("care:class_summary", args=[klass]) + "?period=month",
        reverse("care:student_growth", args=[s1]),
        reverse("care:special_list"),
        reverse("care:special_detail", args=[s1]),
        reverse("care:psych_list"),
        reverse("care:psych_detail", args=[case.pk]),
        reverse("care:grants"),
        reverse("care:county_overview"),
        reverse("care:watch_list"),
        reverse("care:watch_detail", args=[s1]),
    ]


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "academic_director", "head_teacher", "subject_teacher"])
def test_care_pages_are_clean_and_chinese(client, cast, role):
    authorise_special(cast)
    profile(cast)
    absence(cast)
    EnrollmentEvent.objects.create(
        student=cast.students["s2"], kind="dropout", date=datetime.date(2025, 10, 8), school=cast.junior1
    )
    Observation.objects.create(
        student=cast.students["s1"],
        school_class=cast.classes["J01-7-1"],
        date=datetime.date(2025, 11, 17),
        domain="moral",
        positive=True,
    )
    client.force_login(cast.user(role))
    opened = 0
    for url in _pages(cast):
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        opened += 1
        html = response.content.decode()
        scanner = scan(html)
        assert not scanner.problems, f"{url} as {role}: {scanner.problems}"
        # English left in our own content (the menu belongs to every app and is checked by tests/web).
        main = scan(html[html.index('<main id="main"') : html.index("</main>")])
        assert not latin_words(main.texts), f"{url} as {role}: {sorted(latin_words(main.texts))}"
    assert opened >= 3


def test_the_tally_fragment_is_clean(client, cast):
    client.force_login(cast.user("head_teacher"))
    response = client.post(
        reverse("care:observation_add", args=[cast.classes["J01-7-1"].pk]),
        {"student": cast.students["s1"].pk, "domain": "moral", "positive": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert not scan(response.content.decode()).problems
