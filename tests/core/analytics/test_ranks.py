"""The sorting helpers behind the student ranks and the medians, against scipy and polars (hypothesis)."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from zhiliang.core.analytics.ranks import descending_ranks, score_codes, within

# Half points, a value that only rounding to 9 decimals ties with 60, two whose mean depends on how it is
# computed ((0.07 + 0.63) / 2 != 0.07 + (0.63 - 0.07) / 2 in floating point), and missing scores.
VALUES = [0.0, 0.07, 0.5, 0.63, 59.5, 60.0, 60.0000000001, 85.0, 99.5, 120.0]


@st.composite
def groups_and_scores(draw: st.DrawFn) -> tuple[np.ndarray, pl.Series]:
    n = draw(st.integers(1, 80))
    groups = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    scores = draw(st.lists(st.one_of(st.none(), st.sampled_from(VALUES)), min_size=n, max_size=n))
    return np.array(groups, dtype=np.int64), pl.Series(scores, dtype=pl.Float64)


@settings(max_examples=150, deadline=None)
@given(groups_and_scores())
def test_ranks_and_counts_match_scipy_in_every_group(data: tuple[np.ndarray, pl.Series]) -> None:
    groups, scores = data
    codes = score_codes(scores)
    values = scores.to_numpy()
    exact, _ = descending_ranks(groups, codes.exact, codes.count)
    rounded, _ = descending_ranks(groups, codes.rounded, codes.count)
    counts = within(groups, codes.exact, codes.count)
    for group in np.unique(groups):
        rows = (groups == group) & ~np.isnan(values)
        if not rows.any():
            continue
        x = values[rows]
        assert exact[rows].tolist() == stats.rankdata(-x, method="min").astype(int).tolist()
        assert counts.rank_descending()[rows].tolist() == exact[rows].tolist()
        assert counts.rank_average()[rows].tolist() == stats.rankdata(x, method="average").tolist()
        assert counts.lower[rows].tolist() == [int((x < value).sum()) for value in x]
        assert counts.size[rows].tolist() == [len(x)] * len(x)
        ties = np.round(x, 9)  # as summary.competition_rank: equal once rounded to 9 decimals
        assert rounded[rows].tolist() == stats.rankdata(-ties, method="min").astype(int).tolist()


@settings(max_examples=100, deadline=None)
@given(groups_and_scores(), st.booleans())
def test_medians_minima_and_maxima_are_polars_own(data: tuple[np.ndarray, pl.Series], descending: bool) -> None:
    groups, scores = data
    codes = score_codes(scores)
    if descending:
        _, rows = descending_ranks(groups, codes.exact, codes.count)
    else:
        rows = within(groups, codes.exact, codes.count).rows
    got = rows.order_statistics(scores.to_numpy()).sort("_k")
    expected = (
        pl.DataFrame({"_k": groups, "x": scores})
        .drop_nulls()
        .group_by("_k")
        .agg(median=pl.col("x").median(), min=pl.col("x").min(), max=pl.col("x").max())
        .sort("_k")
    )
    assert got.equals(expected)  # bit for bit, not approximately


def test_rounding_ties_only_what_differs_below_the_ninth_decimal() -> None:
    codes = score_codes(pl.Series([60.0, 60.0000000001, 60.001, None]))
    assert codes.exact.tolist() == [0, 1, 2, -1]
    assert codes.rounded.tolist() == [0, 0, 1, -1]
