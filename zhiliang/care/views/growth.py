"""Daily growth records: quick entry on a phone, weekly/monthly summaries, term evaluation and the parent report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user, visible_classes
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.care import selectors
from zhiliang.care.access import (
    can_write_comment,
    leading_classes,
    leading_students,
    observable_classes,
    sensitive_students,
)
from zhiliang.care.forms import CommentForm, ObservationForm
from zhiliang.care.models import Domain, Observation, RecordKind, SpecialGroupProfile, TermComment
from zhiliang.care.views.common import lang, xlsx_response
from zhiliang.core.care import observations as core_obs
from zhiliang.core.care.domains import DOMAINS
from zhiliang.core.care.growth_report import GrowthReportInput, growth_report, render_pdf
from zhiliang.core.care.levels import level_label
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.org.models import SchoolClass, Term
from zhiliang.people.models import ClassMembership, Student


def _observable_class(request: HttpRequest, pk: int) -> SchoolClass:
    school_class: SchoolClass = get_for_user(observable_classes(request.user).select_related("school"), pk=pk)
    return school_class


def _entry_context(school_class: SchoolClass, day: dt.date) -> dict[str, Any]:
    students = selectors.current_members(school_class)
    counts = selectors.today_counts(school_class, day)
    return {
        "school_class": school_class,
        "rows": [(student, counts.get(student.pk, {"positive": 0, "negative": 0})) for student in students],
        "domains": [(key, Domain(key).label) for key in DOMAINS],
        "day": day,
    }


@login_required
def class_observe(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page: one card per pupil; choose a domain, tap + or −, optionally type a note."""
    school_class = _observable_class(request, pk)
    return render(request, "care/observe.html", _entry_context(school_class, timezone.localdate()))


@login_required
@require_POST
def observation_add(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _observable_class(request, pk)
    form = ObservationForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    data = form.cleaned_data
    membership = ClassMembership.objects.filter(
        school_class=school_class, student_id=data["student"], left_on__isnull=True
    ).select_related("student")
    student = get_for_user(membership).student
    Observation.objects.create(
        student=student,
        school_class=school_class,
        date=timezone.localdate(),
        domain=data["domain"],
        positive=data["positive"],
        note=data["note"],
        recorded_by=request.user,
    )
    if getattr(request, "htmx", False):
        counts = selectors.today_counts(school_class, timezone.localdate()).get(student.pk)
        return render(request, "care/_tally.html", {"student": student, "counts": counts, "recorded": True})
    return redirect("care:class_observe", pk=school_class.pk)


@login_required
def class_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Weekly or monthly summaries of a class: the class per period, and each pupil in the chosen period."""
    school_class: SchoolClass = get_for_user(visible_classes(request.user).select_related("school"), pk=pk)
    period = request.GET.get("period") if request.GET.get("period") in core_obs.PERIODS else "week"
    students = selectors.current_members(school_class)
    year = school_class.school_year
    items = selectors.observations_of(students, year.start_date, max(year.end_date, timezone.localdate()))
    roster = [str(student.pk) for student in students]
    periods = core_obs.class_summaries(items, roster, period)  # type: ignore[arg-type]
    chosen = periods[-1] if periods else None
    if request.GET.get("start") and periods:
        chosen = next((p for p in periods if p.start.isoformat() == request.GET["start"]), chosen)
    per_student: dict[str, core_obs.StudentPeriod] = {}
    if chosen is not None:
        per_student = {
            row.student: row
            for row in core_obs.student_summaries(items, period)  # type: ignore[arg-type]
            if row.start == chosen.start
        }
    names = {str(student.pk): student for student in students}
    context = {
        "school_class": school_class,
        "period": period,
        "periods": [
            (p, core_obs.period_end(p.start, period), [p.by_domain[d] for d in DOMAINS])  # type: ignore[arg-type]
            for p in reversed(periods[-12:])
        ],
        "chosen": chosen,
        "chosen_end": core_obs.period_end(chosen.start, period) if chosen else None,  # type: ignore[arg-type]
        "domains": [(key, Domain(key).label) for key in DOMAINS],
        "student_rows": [
            (names[key], [per_student[key].by_domain[d] for d in DOMAINS] if key in per_student else None)
            for key in roster
        ],
        "can_observe": observable_classes(request.user).filter(pk=school_class.pk).exists(),
        "can_report": leading_classes(request.user).filter(pk=school_class.pk).exists(),
    }
    return render(request, "care/class_summary.html", context)


@login_required
def class_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The class's care roster as .xlsx; special-group columns are masked unless the exporter may see them."""
    school_class: SchoolClass = get_for_user(leading_classes(request.user).select_related("school"), pk=pk)
    students = selectors.current_members(school_class)
    year = school_class.school_year
    items = selectors.observations_of(students, year.start_date, max(year.end_date, timezone.localdate()))
    tallies = {row.student: row.overall for row in core_obs.student_summaries(items, "month")}
    totals: dict[str, core_obs.Tally] = {}
    for key, tally in tallies.items():
        totals[key] = totals.get(key, core_obs.Tally()) + tally
    profiles = {p.student_id: p for p in SpecialGroupProfile.objects.filter(student__in=students)}
    allowed = set(
        sensitive_students(request.user, RecordKind.SPECIAL_GROUPS)
        .filter(pk__in=[s.pk for s in students])
        .values_list("pk", flat=True)
    )
    watched = selectors.watch_reasons_for(s.pk for s in students)
    masked = 0
    rows = []
    for student in students:
        tally = totals.get(str(student.pk), core_obs.Tally())
        if student.pk in allowed:
            profile = profiles.get(student.pk)
            flags = profile.flags if profile else []
            groups = "、".join(str(SpecialGroupProfile._meta.get_field(f).verbose_name) for f in flags)
        else:
            groups = "***"
            masked += 1
        watch = "✓" if watched[student.pk] else ""
        rows.append([student.name, student.student_number, tally.positive, tally.negative, watch, groups])
    sheet = SheetSpec(
        name=str(school_class)[:31],
        title=f"{school_class.school.name} {school_class} · {_('Care roster')}",
        columns=[
            ColumnSpec(_("Name")),
            ColumnSpec(_("Student number")),
            ColumnSpec(_("Praise"), kind="int"),
            ColumnSpec(_("To work on"), kind="int"),
            ColumnSpec(_("On the watch list")),
            ColumnSpec(_("Special groups")),
        ],
        rows=rows,
        notes=[_("*** : special-group details are hidden from exporters the school has not authorised.")],
    )
    audit_record(
        actor=request.user, action=AuditAction.EXPORT, target=school_class, export="care_roster", masked=masked
    )
    return xlsx_response(workbook_bytes([sheet]), f"care-{school_class.pk}.xlsx")


def _report_student(request: HttpRequest, pk: int) -> Student:
    student: Student = get_for_user(leading_students(request.user).select_related("school"), pk=pk)
    return student


def _term_and_class(request: HttpRequest, student: Student) -> tuple[Term, SchoolClass]:
    """The term asked for (?term=), else the latest term with records of the student, else the current one."""
    memberships = list(
        ClassMembership.objects.filter(student=student, school_class__in=leading_classes(request.user))
        .select_related("school_class__school_year", "school_class__school")
        .order_by("-school_year__start_year")
    )
    if not memberships:
        raise Http404
    terms = list(Term.objects.filter(school_year__in=[m.school_year_id for m in memberships]).order_by("-start_date"))
    if not terms:
        raise Http404
    wanted = request.GET.get("term", "")
    term = next((t for t in terms if str(t.pk) == wanted), None)
    if term is None:
        recorded = {
            t.pk
            for t in terms
            if Observation.objects.filter(student=student, date__range=(t.start_date, t.end_date)).exists()
            or TermComment.objects.filter(student=student, term=t).exists()
        }
        today = timezone.localdate()
        term = next((t for t in terms if t.pk in recorded), None) or next(
            (t for t in terms if t.start_date <= today), terms[-1]
        )
    school_class = next(m.school_class for m in memberships if m.school_year_id == term.school_year_id)
    return term, school_class


def _report_input(request: HttpRequest, student: Student, term: Term, school_class: SchoolClass) -> GrowthReportInput:
    items = selectors.observations_of([student], term.start_date, term.end_date)
    fitness = selectors.fitness_summary(student, term.school_year)
    comment = TermComment.objects.filter(student=student, term=term).first()
    return GrowthReportInput(
        student_name=student.name,
        school_name=school_class.school.name,
        class_name=str(school_class),
        term_label=str(term),
        tallies=core_obs.term_tallies(items, term.start_date, term.end_date),
        subjects=selectors.term_subject_results(student, term),
        fitness_band=str(fitness["band"]) if fitness and fitness.get("band") else None,
        comment=comment.comment if comment else "",
    )


@login_required
def student_growth(request: HttpRequest, pk: int) -> HttpResponse:
    """The term evaluation of one pupil (what the parent report will show) and the teacher's comment."""
    student = _report_student(request, pk)
    term, school_class = _term_and_class(request, student)
    may_comment = can_write_comment(request.user, school_class)
    comment = TermComment.objects.filter(student=student, term=term).first()
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST":
        if not may_comment:
            raise Http404
        if form.is_valid():
            saved = form.save(commit=False)
            saved.student, saved.term, saved.written_by = student, term, request.user
            saved.save()
            return redirect(f"{request.path}?term={term.pk}")
    report = growth_report(_report_input(request, student, term, school_class))
    language = lang(request)
    context = {
        "student": student,
        "term": term,
        "terms": Term.objects.filter(school_year=school_class.school_year).order_by("start_date"),
        "school_class": school_class,
        "domains": [(Domain(d).label, tally, level_label(level, language)) for d, tally, level in report.domains],
        "subjects": [(name, level_label(level, language)) for name, level in report.subjects],
        "fitness_band": report.fitness_band,
        "form": form if may_comment else None,
        "comment": comment,
    }
    return render(request, "care/student_growth.html", context)


@login_required
def growth_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    student = _report_student(request, pk)
    term, school_class = _term_and_class(request, student)
    pdf = render_pdf(_report_input(request, student, term, school_class), lang(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="growth-report-{student.pk}-{term.pk}.pdf"'
    return response
