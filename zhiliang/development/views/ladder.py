"""The ladder: who is eligible for review for their next stage, the criteria (versioned data), training overview,
and the index page that gathers a user's way in."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import scope_for
from zhiliang.core.development import METRICS, STAGES, CriteriaError, metric_label, metric_unit, stage_label
from zhiliang.development import access, selectors, services
from zhiliang.development.exports import (
    ladder_sheet,
    school_training_sheet,
    training_progress_sheet,
    xlsx_response,
)
from zhiliang.development.forms import CriteriaForm
from zhiliang.development.models import Confirmation, LadderCriteria, TrainingRecord
from zhiliang.development.views.common import require_development, selected_school, wants_xlsx
from zhiliang.people.models import Teacher

YEARS_BACK = 4


def _as_of(request: HttpRequest) -> tuple[int, datetime.date, list[int]]:
    """The review year asked for (this year or one of the four before) and the day figures are counted to."""
    today = selectors.today()
    years = [today.year - i for i in range(YEARS_BACK + 1)]
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else today.year
    return year, (today if year == today.year else datetime.date(year, 12, 31)), years


def _reviewable_or_404(request: HttpRequest) -> Any:
    schools = access.reviewable_schools(request.user).order_by("code")
    if not schools.exists():
        raise Http404
    return schools


@login_required
def ladder(request: HttpRequest) -> HttpResponse:
    schools = _reviewable_or_404(request)
    school = selected_school(request, schools)
    year, as_of, years = _as_of(request)
    teachers = Teacher.objects.filter(school__in=[school] if school else schools, is_active=True)
    rows = selectors.ladder_rows(teachers, as_of)
    only_eligible = request.GET.get("eligible") == "1"
    shown = [r for r in rows if r.eligible] if only_eligible else rows
    if wants_xlsx(request):
        title = f"{school.name if school else ''} {year}年度教师晋级评审资格名单".strip()
        return xlsx_response(
            request, [ladder_sheet(shown, title)], f"ladder-eligible-{year}.xlsx", "development_ladder"
        )
    lang = request.LANGUAGE_CODE
    summary: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.next_stage:
            entry = summary.setdefault(row.next_stage, {"teachers": 0, "eligible": 0})
            entry["teachers"] += 1
            entry["eligible"] += int(row.eligible)
    context = {
        "schools": schools,
        "school": school,
        "year": year,
        "years": years,
        "only_eligible": only_eligible,
        "rows": [
            {
                "row": r,
                "current": stage_label(r.teacher.growth_stage, lang),
                "next": stage_label(r.next_stage, lang) if r.next_stage else "",
                "unmet": [metric_label(c.metric, lang) for c in r.evaluation.unmet] if r.evaluation else [],
            }
            for r in shown
        ],
        "summary": [{"stage": stage_label(stage, lang), **summary[stage]} for stage in STAGES if stage in summary],
    }
    return render(request, "development/ladder.html", context)


def _owners(request: HttpRequest) -> list[tuple[str, str]]:
    owners = [(f"county:{c.pk}", str(c)) for c in access.criteria_counties(request.user)]
    owners += [(f"school:{s.pk}", s.name) for s in access.criteria_schools(request.user).order_by("code")]
    return owners


@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    """Criteria in force for each school the user sees; editors save a new version (history stays)."""
    schools = _reviewable_or_404(request)
    owners = _owners(request)
    school = selected_school(request, schools) or schools.first()
    in_force = selectors.criteria_for(school)
    lang = request.LANGUAGE_CODE
    form = None
    if owners:
        form = CriteriaForm(request.POST or None, owners=owners, rules=in_force.rules, lang=lang)
        if request.method == "POST" and form.is_valid():
            kind, _sep, pk = form.cleaned_data["owner"].partition(":")
            target_school = access.criteria_schools(request.user).get(pk=pk) if kind == "school" else None
            county = target_school.county if target_school else access.criteria_counties(request.user).get(pk=pk)
            try:
                saved = services.criteria_save(
                    user=request.user,
                    county=county,
                    school=target_school,
                    rules=form.rules(),
                    note=form.cleaned_data["note"],
                )
            except CriteriaError as error:
                form.add_error(None, error.message(lang))
            else:
                messages.success(request, _("Saved as version %(version)s.") % {"version": saved.version})
                return redirect(f"{request.path}?school={school.pk}")
    elif request.method == "POST":
        raise Http404
    history = LadderCriteria.objects.filter(county_id=school.county_id).filter(
        school__isnull=True
    ) | LadderCriteria.objects.filter(school=school)
    table = [
        {
            "label": metric_label(metric, lang),
            "unit": metric_unit(metric, lang),
            "values": [in_force.rules.get(stage, {}).get(metric) for stage in STAGES[1:]],
        }
        for metric in METRICS
    ]
    return render(
        request,
        "development/criteria.html",
        {
            "schools": schools,
            "school": school,
            "in_force": in_force,
            "stages": [stage_label(s, lang) for s in STAGES[1:]],
            "table": table,
            "form": form,
            "history": history.select_related("school", "created_by").order_by("-created_at", "-pk")[:30],
        },
    )


@login_required
def training_overview(request: HttpRequest) -> HttpResponse:
    """Per school the share of teachers with 360 hours in five years; per teacher once a school is chosen."""
    schools = _reviewable_or_404(request)
    school = selected_school(request, schools)
    if school is None and schools.count() == 1:
        school = schools.first()
    per_school = selectors.training_overview(schools)
    per_teacher = (
        selectors.teacher_training_rows(Teacher.objects.filter(school=school, is_active=True)) if school else []
    )
    if wants_xlsx(request):
        sheets = [school_training_sheet(per_school)]
        if school:
            sheets.append(training_progress_sheet(per_teacher))
        return xlsx_response(request, sheets, "training-360.xlsx", "development_training_overview")
    return render(
        request,
        "development/training_overview.html",
        {"schools": schools, "school": school, "per_school": per_school, "per_teacher": per_teacher},
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_development(request)
    user = request.user
    scope = scope_for(user)
    context: dict[str, Any] = {}
    if scope.teacher_id is not None:
        me = access.own_teacher(user)
        context["me"] = me
        context["my_progress"] = selectors.training_progress_by_teacher([scope.teacher_id], selectors.today())[
            scope.teacher_id
        ]
        context["my_pairs"] = selectors.active_pairs(access.pairs_visible(user)).filter(
            mentor_id=scope.teacher_id
        ) | selectors.active_pairs(access.pairs_visible(user)).filter(mentee_id=scope.teacher_id)
        context["my_groups"] = access.groups_visible(user).filter(members=scope.teacher_id).distinct()
    schools = access.reviewable_schools(user).order_by("code")
    if schools.exists():
        context["schools_overview"] = selectors.training_overview(schools)
        context["stage_counts"] = [
            (stage_label(stage, request.LANGUAGE_CODE), n)
            for stage, n in selectors.stage_counts(Teacher.objects.filter(school__in=schools, is_active=True))
        ]
        managed = access.school_managed(user)
        context["pending"] = TrainingRecord.objects.filter(
            teacher__school__in=managed, status=Confirmation.PENDING
        ).count()
    return render(request, "development/index.html", context)
