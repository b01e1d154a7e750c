"""Reads for student care, always through `zhiliang/care/access.py`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from zhiliang.care.access import leading_students
from zhiliang.care.models import AbsenceSpell, FollowUp, Observation, PsychCase, SpecialGroupProfile
from zhiliang.core.care import observations as core_obs
from zhiliang.core.care import watch as core_watch
from zhiliang.core.care.suppression import MINIMUM_GROUP_SIZE, SuppressedTable, suppress
from zhiliang.exams.models import ExamStatus, Score, ScoreStatus
from zhiliang.org.models import School, SchoolClass, Term
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, StudentStatus


def current_members(school_class: SchoolClass) -> list[Student]:
    """The class's pupils who have not left it, by number in class and name."""
    memberships = (
        ClassMembership.objects.filter(school_class=school_class, left_on__isnull=True)
        .select_related("student")
        .order_by("seat_number", "student__name")
    )
    return [membership.student for membership in memberships]


def observations_of(students: list[Student], start: dt.date, end: dt.date) -> list[core_obs.Observation]:
    rows = Observation.objects.filter(student__in=students, date__range=(start, end)).values_list(
        "student_id", "date", "domain", "positive"
    )
    return [core_obs.Observation(str(student_id), day, domain, positive) for student_id, day, domain, positive in rows]


def today_counts(school_class: SchoolClass, day: dt.date) -> dict[int, dict[str, int]]:
    """Per student, today's positive and negative taps in the class (shown on the quick-entry page)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"positive": 0, "negative": 0})
    rows = (
        Observation.objects.filter(school_class=school_class, date=day)
        .values("student_id", "positive")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["student_id"]]["positive" if row["positive"] else "negative"] += row["n"]
    return counts


def term_subject_results(student: Student, term: Term) -> list[tuple[str, list[tuple[float, float]]]]:
    """(subject, [(score, full marks) …]) of the published exams of the term the student sat, in catalogue order."""
    scores = (
        Score.objects.filter(
            student=student,
            status=ScoreStatus.SCORED,
            exam_subject__exam__term=term,
            exam_subject__exam__status=ExamStatus.PUBLISHED,
        )
        .select_related("exam_subject__subject")
        .order_by("exam_subject__subject__order", "exam_subject__subject__name")
    )
    by_subject: dict[str, list[tuple[float, float]]] = {}
    for score in scores:
        pair = (float(score.score or 0), float(score.exam_subject.full_marks))
        by_subject.setdefault(score.exam_subject.subject.name, []).append(pair)
    return list(by_subject.items())


def fitness_summary(student: Student, school_year: Any) -> dict[str, Any] | None:
    """The fitness app's summary when it is installed and has data; None otherwise (it lands separately)."""
    try:
        from zhiliang.fitness.selectors import student_fitness_summary
    except ImportError:
        return None
    try:
        summary = student_fitness_summary(student, school_year)
    except Exception:
        return None
    return summary if isinstance(summary, dict) else None


@dataclass(frozen=True)
class WatchRow:
    student: Student
    reasons: list[core_watch.WatchReason]
    days: int | None
    last_follow_up: dt.date | None
    follow_ups: int


def watch_list(user: Any, today: dt.date) -> list[WatchRow]:
    """Students in the user's leading scope on the 控辍保学 watch list, longest on watch first."""
    students = leading_students(user)
    leaving = EnrollmentEvent.objects.filter(kind__in=core_watch.LEAVING_KINDS).values("student_id")
    absent = AbsenceSpell.objects.filter(returned_on__isnull=True).values("student_id")
    candidates = (
        students.filter(Q(id__in=leaving) | Q(id__in=absent))
        .exclude(status__in=[StudentStatus.GRADUATED, StudentStatus.TRANSFERRED_OUT])
        .select_related("school")
        .annotate(follow_ups=Count("watch_follow_ups", distinct=True))
    )
    candidates_by_id = {student.pk: student for student in candidates}
    reasons_by_id = watch_reasons_for(candidates_by_id)
    last: dict[int, dt.date] = {}
    for student_id, day in FollowUp.objects.filter(student_id__in=candidates_by_id).values_list("student_id", "date"):
        last[student_id] = max(day, last.get(student_id, day))
    rows = []
    for student_id, student in candidates_by_id.items():
        reasons = reasons_by_id[student_id]
        if reasons:
            rows.append(
                WatchRow(
                    student=student,
                    reasons=reasons,
                    days=core_watch.days_on_watch(reasons, today),
                    last_follow_up=last.get(student_id),
                    follow_ups=student.follow_ups,  # type: ignore[attr-defined]
                )
            )
    return sorted(rows, key=lambda row: (-(row.days or 0), row.student.student_number))


def watch_reasons_for(student_ids: Iterable[int]) -> dict[int, list[core_watch.WatchReason]]:
    """Why each student is on the watch list (empty list: not on it), in three queries whatever the number."""
    ids = list(student_ids)
    events: dict[int, list[core_watch.Event]] = defaultdict(list)
    for student_id, kind, day in EnrollmentEvent.objects.filter(student_id__in=ids).values_list(
        "student_id", "kind", "date"
    ):
        events[student_id].append(core_watch.Event(kind, day))
    absences: dict[int, list[core_watch.Absence]] = defaultdict(list)
    for spell in AbsenceSpell.objects.filter(student_id__in=ids):
        absences[spell.student_id].append(core_watch.Absence(spell.start, spell.school_days, spell.returned_on))
    return {student_id: core_watch.watch_reasons(events[student_id], absences[student_id]) for student_id in ids}


def student_watch_reasons(student: Student) -> list[core_watch.WatchReason]:
    events = [core_watch.Event(kind, day) for kind, day in student.events.values_list("kind", "date")]
    absences = [
        core_watch.Absence(spell.start, spell.school_days, spell.returned_on) for spell in student.absence_spells.all()
    ]
    return core_watch.watch_reasons(events, absences)


AGGREGATE_COLUMNS = (*SpecialGroupProfile.FLAGS, "psych_open")


@dataclass(frozen=True)
class CountyOverview:
    schools: list[School]
    table: SuppressedTable
    minimum: int


def county_overview(schools: list[School]) -> CountyOverview:
    """Enrolled students per school and special group, and open psychological cases, suppressed (rule of five)."""
    enrolled = Q(student__status=StudentStatus.ENROLLED, student__school__in=schools)
    counts = (
        SpecialGroupProfile.objects.filter(enrolled)
        .values("student__school_id")
        .annotate(**{flag: Count("id", filter=Q(**{flag: True})) for flag in SpecialGroupProfile.FLAGS})
    )
    by_school = {row["student__school_id"]: row for row in counts}
    psych = dict(
        PsychCase.objects.filter(enrolled, closed_on__isnull=True)
        .values("student__school_id")
        .annotate(n=Count("student_id", distinct=True))
        .values_list("student__school_id", "n")
    )
    table = [
        [by_school.get(school.pk, {}).get(flag, 0) for flag in SpecialGroupProfile.FLAGS] + [psych.get(school.pk, 0)]
        for school in schools
    ]
    return CountyOverview(schools=schools, table=suppress(table, MINIMUM_GROUP_SIZE), minimum=MINIMUM_GROUP_SIZE)
