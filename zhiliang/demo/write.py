"""Writing the demo plan (`pupils.py`, `staff.py`) to the database, in bulk.

Called inside the build's transaction (`build.demo_county_build`). Rows are inserted with `bulk_create` in
batches; both SQLite (3.35+) and PostgreSQL return the new primary keys, so later rows can point at earlier
ones without reading them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models

from zhiliang.curriculum.models import FullMarks, Subject, SubjectAlias
from zhiliang.demo.catalogue import SUBJECTS, aliases, full_marks, weekly_periods
from zhiliang.demo.county import (
    COUNTY_CODE,
    COUNTY_NAME,
    CURRENT_YEAR,
    GROUPS,
    SCHOOLS,
    YEARS,
    Calendar,
)
from zhiliang.demo.pupils import ClassKey, PupilPlan
from zhiliang.demo.staff import StaffPlan
from zhiliang.org.models import County, EducationGroup, School, SchoolClass, SchoolYear, Term
from zhiliang.people.idcards import protect_id_number
from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, Teacher, TeachingAssignment

BATCH = 2000
M = TypeVar("M", bound=models.Model)


@dataclass
class Written:
    """The database objects of the demo county, by the keys the plan uses."""

    county: County
    groups: dict[str, EducationGroup] = field(default_factory=dict)
    schools: dict[str, School] = field(default_factory=dict)
    years: dict[int, SchoolYear] = field(default_factory=dict)
    terms: dict[tuple[int, int], Term] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    classes: dict[ClassKey, SchoolClass] = field(default_factory=dict)
    teachers: list[Teacher] = field(default_factory=list)
    students: list[Student] = field(default_factory=list)


def _bulk(model: type[M], rows: Iterable[M]) -> list[M]:
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


def catalogue_ensure() -> dict[str, Subject]:
    """The subjects, aliases and full marks the demo needs, added where missing (an existing catalogue wins)."""
    subjects: dict[str, Subject] = {}
    for code, name, order, is_main in SUBJECTS:
        subject = Subject.objects.filter(name=name).first() or Subject.objects.filter(code=code).first()
        if subject is None:
            subject = Subject.objects.create(code=code, name=name, order=order, is_main=is_main)
        subjects[name] = subject
    taken = set(SubjectAlias.objects.values_list("alias", flat=True))
    _bulk(
        SubjectAlias,
        (
            SubjectAlias(subject=subject, alias=alias)
            for name, subject in subjects.items()
            for alias in aliases(name)
            if alias not in taken and alias not in subjects
        ),
    )
    existing = set(FullMarks.objects.values_list("subject_id", "grade"))
    _bulk(
        FullMarks,
        (
            FullMarks(subject=subjects[name], grade=grade, full_marks=full_marks(name, grade))
            for grade in range(1, 10)
            for name in weekly_periods(grade)
            if (subjects[name].pk, grade) not in existing
        ),
    )
    return subjects


def organisation_write() -> Written:
    county = County.objects.create(name=COUNTY_NAME, code=COUNTY_CODE)
    written = Written(county=county)
    for name in GROUPS:
        written.groups[name] = EducationGroup.objects.create(county=county, name=name)
    # Central schools first: teaching points point at them.
    for spec in sorted(SCHOOLS, key=lambda s: s.central is not None):
        written.schools[spec.code] = School.objects.create(
            county=county,
            group=written.groups[spec.group] if spec.group else None,
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            is_central=spec.is_central,
            central_school=written.schools[spec.central] if spec.central else None,
            location=spec.location,
            address=spec.address,
        )
    for start_year in YEARS:
        calendar = Calendar(start_year)
        year = SchoolYear.objects.create(
            county=county,
            start_year=start_year,
            start_date=calendar.start,
            end_date=calendar.end,
            is_current=start_year == CURRENT_YEAR,
        )
        written.years[start_year] = year
        for number in (1, 2):
            start, end = calendar.term(number)
            written.terms[(start_year, number)] = Term.objects.create(
                school_year=year, number=number, start_date=start, end_date=end
            )
    written.subjects = catalogue_ensure()
    return written


def people_write(written: Written, pupils: PupilPlan, staff: StaffPlan) -> None:
    county = written.county
    written.teachers = _bulk(
        Teacher,
        (
            Teacher(
                county=county,
                school=written.schools[t.school],
                staff_number=t.staff_number,
                name=t.name,
                sex=t.sex,
                birth_date=t.birth_date,
                education=t.education,
                title=t.title,
                backbone_level=t.backbone_level,
                growth_stage=t.growth_stage,
                is_pe_arts_specialist=t.is_pe_arts_specialist,
                is_active=t.is_active,
            )
            for t in staff.teachers
        ),
    )
    through = Teacher.subjects.through
    _bulk(
        through,
        (
            through(teacher_id=written.teachers[t.index].pk, subject_id=written.subjects[name].pk)
            for t in staff.teachers
            for name in sorted(t.subjects, key=lambda n: written.subjects[n].order)
        ),
    )

    # Classes year by year, so that a class can point at the one it was promoted from. A class of the last
    # grade of its school that no class continues is marked graduated.
    continued = {k.previous for k in pupils.classes.values() if k.previous}
    for year in YEARS:
        plans = sorted(pupils.classes_of(year), key=lambda k: k.key)
        created = _bulk(
            SchoolClass,
            (
                SchoolClass(
                    school=written.schools[k.school],
                    school_year=written.years[year],
                    grade=k.grade,
                    number=k.number,
                    head_teacher=written.teachers[staff.head_teachers[k.key]] if k.key in staff.head_teachers else None,
                    previous=written.classes[k.previous] if k.previous else None,
                    is_graduated=year != CURRENT_YEAR and k.grade in (6, 9) and k.key not in continued,
                )
                for k in plans
            ),
        )
        written.classes.update({k.key: obj for k, obj in zip(plans, created, strict=True)})

    written.students = _bulk(
        Student,
        (
            Student(
                county=county,
                student_number=p.student_number,
                name=p.name,
                sex=p.sex,
                birth_date=p.birth_date,
                school=written.schools[p.school],
                status=p.status,
                entry_date=p.entry_date,
                exit_date=p.exit_date,
                **protect_id_number(p.id_number),
            )
            for p in pupils.pupils
        ),
    )
    _bulk(
        ClassMembership,
        (
            ClassMembership(
                student=written.students[m.pupil],
                school_class=written.classes[m.klass],
                school_year=written.years[m.klass[0]],
                seat_number=m.seat,
                left_on=m.left_on,
            )
            for m in pupils.memberships
        ),
    )
    _bulk(
        EnrollmentEvent,
        (
            EnrollmentEvent(
                student=written.students[e.pupil],
                kind=e.kind,
                date=e.date,
                school=written.schools[e.school],
                school_class=written.classes[e.klass] if e.klass else None,
                other_school=e.other_school,
                reason=e.reason,
            )
            for e in pupils.events
        ),
    )
    _bulk(
        TeachingAssignment,
        (
            TeachingAssignment(
                teacher=written.teachers[a.teacher],
                school_class=written.classes[a.klass],
                subject=written.subjects[a.subject],
                term=written.terms[a.term],
            )
            for a in staff.assignments
        ),
    )
