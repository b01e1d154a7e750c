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

from dataclasses import dataclass

import numpy as np
import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import Prepared, score_line, status_label, with_student_labels
from zhiliang.core.analytics.ranks import descending_ranks, within

SD_EPSILON = 1e-9
"""Below this SD everybody scored the same (up to floating-point noise) and z is left empty."""


def _level(config: AnalysisConfig) -> pl.Expr:
    """The 等级 label of ``score``: the first level, from the highest down, whose line the score reaches.

    The lines fall from level to level, so the levels not reached are the first ones and their number is
    the position of the level reached.
    """
    *upper, _ = config.grade_levels
    not_reached = [(pl.col("score") < score_line(level.min_ratio)).cast(pl.Int64) for level in upper]
    position = pl.sum_horizontal(not_reached) if not_reached else pl.lit(0, dtype=pl.Int64)
    labels = pl.lit(pl.Series([level.label for level in config.grade_levels], dtype=pl.String))
    return pl.when(pl.col("sat")).then(labels.gather(position))


@dataclass(frozen=True, eq=False)
class Ranks:
    """Per row of the long frame (numpy; meaningless where the student did not sit)."""

    rank_class: np.ndarray
    rank_school: np.ndarray
    rank_county: np.ndarray
    average: np.ndarray  # mean rank of the exact score in the county's grade and subject, lowest first
    lower: np.ndarray  # scores below it there
    sat: np.ndarray  # scores there
    order_statistics: dict[str, pl.DataFrame]  # level -> median, min, max per unit x subject (_k)


def student_ranks(prepared: Prepared) -> Ranks:
    """Class, school and county ranks; and, read off the same sorts, the medians, minima and maxima of the
    classes, schools and county (``summary.compute_levels`` uses them instead of sorting again)."""
    keys = prepared.keys
    codes, units = keys.codes, keys.units
    in_class, by_class = descending_ranks(units["class"], codes.rounded, codes.count)
    in_school, by_school = descending_ranks(units["school"], codes.rounded, codes.count)
    county = within(units["county"], codes.rounded, codes.count)
    # Rounding to 9 decimals rarely merges two scores; when it does not, the exact counts are the same and
    # the rows sorted by rounded score are sorted by score.
    merged = bool(np.any(codes.rounded != codes.exact))
    exact = within(units["county"], codes.exact, codes.count) if merged else county
    values = prepared.long.get_column("score").to_numpy()
    sorts = {"county": exact.rows} if merged else {"county": county.rows, "school": by_school, "class": by_class}
    return Ranks(
        rank_class=in_class,
        rank_school=in_school,
        rank_county=county.rank_descending(),
        average=exact.rank_average(),
        lower=exact.lower,
        sat=exact.size,
        order_statistics={level: rows.order_statistics(values) for level, rows in sorts.items()},
    )


def student_rows(
    prepared: Prepared, ranks: Ranks, county: pl.DataFrame, config: AnalysisConfig, previous: pl.DataFrame | None
) -> pl.DataFrame:
    """The long frame with ranks, z, T, percentile, 等级, rank gap and changes (internal codes kept).

    ``county`` is the county level of the summary (its mean and SD per grade and subject). Also kept, for
    the bottom list: ``_lower`` (scores below this one in the county's grade and subject) and ``_sat_n``
    (scores there).
    """
    long, total_index, keys = prepared.long, prepared.total_index, prepared.keys
    in_county = keys.units["county"]
    by_county = county.select(key=keys.unit_subject_expr("county"), mean="mean", sd="sd")
    size = int(in_county.max()) + 1
    mean, sd = np.full(size, np.nan), np.full(size, np.nan)
    at = by_county.get_column("key").to_numpy()
    mean[at] = by_county.get_column("mean").to_numpy()
    sd[at] = by_county.get_column("sd").to_numpy()

    score, sat = pl.col("score"), pl.col("score").is_not_null()
    mean_, sd_ = pl.col("_mean"), pl.col("_sd")
    rows = long.with_columns(
        rank_class=pl.Series(ranks.rank_class),
        rank_school=pl.Series(ranks.rank_school),
        rank_county=pl.Series(ranks.rank_county),
        _mean=pl.Series(mean[in_county], nan_to_null=True),
        _sd=pl.Series(sd[in_county], nan_to_null=True),
        _average=pl.Series(ranks.average),
        _lower=pl.Series(ranks.lower),
        _sat_n=pl.Series(ranks.sat),
    ).with_columns(pl.when(sat).then(pl.col(name)).alias(name) for name in ("rank_class", "rank_school", "rank_county"))
    rows = rows.with_columns(
        z=pl.when(sd_ > SD_EPSILON).then((score - mean_) / sd_),
        percentile=pl.when(sat).then(100 * (pl.col("_average") - 0.5) / pl.col("_sat_n")),
        level=_level(config),
    ).with_columns(t=50 + 10 * pl.col("z"))

    is_total = pl.col("_subj") == total_index
    total_rank = pl.col("rank_school").filter(is_total).gather(pl.col("_st"))  # one 总分 row per student
    rows = rows.with_columns(rank_gap=pl.when(~is_total).then(pl.col("rank_school") - total_rank))
    if previous is not None and previous.height:
        rows = _with_changes(rows, prepared, previous)
    return rows.drop("_mean", "_sd", "_average")


def _with_changes(rows: pl.DataFrame, prepared: Prepared, previous: pl.DataFrame) -> pl.DataFrame:
    """Rank and T changes against the previous analysis's ``students`` (matched by student id and subject)."""
    codes = {name: code for code, name in enumerate(prepared.subject_names)}
    before = (
        previous.select("student_id", "subject", _prev_rank="rank_county", _prev_t="t")
        .join(prepared.students.select("student_id", "_st"), on="student_id")
        .with_columns(_subj=pl.col("subject").replace_strict(codes, default=None, return_dtype=pl.Int64))
        .select("_st", "_subj", "_prev_rank", "_prev_t")
    )
    rows = rows.join(before, on=["_st", "_subj"], how="left", maintain_order="left")
    return rows.with_columns(
        change_rank_county=pl.col("_prev_rank") - pl.col("rank_county"),
        change_t=pl.col("t") - pl.col("_prev_t"),
    ).drop("_prev_rank", "_prev_t")


def students_table(rows: pl.DataFrame, prepared: Prepared) -> pl.DataFrame:
    """The public ``students`` frame."""
    labelled = with_student_labels(rows, prepared.students, prepared.subject_names).with_columns(status_label())
    return schema.conform(labelled, schema.STUDENTS)


def student_profile(rows: pl.DataFrame, prepared: Prepared) -> pl.DataFrame:
    """One row per student: strongest/weakest subject by z, z range and the widest rank gap.

    Ties go to the subject listed first in the exam. Computed on a students x subjects grid.
    """
    total_index = prepared.total_index
    n = prepared.students.height
    subjects = rows.select("_st", "_subj", "z", "rank_gap", "sat").filter(pl.col("_subj") != total_index)
    student, subject = subjects.get_column("_st").to_numpy(), subjects.get_column("_subj").to_numpy()

    def grid(column: str) -> np.ndarray:
        values = np.full((n, total_index), np.nan)
        values[student, subject] = subjects.get_column(column).cast(pl.Float64).to_numpy()
        return values

    z, gap = grid("z"), grid("rank_gap")
    everyone = np.arange(n)
    strongest = np.where(np.isnan(z), -np.inf, z).argmax(axis=1)  # argmax: the first of equal maxima
    weakest = np.where(np.isnan(z), np.inf, z).argmin(axis=1)
    widest = np.where(np.isnan(gap), -np.inf, gap).argmax(axis=1)
    has_z, has_gap = pl.col("_has_z"), pl.col("_has_gap")
    subject_names = dict(enumerate(prepared.subject_names))

    def name(column: str, present: pl.Expr) -> pl.Expr:
        return pl.when(present).then(pl.col(column).replace_strict(subject_names, return_dtype=pl.String))

    sat = np.bincount(student, weights=subjects.get_column("sat").to_numpy(), minlength=n)
    totals = rows.select("_st", "_subj", total="score", rank_county="rank_county").filter(
        pl.col("_subj") == total_index
    )
    profile = (
        with_student_labels(totals, prepared.students, prepared.subject_names)
        .with_columns(
            _has_z=pl.Series(~np.isnan(z).all(axis=1)),
            _has_gap=pl.Series(~np.isnan(gap).all(axis=1)),
            _strongest=pl.Series(strongest),
            _weakest=pl.Series(weakest),
            _widest=pl.Series(widest),
            subjects_sat=pl.Series(sat).cast(pl.Int64),
            strongest_z=pl.Series(z[everyone, strongest], nan_to_null=True),
            weakest_z=pl.Series(z[everyone, weakest], nan_to_null=True),
            widest_gap=pl.Series(gap[everyone, widest], nan_to_null=True),
        )
        .with_columns(
            strongest=name("_strongest", has_z),
            strongest_z=pl.when(has_z).then("strongest_z"),
            weakest=name("_weakest", has_z),
            weakest_z=pl.when(has_z).then("weakest_z"),
            widest_gap_subject=name("_widest", has_gap),
            widest_gap=pl.when(has_gap).then(pl.col("widest_gap").cast(pl.Int64)),
        )
        .with_columns(z_range=pl.col("strongest_z") - pl.col("weakest_z"))
    )
    return schema.conform(profile, schema.STUDENT_PROFILE)
