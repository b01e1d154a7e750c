"""Two county exams of grade 7 for growth tests: a mid-term and a final, with more pupils in the cast's classes.

Each of the cast's four grade-7 classes and five more of 第二初级中学 (七年级(3)…(7)班) get `per_class` extra
pupils. Scores are ability + noise; in the final, 七年级(1)班 of 第一初级中学 gains `boost` marks in 数学 (its
teacher is the cast's subject teacher 李老师), so its value added in 数学 is clearly above expected. 第二初级中学's
classes are taught 数学 by 钱老师 and 孙老师. One pupil (`late`) joins for the final only, so has no earlier score.
"""

import datetime
import random
from decimal import Decimal

from tests.cast import Cast
from tests.exams.factories import make_exam
from zhiliang.exams.models import ExamKind, ExamStatus
from zhiliang.org.models import SchoolClass
from zhiliang.people.models import ClassMembership, Student, Teacher, TeachingAssignment

CLASSES = ("J01-7-1", "J01-7-2", "J02-7-1", "J02-7-2")
EXTRA_CLASSES = 5
"""Further classes of 第二初级中学 (七年级(3)…(7)班): a county of three classes cannot tell one from the others."""


def _pupil(cast: Cast, key: str, class_key: str, number: int) -> None:
    school_class = cast.classes[class_key]
    student = Student.objects.create(
        county=cast.county,
        student_number=f"G{number:018d}",
        name=f"学生{number}",
        sex="M" if number % 2 else "F",
        school=school_class.school,
    )
    ClassMembership.objects.create(student=student, school_class=school_class, school_year=cast.year)
    cast.students[key] = student


def growth_exams(cast: Cast, *, per_class: int = 14, boost: float = 14.0, seed: int = 5):
    rng = random.Random(seed)
    ability = {}
    number = 1000
    extra = []
    for n in range(3, 3 + EXTRA_CLASSES):
        key = f"J02-7-{n}"
        cast.classes[key] = SchoolClass.objects.create(school=cast.junior2, school_year=cast.year, grade=7, number=n)
        extra.append(key)
    for name, keys in (
        ("钱老师", ("J02-7-1", "J02-7-2", "J02-7-3")),
        ("孙老师", ("J02-7-4", "J02-7-5", "J02-7-6", "J02-7-7")),
    ):
        teacher = Teacher.objects.create(
            county=cast.county, school=cast.junior2, staff_number=f"T-{name}", name=name, sex="F"
        )
        for key in keys:
            TeachingAssignment.objects.create(
                teacher=teacher, school_class=cast.classes[key], subject=cast.subjects["数学"], term=cast.term
            )
    for class_key in (*CLASSES, *extra):
        for i in range(per_class):
            number += 1
            key = f"{class_key}-{i}"
            _pupil(cast, key, class_key, number)
            ability[key] = (class_key, rng.gauss(0, 14))
    for key, class_key in (("s1", "J01-7-1"), ("s2", "J01-7-1"), ("s3", "J01-7-2"), ("s4", "J02-7-1")):
        ability[key] = (class_key, rng.gauss(0, 14))

    def score(base: float, noise: float) -> Decimal:
        return Decimal(str(round(min(120.0, max(0.0, base + rng.gauss(0, noise))), 1)))

    before = {key: {s: score(80 + a, 6) for s in ("语文", "数学", "英语")} for key, (_c, a) in ability.items()}
    after = {
        key: {
            s: score(80 + a + (boost if (c == "J01-7-1" and s == "数学") else 0.0), 6) for s in ("语文", "数学", "英语")
        }
        for key, (c, a) in ability.items()
    }
    _pupil(cast, "late", "J01-7-2", 9999)
    after["late"] = {"语文": Decimal("90"), "数学": Decimal("95"), "英语": Decimal("88")}
    prior = make_exam(
        cast,
        name="2025秋七年级期中统考",
        status=ExamStatus.PUBLISHED,
        scores=before,
        held_on=datetime.date(2025, 11, 10),
    )
    later = make_exam(
        cast,
        name="2025秋七年级期末统考",
        kind=ExamKind.FINAL,
        status=ExamStatus.PUBLISHED,
        scores=after,
        held_on=datetime.date(2026, 1, 12),
    )
    return prior, later
