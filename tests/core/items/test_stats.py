"""Item statistics on a table computed by hand (Crocker & Algina 1986; Kelley 1939; Cronbach 1951).

Five students, three items (A and B worth 1 point, C worth 2):

    student  A  B  C  total
    s1       1  1  2   4
    s2       1  0  2   3
    s3       1  1  1   3
    s4       0  0  1   1
    s5       0  1  0   1

Variances (n − 1): A 1.2/4 = 0.3, B 0.3, C 2.8/4 = 0.7, total 7.2/4 = 1.8.
α = 3/2 · (1 − 1.3/1.8) = 5/12. SD = √1.8, SEM = √1.8 · √(7/12) = √1.05.
27 % of 5 = 1.35 → g = 1: the upper group is s1 (total 4); the lowest total 1 is shared by s4 and s5, so
both are in the lower group (ties at the boundary join the group). D_A = (1 − 0)/1 = 1, D_B = (1 − 0.5)/1 =
0.5, D_C = (2 − 0.5)/2 = 0.75.
r_it(A) = 2.8 / √(1.2 · 7.2) = 0.952579; corrected, against the rest (3, 2, 2, 1, 1): 1.6 / √(1.2 · 2.8) =
0.872872. Without A, B and C covary negatively (−0.6/4) and α = 2 · (1 − 1.0/0.7) = −0.857143.
"""

import math

import numpy as np
import pytest

from zhiliang.core.items import ItemInputError, ItemKind, ItemSpec, analyse_items, cronbach_alpha, extreme_groups

HAND = np.array([[1, 1, 2], [1, 0, 2], [1, 1, 1], [0, 0, 1], [0, 1, 0]], dtype=float)
ITEMS = [ItemSpec("A", 1), ItemSpec("B", 1), ItemSpec("C", 2)]


def alpha_from_covariance(matrix: np.ndarray) -> float:
    """A second computation of α: k/(k−1) · (1 − trace(C) / sum(C)) from the covariance matrix C (the sum of
    all entries of C is the variance of the total)."""
    c = np.cov(matrix, rowvar=False)
    k = c.shape[0]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def test_the_paper_statistics_are_the_hand_computed_ones() -> None:
    test = analyse_items(HAND, ITEMS).test
    assert (test.n, test.items, test.max_total) == (5, 3, 4.0)
    assert test.mean == pytest.approx(2.4)
    assert test.sd == pytest.approx(math.sqrt(1.8))
    assert test.alpha == pytest.approx(5 / 12)
    assert test.sem == pytest.approx(math.sqrt(1.05))
    assert test.observed_difficulty == pytest.approx(0.6)


def test_alpha_agrees_with_the_covariance_matrix_computation() -> None:
    assert analyse_items(HAND, ITEMS).test.alpha == pytest.approx(alpha_from_covariance(HAND))
    assert alpha_from_covariance(HAND) == pytest.approx(5 / 12)


def test_item_statistics_are_the_hand_computed_ones() -> None:
    a, b, c = analyse_items(HAND, ITEMS).items
    assert [s.difficulty for s in (a, b, c)] == pytest.approx([0.6, 0.6, 0.6])
    assert [s.discrimination for s in (a, b, c)] == pytest.approx([1.0, 0.5, 0.75])
    assert a.r_it == pytest.approx(0.952579, abs=1e-6)
    assert a.r_it_corrected == pytest.approx(0.872872, abs=1e-6)
    assert a.alpha_if_deleted == pytest.approx(-0.857143, abs=1e-6)
    assert a.omit_rate == 0


def test_ties_at_the_boundary_join_the_group() -> None:
    upper, lower, upper_cut, lower_cut = extreme_groups(np.array([4.0, 3, 3, 1, 1]))
    assert upper.tolist() == [True, False, False, False, False]
    assert lower.tolist() == [False, False, False, True, True]
    assert (upper_cut, lower_cut) == (4.0, 1.0)


def test_groups_are_27_percent_rounded_half_up() -> None:
    totals = np.arange(100, dtype=float)
    upper, lower, _u, _l = extreme_groups(totals)
    assert upper.sum() == 27 and lower.sum() == 27
    assert upper[73:].all() and lower[:27].all()


def test_all_tied_totals_have_no_groups_and_no_discrimination() -> None:
    matrix = np.array([[1, 0], [0, 1], [1, 0], [0, 1]], dtype=float)  # every total is 1
    analysis = analyse_items(matrix, [ItemSpec("1", 1), ItemSpec("2", 1)])
    assert analysis.test.upper_n == analysis.test.lower_n == 0
    assert [s.discrimination for s in analysis.items] == [None, None]
    assert analysis.test.alpha is None  # the total has no variance


def test_blank_items_count_zero_and_raise_the_omission_rate() -> None:
    matrix = HAND.copy()
    matrix[4, 0] = np.nan  # s5 left A blank: the same 0 points as before
    analysis = analyse_items(matrix, ITEMS)
    assert analysis.items[0].omit_rate == pytest.approx(0.2)
    assert analysis.test.alpha == pytest.approx(5 / 12)


def test_students_who_left_everything_blank_are_absent() -> None:
    matrix = np.vstack([HAND, [np.nan, np.nan, np.nan]])
    analysis = analyse_items(matrix, ITEMS)
    assert (analysis.test.n, analysis.test.absent) == (5, 1)
    assert analysis.test.alpha == pytest.approx(5 / 12)
    assert analysis.present.tolist() == [True] * 5 + [False]


def test_a_constant_item_has_no_correlation() -> None:
    matrix = np.column_stack([HAND, np.ones(5)])
    stats = analyse_items(matrix, [*ITEMS, ItemSpec("D", 1)]).items[3]
    assert stats.r_it is None and stats.r_it_corrected is None
    assert stats.difficulty == 1.0 and stats.discrimination == 0.0


def test_points_outside_the_items_range_are_refused() -> None:
    with pytest.raises(ItemInputError):
        analyse_items(np.array([[2.0, 0, 0]]), ITEMS)
    with pytest.raises(ItemInputError):
        analyse_items(np.array([[1.0, 0]]), ITEMS)


def test_cronbach_alpha_needs_two_items_and_variance() -> None:
    assert cronbach_alpha(np.array([0.5]), 1.0) is None
    assert cronbach_alpha(np.array([0.5, 0.5]), 0.0) is None
    # Two perfectly parallel items: σ²_X = 4σ² and α = 2 · (1 − 2σ²/4σ²) = 1.
    assert cronbach_alpha(np.array([0.25, 0.25]), 1.0) == pytest.approx(1.0)


def test_intended_difficulty_is_weighted_by_points() -> None:
    items = [ItemSpec("A", 1, intended=0.9), ItemSpec("B", 1), ItemSpec("C", 2, intended=0.6)]
    test = analyse_items(HAND, items).test
    assert test.intended_difficulty == pytest.approx((0.9 * 1 + 0.6 * 2) / 3)


def test_distractor_shares_by_group() -> None:
    item = ItemSpec("1", 1, kind=ItemKind.SINGLE, key="A")
    answers = ["A", "B", "A", "C", None]  # totals below make s1 upper, s4 and s5 lower
    matrix = np.array([[1, 4], [0, 3], [1, 2], [0, 0], [np.nan, 0]], dtype=float)
    analysis = analyse_items(matrix, [item, ItemSpec("2", 4)], answers={0: answers})
    options = {o.option: o for o in analysis.items[0].options}
    assert list(options) == ["A", "B", "C", "D", ""]
    assert options["A"].is_key and options["A"].share == pytest.approx(0.4)
    assert options["A"].share_upper == 1.0 and options["A"].share_lower == 0.0
    assert options["C"].share_lower == pytest.approx(0.5) and options[""].share_lower == pytest.approx(0.5)
    assert options["B"].share_upper == 0.0


def test_json_has_the_contract_keys() -> None:
    data = analyse_items(HAND, ITEMS).as_json()
    assert set(data) == {"test", "items"}
    assert set(data["test"]) == {"n", "items", "max_total", "mean", "sd", "alpha", "sem"}
    assert set(data["items"][0]) == {
        "item",
        "max",
        "mean",
        "difficulty",
        "discrimination",
        "r_it",
        "r_it_corrected",
        "alpha_if_deleted",
        "omit_rate",
    }
