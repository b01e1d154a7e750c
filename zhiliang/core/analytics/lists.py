"""Student lists for staff follow-up: 临界生, the county top lists and the bottom group.

- ``critical`` (临界生): for every subject and 总分, students just below a line:
  ``line - margin <= score < line`` with margin = ``critical_margin_ratio`` x full marks, for the excellent,
  good (when configured) and pass lines. ``gap`` = line - score (> 0).
- ``top``: for each N in ``top_n`` (前100名, 前200名), the students of each grade whose county rank on 总分 is
  at most N; competition ranks include everyone tied at the cut, so a list can be longer than N.
- ``top_counts``: how many students of each group, school and class are in each top list, and their share
  of the unit's students with a total.
- ``bottom``: per grade and subject (总分 included), students whose ascending competition rank is at most
  k = ceil(bottom_ratio x N) of those who sat, ties at the cut included.

These lists exist so teachers can help students (培优, 辅差); the 2021 rules forbid publishing them or
using them to label students, so they belong in staff-only views.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.cut_lines import share_position
from zhiliang.core.analytics.prepare import score_line
from zhiliang.core.analytics.summary import KEYS

_ORDER = ["_gi", "_si", "_ci", "student_id", "_subj"]


def critical_table(rows: pl.DataFrame, config: AnalysisConfig) -> pl.DataFrame:
    """临界生 below the excellent, good and pass lines."""
    t = config.thresholds
    kinds = [("excellent", t.excellent_ratio), ("good", t.good_ratio), ("pass", t.pass_ratio)]
    sat = rows.filter(pl.col("sat"))
    margin = score_line(config.critical_margin_ratio)
    parts = []
    for order, (kind, ratio) in enumerate(kinds):
        if ratio is None:
            continue
        line = score_line(ratio)
        near = sat.filter((pl.col("score") < line) & (pl.col("score") >= line - margin))
        parts.append(
            near.with_columns(
                line_kind=pl.lit(kind),
                line_score=line,
                gap=line - pl.col("score"),
                _kind=pl.lit(order),
            )
        )
    table = pl.concat(parts).sort(*_ORDER, "_kind")
    return schema.conform(table, schema.CRITICAL)


def top_table(rows: pl.DataFrame, config: AnalysisConfig, total_index: int) -> pl.DataFrame:
    """County top-N lists on 总分, ties at the cut included."""
    totals = rows.filter((pl.col("_subj") == total_index) & pl.col("sat"))
    parts = [
        totals.filter(pl.col("rank_county") <= n)
        .with_columns(top_n=pl.lit(n, dtype=pl.Int64))
        .sort("_gi", "rank_county", "_si", "_ci", "student_id")
        for n in config.top_n
    ]
    return schema.conform(pl.concat(parts), schema.TOP)


def top_counts_table(
    top: pl.DataFrame, rows: pl.DataFrame, levels: dict[str, pl.DataFrame], config: AnalysisConfig, total_index: int
) -> pl.DataFrame:
    """Students of each group, school and class in each top list."""
    members = rows.filter((pl.col("_subj") == total_index) & pl.col("sat")).join(
        top.select("student_id", "top_n"), on="student_id"
    )
    sizes = pl.DataFrame({"top_n": config.top_n}, schema={"top_n": pl.Int64})
    parts = []
    for level in ("group", "school", "class"):
        if level not in levels:
            continue
        keys = KEYS[level]
        counts = members.group_by(*keys, "top_n").agg(count=pl.len().cast(pl.Int64))
        grid = (
            levels[level]
            .filter(pl.col("_subj") == total_index)
            .join(sizes, how="cross")
            .join(counts, on=[*keys, "top_n"], how="left")
            .with_columns(count=pl.col("count").fill_null(0))
            .with_columns(share=pl.when(pl.col("sat") > 0).then(pl.col("count") / pl.col("sat")))
            .sort(*keys, "top_n")
        )
        parts.append(schema.conform(grid, schema.TOP_COUNTS))
    return pl.concat(parts)


def bottom_table(rows: pl.DataFrame, config: AnalysisConfig) -> pl.DataFrame:
    """Bottom ``bottom_ratio`` of each grade in every subject and 总分, ties at the cut included."""
    if config.bottom_ratio == 0:
        return schema.empty(schema.BOTTOM)
    group = ["_gi", "_subj"]
    table = (
        rows.filter(pl.col("sat"))
        .with_columns(
            _ascending=pl.col("score").rank("min").over(group),
            _k=share_position(config.bottom_ratio, pl.len().over(group)),
        )
        .filter(pl.col("_ascending") <= pl.col("_k"))
        .sort("_gi", "_subj", "score", "_si", "_ci", "student_id")
    )
    return schema.conform(table, schema.BOTTOM)
