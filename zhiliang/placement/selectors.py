"""Reads of class placement: which runs a user sees, a run's students and placements, and how the intake fits
what the database already knows about the students."""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from zhiliang.accounts.scoping import managed_schools
from zhiliang.core.placement import IntakeStudent, Placement, Violation, describe, violations
from zhiliang.core.tabular import Problem, register_messages
from zhiliang.org.models import School, SchoolYear
from zhiliang.people.models import ClassMembership, Student, StudentStatus
from zhiliang.placement import serialize
from zhiliang.placement.models import PlacementRun

register_messages(
    "placement.enrolled_elsewhere",
    "学籍号“{value}”的学生{name}目前在{school}在读。请该校先办理转出，再分班。",
    "The student with number “{value}” ({name}) is enrolled at {school}. That school must record the transfer "
    "out first.",
)
register_messages(
    "placement.name_differs",
    "学籍号“{value}”在系统中属于{name}，与文件中的姓名“{given}”不一致。请核对学籍号。",
    "The student number “{value}” belongs to {name} in the system, not to “{given}” as in the file. Check the number.",
)
register_messages(
    "placement.already_in_class",
    "学籍号“{value}”的学生{name}在{year}已经在{class_name}。",
    "The student with number “{value}” ({name}) is already in {class_name} in {year}.",
)


def visible_runs(user: Any) -> QuerySet[PlacementRun]:
    """Runs of the schools the user manages (bureau administrators: every school of their county)."""
    return PlacementRun.objects.filter(school__in=managed_schools(user)).select_related("school", "school_year")


def intake_students(run: PlacementRun) -> list[IntakeStudent]:
    return [serialize.student_from_json(data) for data in run.intake]


def intake_conflicts(
    students: Sequence[IntakeStudent], *, school: School, school_year: SchoolYear, filename: str
) -> list[Problem]:
    """Rows of the intake that clash with the database: a 学籍号 of a student enrolled at another school, or
    of another person, or of a student who already has a class in that school year."""
    numbers = [s.student_id for s in students]
    known = {
        s.student_number: s
        for s in Student.objects.filter(county_id=school.county_id, student_number__in=numbers).select_related("school")
    }
    placed = {
        m.student.student_number: m
        for m in ClassMembership.objects.filter(
            school_year=school_year, student__county_id=school.county_id, student__student_number__in=numbers
        ).select_related("student", "school_class")
    }
    problems = []
    for intake_student in students:
        student = known.get(intake_student.student_id)
        if student is None:
            continue
        value, row = intake_student.student_id, intake_student.row
        if "".join(student.name.split()) != "".join(intake_student.name.split()):
            params: dict[str, object] = {"value": value, "name": student.name, "given": intake_student.name}
            problems.append(Problem(filename, None, row, None, "学籍号", "placement.name_differs", params))
        elif student.status == StudentStatus.ENROLLED and student.school_id != school.pk:
            params = {"value": value, "name": student.name, "school": student.school.name}
            problems.append(Problem(filename, None, row, None, "学籍号", "placement.enrolled_elsewhere", params))
        membership = placed.get(intake_student.student_id)
        if membership is not None:
            params = {
                "value": value,
                "name": student.name,
                "year": str(school_year),
                "class_name": membership.school_class.display_name,
            }
            problems.append(Problem(filename, None, row, None, "学籍号", "placement.already_in_class", params))
    return problems


def current_placement(run: PlacementRun, students: Sequence[IntakeStudent] | None = None) -> Placement:
    """The placement as it is now (after moves by hand), with its balance figures."""
    students = intake_students(run) if students is None else students
    method = "manual" if run.moves else "cp-sat"
    solver = serialize.report_from_json(run.solver)
    return describe(
        students, serialize.assignment_of(run.assignment), run.classes, bands=run.bands, method=method, solver=solver
    )


def draft_placement(run: PlacementRun, students: Sequence[IntakeStudent] | None = None) -> Placement:
    students = intake_students(run) if students is None else students
    return describe(students, serialize.assignment_of(run.draft), run.classes, bands=run.bands, method="serpentine")


def current_violations(run: PlacementRun, students: Sequence[IntakeStudent] | None = None) -> list[Violation]:
    """The hard constraints the current placement breaks (empty right after solving)."""
    if not run.assignment:
        return []
    students = intake_students(run) if students is None else students
    return violations(students, serialize.options_of(run), serialize.assignment_of(run.assignment))
