"""Who sees which fitness records, built only on `zhiliang.accounts.scoping` (docs/roles.md, docs/fitness.md).

- bureau staff and group leaders: the schools of their county or group (and the county page);
- principals and academic directors: their school (with its teaching points);
- grade leaders: the classes of their grade;
- head teachers: the classes they head;
- teachers of 体育 (PE): the classes they teach PE in. Teachers of other subjects see nothing here.

Entering results (phone entry) is for the class's PE teachers and those who manage the school; importing a
file is for those who manage the school (the generic import flow). Everything else answers 404.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from zhiliang.accounts.scoping import (
    Scope,
    can_see_county_overview,
    managed_schools,
    scope_for,
    whole_school_ids,
)
from zhiliang.curriculum.models import Subject
from zhiliang.org.models import School, SchoolClass
from zhiliang.people.models import ClassMembership, Student

PE_NAMES = ("体育", "体育与健康")
PE_CODES = ("pe", "PE", "sports")


def pe_subject_ids() -> set[int]:
    return set(Subject.objects.filter(Q(name__in=PE_NAMES) | Q(code__in=PE_CODES)).values_list("id", flat=True))


def pe_class_ids(user: Any) -> set[int]:
    """Classes in which the user teaches 体育."""
    pe = pe_subject_ids()
    return {class_id for class_id, subject_id in scope_for(user).taught if subject_id in pe}


def fitness_classes(user: Any) -> QuerySet[SchoolClass]:
    scope = scope_for(user)
    grade_q = Q(pk__in=[])
    for school_id, grade in scope.grade_pairs:
        grade_q |= Q(school_id=school_id, grade=grade)
    own = scope.head_class_ids | pe_class_ids(user)
    return SchoolClass.objects.filter(Q(school__in=whole_school_ids(user)) | grade_q | Q(id__in=own))


def fitness_schools(user: Any) -> QuerySet[School]:
    """Schools whose school page the user may open: whole-school roles only."""
    return whole_school_ids(user)


def fitness_students(user: Any) -> QuerySet[Student]:
    members = ClassMembership.objects.filter(school_class__in=fitness_classes(user)).values("student_id")
    return Student.objects.filter(Q(school__in=whole_school_ids(user)) | Q(id__in=members))


def may_see_county(user: Any) -> bool:
    return can_see_county_overview(user)


def may_enter(user: Any, school_class: SchoolClass) -> bool:
    """PE teachers of the class and the school's managers enter results."""
    if school_class.pk in pe_class_ids(user):
        return True
    return managed_schools(user).filter(pk=school_class.school_id).exists()


def entry_classes(user: Any) -> QuerySet[SchoolClass]:
    return SchoolClass.objects.filter(Q(id__in=pe_class_ids(user)) | Q(school__in=managed_schools(user)))


# The menu entry (zhiliang/web/navigation.py); the label lives here so that this app's catalogue translates it.
NAV_LABEL = gettext_lazy("Physical fitness")


def shows_fitness(scope: Scope, user: Any) -> bool:
    """Whether the menu offers the fitness pages: leaders, head teachers, PE teachers (not other teachers)."""
    if scope.county_ids or scope.group_ids or scope.school_ids or scope.grade_pairs or scope.head_class_ids:
        return True
    return bool(scope.taught) and bool(pe_class_ids(user))
