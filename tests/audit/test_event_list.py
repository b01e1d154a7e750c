"""The audit log page names objects by their model's verbose name, in the user's language."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from zhiliang.audit.models import AuditAction, AuditEvent
from zhiliang.audit.selectors import target_type_label

pytestmark = pytest.mark.django_db


def test_it_names_a_model_by_its_verbose_name() -> None:
    with translation.override("zh-hans"):
        assert target_type_label("exams.Exam") == "考试"
    with translation.override("en"):
        assert target_type_label("exams.Exam") == "exam"


@pytest.mark.parametrize("stored", ["rosters.students", "not a label", "gone.Model"])
def test_it_shows_a_label_that_names_no_model_as_stored(stored: str) -> None:
    assert target_type_label(stored) == stored


def test_it_shows_nothing_for_an_event_without_object() -> None:
    assert target_type_label("") == ""


@pytest.mark.parametrize(
    ("language", "shown", "hidden"), [("zh-hans", "（考试）", "exams.Exam"), ("en", "(exam)", "exams.Exam")]
)
def test_the_event_list_shows_the_verbose_name(client, cast, language, shown, hidden) -> None:  # type: ignore[no-untyped-def]
    AuditEvent.objects.create(
        action=AuditAction.PUBLISH, target_type="exams.Exam", target_id="1", target_repr="期中考试", detail={}
    )
    client.force_login(cast.user("bureau_admin"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("audit:event_list")).content.decode()
    assert "期中考试" in page and shown in page
    assert hidden not in page
