"""Levels for families, worked by hand (cut-offs in zhiliang/core/care/levels.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.care.levels import (
    BEHAVIOUR_CUTS,
    LEVELS,
    SCORE_CUTS,
    behaviour_level,
    level_label,
    level_of_share,
    subject_level,
    subject_share,
)
from zhiliang.core.care.observations import Tally


@pytest.mark.parametrize(
    ("share", "level"),
    [
        (1.0, "excellent"),
        (0.85, "excellent"),
        (0.849, "good"),
        (0.70, "good"),
        (0.6, "pass"),
        (0.599, "below"),
        (0, "below"),
    ],
)
def test_score_cut_offs(share, level):
    assert level_of_share(share, SCORE_CUTS) == level


def test_term_share_weights_exams_by_their_full_marks():
    # 期中 90/100 and 期末 84/120: (90 + 84) / (100 + 120) = 174 / 220 = 0.7909… → 良好,
    # whereas the mean of the two shares (0.9 + 0.7) / 2 = 0.8 would be the same level but a different share.
    assert subject_share([(90, 100), (84, 120)]) == pytest.approx(174 / 220)
    assert subject_level([(90, 100), (84, 120)]) == "good"
    # 84/120 is exactly 0.70: on the line, so 良好 (floating point must not drop it to 合格).
    assert subject_level([(84, 120)]) == "good"
    assert subject_level([(102, 120)]) == "excellent"  # 0.85 exactly
    assert subject_level([(71, 120)]) == "below"  # 0.5917
    assert subject_level([]) is None


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        subject_share([(121, 120)])
    with pytest.raises(ValueError):
        level_of_share(1.2, SCORE_CUTS)
    with pytest.raises(ValueError):
        level_of_share(0.5, (0.6, 0.7, 0.5))


@pytest.mark.parametrize(
    ("tally", "level"),
    [
        (Tally(2, 0), None),  # two taps do not grade a child
        (Tally(4, 1), "excellent"),  # 4/5 = 0.80
        (Tally(3, 1), "good"),  # 0.75
        (Tally(3, 2), "good"),  # 0.60 on the line
        (Tally(2, 3), "pass"),  # 0.40
        (Tally(1, 4), "below"),  # 0.20
        (Tally(0, 3), "below"),
    ],
)
def test_behaviour_levels(tally, level):
    assert behaviour_level(tally) == level


def test_labels():
    assert [level_label(level) for level in LEVELS] == ["优秀", "良好", "合格", "待合格"]
    assert level_label("below", "en") == "Not yet passing"
    assert level_label(None) == ""


@given(st.floats(0, 1), st.floats(0, 1))
def test_levels_are_monotone(a, b):
    low, high = sorted([a, b])
    for cuts in (SCORE_CUTS, BEHAVIOUR_CUTS):
        assert LEVELS.index(level_of_share(high, cuts)) <= LEVELS.index(level_of_share(low, cuts))


@given(st.lists(st.tuples(st.integers(0, 120), st.sampled_from([100, 120])).filter(lambda p: p[0] <= p[1]), min_size=1))
def test_share_lies_between_the_exams(pairs):
    share = subject_share(pairs)
    shares = [score / full for score, full in pairs]
    assert min(shares) - 1e-9 <= share <= max(shares) + 1e-9
