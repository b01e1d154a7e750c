"""Outcomes, 临界生 movement and award tiers, worked by hand (zhiliang/core/support)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.support import (
    AwardTier,
    Movement,
    Outcome,
    OutcomePoint,
    Position,
    TopRule,
    movement,
    outcome_between,
    position,
    scholarship_tiers,
    top_register,
)


def point(percentile, low):
    return OutcomePoint(1, "x", percentile, low)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ((10.0, 2), (15.0, 2), Outcome.IMPROVED),  # +5 points: exactly the margin
        ((10.0, 2), (14.9, 2), Outcome.STEADY),
        ((10.0, 2), (12.0, 1), Outcome.IMPROVED),  # one subject fewer under the line, percentile not down 5
        ((10.0, 2), (5.5, 1), Outcome.IMPROVED),  # −4.5 is still within the margin
        ((10.0, 2), (5.0, 1), Outcome.DECLINED),  # −5: declined whatever the subjects say
        ((20.0, 1), (18.0, 2), Outcome.DECLINED),  # one more low subject
        ((20.0, 1), (26.0, 2), Outcome.IMPROVED),  # +6 outweighs the extra low subject
        ((None, 2), (30.0, 0), Outcome.UNKNOWN),
        ((30.0, None), (31.0, None), Outcome.STEADY),
    ],
)
def test_outcomes_by_hand(before, after, expected):
    assert outcome_between(point(*before), point(*after)) == expected


def test_the_margin_is_configurable():
    assert outcome_between(point(10.0, 2), point(12.0, 2), margin=2) == Outcome.IMPROVED
    with pytest.raises(ValueError):
        outcome_between(point(1.0, 0), point(2.0, 0), margin=-1)


@given(st.floats(0, 100), st.floats(0, 100), st.integers(0, 3), st.integers(0, 3))
def test_swapping_the_exams_swaps_improved_and_declined(p1, p2, l1, l2):
    forward = outcome_between(point(p1, l1), point(p2, l2))
    backward = outcome_between(point(p2, l2), point(p1, l1))
    mirror = {Outcome.IMPROVED: Outcome.DECLINED, Outcome.DECLINED: Outcome.IMPROVED, Outcome.STEADY: Outcome.STEADY}
    assert backward == mirror[forward]


@pytest.mark.parametrize(
    ("score", "line", "margin", "expected"),
    [
        (72, 72, 6, Position.ABOVE),  # at the line: reached
        (71.5, 72, 6, Position.NEAR),
        (66, 72, 6, Position.NEAR),  # line − margin is still near
        (65.5, 72, 6, Position.BELOW),
        (66, 0.6 * 110, 5.5, Position.ABOVE),  # 66.00000000000001 read as 66
        (None, 72, 6, None),
    ],
)
def test_positions_by_hand(score, line, margin, expected):
    assert position(score, line, margin) == expected


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        (None, Position.NEAR, Movement.NEW),
        (Position.BELOW, Position.NEAR, Movement.CLOSER),
        (Position.ABOVE, Position.NEAR, Movement.SLIPPED),
        (Position.NEAR, Position.NEAR, Movement.STILL),
        (Position.NEAR, Position.ABOVE, Movement.CROSSED),
        (Position.NEAR, Position.BELOW, Movement.DROPPED),
        (Position.NEAR, None, Movement.ABSENT),
        (Position.ABOVE, Position.ABOVE, None),
        (Position.BELOW, Position.ABOVE, None),
    ],
)
def test_movements(before, now, expected):
    assert movement(before, now) == expected


TIERS = [AwardTier(100, "一等"), AwardTier(200, "二等")]


def test_tiers_by_hand_with_ties_at_the_cut():
    ranks = {"a": 1, "b": 100, "c": 100, "d": 102, "e": 200, "f": 201, "g": None}
    awarded = scholarship_tiers(ranks, TIERS)
    assert {s: t.label for s, t in awarded.items()} == {"a": "一等", "b": "一等", "c": "一等", "d": "二等", "e": "二等"}


@pytest.mark.parametrize("tiers", [[], [AwardTier(200, "x"), AwardTier(100, "y")], [AwardTier(0, "x")]])
def test_bad_tiers_are_refused(tiers):
    with pytest.raises(ValueError):
        scholarship_tiers({"a": 1}, tiers)


def test_top_register_by_hand():
    history = [{"a": 5, "b": 250, "c": 150}, {"a": 12, "b": 180, "c": None}, {"a": 3, "b": 199, "d": 1}]
    register = top_register(history, TopRule(top_n=200, min_times=2))
    assert register == {"a": [5, 12, 3], "b": [250, 180, 199]}
    assert set(top_register(history, TopRule(top_n=200, min_times=1))) == {"a", "b", "c", "d"}


@given(st.dictionaries(st.text(max_size=3), st.one_of(st.none(), st.integers(1, 400))))
def test_a_better_rank_never_gets_a_lower_tier(ranks):
    awarded = scholarship_tiers(ranks, TIERS)
    for s, rank in ranks.items():
        for t, other in ranks.items():
            if rank is not None and other is not None and rank <= other and t in awarded:
                assert s in awarded and awarded[s].cut <= awarded[t].cut
