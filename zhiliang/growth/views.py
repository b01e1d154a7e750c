"""Growth records and value-added pages: thin views over `selectors`, `value_added` and `presenters`."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import scope_for
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.analytics import TOTAL
from zhiliang.core.value_added import ValueAddedInputError, stability
from zhiliang.core.xlsx_export import workbook_bytes
from zhiliang.exams.models import ExamStatus
from zhiliang.exams.presenters import subject_label
from zhiliang.exams.selectors import exam_for_user, exam_grades
from zhiliang.growth import access, presenters
from zhiliang.growth.models import ValueAddedSettings, county_context
from zhiliang.growth.pairs import last_year_pair, pair_for, prior_candidates
from zhiliang.growth.selectors import (
    current_classes,
    growth_records,
    index_pairs,
    only_subjects,
    scoped_groups,
    scoped_students,
    unit_means,
    visibility_of,
    visible_cohorts,
)
from zhiliang.growth.value_added import CLASS, LEVELS, fit_or_none, fit_pair
from zhiliang.org.models import SchoolClass, grade_name
from zhiliang.people.models import ClassMembership, EnrollmentEvent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(request: HttpRequest, target: Any, filename: str, sheets: list[Any], what: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=target, what=what)
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _staff_only(request: HttpRequest) -> None:
    """Growth pages are for staff: a signed-in user without any role learns nothing here (404)."""
    if not scope_for(request.user).is_staff_of_anything:
        raise Http404


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    admin_of = scope_for(request.user).county_admin_ids
    settings = None
    if admin_of:
        county_id = min(admin_of)
        settings = ValueAddedSettings.objects.filter(county_id=county_id).first() or ValueAddedSettings(
            county_id=county_id
        )
    classes = current_classes(request.user)
    context = {
        "pairs": index_pairs(request.user),
        "classes": classes[:60],
        "cohorts": visible_cohorts(request.user, classes)[:60],
        "settings": settings,
    }
    return render(request, "growth/index.html", context)


@login_required
@require_POST
def settings_update(request: HttpRequest) -> HttpResponse:
    county = access.settings_county_for(request.user)
    settings, _created = ValueAddedSettings.objects.get_or_create(county=county)
    settings.context_sex = request.POST.get("context_sex") == "on"
    settings.updated_by = request.user
    settings.save()
    messages.success(request, _("Value-added settings saved."))
    return redirect("growth:index")


@login_required
def explain(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(request, "growth/explain.html")


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name, default)
    if value not in allowed:
        raise Http404
    return value


@login_required
def value_added_page(request: HttpRequest, pk: int, grade: int) -> HttpResponse:
    exam = exam_for_user(request.user, pk)
    if exam.status == ExamStatus.DRAFT or grade not in exam_grades(exam):
        raise Http404
    visibility = visibility_of(request.user, exam, grade)
    if visibility.nothing:
        raise Http404
    raw_prior = request.GET.get("prior", "")
    pair = pair_for(exam, grade, int(raw_prior) if raw_prior.isdigit() else None)
    if pair is None and raw_prior:
        raise Http404
    subjects = [TOTAL, *(es.subject.name for es in exam.exam_subjects.all() if es.grade == grade)]
    subject = _choice(request, "subject", subjects, TOTAL)
    level = _choice(request, "level", list(LEVELS), CLASS)
    base = {"exam": exam, "grade": grade, "grade_label": grade_name(grade), "pair": pair, "level": level}
    base |= {"subject": subject, "subjects": [(s, subject_label(s)) for s in subjects]}
    base |= {"levels": [(lv, presenters.level_label(lv)) for lv in LEVELS], "candidates": prior_candidates(exam, grade)}
    if pair is None:
        return render(request, "growth/value_added.html", base)
    context_factors = county_context(exam.county_id)
    try:
        result = fit_pair(pair, subject, level, context=context_factors)
    except ValueAddedInputError as error:
        return render(request, "growth/value_added.html", base | {"error": error.message(request.LANGUAGE_CODE)})
    groups = scoped_groups(result, visibility)
    students = scoped_students(result, visibility)
    title = f"{pair.label} · {grade_name(grade)} · {subject_label(subject)} · {presenters.level_label(level)}"
    if request.GET.get("format") == "xlsx":
        sheet = presenters.groups_sheet(result, groups, title)
        return _xlsx(request, exam, f"value-added-{exam.pk}-{grade}-{level}.xlsx", [sheet], "value_added")
    left_out = result.left_out.filter(pl.col("student_id").is_in(students.get_column("student_id").to_list())).select(
        "student_id", "name", "school", "class"
    )
    context = base | {
        "result": result,
        "model": result.model,
        "coefficients": presenters.coefficient_rows(result),
        "rows": presenters.group_rows(groups, level),
        "caterpillar": presenters.caterpillar(groups, level),
        "scatter": presenters.scatter(result, students, groups),
        "left_out": list(left_out.iter_rows(named=True))[:200],
        "context_factors": context_factors,
        "stability": _stability(pair, result, subject, level, context_factors) if visibility.everything else None,
        "zero_variance": result.model.group_variance < 1e-9,
    }
    return render(request, "growth/value_added.html", context)


def _stability(pair: Any, result: Any, subject: str, level: str, context_factors: tuple[str, ...]) -> Any:
    """Correlation with the same pair a year earlier (schools and teachers; classes change every year)."""
    if level == CLASS:
        return None
    earlier = last_year_pair(pair)
    if earlier is None:
        return None
    other = fit_or_none(earlier, subject, level, context=context_factors)
    if other is None:
        return None
    now = dict(zip(result.groups["group"], result.groups["effect"], strict=True))
    then = dict(zip(other.groups["group"], other.groups["effect"], strict=True))
    return {"pair": earlier, "result": stability(now, then)}


@login_required
def student_page(request: HttpRequest, pk: int) -> HttpResponse:
    student = access.student_for(request.user, pk)
    memberships = ClassMembership.objects.filter(student=student).select_related("school_class__school")
    seen = access.subjects_seen(request.user, [m.school_class for m in memberships])
    records = only_subjects(growth_records([student.student_number], [student.pk]), seen)
    events = presenters.event_rows(
        EnrollmentEvent.objects.filter(student=student).select_related("school").order_by("date", "pk")
    )
    if request.GET.get("format") == "xlsx":
        if records.is_empty():
            raise Http404
        sheet = presenters.student_sheet(records, f"{student.name} {_('Growth record')}")
        return _xlsx(request, student, f"growth-student-{student.pk}.xlsx", [sheet], "growth_student")
    table = [] if records.is_empty() else list(records.sort("position", "subject").iter_rows(named=True))
    context = {
        "student": student,
        "events": events,
        "rows": table,
        "chart": presenters.growth_chart(records, events),
        "percentile_chart": presenters.growth_chart(records, events, value="percentile", y_name=_("Percentile rank")),
    }
    return render(request, "growth/student.html", context)


def _unit_context(request: HttpRequest, member_ids: list[int], seen: set[str] | None) -> dict[str, Any]:
    numbers = dict(
        ClassMembership.objects.filter(student_id__in=member_ids).values_list("student_id", "student__student_number")
    )
    records = only_subjects(growth_records(list(numbers.values()), list(numbers)), seen)
    means = unit_means(records)
    # Exams most of the unit sat: a transfer's old school exams are left out of the unit's curve.
    if not means.is_empty():
        means = means.filter(pl.col("n") >= max(3, len(member_ids) // 3))
    return {
        "chart": presenters.growth_chart(means, [], value="mean_t"),
        "means": [] if means.is_empty() else list(means.iter_rows(named=True)),
        "members": len(member_ids),
    }


@login_required
def class_page(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = access.class_for(request.user, pk)
    member_ids = list(ClassMembership.objects.filter(school_class=school_class).values_list("student_id", flat=True))
    seen = access.subjects_seen(request.user, [school_class])
    students = (
        ClassMembership.objects.filter(school_class=school_class)
        .select_related("student")
        .order_by("seat_number", "student__name")
    )
    context = {
        "school_class": school_class,
        "students": [m.student for m in students],
        **_unit_context(request, member_ids, seen),
    }
    return render(request, "growth/unit.html", context | {"title": str(school_class)})


@login_required
def cohort_page(request: HttpRequest, school_id: int, year_id: int, grade: int) -> HttpResponse:
    school = access.cohort_school_for(request.user, school_id, grade)
    classes = SchoolClass.objects.filter(school=school, school_year_id=year_id, grade=grade)
    if not classes.exists():
        raise Http404
    member_ids = list(
        ClassMembership.objects.filter(school_class__in=classes).values_list("student_id", flat=True).distinct()
    )
    title = f"{school.name} {grade_name(grade)} {classes.first().school_year}"  # type: ignore[union-attr]
    return render(
        request, "growth/unit.html", {"school": school, "title": title, **_unit_context(request, member_ids, None)}
    )
