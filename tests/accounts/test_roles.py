"""Granting and revoking roles: services, the management command, and the bureau administrator's pages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from zhiliang.accounts.models import Role, RoleAssignment
from zhiliang.accounts.scoping import visible_schools
from zhiliang.accounts.services import role_grant, role_revoke
from zhiliang.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_grant_is_audited_and_takes_effect_at_once(cast):
    outsider = cast.user("outsider")
    assert not visible_schools(outsider).exists()
    role_grant(actor=cast.user("bureau_admin"), user=outsider, role=Role.PRINCIPAL, school=cast.junior2)
    assert [school.name for school in visible_schools(outsider)] == ["第二初级中学"]
    event = AuditEvent.objects.get(action="role_change")
    assert event.actor_name == "bureau_admin"
    assert event.detail == {"change": "grant", "user": "outsider"}


def test_granting_twice_changes_nothing(cast):
    for _ in range(2):
        role_grant(actor=None, user=cast.user("outsider"), role=Role.PRINCIPAL, school=cast.junior2)
    assert RoleAssignment.objects.filter(user=cast.user("outsider")).count() == 1
    assert AuditEvent.objects.filter(action="role_change").count() == 1


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (Role.BUREAU_ADMIN, {}, "A bureau role needs a county."),
        (Role.GROUP_LEADER, {}, "A group leader needs an education group."),
        (Role.PRINCIPAL, {}, "This role needs a school."),
        (Role.GRADE_LEADER, {"grade": 7}, "A grade leader needs a school and a grade."),
        (Role.HEAD_TEACHER, {}, "Head teachers and subject teachers follow from the teaching assignments."),
    ],
)
def test_a_role_needs_its_scope(cast, role, scope, message, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ValidationError) as error:
        role_grant(actor=None, user=cast.user("outsider"), role=role, **scope)
    assert error.value.messages == [message]


def test_grade_leader_of_a_grade_the_school_does_not_teach_is_refused(cast, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ValidationError, match="does not teach grade 3"):
        role_grant(actor=None, user=cast.user("outsider"), role=Role.GRADE_LEADER, school=cast.junior1, grade=3)


def test_revoke_is_audited(cast):
    assignment = cast.user("grade_leader").role_assignments.get()
    role_revoke(actor=cast.user("bureau_admin"), assignment=assignment)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.get(action="role_change").detail["change"] == "revoke"


def test_grant_role_command(cast):
    call_command("grant_role", "outsider", "bureau_analyst", "--county", "清河县")
    assert RoleAssignment.objects.get(user=cast.user("outsider")).role == Role.BUREAU_ANALYST


def test_bureau_admin_grants_a_role_from_the_page(client, cast):
    client.force_login(cast.user("bureau_admin"))
    target = cast.user("head_teacher")
    url = reverse("accounts:user_detail", kwargs={"pk": target.pk})
    response = client.post(url, {"role": Role.GRADE_LEADER, "school": cast.junior1.pk, "grade": 7})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=target, role=Role.GRADE_LEADER, grade=7).exists()


def test_bureau_admin_cannot_grant_a_school_of_another_county(client, cast):
    from zhiliang.org.models import School

    client.force_login(cast.user("bureau_admin"))
    foreign = School.objects.get(code="X01")
    url = reverse("accounts:user_detail", kwargs={"pk": cast.user("head_teacher").pk})
    response = client.post(url, {"role": Role.PRINCIPAL, "school": foreign.pk})
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(school=foreign).exists()


@pytest.mark.parametrize(("role", "status"), [("bureau_admin", 302), ("principal", 404), ("bureau_analyst", 404)])
def test_only_bureau_admin_revokes(client, cast, role, status):
    assignment = cast.user("grade_leader").role_assignments.get()
    client.force_login(cast.user(role))
    response = client.post(reverse("accounts:role_revoke", kwargs={"pk": assignment.pk}))
    assert response.status_code == status
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists() == (status != 302)


def test_user_list_shows_only_the_county(client, cast):
    from zhiliang.accounts.models import User

    User.objects.create_user(username="foreign", password="x")
    client.force_login(cast.user("bureau_admin"))
    content = client.get(reverse("accounts:user_list")).content.decode()
    assert "principal" in content
    assert "foreign" not in content
    assert "outsider" not in content
