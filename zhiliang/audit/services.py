"""Writing audit events (the only way they are written)."""

from typing import Any

from django.db import models

from zhiliang.audit.middleware import current_request
from zhiliang.audit.models import AuditEvent


def client_ip(request: Any) -> str | None:
    # REMOTE_ADDR is what the proxy forwarded; deployments behind a proxy set it via the proxy (docs/deploy.md).
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_repr: str = "",
    **detail: Any,
) -> AuditEvent:
    request = current_request.get()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "get_username", lambda: "")() if actor is not None else "")[:150],
        action=action,
        target_type=target_type or (target._meta.label if target is not None else ""),
        target_id=str(target.pk) if target is not None else "",
        target_repr=(target_repr or (str(target) if target is not None else ""))[:200],
        detail=detail,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )
