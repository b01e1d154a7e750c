"""Teacher comparison (教师教学质量横向/纵向比较), one row per teacher x class x subject taught.

Horizontal, against the same grade and subject in the same exam:

- ``*_diff_school`` / ``*_diff_county`` = the class's mean (or pass/excellent/low rate, composite) minus the
  school's (or county's) for that grade and subject;
- ``over_mean_rate`` = (class mean - school mean) / school mean, ``rank`` = the class's rank among the
  school's classes (as in ``summary``);
- ``teacher_mean`` = mean over all students the teacher teaches that subject to in that grade (all their
  classes together), ``teacher_rank_school`` / ``teacher_rank_county`` = competition rank of that mean among
  the teachers of the subject in the school's grade / the county's grade, out of ``teachers_school`` /
  ``teachers_county``.

Vertical, against the same class (grade, school, class labels) and subject in the ``previous`` analysis:
``prev_*`` values and ``score_rate_change``, ``over_mean_rate_change`` (both current - previous) and
``rank_change`` (previous rank - current rank, positive = moved up). Raw means of two exams are not
comparable when the papers differ in difficulty, so the changes use score rates and over-mean rates,
which are relative to the same paper.

A teaching assignment whose subject is 总分 stands for the 班主任 (head teacher) and compares the totals.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.summary import competition_rank

_METRICS = ("mean", "pass_rate", "excellent_rate", "low_rate", "composite")
_LABELS = ["grade", "school", "class", "subject"]


def teacher_comparison_table(
    assignments: pl.DataFrame | None, levels: dict[str, pl.DataFrame], previous: pl.DataFrame | None
) -> pl.DataFrame:
    """The comparison table; empty when no teaching assignments were given."""
    if assignments is None or "teacher" not in levels:
        return schema.empty(schema.TEACHER_COMPARISON)
    classes = levels["class"].select(
        "_ci", "_subj", "subject", "sat", "mean", "score_rate", "pass_rate", "excellent_rate",
        "low_rate", "composite", "over_mean_rate", "rank",
    )  # fmt: skip
    school = levels["school"].select("_gi", "_si", "_subj", *(pl.col(m).alias(f"_school_{m}") for m in _METRICS))
    county = levels["county"].select("_gi", "_subj", *(pl.col(m).alias(f"_county_{m}") for m in _METRICS))
    teachers = levels["teacher"].select(
        "_gi", "_si", "_ti", "_subj",
        teacher_mean="mean",
        teacher_rank_school="rank",
        teacher_rank_county=competition_rank("mean", ["_gi", "_subj"]),
        teachers_school=pl.len().over("_gi", "_si", "_subj").cast(pl.Int64),
        teachers_county=pl.len().over("_gi", "_subj").cast(pl.Int64),
    )  # fmt: skip
    table = (
        assignments.join(classes, on=["_ci", "_subj"], how="inner")
        .join(school, on=["_gi", "_si", "_subj"], how="left")
        .join(county, on=["_gi", "_subj"], how="left")
        .join(teachers, on=["_gi", "_si", "_ti", "_subj"], how="left")
        .with_columns(
            school_mean="_school_mean",
            county_mean="_county_mean",
            **{f"{m}_diff_school": pl.col(m) - pl.col(f"_school_{m}") for m in _METRICS},
            **{f"{m}_diff_county": pl.col(m) - pl.col(f"_county_{m}") for m in _METRICS},
        )
        .sort("_si", "_ti", "_gi", "_ci", "_subj")
    )
    if previous is not None and previous.height:
        before = previous.filter(pl.col("level") == "class").select(
            *_LABELS,
            prev_mean="mean",
            prev_score_rate="score_rate",
            prev_over_mean_rate="over_mean_rate",
            prev_rank="rank",
        )
        table = table.join(before, on=_LABELS, how="left", nulls_equal=True, maintain_order="left")
        table = table.with_columns(
            score_rate_change=pl.col("score_rate") - pl.col("prev_score_rate"),
            over_mean_rate_change=pl.col("over_mean_rate") - pl.col("prev_over_mean_rate"),
            rank_change=pl.col("prev_rank") - pl.col("rank"),
        )
    return schema.conform(table, schema.TEACHER_COMPARISON)
