"""Changes in a student's enrolment (学籍变动): transfer out and in, suspension and return, dropout, repeating
a grade. Each writes an `EnrollmentEvent` with its date and reason, so the student's history can be read back.

Rules (docs/rosters.md):

* transfer out (转出), suspend (休学), drop out (辍学): an enrolled (or, except for suspension, suspended)
  student; the membership of the school year is kept, with the day the student left;
* transfer in (转入): a student of the county who transferred out from any school; placed in a class of the
  receiving school;
* resume (复学): a suspended student, back in the same class or (a year later) in another class of the school;
* repeat (留级): the student is placed in a class of a lower grade in the same school year (after promotion:
  the grade they were in), or, before promotion, in a class of the same grade in a later school year; year-end
  promotion leaves students who already have a class in the new year where they are.

The user must manage the school the student is at (and, for transfer in, the receiving school).
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import can_manage_school
from zhiliang.org.models import SchoolClass
from zhiliang.people.models import ClassMembership, EnrollmentEvent, EnrollmentEventKind, Student, StudentStatus

ACTIVE = (StudentStatus.ENROLLED, StudentStatus.SUSPENDED)


def _require_manager(user: Any, school: Any) -> None:
    if not can_manage_school(user, school):
        raise PermissionDenied


def _require_status(student: Student, allowed: tuple[str, ...]) -> None:
    if student.status not in allowed:
        raise ValidationError(
            _("学生当前状态为“%(status)s”，不能办理这项变动。") % {"status": student.get_status_display()}
        )


def latest_membership(student: Student) -> ClassMembership | None:
    return (
        ClassMembership.objects.filter(student=student)
        .select_related("school_class", "school_year")
        .order_by("-school_year__start_year")
        .first()
    )


def _leave(student: Student, on: datetime.date, status: str) -> ClassMembership | None:
    membership = latest_membership(student)
    if membership is not None and membership.left_on is None:
        membership.left_on = on
        membership.save(update_fields=["left_on"])
    student.status = status
    student.exit_date = on
    student.save(update_fields=["status", "exit_date", "updated_at"])
    return membership


def _event(
    *,
    user: Any,
    student: Student,
    kind: str,
    on: datetime.date,
    school_class: SchoolClass | None,
    reason: str,
    other: str = "",
) -> EnrollmentEvent:
    return EnrollmentEvent.objects.create(
        student=student,
        kind=kind,
        date=on,
        school=school_class.school if school_class else student.school,
        school_class=school_class,
        other_school=other[:100],
        reason=reason[:200],
        recorded_by=user if getattr(user, "pk", None) else None,
    )


def _place(student: Student, school_class: SchoolClass) -> None:
    """Make `school_class` the student's class for its school year (one class per student per year)."""
    ClassMembership.objects.update_or_create(
        student=student,
        school_year=school_class.school_year,
        defaults={"school_class": school_class, "left_on": None},
    )


@transaction.atomic
def student_transfer_out(
    *, user: Any, student: Student, date: datetime.date, reason: str, other_school: str = ""
) -> EnrollmentEvent:
    _require_manager(user, student.school)
    _require_status(student, ACTIVE)
    membership = _leave(student, date, StudentStatus.TRANSFERRED_OUT)
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.TRANSFER_OUT,
        on=date,
        school_class=membership.school_class if membership else None,
        reason=reason,
        other=other_school,
    )


@transaction.atomic
def student_transfer_in(
    *, user: Any, student: Student, school_class: SchoolClass, date: datetime.date, reason: str, other_school: str = ""
) -> EnrollmentEvent:
    _require_manager(user, school_class.school)
    if student.county_id != school_class.school.county_id:
        raise PermissionDenied
    _require_status(student, (StudentStatus.TRANSFERRED_OUT,))
    previous_school = student.school
    _place(student, school_class)
    student.school = school_class.school
    student.status = StudentStatus.ENROLLED
    student.exit_date = None
    student.save(update_fields=["school", "status", "exit_date", "updated_at"])
    other = other_school or (previous_school.name if previous_school != school_class.school else "")
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.TRANSFER_IN,
        on=date,
        school_class=school_class,
        reason=reason,
        other=other,
    )


@transaction.atomic
def student_suspend(*, user: Any, student: Student, date: datetime.date, reason: str) -> EnrollmentEvent:
    _require_manager(user, student.school)
    _require_status(student, (StudentStatus.ENROLLED,))
    student.status = StudentStatus.SUSPENDED
    student.save(update_fields=["status", "updated_at"])
    membership = latest_membership(student)
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.SUSPEND,
        on=date,
        school_class=membership.school_class if membership else None,
        reason=reason,
    )


@transaction.atomic
def student_resume(
    *, user: Any, student: Student, date: datetime.date, reason: str, school_class: SchoolClass | None = None
) -> EnrollmentEvent:
    """Back from suspension: in `school_class` (of the student's school) when given, else the class they had."""
    _require_manager(user, student.school)
    _require_status(student, (StudentStatus.SUSPENDED,))
    if school_class is not None:
        if school_class.school_id != student.school_id:
            raise ValidationError(_("复学的班级必须是学生所在学校的班级。"))
        _place(student, school_class)
    student.status = StudentStatus.ENROLLED
    student.save(update_fields=["status", "updated_at"])
    membership = latest_membership(student)
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.RESUME,
        on=date,
        school_class=school_class or (membership.school_class if membership else None),
        reason=reason,
    )


@transaction.atomic
def student_drop_out(*, user: Any, student: Student, date: datetime.date, reason: str) -> EnrollmentEvent:
    _require_manager(user, student.school)
    _require_status(student, ACTIVE)
    membership = _leave(student, date, StudentStatus.DROPPED_OUT)
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.DROPOUT,
        on=date,
        school_class=membership.school_class if membership else None,
        reason=reason,
    )


@transaction.atomic
def student_repeat(
    *, user: Any, student: Student, school_class: SchoolClass, date: datetime.date, reason: str
) -> EnrollmentEvent:
    """Place the student in a class to repeat a grade (see the module docstring for which classes qualify)."""
    _require_manager(user, student.school)
    _require_status(student, ACTIVE)
    if school_class.school_id != student.school_id:
        raise ValidationError(_("留级的班级必须是学生所在学校的班级。"))
    latest = latest_membership(student)
    if latest is None:
        raise ValidationError(_("该学生还没有班级，不能办理留级。"))
    same_year = ClassMembership.objects.filter(student=student, school_year=school_class.school_year).select_related(
        "school_class"
    )
    current = same_year.first()
    if current is not None:
        if school_class.grade >= current.school_class.grade:
            raise ValidationError(_("留级的班级必须比学生现在的年级低。"))
    elif (
        school_class.school_year.start_year <= latest.school_year.start_year
        or school_class.grade != latest.school_class.grade
    ):
        raise ValidationError(_("留级的班级必须是以后学年中同一年级的班级。"))
    _place(student, school_class)
    return _event(
        user=user,
        student=student,
        kind=EnrollmentEventKind.REPEAT,
        on=date,
        school_class=school_class,
        reason=reason,
    )
