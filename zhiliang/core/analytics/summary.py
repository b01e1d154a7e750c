"""三率一分 and descriptive statistics per county, education group, school, class and teacher.

Every level is computed per grade and subject (总分 included), with ``group_by`` over the long frame:

==========  =======================  =====================  ===========================
level       one row per              over_mean_rate parent  rank among (siblings)
==========  =======================  =====================  ===========================
county      grade                    (none)                 (none)
group       grade x 教育集团          county                 groups of the county
school      grade x school           county                 schools of the county
class       grade x school x class   school                 classes of the school
teacher     grade x school x teacher school                 teachers of the school
==========  =======================  =====================  ===========================

Formulas (sources in ``docs/analysis.md``):

- ``mean``, ``median``, ``max``, ``min`` over students who sat; ``sd`` is the population standard deviation
  (ddof=0, the whole group is the population of interest), as ``numpy.std`` by default;
- ``score_rate`` (得分率) = mean / full marks;
- ``pass_rate``, ``excellent_rate``, ``good_rate``, ``low_rate`` = count at/above (below, for low) the line
  divided by ``sat``; ``all_pass_rate`` (全科及格率, 总分 rows) = students passing every subject / ``sat``;
- ``composite`` (三率一分) = w_mean * score_rate + w_pass * pass_rate + w_excellent * excellent_rate
  + w_low * (1 - low_rate);
- ``over_mean_rate`` (超均率) = (mean - parent mean) / parent mean;
- ``rank`` / ``rank_composite``: standard competition ranking (1, 2, 2, 4) by mean / composite, highest
  first, among siblings; ``rank_change`` = previous rank - current rank (positive = moved up).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import Prepared, subject_label
from zhiliang.core.analytics.ranks import RANK_DECIMALS

LEVELS: tuple[str, ...] = ("county", "group", "school", "class", "teacher")
KEYS: dict[str, list[str]] = {
    "county": ["_gi"],
    "group": ["_gi", "_pi"],
    "school": ["_gi", "_si"],
    "class": ["_gi", "_si", "_ci"],
    "teacher": ["_gi", "_si", "_ti"],
}
LABELS: dict[str, list[str]] = {
    "county": ["grade"],
    "group": ["grade", "group"],
    "school": ["grade", "group", "school"],
    "class": ["grade", "group", "school", "class"],
    "teacher": ["grade", "group", "school", "teacher"],
}
PARENT: dict[str, str] = {"group": "county", "school": "county", "class": "school", "teacher": "school"}
SIBLINGS: dict[str, list[str]] = {
    "group": ["_gi"],
    "school": ["_gi"],
    "class": ["_gi", "_si"],
    "teacher": ["_gi", "_si"],
}
_CODES = ["_gi", "_pi", "_si", "_ci", "_ti", "_subj"]

_COUNTS = {
    "enrolled": "_enrolled",
    "sat": "sat",
    "absent": "_absent",
    "exempt": "_exempt",
    "cheating": "_cheating",
    "missing": "_missing",
    "incomplete": "_incomplete",
    "pass_count": "_pass",
    "excellent_count": "_excellent",
    "good_count": "_good",
    "low_count": "_low",
    "_all_pass_count": "_all_pass",
}


def competition_rank(column: str, over: list[str]) -> pl.Expr:
    """Standard competition rank (1, 2, 2, 4), highest value first, within ``over``; null stays null.

    Same as ``scipy.stats.rankdata(-x, method="min")`` on the non-null values.
    """
    return pl.col(column).round(RANK_DECIMALS).rank("min", descending=True).over(over).cast(pl.Int64)


def _ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    return pl.when(denominator > 0).then(numerator / denominator)


def class_counts(long: pl.DataFrame, key: np.ndarray) -> pl.DataFrame:
    """Per class x subject (``key``: the row's class x subject number): full marks and the counts, i.e.
    the sums of the row flags. Every other level's counts are sums of these (integers, so exactly)."""
    codes = ("_gi", "_pi", "_si", "_ci", "_subj", "full_marks")
    return (
        long.select(*codes, *_COUNTS.values())
        .with_columns(_k=pl.Series(key))
        .group_by("_k")
        .agg(
            *(pl.col(code).first() for code in codes),
            *(pl.col(flag).sum().cast(pl.Int64).alias(name) for name, flag in _COUNTS.items()),
        )
    )


def level_counts(classes: pl.DataFrame, level: str) -> pl.DataFrame:
    """Full marks and counts per unit of ``level`` x subject, from ``class_counts``."""
    keys = [*KEYS[level], "_subj"]
    if level == "class":
        return classes.select(*keys, "full_marks", *_COUNTS)
    return classes.group_by(keys).agg(pl.col("full_marks").first(), *(pl.col(name).sum() for name in _COUNTS))


def statistics(scores: pl.DataFrame, by: list[str], order: pl.DataFrame | None = None) -> pl.DataFrame:
    """Mean, SD, median, maximum and minimum of ``score`` per ``by``; the last three are taken from
    ``order`` (computed from sorted rows, joined on ``by``) when given."""
    score = pl.col("score")
    if order is not None:
        return scores.group_by(by).agg(mean=score.mean(), sd=score.std(ddof=0)).join(order, on=by, how="left")
    return scores.group_by(by).agg(
        mean=score.mean(), sd=score.std(ddof=0), median=score.median(), max=score.max(), min=score.min()
    )


def aggregate(
    counts: pl.DataFrame,
    stats: pl.DataFrame,
    on: list[str],
    level: str,
    config: AnalysisConfig,
    labels: pl.DataFrame,
    names: list[str],
) -> pl.DataFrame:
    """One row per unit of ``level`` x subject with counts, statistics and the 三率一分 composite.

    ``counts`` and ``stats`` are joined ``on`` the unit's key(s); ``labels`` (one row per unit: its keys and
    ``LABELS[level]``) names the units.
    """
    is_total = pl.col("_subj") == len(names) - 1
    sat = pl.col("sat")
    w = config.weights
    has_good = config.thresholds.good_ratio is not None
    out = (
        counts.join(stats, on=on, how="left")
        .join(labels, on=KEYS[level], how="left")
        .with_columns(
            subject_label(names),
            level=pl.lit(level),
            incomplete=pl.when(is_total).then("incomplete"),
            good_count=pl.col("good_count") if has_good else pl.lit(None, dtype=pl.Int64),
            score_rate=pl.col("mean") / pl.col("full_marks"),
            pass_rate=_ratio(pl.col("pass_count"), sat),
            excellent_rate=_ratio(pl.col("excellent_count"), sat),
            good_rate=_ratio(pl.col("good_count"), sat) if has_good else pl.lit(None, dtype=pl.Float64),
            low_rate=_ratio(pl.col("low_count"), sat),
            all_pass_rate=pl.when(is_total).then(_ratio(pl.col("_all_pass_count"), sat)),
        )
        .with_columns(
            composite=w.mean * pl.col("score_rate")
            + w.pass_ * pl.col("pass_rate")
            + w.excellent * pl.col("excellent_rate")
            + w.low * (1 - pl.col("low_rate"))
        )
    )
    return out.drop("_all_pass_count")


def unit_labels(units: pl.DataFrame, level: str) -> pl.DataFrame:
    """One row per unit of ``level`` in ``units`` (students or teaching assignments): codes and labels."""
    carried = ["_pi"] if level in ("school", "class", "teacher") else []  # a school's 教育集团
    return units.select(*KEYS[level], *carried, *LABELS[level]).unique(KEYS[level])


def compute_levels(
    prepared: Prepared, config: AnalysisConfig, order_statistics: Mapping[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """Per level, the aggregated rows with internal codes, labels, over_mean_rate and ranks.

    The mean and SD of each level are one ``group_by`` of the scores on a single integer key (the unit x
    subject number of ``Prepared.keys``); the counts are summed up from the classes; the median, minimum
    and maximum come from ``order_statistics`` (by level, from ``students.student_ranks``'s sorts) where
    given, else from the ``group_by``.
    """
    long, students, names, keys = prepared.long, prepared.students, prepared.subject_names, prepared.keys
    classes = class_counts(long, keys.units["class"])
    scores = long.select("score")
    present = ["county", "school", "class"]
    if students.get_column("_pi").null_count() < students.height:
        present.append("group")
    frames: dict[str, pl.DataFrame] = {}
    for level in present:
        stats = statistics(scores.with_columns(_k=pl.Series(keys.units[level])), ["_k"], order_statistics.get(level))
        counts = level_counts(classes, level).with_columns(_k=keys.unit_subject_expr(level))
        frame = aggregate(counts, stats, ["_k"], level, config, unit_labels(students, level), names).drop("_k")
        # Students outside any 教育集团 form a group with a null code, left out of the group level.
        frames[level] = frame.filter(pl.col("_pi").is_not_null()) if level == "group" else frame
    if prepared.assignments is not None and prepared.assignments.height:
        assignments = prepared.assignments.select("_ci", "_subj", "_ti")
        teacher_keys = [*KEYS["teacher"], "_subj"]
        taught = long.select("_ci", "_subj", "_gi", "_si", "score").join(
            assignments, on=["_ci", "_subj"], maintain_order="left"
        )
        counts = level_counts(classes.join(assignments, on=["_ci", "_subj"]), "teacher")
        stats = statistics(taught, teacher_keys)
        labels = unit_labels(prepared.assignments, "teacher")
        frames["teacher"] = aggregate(counts, stats, teacher_keys, "teacher", config, labels, names)

    for level, parent in PARENT.items():
        if level not in frames:
            continue
        on = [*KEYS[parent], "_subj"]
        parent_mean = frames[parent].select(*on, _parent_mean=pl.col("mean"))
        over = [*SIBLINGS[level], "_subj"]
        frames[level] = (
            frames[level]
            .join(parent_mean, on=on, how="left")
            .with_columns(
                over_mean_rate=pl.when(pl.col("_parent_mean") != 0).then(
                    (pl.col("mean") - pl.col("_parent_mean")) / pl.col("_parent_mean")
                ),
                rank=competition_rank("mean", over),
                rank_composite=competition_rank("composite", over),
            )
            .drop("_parent_mean")
        )
    # In order of first appearance, so everything computed from these frames comes out the same every run.
    return {level: frame.sort(*KEYS[level], "_subj") for level, frame in frames.items()}


def _match_key() -> pl.Expr:
    """What identifies a row across two analyses: a school keeps its rows if it changes 教育集团."""
    return pl.when(pl.col("level") == "group").then(pl.col("group")).alias("_match_group")


_MATCH = ["level", "grade", "_match_group", "school", "class", "teacher", "subject"]


def summary_table(frames: dict[str, pl.DataFrame], previous: pl.DataFrame | None) -> pl.DataFrame:
    """The public ``summary`` frame: all levels, in level order then order of first appearance."""
    order = {level: i for i, level in enumerate(LEVELS)}
    internal: dict[str, pl.DataType] = {"_lvl": pl.Int64(), **{c: pl.Int64() for c in _CODES}, **schema.SUMMARY}
    table = (
        pl.concat(
            schema.conform(frame.with_columns(_lvl=pl.lit(order[level])), internal) for level, frame in frames.items()
        )
        .sort("_lvl", *_CODES, nulls_last=True)
        .with_columns(_match_key())
    )
    if previous is not None and previous.height:
        before = previous.with_columns(_match_key()).select(
            *_MATCH, _prev_rank=pl.col("rank"), _prev_rank_composite=pl.col("rank_composite")
        )
        table = table.join(before, on=_MATCH, how="left", nulls_equal=True, maintain_order="left")
        table = table.with_columns(
            rank_change=pl.col("_prev_rank") - pl.col("rank"),
            rank_composite_change=pl.col("_prev_rank_composite") - pl.col("rank_composite"),
        )
    return schema.conform(table, schema.SUMMARY)
