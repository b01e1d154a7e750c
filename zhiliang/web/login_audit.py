"""Audit events for signing in: every successful login and every failed attempt.

Connected in `WebConfig.ready()`. Failed attempts name the username that was tried (Django never passes the
password on: `user_login_failed` receives cleansed credentials), so a bureau administrator can see guessing
against an account in the audit log; django-axes locks the account after repeated failures.
"""

from typing import Any

from django.contrib.auth import get_user_model

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record


def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, target=user)


def record_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    # The event names the account that was tried but links to no user: whoever typed it is not known.
    # An unsaved User carries the name (`audit_record` links an actor only when it has a primary key).
    audit_record(
        actor=get_user_model()(username=username),
        action=AuditAction.LOGIN_FAILED,
        target_type="accounts.User",
        target_repr=username,
        username=username,
    )
