"""Granting and revoking roles: every change is audited (action role_change)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhiliang.accounts.models import COUNTY_ROLES, SCHOOL_ROLES, Role, RoleAssignment, User
from zhiliang.accounts.scoping import forget_scope
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.org.models import County, EducationGroup, School


def _scope_fields(
    role: str, county: County | None, group: EducationGroup | None, school: School | None, grade: int | None
) -> dict[str, Any]:
    if role in COUNTY_ROLES:
        if county is None:
            raise ValidationError(_("A bureau role needs a county."))
        return {"county": county, "group": None, "school": None, "grade": None}
    if role == Role.GROUP_LEADER:
        if group is None:
            raise ValidationError(_("A group leader needs an education group."))
        return {"county": group.county, "group": group, "school": None, "grade": None}
    if role in SCHOOL_ROLES:
        if school is None:
            raise ValidationError(_("This role needs a school."))
        return {"county": school.county, "group": None, "school": school, "grade": None}
    if role == Role.GRADE_LEADER:
        if school is None or grade is None:
            raise ValidationError(_("A grade leader needs a school and a grade."))
        if not school.serves_grade(grade):
            raise ValidationError(_("%(school)s does not teach grade %(grade)s.") % {"school": school, "grade": grade})
        return {"county": school.county, "group": None, "school": school, "grade": grade}
    raise ValidationError(_("Head teachers and subject teachers follow from the teaching assignments."))


@transaction.atomic
def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    county: County | None = None,
    group: EducationGroup | None = None,
    school: School | None = None,
    grade: int | None = None,
) -> RoleAssignment:
    """Give `user` a role with its scope; granting a role the user already has changes nothing."""
    fields = _scope_fields(role, county, group, school, grade)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, **fields)
    if created:
        audit_record(actor=actor, action=AuditAction.ROLE_CHANGE, target=assignment, change="grant", user=user.username)
    forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.ROLE_CHANGE,
        target=assignment,
        change="revoke",
        user=assignment.user.username,
    )
    user = assignment.user
    assignment.delete()
    forget_scope(user)
