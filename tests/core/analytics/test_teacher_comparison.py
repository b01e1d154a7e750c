"""Hand-computed horizontal and vertical teacher comparisons."""

from __future__ import annotations

import polars as pl
import pytest

from tests.core.analytics.helpers import YUWEN, one_subject, row
from zhiliang.core.analytics import TOTAL, analyze_exam

# 一中 1班 80, 90 (85); 一中 2班 70; 二中 1班 60, 40 (50); 三中 1班 80. School means 80, 50, 80; county 70.
SCHOOLS = {("一中", "1班"): [80, 90], ("一中", "2班"): [70], ("二中", "1班"): [60, 40], ("三中", "1班"): [80]}
TEACHERS = pl.DataFrame(
    {
        "teacher": ["王", "王", "李", "赵", "钱"],
        "school": ["一中", "一中", "二中", "三中", "一中"],
        "grade": ["7"] * 5,
        "class": ["1班", "2班", "1班", "1班", "1班"],
        "subject": ["语文", "语文", "语文", "语文", TOTAL],
    }
)


def test_it_compares_each_class_with_its_school_and_the_county() -> None:
    table = analyze_exam(one_subject(SCHOOLS), [YUWEN], teachers=TEACHERS).teacher_comparison
    got = row(table, teacher="王", subject="语文", **{"class": "1班"})
    # class 85 vs school 80 and county 70
    assert (got["mean"], got["school_mean"], got["county_mean"]) == (85.0, 80.0, 70.0)
    assert (got["mean_diff_school"], got["mean_diff_county"]) == (5.0, 15.0)
    assert got["over_mean_rate"] == pytest.approx(5 / 80)
    # pass rates: class 2/2, school 3/3, county 5/6 (40 fails)
    assert got["pass_rate_diff_county"] == pytest.approx(1 - 5 / 6)
    # 王's own mean over 1班 + 2班 = 80; county ranks of teacher means 王 80, 赵 80, 李 50 -> 1, 1, 3
    assert (got["teacher_mean"], got["teacher_rank_school"], got["teacher_rank_county"]) == (80.0, 1, 1)
    assert (got["teachers_school"], got["teachers_county"]) == (1, 3)
    assert row(table, teacher="李")["teacher_rank_county"] == 3


def test_a_total_assignment_compares_the_head_teachers_class_totals() -> None:
    table = analyze_exam(one_subject(SCHOOLS), [YUWEN], teachers=TEACHERS).teacher_comparison
    got = row(table, teacher="钱")
    assert (got["subject"], got["mean"], got["school_mean"]) == (TOTAL, 85.0, 80.0)


def test_it_compares_each_class_with_itself_in_the_previous_exam() -> None:
    before = analyze_exam(
        one_subject({("一中", "1班"): [60, 70], ("一中", "2班"): [90], ("二中", "1班"): [60], ("三中", "1班"): [70]}),
        [YUWEN],
        teachers=TEACHERS,
    )
    table = analyze_exam(one_subject(SCHOOLS), [YUWEN], teachers=TEACHERS, previous=before).teacher_comparison
    got = row(table, teacher="王", subject="语文", **{"class": "1班"})
    # before: 1班 65 vs 一中 (60 + 70 + 90) / 3 = 73.33 -> rank 2; now 85 vs 80 -> rank 1
    assert got["prev_mean"] == 65.0
    assert got["score_rate_change"] == pytest.approx(0.85 - 0.65)
    assert got["over_mean_rate_change"] == pytest.approx(5 / 80 - (65 - 220 / 3) / (220 / 3))
    assert (got["prev_rank"], got["rank"], got["rank_change"]) == (2, 1, 1)


def test_it_flags_assignments_without_students_and_classes_without_teachers() -> None:
    teachers = pl.DataFrame(
        {"teacher": ["王", "孙"], "school": ["一中", "一中"], "grade": ["7", "7"], "class": ["1班", "9班"],
         "subject": ["语文", "语文"]}
    )  # fmt: skip
    analysis = analyze_exam(one_subject(SCHOOLS), [YUWEN], teachers=teachers)
    issues = analysis.issues.select("kind", "school", "class", "teacher").rows()
    assert ("unmatched_assignment", "一中", "9班", "孙") in issues
    assert ("no_teacher", "二中", "1班", None) in issues
    assert analysis.teacher_comparison.height == 1


def test_without_assignments_the_table_is_empty() -> None:
    analysis = analyze_exam(one_subject(SCHOOLS), [YUWEN])
    assert analysis.teacher_comparison.is_empty()
    assert analysis.summary.filter(level="teacher").is_empty()
