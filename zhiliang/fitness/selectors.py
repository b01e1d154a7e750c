"""Reads of fitness records, always through `access.py`, and the cross-app summary of one student.

`student_fitness_summary(student, school_year)` is the interface other apps call (the care app's growth
report): a plain dict, no access check (the caller has already decided the student is theirs).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from zhiliang.core.fitness.rates import to_work_on
from zhiliang.fitness.access import fitness_classes
from zhiliang.fitness.models import Band, FitnessRecord, VisionLevel
from zhiliang.org.models import SchoolClass, SchoolYear

BAND_LABELS = {Band.EXCELLENT: "优秀", Band.GOOD: "良好", Band.PASS: "及格", Band.FAIL: "不及格", Band.EXEMPT: "免测"}


def student_fitness_summary(student: Any, school_year: Any) -> dict[str, Any] | None:
    """The student's result of the year: {"total", "band" (Chinese band name), "scores" ({indicator: score}),
    "bmi", "weight_status"}; None when the student has no record that year. `total` and `band` are None when
    the year could not be scored (an untested indicator, an incomplete table); band is "免测" when exempt."""
    record = FitnessRecord.objects.filter(student=student, school_year=school_year).first()
    if record is None:
        return None
    return {
        "total": float(record.total) if record.total is not None else None,
        "band": BAND_LABELS.get(Band(record.band)) if record.band else None,
        "scores": record.indicator_scores(),
        "bmi": float(record.bmi) if record.bmi is not None else None,
        "weight_status": record.weight_status or None,
    }


def records_visible(user: Any) -> QuerySet[FitnessRecord]:
    return FitnessRecord.objects.filter(school_class__in=fitness_classes(user))


def years_with_records(user: Any) -> list[SchoolYear]:
    year_ids = records_visible(user).values("school_year_id").distinct()
    return list(SchoolYear.objects.filter(pk__in=year_ids).order_by("-start_year"))


def year_for(request: Any, years: list[SchoolYear]) -> SchoolYear | None:
    """The year asked for with ?year=ID, else the latest year with records (None when there is none)."""
    raw = request.GET.get("year", "")
    if raw.isdigit():
        for year in years:
            if year.pk == int(raw):
                return year
    return years[0] if years else None


def with_related(records: QuerySet[FitnessRecord]) -> QuerySet[FitnessRecord]:
    return records.select_related("student", "school_class__school", "school_year").order_by(
        "school_class__school__code", "grade", "school_class__number", "student__student_number"
    )


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    id: int
    code: str
    display_name: str


@dataclass(frozen=True, slots=True)
class ClassInfo:
    id: int
    grade: int
    number: int
    display_name: str
    school: SchoolInfo


@dataclass(frozen=True, slots=True)
class StudentInfo:
    student_number: str
    name: str


@dataclass(frozen=True, slots=True)
class RecordRow:
    """What the overview pages need of a record, read with `values_list` (a county's year is 8,000 records:
    building model instances with their student, class and school took most of a page's time)."""

    student_id: int
    student: StudentInfo
    school_class: ClassInfo
    grade: int
    sex: str
    bmi: Decimal | None
    weighted_total: Decimal | None
    bonus: int
    total: Decimal | None
    band: str
    scores: dict[str, Any]
    vision_level: str
    weight_status: str
    caries: bool | None
    refused: frozenset[str] = frozenset()  # indicators measured but not scored (incomplete table …)

    def indicator_scores(self) -> dict[str, int]:
        return {key: int(value["score"]) for key, value in self.scores.items()}

    def to_work_on(self) -> list[str]:
        weights = {key: int(value["weight"]) for key, value in self.scores.items()}
        return to_work_on(self.indicator_scores(), weights)

    def get_band_display(self) -> str:
        return str(Band(self.band).label)

    def get_vision_level_display(self) -> str:
        return str(VisionLevel(self.vision_level).label)


_ROW_FIELDS = ("student_id", "student__student_number", "student__name", "school_class_id", "grade", "sex", "bmi",
               "weighted_total", "bonus", "total", "band", "scores", "vision_level", "weight_status", "caries",
               "refusals")  # fmt: skip


def record_rows(records: QuerySet[FitnessRecord]) -> list[RecordRow]:
    """The records as rows, ordered by school, grade, class and student number."""
    values = list(
        records.order_by(
            "school_class__school__code", "grade", "school_class__number", "student__student_number"
        ).values_list(*_ROW_FIELDS)
    )
    class_ids = {row[3] for row in values}
    classes: dict[int, ClassInfo] = {}
    schools: dict[int, SchoolInfo] = {}
    for klass in SchoolClass.objects.filter(id__in=class_ids).select_related("school"):
        school = schools.setdefault(
            klass.school_id, SchoolInfo(klass.school_id, klass.school.code, klass.school.display_name)
        )
        classes[klass.pk] = ClassInfo(klass.pk, klass.grade, klass.number, klass.display_name, school)
    return [
        RecordRow(
            student_id=v[0],
            student=StudentInfo(v[1], v[2]),
            school_class=classes[v[3]],
            grade=v[4],
            sex=v[5],
            bmi=v[6],
            weighted_total=v[7],
            bonus=v[8],
            total=v[9],
            band=v[10],
            scores=v[11] or {},
            vision_level=v[12],
            weight_status=v[13],
            caries=v[14],
            refused=frozenset(refusal["indicator"] for refusal in v[15] or ()),
        )
        for v in values
    ]
