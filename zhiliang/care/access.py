"""Who sees and does what in student care; built only on `zhiliang.accounts.scoping`.

Sensitive records (special groups with home visits; psychological cases) are the product's most sensitive data:

* special groups: the principal and academic director of the student's current school (and of a central
  school for its teaching points), staff the school names for that kind of record (`CareGrant`), and — when the
  school opens the kind to a role (`RoleGrant`) — head teachers for the pupils of the classes they head this year
  and grade leaders for their grade this year;
* psychological cases: only named staff and roles the school opened them to; the leadership by office does not
  see them (a principal who needs them names themselves, which is recorded);
* nobody at the bureau or group sees names: they see counts, suppressed below the minimum group size.

Everyday care (growth observations, the 控辍保学 watch list, growth reports) follows the ordinary scope:
teachers record observations in the classes they head or teach this year; summaries open for every class in
scope; term comments and growth reports for the classes one leads or heads (not for subject teachers); the
watch list for the leaders and head teachers who see the student, follow-ups by those who manage the school or
head the student's class. Outside the scope: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhiliang.accounts.scoping import (
    can_manage_school,
    scope_for,
    visible_classes,
    whole_school_ids,
)
from zhiliang.care.models import CareGrant, GrantRole, RecordKind, RoleGrant
from zhiliang.org.models import School, SchoolClass
from zhiliang.people.models import ClassMembership, Student

CURRENT_MEMBERSHIP = Q(school_class__school_year__is_current=True, left_on__isnull=True)


def sensitive_students(user: Any, kind: str) -> QuerySet[Student]:
    """Students whose records of `kind` the user may see (module docstring)."""
    scope = scope_for(user)
    if not getattr(user, "is_authenticated", False):
        return Student.objects.none()
    q = Q(school_id__in=CareGrant.objects.filter(user_id=user.pk, kind=kind).values("school_id"))
    if kind == RecordKind.SPECIAL_GROUPS:
        q |= Q(school_id__in=scope.school_ids)
    if scope.head_class_ids:
        opened = RoleGrant.objects.filter(role=GrantRole.HEAD_TEACHER, kind=kind).values("school_id")
        members = ClassMembership.objects.filter(
            CURRENT_MEMBERSHIP, school_class_id__in=scope.head_class_ids, school_class__school_id__in=opened
        )
        q |= Q(id__in=members.values("student_id"))
    for school_id, grade in scope.grade_pairs:
        if RoleGrant.objects.filter(school_id=school_id, role=GrantRole.GRADE_LEADER, kind=kind).exists():
            members = ClassMembership.objects.filter(
                CURRENT_MEMBERSHIP, school_class__school_id=school_id, school_class__grade=grade
            )
            q |= Q(id__in=members.values("student_id"))
    return Student.objects.filter(q)


def can_see_sensitive(user: Any, student: Student, kind: str) -> bool:
    return sensitive_students(user, kind).filter(pk=student.pk).exists()


def sees_any_sensitive(user: Any) -> bool:
    return any(sensitive_students(user, kind).exists() for kind in RecordKind.values)


def granting_schools(user: Any) -> QuerySet[School]:
    """Schools whose authorisations the user manages: the school's principal and academic director only."""
    return School.objects.filter(id__in=scope_for(user).school_ids)


def observable_classes(user: Any) -> QuerySet[SchoolClass]:
    """This year's classes where the user records observations: those they head or teach, or lead as a school."""
    scope = scope_for(user)
    q = Q(id__in=scope.head_class_ids | scope.taught_class_ids) | Q(school_id__in=scope.school_ids)
    return SchoolClass.objects.filter(q, school_year__is_current=True)


def leading_classes(user: Any) -> QuerySet[SchoolClass]:
    """Classes the user sees as a leader or head teacher (every year): growth reports, term comments, watch list."""
    scope = scope_for(user)
    q = Q(school__in=whole_school_ids(user)) | Q(id__in=scope.head_class_ids)
    for school_id, grade in scope.grade_pairs:
        q |= Q(school_id=school_id, grade=grade)
    return visible_classes(user).filter(q)


def leading_students(user: Any) -> QuerySet[Student]:
    """Students of the schools the user sees whole, or ever in a class they lead or head."""
    members = ClassMembership.objects.filter(school_class__in=leading_classes(user)).values("student_id")
    return Student.objects.filter(Q(school__in=whole_school_ids(user)) | Q(id__in=members))


def can_follow_up(user: Any, student: Student) -> bool:
    """Record absences and follow-ups: the school's managers, and the head teacher of the student's class."""
    if can_manage_school(user, student.school):
        return True
    scope = scope_for(user)
    return ClassMembership.objects.filter(
        student=student, school_class_id__in=scope.head_class_ids, school_class__school_year__is_current=True
    ).exists()


def can_write_comment(user: Any, school_class: SchoolClass) -> bool:
    """Term comments: the class's head teacher and its school's leadership."""
    scope = scope_for(user)
    return school_class.pk in scope.head_class_ids or school_class.school_id in scope.school_ids
