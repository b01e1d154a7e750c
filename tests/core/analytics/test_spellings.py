"""Labels are compared once stripped and statuses once normalised, however the rows are spelled.

``prepare`` looks labels up by their exact spelling and sends anything else (padding, Chinese or upper-case
statuses, one student spelled two ways) through the row-by-row path: both must give the same analysis.
"""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from tests.core.analytics.helpers import SHUXUE, YUWEN, scores_frame
from zhiliang.core.analytics import ExamAnalysis, analyze_exam

ROWS = [
    ("a", "一中", "1班", {"语文": 80, "数学": "absent"}),
    ("b", "一中", "1班", {"语文": 60, "数学": 50}),
    ("c", "一中", "2班", {"语文": "cheating", "数学": 95}),
    ("d", "二中", "1班", {"语文": 72.5, "数学": "exempt"}),
]


def clean() -> pl.DataFrame:
    return scores_frame(ROWS, groups={"一中": "东区", "二中": "东区"})


def assert_same(left: ExamAnalysis, right: ExamAnalysis) -> None:
    for name in ExamAnalysis.FRAMES:
        assert_frame_equal(getattr(left, name), getattr(right, name), check_exact=True)


def test_padding_and_other_status_spellings_in_every_row() -> None:
    spelled = {"absent": "缺考", "cheating": " 作弊", "exempt": "EXEMPT", "scored": "Scored"}
    messy = clean().with_columns(
        pl.col("school", "class", "name", "student_id").map_elements(lambda s: f" {s} ", return_dtype=pl.String),
        subject=pl.col("subject") + " ",
        status=pl.col("status").replace(spelled),
    )
    assert_same(analyze_exam(clean(), [YUWEN, SHUXUE]), analyze_exam(messy, [YUWEN, SHUXUE]))


def test_one_student_spelled_two_ways() -> None:
    # a's second row has a padded id and school: still one student of 一中 after stripping
    first_row = pl.int_range(pl.len()) == 0
    messy = clean().with_columns(
        student_id=pl.when(first_row).then(pl.lit("a ")).otherwise("student_id"),
        school=pl.when(first_row).then(pl.lit(" 一中")).otherwise("school"),
    )
    assert_same(analyze_exam(clean(), [YUWEN, SHUXUE]), analyze_exam(messy, [YUWEN, SHUXUE]))


def test_empty_labels_are_missing_labels() -> None:
    no_names = clean().with_columns(name=pl.lit(None, dtype=pl.String), grade=pl.lit(None, dtype=pl.String))
    blank = clean().with_columns(name=pl.lit("  "), grade=pl.lit(""))
    assert_same(analyze_exam(no_names, [YUWEN, SHUXUE]), analyze_exam(blank, [YUWEN, SHUXUE]))
