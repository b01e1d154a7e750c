"""Year-end promotion (升级): a school's classes move up one grade into the next school year; the final grade
graduates.

For every class of the school in `from_year`:

* below the school's last grade (6 for a primary school, 9 for a junior middle or nine-year school, 12 with
  a senior stage): the class one grade up in `to_year` is the class linked to it (`previous`), else an
  existing class with the same grade and number in `to_year` (then linked), else a new one with the same
  number and head teacher. Each enrolled student without a class in `to_year` gets a membership in it and a
  "promote" event dated the first day of `to_year`;
* in the last grade: the class is marked graduated, and each enrolled student becomes graduated with a
  "graduate" event and exit date on the last day of `from_year`.

Suspended, transferred-out and dropped-out students are not moved; a student who already has a class in
`to_year` (placed by hand, or repeating a grade) stays there. Nothing is deleted: the memberships of
`from_year` remain, so every student's path through the classes can be followed. Running the promotion
again finds nothing left to do (idempotent). `school_year_promotion_plan` is the preview; the same plan is
carried out by `school_year_promote`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import can_manage_school
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.org.models import School, SchoolClass, SchoolYear, grade_name
from zhiliang.people.models import ClassMembership, EnrollmentEvent, EnrollmentEventKind, Student, StudentStatus


def last_grade(school: School) -> int:
    return max(grade for grade in range(1, 13) if school.serves_grade(grade))


@dataclass
class PromotionStep:
    source: SchoolClass
    graduating: bool
    target: SchoolClass | None = None  # an existing class of to_year, or None when one is to be created
    link_target: bool = False  # the existing target is not yet linked to the source
    target_label: str = ""
    students: list[Student] = field(default_factory=list)  # to promote or to graduate
    mark_graduated: bool = False

    @property
    def creates_class(self) -> bool:
        return not self.graduating and self.target is None

    @property
    def has_changes(self) -> bool:
        return bool(self.students) or self.creates_class or self.link_target or self.mark_graduated


@dataclass
class PromotionPlan:
    school: School
    from_year: SchoolYear
    to_year: SchoolYear
    steps: list[PromotionStep]

    def counts(self) -> dict[str, int]:
        return {
            "classes_created": sum(step.creates_class for step in self.steps),
            "classes_linked": sum(step.link_target for step in self.steps),
            "classes_graduated": sum(step.mark_graduated for step in self.steps),
            "students_promoted": sum(len(step.students) for step in self.steps if not step.graduating),
            "students_graduated": sum(len(step.students) for step in self.steps if step.graduating),
        }

    @property
    def has_changes(self) -> bool:
        return any(step.has_changes for step in self.steps)


def next_year(year: SchoolYear) -> SchoolYear | None:
    return SchoolYear.objects.filter(county_id=year.county_id, start_year=year.start_year + 1).first()


def _validate(school: School, from_year: SchoolYear, to_year: SchoolYear) -> None:
    if from_year.county_id != school.county_id or to_year.county_id != school.county_id:
        raise ValidationError(_("学年不属于该校所在的县。"))
    if to_year.start_year != from_year.start_year + 1:
        raise ValidationError(_("只能升级到紧接着的下一个学年。"))


def school_year_promotion_plan(*, school: School, from_year: SchoolYear, to_year: SchoolYear) -> PromotionPlan:
    """What promoting `school` from `from_year` to `to_year` would do; writes nothing."""
    _validate(school, from_year, to_year)
    final = last_grade(school)
    sources = list(
        SchoolClass.objects.filter(school=school, school_year=from_year)
        .select_related("head_teacher")
        .order_by("grade", "number")
    )
    targets = {(cls.grade, cls.number): cls for cls in SchoolClass.objects.filter(school=school, school_year=to_year)}
    by_previous = {cls.previous_id: cls for cls in targets.values() if cls.previous_id}
    moved = set(
        ClassMembership.objects.filter(school_year=to_year, student__school=school).values_list("student_id", flat=True)
    )
    enrolled: dict[int, list[Student]] = {}
    for membership in (
        ClassMembership.objects.filter(
            school_class__in=sources, student__status=StudentStatus.ENROLLED, student__school=school
        )
        .select_related("student")
        .order_by("student__student_number")
    ):
        enrolled.setdefault(membership.school_class_id, []).append(membership.student)

    steps = []
    for source in sources:
        students = enrolled.get(source.pk, [])
        if source.grade >= final:
            steps.append(
                PromotionStep(
                    source=source,
                    graduating=True,
                    students=students,
                    mark_graduated=not source.is_graduated,
                    target_label=_("毕业"),
                )
            )
            continue
        target = by_previous.get(source.pk) or targets.get((source.grade + 1, source.number))
        link = target is not None and target.previous_id is None
        label = target.display_name if target else f"{grade_name(source.grade + 1)}({source.number})班"
        steps.append(
            PromotionStep(
                source=source,
                graduating=False,
                target=target,
                link_target=link,
                target_label=label,
                students=[student for student in students if student.pk not in moved],
            )
        )
    return PromotionPlan(school=school, from_year=from_year, to_year=to_year, steps=steps)


@transaction.atomic
def school_year_promote(*, user: Any, school: School, from_year: SchoolYear, to_year: SchoolYear) -> PromotionPlan:
    """Carry out the promotion of `school` (see the module docstring) and audit it. Returns the plan done."""
    if not can_manage_school(user, school):
        raise PermissionDenied
    plan = school_year_promotion_plan(school=school, from_year=from_year, to_year=to_year)
    recorder = user if getattr(user, "pk", None) else None
    memberships: list[ClassMembership] = []
    events: list[EnrollmentEvent] = []
    graduates: list[Student] = []
    for step in plan.steps:
        if step.graduating:
            if step.mark_graduated:
                step.source.is_graduated = True
                step.source.save(update_fields=["is_graduated"])
            for student in step.students:
                student.status = StudentStatus.GRADUATED
                student.exit_date = from_year.end_date
                graduates.append(student)
                events.append(
                    EnrollmentEvent(
                        student=student,
                        kind=EnrollmentEventKind.GRADUATE,
                        date=from_year.end_date,
                        school=school,
                        school_class=step.source,
                        recorded_by=recorder,
                        reason="学年升级",
                    )
                )
            continue
        target = step.target
        if target is None:
            target = SchoolClass.objects.create(
                school=school,
                school_year=to_year,
                grade=step.source.grade + 1,
                number=step.source.number,
                head_teacher=step.source.head_teacher,
                previous=step.source,
            )
        elif step.link_target:
            target.previous = step.source
            target.save(update_fields=["previous"])
        for student in step.students:
            memberships.append(ClassMembership(student=student, school_class=target, school_year=to_year))
            events.append(
                EnrollmentEvent(
                    student=student,
                    kind=EnrollmentEventKind.PROMOTE,
                    date=to_year.start_date,
                    school=school,
                    school_class=target,
                    recorded_by=recorder,
                    reason="学年升级",
                )
            )
    Student.objects.bulk_update(graduates, ["status", "exit_date"], batch_size=1000)
    ClassMembership.objects.bulk_create(memberships, batch_size=1000)
    EnrollmentEvent.objects.bulk_create(events, batch_size=1000)
    counts = plan.counts()
    if plan.has_changes:
        audit_record(
            actor=user,
            action=AuditAction.PROMOTION,
            target=school,
            from_year=from_year.start_year,
            to_year=to_year.start_year,
            **counts,
        )
    return plan
