"""The care hub, the county overview (counts only, suppressed) and the school's authorisations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhiliang.accounts.models import User
from zhiliang.accounts.scoping import can_see_county_overview, get_for_user, visible_schools
from zhiliang.care import selectors, services
from zhiliang.care.access import granting_schools, leading_classes, observable_classes, sensitive_students
from zhiliang.care.forms import GrantForm
from zhiliang.care.models import CareGrant, RecordKind, RoleGrant, SpecialGroupProfile
from zhiliang.org.models import SchoolYear
from zhiliang.web.access import require_any_role


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """What the user can do in student care: their classes, the watch list and whatever they are authorised for."""
    require_any_role(request.user)
    user = request.user
    current = SchoolYear.objects.filter(is_current=True)
    context = {
        "observe_classes": observable_classes(user)
        .select_related("school")
        .order_by("school__code", "grade", "number")[:60],
        "summary_classes": leading_classes(user)
        .filter(school_year__in=current)
        .select_related("school")
        .order_by("school__code", "grade", "number")[:60],
        "sees_special": sensitive_students(user, RecordKind.SPECIAL_GROUPS).exists(),
        "sees_psych": sensitive_students(user, RecordKind.PSYCH).exists(),
        "grants": granting_schools(user).exists(),
        "county": can_see_county_overview(user),
    }
    return render(request, "care/index.html", context)


@login_required
def county_overview(request: HttpRequest) -> HttpResponse:
    """Special groups and open psychological cases per school: counts only, below five hidden (docs/care.md)."""
    if not can_see_county_overview(request.user):
        raise Http404
    schools = list(visible_schools(request.user).order_by("code"))
    overview = selectors.county_overview(schools)
    columns = [SpecialGroupProfile._meta.get_field(flag).verbose_name for flag in SpecialGroupProfile.FLAGS]
    context = {
        "columns": columns,
        "rows": list(zip(schools, overview.table.cells, overview.table.row_totals, strict=True)),
        "column_totals": overview.table.column_totals,
        "total": overview.table.total,
        "minimum": overview.minimum,
    }
    return render(request, "care/county_overview.html", context)


def _staff(schools: object) -> object:
    """Users who work at the schools: their teachers with accounts, and their leadership."""
    return (
        User.objects.filter(
            Q(teacher__school__in=schools, teacher__is_active=True) | Q(role_assignments__school__in=schools),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


@login_required
def grants(request: HttpRequest) -> HttpResponse:
    """The principal's or academic director's page: who may see which sensitive records of the school."""
    schools = granting_schools(request.user).order_by("code")
    if not schools.exists():
        raise Http404
    form = GrantForm(request.POST or None, schools=schools, staff=_staff(schools))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["staff"]:
            services.care_grant_add(user=request.user, school=data["school"], grantee=data["staff"], kind=data["kind"])
        else:
            services.role_grant_add(user=request.user, school=data["school"], role=data["role"], kind=data["kind"])
        return redirect("care:grants")
    context = {
        "form": form,
        "named": CareGrant.objects.filter(school__in=schools).select_related("user", "school", "granted_by"),
        "roles": RoleGrant.objects.filter(school__in=schools).select_related("school", "granted_by"),
    }
    return render(request, "care/grants.html", context)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = {"named": CareGrant, "role": RoleGrant}.get(kind)
    if model is None:
        raise Http404
    grant = get_for_user(model.objects.filter(school__in=granting_schools(request.user)), pk=pk)
    services.grant_revoke(user=request.user, grant=grant)
    return redirect("care:grants")
