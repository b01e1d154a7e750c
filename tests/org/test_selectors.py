"""Figures of schools and classes, counted in SQL (zhiliang/org/selectors.py)."""

import datetime

import pytest

from tests.web.helpers import add_students
from zhiliang.org.models import School, SchoolClass, SchoolYear
from zhiliang.org.selectors import (
    class_size_rows,
    classes_with_size,
    county_overview,
    school_overview,
    schools_with_counts,
)
from zhiliang.people.models import ClassMembership, StudentStatus

pytestmark = pytest.mark.django_db


def test_class_size_counts_only_members_who_did_not_leave(cast):
    school_class = cast.classes["J01-7-1"]
    add_students(school_class, 3)
    add_students(school_class, 2, prefix="L", left_on=datetime.date(2025, 11, 1))
    sized = classes_with_size(SchoolClass.objects.filter(pk=school_class.pk)).get()
    assert sized.size == 2 + 3  # 张三, 李四 and three more; the two who left do not count


def test_school_counts(cast):
    add_students(cast.classes["J01-7-2"], 2, prefix="S", status=StudentStatus.SUSPENDED)
    counts = {s.code: s for s in schools_with_counts(School.objects.filter(county=cast.county))}
    junior1 = counts["J01"]
    assert (junior1.classes_count, junior1.students_count, junior1.teachers_count) == (2, 3, 2)  # suspended: no
    assert counts["C01"].points_count == 1
    assert (counts["C02"].classes_count, counts["C02"].students_count) == (0, 0)


def test_school_counts_ignore_last_years_classes(cast):
    last_year = SchoolYear.objects.create(
        county=cast.county, start_year=2024, start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 7, 31)
    )
    SchoolClass.objects.create(school=cast.junior1, school_year=last_year, grade=7, number=1)
    assert schools_with_counts(School.objects.filter(pk=cast.junior1.pk)).get().classes_count == 2


def test_county_overview_of_the_cast(cast):
    add_students(cast.classes["C01-3-1"], 45)  # 46 in a primary class: over the standard of 45
    add_students(cast.classes["J02-7-2"], 56)  # 56 in a junior class: 大班额
    overview = county_overview(School.objects.filter(county=cast.county))
    assert overview.school_count == 4
    assert overview.schools_by_kind == [("小学", 1), ("初中", 2), ("教学点", 1)]
    assert overview.teacher_count == 3
    assert overview.enrolled == 5 + 45 + 56
    assert dict(overview.students_by_status)["在读"] == 106
    sizes = overview.sizes
    assert (sizes.classes, sizes.students, sizes.largest) == (5, 106, 56)
    assert (sizes.over_standard, sizes.large, sizes.huge) == (2, 1, 0)
    assert sizes.average == pytest.approx(106 / 5)
    # Sizes 2, 1, 1, 46, 56: three up to 30, one 46–50, one 56–65.
    assert {b.label: b.count for b in overview.histogram if b.count} == {"≤30": 3, "46–50": 1, "56–65": 1}
    assert [c.display_name for c in overview.over_standard_classes] == ["七年级(2)班", "三年级(1)班"]
    by_code = {s.code: s for s in overview.schools}
    assert by_code["J02"].sizes.over_standard == 1
    assert by_code["J01"].sizes.average == pytest.approx(1.5)
    assert overview.chart_data["counts"] == [3, 0, 0, 0, 1, 0, 1, 0]
    assert overview.chart_data["levels"] == [0, 0, 0, 0, 1, 2, 3, 4]


def test_county_overview_of_a_group_is_its_schools_only(cast):
    overview = county_overview(School.objects.filter(group=cast.group))
    assert [s.code for s in overview.schools] == ["J01"]
    assert (overview.sizes.classes, overview.enrolled, overview.teacher_count) == (2, 3, 2)


def test_school_overview(cast):
    add_students(cast.classes["J01-7-2"], 50)  # 51: over the junior standard of 50
    overview = school_overview(cast.junior1)
    assert [(g.name, g.sizes.classes, g.sizes.students, g.sizes.over_standard) for g in overview.grades] == [
        ("七年级", 2, 53, 1)
    ]
    assert [(c.display_name, c.size) for c in overview.classes] == [("七年级(1)班", 2), ("七年级(2)班", 51)]
    assert (overview.teacher_count, overview.head_teacher_count) == (2, 1)


def test_overview_query_count_does_not_grow_with_schools(cast, django_assert_num_queries):
    schools = School.objects.filter(county=cast.county)
    add_students(cast.classes["C01-3-1"], 45)
    # Schools with counts, class sizes, the over-standard classes, students by status, teachers.
    with django_assert_num_queries(5):
        county_overview(schools)
    for i in range(5):
        school = School.objects.create(county=cast.county, code=f"P{i}", name=f"小学{i}", kind="primary")
        school_class = SchoolClass.objects.create(school=school, school_year=cast.year, grade=1, number=1)
        add_students(school_class, 46, prefix=f"P{i}-")
    with django_assert_num_queries(5):
        overview = county_overview(schools)
    assert overview.sizes.over_standard == 6


def test_class_size_rows_are_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = class_size_rows(SchoolClass.objects.all())
    assert sorted(r.size for r in rows) == [0, 1, 1, 1, 2]
    assert ClassMembership.objects.count() == 5
