"""Ranks of scores within groups (class, school, county x subject) with one integer sort per grouping.

Ranking 600,000 student x subject scores four ways with polars ``rank().over()`` sorts the floats of every
group again each time (about 0.3 s at county scale). Here the distinct scores are numbered once
(``score_codes``) and each grouping is then a single sort of ``group * codes + code`` integers, from which
every row's rank, or its counts of lower and equal scores in its group, are read off, and each group's
median, minimum and maximum (``Sorted.order_statistics``).

Ties are exact: two scores share a code only if they are equal (or, for ``rounded``, equal once rounded
to ``RANK_DECIMALS`` decimals, as in ``summary.competition_rank``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

RANK_DECIMALS = 9
"""Scores and means are rounded to this many decimals before ranking, so two equal values that differ
only by floating-point noise tie instead of being ordered arbitrarily."""


@dataclass(frozen=True, eq=False)
class Codes:
    """Dense codes of the scores in ascending order (-1 where there is no score)."""

    exact: np.ndarray
    rounded: np.ndarray  # codes of the scores rounded to RANK_DECIMALS
    distinct: np.ndarray  # the distinct scores, ascending: distinct[exact] is the score
    count: int  # len(distinct), at least 1 (rounded codes are smaller)


def score_codes(score: pl.Series) -> Codes:
    values = score.to_numpy()  # null -> NaN
    valid = ~np.isnan(values)
    distinct, inverse = np.unique(values[valid], return_inverse=True)
    # Rounding (polars' own, as everywhere else) keeps the order, so equal rounded values are neighbours.
    rounded = pl.Series(distinct, dtype=pl.Float64).round(RANK_DECIMALS).to_numpy()
    rounded_code = np.concatenate([[0], np.cumsum(rounded[1:] != rounded[:-1])]).astype(np.int64)
    exact = np.full(values.size, -1, dtype=np.int64)
    exact[valid] = inverse
    rounded_codes = np.full(values.size, -1, dtype=np.int64)
    rounded_codes[valid] = rounded_code[inverse]
    return Codes(exact=exact, rounded=rounded_codes, distinct=distinct, count=max(int(distinct.size), 1))


@dataclass(frozen=True, eq=False)
class Sorted:
    """Row numbers sorted by group (-1 first: rows without a score), then by score, ascending or not."""

    order: np.ndarray
    group: np.ndarray  # the group of each sorted position
    new_group: np.ndarray  # True where a group begins
    descending: bool

    def order_statistics(self, values: np.ndarray) -> pl.DataFrame:
        """Per group ``_k`` (groups >= 0): median, minimum and maximum of ``values`` (row order). The
        median is computed as polars does: lower + (upper - lower) * 0.5 of the two middle values."""
        starts = np.flatnonzero(self.new_group)
        ends = np.concatenate([starts[1:], [self.order.size]])
        keep = self.group[starts] >= 0
        starts, ends = starts[keep], ends[keep]
        sizes = ends - starts
        first, last = values[self.order[starts]], values[self.order[ends - 1]]
        if self.descending:  # position i from the top is the (size - 1 - i)-th smallest
            lower = values[self.order[ends - 1 - (sizes - 1) // 2]]
            upper = values[self.order[ends - 1 - sizes // 2]]
            low, high = last, first
        else:
            lower = values[self.order[starts + (sizes - 1) // 2]]
            upper = values[self.order[starts + sizes // 2]]
            low, high = first, last
        return pl.DataFrame(
            {"_k": self.group[starts], "median": lower + (upper - lower) * 0.5, "min": low, "max": high}
        )


@dataclass(frozen=True, eq=False)
class Within:
    """For each row with a code, within its group: rows with a lower code, with the same code, and all rows
    with a code (meaningless for rows without a code)."""

    lower: np.ndarray
    equal: np.ndarray
    size: np.ndarray
    rows: Sorted

    def rank_descending(self) -> np.ndarray:
        """Competition rank, highest first (1, 2, 2, 4): 1 + the number of higher values."""
        ranks: np.ndarray = 1 + self.size - self.lower - self.equal
        return ranks

    def rank_average(self) -> np.ndarray:
        """Mean rank of the tied values, lowest first (1, 2.5, 2.5, 4), as ``scipy.stats.rankdata``."""
        ranks: np.ndarray = self.lower + (self.equal + 1) / 2
        return ranks


def within(groups: np.ndarray, codes: np.ndarray, count: int) -> Within:
    """Counts of lower and equal codes in each row's group (``groups``: non-negative integers)."""
    key = np.where(codes >= 0, groups.astype(np.int64) * count + codes, -1)  # rows without a code: one group
    order = np.argsort(key)  # equal keys are interchangeable, so the sort need not be stable
    key = key[order]
    group = np.floor_divide(key, count)
    new_key, new_group = _run_starts(key), _run_starts(group)
    key_start, group_start = _starts(new_key), _starts(new_group)
    lower, equal, size = (np.empty(codes.size, dtype=np.int64) for _ in range(3))
    lower[order] = key_start - group_start
    equal[order] = _ends(new_key) - key_start
    size[order] = _ends(new_group) - group_start
    return Within(lower=lower, equal=equal, size=size, rows=Sorted(order, group, new_group, descending=False))


def descending_ranks(groups: np.ndarray, codes: np.ndarray, count: int) -> tuple[np.ndarray, Sorted]:
    """Competition ranks, highest code first, within ``groups`` (meaningless where ``codes`` is -1)."""
    key = np.where(codes >= 0, groups.astype(np.int64) * count + (count - 1 - codes), -1)
    order = np.argsort(key)
    key = key[order]
    group = np.floor_divide(key, count)
    new_group = _run_starts(group)
    ranks = np.empty(codes.size, dtype=np.int64)
    ranks[order] = _starts(_run_starts(key)) - _starts(new_group) + 1
    return ranks, Sorted(order, group, new_group, descending=True)


def _run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """True where a run of equal values begins."""
    new = np.empty(sorted_values.size, dtype=bool)
    new[:1] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=new[1:])
    return new


def _starts(new: np.ndarray) -> np.ndarray:
    """For each position, where its run begins."""
    return np.maximum.accumulate(np.where(new, np.arange(new.size), 0))


def _ends(new: np.ndarray) -> np.ndarray:
    """For each position, where its run ends (exclusive): where the next run begins."""
    m = new.size
    next_new = np.empty(m, dtype=bool)
    next_new[:-1] = new[1:]
    next_new[-1:] = True
    return np.minimum.accumulate(np.where(next_new, np.arange(1, m + 1), m)[::-1])[::-1]
