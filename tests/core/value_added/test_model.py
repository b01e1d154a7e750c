"""The REML fit and the group effects, checked against hand computation and textbook formulas."""

import math

import numpy as np
import pytest

from zhiliang.core.value_added import ValueAddedInputError, fit_random_intercept
from zhiliang.core.value_added.model import Z_95

# Three groups of three (balanced). By hand: group means 2, 5, 8, grand mean 5;
# SSW = 2 + 8 + 2 = 12 on 6 df -> MSW = 2; SSB = 3 * (9 + 0 + 9) = 54 on 2 df -> MSB = 27.
# For balanced data REML equals the ANOVA estimator when MSB > MSW (Searle, Casella & McCulloch 1992, §4.7 and
# §6.8): s2e = MSW = 2, s2u = (MSB - MSW) / n = 25/3. Then lam = 25/6, reliability R = 3 lam / (1 + 3 lam) = 25/27,
# effects R * (mean - 5) = -75/27, 0, 75/27; conditional variance s2e lam / (1 + 3 lam) = 50/81;
# X'H^-1X = 3 * 3 / (1 + 3 lam) = 2/3, w = lam / (1 + 3 lam) = 25/81, so the part from estimating the
# intercept is s2e * w^2 * 3^2 * 3/2 = 16875/6561.
BALANCED_Y = np.array([1, 2, 3, 3, 5, 7, 7, 8, 9], dtype=float)
BALANCED_G = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])


def test_balanced_groups_match_the_anova_estimates():
    fit = fit_random_intercept(BALANCED_Y, np.zeros((9, 0)), BALANCED_G, 3)
    assert fit.coefficients[0] == pytest.approx(5.0)
    assert fit.residual_variance == pytest.approx(2.0, rel=1e-6)
    assert fit.group_variance == pytest.approx(25 / 3, rel=1e-6)
    assert fit.reliability == pytest.approx([25 / 27] * 3, rel=1e-6)
    assert fit.effects == pytest.approx([-75 / 27, 0.0, 75 / 27], rel=1e-6, abs=1e-9)
    assert fit.conditional_standard_errors**2 == pytest.approx([50 / 81] * 3, rel=1e-6)
    assert fit.standard_errors_effects**2 == pytest.approx([50 / 81 + 16875 / 6561] * 3, rel=1e-6)
    # SE of the intercept: s2e / (X'H^-1X) = 3, the variance of the mean of three group means.
    assert fit.standard_errors[0] == pytest.approx(math.sqrt(3.0), rel=1e-6)
    assert fit.ci_high - fit.ci_low == pytest.approx(2 * Z_95 * fit.standard_errors_effects)


def test_no_between_group_variance_gives_zero_effects():
    # Group means equal (MSB = 0 < MSW): REML is at the boundary s2u = 0 and every effect is shrunk to 0.
    y = np.array([1, 3, 2, 2, 3, 1, 2, 2, 1], dtype=float)
    fit = fit_random_intercept(y, np.zeros((9, 0)), BALANCED_G, 3)
    assert fit.group_variance == pytest.approx(0.0, abs=1e-8)
    assert fit.effects == pytest.approx([0, 0, 0], abs=1e-6)
    assert fit.residual_variance == pytest.approx(float(np.var(y, ddof=1)), rel=1e-6)


def _henderson_pev(y, x, groups, n_groups, s2u, s2e):
    """Prediction error variances from the inverse of Henderson's mixed-model equations (dense; small data).

    C = [[X'X, X'Z], [Z'X, Z'Z + I s2e/s2u]]; Var(u_hat - u) = s2e * (C^-1)_uu (Henderson 1975).
    """
    design = np.column_stack([np.ones(len(y)), x])
    z = np.zeros((len(y), n_groups))
    z[np.arange(len(y)), groups] = 1.0
    c = np.block([[design.T @ design, design.T @ z], [z.T @ design, z.T @ z + np.eye(n_groups) * s2e / s2u]])
    rhs = np.concatenate([design.T @ y, z.T @ y])
    solution = np.linalg.solve(c, rhs)
    inverse = np.linalg.inv(c)
    p = design.shape[1]
    return solution[:p], solution[p:], s2e * np.diag(inverse)[p:]


def test_effects_and_comparative_ses_equal_hendersons_mixed_model_equations():
    rng = np.random.default_rng(7)
    n_groups = 12
    groups = rng.integers(0, n_groups, 150)
    x = rng.normal(50, 10, (150, 2))
    y = 3 + x @ np.array([0.6, 0.2]) + rng.normal(0, 2, n_groups)[groups] + rng.normal(0, 4, 150)
    fit = fit_random_intercept(y, x, groups, n_groups)
    beta, u, pev = _henderson_pev(y, x, groups, n_groups, fit.group_variance, fit.residual_variance)
    assert fit.coefficients == pytest.approx(beta, rel=1e-8)
    assert fit.effects == pytest.approx(u, rel=1e-7, abs=1e-9)
    assert fit.standard_errors_effects**2 == pytest.approx(pev, rel=1e-7)
    assert np.all(fit.standard_errors_effects >= fit.conditional_standard_errors)


@pytest.mark.parametrize(
    ("y", "x", "code"),
    [
        (np.arange(4.0), np.zeros((4, 0)), "too_few_rows"),
        (np.arange(9.0), np.ones((9, 1)), "collinear"),
        (np.arange(9.0), np.column_stack([np.arange(9.0), 2 * np.arange(9.0)]), "collinear"),
    ],
)
def test_unusable_designs_are_refused(y, x, code):
    with pytest.raises(ValueAddedInputError) as error:
        fit_random_intercept(y, x, BALANCED_G[: len(y)], 3)
    assert error.value.code == code
    assert error.value.message("zh") and error.value.message("en")
