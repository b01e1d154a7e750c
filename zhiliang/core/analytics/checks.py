"""Reading and checking the input frames row by row, with errors that name the rows and the column.

``read_frame`` finds the required columns and casts them to their types. ``check_scores`` is the careful
path of ``prepare``: it strips every label, normalises the statuses and raises ``ScoresInputError`` for the
first kind of problem found, naming every row that has it. ``prepare`` runs it only when its own quick
checks (done once per distinct value and with integer codes) find something to clean or to report, so the
messages are always the ones produced here, while a clean county-scale table is not checked twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from zhiliang.core.analytics.config import INPUT_STATUSES, TOTAL, Status, SubjectSpec
from zhiliang.core.analytics.errors import ScoresInputError

STATUS_ALIASES: dict[str, str] = {
    "已考": Status.SCORED,
    "正常": Status.SCORED,
    "缺考": Status.ABSENT,
    "免考": Status.EXEMPT,
    "作弊": Status.CHEATING,
    "违纪": Status.CHEATING,
    "未录": Status.MISSING,
    "未录入": Status.MISSING,
}
"""Chinese labels accepted in ``status`` besides the ``Status`` values."""

REQUIRED_LABELS = ("student_id", "school", "class", "subject", "status")
STUDENT_ATTRIBUTES = ("name", "school", "class", "grade", "group")


def fail_where(
    frame: pl.DataFrame,
    mask: pl.Expr,
    code: str,
    *,
    name: str,
    column: str | None = None,
    show: str | None = None,
) -> None:
    """Raise ``code`` naming the rows where ``mask`` holds and the distinct values of ``show``."""
    bad = frame.filter(mask)
    if bad.height:
        values = bad.get_column(show).unique(maintain_order=True).to_list() if show else []
        raise ScoresInputError(code, frame=name, column=column, rows=bad.get_column("_pos").to_list(), values=values)


def read_frame(frame: pl.DataFrame, columns: dict[str, pl.DataType], name: str) -> pl.DataFrame:
    """Required columns cast to their types (NaN scores become null), plus ``_row``/``_pos``.

    Labels are not stripped here (``strip_labels``): ``prepare`` strips each distinct value once instead of
    540,000 cells. A column that already has its type is not cast at all.
    """
    for column in columns:
        if column not in frame.columns:
            raise ScoresInputError("missing_column", frame=name, column=column)
    positions = (
        frame.get_column("source_row").cast(pl.Int64, strict=False)
        if "source_row" in frame.columns
        else pl.int_range(frame.height, dtype=pl.Int64, eager=True)
    )
    out = frame.select(*columns).with_columns(_pos=positions).with_row_index("_row")
    for column, dtype in columns.items():
        if out.schema[column] == dtype:
            if dtype == pl.Float64:
                out = out.with_columns(pl.col(column).fill_nan(None))  # NaN from pandas/numpy means "no score"
            continue
        cast = pl.col(column).cast(dtype, strict=False)
        if dtype == pl.Float64:
            cast = cast.fill_nan(None)
        try:
            checked = out.with_columns(_cast=cast)
        except pl.exceptions.PolarsError as error:
            raise ScoresInputError("bad_type", frame=name, column=column, values=[str(dtype)]) from error
        unreadable = pl.col(column).is_not_null() & pl.col("_cast").is_null()
        if dtype == pl.Float64:
            unreadable = unreadable & pl.col(column).cast(pl.Float64, strict=False).is_not_nan().fill_null(True)
        if dtype != pl.String:
            fail_where(checked, unreadable, "bad_type", name=name, column=column, show=column)
        out = checked.with_columns(pl.col("_cast").alias(column)).drop("_cast")
    return out


def stripped(column: str) -> pl.Expr:
    """The label without surrounding white space; an empty label becomes null."""
    value = pl.col(column).str.strip_chars()
    return pl.when(value != "").then(value).alias(column)


def strip_labels(frame: pl.DataFrame, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """Every text column of ``columns`` stripped (one pass, the columns in parallel)."""
    return frame.with_columns(stripped(column) for column, dtype in columns.items() if dtype == pl.String)


def normalised_status(column: str) -> pl.Expr:
    """A status label in ``Status`` spelling: Chinese aliases translated, lower case."""
    return pl.col(column).replace(STATUS_ALIASES).str.to_lowercase()


def check_subjects(subjects: Sequence[SubjectSpec]) -> None:
    names = [s.name for s in subjects]
    if not names:
        raise ScoresInputError("bad_subjects", values=["no subjects given"])
    if len(set(names)) != len(names):
        raise ScoresInputError("bad_subjects", values=["subject names repeat"])
    if TOTAL in names:
        raise ScoresInputError("bad_subjects", values=[f"{TOTAL!r} is computed, not a subject"])


def check_scores(df: pl.DataFrame, full: dict[str, float]) -> pl.DataFrame:
    """Raise for the first kind of problem in the (stripped) scores; else the frame with normalised statuses."""
    for column in REQUIRED_LABELS:
        fail_where(df, pl.col(column).is_null(), "null_value", name="scores", column=column)
    df = df.with_columns(normalised_status("status"))
    unknown = ~pl.col("status").is_in(sorted(INPUT_STATUSES))
    fail_where(df, unknown, "unknown_status", name="scores", column="status", show="status")
    unknown = ~pl.col("subject").is_in(list(full))
    fail_where(df, unknown, "unknown_subject", name="scores", column="subject", show="subject")
    repeated = pl.struct("student_id", "subject").is_duplicated()
    fail_where(df, repeated, "duplicate_row", name="scores", column="subject", show="student_id")
    for column in STUDENT_ATTRIBUTES:
        differs = pl.col(column).n_unique().over("student_id") > 1
        fail_where(df, differs, "inconsistent_student", name="scores", column=column, show="student_id")
    two_groups = pl.col("group").n_unique().over("school") > 1
    fail_where(df, two_groups, "inconsistent_group", name="scores", column="group", show="school")
    scored = pl.col("status") == Status.SCORED
    fail_where(df, scored & pl.col("score").is_null(), "score_missing", name="scores", column="score")
    stray = ~scored & pl.col("score").is_not_null()
    fail_where(df, stray, "score_not_allowed", name="scores", column="score", show="status")
    full_marks = pl.col("subject").replace_strict(full, return_dtype=pl.Float64)
    out_of_range = (pl.col("score") < 0) | (pl.col("score") > full_marks) | pl.col("score").is_infinite()
    fail_where(df, out_of_range.fill_null(False), "score_out_of_range", name="scores", column="score", show="score")
    return df
