"""Integer keys of the long frame's rows, computed once and shared by the rankings, the bands and the lists.

A unit (the county's grade, a group, a school's grade, a class) gets one integer, and a unit x subject
``unit * width + _subj`` (``width`` = subjects + 总分). ``unit_number`` gives the same integers for a
summary frame, so counts computed over the rows (numpy ``bincount``) can be looked up by a summary row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from zhiliang.core.analytics.ranks import Codes, score_codes

UNIT_LEVELS = ("county", "group", "school", "class")


def unit_number(level: str, base: int) -> pl.Expr:
    """The unit's integer from its codes (null for a group level row outside any group); ``base`` exceeds
    every school and group code."""
    if level == "county":
        return pl.col("_gi")
    if level == "group":
        return pl.col("_gi") * base + pl.col("_pi")
    if level == "school":
        return pl.col("_gi") * base + pl.col("_si")
    if level == "class":
        return pl.col("_ci")
    raise ValueError(f"no unit number for level {level!r}")


@dataclass(frozen=True, eq=False)
class RowKeys:
    """Per row of the long frame: score codes, subject and, per level, the unit x subject key (-1: none)."""

    codes: Codes
    subject: np.ndarray
    width: int
    base: int
    units: dict[str, np.ndarray]  # level -> unit x subject key

    def unit_subject_expr(self, level: str) -> pl.Expr:
        """The same key computed on a frame with the unit's codes and ``_subj``."""
        return unit_number(level, self.base) * self.width + pl.col("_subj")


def row_keys(long: pl.DataFrame, width: int) -> RowKeys:
    base = 1 + int(long.select(pl.max_horizontal(pl.col("_si").max(), pl.col("_pi").max())).item())
    numbers = long.select(
        (unit_number(level, base) * width + pl.col("_subj")).fill_null(-1).alias(level) for level in UNIT_LEVELS
    )
    return RowKeys(
        codes=score_codes(long.get_column("score")),
        subject=long.get_column("_subj").to_numpy(),
        width=width,
        base=base,
        units={level: numbers.get_column(level).to_numpy() for level in UNIT_LEVELS},
    )
