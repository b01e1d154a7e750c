"""Which import jobs a user may see: their own, their managed schools' and, for a bureau administrator, the
county's. Everyone else gets 404 (views use `get_for_user`)."""

from typing import Any

from django.db.models import Q, QuerySet

from zhiliang.accounts.scoping import managed_schools, scope_for
from zhiliang.imports.models import ImportJob


def visible_import_jobs(user: Any) -> QuerySet[ImportJob]:
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    scope = scope_for(user)
    q = Q(created_by=user) | Q(school__in=managed_schools(user)) | Q(county_id__in=scope.county_admin_ids)
    return ImportJob.objects.filter(q).select_related("school", "created_by", "confirmed_by").defer("content")


def may_use_imports(user: Any) -> bool:
    """Whether the import pages (the job list) exist for this user: they manage a school or have imported."""
    return managed_schools(user).exists() or ImportJob.objects.filter(created_by=user).exists()
