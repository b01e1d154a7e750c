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

import numpy as np
import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import Prepared
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


def cut_lines_table(prepared: Prepared, levels: dict[str, pl.DataFrame], config: AnalysisConfig) -> pl.DataFrame:
    """Lines and counts above them for every unit."""
    total_index, keys = prepared.total_index, prepared.keys
    is_total = (keys.subject == total_index) & (keys.codes.exact >= 0)  # 总分 rows with a total
    totals = prepared.long.select("_gi", "score").filter(pl.Series(is_total))
    lines = line_scores(totals, config).sort("_gi", "line")
    count = len(config.cut_line_scores) if config.cut_line_scores is not None else len(config.cut_line_shares)
    # Each student's total against each line of their grade: a (students x lines) grid of "reached".
    grades = lines.get_column("_gi").to_numpy()
    by_grade = np.full((int(grades.max()) + 1 if grades.size else 1, count), np.nan)
    by_grade[grades, lines.get_column("line").to_numpy() - 1] = (
        lines.get_column("line_score").cast(pl.Float64).to_numpy()
    )
    scores = totals.get_column("score").to_numpy()
    reached = scores[:, None] >= by_grade[totals.get_column("_gi").to_numpy()]
    parts = []
    for level in CUT_LEVELS:
        if level not in levels:
            continue
        unit = keys.units[level][is_total]
        counted = np.repeat(unit >= 0, count) & reached.ravel()
        cells = (np.repeat(unit, count) * count + np.tile(np.arange(count), unit.size))[counted]
        counts = np.bincount(cells, minlength=(int(keys.units[level].max()) + 1) * count)
        grid = (
            levels[level]
            .filter(pl.col("_subj") == total_index)
            .join(lines, on="_gi")
            .sort(*KEYS[level], "line")
            .with_columns(_cell=keys.unit_subject_expr(level) * count + pl.col("line") - 1)
            .with_columns(count_above=pl.lit(pl.Series(counts, dtype=pl.Int64)).gather(pl.col("_cell")))
            .with_columns(
                share_above=pl.when(pl.col("sat") > 0).then(pl.col("count_above") / pl.col("sat")),
                count_tier=pl.col("count_above") - pl.col("count_above").shift(1, fill_value=0).over(KEYS[level]),
            )
        )
        parts.append(schema.conform(grid, schema.CUT_LINES))
    return pl.concat(parts)
