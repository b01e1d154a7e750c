"""Who reaches the balanced-development pages, decided only through `zhiliang.accounts.scoping`.

The bureau sees every school of its county (the administrator edits, the analyst reads), a group leader the
schools of their group (read-only), a principal or academic director their school and the teaching points under
it (and edits them). Teachers, head teachers and grade leaders see nothing here: 404.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import Scope, can_manage_school, scope_for, whole_school_ids
from zhiliang.org.models import School, SchoolKind

NAV_LABEL = _("Balanced development")
# Kinds of school with a compulsory stage (a senior high school has none).
COMPULSORY_KINDS = [
    SchoolKind.PRIMARY,
    SchoolKind.JUNIOR,
    SchoolKind.NINE_YEAR,
    SchoolKind.COMPLETE_SECONDARY,
    SchoolKind.TWELVE_YEAR,
    SchoolKind.TEACHING_POINT,
]


def shows_balance(scope: Scope, user: Any) -> bool:
    """The navigation entry: whole-school roles (county, group, school leadership)."""
    return bool(scope.county_ids or scope.group_ids or scope.school_ids)


def balance_schools(user: Any) -> QuerySet[School]:
    """Schools whose balance pages the user may open."""
    return whole_school_ids(user).filter(kind__in=COMPULSORY_KINDS).order_by("code")


def can_edit(user: Any, school: School) -> bool:
    """Figures, measures and school checklist answers: the bureau administrator and the school's leadership."""
    return can_manage_school(user, school)


def is_bureau(user: Any) -> bool:
    return bool(scope_for(user).county_ids)


def administers_county(user: Any, county_id: int) -> bool:
    return county_id in scope_for(user).county_admin_ids
