"""Struggling-student pages: my classes, a class (candidates, nominations, cases), a student's archive, overview.

Thin views: access from `access.py` (404 outside the scope), writes through `services.py`, reads from
`selectors.py` and `standing.py`. Every write is a POST that redirects back (works without JavaScript on a
phone); the forms are short on purpose.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import scope_for, visible_schools
from zhiliang.exams.presenters import line_chart
from zhiliang.people.models import Student, Teacher
from zhiliang.support import access, services
from zhiliang.support.forms import DecideForm, ExitForm, InterventionForm, NominateForm, PlanForm, ReviewNoteForm
from zhiliang.support.models import OutcomeReview
from zhiliang.support.presenters import evidence_lines, outcome_label, overview_xlsx
from zhiliang.support.selectors import class_cases, is_idle, overview, pending_candidates
from zhiliang.support.standing import main_subjects, student_standings


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access.require_any_role(request.user)
    classes = (
        access.workable_classes(request.user)
        .filter(school_year__is_current=True)
        .select_related("school")
        .order_by("school__code", "grade", "number")
    )
    scope = scope_for(request.user)
    context = {
        "classes": classes[:60],
        "headed": [c for c in classes if c.pk in scope.head_class_ids],
        "sees_schools": access.sees_whole_schools(request.user),
        "is_rules_admin": access.is_rules_admin(request.user),
    }
    return render(request, "support/index.html", context)


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = access.class_or_404(request.user, class_id)
    workable = access.workable_classes(request.user).filter(pk=school_class.pk).exists()
    if school_class.school_year.is_current:
        services.class_candidates_evaluate(school_class=school_class)
    rules = services.rules_for(school_class.school.county_id)
    candidates = list(pending_candidates(school_class.pk, request.user))
    cases = class_cases(school_class.pk, request.user)
    today = services.reference_date(school_class.school.county_id)
    for case in cases:
        case.idle = is_idle(case, today, rules.idle_weeks)
        case.outcome_text = outcome_label(case.latest_outcome)
    for candidate in candidates:
        candidate.lines = evidence_lines(candidate.evidence)
    members = Student.objects.filter(
        memberships__school_class=school_class, memberships__left_on__isnull=True
    ).order_by("name")
    context = {
        "school_class": school_class,
        "candidates": candidates,
        "cases": cases,
        "can_work": workable,
        "nominate_form": NominateForm(students=members),
        "rules": rules,
        "bottom_percent": f"{float(rules.bottom_share) * 100:g}%",
    }
    return render(request, "support/class.html", context)


@login_required
@require_POST
def nominate(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = access.class_or_404(request.user, class_id)
    if not access.workable_classes(request.user).filter(pk=school_class.pk).exists():
        raise Http404
    members = Student.objects.filter(memberships__school_class=school_class, memberships__left_on__isnull=True)
    form = NominateForm(request.POST, students=members)
    if form.is_valid():
        try:
            services.candidate_nominate(
                actor=request.user,
                student=form.cleaned_data["student"],
                school_class=school_class,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Nomination recorded; it waits for confirmation."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Choose a student and give a reason."))
    return redirect("support:class", class_id=school_class.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access.workable_candidate_or_404(request.user, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or dismiss."))
        return redirect("support:class", class_id=candidate.school_class_id)
    try:
        if form.cleaned_data["action"] == "confirm":
            case = services.candidate_confirm(actor=request.user, candidate=candidate, note=form.cleaned_data["note"])
            messages.success(request, _("Confirmed: write the support plan now."))
            return redirect("support:case", pk=case.pk)
        services.candidate_dismiss(actor=request.user, candidate=candidate, note=form.cleaned_data["note"])
        messages.info(request, _("Dismissed."))
    except ValidationError as error:
        _errors(request, error)
    return redirect("support:class", class_id=candidate.school_class_id)


def _mentors(case: Any) -> Any:
    """Teachers who may be paired with the student: those of the student's current school."""
    return Teacher.objects.filter(school_id=case.student.school_id, is_active=True).order_by("name")


@login_required
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.case_or_404(request.user, pk)
    can_work = access.can_work_on(request.user, case.student, case)
    reviews = services.case_reviews_refresh(case=case)
    subjects = main_subjects()
    standings = student_standings(case.student.student_number, case.student_id, subjects)
    trend = line_chart(
        [s.exam.name for s in standings],
        [(_("Percentile of the total"), [s.point.percentile for s in standings])],
        y_name=_("Percentile"),
    )
    for review in reviews:
        review.outcome_text = outcome_label(review.outcome)
    membership = access.current_membership(case.student)
    context = {
        "case": case,
        "membership": membership,
        "can_work": can_work,
        "reviews": reviews,
        "trend": trend,
        "standings": standings,
        "baseline_id": case.baseline_exam_id,
        "interventions": case.interventions.select_related("teacher", "recorded_by")[:50],
        "plan_form": PlanForm(
            teachers=_mentors(case),
            initial={"causes": case.causes, "strengths": case.strengths, "goals": case.goals, "mentor": case.mentor},
        ),
        "intervention_form": InterventionForm(),
        "exit_form": ExitForm(),
        "note_form": ReviewNoteForm(),
        "exit_suggested": bool(reviews) and reviews[-1].outcome == "improved" and not reviews[-1].low_subjects,
        "history": case.student.support_cases.exclude(pk=case.pk).order_by("-opened_on"),
    }
    return render(request, "support/case.html", context)


@login_required
@require_POST
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.workable_case_or_404(request.user, pk)
    form = PlanForm(request.POST, teachers=_mentors(case))
    if form.is_valid():
        services.case_plan_update(case=case, **form.cleaned_data)
        messages.success(request, _("Plan saved."))
    else:
        messages.error(request, _("The plan could not be saved: check the fields."))
    return redirect("support:case", pk=case.pk)


@login_required
@require_POST
def log_intervention(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.workable_case_or_404(request.user, pk)
    form = InterventionForm(request.POST)
    if form.is_valid():
        teacher_id = scope_for(request.user).teacher_id
        try:
            services.intervention_log(
                actor=request.user,
                case=case,
                teacher=Teacher.objects.filter(pk=teacher_id).first() if teacher_id else None,
                **form.cleaned_data,
            )
            messages.success(request, _("Intervention recorded."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Give the date, the kind and the minutes."))
    return redirect("support:case", pk=case.pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    found: OutcomeReview = access.workable_review_or_404(request.user, pk)
    form = ReviewNoteForm(request.POST)
    if form.is_valid():
        services.review_note(actor=request.user, review=found, note=form.cleaned_data["note"])
        messages.success(request, _("Review saved."))
    return redirect("support:case", pk=found.case_id)


@login_required
@require_POST
def exit_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.workable_case_or_404(request.user, pk)
    form = ExitForm(request.POST)
    if form.is_valid() and case.is_active:
        try:
            services.case_exit(case=case, on=form.cleaned_data["on"], note=form.cleaned_data["note"])
            messages.success(request, _("The student has exited support."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Give the exit date and which goals were met."))
    return redirect("support:case", pk=case.pk)


@login_required
def overview_page(request: HttpRequest) -> HttpResponse:
    access.require_any_role(request.user)
    school = None
    raw = request.GET.get("school", "")
    if raw:
        school = visible_schools(request.user).filter(pk=int(raw) if raw.isdigit() else 0).first()
        if school is None:
            raise Http404
    county_id = school.county_id if school else _county_of(request.user)
    rules = services.rules_for(county_id) if county_id else None
    idle_weeks = rules.idle_weeks if rules else 3
    today = services.reference_date(county_id) if county_id else timezone.localdate()
    result = overview(request.user, today=today, idle_weeks=idle_weeks, school=school)
    if request.GET.get("format") == "xlsx":
        return overview_xlsx(request, result, idle_weeks)
    return render(request, "support/overview.html", {"overview": result, "idle_weeks": idle_weeks})


def _county_of(user: Any) -> int | None:
    school = visible_schools(user).only("county_id").first()
    return school.county_id if school else None
