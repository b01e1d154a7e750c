"""Role management for bureau administrators: see who holds which role, grant and revoke (audited)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.forms import RoleGrantForm
from zhiliang.accounts.models import RoleAssignment, User
from zhiliang.accounts.scoping import get_for_user, scope_for
from zhiliang.accounts.selectors import managed_users
from zhiliang.accounts.services import role_grant, role_revoke
from zhiliang.org.models import County


def _require_bureau_admin(request: HttpRequest) -> frozenset[int]:
    county_ids = scope_for(request.user).county_admin_ids
    if not county_ids:
        raise Http404
    return county_ids


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_bureau_admin(request)
    query = request.GET.get("q", "").strip()
    users = managed_users(request.user)
    if query:
        users = users.filter(username__icontains=query) | users.filter(full_name__icontains=query)
    return render(request, "accounts/user_list.html", {"users": users[:200], "query": query})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    county_ids = _require_bureau_admin(request)
    user = get_for_user(managed_users(request.user), pk=pk)
    form = RoleGrantForm(request.POST or None, county_ids=county_ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        county = County.objects.filter(id__in=county_ids).first() if data["role"].startswith("bureau") else None
        try:
            role_grant(
                actor=request.user,  # type: ignore[arg-type]
                user=user,
                role=data["role"],
                county=county,
                group=data["group"],
                school=data["school"],
                grade=data["grade"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:user_detail", pk=user.pk)
    assignments = user.role_assignments.select_related("county", "group", "school")
    return render(request, "accounts/user_detail.html", {"managed": user, "assignments": assignments, "form": form})


@login_required
@require_POST
def role_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    county_ids = _require_bureau_admin(request)
    in_county = Q(county_id__in=county_ids) | Q(school__county_id__in=county_ids) | Q(group__county_id__in=county_ids)
    assignment = get_for_user(RoleAssignment.objects.select_related("user").filter(in_county), pk=pk)
    user: User = assignment.user
    role_revoke(actor=request.user, assignment=assignment)  # type: ignore[arg-type]
    messages.success(request, _("Role revoked."))
    return redirect("accounts:user_detail", pk=user.pk)
