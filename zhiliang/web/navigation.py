"""The main menu: which links a signed-in user gets, from their roles (`zhiliang.accounts.scoping`).

A link appears only when the user's scope makes the page useful to them; the page itself still checks access
(the menu is a convenience, never the guard). Roles combine: a principal who also teaches gets both sets.

The everyday pages (schools, classes, students, teachers, exams) stand in the bar; the capabilities built on
them sit in a few sections that open as drop-down menus, so the bar stays one line on a laptop and a short
list on a phone. A section with nothing for the user is not shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import Scope, can_view_audit_log, scope_for
from zhiliang.balance import access as balance_access
from zhiliang.development import access as development_access
from zhiliang.fitness import access as fitness_access
from zhiliang.growth import access as growth_access
from zhiliang.imports.selectors import may_use_imports
from zhiliang.teaching import access as teaching_access
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
    section: str = ""  # a key of SECTIONS, or "" for a link in the bar itself


SECTIONS: dict[str, Promise] = {
    "analysis": _("Quality analysis"),
    "students": _("Student development"),
    "teachers": _("Teachers and teaching"),
    "school": _("School affairs"),
    "admin": _("Administration"),
}


# In menu order: the bar, then the sections in SECTIONS order.
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
    NavEntry("items", _("Item analysis"), "items:index", lambda scope, user: bool(scope.roles), "analysis"),
    NavEntry("growth", growth_access.NAV_LABEL, "growth:index", growth_access.shows_growth, "analysis"),
    NavEntry("support", _("Student support"), "support:index", lambda scope, user: bool(scope.roles), "students"),
    NavEntry("care", _("Student care"), "care:index", lambda scope, user: bool(scope.roles), "students"),
    NavEntry("fitness", fitness_access.NAV_LABEL, "fitness:index", fitness_access.shows_fitness, "students"),
    NavEntry("teaching", teaching_access.NAV_LABEL, "teaching:index", teaching_access.shows_teaching, "teachers"),
    NavEntry(
        "development",
        development_access.NAV_LABEL,
        "development:index",
        development_access.shows_development,
        "teachers",
    ),
    NavEntry("balance", balance_access.NAV_LABEL, "balance:index", balance_access.shows_balance, "school"),
    NavEntry("rosters", _("Rosters"), "rosters:index", lambda scope, user: leads_schools(scope), "school"),
    NavEntry("imports", _("Imports"), "imports:job_list", lambda scope, user: may_use_imports(user), "school"),
    # Whoever manages a school (scoping.managed_schools): bureau administrators, principals, academic directors.
    NavEntry(
        "placement", _("Class placement"), "placement:index", lambda scope, user: _manages_schools(scope), "school"
    ),
    NavEntry("users", _("Users"), "accounts:user_list", lambda scope, user: bool(scope.county_admin_ids), "admin"),
    NavEntry("audit", _("Audit log"), "audit:event_list", lambda scope, user: can_view_audit_log(user), "admin"),
]


def nav_for(user: Any) -> list[dict[str, str]]:
    """The menu entries for `user`: key, label, URL and section, in menu order."""
    scope = scope_for(user)
    return [
        {"key": entry.key, "label": str(entry.label), "url": reverse(entry.url_name), "section": entry.section}
        for entry in NAV_ENTRIES
        if entry.shown(scope, user)
    ]


def nav_sections(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sections that have entries for this user, each with its entries, for the drop-down menus."""
    return [
        {"key": key, "label": str(label), "items": entries, "active": any(item.get("active") for item in entries)}
        for key, label in SECTIONS.items()
        if (entries := [item for item in items if item["section"] == key])
    ]
