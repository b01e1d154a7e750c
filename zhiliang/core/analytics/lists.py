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
from zhiliang.core.analytics.prepare import Prepared, score_line, with_student_labels
from zhiliang.core.analytics.summary import KEYS


def critical_table(rows: pl.DataFrame, prepared: Prepared, config: AnalysisConfig) -> pl.DataFrame:
    """临界生 below the excellent, good and pass lines."""
    t = config.thresholds
    kinds = [("excellent", t.excellent_ratio), ("good", t.good_ratio), ("pass", t.pass_ratio)]
    sat = rows.select("_st", "_subj", "score", "full_marks", "sat").filter(pl.col("sat"))
    margin = score_line(config.critical_margin_ratio)
    parts = []
    for order, (kind, ratio) in enumerate(kinds):
        if ratio is None:
            continue
        line = score_line(ratio)
        near = sat.filter((pl.col("score") < line) & (pl.col("score") >= line - margin))
        parts.append(
            near.select(
                "_st",
                "_subj",
                "score",
                line_kind=pl.lit(kind),
                line_score=line,
                gap=line - pl.col("score"),
                _kind=pl.lit(order),
            )
        )
    # Rows are in student order (_st: grade, school, class, student id), then subject, then line.
    table = pl.concat(parts).sort("_st", "_subj", "_kind")
    return schema.conform(with_student_labels(table, prepared.students, prepared.subject_names), schema.CRITICAL)


def top_rows(rows: pl.DataFrame, config: AnalysisConfig, total_index: int) -> pl.DataFrame:
    """County top-N lists on 总分, ties at the cut included (internal codes kept)."""
    columns = ("_st", "_subj", "_gi", "_pi", "_si", "_ci", "score", "rank_county")
    totals = rows.select(*columns, "sat").filter((pl.col("_subj") == total_index) & pl.col("sat"))
    parts = [
        totals.filter(pl.col("rank_county") <= n)
        .select(*columns, top_n=pl.lit(n, dtype=pl.Int64))
        .sort("_gi", "rank_county", "_st")
        for n in config.top_n
    ]
    return pl.concat(parts)


def top_table(top: pl.DataFrame, prepared: Prepared) -> pl.DataFrame:
    return schema.conform(with_student_labels(top, prepared.students, prepared.subject_names), schema.TOP)


def top_counts_table(
    top: pl.DataFrame, levels: dict[str, pl.DataFrame], config: AnalysisConfig, total_index: int
) -> pl.DataFrame:
    """Students of each group, school and class in each top list."""
    sizes = pl.DataFrame({"top_n": config.top_n}, schema={"top_n": pl.Int64})
    parts = []
    for level in ("group", "school", "class"):
        if level not in levels:
            continue
        keys = KEYS[level]
        counts = top.group_by(*keys, "top_n").agg(count=pl.len().cast(pl.Int64))
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


def bottom_table(rows: pl.DataFrame, prepared: Prepared, config: AnalysisConfig) -> pl.DataFrame:
    """Bottom ``bottom_ratio`` of each grade in every subject and 总分, ties at the cut included.

    A student's ascending competition rank is 1 + ``_lower`` (scores below theirs in the county's grade and
    subject, from ``student_rows``), out of ``_sat_n`` who sat.
    """
    if config.bottom_ratio == 0:
        return schema.empty(schema.BOTTOM)
    table = (
        rows.select("_st", "_subj", "_gi", "score", "rank_county", "percentile", "sat", "_lower", "_sat_n")
        .filter(pl.col("sat") & (pl.col("_lower") + 1 <= share_position(config.bottom_ratio, pl.col("_sat_n"))))
        .select("_st", "_subj", "_gi", "score", "rank_county", "percentile")
        .sort("_gi", "_subj", "score", "_st")
    )
    return schema.conform(with_student_labels(table, prepared.students, prepared.subject_names), schema.BOTTOM)
