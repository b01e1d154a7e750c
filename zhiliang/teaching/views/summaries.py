"""Where the records add up: the teaching home page by role, a teacher's summary, a school's summary with
quotas and settings, the county overview (aggregates only) and the printable term report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user, scope_for
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.teaching.report import render_pdf
from zhiliang.core.teaching.summaries import standard_summary
from zhiliang.org.models import School
from zhiliang.teaching import services
from zhiliang.teaching.access import (
    aggregate_schools,
    homework_classes,
    led_schools,
    observer_role,
    require_leader,
    visible_observations,
    visible_results,
    visible_rubrics,
    visible_teacher_summaries,
)
from zhiliang.teaching.forms import SettingsForm
from zhiliang.teaching.models import FormKind, ObservationQuota, ObserverRole
from zhiliang.teaching.report_data import term_report
from zhiliang.teaching.selectors import (
    county_overview,
    current_term,
    lesson_scores,
    open_rows,
    quota_rows,
    quota_totals,
    school_summary,
    school_target,
    teacher_summary,
)
from zhiliang.teaching.views.common import require_teaching, term_context


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_teaching(request)
    user = request.user
    scope = scope_for(user)
    schools = []
    for school in led_schools(user):
        term = current_term(school.county_id)
        observations = visible_observations(user).filter(school=school, submitted_at__isnull=False, term=term)
        schools.append(
            {
                "school": school,
                "term": term,
                "stats": standard_summary(lesson_scores(observations), school_target(school)),
                "open": len(open_rows(visible_results(user).filter(inspection__school=school))),
            }
        )
    mine = visible_observations(user).select_related("teacher", "school_class", "subject")
    context: dict[str, Any] = {
        "schools": schools,
        "aggregate": aggregate_schools(user).exists(),
        "can_observe": observer_role(user) is not None,
        "observed": mine.filter(observer=user)[:8],
        "teacher_id": scope.teacher_id,
        "of_me": mine.filter(teacher_id=scope.teacher_id or -1, submitted_at__isnull=False)[:8],
        "my_open": open_rows(visible_results(user).filter(teacher_id=scope.teacher_id or -1)),
        "homework": homework_classes(user).filter(school_year__is_current=True).exists(),
        "configures": visible_rubrics(user).exists() or bool(scope.county_admin_ids),
    }
    return render(request, "teaching/index.html", context)


@login_required
def teacher_detail(request: HttpRequest, pk: int) -> HttpResponse:
    teacher = get_for_user(visible_teacher_summaries(request.user).select_related("school"), pk=pk)
    summary = teacher_summary(teacher)
    observations = (
        visible_observations(request.user)
        .filter(teacher=teacher, submitted_at__isnull=False)
        .select_related("school_class", "subject")
    )
    chart = {
        "dates": [point["date"] for point in summary.series],
        "scores": [point["score"] for point in summary.series],
        "standard_label": _("Score"),
        "criteria": [row.criterion for row in summary.profile],
        "own": [float(row.share * 100) for row in summary.profile],
        "school": [float(row.reference * 100) if row.reference is not None else None for row in summary.profile],
        "own_label": str(teacher.name),
        "school_label": _("School"),
    }
    return render(
        request,
        "teaching/teacher_detail.html",
        {"teacher": teacher, "summary": summary, "observations": observations[:100], "chart": chart},
    )


@login_required
def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_for_user(School.objects.all(), pk=pk)
    require_leader(request.user, school)
    term, context = term_context(request, school.county_id)
    rows = quota_rows(school, term) if term else []
    context.update(
        school=school,
        summary=school_summary(school, term),
        quotas=rows,
        quota_totals=quota_totals(rows),
        open=open_rows(visible_results(request.user).filter(inspection__school=school)),
    )
    return render(request, "teaching/school_detail.html", context)


@login_required
def school_settings(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_for_user(School.objects.all(), pk=pk)
    require_leader(request.user, school)
    term, context = term_context(request, school.county_id)
    if term is None:
        raise Http404
    setting = services.school_setting(school)
    quotas = dict(ObservationQuota.objects.filter(school=school, term=term).values_list("role", "required"))
    initial: dict[str, Any] = {
        "target": setting.target * 100,
        "observation_rubric": (
            setting.observation_rubric or services.county_default_form(school.county, FormKind.OBSERVATION)
        ).pk,
        "inspection_checklist": (
            setting.inspection_checklist or services.county_default_form(school.county, FormKind.INSPECTION)
        ).pk,
        **{f"quota_{role}": quotas.get(role) for role in ObserverRole.values},
    }
    rubrics = visible_rubrics(request.user).filter(school__isnull=True, county=school.county) | visible_rubrics(
        request.user
    ).filter(school=school)
    form = SettingsForm(request.POST or None, initial=initial, rubrics=rubrics)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            setting.target = (data["target"] / 100).quantize(Decimal("0.0001"))
            setting.observation_rubric = data["observation_rubric"]
            setting.inspection_checklist = data["inspection_checklist"]
            setting.save()
            for role in ObserverRole.values:
                required = data.get(f"quota_{role}")
                if required is None:
                    ObservationQuota.objects.filter(school=school, term=term, role=role).delete()
                else:
                    ObservationQuota.objects.update_or_create(
                        school=school, term=term, role=role, defaults={"required": required}
                    )
        messages.success(request, _("Settings saved."))
        return redirect(f"{request.path}?term={term.pk}")
    context.update(school=school, form=form)
    return render(request, "teaching/school_settings.html", context)


@login_required
def county(request: HttpRequest) -> HttpResponse:
    schools = aggregate_schools(request.user)
    first = schools.first()
    if first is None:
        raise Http404
    term, context = term_context(request, first.county_id)
    context["rows"] = county_overview(schools, term)
    return render(request, "teaching/county.html", context)


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_for_user(School.objects.all(), pk=pk)
    require_leader(request.user, school)
    term, _context = term_context(request, school.county_id)
    if term is None:
        raise Http404
    content = render_pdf(term_report(school, term, request.user, timezone.localdate()))
    audit_record(
        actor=request.user, action=AuditAction.EXPORT, target=school, kind="teaching_term_report", term=term.pk
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="teaching-report-{school.code}-{term.pk}.pdf"'
    return response
