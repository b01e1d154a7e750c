"""Per-student results: ranks, standard scores, percentiles, 等级 and the subject profile (偏科).

For every student x subject (总分 included), among the students who sat, within the grade:

- ``rank_class`` / ``rank_school`` / ``rank_county``: standard competition ranks (1, 2, 2, 4), highest score
  first, within the class / the school's grade / the county's grade; null when the student did not sit;
- ``z`` = (score - mean) / sd against the county mean and population SD of that grade and subject
  (null when sd = 0); ``t`` = 50 + 10 z (linear T score);
- ``percentile`` (百分等级) = 100 * (number below + half the number equal) / number who sat, i.e.
  ``scipy.stats.percentileofscore(kind="mean")``; for a score without ties this is the textbook
  PR = 100 - (100 R - 50) / N with R the rank from the top;
- ``level`` (等级): the first configured level whose line the score reaches, e.g. A >= 85 % of full marks;
- ``rank_gap`` (偏科): the subject's rank in the school's grade minus the 总分 rank there; positive means
  the subject lags behind the student's overall standing;
- ``change_rank_county`` = previous rank - current rank (positive = moved up), ``change_t`` = t - previous t.

``student_profile`` keeps one row per student: the subjects with the highest and lowest z (strongest and
weakest relative to the cohort), their spread, and the subject with the widest rank gap.

These tables are for staff: the 2021 rules forbid publishing ranks to students and parents, who see
``level`` only.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import score_line
from zhiliang.core.analytics.summary import competition_rank

COUNTY = ["_gi", "_subj"]
SD_EPSILON = 1e-9
"""Below this SD everybody scored the same (up to floating-point noise) and z is left empty."""


def _level(config: AnalysisConfig) -> pl.Expr:
    """The 等级 label of ``score``, from the highest level down."""
    *upper, lowest = config.grade_levels
    expr: pl.Expr = pl.lit(lowest.label)
    for grade_level in reversed(upper):
        expr = (
            pl.when(pl.col("score") >= score_line(grade_level.min_ratio))
            .then(pl.lit(grade_level.label))
            .otherwise(expr)
        )
    return pl.when(pl.col("sat")).then(expr)


def student_rows(
    long: pl.DataFrame, config: AnalysisConfig, total_index: int, previous: pl.DataFrame | None
) -> pl.DataFrame:
    """The long frame with ranks, z, T, percentile, 等级, rank gap and changes (internal codes kept)."""
    score = pl.col("score")
    mean = score.mean().over(COUNTY)
    sd = score.std(ddof=0).over(COUNTY)
    rows = long.with_columns(
        rank_class=competition_rank("score", ["_ci", "_subj"]),
        rank_school=competition_rank("score", ["_gi", "_si", "_subj"]),
        rank_county=competition_rank("score", COUNTY),
        z=pl.when(sd > SD_EPSILON).then((score - mean) / sd),
        percentile=100 * (score.rank("average").over(COUNTY) - 0.5) / score.count().over(COUNTY),
        level=_level(config),
    ).with_columns(t=50 + 10 * pl.col("z"))

    total_rank = rows.filter(pl.col("_subj") == total_index).select("student_id", _total_rank="rank_school")
    rows = rows.join(total_rank, on="student_id", how="left", maintain_order="left").with_columns(
        rank_gap=pl.when(pl.col("_subj") != total_index).then(pl.col("rank_school") - pl.col("_total_rank"))
    )
    if previous is not None and previous.height:
        before = previous.select("student_id", "subject", _prev_rank="rank_county", _prev_t="t")
        rows = rows.join(before, on=["student_id", "subject"], how="left", maintain_order="left")
        rows = rows.with_columns(
            change_rank_county=pl.col("_prev_rank") - pl.col("rank_county"),
            change_t=pl.col("t") - pl.col("_prev_t"),
        ).drop("_prev_rank", "_prev_t")
    return rows.drop("_total_rank")


def students_table(rows: pl.DataFrame) -> pl.DataFrame:
    """The public ``students`` frame."""
    return schema.conform(rows, schema.STUDENTS)


def student_profile(rows: pl.DataFrame, total_index: int) -> pl.DataFrame:
    """One row per student: strongest/weakest subject by z, z range and the widest rank gap."""
    subjects = rows.filter(pl.col("_subj") != total_index)
    by_z = (
        subjects.filter(pl.col("z").is_not_null())
        .group_by("student_id")
        .agg(
            strongest=pl.col("subject").sort_by(["z", "_subj"], descending=[True, False]).first(),
            strongest_z=pl.col("z").max(),
            weakest=pl.col("subject").sort_by(["z", "_subj"], descending=[False, False]).first(),
            weakest_z=pl.col("z").min(),
        )
        .with_columns(z_range=pl.col("strongest_z") - pl.col("weakest_z"))
    )
    by_gap = (
        subjects.filter(pl.col("rank_gap").is_not_null())
        .group_by("student_id")
        .agg(
            widest_gap_subject=pl.col("subject").sort_by(["rank_gap", "_subj"], descending=[True, False]).first(),
            widest_gap=pl.col("rank_gap").max(),
        )
    )
    sat = subjects.group_by("student_id").agg(subjects_sat=pl.col("sat").sum())
    totals = rows.filter(pl.col("_subj") == total_index).select(
        "student_id", "name", "school", "class", "grade", "group", "_gi", "_si", "_ci",
        total="score", rank_county="rank_county",
    )  # fmt: skip
    profile = (
        totals.join(sat, on="student_id", how="left")
        .join(by_z, on="student_id", how="left")
        .join(by_gap, on="student_id", how="left")
        .sort("_gi", "_si", "_ci", "student_id")
    )
    return schema.conform(profile, schema.STUDENT_PROFILE)
