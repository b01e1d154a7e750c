"""Value-added of a pair of exams from the exams app's cached analysis, per class, teacher or school.

The data are the `students` frames of the exams app's grade analysis (`zhiliang.exams.analysis`): one row per
student x subject with the T score (50 + 10 z within the exam and grade). The outcome is the T score in the
later exam; the priors are the T score in the same subject in the earlier exam and the earlier 总分 T score
(one prior, 总分, for the overall model, and for a subject the earlier exam did not have). Students are linked
by 学籍号 across exams, whatever class or school they were in before (transfers included). The group of a
student is their class in the later exam, that class's teacher of the subject (`TeachingAssignment`; for 总分
the head teacher) or their school. Declared context factors (the county's `ValueAddedSettings`) enter as
fixed effects. The model is `zhiliang.core.value_added`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from zhiliang.core.analytics import TOTAL
from zhiliang.core.value_added import ValueAdded, ValueAddedInputError, value_added
from zhiliang.exams.analysis import grade_analysis, teachers_frame
from zhiliang.growth.pairs import ExamPair
from zhiliang.people.models import Student

CLASS, TEACHER, SCHOOL = "class", "teacher", "school"
LEVELS = (CLASS, TEACHER, SCHOOL)
SEP = "\x1f"
OUTCOME, PRIOR, PRIOR_TOTAL = "outcome_t", "prior_t", "prior_total_t"


def pair_frame(pair: ExamPair) -> pl.DataFrame:
    """One row per student x subject of the later exam with the earlier T scores joined by 学籍号."""
    later = grade_analysis(pair.outcome, pair.grade).frame("students")
    earlier = grade_analysis(pair.prior, pair.prior_grade, compare=False).frame("students")
    prior = earlier.select("student_id", "subject", pl.col("t").alias(PRIOR))
    prior_total = earlier.filter(pl.col("subject") == TOTAL).select("student_id", pl.col("t").alias(PRIOR_TOTAL))
    return (
        later.select("student_id", "name", "school", "class", "subject", "status", pl.col("t").alias(OUTCOME))
        .join(prior, on=["student_id", "subject"], how="left")
        .join(prior_total, on="student_id", how="left")
    )


def prior_subjects(pair: ExamPair) -> set[str]:
    return {es.subject.name for es in pair.prior.exam_subjects.all() if es.grade == pair.prior_grade} | {TOTAL}


def _with_teacher(frame: pl.DataFrame, pair: ExamPair) -> pl.DataFrame:
    teachers, _ids = teachers_frame(pair.outcome, pair.grade)
    if teachers is None:
        return frame.with_columns(pl.lit(None, dtype=pl.String).alias("teacher"))
    keys = teachers.select("school", "class", "subject", "teacher").unique(["school", "class", "subject"])
    return frame.join(keys, on=["school", "class", "subject"], how="left")


def _with_context(frame: pl.DataFrame, pair: ExamPair, context: tuple[str, ...]) -> pl.DataFrame:
    if "sex" not in context:
        return frame
    ids = frame.get_column("student_id").unique().to_list()
    sexes = Student.objects.filter(county_id=pair.outcome.county_id, student_number__in=ids).values_list(
        "student_number", "sex"
    )
    table = pl.DataFrame(list(sexes), schema={"student_id": pl.String, "sex": pl.String}, orient="row")
    return frame.join(table.unique("student_id"), on="student_id", how="left")


def group_key(level: str) -> pl.Expr:
    if level == SCHOOL:
        return pl.col("school")
    unit = pl.col("class") if level == CLASS else pl.col("teacher")
    return pl.when(unit.is_not_null()).then(pl.col("school") + SEP + unit)


@dataclass(frozen=True)
class PairResult:
    """A fitted pair: the core's result, its groups split back into school / class / teacher, the data."""

    pair: ExamPair
    subject: str
    level: str
    model: ValueAdded
    groups: pl.DataFrame  # core GROUPS_SCHEMA + school, unit
    students: pl.DataFrame  # the subject's rows with group, priors, outcome (left-out rows included)
    priors: tuple[str, ...]

    @property
    def left_out(self) -> pl.DataFrame:
        needed = [OUTCOME, *self.priors, "group", *self.model.context]
        return self.students.filter(pl.any_horizontal(pl.col(needed).is_null()))


def split_group(groups: pl.DataFrame, level: str) -> pl.DataFrame:
    if level == SCHOOL:
        return groups.with_columns(pl.col("group").alias("school"), pl.col("group").alias("unit"))
    parts = pl.col("group").str.split_exact(SEP, 1)
    return groups.with_columns(
        parts.struct.field("field_0").alias("school"), parts.struct.field("field_1").alias("unit")
    )


def fit_pair(
    pair: ExamPair, subject: str, level: str, *, context: tuple[str, ...] = (), frame: pl.DataFrame | None = None
) -> PairResult:
    """Fit one subject (or 总分) at one level; raises ValueAddedInputError when the data cannot be modelled."""
    data = frame if frame is not None else pair_frame(pair)
    rows = data.filter(pl.col("subject") == subject)
    if level == TEACHER:
        rows = _with_teacher(rows, pair)
    rows = _with_context(rows, pair, context).with_columns(group_key(level).alias("group"))
    priors: tuple[str, ...] = (
        (PRIOR_TOTAL,)
        if subject == TOTAL or subject not in prior_subjects(pair)
        else (
            PRIOR,
            PRIOR_TOTAL,
        )
    )
    model = value_added(rows, outcome=OUTCOME, priors=priors, group="group", context=context)
    return PairResult(pair, subject, level, model, split_group(model.groups, level), rows, priors)


def fit_or_none(pair: ExamPair, subject: str, level: str, **options: Any) -> PairResult | None:
    try:
        return fit_pair(pair, subject, level, **options)
    except ValueAddedInputError:
        return None
