"""Writes for student care that touch more than one row or must leave an audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.care.models import CareGrant, PsychCase, PsychSession, RoleGrant
from zhiliang.people.models import Student

# Every opening of a sensitive record is written to the audit log under this action (docs/care.md).
SENSITIVE_VIEW = AuditAction.SENSITIVE_VIEW


def sensitive_view_audit(*, user: Any, kind: str, student: Student | None = None, **detail: Any) -> None:
    """Record that `user` saw sensitive records of `kind` (one student, or a list: then `detail` says which)."""
    if student is not None:
        audit_record(actor=user, action=SENSITIVE_VIEW, target=student, kind=kind, **detail)
    else:
        audit_record(actor=user, action=SENSITIVE_VIEW, target_type="care.list", target_repr=kind, kind=kind, **detail)


@transaction.atomic
def care_grant_add(*, user: Any, school: Any, grantee: Any, kind: str) -> CareGrant:
    grant, _created = CareGrant.objects.get_or_create(
        school=school, user=grantee, kind=kind, defaults={"granted_by": user}
    )
    audit_record(actor=user, action=AuditAction.ROLE_CHANGE, target=grant, change="care_grant_add", kind=kind)
    return grant


@transaction.atomic
def role_grant_add(*, user: Any, school: Any, role: str, kind: str) -> RoleGrant:
    grant, _created = RoleGrant.objects.get_or_create(
        school=school, role=role, kind=kind, defaults={"granted_by": user}
    )
    audit_record(actor=user, action=AuditAction.ROLE_CHANGE, target=grant, change="role_grant_add", kind=kind)
    return grant


@transaction.atomic
def grant_revoke(*, user: Any, grant: CareGrant | RoleGrant) -> None:
    audit_record(actor=user, action=AuditAction.ROLE_CHANGE, target=grant, change="grant_revoke", kind=grant.kind)
    grant.delete()


@transaction.atomic
def psych_session_add(
    *, user: Any, case: PsychCase, date: dt.date, minutes: int, summary: str, risk_level: str, close: bool
) -> PsychSession:
    """Log a session; the case takes the session's risk level, and is closed when the counsellor says so."""
    session = PsychSession.objects.create(
        case=case, date=date, minutes=minutes, summary=summary, risk_level=risk_level, recorded_by=user
    )
    case.risk_level = risk_level
    if close:
        case.closed_on = max(date, case.opened_on)
    case.save(update_fields=["risk_level", "closed_on"])
    return session
