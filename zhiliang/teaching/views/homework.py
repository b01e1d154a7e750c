"""Homework (作业管理): teachers and head teachers record the day's homework; the daily load per class against
the 双减 limits, with the class-days over the limit first."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.org.models import SchoolClass
from zhiliang.teaching import services
from zhiliang.teaching.access import homework_classes, may_record_homework, visible_homework
from zhiliang.teaching.forms import HomeworkForm
from zhiliang.teaching.selectors import ClassDay, current_term, homework_load
from zhiliang.teaching.views.common import default_date

WINDOW_DAYS = 28


def _classes(request: HttpRequest) -> QuerySet[SchoolClass]:
    classes = (
        homework_classes(request.user)
        .filter(school_year__is_current=True)
        .select_related("school")
        .order_by("school__code", "grade", "number")
    )
    if not classes.exists():
        raise Http404
    return classes


def _parse(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def load_window(request: HttpRequest, classes: QuerySet[SchoolClass]) -> tuple[datetime.date, datetime.date]:
    first = classes.first()
    assert first is not None
    end = _parse(request.GET.get("end")) or default_date(current_term(first.school.county_id))
    start = _parse(request.GET.get("start")) or end - datetime.timedelta(days=WINDOW_DAYS - 1)
    if start > end:
        start, end = end, start
    return start, end


@login_required
def homework(request: HttpRequest) -> HttpResponse:
    classes = _classes(request)
    form = HomeworkForm(request.POST or None, classes=classes)
    _start, end = load_window(request, classes)
    if request.method != "POST":
        form.fields["date"].initial = end
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not may_record_homework(request.user, data["school_class"], data["subject"].pk):
            form.add_error("subject", _("You do not teach this subject in this class."))
        else:
            services.homework_record(
                user=request.user,
                school_class=data["school_class"],
                subject=data["subject"],
                date=data["date"],
                written=data["written"],
                minutes=data["minutes"],
                description=data["description"],
            )
            messages.success(request, _("Homework recorded."))
            return redirect("teaching:homework")
    entries = (
        visible_homework(request.user)
        .filter(school_class__in=classes, date__gte=end - datetime.timedelta(days=13), date__lte=end)
        .select_related("school_class", "subject", "recorded_by")[:200]
    )
    days = homework_load(classes, end - datetime.timedelta(days=6), end)
    return render(request, "teaching/homework.html", {"form": form, "entries": entries, "days": days[::-1]})


@login_required
def homework_load_view(request: HttpRequest) -> HttpResponse:
    classes = _classes(request)
    start, end = load_window(request, classes)
    days: list[ClassDay] = homework_load(classes, start, end)
    alerts = [day for day in days if day.load.is_alert]
    return render(
        request,
        "teaching/homework_load.html",
        {
            "days": sorted(days, key=lambda d: (not d.load.is_alert, d.date), reverse=False),
            "alerts": alerts,
            "start": start,
            "end": end,
        },
    )
