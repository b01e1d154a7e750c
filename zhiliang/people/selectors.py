"""Reading students and teachers for the list, detail and home pages.

Every function takes an already-scoped queryset (from `zhiliang.accounts.scoping`) and never widens it.
Related rows a page lists are fetched with `select_related` / `Prefetch` so a page costs a fixed number of
queries however many rows it shows.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from zhiliang.org.models import SchoolClass
from zhiliang.org.selectors import class_size_subquery, classes_with_size, current_classes
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, Teacher, TeachingAssignment


def students_filtered(
    students: QuerySet[Student],
    *,
    q: str = "",
    school: Any = None,
    school_class: Any = None,
    status: str = "",
) -> QuerySet[Student]:
    """Search by name or national student number (学籍号); filter by current school, a class, a status."""
    if q:
        students = students.filter(Q(name__icontains=q) | Q(student_number__icontains=q))
    if school is not None:
        students = students.filter(school=school)
    if school_class is not None:
        students = students.filter(memberships__school_class=school_class)
    if status:
        students = students.filter(status=status)
    return students


def students_for_list(students: QuerySet[Student]) -> QuerySet[Student]:
    """Students with their school and their current-year class (`current_memberships`, one extra query)."""
    current = ClassMembership.objects.filter(school_year__is_current=True).select_related("school_class")
    return students.select_related("school").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )


def student_history(student: Student) -> tuple[list[ClassMembership], list[EnrollmentEvent]]:
    """The student's classes across years (newest first) and enrolment events (in date order)."""
    memberships = list(
        student.memberships.select_related("school_class__school", "school_class__head_teacher", "school_year")
        .annotate(class_size=class_size_subquery("school_class"))
        .order_by("-school_year__start_year")
    )
    for membership in memberships:
        membership.school_class.size = membership.class_size  # type: ignore[attr-defined]
    events = list(student.events.select_related("school", "school_class", "recorded_by").order_by("date", "id"))
    return memberships, events


def class_roster(school_class: SchoolClass) -> list[ClassMembership]:
    """Everyone who was in the class this year, current members first, then by number in class and name."""
    return list(
        school_class.memberships.select_related("student").order_by(
            F("left_on").asc(nulls_first=True),
            F("seat_number").asc(nulls_last=True),
            "student__name",
            "student__student_number",
        )
    )


def teachers_filtered(
    teachers: QuerySet[Teacher], *, q: str = "", school: Any = None, subject: Any = None, title: str = ""
) -> QuerySet[Teacher]:
    if q:
        teachers = teachers.filter(Q(name__icontains=q) | Q(staff_number__icontains=q))
    if school is not None:
        teachers = teachers.filter(school=school)
    if subject is not None:  # registered for the subject, or teaching it in some class
        teachers = teachers.filter(Q(subjects=subject) | Q(assignments__subject=subject)).distinct()
    if title:
        teachers = teachers.filter(title=title)
    return teachers


def teachers_for_list(teachers: QuerySet[Teacher]) -> QuerySet[Teacher]:
    """Teachers with subjects, current head-teacher classes and current assignments (three extra queries)."""
    current_heads = classes_with_size(current_classes(SchoolClass.objects.all()))
    current_assignments = (
        TeachingAssignment.objects.filter(term__school_year__is_current=True)
        .select_related("school_class", "subject")
        .order_by("subject__order", "subject__code", "school_class__grade", "school_class__number", "term__number")
    )
    return teachers.select_related("school").prefetch_related(
        "subjects",
        Prefetch("head_of_classes", queryset=current_heads, to_attr="current_head_classes"),
        Prefetch("assignments", queryset=current_assignments, to_attr="current_assignments"),
    )


@dataclass
class TaughtClass:
    """A class a teacher teaches, with the subjects they teach in it (for the teacher's home and detail)."""

    school_class: SchoolClass
    subjects: list[str]
    terms: list[str]


def taught_classes(assignments: QuerySet[TeachingAssignment]) -> list[TaughtClass]:
    """Group assignments by class; classes carry `size`."""
    rows = (
        assignments.select_related("school_class__school", "school_class__school_year", "subject", "term")
        .annotate(class_size=class_size_subquery("school_class"))
        .order_by("-term__school_year__start_year", "school_class__grade", "school_class__number", "subject__order")
    )
    grouped: dict[int, TaughtClass] = {}
    for assignment in rows:
        school_class = assignment.school_class
        school_class.size = assignment.class_size  # type: ignore[attr-defined]
        entry = grouped.setdefault(school_class.pk, TaughtClass(school_class, [], []))
        if assignment.subject.name not in entry.subjects:
            entry.subjects.append(assignment.subject.name)
        term = str(assignment.term)
        if term not in entry.terms:
            entry.terms.append(term)
    return list(grouped.values())
