"""What each user may see and do: the one place where access is decided.

Every view, export and API asks these functions; none filters by role on its own. Rules (docs/roles.md):

* bureau administrator / analyst: every school of their county;
* group leader: the schools of their group;
* principal / academic director: their school, and the teaching points (教学点) under it when it is a
  central school (中心校);
* grade leader: the classes of their grade in their school (every school year, so a cohort can be followed);
* head teacher: the classes they head; subject teacher: the classes they teach, and in them only the
  subjects they teach (`score_scope`).

The union of a person's roles applies. Objects outside the scope are answered with 404, never 403, so that
outsiders cannot learn what exists.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zhiliang.accounts.models import COUNTY_ROLES, SCHOOL_ROLES, Role, RoleAssignment
from zhiliang.org.models import County, School, SchoolClass
from zhiliang.people.models import ClassMembership, Student, Teacher, TeachingAssignment


@dataclass(frozen=True)
class Scope:
    """The ids a user reaches through their roles (computed once per request)."""

    roles: frozenset[str] = frozenset()
    county_ids: frozenset[int] = frozenset()
    county_admin_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()
    school_ids: frozenset[int] = frozenset()  # whole-school roles (incl. teaching points of a central school)
    grade_pairs: frozenset[tuple[int, int]] = frozenset()  # (school_id, grade) for grade leaders
    head_class_ids: frozenset[int] = frozenset()
    taught: frozenset[tuple[int, int]] = frozenset()  # (class_id, subject_id)
    teacher_id: int | None = None
    teacher_school_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def taught_class_ids(self) -> frozenset[int]:
        return frozenset(class_id for class_id, _subject in self.taught)

    @property
    def is_staff_of_anything(self) -> bool:
        return bool(self.roles)


_CACHE_ATTR = "_zhiliang_scope"


def scope_for(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scope = _compute_scope(user)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's roles or assignments change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _compute_scope(user: Any) -> Scope:
    roles: set[str] = set()
    county_ids: set[int] = set()
    county_admin_ids: set[int] = set()
    group_ids: set[int] = set()
    school_ids: set[int] = set()
    grade_pairs: set[tuple[int, int]] = set()
    for assignment in RoleAssignment.objects.filter(user=user):
        roles.add(assignment.role)
        if assignment.role in COUNTY_ROLES and assignment.county_id:
            county_ids.add(assignment.county_id)
            if assignment.role == Role.BUREAU_ADMIN:
                county_admin_ids.add(assignment.county_id)
        elif assignment.role == Role.GROUP_LEADER and assignment.group_id:
            group_ids.add(assignment.group_id)
        elif assignment.role in SCHOOL_ROLES and assignment.school_id:
            school_ids.add(assignment.school_id)
        elif assignment.role == Role.GRADE_LEADER and assignment.school_id and assignment.grade:
            grade_pairs.add((assignment.school_id, assignment.grade))
    if school_ids:
        school_ids |= set(School.objects.filter(central_school_id__in=school_ids).values_list("id", flat=True))

    teacher = Teacher.objects.filter(user=user, is_active=True).first()
    head_class_ids: set[int] = set()
    taught: set[tuple[int, int]] = set()
    if teacher is not None:
        head_class_ids = set(SchoolClass.objects.filter(head_teacher=teacher).values_list("id", flat=True))
        taught = set(TeachingAssignment.objects.filter(teacher=teacher).values_list("school_class_id", "subject_id"))
        if head_class_ids:
            roles.add(Role.HEAD_TEACHER)
        if taught:
            roles.add(Role.SUBJECT_TEACHER)
    return Scope(
        roles=frozenset(roles),
        county_ids=frozenset(county_ids),
        county_admin_ids=frozenset(county_admin_ids),
        group_ids=frozenset(group_ids),
        school_ids=frozenset(school_ids),
        grade_pairs=frozenset(grade_pairs),
        head_class_ids=frozenset(head_class_ids),
        taught=frozenset(taught),
        teacher_id=teacher.pk if teacher else None,
        teacher_school_id=teacher.school_id if teacher else None,
    )


def _grade_q(scope: Scope, school_field: str, grade_field: str) -> Q:
    q = Q(pk__in=[])
    for school_id, grade in scope.grade_pairs:
        q |= Q(**{school_field: school_id, grade_field: grade})
    return q


def _whole_school_q(scope: Scope, prefix: str) -> Q:
    """Schools the user sees entirely: county, group and school roles."""
    return (
        Q(**{f"{prefix}county_id__in": scope.county_ids})
        | Q(**{f"{prefix}group_id__in": scope.group_ids})
        | Q(**{f"{prefix}id__in": scope.school_ids})
    )


def visible_counties(user: Any) -> QuerySet[County]:
    scope = scope_for(user)
    return County.objects.filter(Q(id__in=scope.county_ids) | Q(schools__in=visible_schools(user))).distinct()


def visible_schools(user: Any) -> QuerySet[School]:
    scope = scope_for(user)
    partial_school_ids = {school_id for school_id, _grade in scope.grade_pairs}
    class_ids = scope.head_class_ids | scope.taught_class_ids
    schools_of_classes = SchoolClass.objects.filter(id__in=class_ids).values("school_id")
    q = _whole_school_q(scope, "") | Q(id__in=partial_school_ids) | Q(id__in=schools_of_classes)
    return School.objects.filter(q)


def whole_school_ids(user: Any) -> QuerySet[School]:
    """Schools the user sees in full (every class, teacher and student): not the teaching roles."""
    return School.objects.filter(_whole_school_q(scope_for(user), ""))


def visible_classes(user: Any) -> QuerySet[SchoolClass]:
    scope = scope_for(user)
    q = (
        _whole_school_q(scope, "school__")
        | _grade_q(scope, "school_id", "grade")
        | Q(id__in=scope.head_class_ids | scope.taught_class_ids)
    )
    return SchoolClass.objects.filter(q)


def visible_students(user: Any) -> QuerySet[Student]:
    """Students of the visible schools (current school) or who were ever in a visible class."""
    scope = scope_for(user)
    # Subqueries instead of joins: no DISTINCT over the county's students (measured 247 → 30 ms at 60,000).
    members = ClassMembership.objects.filter(school_class__in=visible_classes(user)).values("student_id")
    q = _whole_school_q(scope, "school__") | Q(id__in=members)
    return Student.objects.filter(q)


def visible_teachers(user: Any) -> QuerySet[Teacher]:
    scope = scope_for(user)
    teaching = TeachingAssignment.objects.filter(school_class__in=visible_classes(user)).values("teacher_id")
    q = _whole_school_q(scope, "school__") | Q(id__in=teaching)
    if scope.teacher_id is not None:
        q |= Q(id=scope.teacher_id)
    return Teacher.objects.filter(q)


def score_scope(user: Any, *, class_field: str = "school_class", subject_field: str = "subject") -> Q:
    """Which (class, subject) results a user may see: all subjects of a class except for subject teachers.

    Whole-school roles, grade leaders and head teachers see every subject of their classes; a subject
    teacher sees only the subjects they teach in the classes they teach.
    """
    scope = scope_for(user)
    full_classes = (
        _whole_school_q(scope, f"{class_field}__school__")
        | _grade_q(scope, f"{class_field}__school_id", f"{class_field}__grade")
        | Q(**{f"{class_field}_id__in": scope.head_class_ids})
    )
    taught = Q(pk__in=[])
    for class_id, subject_id in scope.taught:
        taught |= Q(**{f"{class_field}_id": class_id, f"{subject_field}_id": subject_id})
    return full_classes | taught


def can_see_county_overview(user: Any) -> bool:
    scope = scope_for(user)
    return bool(scope.county_ids or scope.group_ids)


def can_manage_school(user: Any, school: School) -> bool:
    """Import rosters, create exams, promote classes: bureau administrators and the school's leadership."""
    scope = scope_for(user)
    return school.county_id in scope.county_admin_ids or school.pk in scope.school_ids


def managed_schools(user: Any) -> QuerySet[School]:
    scope = scope_for(user)
    return School.objects.filter(Q(county_id__in=scope.county_admin_ids) | Q(id__in=scope.school_ids))


def can_reveal_id_number(user: Any, student: Student) -> bool:
    """ID numbers are revealed (and audited) only to the bureau administrator and the school's leadership."""
    return can_manage_school(user, student.school)


def can_view_audit_log(user: Any) -> bool:
    return bool(scope_for(user).county_admin_ids)


def get_for_user(queryset: QuerySet[Any], **lookup: Any) -> Any:
    """Fetch one object from an already-scoped queryset, or 404 (outsiders learn nothing)."""
    return get_object_or_404(queryset, **lookup)
