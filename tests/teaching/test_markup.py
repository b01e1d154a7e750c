"""Every teaching page obeys the Content Security Policy (no inline script or style) and, in Chinese, leaves no
English text untranslated; the English pages are English."""

import pytest
from django.urls import reverse

from tests.teaching.factories import LESSON_DAY, inspection_result, observation
from tests.web.test_markup import latin_words, scan
from zhiliang.teaching import services
from zhiliang.teaching.services import county_default_form

pytestmark = pytest.mark.django_db

# Latin text that is data or a file format, not UI: the export button's ".xlsx", the PDF link.
ALLOWED = {"xlsx", "PDF", "Excel"}


def _urls(cast):
    record = observation(cast)
    result = inspection_result(cast, responded=True)
    services.homework_record(
        user=cast.user("principal"),
        school_class=cast.classes["J01-7-1"],
        subject=cast.subjects["数学"],
        date=LESSON_DAY,
        written=True,
        minutes=100,
        description="练习",
    )
    teacher = cast.teachers["subject_teacher"]
    return {
        "principal": [
            reverse("teaching:index"),
            reverse("teaching:observation_list"),
            reverse("teaching:observation_create"),
            reverse("teaching:observation_detail", args=[record.pk]),
            reverse("teaching:observation_edit", args=[record.pk]),
            reverse("teaching:teacher_detail", args=[teacher.pk]),
            reverse("teaching:school_detail", args=[cast.junior1.pk]),
            reverse("teaching:school_settings", args=[cast.junior1.pk]),
            reverse("teaching:rubric_list"),
            reverse("teaching:rubric_create"),
            reverse("teaching:rubric_detail", args=[county_default_form(cast.county, "observation").pk]),
            reverse("teaching:inspection_list"),
            reverse("teaching:inspection_create"),
            reverse("teaching:inspection_detail", args=[result.inspection_id]),
            reverse("teaching:inspection_score", args=[result.inspection_id, teacher.pk]),
            reverse("teaching:result_list") + "?all=1",
            reverse("teaching:result_detail", args=[result.pk]),
            reverse("teaching:homework"),
            reverse("teaching:homework_load") + "?start=2025-10-01&end=2025-10-31",
        ],
        "subject_teacher": [
            reverse("teaching:index"),
            reverse("teaching:observation_detail", args=[record.pk]),
            reverse("teaching:result_detail", args=[result.pk]),
            reverse("teaching:teacher_detail", args=[teacher.pk]),
        ],
        "bureau_admin": [reverse("teaching:county"), reverse("teaching:index")],
    }


def test_pages_are_clean_and_chinese(client, cast):
    for role, urls in _urls(cast).items():
        client.force_login(cast.user(role))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            scanner = scan(response.content.decode())
            assert not scanner.problems, f"{url} as {role}: {scanner.problems}"
            leftovers = latin_words(scanner.texts) - ALLOWED
            assert not leftovers, f"{url} as {role}: {sorted(leftovers)}"


def test_english_pages_are_english(client, cast):
    observation(cast)
    client.force_login(cast.user("principal"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("teaching:school_detail", args=[cast.junior1.pk])).content.decode()
    for text in ("Lessons meeting the standard", "By subject group", "Observation quotas"):
        assert text in html, text
