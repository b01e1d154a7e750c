"""Reading schools and classes with their figures, counted in SQL.

Every function takes an already-scoped queryset (from `zhiliang.accounts.scoping`) and never widens it.

Class size (班额) is the number of the class's memberships that did not end during the year
(`ClassMembership.left_on` is empty): students who transferred out, dropped out or were suspended have their
membership closed by the enrolment services, so the figure holds for past years as well as the current one.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from zhiliang.core.class_size import (
    HUGE_CLASS_MIN,
    LARGE_CLASS_MIN,
    STANDARD_MAX,
    HistogramBin,
    SizeBand,
    is_over_standard,
    size_band,
    size_histogram,
    standard_max,
)
from zhiliang.org.models import School, SchoolClass, SchoolKind, SchoolYear, Stage, grade_name, stage_for_grade
from zhiliang.people.models import ClassMembership, Student, StudentStatus, Teacher


def count_subquery(queryset: QuerySet[Any], field: str, outer: str = "pk") -> Coalesce:
    """Count rows of `queryset` whose `field` equals the outer row's `outer`: a correlated subquery, so several
    counts can sit side by side without the join fan-out of `Count` over two relations."""
    counted = queryset.filter(**{field: OuterRef(outer)}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def class_size_subquery(outer: str = "pk") -> Coalesce:
    """The size of the class that the outer row's `outer` points at (the row itself by default)."""
    return count_subquery(ClassMembership.objects.filter(left_on__isnull=True), "school_class", outer)


def current_classes(classes: QuerySet[SchoolClass]) -> QuerySet[SchoolClass]:
    return classes.filter(school_year__is_current=True)


def classes_with_size(classes: QuerySet[SchoolClass]) -> QuerySet[SchoolClass]:
    """Classes with `size` and what a listing shows next to them (school, year, head teacher)."""
    return classes.select_related("school", "school_year", "head_teacher").annotate(size=class_size_subquery())


def schools_with_counts(schools: QuerySet[School]) -> QuerySet[School]:
    """Schools with their current classes, enrolled students, active teachers and teaching points counted."""
    return schools.select_related("group", "central_school").annotate(
        classes_count=count_subquery(SchoolClass.objects.filter(school_year__is_current=True), "school"),
        students_count=count_subquery(Student.objects.filter(status=StudentStatus.ENROLLED), "school"),
        teachers_count=count_subquery(Teacher.objects.filter(is_active=True), "school"),
        points_count=count_subquery(School.objects.all(), "central_school"),
    )


def schools_filtered(schools: QuerySet[School], *, q: str = "", kind: str = "", group: Any = None) -> QuerySet[School]:
    if q:
        schools = schools.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__icontains=q))
    if kind:
        schools = schools.filter(kind=kind)
    if group is not None:
        schools = schools.filter(group=group)
    return schools


def over_standard_q(size_field: str = "size") -> Q:
    """Classes larger than their stage's standard maximum (needs the `size` annotation)."""
    q = Q(pk__in=[])
    for stage, limit in STANDARD_MAX.items():
        grades = [g for g in range(1, 13) if stage_for_grade(g) == stage]
        q |= Q(grade__in=grades, **{f"{size_field}__gt": limit})
    return q


def classes_filtered(
    classes: QuerySet[SchoolClass],
    *,
    school: Any = None,
    grade: int | None = None,
    year: Any = None,
    over_standard: bool = False,
) -> QuerySet[SchoolClass]:
    """Filter classes; `over_standard` needs the `size` annotation (`classes_with_size`) on `classes`."""
    if over_standard:
        classes = classes.filter(over_standard_q())
    if school is not None:
        classes = classes.filter(school=school)
    if grade is not None:
        classes = classes.filter(grade=grade)
    if year is not None:
        classes = classes.filter(school_year=year)
    return classes


def class_grades(classes: QuerySet[SchoolClass]) -> list[tuple[int, str]]:
    grades = classes.order_by("grade").values_list("grade", flat=True).distinct()
    return [(grade, grade_name(grade)) for grade in grades]


def class_years(classes: QuerySet[SchoolClass]) -> QuerySet[SchoolYear]:
    return SchoolYear.objects.filter(pk__in=classes.values("school_year")).order_by("-start_year")


def current_year_for(classes: QuerySet[SchoolClass]) -> SchoolYear | None:
    return class_years(classes).filter(is_current=True).first()


# ---------------------------------------------------------------------------------------------------------
# Overviews (home pages)


@dataclass(frozen=True)
class ClassSizeRow:
    """One current class reduced to what the overviews count."""

    id: int
    school_id: int
    grade: int
    size: int

    @property
    def stage(self) -> str:
        return stage_for_grade(self.grade)

    @property
    def band(self) -> SizeBand | None:
        return size_band(self.stage, self.size)

    @property
    def over_standard(self) -> bool:
        return is_over_standard(self.stage, self.size)


@dataclass
class SizeSummary:
    classes: int = 0
    students: int = 0
    largest: int = 0
    over_standard: int = 0
    large: int = 0  # 大班额 (56–65)
    huge: int = 0  # 超大班额 (66+)

    @property
    def average(self) -> float | None:
        return self.students / self.classes if self.classes else None

    def add(self, row: ClassSizeRow) -> None:
        self.classes += 1
        self.students += row.size
        self.largest = max(self.largest, row.size)
        band = row.band
        if band is SizeBand.LARGE:
            self.large += 1
        elif band is SizeBand.HUGE:
            self.huge += 1
        if row.over_standard:
            self.over_standard += 1


def class_size_rows(classes: QuerySet[SchoolClass]) -> list[ClassSizeRow]:
    rows = classes.annotate(size=class_size_subquery()).values_list("id", "school_id", "grade", "size")
    return [ClassSizeRow(*row) for row in rows]


def summarise(rows: Iterable[ClassSizeRow]) -> SizeSummary:
    summary = SizeSummary()
    for row in rows:
        summary.add(row)
    return summary


@dataclass
class CountyOverview:
    """What a bureau or group leader sees first: the schools under them, side by side."""

    school_count: int
    schools_by_kind: list[tuple[str, int]]
    teacher_count: int
    students_by_status: list[tuple[str, int]]
    enrolled: int
    sizes: SizeSummary
    histogram: list[HistogramBin]
    over_standard_classes: list[SchoolClass]
    schools: list[School]
    limits: dict[str, int] = field(default_factory=dict)

    @property
    def chart_data(self) -> dict[str, Any]:
        """The distribution for the ECharts bar chart (`static/zhiliang/charts.js`), with each bin's severity."""
        return {
            "labels": [b.label for b in self.histogram],
            "counts": [b.count for b in self.histogram],
            "levels": [_bin_level(b) for b in self.histogram],
            "x_name": gettext("Students in class"),
            "y_name": gettext("Classes"),
        }


def _bin_level(histogram_bin: HistogramBin) -> int:
    """0 within every standard, 1 over the primary maximum, 2 over both, 3 大班额, 4 超大班额."""
    high = histogram_bin.high if histogram_bin.high is not None else HUGE_CLASS_MIN
    if high <= STANDARD_MAX["primary"]:
        return 0
    if high <= STANDARD_MAX["junior"]:
        return 1
    if high < LARGE_CLASS_MIN:
        return 2
    if high < HUGE_CLASS_MIN:
        return 3
    return 4


OVER_STANDARD_LISTED = 10


def students_by_status(students: QuerySet[Student]) -> list[tuple[str, int]]:
    counts = dict(students.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status.label, counts.get(status.value, 0)) for status in StudentStatus]


def county_overview(schools: QuerySet[School]) -> CountyOverview:
    school_list = list(schools_with_counts(schools).order_by("code"))
    kinds = defaultdict(int)
    for school in school_list:
        kinds[school.kind] += 1
    rows = class_size_rows(current_classes(SchoolClass.objects.filter(school__in=schools)))
    per_school: dict[int, SizeSummary] = defaultdict(SizeSummary)
    for row in rows:
        per_school[row.school_id].add(row)
    for school in school_list:
        school.sizes = per_school[school.pk]  # type: ignore[attr-defined]
    over_ids = [row.id for row in rows if row.over_standard]
    over_classes = list(
        classes_with_size(SchoolClass.objects.filter(pk__in=over_ids)).order_by(
            "-size", "school__code", "grade", "number"
        )[:OVER_STANDARD_LISTED]
    )
    students = Student.objects.filter(school__in=schools)
    by_status = students_by_status(students)
    return CountyOverview(
        school_count=len(school_list),
        schools_by_kind=[(kind.label, kinds[kind.value]) for kind in SchoolKind if kinds[kind.value]],
        teacher_count=Teacher.objects.filter(school__in=schools, is_active=True).count(),
        students_by_status=by_status,
        enrolled=dict(by_status).get(StudentStatus.ENROLLED.label, 0),
        sizes=summarise(rows),
        histogram=size_histogram(row.size for row in rows),
        over_standard_classes=over_classes,
        schools=school_list,
        limits={stage: limit for stage in (Stage.PRIMARY, Stage.JUNIOR) if (limit := standard_max(stage))},
    )


@dataclass
class GradeSummary:
    grade: int
    sizes: SizeSummary

    @property
    def name(self) -> str:
        return grade_name(self.grade)


@dataclass
class SchoolOverview:
    """What a principal or academic director sees first: their school's grades, classes and staff."""

    school: School
    grades: list[GradeSummary]
    classes: list[SchoolClass]
    sizes: SizeSummary
    students_by_status: list[tuple[str, int]]
    teacher_count: int
    head_teacher_count: int


def school_overview(school: School) -> SchoolOverview:
    classes = list(
        classes_with_size(current_classes(SchoolClass.objects.filter(school=school))).order_by("grade", "number")
    )
    by_grade: dict[int, SizeSummary] = defaultdict(SizeSummary)
    total = SizeSummary()
    for school_class in classes:
        row = ClassSizeRow(school_class.pk, school.pk, school_class.grade, school_class.size)  # type: ignore[attr-defined]
        by_grade[school_class.grade].add(row)
        total.add(row)
    return SchoolOverview(
        school=school,
        grades=[GradeSummary(grade, summary) for grade, summary in sorted(by_grade.items())],
        classes=classes,
        sizes=total,
        students_by_status=students_by_status(Student.objects.filter(school=school)),
        teacher_count=Teacher.objects.filter(school=school, is_active=True).count(),
        head_teacher_count=len({c.head_teacher_id for c in classes if c.head_teacher_id}),
    )
