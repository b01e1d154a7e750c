"""The table-level API: columns, missing values, categories, the CLI's model JSON, stability."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiliang.core.value_added import (
    ValueAddedInputError,
    category,
    pearson,
    stability,
    value_added,
)

FRAME = pl.DataFrame(
    {
        "class": ["A", "A", "A", "B", "B", "B", "C", "C", "C", "C"],
        "prior": ["40", "50", "60", "45", "55", "65", "50", "缺考", "", "70"],
        "post": [42.0, 50.0, 61.0, 50.0, 58.0, 70.0, 48.0, 60.0, 55.0, None],
    }
)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0.1, 2.0, "above"), (-2.0, -0.1, "below"), (-1.0, 1.0, "expected"), (0.0, 1.0, "expected"), (-1, 0, "expected")],
)
def test_category_only_when_the_interval_excludes_zero(low, high, expected):
    assert category(low, high) == expected


def test_missing_values_are_counted_per_column():
    result = value_added(FRAME, outcome="post", priors=["prior"], group="class")
    assert result.missing.rows == 10 and result.missing.used == 7
    assert result.missing.by_column == {"post": 1, "prior": 2, "class": 0}
    assert result.n_students == 7
    assert sorted(result.groups["group"].to_list()) == ["A", "B", "C"]
    assert dict(zip(result.groups["group"], result.groups["n"], strict=True)) == {"A": 3, "B": 3, "C": 1}
    model = result.model_json()
    assert set(model) == {"method", "n_students", "n_groups", "coefficients", "group_variance", "residual_variance"}
    assert set(model["coefficients"]) == {"intercept", "prior"}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"outcome": "nope", "priors": ["prior"], "group": "class"}, "missing_column"),
        ({"outcome": "post", "priors": ["post"], "group": "class"}, "same_column"),
        ({"outcome": "post", "priors": ["class"], "group": "prior"}, "not_numeric"),
    ],
)
def test_bad_input_is_an_error_with_a_code(kwargs, code):
    with pytest.raises(ValueAddedInputError) as error:
        value_added(FRAME, **kwargs)
    assert error.value.code == code


def test_one_group_cannot_be_compared():
    with pytest.raises(ValueAddedInputError) as error:
        value_added(FRAME.filter(pl.col("class") == "A"), outcome="post", priors=["prior"], group="class")
    assert error.value.code == "too_few_groups"


def test_pearson_by_hand():
    # x = 1, 2, 3; y = 2, 4, 5: means 2 and 11/3; Sxy = 3, Sxx = 2, Syy = 14/3 -> r = 3 / sqrt(28/3).
    assert pearson([1, 2, 3], [2, 4, 5]) == pytest.approx(3 / (28 / 3) ** 0.5)
    assert pearson([1, 1, 1], [1, 2, 3]) is None


def test_stability_uses_groups_in_both_years():
    first = {"a": 1.0, "b": 2.0, "c": 3.0, "d": 9.0}
    second = {"a": 2.0, "b": 4.0, "c": 5.0, "e": 0.0}
    assert stability(first, second).n == 3
    assert stability(first, second).correlation == pytest.approx(pearson([1, 2, 3], [2, 4, 5]))
    assert stability({"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 2.0}).correlation is None


def _groups_frame(draw_values):
    groups, priors, noise = draw_values
    # Two groups at least, spread in the prior and in the noise (else the model is degenerate: no residual).
    groups = [0, 1, *groups[2:]]
    rows = [
        (f"G{g}", p + 3 * i, 0.7 * (p + 3 * i) + e + (-1) ** i)
        for i, (g, p, e) in enumerate(zip(groups, priors, noise, strict=True))
    ]
    return pl.DataFrame(rows, schema=["g", "prior", "post"], orient="row")


values = st.integers(min_value=12, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 3), min_size=n, max_size=n),
        st.lists(st.floats(0, 100, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.floats(-10, 10, allow_nan=False), min_size=n, max_size=n),
    )
)


@settings(max_examples=40, deadline=None)
@given(values, st.floats(-50, 50), st.floats(0.5, 4))
def test_invariants(draw_values, shift, scale):
    frame = _groups_frame(draw_values)
    base = value_added(frame, outcome="post", priors=["prior"], group="g")
    groups = base.groups
    # Shrinkage: an effect lies between 0 and its raw residual mean; reliability in [0, 1).
    assert all(abs(e) <= abs(r) + 1e-9 for e, r in zip(groups["effect"], groups["raw"], strict=True))
    assert all(0 <= r < 1 for r in groups["reliability"])
    # Categories agree with the intervals.
    assert all(category(lo, hi) == c for lo, hi, c in groups.select("ci_low", "ci_high", "category").iter_rows())
    # A linear change of the outcome scale changes the effects and SEs by the same factor, not the ranking.
    moved = value_added(
        frame.with_columns(post=pl.col("post") * scale + shift), outcome="post", priors=["prior"], group="g"
    )
    by_group = dict(zip(groups["group"], groups["effect"], strict=True))
    for name, effect in moved.groups.select("group", "effect").iter_rows():
        # The REML optimum is found to ~1e-9 in log(lam); near a flat likelihood that moves effects a little.
        spread = scale * (base.residual_variance + base.group_variance) ** 0.5
        assert effect == pytest.approx(scale * by_group[name], rel=1e-3, abs=1e-3 * spread)
    assert moved.residual_variance == pytest.approx(scale**2 * base.residual_variance, rel=1e-6)
    # Row order does not matter.
    shuffled = value_added(frame.reverse(), outcome="post", priors=["prior"], group="g")
    spread = (base.residual_variance + base.group_variance) ** 0.5
    assert shuffled.groups["effect"].to_list() == pytest.approx(groups["effect"].to_list(), rel=1e-4, abs=1e-4 * spread)
