"""Writes of the teaching app: forms and their versions, observations, inspection results and their loop,
homework records. Keyword-only `<entity>_<action>` functions inside `transaction.atomic`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import scope_for
from zhiliang.core.teaching.defaults import LESSON_RUBRIC, LESSON_RUBRIC_NAME, ROUTINE_CHECKLIST, ROUTINE_CHECKLIST_NAME
from zhiliang.core.teaching.rubric import Rubric as RubricDefinition
from zhiliang.core.teaching.rubric import Scored, level_points, rubric_to_json, score_form
from zhiliang.org.models import County, School, SchoolClass, Term
from zhiliang.teaching.models import (
    FormKind,
    HomeworkEntry,
    Inspection,
    InspectionResult,
    Observation,
    ObserverRole,
    Rubric,
    RubricVersion,
    SchoolSetting,
)

DEFAULT_FORMS = {
    FormKind.OBSERVATION: (LESSON_RUBRIC_NAME, LESSON_RUBRIC),
    FormKind.INSPECTION: (ROUTINE_CHECKLIST_NAME, ROUTINE_CHECKLIST),
}


@transaction.atomic
def rubric_create(
    *,
    user: Any,
    kind: str,
    name: str,
    definition: RubricDefinition,
    county: County | None = None,
    school: School | None = None,
    note: str = "",
) -> Rubric:
    rubric = Rubric.objects.create(kind=kind, name=name, county=county, school=school)
    RubricVersion.objects.create(
        rubric=rubric, number=1, definition=rubric_to_json(definition), note=note, created_by=user
    )
    return rubric


@transaction.atomic
def rubric_version_add(*, user: Any, rubric: Rubric, definition: RubricDefinition, note: str = "") -> RubricVersion:
    """A new version; the old ones stay, with every record scored against them."""
    locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
    latest = locked.latest_version()
    if latest is not None and latest.definition == rubric_to_json(definition):
        return latest  # nothing changed: no empty version
    number = (latest.number if latest else 0) + 1
    return RubricVersion.objects.create(
        rubric=locked, number=number, definition=rubric_to_json(definition), note=note, created_by=user
    )


def county_default_form(county: County, kind: str) -> Rubric:
    """The county's first form of a kind, created from the shipped default when the county has none."""
    existing = Rubric.objects.filter(county=county, kind=kind).order_by("pk").first()
    if existing is not None:
        return existing
    name, definition = DEFAULT_FORMS[FormKind(kind)]
    return rubric_create(user=None, kind=kind, name=name, definition=definition, county=county, note="默认")


def school_setting(school: School) -> SchoolSetting:
    from zhiliang.core.teaching.summaries import DEFAULT_TARGET

    setting, _created = SchoolSetting.objects.get_or_create(school=school, defaults={"target": DEFAULT_TARGET})
    return setting


def form_for_school(school: School, kind: str) -> RubricVersion:
    """The latest version of the form the school uses: its own choice, else the county's default."""
    setting = SchoolSetting.objects.filter(school=school).first()
    chosen = None
    if setting is not None:
        chosen = setting.observation_rubric if kind == FormKind.OBSERVATION else setting.inspection_checklist
    rubric = chosen or county_default_form(school.county, kind)
    return rubric.latest_version()


def term_for(school: School, date: datetime.date) -> Term:
    term = Term.objects.filter(
        school_year__county_id=school.county_id, start_date__lte=date, end_date__gte=date
    ).first()
    if term is None:
        raise ValidationError(_("No term of the school year contains this date."))
    return term


def _score(version: RubricVersion, levels: dict[str, str], bonus: Decimal) -> tuple[dict[str, str], Scored]:
    rubric = version.as_rubric()
    by_name = {level.name: level for level in rubric.levels}
    points = {}
    for item in rubric.items:
        level = by_name.get(levels.get(item.key, ""))
        if level is not None:
            points[item.key] = level_points(item, level)
    scored = score_form(rubric, points, bonus=bonus)
    return {key: str(value) for key, value in points.items()}, scored


def _apply_score(
    record: Observation | InspectionResult, version: RubricVersion, levels: dict[str, str], bonus: Decimal = Decimal(0)
) -> None:
    points, scored = _score(version, levels, bonus)
    record.levels = {key: name for key, name in levels.items() if key in points}
    record.points = points
    record.by_criterion = {c: [str(got), str(most)] for c, (got, most) in scored.by_criterion.items()}
    record.total = scored.total
    record.score = scored.score
    record.band = scored.band
    if isinstance(record, Observation):
        record.meets_standard = scored.meets_standard
    else:
        record.passed = scored.meets_standard


@transaction.atomic
def observation_save(
    *,
    user: Any,
    observation: Observation | None,
    role: str,
    school_class: SchoolClass,
    teacher: Any,
    subject: Any,
    date: datetime.date,
    period: int,
    topic: str,
    levels: dict[str, str],
    bonus: Decimal,
    comment: str,
    suggestions: str,
    submit: bool,
) -> Observation:
    """Create or update an observation; a new one is scored with the school's current rubric version, an
    edited one keeps the version it was started with."""
    school = school_class.school
    if observation is None:
        observation = Observation(
            observer=user,
            observer_name=str(user)[:50],
            observer_role=role,
            observer_teacher_id=scope_for(user).teacher_id if role == ObserverRole.TEACHER else None,
            school=school,
            rubric_version=form_for_school(school, "observation"),
        )
    observation.term = term_for(school, date)
    observation.school = school
    observation.teacher = teacher
    observation.school_class = school_class
    observation.subject = subject
    observation.date = date
    observation.period = period
    observation.topic = topic
    observation.comment = comment
    observation.suggestions = suggestions
    observation.bonus = bonus
    _apply_score(observation, observation.rubric_version, levels, bonus)
    if submit and observation.submitted_at is None:
        observation.submitted_at = timezone.now()
    observation.save()
    return observation


@transaction.atomic
def observation_reply(*, observation: Observation, text: str) -> Observation:
    observation.reply = text.strip()
    observation.replied_at = timezone.now() if observation.reply else None
    observation.save(update_fields=["reply", "replied_at", "updated_at"])
    return observation


@transaction.atomic
def inspection_create(*, user: Any, school: School, title: str, held_on: datetime.date) -> Inspection:
    return Inspection.objects.create(
        school=school,
        term=term_for(school, held_on),
        checklist_version=form_for_school(school, "inspection"),
        title=title,
        held_on=held_on,
        inspector=user,
    )


def _event(user: Any, event: str, text: str = "") -> dict[str, str]:
    return {"at": timezone.localtime().strftime("%Y-%m-%d %H:%M"), "by": str(user), "event": event, "text": text}


@transaction.atomic
def inspection_result_save(
    *,
    user: Any,
    inspection: Inspection,
    teacher: Any,
    levels: dict[str, str],
    problems: str,
    rectification_required: bool,
    deadline: datetime.date | None,
) -> InspectionResult:
    result = InspectionResult.objects.filter(inspection=inspection, teacher=teacher).first()
    if result is None:
        result = InspectionResult(inspection=inspection, teacher=teacher, recorded_by=user)
    _apply_score(result, inspection.checklist_version, levels)
    result.problems = problems.strip()
    was_required = result.rectification_required
    result.rectification_required = rectification_required
    result.deadline = deadline if rectification_required else None
    if rectification_required and not was_required:
        result.history = [*result.history, _event(user, "required", result.problems)]
        result.closed_at = None
    result.recorded_by = user
    result.save()
    return result


@transaction.atomic
def result_respond(*, user: Any, result: InspectionResult, text: str) -> InspectionResult:
    result.response = text.strip()
    result.responded_at = timezone.now()
    result.history = [*result.history, _event(user, "responded", result.response)]
    result.save(update_fields=["response", "responded_at", "history", "updated_at"])
    return result


@transaction.atomic
def result_recheck(
    *, user: Any, result: InspectionResult, accepted: bool, note: str, new_deadline: datetime.date | None
) -> InspectionResult:
    """The re-check (复查): accepted closes the loop; otherwise it reopens with a new deadline."""
    if accepted:
        result.closed_at = timezone.now()
        result.history = [*result.history, _event(user, "closed", note)]
    else:
        if new_deadline is None:
            raise ValidationError(_("A new deadline is needed when the rectification is not accepted."))
        result.deadline = new_deadline
        result.responded_at = None
        result.history = [*result.history, _event(user, "reopened", note)]
    result.save()
    return result


@transaction.atomic
def homework_record(
    *,
    user: Any,
    school_class: SchoolClass,
    subject: Any,
    date: datetime.date,
    written: bool,
    minutes: int,
    description: str,
) -> HomeworkEntry:
    """One record per class, subject, day and kind: recording again replaces the minutes and text."""
    entry, _created = HomeworkEntry.objects.update_or_create(
        school_class=school_class,
        subject=subject,
        date=date,
        written=written,
        defaults={"minutes": minutes, "description": description, "recorded_by": user},
    )
    return entry
