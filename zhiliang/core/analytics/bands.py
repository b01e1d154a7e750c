"""Score-band distribution (分数段统计) per county, group, school and class, for every subject and 总分.

Bands are half-open ``[band_low, band_high)`` except the top band, which is closed at full marks so a
perfect score is counted. Edges are shares of full marks (``AnalysisConfig.band_ratios``; by default every
10 %), so one setting serves a 100-point, a 120-point paper and the total alike; the edges are converted to
scores and rounded to 6 decimals before comparing (``0.6 * 150`` must be exactly 90).

Every band of every unit is listed, empty bands with ``count`` 0, so charts need no gap filling.
``share`` = count / sat. Counts sum to ``sat`` of the unit.
"""

from __future__ import annotations

import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import score_line
from zhiliang.core.analytics.summary import KEYS

BAND_LEVELS = ("county", "group", "school", "class")


def band_index(ratios: tuple[float, ...]) -> pl.Expr:
    """0-based band of ``score`` given edges as shares of ``full_marks`` (top band closed)."""
    interior = ratios[1:-1]
    if not interior:
        return pl.lit(0, dtype=pl.Int64)
    return pl.sum_horizontal((pl.col("score") >= score_line(edge)).cast(pl.Int64) for edge in interior)


def bands_table(long: pl.DataFrame, levels: dict[str, pl.DataFrame], config: AnalysisConfig) -> pl.DataFrame:
    """Band counts for every unit in ``levels`` (the summary's internal frames) and subject."""
    ratios = config.band_ratios
    edges = pl.DataFrame(
        {"band": range(len(ratios) - 1), "_lo": ratios[:-1], "_hi": ratios[1:]},
        schema={"band": pl.Int64, "_lo": pl.Float64, "_hi": pl.Float64},
    )
    scored = long.filter(pl.col("sat")).with_columns(band=band_index(ratios))
    parts = []
    for level in BAND_LEVELS:
        if level not in levels:
            continue
        keys = [*KEYS[level], "_subj"]
        counts = scored.group_by(*keys, "band").agg(count=pl.len().cast(pl.Int64))
        units = levels[level].select(
            *keys, *(c for c in ("level", "grade", "group", "school", "class", "subject", "full_marks", "sat")
                     if c in levels[level].columns)
        )  # fmt: skip
        grid = (
            units.join(edges, how="cross")
            .join(counts, on=[*keys, "band"], how="left")
            .with_columns(
                count=pl.col("count").fill_null(0),
                band_low=(pl.col("full_marks") * pl.col("_lo")).round(6),  # as score_line, per band
                band_high=(pl.col("full_marks") * pl.col("_hi")).round(6),
            )
            .with_columns(share=pl.when(pl.col("sat") > 0).then(pl.col("count") / pl.col("sat")))
            .sort(*keys, "band")
        )
        parts.append(schema.conform(grid, schema.BANDS))
    return pl.concat(parts) if parts else schema.empty(schema.BANDS)
