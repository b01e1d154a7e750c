"""The random-intercept model fitted by REML, and the empirical-Bayes group effects with their standard errors.

Model (two levels: students i in groups j, e.g. classes, teachers or schools):

    y_ij = x_ij' beta + u_j + e_ij,   u_j ~ N(0, s2u),   e_ij ~ N(0, s2e),   lam = s2u / s2e

x_ij holds 1, the prior scores and the dummy-coded context factors. Within a group the covariance is
s2e * H_j with H_j = I + lam * 1 1', whose inverse is I - w_j 1 1' with w_j = lam / (1 + n_j lam).

**REML** (Patterson & Thompson 1971; Harville 1977, JASA 72:320-338, eq. 4; Searle, Casella & McCulloch,
*Variance Components*, 1992, §6.6): the restricted log-likelihood is

    l_R = -1/2 [ (N - p) log(2 pi s2e) + log|H| + log|X' H^-1 X| + r' H^-1 r / s2e ]

with r = y - X beta_hat and beta_hat the GLS estimate. Maximising over s2e gives s2e = r' H^-1 r / (N - p); the
remaining profile in lam is maximised numerically (a grid on log lam, then Brent's method, and lam = 0 checked
as the boundary). Every quantity needs only per-group sums (n_j, sum of x, sum of y), so one evaluation costs
O(groups * p^2) whatever the number of students.

**Group effects** are the best linear unbiased predictions (BLUP; Henderson 1975, Biometrics 31:423-447;
Robinson 1991, Statistical Science 6:15-51):

    u_j = R_j * (mean residual of group j),   R_j = n_j lam / (1 + n_j lam)   (the reliability)

so a small or noisy group is shrunk towards 0 (the county average) in proportion to its unreliability.

**Standard errors** are the *comparative* ones (Goldstein 2011, *Multilevel Statistical Models*, 4th ed.,
§1.6 and §2.6): the square root of the prediction error variance Var(u_hat_j - u_j), which also carries the
uncertainty of the estimated fixed effects (Henderson 1975):

    PEV_j = s2e * lam / (1 + n_j lam) + s2e * w_j^2 * s_j' (X' H^-1 X)^-1 s_j,   s_j = sum of x over group j

The first term alone is the *conditional* variance (statsmodels' `random_effects_cov`); the second adds what
estimating beta costs. The variance components are treated as known (the usual plug-in). Comparative SEs are
the right ones for judging whether one group differs from the average (Goldstein & Spiegelhalter 1996, JRSS A
159:385-443), which is the question a 95% interval answers here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import optimize

from zhiliang.core.value_added.errors import ValueAddedInputError

Z_95 = 1.959963984540054
"""The 97.5% quantile of the standard normal distribution: a 95% interval is effect ± Z_95 × SE."""

LOG_LAM_BOUNDS = (-25.0, 12.0)
"""Search range of log(s2u / s2e): from a between-group variance 1e-11 of the residual one to 160,000 times it."""

MIN_STUDENTS = 5
"""Below this many students no model is fitted: the estimates would mean nothing."""

Array = NDArray[np.float64]


@dataclass(frozen=True)
class GroupSums:
    """Per-group sufficient statistics of the (centred) design and outcome."""

    n: Array  # students per group
    x: Array  # groups x p: sums of the design rows
    y: Array  # sums of the outcome
    xtx: Array  # X'X
    xty: Array  # X'y
    yty: float
    n_total: int


@dataclass(frozen=True)
class FitState:
    """Everything that follows from one value of lam."""

    lam: float
    log_likelihood: float
    beta: Array
    p_inverse: Array  # (X' H^-1 X)^-1
    residual_variance: float


@dataclass(frozen=True)
class RandomInterceptFit:
    """The fitted model: fixed effects (original scale), variance components, per-group predictions."""

    coefficients: Array  # intercept first, then the columns of X in order
    standard_errors: Array
    group_variance: float
    residual_variance: float
    log_likelihood: float  # REML, with its constant
    n_students: int
    group_n: Array
    raw_effects: Array  # mean residual of each group from the fixed part
    effects: Array  # BLUP
    standard_errors_effects: Array  # comparative
    conditional_standard_errors: Array
    reliability: Array

    @property
    def ci_low(self) -> Array:
        return self.effects - Z_95 * self.standard_errors_effects

    @property
    def ci_high(self) -> Array:
        return self.effects + Z_95 * self.standard_errors_effects


def group_sums(design: Array, outcome: Array, codes: NDArray[np.int64], n_groups: int) -> GroupSums:
    n = np.bincount(codes, minlength=n_groups).astype(np.float64)
    x = np.zeros((n_groups, design.shape[1]))
    for column in range(design.shape[1]):
        x[:, column] = np.bincount(codes, weights=design[:, column], minlength=n_groups)
    y = np.bincount(codes, weights=outcome, minlength=n_groups).astype(np.float64)
    return GroupSums(
        n=n,
        x=x,
        y=y,
        xtx=design.T @ design,
        xty=design.T @ outcome,
        yty=float(outcome @ outcome),
        n_total=int(outcome.shape[0]),
    )


def _state(sums: GroupSums, lam: float) -> FitState:
    """GLS estimate and profiled REML log-likelihood at one variance ratio (see the module docstring)."""
    p = sums.xtx.shape[0]
    w = lam / (1.0 + sums.n * lam)
    p_matrix = sums.xtx - (sums.x * w[:, None]).T @ sums.x
    xhy = sums.xty - sums.x.T @ (w * sums.y)
    yhy = sums.yty - float(np.sum(w * sums.y * sums.y))
    factor = np.linalg.cholesky(p_matrix)
    beta: Array = np.linalg.solve(p_matrix, xhy).astype(np.float64)
    quadratic = max(yhy - float(beta @ xhy), 1e-300)
    dof = sums.n_total - p
    residual_variance = quadratic / dof
    log_det_h = float(np.sum(np.log1p(sums.n * lam)))
    log_det_p = 2.0 * float(np.sum(np.log(np.diag(factor))))
    log_likelihood = -0.5 * (dof * math.log(2.0 * math.pi * residual_variance) + log_det_h + log_det_p + dof)
    p_inverse: Array = np.linalg.inv(p_matrix).astype(np.float64)
    return FitState(lam, log_likelihood, beta, p_inverse, residual_variance)


def _best_lambda(sums: GroupSums) -> FitState:
    """Maximise the profiled REML likelihood over lam >= 0: a grid on log lam, Brent's method, the boundary."""
    low, high = LOG_LAM_BOUNDS
    grid = np.linspace(low, high, 38)
    values = [_state(sums, math.exp(t)).log_likelihood for t in grid]
    best = int(np.argmax(values))
    bracket = (grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)])
    found = optimize.minimize_scalar(
        lambda t: -_state(sums, math.exp(t)).log_likelihood, bounds=bracket, method="bounded", options={"xatol": 1e-9}
    )
    candidates = [_state(sums, math.exp(float(found.x))), _state(sums, math.exp(grid[best])), _state(sums, 0.0)]
    return max(candidates, key=lambda state: state.log_likelihood)


def _check_design(design: Array, names: list[str]) -> None:
    """Refuse a design whose columns are collinear (the GLS system would be singular)."""
    scale = np.sqrt(np.sum(design * design, axis=0))
    if np.any(scale == 0):
        bad = [names[i] for i in np.flatnonzero(scale == 0)]
        raise ValueAddedInputError("collinear", columns="、".join(bad))
    normalised = design / scale
    singular = np.linalg.svd(normalised, compute_uv=False)
    if singular[-1] < 1e-8 * singular[0]:
        raise ValueAddedInputError("collinear", columns="、".join(names))


def fit_random_intercept(
    outcome: Array,
    covariates: Array,
    codes: NDArray[np.int64],
    n_groups: int,
    *,
    names: list[str] | None = None,
) -> RandomInterceptFit:
    """Fit y = 1*b0 + covariates*b + u[group] + e by REML; `codes` are 0 … n_groups - 1, every group used.

    `covariates` is students x k (k may be 0); `names` label its columns in error messages.
    """
    outcome = np.asarray(outcome, dtype=np.float64)
    covariates = np.asarray(covariates, dtype=np.float64).reshape(outcome.shape[0], -1)
    labels = names or [f"x{i + 1}" for i in range(covariates.shape[1])]
    n_students = outcome.shape[0]
    if n_students < max(MIN_STUDENTS, covariates.shape[1] + 2):
        raise ValueAddedInputError("too_few_rows", n=n_students, needed=max(MIN_STUDENTS, covariates.shape[1] + 2))
    # Centring the covariates keeps X'H^-1X well conditioned; the intercept is moved back afterwards.
    means = covariates.mean(axis=0)
    centred = covariates - means
    if covariates.shape[1]:
        _check_design(centred, labels)
    design = np.column_stack([np.ones(n_students), centred])
    sums = group_sums(design, outcome, codes, n_groups)
    state = _best_lambda(sums)
    lam, s2e = state.lam, state.residual_variance

    # Back to the original scale: b0 = b0c - means . b, with the matching covariance.
    transform = np.eye(design.shape[1])
    transform[0, 1:] = -means
    coefficients = transform @ state.beta
    covariance = s2e * (transform @ state.p_inverse @ transform.T)

    group_fitted = sums.x @ state.beta
    raw = (sums.y - group_fitted) / sums.n
    reliability = sums.n * lam / (1.0 + sums.n * lam)
    effects = reliability * raw
    w = lam / (1.0 + sums.n * lam)
    conditional = s2e * lam / (1.0 + sums.n * lam)
    beta_part = s2e * w * w * np.einsum("gi,ij,gj->g", sums.x, state.p_inverse, sums.x)
    return RandomInterceptFit(
        coefficients=coefficients,
        standard_errors=np.sqrt(np.diag(covariance)),
        group_variance=lam * s2e,
        residual_variance=s2e,
        log_likelihood=state.log_likelihood,
        n_students=n_students,
        group_n=sums.n,
        raw_effects=raw,
        effects=effects,
        standard_errors_effects=np.sqrt(conditional + beta_part),
        conditional_standard_errors=np.sqrt(conditional),
        reliability=reliability,
    )
