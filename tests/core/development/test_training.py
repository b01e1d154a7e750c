"""The five-year training window, worked by hand."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiliang.core.development import TrainingHours, training_progress, window_start, years_between

D = datetime.date


@pytest.mark.parametrize(
    ("as_of", "start"),
    [
        (D(2026, 11, 25), D(2021, 11, 26)),
        (D(2026, 1, 1), D(2021, 1, 2)),
        (D(2028, 2, 29), D(2023, 3, 1)),  # 2023-02-29 does not exist: 28 Feb + 1 day
    ],
)
def test_window_start(as_of, start):
    assert window_start(as_of) == start


def test_hours_in_window_hand_worked():
    # As of 2026-11-25 the window is 2021-11-26 .. 2026-11-25.
    records = [
        TrainingHours(D(2021, 11, 25), Decimal(100)),  # one day too early: not counted
        TrainingHours(D(2021, 11, 26), Decimal(72)),  # first day: counted
        TrainingHours(D(2024, 7, 10), Decimal("48.5")),
        TrainingHours(D(2026, 11, 25), Decimal(120)),  # last day: counted
        TrainingHours(D(2026, 12, 1), Decimal(50)),  # not finished yet
    ]
    progress = training_progress(records, D(2026, 11, 25))
    assert progress.hours == Decimal("240.5")  # 72 + 48.5 + 120
    assert progress.shortfall == Decimal("119.5")  # 360 - 240.5
    assert not progress.met
    assert progress.share == pytest.approx(240.5 / 360)


def test_requirement_met_and_share_capped():
    records = [TrainingHours(D(2025, 1, 1), Decimal(400))]
    progress = training_progress(records, D(2025, 6, 1))
    assert progress.met and progress.shortfall == 0 and progress.share == 1.0


def test_other_rule_as_data():
    records = [TrainingHours(D(2023, 1, 1), Decimal(100)), TrainingHours(D(2025, 1, 1), Decimal(150))]
    progress = training_progress(records, D(2025, 6, 1), required=Decimal(240), years=2)
    assert progress.window_start == D(2023, 6, 2)
    assert progress.hours == Decimal(150) and not progress.met


def test_years_must_be_positive():
    with pytest.raises(ValueError):
        training_progress([], D(2025, 1, 1), years=0)


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (D(2006, 9, 1), D(2026, 8, 31), 19),
        (D(2006, 9, 1), D(2026, 9, 1), 20),
        (D(2026, 9, 1), D(2026, 1, 1), 0),
    ],
)
def test_years_between(start, end, years):
    assert years_between(start, end) == years


hours_records = st.lists(
    st.builds(
        TrainingHours,
        st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
        st.decimals(min_value=0, max_value=200, places=1),
    ),
    max_size=20,
)


@settings(deadline=None)  # shared CI machines: a slow example is not a wrong one
@given(hours_records, st.dates(min_value=D(2018, 1, 1), max_value=D(2030, 1, 1)))
def test_window_hours_bounded_by_all_hours(records, as_of):
    progress = training_progress(records, as_of)
    assert 0 <= progress.hours <= sum((r.hours for r in records), Decimal(0))
    assert progress.hours + progress.shortfall >= progress.required
    assert 0.0 <= progress.share <= 1.0


@settings(deadline=None)  # shared CI machines: a slow example is not a wrong one
@given(hours_records, st.dates(min_value=D(2018, 1, 1), max_value=D(2030, 1, 1)))
def test_adding_a_course_in_the_window_never_lowers_hours(records, as_of):
    before = training_progress(records, as_of).hours
    after = training_progress([*records, TrainingHours(as_of, Decimal(8))], as_of).hours
    assert after == before + 8
