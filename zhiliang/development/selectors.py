"""Reads of teacher development: training progress, ladder figures, criteria in force, eligible lists.

Figures for the ladder (`teacher_facts`) come from confirmed records only (a record awaiting confirmation is
shown but not counted), from the exams app's analysis (`results.py`), and from the `teaching` and `growth`
apps when they are installed (`observation_summary`, `value_added_summary`: called defensively, they may not
exist yet or may fail on data we do not control, and the archive must still open).
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from zhiliang.core.development import (
    STAGES,
    StageEvaluation,
    TrainingHours,
    TrainingProgress,
    count_at_or_above,
    default_rules,
    evaluate_stage,
    next_stage,
    parse_rules,
    training_progress,
    window_start,
    years_between,
)
from zhiliang.development.models import (
    AWARD_KINDS,
    Achievement,
    Confirmation,
    LadderCriteria,
    MentoringPair,
    TeacherService,
    TrainingRecord,
)
from zhiliang.development.results import mean_over_mean_rate, recent_exams, teacher_result_rows
from zhiliang.org.models import School
from zhiliang.people.models import Teacher

log = logging.getLogger(__name__)


def today() -> datetime.date:
    return timezone.localdate()


# ---- criteria in force -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaInForce:
    """The rules that apply to a school: its own latest version, else its county's, else the built-in ones."""

    rules: dict[str, dict[str, Decimal]]
    record: LadderCriteria | None

    @property
    def source(self) -> str:
        if self.record is None:
            return "default"
        return "school" if self.record.school_id else "county"


def latest_criteria(*, county_id: int, school_id: int | None = None) -> LadderCriteria | None:
    return LadderCriteria.objects.filter(county_id=county_id, school_id=school_id).order_by("-version").first()


def criteria_for(school: School) -> CriteriaInForce:
    record = latest_criteria(county_id=school.county_id, school_id=school.pk) or latest_criteria(
        county_id=school.county_id
    )
    data = record.rules if record is not None else default_rules()
    return CriteriaInForce(rules=parse_rules(data), record=record)


# ---- other apps, defensively ---------------------------------------------------------------------------------


def observation_summary(teacher: Teacher) -> dict[str, Any] | None:
    """`teaching.selectors.teacher_observation_summary`, or None while the teaching app cannot answer."""
    try:
        from zhiliang.teaching.selectors import teacher_observation_summary

        summary = teacher_observation_summary(teacher)
    except Exception:  # the other app is optional here; its failure must not take the archive down
        log.warning("teacher_observation_summary unavailable", exc_info=True)
        return None
    return summary if isinstance(summary, dict) else None


def value_added_summary(teacher: Teacher) -> list[dict[str, Any]]:
    """`growth.selectors.teacher_value_added_summary`, or an empty list while it cannot answer."""
    try:
        from zhiliang.growth.selectors import teacher_value_added_summary

        rows = teacher_value_added_summary(teacher)
    except Exception:  # as above
        log.warning("teacher_value_added_summary unavailable", exc_info=True)
        return []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


# ---- per-teacher figures ---------------------------------------------------------------------------------------


def progress_of(records: Iterable[tuple[datetime.date, Decimal]], as_of: datetime.date) -> TrainingProgress:
    return training_progress([TrainingHours(ended, hours) for ended, hours in records], as_of)


def training_progress_by_teacher(teacher_ids: Iterable[int], as_of: datetime.date) -> dict[int, TrainingProgress]:
    """Confirmed hours in the five-year window for each teacher (one query)."""
    ids = list(teacher_ids)
    rows: dict[int, list[tuple[datetime.date, Decimal]]] = {tid: [] for tid in ids}
    confirmed = TrainingRecord.objects.filter(
        teacher_id__in=ids, status=Confirmation.CONFIRMED, ended_on__gte=window_start(as_of), ended_on__lte=as_of
    ).values_list("teacher_id", "ended_on", "hours")
    for teacher_id, ended_on, hours in confirmed:
        rows[teacher_id].append((ended_on, hours))
    return {tid: progress_of(records, as_of) for tid, records in rows.items()}


def _achievement_counts(teacher_ids: list[int], as_of: datetime.date) -> dict[int, dict[str, float]]:
    by_teacher: dict[int, dict[str, float]] = {tid: {} for tid in teacher_ids}
    award_levels: dict[int, list[str]] = defaultdict(list)
    kinds: dict[int, Counter[str]] = defaultdict(Counter)
    confirmed = Achievement.objects.filter(teacher_id__in=teacher_ids, status=Confirmation.CONFIRMED, date__lte=as_of)
    for teacher_id, kind, level in confirmed.values_list("teacher_id", "kind", "level"):
        kinds[teacher_id][kind] += 1
        if kind in AWARD_KINDS:
            award_levels[teacher_id].append(level)
    for tid in teacher_ids:
        levels = award_levels[tid]
        by_teacher[tid] = {
            "awards_county": count_at_or_above(levels, "county"),
            "awards_municipal": count_at_or_above(levels, "municipal"),
            "awards_provincial": count_at_or_above(levels, "provincial"),
            "open_lessons": kinds[tid]["open_lesson"],
            "papers": kinds[tid]["paper"],
            "research_projects": kinds[tid]["project"],
        }
    return by_teacher


def facts_by_teacher(teachers: list[Teacher], as_of: datetime.date) -> dict[int, dict[str, float | None]]:
    """The ladder figures of each teacher (metric key → value; None when not known)."""
    ids = [t.pk for t in teachers]
    progress = training_progress_by_teacher(ids, as_of)
    counts = _achievement_counts(ids, as_of)
    started = dict(TeacherService.objects.filter(teacher_id__in=ids).values_list("teacher_id", "started_on"))
    mentees = dict(
        MentoringPair.objects.filter(mentor_id__in=ids, started_on__lte=as_of)
        .values("mentor_id")
        .annotate(n=Count("mentee_id", distinct=True))
        .values_list("mentor_id", "n")
    )
    schools = {t.school_id: t.school for t in teachers}
    results = teacher_result_rows(recent_exams(schools.values()), set(ids))
    facts: dict[int, dict[str, float | None]] = {}
    for teacher in teachers:
        observed = observation_summary(teacher) or {}
        start = started.get(teacher.pk)
        facts[teacher.pk] = {
            "years_of_service": years_between(start, as_of) if start else None,
            "training_hours": float(progress[teacher.pk].hours),
            "observation_count": observed.get("count"),
            "observation_mean": observed.get("mean_score"),
            **counts[teacher.pk],
            "mentees": mentees.get(teacher.pk, 0),
            "results_over_mean": mean_over_mean_rate(results.get(teacher.pk, [])),
        }
    return facts


@dataclass(frozen=True)
class LadderRow:
    teacher: Teacher
    next_stage: str | None
    evaluation: StageEvaluation | None
    facts: dict[str, float | None]
    criteria: CriteriaInForce

    @property
    def eligible(self) -> bool:
        return self.evaluation is not None and self.evaluation.eligible


def ladder_rows(teachers: QuerySet[Teacher], as_of: datetime.date | None = None) -> list[LadderRow]:
    """Every teacher measured against the next stage under the criteria of their school."""
    as_of = as_of or today()
    listed = list(teachers.select_related("school").order_by("school__code", "staff_number"))
    facts = facts_by_teacher(listed, as_of)
    criteria: dict[int, CriteriaInForce] = {}
    rows = []
    for teacher in listed:
        in_force = criteria.setdefault(teacher.school_id, criteria_for(teacher.school))
        stage = next_stage(teacher.growth_stage)
        evaluation = evaluate_stage(stage, in_force.rules, facts[teacher.pk]) if stage else None
        rows.append(LadderRow(teacher, stage, evaluation, facts[teacher.pk], in_force))
    return rows


# ---- school overviews ----------------------------------------------------------------------------------------


def training_overview(schools: QuerySet[School], as_of: datetime.date | None = None) -> list[dict[str, Any]]:
    """Per school: active teachers, how many completed 360 hours in five years (教督〔2017〕6号 G9), pending."""
    as_of = as_of or today()
    teachers = list(Teacher.objects.filter(school__in=schools, is_active=True).values_list("pk", "school_id"))
    progress = training_progress_by_teacher([pk for pk, _school in teachers], as_of)
    pending = dict(
        TrainingRecord.objects.filter(teacher__school__in=schools, status=Confirmation.PENDING)
        .values("teacher__school_id")
        .annotate(n=Count("pk"))
        .values_list("teacher__school_id", "n")
    )
    by_school: dict[int, list[TrainingProgress]] = defaultdict(list)
    for pk, school_id in teachers:
        by_school[school_id].append(progress[pk])
    rows = []
    for school in schools.order_by("code"):
        items = by_school.get(school.pk, [])
        met = sum(1 for p in items if p.met)
        rows.append(
            {
                "school": school,
                "teachers": len(items),
                "met": met,
                "rate": met / len(items) if items else None,
                "mean_hours": float(sum((p.hours for p in items), Decimal(0)) / len(items)) if items else None,
                "pending": pending.get(school.pk, 0),
            }
        )
    return rows


def teacher_training_rows(teachers: QuerySet[Teacher], as_of: datetime.date | None = None) -> list[dict[str, Any]]:
    as_of = as_of or today()
    listed = list(teachers.select_related("school").order_by("school__code", "staff_number"))
    progress = training_progress_by_teacher([t.pk for t in listed], as_of)
    pending = dict(
        TrainingRecord.objects.filter(teacher__in=listed, status=Confirmation.PENDING)
        .values("teacher_id")
        .annotate(h=Sum("hours"))
        .values_list("teacher_id", "h")
    )
    return [{"teacher": t, "progress": progress[t.pk], "pending_hours": pending.get(t.pk) or 0} for t in listed]


def stage_counts(teachers: QuerySet[Teacher]) -> list[tuple[str, int]]:
    counts = dict(teachers.values("growth_stage").annotate(n=Count("pk")).values_list("growth_stage", "n"))
    return [(stage, counts.get(stage, 0)) for stage in STAGES]


def active_pairs(pairs: QuerySet[MentoringPair], as_of: datetime.date | None = None) -> QuerySet[MentoringPair]:
    as_of = as_of or today()
    return pairs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=as_of), started_on__lte=as_of)
