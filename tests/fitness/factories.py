"""Fitness test data on the cast (tests/cast.py): the subject teacher also teaches 体育 in 七年级(1)班 of
第一初级中学, and the class's two pupils have results of the current year (both idempotent)."""

from decimal import Decimal as D

from zhiliang.curriculum.models import Subject
from zhiliang.fitness.models import FitnessRecord
from zhiliang.people.models import TeachingAssignment

JUNIOR_BOY = {
    "height": D("160"),
    "weight": D("48"),
    "vital_capacity": D("3640"),
    "run_50m": D("7.8"),
    "sit_and_reach": D("17.6"),
    "standing_long_jump": D("225"),
    "pull_up": D("13"),
    "run_1000m": D("235"),
    "left_acuity": D("4.8"),
    "right_acuity": D("5.0"),
    "caries": True,
}
JUNIOR_GIRL = {"height": D("155"), "weight": D("44"), "vital_capacity": D("1500"), "run_50m": D("11.5"),
               "left_acuity": D("5.1"), "right_acuity": D("5.0"), "caries": False}  # fmt: skip


def pe_setup(cast):
    """The PE subject and the subject teacher's PE class (J01-7-1)."""
    pe, _created = Subject.objects.get_or_create(code="pe", defaults={"name": "体育", "order": 9})
    TeachingAssignment.objects.get_or_create(
        school_class=cast.classes["J01-7-1"],
        subject=pe,
        term=cast.term,
        defaults={"teacher": cast.teachers["subject_teacher"]},
    )
    return pe


def make_record(cast, key: str, **values) -> FitnessRecord:
    student = cast.students[key]
    membership = student.memberships.get(school_year=cast.year)
    record, _created = FitnessRecord.objects.get_or_create(
        student=student,
        school_year=cast.year,
        defaults={"school_class": membership.school_class, "grade": membership.school_class.grade, "sex": student.sex},
    )
    for field, value in values.items():
        setattr(record, field, value)
    record.rescore()
    record.save()
    return record


def matrix_records(cast) -> None:
    pe_setup(cast)
    make_record(cast, "s1", **JUNIOR_BOY)
    make_record(cast, "s2", **JUNIOR_GIRL)
