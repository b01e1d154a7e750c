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

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import Prepared

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
RANK_DECIMALS = 9
"""Means are rounded to this many decimals before ranking, so two equal means that differ only by
floating-point noise tie instead of being ordered arbitrarily."""

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


def aggregate(frame: pl.DataFrame, level: str, config: AnalysisConfig, total_index: int) -> pl.DataFrame:
    """One row per unit of ``level`` x subject with counts, statistics and the 三率一分 composite."""
    keys = [*KEYS[level], "_subj"]
    score = pl.col("score")
    carried = ["_pi"] if level in ("school", "class", "teacher") else []  # a school's 教育集团
    grouped = frame.group_by(keys).agg(
        *(pl.col(code).first() for code in carried),
        *(pl.col(label).first() for label in LABELS[level]),
        pl.col("subject").first(),
        pl.col("full_marks").first(),
        *(pl.col(flag).sum().cast(pl.Int64).alias(name) for name, flag in _COUNTS.items()),
        mean=score.mean(),
        sd=score.std(ddof=0),
        median=score.median(),
        max=score.max(),
        min=score.min(),
    )
    is_total = pl.col("_subj") == total_index
    sat = pl.col("sat")
    w = config.weights
    has_good = config.thresholds.good_ratio is not None
    out = grouped.with_columns(
        level=pl.lit(level),
        incomplete=pl.when(is_total).then("incomplete"),
        good_count=pl.col("good_count") if has_good else pl.lit(None, dtype=pl.Int64),
        score_rate=pl.col("mean") / pl.col("full_marks"),
        pass_rate=_ratio(pl.col("pass_count"), sat),
        excellent_rate=_ratio(pl.col("excellent_count"), sat),
        good_rate=_ratio(pl.col("good_count"), sat) if has_good else pl.lit(None, dtype=pl.Float64),
        low_rate=_ratio(pl.col("low_count"), sat),
        all_pass_rate=pl.when(is_total).then(_ratio(pl.col("_all_pass_count"), sat)),
    ).with_columns(
        composite=w.mean * pl.col("score_rate")
        + w.pass_ * pl.col("pass_rate")
        + w.excellent * pl.col("excellent_rate")
        + w.low * (1 - pl.col("low_rate"))
    )
    return out.drop("_all_pass_count")


def compute_levels(prepared: Prepared, config: AnalysisConfig) -> dict[str, pl.DataFrame]:
    """Per level, the aggregated rows with internal codes, over_mean_rate and ranks."""
    long = prepared.long
    frames: dict[str, pl.DataFrame] = {
        "county": aggregate(long, "county", config, prepared.total_index),
        "school": aggregate(long, "school", config, prepared.total_index),
        "class": aggregate(long, "class", config, prepared.total_index),
    }
    grouped = long.filter(pl.col("_pi").is_not_null())
    if grouped.height:
        frames["group"] = aggregate(grouped, "group", config, prepared.total_index)
    if prepared.assignments is not None and prepared.assignments.height:
        taught = long.join(prepared.assignments.select("_ci", "_subj", "_ti", "teacher"), on=["_ci", "_subj"])
        frames["teacher"] = aggregate(taught, "teacher", config, prepared.total_index)

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
    return frames


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
