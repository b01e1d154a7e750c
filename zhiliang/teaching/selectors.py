"""Reads of the teaching app: terms, observation summaries (teacher, subject group, school, county), quota
progress, the rectification loop and the homework load. The arithmetic is in zhiliang.core.teaching.

`teacher_observation_summary(teacher)` is the cross-app interface the development app's growth archive calls
(docs/teaching.md): the caller has already decided that the viewer may see the teacher.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from zhiliang.accounts.models import Role, RoleAssignment
from zhiliang.core.teaching.homework import DayLoad, Task, day_load
from zhiliang.core.teaching.rectification import STILL_OPEN, loop_summary
from zhiliang.core.teaching.summaries import (
    DEFAULT_TARGET,
    LessonScore,
    StandardSummary,
    criterion_profile,
    criterion_shares,
    quota_progress,
    standard_summary,
    strengths_and_weaknesses,
)
from zhiliang.org.models import School, SchoolClass, Term
from zhiliang.people.models import Teacher
from zhiliang.teaching.models import (
    HomeworkEntry,
    Inspection,
    InspectionResult,
    Observation,
    ObservationQuota,
    ObserverRole,
    SchoolSetting,
)


def county_terms(county_id: int) -> QuerySet[Term]:
    return Term.objects.filter(school_year__county_id=county_id).select_related("school_year")


def current_term(county_id: int, today: datetime.date | None = None) -> Term | None:
    """The term containing today; between terms the last one that started; else the latest."""
    today = today or timezone.localdate()
    terms = county_terms(county_id)
    return (
        terms.filter(start_date__lte=today, end_date__gte=today).first()
        or terms.filter(start_date__lte=today).order_by("-start_date").first()
        or terms.order_by("-start_date").first()
    )


def pick_term(county_id: int, term_id: Any) -> Term | None:
    """The term asked for in the query string when it belongs to the county, else the current term."""
    if term_id and str(term_id).isdigit():
        term = county_terms(county_id).filter(pk=int(term_id)).first()
        if term is not None:
            return term
    return current_term(county_id)


def school_target(school: School) -> Decimal:
    setting = SchoolSetting.objects.filter(school=school).first()
    return setting.target if setting else DEFAULT_TARGET


def submitted(queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    return queryset.filter(submitted_at__isnull=False)


def lesson_scores(queryset: QuerySet[Observation]) -> list[LessonScore]:
    rows = queryset.values_list("score", "meets_standard", "by_criterion")
    return [
        LessonScore(score, meets, {c: (Decimal(got), Decimal(most)) for c, (got, most) in criteria.items()})
        for score, meets, criteria in rows
    ]


def teacher_observation_summary(teacher: Teacher) -> dict[str, Any]:
    """Cross-app interface: keys `count`, `mean_score` (float | None, 100-point scale),
    `share_meeting_standard` (float 0–1 | None) and `latest` (date | None), over every submitted observation
    of the teacher."""
    observations = submitted(Observation.objects.filter(teacher=teacher))
    summary = standard_summary(lesson_scores(observations))
    latest = observations.order_by("-date").values_list("date", flat=True).first()
    return {
        "count": summary.count,
        "mean_score": float(summary.mean_score) if summary.mean_score is not None else None,
        "share_meeting_standard": float(summary.share) if summary.share is not None else None,
        "latest": latest,
    }


@dataclass(frozen=True)
class TeacherSummary:
    overall: StandardSummary
    series: list[dict[str, Any]]
    profile: list[Any]
    strengths: list[str]
    weaknesses: list[str]
    by_term: list[dict[str, Any]]


def teacher_summary(teacher: Teacher) -> TeacherSummary:
    observations = submitted(Observation.objects.filter(teacher=teacher)).select_related("term__school_year")
    target = school_target(teacher.school)
    own = lesson_scores(observations)
    reference = lesson_scores(submitted(Observation.objects.filter(school_id=teacher.school_id)))
    profile = criterion_profile(criterion_shares(own), criterion_shares(reference))
    strengths, weaknesses = strengths_and_weaknesses(profile)
    series = [
        {"date": o.date.isoformat(), "score": float(o.score), "band": o.band, "pk": o.pk}
        for o in observations.order_by("date", "period")
    ]
    terms: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        terms[observation.term_id].append(observation)
    by_term = []
    for term_observations in terms.values():
        stats = standard_summary([LessonScore(o.score, o.meets_standard, {}) for o in term_observations], target=target)
        by_term.append({"term": term_observations[0].term, "stats": stats})
    by_term.sort(key=lambda row: row["term"].start_date)
    return TeacherSummary(standard_summary(own, target), series, profile, strengths, weaknesses, by_term)


def _grouped(observations: QuerySet[Observation], field: str) -> dict[Any, list[LessonScore]]:
    groups: dict[Any, list[LessonScore]] = defaultdict(list)
    for key, score, meets in observations.values_list(field, "score", "meets_standard"):
        groups[key].append(LessonScore(score, meets, {}))
    return groups


@dataclass(frozen=True)
class QuotaRow:
    name: str
    role: str
    role_label: str
    done: int
    required: int | None
    share: Decimal | None
    met: bool | None


def quota_rows(school: School, term: Term) -> list[QuotaRow]:
    """Each observer of the school with the lessons they observed this term against their role's quota.

    Observers are the school's principals, academic directors and grade leaders (by role assignment, under
    their highest role), every active teacher of the school (counted by teacher record), and anyone else who
    observed here (records entered without an account are counted by the name on them)."""
    quotas = dict(ObservationQuota.objects.filter(school=school, term=term).values_list("role", "required"))
    order = [choice for choice, _label in ObserverRole.choices]
    observers: dict[tuple[Any, ...], tuple[str, str]] = {}
    leader_users: set[int] = set()
    assignments = RoleAssignment.objects.filter(
        school=school, role__in=[Role.PRINCIPAL, Role.ACADEMIC_DIRECTOR, Role.GRADE_LEADER]
    ).select_related("user")
    for assignment in sorted(assignments, key=lambda a: order.index(str(a.role))):
        leader_users.add(assignment.user_id)
        observers.setdefault(("u", assignment.user_id), (str(assignment.user), str(assignment.role)))
    for teacher in Teacher.objects.filter(school=school, is_active=True).exclude(user_id__in=leader_users):
        observers[("t", teacher.pk)] = (teacher.name, ObserverRole.TEACHER)
    done: dict[tuple[Any, ...], int] = defaultdict(int)
    records = submitted(Observation.objects.filter(school=school, term=term))
    for user_id, teacher_id, name, role, count in (
        records.values("observer_id", "observer_teacher_id", "observer_name", "observer_role")
        .annotate(n=Count("id"))
        .values_list("observer_id", "observer_teacher_id", "observer_name", "observer_role", "n")
    ):
        if teacher_id is not None and ("t", teacher_id) in observers:
            key: tuple[Any, ...] = ("t", teacher_id)
        elif user_id is not None:
            key = ("u", user_id)
        else:
            key = ("n", name, role)
        observers.setdefault(key, (name, role))
        done[key] += count
    labels = dict(ObserverRole.choices)
    rows = []
    for key, (name, role) in observers.items():
        required = quotas.get(role)
        count = done.get(key, 0)
        progress = quota_progress(required, count) if required is not None else None
        rows.append(
            QuotaRow(
                name=name,
                role=role,
                role_label=str(labels.get(role, role)),
                done=count,
                required=required,
                share=progress.share if progress else None,
                met=progress.met if progress else None,
            )
        )
    rows.sort(key=lambda r: (order.index(r.role) if r.role in order else 99, -r.done, r.name))
    return rows


def quota_totals(rows: Iterable[QuotaRow]) -> list[dict[str, Any]]:
    """Per role: observers, lessons required per observer, observers who met it, lessons done."""
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = totals.setdefault(
            row.role, {"role": row.role_label, "observers": 0, "required": row.required, "met": 0, "done": 0}
        )
        entry["observers"] += 1
        entry["done"] += row.done
        entry["met"] += 1 if row.met else 0
    return list(totals.values())


@dataclass(frozen=True)
class SchoolSummary:
    overall: StandardSummary
    by_subject: list[dict[str, Any]]
    by_teacher: list[dict[str, Any]]
    bands: list[tuple[str, int]]


def school_summary(school: School, term: Term | None) -> SchoolSummary:
    observations = submitted(Observation.objects.filter(school=school))
    if term is not None:
        observations = observations.filter(term=term)
    target = school_target(school)
    overall = standard_summary(lesson_scores(observations), target)
    subjects = dict(observations.values_list("subject_id", "subject__name").distinct())
    by_subject = [
        {"subject": subjects[key], "stats": standard_summary(scores, target)}
        for key, scores in _grouped(observations, "subject_id").items()
    ]
    by_subject.sort(key=lambda row: row["subject"])
    teachers = {t.pk: t for t in Teacher.objects.filter(pk__in=observations.values("teacher_id"))}
    by_teacher = [
        {"teacher": teachers[key], "stats": standard_summary(scores, target)}
        for key, scores in _grouped(observations, "teacher_id").items()
    ]
    by_teacher.sort(key=lambda row: (row["stats"].mean_score or 0, row["teacher"].name))
    bands = list(observations.values_list("band").annotate(n=Count("id")).order_by("-n"))
    return SchoolSummary(overall, by_subject, by_teacher, bands)


def result_rows(results: QuerySet[InspectionResult], today: datetime.date | None = None) -> list[dict[str, Any]]:
    today = today or timezone.localdate()
    rows = []
    for result in results.select_related("inspection", "teacher", "inspection__school"):
        rows.append({"result": result, "state": result.state(today)})
    return rows


def open_rows(results: QuerySet[InspectionResult], today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Results whose rectification is still open (open, overdue, awaiting re-check), earliest deadline first."""
    rows = [
        row for row in result_rows(results.filter(rectification_required=True), today) if row["state"] in STILL_OPEN
    ]
    rows.sort(key=lambda row: (row["result"].deadline or datetime.date.max, row["result"].teacher.name))
    return rows


@dataclass(frozen=True)
class ClassDay:
    school_class: SchoolClass
    date: datetime.date
    load: DayLoad


def homework_load(classes: QuerySet[SchoolClass], start: datetime.date, end: datetime.date) -> list[ClassDay]:
    """Every class-day with homework recorded in [start, end], with its written and other minutes and status."""
    sums = (
        HomeworkEntry.objects.filter(school_class__in=classes, date__gte=start, date__lte=end)
        .values("school_class_id", "date", "written")
        .annotate(minutes=Sum("minutes"))
    )
    tasks: dict[tuple[int, datetime.date], list[Task]] = defaultdict(list)
    for row in sums:
        tasks[(row["school_class_id"], row["date"])].append(Task(row["minutes"], row["written"]))
    by_id = {c.pk: c for c in SchoolClass.objects.filter(pk__in={key[0] for key in tasks}).select_related("school")}
    days = [ClassDay(by_id[cid], date, day_load(by_id[cid].grade, day)) for (cid, date), day in tasks.items()]
    days.sort(key=lambda d: (d.date, d.school_class.school.code, d.school_class.grade, d.school_class.number))
    return days


def county_overview(schools: QuerySet[School], term: Term | None) -> list[dict[str, Any]]:
    """Per school, aggregates only: observations against the target, inspections and the loop, homework alerts."""
    today = timezone.localdate()
    observations = submitted(Observation.objects.filter(school__in=schools))
    results = InspectionResult.objects.filter(inspection__school__in=schools)
    if term is not None:
        observations = observations.filter(term=term)
        results = results.filter(inspection__term=term)
    lessons = _grouped(observations, "school_id")
    states: dict[int, list[str]] = defaultdict(list)
    for result in results.select_related("inspection"):
        states[result.inspection.school_id].append(result.state(today))
    inspections = dict(
        Inspection.objects.filter(school__in=schools, **({"term": term} if term else {}))
        .values("school_id")
        .annotate(n=Count("id"))
        .values_list("school_id", "n")
    )
    alerts: dict[int, int] = defaultdict(int)
    recorded: dict[int, int] = defaultdict(int)
    if term is not None:
        for day in homework_load(SchoolClass.objects.filter(school__in=schools), term.start_date, term.end_date):
            recorded[day.school_class.school_id] += 1
            alerts[day.school_class.school_id] += 1 if day.load.is_alert else 0
    targets = dict(SchoolSetting.objects.filter(school__in=schools).values_list("school_id", "target"))
    rows = []
    for school in schools:
        loop = loop_summary(states.get(school.pk, []))
        rows.append(
            {
                "school": school,
                "stats": standard_summary(lessons.get(school.pk, []), targets.get(school.pk, DEFAULT_TARGET)),
                "inspections": inspections.get(school.pk, 0),
                "loop": loop,
                "homework_days": recorded.get(school.pk, 0),
                "homework_alerts": alerts.get(school.pk, 0),
            }
        )
    return rows
