"""Class size standards (教督〔2017〕6号 G5; 国发〔2016〕40号) and the size distribution."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.class_size import (
    HISTOGRAM_EDGES,
    SizeBand,
    is_over_standard,
    size_band,
    size_histogram,
    standard_max,
)


@pytest.mark.parametrize(
    ("stage", "size", "band"),
    [
        ("primary", 0, SizeBand.WITHIN),
        ("primary", 45, SizeBand.WITHIN),  # G5: a primary class holds at most 45
        ("primary", 46, SizeBand.OVER_STANDARD),
        ("primary", 55, SizeBand.OVER_STANDARD),
        ("primary", 56, SizeBand.LARGE),  # 大班额 from 56
        ("primary", 65, SizeBand.LARGE),
        ("primary", 66, SizeBand.HUGE),  # 超大班额 from 66
        ("junior", 50, SizeBand.WITHIN),  # G5: a junior-middle class holds at most 50
        ("junior", 51, SizeBand.OVER_STANDARD),
        ("junior", 56, SizeBand.LARGE),
        ("junior", 80, SizeBand.HUGE),
        ("senior", 70, None),  # G5 covers compulsory education only
    ],
)
def test_size_band(stage, size, band):
    assert size_band(stage, size) == band
    assert is_over_standard(stage, size) == (band not in (None, SizeBand.WITHIN))


def test_standard_maxima():
    assert (standard_max("primary"), standard_max("junior"), standard_max("senior")) == (45, 50, None)


def test_histogram_hand_counted():
    sizes = [12, 30, 31, 45, 46, 50, 50, 51, 56, 65, 66, 90]
    bins = size_histogram(sizes)
    assert [(b.label, b.count) for b in bins] == [
        ("≤30", 2),
        ("31–35", 1),
        ("36–40", 0),
        ("41–45", 1),
        ("46–50", 3),
        ("51–55", 1),
        ("56–65", 2),
        ("≥66", 2),
    ]


def test_histogram_of_nothing_has_every_bin_empty():
    assert [b.count for b in size_histogram([])] == [0] * (len(HISTOGRAM_EDGES) + 1)


@given(st.lists(st.integers(min_value=0, max_value=200)))
def test_every_class_lands_in_exactly_the_bin_that_contains_it(sizes):
    bins = size_histogram(sizes)
    assert sum(b.count for b in bins) == len(sizes)
    for b in bins:
        expected = sum(1 for s in sizes if s >= b.low and (b.high is None or s <= b.high))
        assert b.count == expected
