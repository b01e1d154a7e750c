"""Bad input stops the analysis with a message naming the rows and column; odd but valid input works."""

from __future__ import annotations

import polars as pl
import pytest

from tests.core.analytics.helpers import SHUXUE, YUWEN, row, scores_frame
from zhiliang.core.analytics import TOTAL, ScoresInputError, SubjectSpec, analyze_exam

GOOD = [
    ("a", "一中", "1班", {"语文": 80, "数学": 70}),
    ("b", "一中", "1班", {"语文": 60, "数学": 50}),
]


def good() -> pl.DataFrame:
    return scores_frame(GOOD)


@pytest.mark.parametrize(
    ("change", "code", "column", "rows"),
    [
        (lambda f: f.drop("status"), "missing_column", "status", ()),
        (lambda f: f.clear(), "empty", None, ()),
        (lambda f: f.with_columns(score=pl.lit("eighty")), "bad_type", "score", (0, 1, 2, 3)),
        (lambda f: f.with_columns(school=pl.when(pl.int_range(4) == 2).then(pl.lit(" ")).otherwise("school")),
         "null_value", "school", (2,)),
        (lambda f: f.with_columns(status=pl.when(pl.int_range(4) == 1).then(pl.lit("sick")).otherwise("status")),
         "unknown_status", "status", (1,)),
        (lambda f: f.with_columns(subject=pl.when(pl.int_range(4) == 3).then(pl.lit("物理")).otherwise("subject")),
         "unknown_subject", "subject", (3,)),
        (lambda f: f.with_columns(subject=pl.lit("语文")), "duplicate_row", "subject", (0, 1, 2, 3)),
        (lambda f: f.with_columns(**{"class": pl.when(pl.int_range(4) == 1).then(pl.lit("2班")).otherwise("class")}),
         "inconsistent_student", "class", (0, 1)),
        (lambda f: f.with_columns(group=pl.when(pl.col("student_id") == "a").then(pl.lit("东区"))),
         "inconsistent_group", "group", (0, 1, 2, 3)),
        (lambda f: f.with_columns(score=pl.when(pl.int_range(4) == 0).then(None).otherwise("score")),
         "score_missing", "score", (0,)),
        (lambda f: f.with_columns(status=pl.when(pl.int_range(4) == 2).then(pl.lit("absent")).otherwise("status")),
         "score_not_allowed", "score", (2,)),
        (lambda f: f.with_columns(score=pl.when(pl.int_range(4) == 1).then(100.5).otherwise("score")),
         "score_out_of_range", "score", (1,)),
        (lambda f: f.with_columns(score=pl.when(pl.int_range(4) == 1).then(-1.0).otherwise("score")),
         "score_out_of_range", "score", (1,)),
    ],
)  # fmt: skip
def test_it_rejects_bad_scores_naming_rows_and_column(change, code, column, rows) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScoresInputError) as caught:
        analyze_exam(change(good()), [YUWEN, SHUXUE])
    error = caught.value
    assert (error.code, error.column, error.rows) == (code, column, rows)
    assert error.message("zh-Hans") != error.message("en")


def test_error_rows_are_spreadsheet_rows_when_given() -> None:
    frame = good().with_columns(
        source_row=pl.Series([12, 13, 14, 15]),
        score=pl.when(pl.int_range(4) == 2).then(101.0).otherwise("score"),
    )
    with pytest.raises(ScoresInputError) as caught:
        analyze_exam(frame, [YUWEN, SHUXUE])
    assert caught.value.rows == (14,)
    assert caught.value.message() == "scores：第 14 行的分数超出 0 至满分的范围：101.0"


@pytest.mark.parametrize(
    "subjects",
    [[], [YUWEN, SubjectSpec("语文", 120)], [YUWEN, SubjectSpec(TOTAL, 100)]],
)
def test_it_rejects_bad_subject_lists(subjects: list[SubjectSpec]) -> None:
    with pytest.raises(ScoresInputError) as caught:
        analyze_exam(good(), subjects)
    assert caught.value.code == "bad_subjects"


def test_it_accepts_chinese_statuses_nan_scores_padding_and_integer_ids() -> None:
    frame = pl.DataFrame(
        {
            "student_id": [1, 1, 2, 2],
            "name": ["甲", "甲", "乙", "乙"],
            "school": [" 一中", "一中 ", "一中", "一中"],
            "class": ["1班"] * 4,
            "grade": ["7"] * 4,
            "group": [None] * 4,
            "subject": ["语文", "数学", "语文", "数学"],
            "score": [80.0, float("nan"), 60.0, 50.0],
            "status": ["scored", "缺考", "scored", "作弊"],
        }
    ).with_columns(score=pl.when(pl.col("status") == "作弊").then(None).otherwise("score"))
    analysis = analyze_exam(frame, [YUWEN, SHUXUE])
    got = row(analysis.summary, level="school", subject="数学")
    assert (got["school"], got["absent"], got["cheating"], got["sat"]) == ("一中", 1, 1, 1)
    assert row(analysis.students, student_id="1", subject="数学")["status"] == "absent"


def test_it_analyses_grades_separately_with_their_own_subjects() -> None:
    # grade 8 also sits 物理; its 总分 is out of 300, grade 7's out of 200
    physics = SubjectSpec("物理", 100)
    frame = pl.concat(
        [
            scores_frame([("a", "一中", "1班", {"语文": 80, "数学": 70})], grade="7"),
            scores_frame(
                [
                    ("b", "一中", "1班", {"语文": 60, "数学": 50, "物理": 90}),
                    ("c", "一中", "1班", {"语文": 70, "数学": 90}),
                ],
                grade="8",
            ),
        ]
    )
    analysis = analyze_exam(frame, [YUWEN, SHUXUE, physics])
    full = {(r["grade"], r["subject"]): r["full_marks"] for r in analysis.full_marks.iter_rows(named=True)}
    assert full[("7", TOTAL)] == 200.0 and full[("8", TOTAL)] == 300.0
    assert ("7", "物理") not in full
    assert row(analysis.summary, level="county", grade="8", subject=TOTAL)["full_marks"] == 300.0
    # c has no 物理 row: not entered, so no total; flagged
    assert row(analysis.students, student_id="c", subject=TOTAL)["status"] == "incomplete"
    assert ("no_row", "c", "物理") in analysis.issues.select("kind", "student_id", "subject").rows()
    # ranks are per grade: a and b are both first in their grade's 语文
    assert row(analysis.students, student_id="a", subject="语文")["rank_county"] == 1
    assert row(analysis.students, student_id="c", subject="语文")["rank_county"] == 1
    assert analysis.subjects[-1] == SubjectSpec(TOTAL, 300.0)


def test_it_works_without_grade_labels() -> None:
    analysis = analyze_exam(scores_frame(GOOD, grade=None), [YUWEN, SHUXUE])
    got = row(analysis.summary, level="class", subject=TOTAL)
    assert (got["grade"], got["sat"], got["mean"]) == (None, 2, 130.0)
