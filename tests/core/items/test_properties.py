"""Invariants of the item statistics on random score matrices (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiliang.core.items import ItemSpec, analyse_items


@st.composite
def papers(draw):
    k = draw(st.integers(2, 6))
    n = draw(st.integers(3, 40))
    maxima = [draw(st.integers(1, 5)) for _ in range(k)]
    rows = [[draw(st.integers(0, m)) for m in maxima] for _ in range(n)]
    return np.array(rows, dtype=float), [ItemSpec(str(i + 1), float(m)) for i, m in enumerate(maxima)]


@given(papers())
@settings(max_examples=60, deadline=None)
def test_ranges_and_second_alpha(paper) -> None:
    matrix, items = paper
    analysis = analyse_items(matrix, items)
    for s in analysis.items:
        assert 0 <= s.difficulty <= 1
        assert s.discrimination is None or -1 <= s.discrimination <= 1
        for r in (s.r_it, s.r_it_corrected):
            assert r is None or -1 - 1e-9 <= r <= 1 + 1e-9
    alpha = analysis.test.alpha
    c = np.cov(matrix, rowvar=False)
    if alpha is not None:
        k = len(items)
        assert alpha <= 1 + 1e-9
        assert alpha == pytest.approx(k / (k - 1) * (1 - np.trace(c) / c.sum()), abs=1e-9)


@given(papers(), st.randoms())
@settings(max_examples=40, deadline=None)
def test_order_of_students_and_items_does_not_matter(paper, rng) -> None:
    matrix, items = paper
    rows = list(range(matrix.shape[0]))
    cols = list(range(matrix.shape[1]))
    rng.shuffle(rows)
    rng.shuffle(cols)
    first = analyse_items(matrix, items)
    second = analyse_items(matrix[np.ix_(rows, cols)], [items[c] for c in cols])
    assert second.test.alpha == pytest.approx(first.test.alpha)
    by_label = {s.item: s for s in first.items}
    for s in second.items:
        assert s.discrimination == pytest.approx(by_label[s.item].discrimination)
        assert s.alpha_if_deleted == pytest.approx(by_label[s.item].alpha_if_deleted)


@given(papers())
@settings(max_examples=40, deadline=None)
def test_alpha_if_deleted_equals_alpha_recomputed_without_the_item(paper) -> None:
    matrix, items = paper
    if len(items) < 3:
        return
    analysis = analyse_items(matrix, items)
    for i, s in enumerate(analysis.items):
        rest = np.delete(matrix, i, axis=1)
        again = analyse_items(rest, [it for j, it in enumerate(items) if j != i]).test.alpha
        assert s.alpha_if_deleted == pytest.approx(again, abs=1e-9) if again is not None else True


@given(papers())
@settings(max_examples=40, deadline=None)
def test_one_point_items_have_d_equal_to_the_difference_of_proportions(paper) -> None:
    matrix, items = paper
    binary = (matrix > 0).astype(float)
    analysis = analyse_items(binary, [ItemSpec(it.label, 1.0) for it in items])
    for i, s in enumerate(analysis.items):
        if s.discrimination is not None:
            p_upper = binary[analysis.upper, i].mean()
            p_lower = binary[analysis.lower, i].mean()
            assert s.discrimination == pytest.approx(p_upper - p_lower)
