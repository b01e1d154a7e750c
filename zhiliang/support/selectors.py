"""Reads of student support, scoped by user: overviews, idle cases, teachers' loads.

The overview counts per unit (a school at county/group level, a class at school level):
identified (cases ever opened), pending candidates, supported (open, with a paired teacher and at least one
intervention), improved (the latest outcome review says improved), exited (转化), idle (open, no intervention for
the county's `idle_weeks`). County and group levels show counts only, never names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from zhiliang.accounts.scoping import scope_for, visible_classes, visible_schools
from zhiliang.org.models import School
from zhiliang.people.models import ClassMembership
from zhiliang.support.access import candidates_visible, cases_visible
from zhiliang.support.models import CandidateStatus, CaseStatus, OutcomeReview, SupportCase


def _current(field_name: str) -> Subquery:
    return Subquery(
        ClassMembership.objects.filter(
            student_id=OuterRef("student_id"), school_year__is_current=True, left_on__isnull=True
        ).values(field_name)[:1]
    )


def annotated_cases(queryset: QuerySet[SupportCase]) -> QuerySet[SupportCase]:
    """Cases with their current class, last intervention, number of interventions and latest outcome."""
    latest = OutcomeReview.objects.filter(case_id=OuterRef("pk")).order_by("-exam__held_on", "-id").values("outcome")
    return queryset.annotate(
        current_class_id=_current("school_class_id"),
        last_intervention=Max("interventions__date"),
        intervention_count=Count("interventions"),
        latest_outcome=Subquery(latest[:1]),
    )


@dataclass
class UnitRow:
    key: int | None
    label: str
    identified: int = 0
    pending: int = 0
    active: int = 0
    supported: int = 0
    improved: int = 0
    exited: int = 0
    idle: int = 0


def is_idle(case: Any, today: datetime.date, weeks: int) -> bool:
    """Open, and no intervention in the last `weeks` weeks (counted from the opening when there is none yet)."""
    if case.status != CaseStatus.ACTIVE:
        return False
    since = case.last_intervention or case.opened_on
    return since < today - datetime.timedelta(weeks=weeks)


@dataclass
class Overview:
    level: str  # "schools" or "classes"
    rows: list[UnitRow]
    total: UnitRow
    idle_cases: list[Any] = field(default_factory=list)  # only at class level (names)
    teachers: list[dict[str, Any]] = field(default_factory=list)
    school: School | None = None


def _tally(row: UnitRow, case: Any, today: datetime.date, weeks: int) -> None:
    row.identified += 1
    if case.status == CaseStatus.EXITED:
        row.exited += 1
    else:
        row.active += 1
        if case.mentor_id and case.intervention_count:
            row.supported += 1
    if case.latest_outcome == "improved":
        row.improved += 1
    if is_idle(case, today, weeks):
        row.idle += 1


def overview(user: Any, *, today: datetime.date, idle_weeks: int, school: School | None = None) -> Overview:
    """Counts per school (several schools seen whole, no school chosen) or per class (otherwise)."""
    scope = scope_for(user)
    cases = annotated_cases(cases_visible(user))
    candidates = candidates_visible(user).filter(status=CandidateStatus.PENDING)
    by_school = school is None and (scope.county_ids or scope.group_ids or len(scope.school_ids) > 1)
    if school is not None:
        cases = cases.filter(student__school=school)
        candidates = candidates.filter(student__school=school)
    if by_school:
        schools = {s.pk: s.name for s in visible_schools(user).order_by("code")}
        rows = {pk: UnitRow(pk, name) for pk, name in schools.items()}
        for case in cases:
            row = rows.get(case.student.school_id)
            if row is not None:
                _tally(row, case, today, idle_weeks)
        for school_id, count in candidates.values_list("student__school_id").annotate(n=Count("id")):
            if school_id in rows:
                rows[school_id].pending = count
        listed = [row for row in rows.values() if row.identified or row.pending]
        level = "schools"
        idle_cases: list[Any] = []
    else:
        classes = visible_classes(user).filter(school_year__is_current=True).select_related("school")
        if school is not None:
            classes = classes.filter(school=school)
        rows = {
            c.pk: UnitRow(c.pk, f"{c.school.name} {c.display_name}")
            for c in classes.order_by("school__code", "grade", "number")
        }
        case_list = list(cases.order_by("student__name"))
        for case in case_list:
            row = rows.get(case.current_class_id)
            if row is not None:
                _tally(row, case, today, idle_weeks)
        for class_id, count in (
            candidates.annotate(current=_current("school_class_id")).values_list("current").annotate(n=Count("id"))
        ):
            if class_id in rows:
                rows[class_id].pending = count
        listed = [row for row in rows.values() if row.identified or row.pending]
        level = "classes"
        idle_cases = [c for c in case_list if c.current_class_id in rows and is_idle(c, today, idle_weeks)]
    total = UnitRow(None, "")
    for row in listed:
        for name in ("identified", "pending", "active", "supported", "improved", "exited", "idle"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    teachers = list(
        cases.filter(status=CaseStatus.ACTIVE, mentor__isnull=False)
        .values("mentor_id", "mentor__name", "mentor__school__name")
        .annotate(cases=Count("id", distinct=True))
        .order_by("-cases", "mentor__name")[:10]
    )
    return Overview(level, listed, total, idle_cases, teachers, school)


def class_cases(school_class_id: int, user: Any) -> list[Any]:
    """Open and recently exited cases of the students now in a class (wherever the case was opened)."""
    members = ClassMembership.objects.filter(school_class_id=school_class_id, left_on__isnull=True).values("student_id")
    return list(annotated_cases(cases_visible(user).filter(student_id__in=members)).order_by("status", "student__name"))


def pending_candidates(school_class_id: int, user: Any) -> QuerySet[Any]:
    members = ClassMembership.objects.filter(school_class_id=school_class_id, left_on__isnull=True).values("student_id")
    return (
        candidates_visible(user)
        .filter(Q(student_id__in=members), status=CandidateStatus.PENDING)
        .select_related("exam", "nominated_by")
        .order_by("student__name", "-created_at")
    )
