"""Reads for role management: which users a bureau administrator manages."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from zhiliang.accounts.models import RoleAssignment, User
from zhiliang.accounts.scoping import scope_for


def managed_users(admin: Any) -> QuerySet[User]:
    """Users with a role in, or teaching in, a county the admin administers."""
    county_ids = scope_for(admin).county_admin_ids
    return (
        User.objects.filter(
            Q(role_assignments__county_id__in=county_ids)
            | Q(role_assignments__school__county_id__in=county_ids)
            | Q(role_assignments__group__county_id__in=county_ids)
            | Q(teacher__county_id__in=county_ids)
        )
        .distinct()
        .select_related("teacher__school")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("county", "group", "school"),
            )
        )
        .order_by("username")
    )
