"""Subject groups (教研组) and their activities (集体备课, 教研活动) with minutes and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user
from zhiliang.development import access, services
from zhiliang.development.exports import activities_sheet, groups_sheet, xlsx_response
from zhiliang.development.forms import ActivityForm, GroupForm
from zhiliang.development.models import GroupActivity, SubjectGroup
from zhiliang.development.views.common import paginate, require_development, wants_xlsx
from zhiliang.people.models import Teacher


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    require_development(request)
    groups = (
        access.groups_visible(request.user)
        .select_related("school", "leader")
        .prefetch_related("subjects")
        .annotate(member_count=Count("members", distinct=True), activity_count=Count("activities", distinct=True))
        .order_by("school__code", "name")
    )
    if wants_xlsx(request):
        return xlsx_response(request, [groups_sheet(groups)], "subject-groups.xlsx", "development_groups")
    return render(
        request,
        "development/group_list.html",
        {
            "page": paginate(request, groups),
            "can_create": access.school_managed(request.user).exists(),
            "results_id": "groups",
        },
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    schools = access.school_managed(request.user).order_by("code")
    if not schools.exists():
        raise Http404
    form = GroupForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("development:group_detail", pk=group.pk)
    return render(
        request,
        "development/simple_form.html",
        {"form": form, "title": _("New subject group"), "back": "development:group_list"},
    )


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group: SubjectGroup = get_for_user(
        access.groups_visible(request.user).select_related("school", "leader").prefetch_related("subjects"), pk=pk
    )
    members = Teacher.objects.filter(subject_groups=group).order_by("name")
    activities = group.activities.prefetch_related(
        Prefetch("attendees", queryset=Teacher.objects.order_by("name"))
    ).order_by("-date", "-pk")
    member_count = members.count()
    if wants_xlsx(request):
        return xlsx_response(
            request,
            [activities_sheet(group, activities, member_count)],
            f"subject-group-{group.pk}.xlsx",
            "development_activities",
            target=group,
        )
    can_record = access.can_record_activity(request.user, group)
    form = ActivityForm(request.POST or None, members=members) if can_record else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            attendees = data.pop("attendees")
            try:
                services.activity_add(user=request.user, group=group, attendees=attendees, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("development:group_detail", pk=group.pk)
    rows = [_activity_row(a, member_count) for a in activities]
    return render(
        request,
        "development/group_detail.html",
        {"group": group, "members": members, "activities": rows, "form": form, "member_count": member_count},
    )


def _activity_row(activity: GroupActivity, members: int) -> dict[str, object]:
    present = list(activity.attendees.all())
    return {"activity": activity, "present": present, "rate": len(present) / members if members else None}
