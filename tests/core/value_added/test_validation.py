"""Validation against published estimates (dietox, tests/data/value_added/README.md) and statsmodels MixedLM,
and recovery of known effects from a simulated county."""

from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
import statsmodels.formula.api as smf

from zhiliang.core.value_added import value_added

DIETOX = Path(__file__).parents[2] / "data" / "value_added" / "dietox.csv"


@pytest.fixture(scope="module")
def dietox():
    return pl.read_csv(DIETOX)


def test_dietox_matches_the_published_estimates_to_their_precision(dietox):
    result = value_added(dietox, outcome="Weight", priors=["Time"], group="Pig")
    assert round(result.coefficients["intercept"], 3) == 15.724
    assert round(result.coefficients["Time"], 3) == 6.943
    assert round(result.standard_errors["intercept"], 3) == 0.788
    assert round(result.standard_errors["Time"], 3) == 0.033
    assert round(result.group_variance, 3) == 40.394
    assert round(result.residual_variance, 4) == 11.3669
    assert round(result.log_likelihood, 4) == -2404.7753
    assert (result.n_students, result.n_groups) == (861, 72)


def test_dietox_pig_effects_agree_with_statsmodels(dietox):
    result = value_added(dietox, outcome="Weight", priors=["Time"], group="Pig")
    frame = dietox.to_pandas()
    reference = smf.mixedlm("Weight ~ Time", frame, groups=frame["Pig"]).fit(reml=True)
    ours = dict(zip(result.groups["group"], result.groups["effect"], strict=True))
    pairs = [(ours[str(pig)], float(effect.iloc[0])) for pig, effect in reference.random_effects.items()]
    mine, theirs = np.array(pairs).T
    assert np.corrcoef(mine, theirs)[0, 1] > 0.99
    assert np.max(np.abs(mine - theirs)) < 1e-4
    # statsmodels' random_effects_cov is the conditional variance; ours adds the fixed-effect part on top.
    conditional = {str(pig): float(cov.iloc[0, 0]) for pig, cov in reference.random_effects_cov.items()}
    se = dict(zip(result.groups["group"], result.groups["se"], strict=True))
    assert all(se[g] ** 2 >= conditional[g] for g in conditional)


def test_missing_prior_rows_are_counted_not_silently_dropped(dietox):
    result = value_added(dietox, outcome="Weight", priors=["Time", "Feed"], group="Pig")
    assert result.missing.by_column["Feed"] == dietox.get_column("Feed").null_count() == 72
    assert result.missing.left_out == 72 and result.n_students == 861 - 72


def _simulated_county(seed: int, n_classes: int = 150, size: int = 30):
    rng = np.random.default_rng(seed)
    true = rng.normal(0, 3.0, n_classes)
    rows = []
    for k in range(n_classes):
        prior = rng.normal(50 + rng.normal(0, 4), 10, size)
        outcome = 10 + 0.8 * prior + true[k] + rng.normal(0, 6.0, size)
        rows += [(f"C{k:03d}", p, o) for p, o in zip(prior, outcome, strict=True)]
    return pl.DataFrame(rows, schema=["class", "prior", "outcome"], orient="row"), true


def test_simulation_recovers_the_known_effects_and_variances():
    frame, true = _simulated_county(2026)
    result = value_added(frame, outcome="outcome", priors=["prior"], group="class")
    # Fixed effects within four standard errors of the truth (the same numbers statsmodels gives).
    for name, true_value in (("prior", 0.8), ("intercept", 10.0)):
        assert abs(result.coefficients[name] - true_value) < 4 * result.standard_errors[name]
    assert result.residual_variance == pytest.approx(36, rel=0.05)
    assert result.group_variance == pytest.approx(9, rel=0.25)
    effects = dict(zip(result.groups["group"], result.groups["effect"], strict=True))
    estimated = np.array([effects[f"C{k:03d}"] for k in range(len(true))])
    assert np.corrcoef(estimated, true)[0, 1] > 0.9
    # 95% intervals cover the true effects about 95% of the time.
    low = dict(zip(result.groups["group"], result.groups["ci_low"], strict=True))
    high = dict(zip(result.groups["group"], result.groups["ci_high"], strict=True))
    covered = np.mean([low[f"C{k:03d}"] <= t <= high[f"C{k:03d}"] for k, t in enumerate(true)])
    assert 0.88 <= covered <= 1.0


def test_simulation_agrees_with_statsmodels():
    frame, _true = _simulated_county(11, n_classes=60, size=25)
    result = value_added(frame, outcome="outcome", priors=["prior"], group="class")
    data = frame.to_pandas()
    reference = smf.mixedlm("outcome ~ prior", data, groups=data["class"]).fit(reml=True)
    assert result.coefficients["prior"] == pytest.approx(reference.fe_params["prior"], rel=1e-5)
    assert result.coefficients["intercept"] == pytest.approx(reference.fe_params["Intercept"], rel=1e-5)
    assert result.group_variance == pytest.approx(float(reference.cov_re.iloc[0, 0]), rel=1e-4)
    assert result.residual_variance == pytest.approx(reference.scale, rel=1e-5)
    ours = dict(zip(result.groups["group"], result.groups["effect"], strict=True))
    mine, theirs = np.array([(ours[g], float(e.iloc[0])) for g, e in reference.random_effects.items()]).T
    assert np.corrcoef(mine, theirs)[0, 1] > 0.99


def test_context_factors_enter_as_dummies_with_the_first_level_as_reference():
    frame, _true = _simulated_county(5, n_classes=40, size=20)
    sex = np.resize(np.array(["F", "M"]), frame.height)
    frame = frame.with_columns(sex=pl.Series(sex), outcome=pl.col("outcome") + pl.Series(np.where(sex == "M", -2.0, 0)))
    result = value_added(frame, outcome="outcome", priors=["prior"], group="class", context=["sex"])
    assert set(result.coefficients) == {"intercept", "prior", "sex=M"}
    assert result.coefficients["sex=M"] == pytest.approx(-2.0, abs=0.6)
    data = frame.to_pandas()
    reference = smf.mixedlm("outcome ~ prior + C(sex)", data, groups=data["class"]).fit(reml=True)
    assert result.coefficients["sex=M"] == pytest.approx(reference.fe_params["C(sex)[T.M]"], rel=1e-5)


def test_pandas_not_needed_by_the_core():
    # The reference implementation is used only here; the core works on polars frames.
    import zhiliang.core.value_added.table as table

    assert "pandas" not in table.__dict__
    assert isinstance(pd.__version__, str)
