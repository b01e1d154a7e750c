"""The main menu: which links a signed-in user gets, from their roles (`zhiliang.accounts.scoping`).

A link appears only when the user's scope makes the page useful to them; the page itself still checks access
(the menu is a convenience, never the guard). Roles combine: a principal who also teaches gets both sets.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import Scope, can_view_audit_log, scope_for
from zhiliang.imports.selectors import may_use_imports
from zhiliang.web.access import leads, leads_schools


def _manages_schools(scope: Scope) -> bool:
    return bool(scope.county_admin_ids or scope.school_ids)


def _teaches_only(scope: Scope) -> bool:
    return bool(scope.roles) and not leads(scope)


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: Promise
    url_name: str
    shown: Callable[[Scope, Any], bool]


NAV_ENTRIES = [
    NavEntry("home", _("Home"), "web:home", lambda scope, user: True),
    NavEntry("schools", _("Schools"), "org:school_list", lambda scope, user: leads_schools(scope)),
    NavEntry("classes", _("Classes"), "org:class_list", lambda scope, user: leads(scope)),
    NavEntry("my_classes", _("My classes"), "org:class_list", lambda scope, user: _teaches_only(scope)),
    NavEntry("students", _("Students"), "people:student_list", lambda scope, user: bool(scope.roles)),
    NavEntry("teachers", _("Teachers"), "people:teacher_list", lambda scope, user: leads(scope)),
    NavEntry("exams", _("Exams"), "exams:exam_list", lambda scope, user: leads(scope)),
    # Teachers reach the score-entry sheets of their classes through the exam list.
    NavEntry("score_entry", _("Score entry"), "exams:exam_list", lambda scope, user: _teaches_only(scope)),
    NavEntry("rosters", _("Rosters"), "rosters:index", lambda scope, user: leads_schools(scope)),
    NavEntry("imports", _("Imports"), "imports:job_list", lambda scope, user: may_use_imports(user)),
    # Whoever manages a school (scoping.managed_schools): bureau administrators, principals, academic directors.
    NavEntry("placement", _("Class placement"), "placement:index", lambda scope, user: _manages_schools(scope)),
    NavEntry("users", _("Users"), "accounts:user_list", lambda scope, user: bool(scope.county_admin_ids)),
    NavEntry("audit", _("Audit log"), "audit:event_list", lambda scope, user: can_view_audit_log(user)),
]


def nav_for(user: Any) -> list[dict[str, str]]:
    """The menu entries for `user`: key, label and URL, in menu order."""
    scope = scope_for(user)
    return [
        {"key": entry.key, "label": str(entry.label), "url": reverse(entry.url_name)}
        for entry in NAV_ENTRIES
        if entry.shown(scope, user)
    ]
