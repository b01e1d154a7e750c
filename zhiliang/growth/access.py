"""What a user may open in growth and value-added, built only on `zhiliang.accounts.scoping` (404 otherwise).

* value-added of an exam: whoever sees the exam (`exams.selectors.exam_for_user`); its rows are then cut with
  the exams app's `Visibility` (docs/exams.md): classes as in the exam analysis, **teachers only for the
  teacher themself and for roles that see the teacher's school whole** (bureau, group leader, principal,
  academic director, the grade's leader), schools for the bureau and group leaders (and a school's own staff
  for their school);
* a student's growth record: whoever sees the student (`visible_students`), for the subjects they see;
* a class's growth: whoever sees the class (`visible_classes`); a subject teacher only their subjects;
* a cohort (a school's grade in a school year): those who see the school whole, and the grade's leader;
* the county's context factors: its bureau administrator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy

from zhiliang.accounts.scoping import (
    Scope,
    get_for_user,
    scope_for,
    visible_classes,
    visible_schools,
    visible_students,
    whole_school_ids,
)
from zhiliang.curriculum.models import Subject
from zhiliang.org.models import County, School, SchoolClass
from zhiliang.people.models import Student

NAV_LABEL = gettext_lazy("Growth and value added")


def shows_growth(scope: Scope, user: Any) -> bool:
    """The menu entry: every staff role (each sees the growth of what it sees)."""
    return bool(scope.roles)


def student_for(user: Any, pk: int) -> Student:
    return get_for_user(visible_students(user).select_related("school"), pk=pk)  # type: ignore[no-any-return]


def class_for(user: Any, pk: int) -> SchoolClass:
    return get_for_user(  # type: ignore[no-any-return]
        visible_classes(user).select_related("school", "school_year", "head_teacher"), pk=pk
    )


def sees_cohort(user: Any, school: School, grade: int) -> bool:
    scope = scope_for(user)
    return whole_school_ids(user).filter(pk=school.pk).exists() or (school.pk, grade) in scope.grade_pairs


def cohort_school_for(user: Any, school_id: int, grade: int) -> School:
    school = get_for_user(visible_schools(user), pk=school_id)
    if not sees_cohort(user, school, grade):
        raise Http404
    return school  # type: ignore[no-any-return]


def subjects_seen(user: Any, classes: Iterable[SchoolClass]) -> set[str] | None:
    """Subjects the user sees of students in `classes`: None means every subject (and 总分).

    Every subject when the user sees one of the classes whole (a whole-school role, the grade's leader, the
    head teacher); otherwise the subjects they teach in those classes.
    """
    scope = scope_for(user)
    classes = list(classes)
    whole_schools = set(whole_school_ids(user).values_list("id", flat=True))
    for school_class in classes:
        if (
            school_class.school_id in whole_schools
            or (school_class.school_id, school_class.grade) in scope.grade_pairs
            or school_class.pk in scope.head_class_ids
        ):
            return None
    class_ids = {c.pk for c in classes}
    subject_ids = {subject for class_id, subject in scope.taught if class_id in class_ids}
    return set(Subject.objects.filter(id__in=subject_ids).values_list("name", flat=True))


def can_edit_settings(user: Any, county: County) -> bool:
    return county.pk in scope_for(user).county_admin_ids


def settings_county_for(user: Any) -> County:
    scope = scope_for(user)
    if not scope.county_admin_ids:
        raise Http404
    return County.objects.get(pk=min(scope.county_admin_ids))
