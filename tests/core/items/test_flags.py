"""Flags and bands at their documented thresholds (Crocker & Algina 1986; Ebel & Frisbie 1991)."""

import pytest

from zhiliang.core.items.flags import (
    DISTRACTOR,
    MARGINAL,
    NEGATIVE,
    OMISSION,
    TOO_EASY,
    TOO_HARD,
    WEAK,
    difficulty_band,
    discrimination_band,
    flag_text,
    item_flags,
)
from zhiliang.core.items.stats import OptionShare


def flags(**overrides):
    values = {"difficulty": 0.6, "discrimination": 0.45, "r_it_corrected": 0.4, "omit_rate": 0.0}
    return item_flags(**{**values, **overrides})


@pytest.mark.parametrize(
    ("difficulty", "expected"),
    [(0.95, (TOO_EASY,)), (0.90, ()), (0.20, ()), (0.19, (TOO_HARD,)), (0.5, ())],
)
def test_difficulty_flags(difficulty: float, expected: tuple) -> None:
    assert flags(difficulty=difficulty) == expected


@pytest.mark.parametrize(
    ("d", "r", "expected"),
    [
        (0.40, 0.3, ()),
        (0.30, 0.3, ()),
        (0.29, 0.3, (MARGINAL,)),
        (0.20, 0.3, (MARGINAL,)),
        (0.19, 0.3, (WEAK,)),
        (0.0, 0.1, (WEAK,)),
        (-0.01, 0.1, (NEGATIVE,)),
        (0.25, -0.05, (NEGATIVE,)),
        (None, None, ()),
    ],
)
def test_ebel_discrimination_flags(d, r, expected) -> None:
    assert flags(discrimination=d, r_it_corrected=r) == expected


def test_a_distractor_chosen_more_by_strong_students_is_flagged_from_5_points() -> None:
    options = [
        OptionShare("A", True, 0.6, 0.9, 0.3),
        OptionShare("B", False, 0.2, 0.10, 0.04),  # +6 points: flagged
        OptionShare("C", False, 0.1, 0.08, 0.04),  # +4 points: not
        OptionShare("", False, 0.1, 0.2, 0.0),  # blanks are not a distractor
    ]
    assert flags(options=options) == (f"{DISTRACTOR}:B",)
    assert "B" in flag_text(f"{DISTRACTOR}:B") and "B" in flag_text(f"{DISTRACTOR}:B", "en")


def test_omission_above_ten_percent() -> None:
    assert flags(omit_rate=0.11) == (OMISSION,)
    assert flags(omit_rate=0.10) == ()


def test_bands() -> None:
    assert [difficulty_band(p) for p in (0.1, 0.2, 0.5, 0.7, 0.9, 1.0)] == [
        "very_hard",
        "hard",
        "medium",
        "easy",
        "very_easy",
        "very_easy",
    ]
    assert [discrimination_band(d) for d in (-0.3, 0.19, 0.2, 0.35, 0.4, None)] == [
        "poor",
        "poor",
        "marginal",
        "reasonable",
        "good",
        "undefined",
    ]
