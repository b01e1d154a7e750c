"""Revealing a student's ID number: only bureau administrators and the school's leadership, always audited."""

import pytest
from django.urls import reverse

from zhiliang.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

FULL = "110101201301010017"


def reveal(client, cast, role, key="s1", **headers):
    client.force_login(cast.user(role))
    return client.post(reverse("people:student_reveal_id", args=[cast.students[key].pk]), **headers)


@pytest.mark.parametrize("role", ["bureau_admin", "principal", "academic_director"])
def test_allowed_roles_see_the_number_once_and_it_is_audited(client, cast, role):
    response = reveal(client, cast, role)
    assert response.status_code == 200
    assert FULL in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=AuditAction.ID_REVEAL)
    assert event.actor == cast.user(role)
    assert (event.target_type, event.target_id) == ("people.Student", str(cast.students["s1"].pk))
    assert FULL not in str(event.detail) and FULL not in event.target_repr
    # The detail page afterwards shows the masked number again.
    page = client.get(reverse("people:student_detail", args=[cast.students["s1"].pk])).content.decode()
    assert FULL not in page


@pytest.mark.parametrize(
    "role",
    [
        "bureau_analyst",
        "group_leader",
        "central_principal",
        "grade_leader",
        "head_teacher",
        "subject_teacher",
        "other_teacher",
        "outsider",
    ],
)
def test_everyone_else_gets_404_and_nothing_is_recorded(client, cast, role):
    response = reveal(client, cast, role)
    assert response.status_code == 404
    assert FULL not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.ID_REVEAL).exists()


def test_htmx_reveal_returns_the_fragment(client, cast):
    response = reveal(client, cast, "principal", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="id-number")
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="id-number"' in html and FULL in html


def test_without_javascript_the_reveal_renders_the_whole_page(client, cast):
    html = reveal(client, cast, "principal").content.decode()
    assert "<html" in html and FULL in html and "张三" in html


def test_reveal_needs_a_post(client, cast):
    client.force_login(cast.user("principal"))
    assert client.get(reverse("people:student_reveal_id", args=[cast.students["s1"].pk])).status_code == 405
    assert not AuditEvent.objects.filter(action=AuditAction.ID_REVEAL).exists()


def test_a_student_without_a_number_has_nothing_to_reveal(client, cast):
    assert reveal(client, cast, "principal", key="s3").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.ID_REVEAL).exists()


def test_principal_cannot_reveal_in_another_school(client, cast):
    assert reveal(client, cast, "principal", key="s4").status_code == 404
