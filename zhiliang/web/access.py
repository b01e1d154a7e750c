"""Which pages a role opens at all (before scoping narrows what is on them).

* School pages (list, detail): roles that see whole schools: bureau, group, principal, academic director.
* Class, student and teacher pages: anyone holding a role; the scoping functions decide which rows.

A user without a role gets 404 from every page except the home page, like any object outside their scope.
"""

from typing import Any

from django.http import Http404

from zhiliang.accounts.scoping import Scope, scope_for


def leads_schools(scope: Scope) -> bool:
    return bool(scope.county_ids or scope.group_ids or scope.school_ids)


def leads(scope: Scope) -> bool:
    """School leadership or a grade leader: the roles that look across classes rather than teach them."""
    return leads_schools(scope) or bool(scope.grade_pairs)


def require_school_leadership(user: Any) -> Scope:
    scope = scope_for(user)
    if not leads_schools(scope):
        raise Http404
    return scope


def require_any_role(user: Any) -> Scope:
    scope = scope_for(user)
    if not scope.roles:
        raise Http404
    return scope
