"""Check the score table and turn it into the frames every metric is computed from.

Input (``scores``): one row per student x subject with ``student_id, name, school, class, grade, group,
subject, score, status`` (see ``schema.INPUT_SCORES``), optionally ``source_row`` (the spreadsheet row, used
in error messages). Anything that would make a statistic wrong raises ``ScoresInputError`` before anything
is computed: missing columns, empty keys, unknown statuses or subjects, duplicate student x subject rows, a
student listed with two classes, a school in two education groups, a scored row without a score, a score
on an absent/exempt/cheating/missing row, a score outside 0..full marks (``checks``).

Output:

- ``Prepared.students``: one row per student, in the order of every per-student output (grade, school,
  class, student id); ``_st`` is the row number. Labels ``student_id, name, school, class, grade, group``
  (stripped; "" is null) and integer codes ``_gi`` (grade), ``_pi`` (group), ``_si`` (school), ``_ci``
  (class) in order of first appearance in the input, used for grouping, joining and the order of every
  output table.
- ``Prepared.long``: one row per student x subject the student's grade sits, and one 总分 row per student,
  ordered by ``_st`` then ``_subj`` (the subject's position in the exam; 总分 last). It holds numbers and
  codes only (labels are attached to output rows with ``with_student_labels``), because at county scale
  (600,000 rows) every string hash, comparison and sort is expensive:

  - ``score``: the effective score (a 作弊 paper is 0 when ``cheating_as_zero``); 总分 = the sum of the
    subjects when every subject counts as sat, else null with status ``incomplete``;
  - ``_status`` (a code, position in ``Status``; ``status_label`` gives the text), ``sat``, ``full_marks``
    and the flags the aggregations sum (``_enrolled``, ``_absent`` ... ``_pass``, ``_excellent``,
    ``_good``, ``_low``, ``_all_pass``);
  - a 未录 (``missing``) row for every subject a student's grade sits but the table has no row for
    (``_synthetic``), so the student's total is reported as incomplete rather than silently computed over
    fewer subjects.

Data-quality findings that are not errors (scores not yet entered, teaching assignments that match no
class) are collected in ``Prepared.issues``.

How: each label column is turned into integer codes once (statuses and subjects by looking up their few
distinct spellings, students by their first row), the checks run on the codes, and the long frame is laid
out as a dense student x subject grid, so no step sorts or joins the 540,000 input rows by text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.checks import (
    REQUIRED_LABELS,
    STATUS_ALIASES,
    STUDENT_ATTRIBUTES,
    check_scores,
    check_subjects,
    fail_where,
    normalised_status,
    read_frame,
    strip_labels,
    stripped,
)
from zhiliang.core.analytics.config import INPUT_STATUSES, TOTAL, AnalysisConfig, Status, SubjectSpec
from zhiliang.core.analytics.errors import ScoresInputError
from zhiliang.core.analytics.keys import RowKeys, row_keys

__all__ = ["STATUS_ALIASES", "Prepared", "prepare", "score_line", "status_label", "with_student_labels"]

STATUS_CODES: tuple[Status, ...] = tuple(Status)
"""``_status`` is a position in this tuple."""
SCORED, ABSENT, EXEMPT, CHEATING, MISSING, INCOMPLETE = (STATUS_CODES.index(s) for s in Status)
_CANONICAL = {status.value: STATUS_CODES.index(status) for status in Status if status in INPUT_STATUSES}
_SPELLINGS = {**_CANONICAL, **{alias: _CANONICAL[value] for alias, value in STATUS_ALIASES.items()}}
STUDENT_LABELS = ("student_id", *STUDENT_ATTRIBUTES)
_FLAGS = {"_absent": ABSENT, "_exempt": EXEMPT, "_cheating": CHEATING, "_missing": MISSING}


@dataclass(frozen=True, eq=False)
class Prepared:
    """The checked students, the completed long frame and what goes with them."""

    long: pl.DataFrame
    students: pl.DataFrame  # _st, student_id, name, school, class, grade, group, _gi, _pi, _si, _ci
    subjects: tuple[SubjectSpec, ...]  # the exam's subjects, then 总分
    full_marks: pl.DataFrame  # grade, subject, full_marks (总分 per grade)
    assignments: pl.DataFrame | None  # teacher, _ti, _gi, _si, _ci, _pi, grade, group, school, class, _subj
    issues: pl.DataFrame
    total_index: int  # the _subj code of 总分
    keys: RowKeys  # integer keys of long's rows

    @property
    def subject_names(self) -> list[str]:
        return [subject.name for subject in self.subjects]


def score_line(ratio: float | None) -> pl.Expr:
    """The score ``ratio * full_marks`` of each row, rounded to 6 decimals (null when ``ratio`` is None).

    Rounding matters: ``0.6 * 110`` is ``66.00000000000001`` in binary floating point, which would fail a
    student who scored exactly 66.
    """
    if ratio is None:
        return pl.lit(None, dtype=pl.Float64)
    return (pl.col("full_marks") * ratio).round(6)


def label_of(code: str, labels: Sequence[str], name: str) -> pl.Expr:
    """``labels[code]`` for an integer code column (a gather: several times faster than a mapping)."""
    return pl.lit(pl.Series(labels, dtype=pl.String)).gather(pl.col(code)).alias(name)


def subject_label(names: Sequence[str]) -> pl.Expr:
    """The subject name of ``_subj``."""
    return label_of("_subj", names, "subject")


def status_label() -> pl.Expr:
    """The ``Status`` text of ``_status``."""
    return label_of("_status", [status.value for status in STATUS_CODES], "status")


def with_student_labels(frame: pl.DataFrame, students: pl.DataFrame, names: Sequence[str]) -> pl.DataFrame:
    """``frame`` (with ``_st`` and ``_subj``) plus the student's labels and the subject name."""
    labels = students.select(STUDENT_LABELS).gather(frame.get_column("_st"))
    return frame.hstack(labels).with_columns(subject_label(names))


def _outcome_flags(config: AnalysisConfig) -> list[pl.Expr]:
    t = config.thresholds
    score, sat = pl.col("score"), pl.col("sat")
    return [
        (sat & (score >= score_line(t.pass_ratio))).alias("_pass"),
        (sat & (score >= score_line(t.excellent_ratio))).alias("_excellent"),
        (sat & (score >= score_line(t.good_ratio))).alias("_good"),
        (sat & (score < score_line(t.low_ratio))).alias("_low"),
    ]


def _first_seen(columns: Sequence[str]) -> pl.Expr:
    """Codes 1, 2, ... for the distinct values of ``columns`` in order of first appearance (``_first`` is the
    student's first input row, so the smallest over a group is the group's first row)."""
    return pl.col("_first").min().over(columns).rank("dense").cast(pl.Int64)


@dataclass(frozen=True, eq=False)
class _Encoded:
    """The input rows as codes: which student (a row of ``students``), subject and status, and the score."""

    students: pl.DataFrame  # one row per student in order of first appearance, with _first
    student: np.ndarray
    subject: np.ndarray
    status: np.ndarray
    score: np.ndarray  # NaN where there is no score


def _codes(column: pl.Series, coded: pl.Series, canonical: dict[str, int], status: bool) -> np.ndarray | None:
    """Codes of a label column without nulls (``coded``: looked up by exact spelling); None if some value
    is not known. The few distinct other spellings (padded, Chinese, upper case) are normalised once each
    and looked up in ``canonical``."""
    if coded.null_count():
        odd = pl.DataFrame({"value": column.filter(coded.is_null()).unique()})
        fixed = odd.with_columns(stripped("value").alias("_clean"))
        if status:
            fixed = fixed.with_columns(normalised_status("_clean"))
        fixed = fixed.with_columns(
            code=pl.col("_clean").replace_strict(canonical, default=None, return_dtype=coded.dtype)
        )
        if fixed.get_column("code").null_count():
            return None
        fixes = dict(zip(fixed.get_column("value").to_list(), fixed.get_column("code").to_list(), strict=True))
        coded = coded.fill_null(column.replace_strict(fixes, default=None, return_dtype=coded.dtype))
    return coded.to_numpy()


def _encode(frame: pl.DataFrame, subjects: Sequence[SubjectSpec]) -> _Encoded | None:
    """The rows as codes, checked; None when a check fails or a label must be cleaned row by row (the
    caller then runs ``check_scores``, which names the rows)."""
    if any(frame.get_column(column).null_count() for column in REQUIRED_LABELS):
        return None
    order = {s.name: i for i, s in enumerate(subjects)}
    # One select, so polars computes the three columns in parallel. A student is identified by their
    # first row; every row must repeat that row's name, school, class ...
    coded = frame.select(
        status=pl.col("status").replace_strict(_SPELLINGS, default=None, return_dtype=pl.Int8),
        subject=pl.col("subject").replace_strict(order, default=None, return_dtype=pl.Int32),
        first=pl.col("_row").min().over("student_id").cast(pl.Int64),
    )
    status = _codes(frame.get_column("status"), coded.get_column("status"), _CANONICAL, status=True)
    subject = _codes(frame.get_column("subject"), coded.get_column("subject"), order, status=False)
    if status is None or subject is None:
        return None
    first = coded.get_column("first").to_numpy()
    rows = np.flatnonzero(first == np.arange(frame.height))
    position = np.empty(frame.height, dtype=np.int64)
    position[rows] = np.arange(rows.size)
    student = position[first]
    students = frame.select(STUDENT_LABELS).gather(rows)
    expected = students.select(STUDENT_ATTRIBUTES).gather(student)
    if not frame.select(STUDENT_ATTRIBUTES).equals(expected, null_equal=True):
        return None  # possibly only padding (" 一中" and "一中"): the careful path strips and decides
    students = students.with_columns(stripped(column) for column in STUDENT_LABELS).with_columns(_first=rows)
    ids = students.get_column("student_id")
    if ids.null_count() or ids.n_unique() != ids.len():
        return None  # an empty id, or two spellings of one id
    if students.get_column("school").null_count() or students.get_column("class").null_count():
        return None
    if students.select((pl.col("group").n_unique().over("school") > 1).any()).item():
        return None

    width = len(subjects)
    if np.bincount(student * width + subject, minlength=rows.size * width).max() > 1:
        return None  # a student x subject repeated
    score = frame.get_column("score").to_numpy().astype(np.float64)  # null -> NaN
    full = np.array([float(s.full_marks) for s in subjects])[subject]
    has_score = ~np.isnan(score)
    scored = status == SCORED
    with np.errstate(invalid="ignore"):
        wrong = (scored != has_score) | (score < 0) | (score > full) | np.isinf(score)
    if wrong.any():
        return None
    return _Encoded(students=students, student=student, subject=subject, status=status, score=score)


def prepare(
    scores: pl.DataFrame,
    subjects: Sequence[SubjectSpec],
    config: AnalysisConfig,
    teachers: pl.DataFrame | None,
) -> Prepared:
    """Check ``scores`` (and ``teachers``) and build the long frame; raises ``ScoresInputError``."""
    check_subjects(subjects)
    total_index = len(subjects)
    frame = read_frame(scores, schema.INPUT_SCORES, "scores")
    if frame.is_empty():
        raise ScoresInputError("empty")
    encoded = _encode(frame, subjects)
    if encoded is None:
        # The careful path: strip every label and check row by row, raising with the rows to fix.
        frame = check_scores(strip_labels(frame, schema.INPUT_SCORES), {s.name: float(s.full_marks) for s in subjects})
        encoded = _encode(frame, subjects)
        if encoded is None:  # pragma: no cover - the two checks disagree: a bug, never silently wrong numbers
            raise RuntimeError("scores passed the row checks but not the coded ones")

    students = encoded.students.with_columns(
        _gi=_first_seen(["grade"]),
        _pi=pl.when(pl.col("group").is_not_null()).then(_first_seen(["group"])),
        _si=_first_seen(["school"]),
        _ci=_first_seen(["grade", "school", "class"]),
    )
    order = students.select(pl.arg_sort_by("_gi", "_si", "_ci", "student_id")).to_series().to_numpy()
    students = students[order].drop("_first").with_row_index("_st").with_columns(pl.col("_st").cast(pl.Int64))
    place = np.empty(order.size, dtype=np.int64)
    place[order] = np.arange(order.size)

    full = [float(s.full_marks) for s in subjects]
    long, sits = _long_frame(students, encoded, place[encoded.student], full, config)
    names = [*(s.name for s in subjects), TOTAL]
    full_marks = _full_marks(students, sits, full, names)
    issue_frames = [
        with_student_labels(
            long.select("_st", "_subj", "_synthetic", "_missing")
            .filter(pl.col("_missing") & (pl.col("_subj") != total_index))
            .drop("_missing"),
            students,
            names,
        ).with_columns(kind=pl.when("_synthetic").then(pl.lit("no_row")).otherwise(pl.lit("missing_score")))
    ]
    assignments = None
    if teachers is not None:
        assignments, teacher_issues = _prepare_teachers(teachers, students, long, names)
        issue_frames += teacher_issues
    issues = pl.concat([schema.conform(f, schema.ISSUES) for f in issue_frames])
    return Prepared(
        long=long.drop("_synthetic"),
        students=students,
        subjects=(*subjects, SubjectSpec(TOTAL, _total_full_marks(full_marks, subjects))),
        full_marks=full_marks,
        assignments=assignments,
        issues=issues,
        total_index=total_index,
        keys=row_keys(long, total_index + 1),
    )


def _long_frame(
    students: pl.DataFrame, cells: _Encoded, student: np.ndarray, full: list[float], config: AnalysisConfig
) -> tuple[pl.DataFrame, np.ndarray]:
    """The long frame, laid out as a grid of students x (subjects, 总分); and which subjects each grade sits.

    ``student`` is each input row's ``_st``. A grid cell without an input row is 未录 if the student's
    grade sits the subject (some student of the grade has a row for it) and is dropped otherwise.
    """
    n, k = students.height, len(full)
    width = k + 1  # the subjects, then 总分
    at = student * width + cells.subject
    status = np.full(n * width, MISSING, dtype=np.int8)
    status[at] = cells.status
    score = np.full(n * width, np.nan)
    score[at] = cells.score
    synthetic = np.ones(n * width, dtype=bool)
    synthetic[at] = False
    synthetic[k::width] = False  # 总分 rows are computed, not missing

    grade = students.get_column("_gi").to_numpy()
    sits = np.zeros((int(grade.max()) + 1, k), dtype=bool)
    sits[grade[student], cells.subject] = True
    sitting = sits[grade]  # n x k: the subjects each student's grade sits

    # Views of the grid's subject columns and of its 总分 column (writing to them fills the flat arrays).
    grid_status, grid_score = status.reshape(n, width), score.reshape(n, width)
    subject_status, subject_score = grid_status[:, :k], grid_score[:, :k]
    cheating = subject_status == CHEATING
    sat = (subject_status == SCORED) | (cheating & config.cheating_as_zero)
    subject_score[cheating] = 0.0 if config.cheating_as_zero else np.nan
    pass_line = (
        pl.DataFrame({"full_marks": full}).select(score_line(config.thresholds.pass_ratio)).to_series().to_numpy()
    )
    with np.errstate(invalid="ignore"):
        passed = sat & (subject_score >= pass_line)

    complete = (sat | ~sitting).all(axis=1)
    total = np.zeros(n)
    for j in range(k):  # subject by subject, in exam order, like adding up the score sheet
        total = total + np.where(sitting[:, j], subject_score[:, j], 0.0)
    grid_score[:, k] = np.where(complete, pl.Series(total).round(6).to_numpy(), np.nan)
    grid_status[:, k] = np.where(complete, SCORED, INCOMPLETE)
    total_full = np.zeros(len(sits))
    for j in range(k):
        total_full = total_full + np.where(sits[:, j], full[j], 0.0)

    def grid(subject_values: np.ndarray, total_values: np.ndarray) -> np.ndarray:
        return np.concatenate([subject_values, total_values[:, None]], axis=1).ravel()

    flags = {
        name: grid(subject_status == code, ((subject_status == code) & sitting).any(axis=1))
        for name, code in _FLAGS.items()
    }
    everyone = np.ones(n, dtype=bool)
    long = pl.DataFrame(
        {
            "_st": np.repeat(np.arange(n, dtype=np.int64), width),
            "_subj": np.tile(np.arange(width, dtype=np.int64), n),
            "score": pl.Series(score, nan_to_null=True),
            "_status": status,
            "sat": grid(sat, complete),
            "_enrolled": grid(subject_status != EXEMPT, everyone),
            **flags,
            "_incomplete": grid(np.zeros((n, k), dtype=bool), ~complete),
            "_all_pass": grid(np.zeros((n, k), dtype=bool), complete & (passed | ~sitting).all(axis=1)),
            "full_marks": grid(np.broadcast_to(np.array(full), (n, k)), total_full[grade]),
            "_synthetic": synthetic,
        }
    ).hstack(students.select("_gi", "_pi", "_si", "_ci").gather(np.repeat(np.arange(n), width)))
    keep = grid(sitting, everyone)
    if not keep.all():
        long = long.filter(pl.Series(keep))
    return long.with_columns(_outcome_flags(config)), sits


def _full_marks(students: pl.DataFrame, sits: np.ndarray, full: list[float], names: list[str]) -> pl.DataFrame:
    """Full marks per grade and subject the grade sits, and of 总分 (the sum over those subjects)."""
    rows = []
    for code, grade in students.select("_gi", "grade").unique("_gi").sort("_gi").iter_rows():
        marks = [(names[j], full[j]) for j in range(len(full)) if sits[code, j]]
        total = sum(value for _, value in marks)  # in exam order, as the 总分 rows' full marks
        rows += [(grade, name, value) for name, value in [*marks, (TOTAL, float(total))]]
    return pl.DataFrame(rows, schema=schema.FULL_MARKS, orient="row")


def _total_full_marks(full_marks: pl.DataFrame, subjects: Sequence[SubjectSpec]) -> float:
    """Full marks of 总分: the same for every grade when all grades sit the same subjects, otherwise the
    largest (the exact value per grade is in ``ExamAnalysis.full_marks`` and ``summary.full_marks``)."""
    largest = full_marks.filter(pl.col("subject") == TOTAL).get_column("full_marks").max()
    return float(largest) if isinstance(largest, int | float) else sum(s.full_marks for s in subjects)


def _prepare_teachers(
    teachers: pl.DataFrame, students: pl.DataFrame, long: pl.DataFrame, names: list[str]
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Teaching assignments with the class codes; a 总分 assignment stands for the 班主任 (head teacher)."""
    total_index = len(names) - 1
    df = strip_labels(read_frame(teachers, schema.INPUT_TEACHERS, "teachers"), schema.INPUT_TEACHERS)
    for column in ("teacher", "school", "class", "subject"):
        fail_where(df, pl.col(column).is_null(), "null_value", name="teachers", column=column)
    codes = {name: i for i, name in enumerate(names)}
    unknown = ~pl.col("subject").is_in(names)
    fail_where(df, unknown, "unknown_subject", name="teachers", column="subject", show="subject")
    df = df.with_columns(
        _ti=pl.col("_row").min().over("school", "teacher").rank("dense").cast(pl.Int64),
        _subj=pl.col("subject").replace_strict(codes, return_dtype=pl.Int64),
    ).unique(["_ti", "grade", "class", "_subj"], keep="first", maintain_order=True)
    classes = students.select("grade", "school", "class", "group", "_gi", "_pi", "_si", "_ci").unique("_ci")
    keys = ["grade", "school", "class"]
    matched = df.join(classes, on=keys, how="inner", nulls_equal=True)
    unmatched = df.join(classes, on=keys, how="anti", nulls_equal=True).with_columns(
        kind=pl.lit("unmatched_assignment")
    )
    taught = (
        long.select("_ci", "_subj", "sat")
        .filter(pl.col("sat") & (pl.col("_subj") != total_index))
        .select("_ci", "_subj")
        .unique()
        .join(matched, on=["_ci", "_subj"], how="anti")
        .sort("_ci", "_subj")
    )
    untaught = taught.join(classes.select("_ci", *keys), on="_ci", how="left", maintain_order="left").with_columns(
        subject_label(names), kind=pl.lit("no_teacher")
    )
    assignments = matched.select(
        "teacher", "_ti", "_gi", "_pi", "_si", "_ci", "_subj", "grade", "group", "school", "class"
    )
    return assignments, [unmatched, untaught]
