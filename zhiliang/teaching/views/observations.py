"""Lesson observation: the list, the phone form an observer fills in during the lesson, the record with the
observed teacher's reply."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user, scope_for
from zhiliang.core.teaching.rubric import Rubric as RubricDefinition
from zhiliang.core.teaching.rubric import level_points
from zhiliang.org.models import School, SchoolClass
from zhiliang.teaching import services
from zhiliang.teaching.access import observable_teachers, observer_role, observer_school_ids, visible_observations
from zhiliang.teaching.forms import ObservationForm, ReplyForm, levels_from_post
from zhiliang.teaching.models import Observation, RubricVersion
from zhiliang.teaching.selectors import current_term
from zhiliang.teaching.views.common import default_date, require_teaching, term_context


@login_required
def observation_list(request: HttpRequest) -> HttpResponse:
    require_teaching(request)
    scope = scope_for(request.user)
    county_id = School.objects.filter(id__in=observer_school_ids(request.user)).values_list("county_id", flat=True)
    term, context = term_context(request, county_id.first())
    observations = visible_observations(request.user).select_related("school", "teacher", "school_class", "subject")
    if term is not None:
        observations = observations.filter(term=term)
    context.update(
        observations=observations[:500],
        can_observe=observer_role(request.user) is not None,
        my_teacher_id=scope.teacher_id,
    )
    return render(request, "teaching/observation_list.html", context)


def _rubric_rows(rubric: RubricDefinition, levels: dict[str, str]) -> list[dict[str, Any]]:
    """Items grouped by criterion for the phone form: each with its radio options and the chosen level."""
    rows: list[dict[str, Any]] = []
    for index, item in enumerate(rubric.items):
        if not rows or rows[-1]["criterion"] != item.criterion:
            rows.append({"criterion": item.criterion, "items": []})
        options = [
            {"name": level.name, "points": level_points(item, level), "checked": levels.get(item.key) == level.name}
            for level in rubric.levels
        ]
        rows[-1]["items"].append({"index": index, "item": item, "options": options})
    return rows


def _observer_school(request: HttpRequest) -> School:
    schools = School.objects.filter(id__in=observer_school_ids(request.user)).order_by("code")
    wanted = request.GET.get("school") or request.POST.get("school")
    school = schools.filter(pk=wanted).first() if wanted and str(wanted).isdigit() else None
    school = school or schools.first()
    if school is None:
        raise Http404
    return school


def _edit(request: HttpRequest, observation: Observation | None) -> HttpResponse:
    role = observer_role(request.user)
    if role is None:
        raise Http404
    school = observation.school if observation else _observer_school(request)
    version: RubricVersion = (
        observation.rubric_version if observation else services.form_for_school(school, "observation")
    )
    rubric = version.as_rubric()
    teachers = observable_teachers(request.user).filter(school=school)
    classes = SchoolClass.objects.filter(school=school, school_year__is_current=True).select_related("school")
    initial: dict[str, Any] = {"teacher": request.GET.get("teacher")}
    levels: dict[str, str] = {}
    if observation is not None:
        initial = {
            "teacher": observation.teacher_id,
            "school_class": observation.school_class_id,
            "subject": observation.subject_id,
            "date": observation.date,
            "period": observation.period,
            "topic": observation.topic,
            "bonus": observation.bonus,
            "comment": observation.comment,
            "suggestions": observation.suggestions,
        }
        levels = dict(observation.levels)
    else:
        initial["date"] = default_date(current_term(school.county_id))
    form = ObservationForm(
        request.POST or None, initial=initial, teachers=teachers, classes=classes, bonus_max=rubric.bonus_max
    )
    if request.method == "POST":
        levels = levels_from_post(request.POST, rubric)
        if form.is_valid():
            data = form.cleaned_data
            submit = "submit" in request.POST
            try:
                saved = services.observation_save(
                    user=request.user,
                    observation=observation,
                    role=role,
                    school_class=data["school_class"],
                    teacher=data["teacher"],
                    subject=data["subject"],
                    date=data["date"],
                    period=data["period"],
                    topic=data["topic"],
                    levels=levels,
                    bonus=data["bonus"],
                    comment=data["comment"],
                    suggestions=data["suggestions"],
                    submit=submit,
                )
            except ValidationError as error:
                form.add_error("date", error)
            else:
                messages.success(request, _("Observation submitted.") if submit else _("Draft saved."))
                return redirect("teaching:observation_detail", pk=saved.pk)
    schools = School.objects.filter(id__in=observer_school_ids(request.user)).order_by("code")
    return render(
        request,
        "teaching/observation_form.html",
        {
            "form": form,
            "observation": observation,
            "school": school,
            "schools": schools if observation is None and schools.count() > 1 else [],
            "version": version,
            "rubric": rubric,
            "rows": _rubric_rows(rubric, levels),
        },
    )


@login_required
def observation_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
def observation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    observation: Observation = get_for_user(Observation.objects.filter(observer=request.user), pk=pk)
    if observation.replied_at is not None:
        raise Http404  # the teacher has answered this record: it no longer changes
    return _edit(request, observation)


@login_required
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    observation: Observation = get_for_user(
        visible_observations(request.user).select_related(
            "school", "teacher", "school_class", "subject", "rubric_version__rubric", "term"
        ),
        pk=pk,
    )
    rubric = observation.rubric_version.as_rubric()
    rows = []
    for criterion in rubric.criteria:
        got, most = observation.by_criterion.get(criterion, ["0", "0"])
        items = [
            {
                "item": item,
                "level": observation.levels.get(item.key, ""),
                "points": observation.points.get(item.key, ""),
            }
            for item in rubric.items
            if item.criterion == criterion
        ]
        rows.append({"criterion": criterion, "got": got, "most": most, "items": items})
    is_teacher = scope_for(request.user).teacher_id == observation.teacher_id
    return render(
        request,
        "teaching/observation_detail.html",
        {
            "observation": observation,
            "rubric": rubric,
            "rows": rows,
            "is_teacher": is_teacher,
            "reply_form": ReplyForm(initial={"reply": observation.reply}) if is_teacher else None,
            "can_edit": observation.observer_id == request.user.pk and observation.replied_at is None,
        },
    )


@login_required
@require_POST
def observation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    observation: Observation = get_for_user(
        visible_observations(request.user).filter(teacher_id=scope.teacher_id or -1, submitted_at__isnull=False),
        pk=pk,
    )
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.observation_reply(observation=observation, text=form.cleaned_data["reply"])
        messages.success(request, _("Reply sent."))
    else:
        messages.error(request, _("Write a reply first."))
    return redirect("teaching:observation_detail", pk=observation.pk)
