"""Check the score table and turn it into the one long frame every metric is computed from.

Input (``scores``): one row per student x subject with ``student_id, name, school, class, grade, group,
subject, score, status`` (see ``schema.INPUT_SCORES``), optionally ``source_row`` (the spreadsheet row, used
in error messages). Anything that would make a statistic wrong raises ``ScoresInputError`` before anything
is computed: missing columns, empty keys, unknown statuses or subjects, duplicate student x subject rows, a
student listed with two classes, a school in two education groups, a scored row without a score, a score
on an absent/exempt/cheating/missing row, a score outside 0..full marks.

Output (``Prepared.long``): the same rows plus

- a 未录 (``missing``) row for every subject a student's grade sits but the table has no row for, so the
  student's total is reported as incomplete rather than silently computed over fewer subjects;
- one 总分 row per student: the sum of the subjects when every subject counts as sat, else null with status
  ``incomplete``;
- the effective score (``score``: a 作弊 paper is 0 when ``cheating_as_zero``), ``sat`` and per-row flags
  (``_enrolled``, ``_absent`` ... ``_pass``, ``_excellent``, ``_good``, ``_low``) that the aggregations sum;
- integer codes ``_gi`` (grade), ``_pi`` (group), ``_si`` (school), ``_ci`` (class), ``_subj`` (subject) in
  order of first appearance, used for grouping, joining and the order of every output table.

Data-quality findings that are not errors (scores not yet entered, teaching assignments that match no
class) are collected in ``Prepared.issues``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import INPUT_STATUSES, TOTAL, AnalysisConfig, Status, SubjectSpec
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

_REQUIRED_LABELS = ("student_id", "school", "class", "subject", "status")
_STUDENT_ATTRIBUTES = ("name", "school", "class", "grade", "group")
_FLAGS = ("_absent", "_exempt", "_cheating", "_missing")


@dataclass(frozen=True, eq=False)
class Prepared:
    """The checked, completed long frame and what goes with it."""

    long: pl.DataFrame
    subjects: tuple[SubjectSpec, ...]  # the exam's subjects, then 总分
    full_marks: pl.DataFrame  # grade, subject, full_marks (总分 per grade)
    assignments: pl.DataFrame | None  # teacher, _ti, _gi, _si, _ci, _pi, grade, group, school, class, _subj
    issues: pl.DataFrame
    total_index: int  # the _subj code of 总分


def _fail_where(
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


def _read(frame: pl.DataFrame, columns: dict[str, pl.DataType], name: str) -> pl.DataFrame:
    """Required columns, cast to their types, labels stripped ("" becomes null), plus ``_row``/``_pos``."""
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
        cast = pl.col(column).cast(dtype, strict=False)
        if dtype == pl.String:
            stripped = cast.str.strip_chars()
            cast = pl.when(stripped != "").then(stripped)
        elif dtype == pl.Float64:
            cast = cast.fill_nan(None)  # NaN from pandas/numpy means "no score"
        try:
            checked = out.with_columns(_cast=cast)
        except pl.exceptions.PolarsError as error:
            raise ScoresInputError("bad_type", frame=name, column=column, values=[str(dtype)]) from error
        unreadable = pl.col(column).is_not_null() & pl.col("_cast").is_null()
        if dtype == pl.Float64:
            unreadable = unreadable & pl.col(column).cast(pl.Float64, strict=False).is_not_nan().fill_null(True)
        if dtype != pl.String:
            _fail_where(checked, unreadable, "bad_type", name=name, column=column, show=column)
        out = checked.with_columns(pl.col("_cast").alias(column)).drop("_cast")
    return out


def _check_subjects(subjects: Sequence[SubjectSpec]) -> None:
    names = [s.name for s in subjects]
    if not names:
        raise ScoresInputError("bad_subjects", values=["no subjects given"])
    if len(set(names)) != len(names):
        raise ScoresInputError("bad_subjects", values=["subject names repeat"])
    if TOTAL in names:
        raise ScoresInputError("bad_subjects", values=[f"{TOTAL!r} is computed, not a subject"])


def _check_scores(df: pl.DataFrame, full: dict[str, float]) -> pl.DataFrame:
    for column in _REQUIRED_LABELS:
        _fail_where(df, pl.col(column).is_null(), "null_value", name="scores", column=column)
    df = df.with_columns(status=pl.col("status").replace(STATUS_ALIASES).str.to_lowercase())
    unknown = ~pl.col("status").is_in(sorted(INPUT_STATUSES))
    _fail_where(df, unknown, "unknown_status", name="scores", column="status", show="status")
    unknown = ~pl.col("subject").is_in(list(full))
    _fail_where(df, unknown, "unknown_subject", name="scores", column="subject", show="subject")
    repeated = pl.struct("student_id", "subject").is_duplicated()
    _fail_where(df, repeated, "duplicate_row", name="scores", column="subject", show="student_id")
    for column in _STUDENT_ATTRIBUTES:
        differs = pl.col(column).n_unique().over("student_id") > 1
        _fail_where(df, differs, "inconsistent_student", name="scores", column=column, show="student_id")
    two_groups = pl.col("group").n_unique().over("school") > 1
    _fail_where(df, two_groups, "inconsistent_group", name="scores", column="group", show="school")
    scored = pl.col("status") == Status.SCORED
    _fail_where(df, scored & pl.col("score").is_null(), "score_missing", name="scores", column="score")
    stray = ~scored & pl.col("score").is_not_null()
    _fail_where(df, stray, "score_not_allowed", name="scores", column="score", show="status")
    full_marks = pl.col("subject").replace_strict(full, return_dtype=pl.Float64)
    out_of_range = (pl.col("score") < 0) | (pl.col("score") > full_marks) | pl.col("score").is_infinite()
    _fail_where(df, out_of_range.fill_null(False), "score_out_of_range", name="scores", column="score", show="score")
    return df


def _first_seen(columns: Sequence[str]) -> pl.Expr:
    """Codes 1, 2, ... for the distinct values of ``columns`` in order of first appearance."""
    return pl.col("_row").min().over(columns).rank("dense").cast(pl.Int64)


def score_line(ratio: float | None) -> pl.Expr:
    """The score ``ratio * full_marks`` of each row, rounded to 6 decimals (null when ``ratio`` is None).

    Rounding matters: ``0.6 * 110`` is ``66.00000000000001`` in binary floating point, which would fail a
    student who scored exactly 66.
    """
    if ratio is None:
        return pl.lit(None, dtype=pl.Float64)
    return (pl.col("full_marks") * ratio).round(6)


def _outcome_flags(config: AnalysisConfig) -> list[pl.Expr]:
    t = config.thresholds
    score, sat = pl.col("score"), pl.col("sat")
    return [
        (sat & (score >= score_line(t.pass_ratio))).alias("_pass"),
        (sat & (score >= score_line(t.excellent_ratio))).alias("_excellent"),
        (sat & (score >= score_line(t.good_ratio))).alias("_good"),
        (sat & (score < score_line(t.low_ratio))).alias("_low"),
    ]


def prepare(
    scores: pl.DataFrame,
    subjects: Sequence[SubjectSpec],
    config: AnalysisConfig,
    teachers: pl.DataFrame | None,
) -> Prepared:
    """Check ``scores`` (and ``teachers``) and build the long frame; raises ``ScoresInputError``."""
    _check_subjects(subjects)
    full = {s.name: float(s.full_marks) for s in subjects}
    order = {s.name: i for i, s in enumerate(subjects)}
    total_index = len(subjects)

    df = _check_scores(_read(scores, schema.INPUT_SCORES, "scores"), full)
    if df.is_empty():
        raise ScoresInputError("empty")
    df = df.with_columns(
        _gi=_first_seen(["grade"]),
        _pi=pl.when(pl.col("group").is_not_null()).then(_first_seen(["group"])),
        _si=_first_seen(["school"]),
        _ci=_first_seen(["grade", "school", "class"]),
        _subj=pl.col("subject").replace_strict(order, return_dtype=pl.Int64),
        full_marks=pl.col("subject").replace_strict(full, return_dtype=pl.Float64),
        _synthetic=pl.lit(False),
    )
    student_columns = ["student_id", "name", "school", "class", "grade", "group", "_gi", "_pi", "_si", "_ci"]
    roster = df.group_by("student_id").agg(pl.col(c).first() for c in student_columns[1:])

    # A student without a row for a subject their grade sits has not been entered yet (未录).
    grade_subjects = df.select("_gi", "subject", "_subj", "full_marks").unique()
    unentered = roster.join(grade_subjects, on="_gi").join(df, on=["student_id", "subject"], how="anti")
    unentered = unentered.with_columns(
        score=pl.lit(None, dtype=pl.Float64), status=pl.lit(Status.MISSING.value), _synthetic=pl.lit(True)
    )
    rows = pl.concat([df.drop("_row", "_pos"), unentered], how="diagonal_relaxed")

    status = pl.col("status")
    cheating = status == Status.CHEATING
    sat = (status == Status.SCORED) | (cheating & config.cheating_as_zero)
    rows = rows.with_columns(
        score=pl.when(cheating).then(pl.lit(0.0) if config.cheating_as_zero else None).otherwise("score"),
        sat=sat,
        _enrolled=status != Status.EXEMPT,
        _absent=status == Status.ABSENT,
        _exempt=status == Status.EXEMPT,
        _cheating=cheating,
        _missing=status == Status.MISSING,
        _incomplete=pl.lit(None, dtype=pl.Boolean),
    ).with_columns(_outcome_flags(config))

    totals = (
        rows.group_by("student_id")
        .agg(
            *(pl.col(c).first() for c in student_columns[1:]),
            complete=pl.col("sat").all(),
            total=pl.col("score").sum(),
            full_marks=pl.col("full_marks").sum(),
            _all_pass=pl.col("_pass").all(),
            **{flag: pl.col(flag).any() for flag in _FLAGS},
        )
        .with_columns(
            subject=pl.lit(TOTAL),
            _subj=pl.lit(total_index, dtype=pl.Int64),
            score=pl.when("complete").then(pl.col("total").round(6)),
            status=pl.when("complete").then(pl.lit(Status.SCORED.value)).otherwise(pl.lit(Status.INCOMPLETE.value)),
            sat=pl.col("complete"),
            _enrolled=pl.lit(True),
            _incomplete=~pl.col("complete"),
            _synthetic=pl.lit(False),
        )
        .with_columns(_outcome_flags(config))
        .with_columns(_all_pass=pl.col("_all_pass") & pl.col("sat"))
        .drop("complete", "total")
    )
    long = pl.concat([rows, totals], how="diagonal_relaxed").sort("_gi", "_si", "_ci", "student_id", "_subj")

    full_marks = (
        long.group_by("_gi", "_subj")
        .agg(pl.col("grade").first(), pl.col("subject").first(), pl.col("full_marks").first())
        .sort("_gi", "_subj")
    )
    issue_frames = [
        long.filter(pl.col("_missing") & (pl.col("_subj") != total_index)).with_columns(
            kind=pl.when("_synthetic").then(pl.lit("no_row")).otherwise(pl.lit("missing_score"))
        )
    ]
    assignments = None
    if teachers is not None:
        assignments, teacher_issues = _prepare_teachers(teachers, long, order, total_index)
        issue_frames += teacher_issues
    issues = pl.concat([schema.conform(f, schema.ISSUES) for f in issue_frames])
    return Prepared(
        long=long.drop("_synthetic"),
        subjects=(*subjects, SubjectSpec(TOTAL, _total_full_marks(full_marks, total_index, subjects))),
        full_marks=schema.conform(full_marks, schema.FULL_MARKS),
        assignments=assignments,
        issues=issues,
        total_index=total_index,
    )


def _total_full_marks(full_marks: pl.DataFrame, total_index: int, subjects: Sequence[SubjectSpec]) -> float:
    """Full marks of 总分: the same for every grade when all grades sit the same subjects, otherwise the
    largest (the exact value per grade is in ``ExamAnalysis.full_marks`` and ``summary.full_marks``)."""
    largest = full_marks.filter(pl.col("_subj") == total_index).get_column("full_marks").max()
    return float(largest) if isinstance(largest, int | float) else sum(s.full_marks for s in subjects)


def _prepare_teachers(
    teachers: pl.DataFrame, long: pl.DataFrame, order: dict[str, int], total_index: int
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Teaching assignments with the class codes; a 总分 assignment stands for the 班主任 (head teacher)."""
    df = _read(teachers, schema.INPUT_TEACHERS, "teachers")
    for column in ("teacher", "school", "class", "subject"):
        _fail_where(df, pl.col(column).is_null(), "null_value", name="teachers", column=column)
    codes = {**order, TOTAL: total_index}
    unknown = ~pl.col("subject").is_in(list(codes))
    _fail_where(df, unknown, "unknown_subject", name="teachers", column="subject", show="subject")
    df = df.with_columns(
        _ti=_first_seen(["school", "teacher"]),
        _subj=pl.col("subject").replace_strict(codes, return_dtype=pl.Int64),
    ).unique(["_ti", "grade", "class", "_subj"], keep="first", maintain_order=True)
    classes = long.select("grade", "school", "class", "group", "_gi", "_pi", "_si", "_ci").unique("_ci")
    keys = ["grade", "school", "class"]
    matched = df.join(classes, on=keys, how="inner", nulls_equal=True)
    unmatched = df.join(classes, on=keys, how="anti", nulls_equal=True).with_columns(
        kind=pl.lit("unmatched_assignment")
    )
    taught = long.filter(pl.col("sat") & (pl.col("_subj") != total_index)).select(
        "_ci", "_subj", "grade", "school", "class", "subject"
    )
    untaught = (
        taught.unique(["_ci", "_subj"])
        .join(matched, on=["_ci", "_subj"], how="anti")
        .sort("_ci", "_subj")
        .with_columns(kind=pl.lit("no_teacher"))
    )
    assignments = matched.select(
        "teacher", "_ti", "_gi", "_pi", "_si", "_ci", "_subj", "grade", "group", "school", "class"
    )
    return assignments, [unmatched, untaught]
