"""Mentoring pairs (结对带教): the school sets them up; mentor and mentee record meetings and lesson visits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user
from zhiliang.development import access, services
from zhiliang.development.exports import meetings_sheet, pairs_sheet, xlsx_response
from zhiliang.development.forms import MeetingForm, PairForm
from zhiliang.development.models import MentoringPair
from zhiliang.development.views.common import paginate, require_development, wants_xlsx
from zhiliang.people.models import Teacher


@login_required
def pair_list(request: HttpRequest) -> HttpResponse:
    require_development(request)
    pairs = (
        access.pairs_visible(request.user)
        .select_related("school", "mentor", "mentee")
        .annotate(meeting_count=Count("meetings"))
        .order_by("school__code", "-started_on", "pk")
    )
    if wants_xlsx(request):
        return xlsx_response(request, [pairs_sheet(pairs)], "mentoring-pairs.xlsx", "development_pairs")
    can_create = access.school_managed(request.user).exists()
    return render(
        request,
        "development/pair_list.html",
        {"page": paginate(request, pairs), "can_create": can_create, "results_id": "pairs"},
    )


@login_required
def pair_create(request: HttpRequest) -> HttpResponse:
    schools = access.school_managed(request.user)
    if not schools.exists():
        raise Http404
    teachers = Teacher.objects.filter(school__in=schools, is_active=True).order_by("school__code", "name")
    form = PairForm(request.POST or None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        try:
            pair = services.pair_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("development:pair_detail", pk=pair.pk)
    return render(
        request,
        "development/simple_form.html",
        {"form": form, "title": _("New mentoring pair"), "back": "development:pair_list"},
    )


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair: MentoringPair = get_for_user(
        access.pairs_visible(request.user).select_related("school", "mentor", "mentee"), pk=pk
    )
    meetings = pair.meetings.order_by("-date", "-pk")
    if wants_xlsx(request):
        return xlsx_response(
            request, [meetings_sheet(pair, meetings)], f"mentoring-{pair.pk}.xlsx", "development_meetings", target=pair
        )
    can_record = access.can_record_meeting(request.user, pair)
    form = MeetingForm(request.POST or None) if can_record else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            services.meeting_add(user=request.user, pair=pair, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("development:pair_detail", pk=pair.pk)
    counts = dict.fromkeys(("meeting", "mentor_lesson", "mentee_lesson"), 0)
    for meeting in meetings:
        counts[meeting.kind] = counts.get(meeting.kind, 0) + 1
    return render(
        request,
        "development/pair_detail.html",
        {"pair": pair, "meetings": meetings, "form": form, "counts": counts},
    )
