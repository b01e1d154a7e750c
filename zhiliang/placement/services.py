"""Writes of class placement: create a run from an uploaded intake, solve it, move students by hand, draw lots,
confirm (create the classes), each checking that the user manages the school.

Solving runs as a background task (`tasks.placement_solve_task`; immediate in tests). Confirming is one
transaction: the classes of the school year, the students who are new to the county, their memberships and
enrolment events are all created, or nothing is.
"""

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import can_manage_school
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.placement import PlacementInfeasible, place, read_intake
from zhiliang.core.placement.draw import draw_lots
from zhiliang.core.tabular import ImportProblems, Problem
from zhiliang.org.models import School, SchoolClass, SchoolYear, grade_name
from zhiliang.people.models import (
    ClassMembership,
    EnrollmentEvent,
    EnrollmentEventKind,
    Student,
    StudentStatus,
    Teacher,
)
from zhiliang.placement import serialize
from zhiliang.placement.models import PlacementRun, RunStatus
from zhiliang.placement.selectors import intake_conflicts, intake_students


class RunNotEditable(Exception):
    """A change to a run that is still solving, could not be placed, or is confirmed."""


def _require_manager(user: Any, school: School) -> None:
    if not can_manage_school(user, school):
        raise PermissionDenied


def placement_run_create(
    *,
    user: Any,
    school: School,
    school_year: SchoolYear,
    grade: int,
    filename: str,
    content: bytes,
    classes: int,
    max_size: int,
    seed: int = 0,
    time_limit: float = 3.0,
    bands: int = 5,
    apart_pairs: list[tuple[str, str]] | None = None,
    sheet: str | None = None,
) -> PlacementRun:
    """Read the intake (every problem, with row and column, raises ImportProblems), check it against the
    database, store the run and queue the solve."""
    _require_manager(user, school)
    if school_year.county_id != school.county_id:
        raise PermissionDenied
    intake = read_intake(content, filename=filename, sheet=sheet)
    problems = intake_conflicts(list(intake.students), school=school, school_year=school_year, filename=filename)
    if problems:
        raise ImportProblems(problems)
    run = PlacementRun.objects.create(
        school=school,
        school_year=school_year,
        grade=grade,
        created_by=user,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        intake=[serialize.student_to_json(student) for student in intake.students],
        classes=classes,
        max_size=max_size,
        seed=seed,
        time_limit=time_limit,
        bands=bands,
        apart_pairs=[list(pair) for pair in apart_pairs or []],
    )
    _enqueue(run)
    return run


def placement_run_restart(
    *,
    user: Any,
    run: PlacementRun,
    classes: int,
    max_size: int,
    seed: int,
    time_limit: float,
    bands: int,
    apart_pairs: list[tuple[str, str]],
) -> PlacementRun:
    """Solve again with other choices (the moves by hand and any draw are discarded)."""
    _require_manager(user, run.school)
    if run.is_running or run.is_confirmed:
        raise RunNotEditable
    run.classes, run.max_size, run.seed = classes, max_size, seed
    run.time_limit, run.bands = time_limit, bands
    run.apart_pairs = [list(pair) for pair in apart_pairs]
    run.status = RunStatus.QUEUED
    run.problems, run.draft, run.optimised, run.assignment, run.solver = [], {}, {}, {}, {}
    run.moves, run.draw = [], {}
    run.save()
    _enqueue(run)
    return run


def _enqueue(run: PlacementRun) -> None:
    from zhiliang.placement.tasks import placement_solve_task

    placement_solve_task.enqueue(run.pk)
    run.refresh_from_db()  # an immediate backend (tests, small deployments) has solved it already


def placement_solve(*, run_id: int) -> PlacementRun:
    """Place the run's intake (the task's body): stores the result, or why it is not possible."""
    run = PlacementRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run  # solved already, or a newer request replaced this one
    PlacementRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    students = intake_students(run)
    try:
        outcome = place(students, serialize.options_of(run))
    except PlacementInfeasible as error:
        run.status = RunStatus.FAILED
        run.problems = [serialize.violation_to_json(v) for v in error.violations]
        run.save(update_fields=["status", "problems", "updated_at"])
        return run
    run.status = RunStatus.PLACED
    run.problems = []
    run.draft = dict(outcome.draft.assignment)
    run.optimised = dict(outcome.placement.assignment)
    run.assignment = dict(outcome.placement.assignment)
    run.solver = serialize.report_to_json(outcome.placement.solver) if outcome.placement.solver else {}
    run.save()
    return run


def _editable(user: Any, run: PlacementRun) -> None:
    _require_manager(user, run.school)
    if not run.is_editable:
        raise RunNotEditable


def _record_move(run: PlacementRun, user: Any, student_id: str, target: int) -> None:
    source = int(run.assignment[student_id])
    run.assignment[student_id] = target
    run.moves.append(
        {
            "student_id": student_id,
            "from": source,
            "to": target,
            "by": user.get_username(),
            "at": timezone.now().isoformat(),
        }
    )


def placement_move(*, user: Any, run: PlacementRun, student_id: str, to_class: int) -> PlacementRun:
    """Move one student to another class by hand (the hard constraints are then checked and shown)."""
    _editable(user, run)
    if student_id not in run.assignment or not 1 <= to_class <= run.classes:
        raise ValidationError(
            _("Choose a student of this intake and a class between 1 and %(n)s.") % {"n": run.classes}
        )
    if int(run.assignment[student_id]) != to_class:
        _record_move(run, user, student_id, to_class)
        run.save(update_fields=["assignment", "moves", "updated_at"])
    return run


def placement_swap(*, user: Any, run: PlacementRun, first: str, second: str) -> PlacementRun:
    """Exchange the classes of two students (class sizes stay as they are)."""
    _editable(user, run)
    if first not in run.assignment or second not in run.assignment or first == second:
        raise ValidationError(_("Choose two different students of this intake."))
    first_class, second_class = int(run.assignment[first]), int(run.assignment[second])
    if first_class != second_class:
        _record_move(run, user, first, second_class)
        _record_move(run, user, second, first_class)
        run.save(update_fields=["assignment", "moves", "updated_at"])
    return run


def placement_draw(*, user: Any, run: PlacementRun, seed: str, teachers: list[Teacher]) -> PlacementRun:
    """Draw class numbers and head teachers by lot with the announced `seed` (see core/placement/draw.py);
    groups holding pre-assigned students keep their number."""
    _editable(user, run)
    if any(teacher.school_id != run.school_id for teacher in teachers):
        raise PermissionDenied
    keep = sorted({s.fixed_class for s in intake_students(run) if s.fixed_class is not None})
    try:
        lots = draw_lots(seed, groups=run.classes, keep=keep, teachers=[t.staff_number for t in teachers])
    except ValueError as error:
        raise ValidationError(str(error)) from error
    record = lots.as_record()
    record["teacher_names"] = {t.staff_number: t.name for t in teachers}
    record["drawn_by"] = user.get_username()
    record["drawn_at"] = timezone.now().isoformat()
    run.draw = record
    run.save(update_fields=["draw", "updated_at"])
    return run


@transaction.atomic
def placement_confirm(*, user: Any, run: PlacementRun) -> list[SchoolClass]:
    """Create the classes of the school year with their students, all or nothing, and audit it.

    Every hard constraint must hold (moves by hand may have broken one), no class of that grade, year and
    number may already have students, and the intake must still fit the database (checked again here).
    """
    run = PlacementRun.objects.select_for_update().get(pk=run.pk)
    _editable(user, run)
    from zhiliang.placement.selectors import current_violations

    if current_violations(run):
        raise ValidationError(_("Some hard constraints are broken; fix them before confirming."))
    students = intake_students(run)
    problems = intake_conflicts(students, school=run.school, school_year=run.school_year, filename=run.filename)
    if problems:
        raise ValidationError([problem.message() for problem in problems[:20]])

    class_of_group = {int(k): int(v) for k, v in (run.draw.get("class_of_group") or {}).items()}
    teacher_of_class = {int(k): v for k, v in (run.draw.get("teacher_of_class") or {}).items()}
    teachers = {
        t.staff_number: t for t in Teacher.objects.filter(school=run.school, staff_number__in=teacher_of_class.values())
    }
    classes_by_group: dict[int, SchoolClass] = {}
    for group in range(1, run.classes + 1):
        number = class_of_group.get(group, group)
        head = teachers.get(teacher_of_class.get(number, ""))
        existing = SchoolClass.objects.filter(
            school=run.school, school_year=run.school_year, grade=run.grade, number=number
        ).first()
        if existing is not None:
            if existing.memberships.exists():
                label = f"{grade_name(run.grade)}({number})班"
                raise ValidationError(
                    _("%(name)s of %(year)s already has students; placement cannot fill it.")
                    % {"name": label, "year": run.school_year}
                )
            if head is not None:
                existing.head_teacher = head
                existing.save(update_fields=["head_teacher"])
            classes_by_group[group] = existing
        else:
            classes_by_group[group] = SchoolClass.objects.create(
                school=run.school, school_year=run.school_year, grade=run.grade, number=number, head_teacher=head
            )

    existing_students = {
        s.student_number: s
        for s in Student.objects.filter(county=run.school.county, student_number__in=[x.student_id for x in students])
        .select_related("school")
        .select_for_update()
    }
    recorder = user if getattr(user, "pk", None) else None
    start = run.school_year.start_date
    memberships, events, updated = [], [], []
    created = 0
    for intake_student in students:
        school_class = classes_by_group[int(run.assignment[intake_student.student_id])]
        student = existing_students.get(intake_student.student_id)
        kind, other_school = EnrollmentEventKind.ENROL, ""
        if student is None:
            student = Student.objects.create(
                county=run.school.county,
                student_number=intake_student.student_id,
                name=intake_student.name,
                sex=intake_student.sex,
                birth_date=intake_student.birth_date,
                school=run.school,
                entry_date=start,
            )
            created += 1
        else:
            if student.school_id == run.school_id:
                kind = EnrollmentEventKind.PROMOTE
            else:
                other_school = student.school.name
            student.school = run.school
            student.status = StudentStatus.ENROLLED
            student.exit_date = None
            updated.append(student)
        memberships.append(ClassMembership(student=student, school_class=school_class, school_year=run.school_year))
        events.append(
            EnrollmentEvent(
                student=student,
                kind=kind,
                date=start,
                school=run.school,
                school_class=school_class,
                other_school=other_school,
                recorded_by=recorder,
                reason="新生分班",
            )
        )
    Student.objects.bulk_update(updated, ["school", "status", "exit_date"], batch_size=1000)
    ClassMembership.objects.bulk_create(memberships, batch_size=1000)
    EnrollmentEvent.objects.bulk_create(events, batch_size=1000)
    run.status = RunStatus.CONFIRMED
    run.confirmed_at = timezone.now()
    run.confirmed_by = recorder
    run.save(update_fields=["status", "confirmed_at", "confirmed_by", "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.IMPORT,
        target=run,
        kind="placement_confirm",
        school=run.school.name,
        school_year=run.school_year.start_year,
        grade=run.grade,
        classes=run.classes,
        students=len(students),
        students_created=created,
        moves=len(run.moves),
        seed=run.seed,
        draw_seed=run.draw.get("seed", ""),
        file_sha256=run.sha256,
    )
    return [classes_by_group[group] for group in sorted(classes_by_group)]


def problem_messages(problems: list[Problem], lang: str) -> list[str]:
    return [problem.message(lang) for problem in problems]
