"""Reading the audit log with the filters bureau administrators use."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from zhiliang.audit.models import AuditEvent


def audit_events_filtered(
    *,
    action: str = "",
    actor: str = "",
    text: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_name__icontains=actor)
    if text:
        events = events.filter(Q(target_repr__icontains=text) | Q(target_type__icontains=text))
    if date_from:
        events = events.filter(created_at__date__gte=date_from)
    if date_to:
        events = events.filter(created_at__date__lte=date_to)
    return events


def describe_detail(detail: dict[str, Any]) -> str:
    return "; ".join(f"{key}={value}" for key, value in sorted(detail.items()))
