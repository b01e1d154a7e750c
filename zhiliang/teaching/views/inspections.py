"""Routine inspections (教学常规检查): rounds, each teacher's result on the checklist, and the rectification
loop (required → the teacher's response → the re-check) with what is still open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user, scope_for
from zhiliang.core.teaching.rectification import CLOSED, RESPONDED, STILL_OPEN
from zhiliang.people.models import Teacher
from zhiliang.teaching import services
from zhiliang.teaching.access import leader_school_ids, led_schools, visible_inspections, visible_results
from zhiliang.teaching.forms import InspectionForm, RecheckForm, RespondForm, ResultForm, levels_from_post
from zhiliang.teaching.models import InspectionResult
from zhiliang.teaching.selectors import current_term, result_rows
from zhiliang.teaching.views.common import default_date, require_teaching, term_context
from zhiliang.teaching.views.observations import _rubric_rows


def _require_leads(request: HttpRequest) -> None:
    if not leader_school_ids(request.user):
        raise Http404


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    _require_leads(request)
    schools = led_schools(request.user)
    term, context = term_context(request, schools.first().county_id)  # type: ignore[union-attr]
    inspections = visible_inspections(request.user).select_related("school", "checklist_version__rubric")
    if term is not None:
        inspections = inspections.filter(term=term)
    today = timezone.localdate()
    rows = []
    for inspection in inspections:
        states = [result.state(today) for result in inspection.results.all()]
        rows.append(
            {
                "inspection": inspection,
                "results": len(states),
                "still_open": sum(1 for s in states if s in STILL_OPEN),
                "closed": states.count(CLOSED),
            }
        )
    context["rows"] = rows
    return render(request, "teaching/inspection_list.html", context)


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    _require_leads(request)
    schools = led_schools(request.user)
    form = InspectionForm(request.POST or None, schools=schools)
    if request.method != "POST":
        form.fields["held_on"].initial = default_date(current_term(schools.first().county_id))  # type: ignore[union-attr]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_create(
                user=request.user, school=data["school"], title=data["title"], held_on=data["held_on"]
            )
        except ValidationError as error:
            form.add_error("held_on", error)
        else:
            return redirect("teaching:inspection_detail", pk=inspection.pk)
    return render(request, "teaching/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_for_user(
        visible_inspections(request.user).select_related("school", "checklist_version__rubric"), pk=pk
    )
    results = {row["result"].teacher_id: row for row in result_rows(inspection.results.all())}
    teachers = Teacher.objects.filter(school=inspection.school, is_active=True).order_by("name")
    rows = [{"teacher": teacher, "row": results.get(teacher.pk)} for teacher in teachers]
    return render(request, "teaching/inspection_detail.html", {"inspection": inspection, "rows": rows})


@login_required
def inspection_score(request: HttpRequest, pk: int, teacher_pk: int) -> HttpResponse:
    inspection = get_for_user(visible_inspections(request.user), pk=pk)
    teacher = get_for_user(Teacher.objects.filter(school=inspection.school), pk=teacher_pk)
    existing = InspectionResult.objects.filter(inspection=inspection, teacher=teacher).first()
    rubric = inspection.checklist_version.as_rubric()
    initial = {}
    levels: dict[str, str] = {}
    if existing is not None:
        initial = {
            "problems": existing.problems,
            "rectification_required": existing.rectification_required,
            "deadline": existing.deadline,
        }
        levels = dict(existing.levels)
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST":
        levels = levels_from_post(request.POST, rubric)
        if form.is_valid():
            data = form.cleaned_data
            services.inspection_result_save(
                user=request.user,
                inspection=inspection,
                teacher=teacher,
                levels=levels,
                problems=data["problems"],
                rectification_required=data["rectification_required"],
                deadline=data["deadline"],
            )
            messages.success(request, _("Result saved for %(teacher)s.") % {"teacher": teacher.name})
            return redirect("teaching:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "teaching/inspection_score.html",
        {"inspection": inspection, "teacher": teacher, "form": form, "rows": _rubric_rows(rubric, levels)},
    )


@login_required
def result_list(request: HttpRequest) -> HttpResponse:
    """The loop: results with a required rectification, still open first; `?all=1` shows closed ones too."""
    require_teaching(request)
    scope = scope_for(request.user)
    results = visible_results(request.user).filter(rectification_required=True)
    rows = result_rows(results)
    if request.GET.get("all") != "1":
        rows = [row for row in rows if row["state"] in STILL_OPEN]
    rows.sort(key=lambda row: (row["state"] == CLOSED, row["result"].deadline, row["result"].teacher.name))
    return render(
        request,
        "teaching/result_list.html",
        {"rows": rows, "show_all": request.GET.get("all") == "1", "leads": bool(scope.school_ids)},
    )


@login_required
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_for_user(
        visible_results(request.user).select_related("inspection__school", "inspection__checklist_version", "teacher"),
        pk=pk,
    )
    state = result.state(timezone.localdate())
    scope = scope_for(request.user)
    is_teacher = result.teacher_id == scope.teacher_id
    leads = result.inspection.school_id in scope.school_ids
    rubric = result.inspection.checklist_version.as_rubric()
    items = [
        {"item": item, "level": result.levels.get(item.key, ""), "points": result.points.get(item.key, "")}
        for item in rubric.items
    ]
    return render(
        request,
        "teaching/result_detail.html",
        {
            "result": result,
            "state": state,
            "items": items,
            "respond_form": RespondForm() if is_teacher and state in STILL_OPEN and state != RESPONDED else None,
            "recheck_form": RecheckForm() if leads and state == RESPONDED else None,
        },
    )


@login_required
@require_POST
def result_respond(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    result = get_for_user(
        visible_results(request.user).filter(teacher_id=scope.teacher_id or -1, rectification_required=True), pk=pk
    )
    form = RespondForm(request.POST)
    if result.closed_at is None and form.is_valid():
        services.result_respond(user=request.user, result=result, text=form.cleaned_data["response"])
        messages.success(request, _("Response sent; the school will re-check."))
    else:
        messages.error(request, _("Write what you rectified first."))
    return redirect("teaching:result_detail", pk=result.pk)


@login_required
@require_POST
def result_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_for_user(
        InspectionResult.objects.filter(
            inspection__school_id__in=leader_school_ids(request.user), rectification_required=True
        ),
        pk=pk,
    )
    form = RecheckForm(request.POST)
    if result.closed_at is None and result.responded_at is not None and form.is_valid():
        data = form.cleaned_data
        services.result_recheck(
            user=request.user,
            result=result,
            accepted=data["accepted"],
            note=data["note"],
            new_deadline=data["new_deadline"],
        )
        messages.success(request, _("Closed.") if data["accepted"] else _("Reopened with a new deadline."))
    else:
        messages.error(request, _("The re-check needs a decision, and a new deadline when reopening."))
    return redirect("teaching:result_detail", pk=result.pk)
