"""The enrolment-weighted CV (教督〔2012〕3号 method, cited in zhiliang/core/balance/cv.py), by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.balance import weighted_cv


def test_three_schools_by_hand():
    # A: 500 m² / 100 = 5.0; B: 900 / 300 = 3.0; C: 1000 / 100 = 10.0; P = 500.
    # Mean = 2400 / 500 = 4.8 (not the average of ratios, 6.0).
    # d = 0.2·0.2² + 0.6·1.8² + 0.2·5.2² = 0.008 + 1.944 + 5.408 = 7.36; S = √7.36 = 2.712932; CV = 0.565194.
    result = weighted_cv(["A", "B", "C"], [500, 900, 1000], [100, 300, 100])
    assert result.mean == pytest.approx(4.8)
    assert [t.term for t in result.terms] == pytest.approx([0.008, 1.944, 5.408])
    assert result.sd == pytest.approx(2.712932, abs=1e-6)
    assert result.cv == pytest.approx(0.565194, abs=1e-6)
    pulling = result.pulling_up()
    assert [name for name, _value, _share in pulling] == ["C", "B", "A"]
    assert pulling[0][2] == pytest.approx(5.408 / 7.36)


def test_per_hundred_students():
    # 2 and 6 teachers for 100 and 300 students: 2.0 and 2.0 per 100, no variation.
    result = weighted_cv(["A", "B"], [2, 6], [100, 300], per=100)
    assert result.mean == pytest.approx(2.0)
    assert result.cv == pytest.approx(0.0)


def test_no_school_and_zero_mean():
    assert weighted_cv([], [], []).cv is None
    assert weighted_cv(["A"], [0], [100]).cv is None


def test_lengths_must_match():
    with pytest.raises(ValueError):
        weighted_cv(["A"], [1, 2], [3])


schools = st.lists(
    st.tuples(st.floats(min_value=0.5, max_value=1e6), st.integers(min_value=1, max_value=5000)),
    min_size=1,
    max_size=30,
)


@given(schools, st.floats(min_value=0.01, max_value=1000))
def test_cv_does_not_depend_on_the_unit(rows, factor):
    names = [str(i) for i in range(len(rows))]
    a = weighted_cv(names, [q for q, _ in rows], [p for _, p in rows])
    b = weighted_cv(names, [q * factor for q, _ in rows], [p for _, p in rows])
    assert b.cv == pytest.approx(a.cv, rel=1e-6, abs=1e-9)


@given(schools)
def test_mean_lies_between_the_schools_and_order_does_not_matter(rows):
    names = [str(i) for i in range(len(rows))]
    result = weighted_cv(names, [q for q, _ in rows], [p for _, p in rows])
    values = [q / p for q, p in rows]
    assert min(values) - 1e-9 <= result.mean <= max(values) + 1e-9
    assert result.cv >= 0
    reverse = weighted_cv(names[::-1], [q for q, _ in rows][::-1], [p for _, p in rows][::-1])
    assert reverse.cv == pytest.approx(result.cv, rel=1e-9, abs=1e-12)
    total = sum(t.weight for t in result.terms)
    assert math.isclose(total, 1.0, rel_tol=1e-9)


@given(st.floats(min_value=0.1, max_value=1e4), st.lists(st.integers(1, 3000), min_size=1, max_size=20))
def test_equal_values_have_no_variation(value, sizes):
    result = weighted_cv([str(i) for i in sizes], [value * p for p in sizes], sizes)
    assert result.cv == pytest.approx(0.0, abs=1e-7)
