"""Reading the audit log with the filters bureau administrators use."""

import datetime
from typing import Any

from django.apps import apps
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


def target_type_label(target_type: str) -> str:
    """The verbose name of the model an event names ("exams.Exam" → 考试 / exam), in the active language.

    Events outlive models: a label that no longer names an installed model, or was never one, is shown as
    stored rather than failing the whole page.
    """
    if not target_type:
        return ""
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return str(model._meta.verbose_name)
