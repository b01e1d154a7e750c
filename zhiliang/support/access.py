"""Who sees and who works on support records, built only on `zhiliang.accounts.scoping`.

* **See** a student's candidates and archive: whoever sees the student (`visible_students`): bureau and group
  roles, the school's leadership, the grade leader, and the head and subject teachers of a class the student
  is or was in. The archive hangs off the student, so it follows them to a new class or school.
* **Work on** (confirm, nominate, plan, log, review, exit): the people who teach and lead the student's
  *current* class: its head teacher and subject teachers, the grade leader, the principal and academic director
  of the school; and the teacher paired with the student (结对帮扶) on their own case. Bureau and group roles
  read only: support is the school's work.
* **County and group overviews** (counts per school, no names): `can_see_county_overview`.
* **Rules** are set by the bureau administrator.

Anything else answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zhiliang.accounts.scoping import scope_for, visible_classes, visible_students, whole_school_ids
from zhiliang.org.models import SchoolClass
from zhiliang.people.models import ClassMembership, Student
from zhiliang.support.models import Candidate, OutcomeReview, SupportCase


def current_membership(student: Student) -> ClassMembership | None:
    return (
        ClassMembership.objects.filter(student=student, school_year__is_current=True, left_on__isnull=True)
        .select_related("school_class__school", "school_class__school_year")
        .first()
    )


def workable_classes(user: Any) -> QuerySet[SchoolClass]:
    """Classes whose students the user works with: heads, teaches, leads the grade of, or leads the school of."""
    scope = scope_for(user)
    q = Q(id__in=scope.head_class_ids | scope.taught_class_ids) | Q(school_id__in=scope.school_ids)
    for school_id, grade in scope.grade_pairs:
        q |= Q(school_id=school_id, grade=grade)
    return SchoolClass.objects.filter(q)


def can_work_on(user: Any, student: Student, case: SupportCase | None = None) -> bool:
    scope = scope_for(user)
    if case is not None and scope.teacher_id is not None and case.mentor_id == scope.teacher_id:
        return True
    membership = current_membership(student)
    return membership is not None and workable_classes(user).filter(pk=membership.school_class_id).exists()


def cases_visible(user: Any) -> QuerySet[SupportCase]:
    return SupportCase.objects.filter(student__in=visible_students(user)).select_related("student", "mentor")


def candidates_visible(user: Any) -> QuerySet[Candidate]:
    return Candidate.objects.filter(student__in=visible_students(user)).select_related("student", "school_class")


def class_or_404(user: Any, pk: int) -> SchoolClass:
    found = visible_classes(user).select_related("school", "school_year", "head_teacher").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def case_or_404(user: Any, pk: int) -> SupportCase:
    found = cases_visible(user).select_related("opened_class__school", "baseline_exam").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def workable_case_or_404(user: Any, pk: int) -> SupportCase:
    case = case_or_404(user, pk)
    if not can_work_on(user, case.student, case):
        raise Http404
    return case


def workable_candidate_or_404(user: Any, pk: int) -> Candidate:
    found = candidates_visible(user).filter(pk=pk).first()
    if found is None or not can_work_on(user, found.student):
        raise Http404
    return found


def workable_review_or_404(user: Any, pk: int) -> OutcomeReview:
    found = OutcomeReview.objects.filter(case__in=cases_visible(user), pk=pk).select_related("case__student").first()
    if found is None or not can_work_on(user, found.case.student, found.case):
        raise Http404
    return found


def require_any_role(user: Any) -> None:
    if not scope_for(user).roles:
        raise Http404


def sees_whole_schools(user: Any) -> bool:
    return whole_school_ids(user).exists()


def is_rules_admin(user: Any) -> bool:
    return bool(scope_for(user).county_admin_ids)
