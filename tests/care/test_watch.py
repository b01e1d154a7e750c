"""控辍保学: a student on the watch list until they return, with follow-ups; for the school and the bureau."""

import datetime

import pytest
from django.urls import reverse

from tests.care.factories import absence
from zhiliang.care.models import FollowUp
from zhiliang.people.models import EnrollmentEvent

pytestmark = pytest.mark.django_db


def _names(client):
    return [row.student.name for row in client.get(reverse("care:watch_list")).context["rows"]]


def test_dropout_event_puts_a_student_on_the_list_for_school_and_bureau(cast, client):
    EnrollmentEvent.objects.create(
        student=cast.students["s2"], kind="dropout", date=datetime.date(2025, 10, 8), school=cast.junior1
    )
    for role in ("head_teacher", "principal", "bureau_admin", "bureau_analyst"):
        client.force_login(cast.user(role))
        assert _names(client) == ["李四"], role
    client.force_login(cast.user("other_teacher"))
    assert client.get(reverse("care:watch_list")).status_code == 404
    client.force_login(cast.user("central_principal"))
    assert _names(client) == []


def test_resume_takes_the_student_off(cast, client):
    for kind, day in (("suspend", datetime.date(2025, 9, 20)), ("resume", datetime.date(2025, 11, 3))):
        EnrollmentEvent.objects.create(student=cast.students["s1"], kind=kind, date=day, school=cast.junior1)
    client.force_login(cast.user("principal"))
    assert _names(client) == []


def test_long_absence_until_return_with_follow_ups(cast, client):
    spell = absence(cast, "s1", days=2)
    client.force_login(cast.user("head_teacher"))
    assert _names(client) == []  # two days: below the threshold of three
    spell.school_days = 6
    spell.save()
    assert _names(client) == ["张三"]
    detail = reverse("care:watch_detail", args=[cast.students["s1"].pk])
    client.post(
        reverse("care:follow_up_add", args=[cast.students["s1"].pk]),
        {"date": "2025-11-18", "kind": "home_visit", "notes": "家访，家长答应送回", "next_step": "周一再联系"},
    )
    row = client.get(reverse("care:watch_list")).context["rows"][0]
    assert (row.follow_ups, row.last_follow_up) == (1, datetime.date(2025, 11, 18))
    assert "on-watch" in client.get(detail).content.decode()
    client.post(reverse("care:absence_return", args=[spell.pk]), {"returned_on": "2025-11-24"})
    assert _names(client) == []
    assert "off-watch" in client.get(detail).content.decode()
    assert FollowUp.objects.count() == 1  # the history stays


def test_a_return_before_the_absence_began_is_refused(cast, client):
    spell = absence(cast, "s1")
    client.force_login(cast.user("principal"))
    client.post(reverse("care:absence_return", args=[spell.pk]), {"returned_on": "2025-01-01"})
    spell.refresh_from_db()
    assert spell.returned_on is None


def test_analyst_reads_but_does_not_write(cast, client):
    client.force_login(cast.user("bureau_analyst"))
    page = client.get(reverse("care:watch_detail", args=[cast.students["s1"].pk]))
    assert page.status_code == 200 and page.context["follow_up_form"] is None
