"""分档上线: tiered lines on 总分 and how many students of each unit reach them.

Lines are set per grade over the whole county (all students with a complete total):

- by share (default 15 % / 25 % / 60 %): with N students, the line for share s is the total of the student
  in position k = ceil(s * N) of the descending order (k >= 1). Everyone tied with that student is above
  the line, so the share actually reached can exceed s;
- or fixed scores (``cut_line_scores``), the same for every grade.

Per unit (county, group, school, class) and line: ``count_above`` = students with total >= line
(cumulative: 二档 includes 一档), ``share_above`` = count_above / sat (students with a total),
``count_tier`` = students in this tier only (at or above this line and below the line before).

Source: the 上线 analysis of 中考/高考 practice, a convention; the shares are local policy.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.summary import KEYS

CUT_LEVELS = ("county", "group", "school", "class")


def share_position(share: pl.Expr | float, count: pl.Expr) -> pl.Expr:
    """Position ceil(share * count), at least 1; rounding first keeps 0.15 * 100 at 15, not 16."""
    return (count * share).round(9).ceil().clip(lower_bound=1).cast(pl.Int64)


def line_scores(totals: pl.DataFrame, config: AnalysisConfig) -> pl.DataFrame:
    """One row per grade (``_gi``) and line: ``line`` (1 = highest), ``line_score``, ``target_share``."""
    grades = totals.group_by("_gi").agg(n=pl.len()).sort("_gi")
    if config.cut_line_scores is not None:
        fixed = pl.DataFrame(
            {"line": range(1, len(config.cut_line_scores) + 1), "line_score": config.cut_line_scores},
            schema={"line": pl.Int64, "line_score": pl.Float64},
        )
        return grades.join(fixed, how="cross").with_columns(target_share=pl.lit(None, dtype=pl.Float64)).drop("n")
    shares = pl.DataFrame(
        {"line": range(1, len(config.cut_line_shares) + 1), "target_share": config.cut_line_shares},
        schema={"line": pl.Int64, "target_share": pl.Float64},
    )
    wanted = grades.join(shares, how="cross").with_columns(_pos=share_position(pl.col("target_share"), pl.col("n")))
    ordered = totals.select(
        "_gi", line_score="score", _pos=pl.col("score").rank("ordinal", descending=True).over("_gi").cast(pl.Int64)
    )
    return wanted.join(ordered, on=["_gi", "_pos"], how="left").drop("_pos", "n")


def cut_lines_table(
    long: pl.DataFrame, levels: dict[str, pl.DataFrame], config: AnalysisConfig, total_index: int
) -> pl.DataFrame:
    """Lines and counts above them for every unit."""
    totals = long.filter((pl.col("_subj") == total_index) & pl.col("sat"))
    lines = line_scores(totals, config)
    marked = totals.join(lines.select("_gi", "line", "line_score"), on="_gi").with_columns(
        _above=pl.col("score") >= pl.col("line_score")
    )
    parts = []
    for level in CUT_LEVELS:
        if level not in levels:
            continue
        keys = KEYS[level]
        counts = marked.group_by(*keys, "line").agg(count_above=pl.col("_above").sum().cast(pl.Int64))
        units = levels[level].filter(pl.col("_subj") == total_index)
        grid = (
            units.join(lines, on="_gi")
            .join(counts, on=[*keys, "line"], how="left")
            .with_columns(count_above=pl.col("count_above").fill_null(0))
            .sort(*keys, "line")
            .with_columns(
                share_above=pl.when(pl.col("sat") > 0).then(pl.col("count_above") / pl.col("sat")),
                count_tier=pl.col("count_above") - pl.col("count_above").shift(1, fill_value=0).over(keys),
            )
        )
        parts.append(schema.conform(grid, schema.CUT_LINES))
    return pl.concat(parts)
