"""Score-band distribution (分数段统计) per county, group, school and class, for every subject and 总分.

Bands are half-open ``[band_low, band_high)`` except the top band, which is closed at full marks so a
perfect score is counted. Edges are shares of full marks (``AnalysisConfig.band_ratios``; by default every
10 %), so one setting serves a 100-point, a 120-point paper and the total alike; the edges are converted to
scores and rounded to 6 decimals before comparing (``0.6 * 150`` must be exactly 90).

Every band of every unit is listed, empty bands with ``count`` 0, so charts need no gap filling.
``share`` = count / sat. Counts sum to ``sat`` of the unit.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.config import AnalysisConfig
from zhiliang.core.analytics.prepare import Prepared, score_line
from zhiliang.core.analytics.summary import KEYS

BAND_LEVELS = ("county", "group", "school", "class")


def band_index(ratios: tuple[float, ...]) -> pl.Expr:
    """0-based band of ``score`` given edges as shares of ``full_marks`` (top band closed)."""
    interior = ratios[1:-1]
    if not interior:
        return pl.lit(0, dtype=pl.Int64)
    return pl.sum_horizontal((pl.col("score") >= score_line(edge)).cast(pl.Int64) for edge in interior)


def _row_bands(prepared: Prepared, county: pl.DataFrame, ratios: tuple[float, ...]) -> np.ndarray:
    """``band_index`` of every row of the long frame (-1 where the student did not sit).

    Evaluated once per grade x subject and distinct score (a small table) and looked up per row.
    """
    keys = prepared.keys
    scores = pl.DataFrame({"score": keys.codes.distinct})
    table = np.zeros((int(keys.units["county"].max()) + 1, keys.codes.count), dtype=np.int64)
    for key, full in county.select(keys.unit_subject_expr("county"), "full_marks").iter_rows():
        table[key, : scores.height] = (
            scores.with_columns(full_marks=pl.lit(full)).select(band_index(ratios)).to_series()
        )
    code = keys.codes.exact
    return np.where(code >= 0, table[keys.units["county"], np.maximum(code, 0)], -1)


def bands_table(prepared: Prepared, levels: dict[str, pl.DataFrame], config: AnalysisConfig) -> pl.DataFrame:
    """Band counts for every unit in ``levels`` (the summary's internal frames) and subject."""
    ratios = config.band_ratios
    count = len(ratios) - 1
    band = _row_bands(prepared, levels["county"], ratios)
    scored = band >= 0
    parts = []
    for level in BAND_LEVELS:
        if level not in levels:
            continue
        keys = [*KEYS[level], "_subj"]
        unit = prepared.keys.units[level]
        counted = scored & (unit >= 0)
        counts = np.bincount(unit[counted] * count + band[counted], minlength=(int(unit.max()) + 1) * count)
        units = levels[level].sort(keys)
        number = units.select(prepared.keys.unit_subject_expr(level)).to_series().to_numpy()
        cells = np.repeat(number * count, count) + np.tile(np.arange(count), units.height)
        labels = [
            c for c in ("level", "grade", "group", "school", "class", "subject", "full_marks", "sat") if c in units
        ]
        grid = (
            units.select(*keys, *labels)
            .gather(np.repeat(np.arange(units.height), count))
            .with_columns(
                band=pl.Series(np.tile(np.arange(count), units.height)),
                count=pl.Series(counts[cells]),
                _lo=pl.Series(np.tile(np.array(ratios[:-1], dtype=np.float64), units.height)),
                _hi=pl.Series(np.tile(np.array(ratios[1:], dtype=np.float64), units.height)),
            )
            .with_columns(
                band_low=(pl.col("full_marks") * pl.col("_lo")).round(6),  # as score_line, per band
                band_high=(pl.col("full_marks") * pl.col("_hi")).round(6),
                share=pl.when(pl.col("sat") > 0).then(pl.col("count") / pl.col("sat")),
            )
        )
        parts.append(schema.conform(grid, schema.BANDS))
    return pl.concat(parts) if parts else schema.empty(schema.BANDS)
