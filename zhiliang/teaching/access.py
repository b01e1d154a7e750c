"""Who reaches which teaching records, built only on zhiliang.accounts.scoping (docs/teaching.md, "Access").

* the principal and the academic director (`Scope.school_ids`, with the teaching points of a central school):
  every submitted observation, inspection and homework record of their schools; they configure the school's
  forms, target and quotas;
* an observer: their own observations, drafts included; a teacher: the submitted observations of their
  lessons, their own inspection results, the homework of the classes they head or teach (only their subjects);
* grade leaders observe lessons in their school and see the homework of their grade;
* the bureau and group leaders: aggregates per school only (`aggregate_schools`), never one teacher's records;
  a bureau administrator also defines the county's forms.
Everything else answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.models import Role
from zhiliang.accounts.scoping import Scope, scope_for
from zhiliang.org.models import County, School, SchoolClass
from zhiliang.people.models import Teacher
from zhiliang.teaching.models import HomeworkEntry as Homework
from zhiliang.teaching.models import (
    Inspection,
    InspectionResult,
    Observation,
    ObserverRole,
    Rubric,
)


def leader_school_ids(user: Any) -> frozenset[int]:
    return scope_for(user).school_ids


def led_schools(user: Any) -> QuerySet[School]:
    return School.objects.filter(id__in=leader_school_ids(user)).order_by("code")


def require_leader(user: Any, school: School) -> None:
    if school.pk not in leader_school_ids(user):
        raise Http404


def aggregate_schools(user: Any) -> QuerySet[School]:
    """Schools the bureau or a group leader sees as aggregates (the county overview)."""
    scope = scope_for(user)
    return School.objects.filter(Q(county_id__in=scope.county_ids) | Q(group_id__in=scope.group_ids)).order_by("code")


def config_counties(user: Any) -> QuerySet[County]:
    """Counties whose shared forms the user may define: bureau administrators."""
    return County.objects.filter(id__in=scope_for(user).county_admin_ids)


def observer_role(user: Any) -> str | None:
    """The role an observation is counted under for quotas, highest first; None when the user cannot observe."""
    scope = scope_for(user)
    roles = scope.roles
    if Role.PRINCIPAL in roles and scope.school_ids:
        return ObserverRole.PRINCIPAL
    if Role.ACADEMIC_DIRECTOR in roles and scope.school_ids:
        return ObserverRole.ACADEMIC_DIRECTOR
    if scope.grade_pairs:
        return ObserverRole.GRADE_LEADER
    if scope.teacher_id is not None:
        return ObserverRole.TEACHER
    return None


def observer_school_ids(user: Any) -> set[int]:
    scope = scope_for(user)
    ids = set(scope.school_ids) | {school_id for school_id, _grade in scope.grade_pairs}
    if scope.teacher_id is not None and scope.teacher_school_id is not None:
        ids.add(scope.teacher_school_id)
    return ids


def observable_teachers(user: Any) -> QuerySet[Teacher]:
    """Colleagues a user may observe: active teachers of the schools they lead or work in, not themselves."""
    scope = scope_for(user)
    teachers = Teacher.objects.filter(school_id__in=observer_school_ids(user), is_active=True)
    if scope.teacher_id is not None:
        teachers = teachers.exclude(pk=scope.teacher_id)
    return teachers.order_by("name")


def visible_observations(user: Any) -> QuerySet[Observation]:
    scope = scope_for(user)
    if not getattr(user, "is_authenticated", False):
        return Observation.objects.none()
    submitted = Q(submitted_at__isnull=False) & (
        Q(school_id__in=scope.school_ids) | Q(teacher_id=scope.teacher_id or -1)
    )
    return Observation.objects.filter(Q(observer=user) | submitted)


def visible_results(user: Any) -> QuerySet[InspectionResult]:
    scope = scope_for(user)
    return InspectionResult.objects.filter(
        Q(inspection__school_id__in=scope.school_ids) | Q(teacher_id=scope.teacher_id or -1)
    )


def visible_inspections(user: Any) -> QuerySet[Inspection]:
    return Inspection.objects.filter(school_id__in=leader_school_ids(user))


def visible_teacher_summaries(user: Any) -> QuerySet[Teacher]:
    """Whose observation summary a user opens: their own, and every teacher of a school they lead."""
    scope = scope_for(user)
    return Teacher.objects.filter(Q(school_id__in=scope.school_ids) | Q(pk=scope.teacher_id or -1))


def _homework_class_q(user: Any, prefix: str = "") -> Q:
    scope = scope_for(user)
    q = Q(**{f"{prefix}school_id__in": scope.school_ids}) | Q(**{f"{prefix}id__in": scope.head_class_ids})
    for school_id, grade in scope.grade_pairs:
        q |= Q(**{f"{prefix}school_id": school_id, f"{prefix}grade": grade})
    return q


def homework_classes(user: Any) -> QuerySet[SchoolClass]:
    """Classes whose whole daily load a user sees: their schools, their grade, the classes they head or teach."""
    scope = scope_for(user)
    return SchoolClass.objects.filter(_homework_class_q(user) | Q(id__in=scope.taught_class_ids))


def visible_homework(user: Any) -> QuerySet[Homework]:
    """Homework records: whole classes as in `homework_classes`, for a subject teacher only their subjects."""
    scope = scope_for(user)
    q = _homework_class_q(user, "school_class__")
    for class_id, subject_id in scope.taught:
        q |= Q(school_class_id=class_id, subject_id=subject_id)
    return Homework.objects.filter(q)


def may_record_homework(user: Any, school_class: SchoolClass, subject_id: int) -> bool:
    scope = scope_for(user)
    return (
        school_class.school_id in scope.school_ids
        or school_class.pk in scope.head_class_ids
        or (school_class.pk, subject_id) in scope.taught
    )


def visible_rubrics(user: Any) -> QuerySet[Rubric]:
    """Forms a user configures or reads: the county's (bureau administrators, school leaders) and their
    schools' own."""
    scope = scope_for(user)
    school_counties = School.objects.filter(id__in=scope.school_ids).values("county_id")
    return Rubric.objects.filter(
        Q(school_id__in=scope.school_ids) | Q(county_id__in=scope.county_admin_ids) | Q(county_id__in=school_counties)
    )


def may_edit_rubric(user: Any, rubric: Rubric) -> bool:
    scope = scope_for(user)
    if rubric.school_id is not None:
        return rubric.school_id in scope.school_ids
    return rubric.county_id in scope.county_admin_ids


def uses_teaching(user: Any) -> bool:
    """Whether the teaching pages have anything for the user at all (else 404)."""
    return shows_teaching(scope_for(user), user)


NAV_LABEL = _("Teaching routines")


def shows_teaching(scope: Scope, user: Any) -> bool:
    """The menu entry: anyone holding a role or a teacher record (each finds their own part)."""
    return bool(scope.roles or scope.teacher_id is not None)
