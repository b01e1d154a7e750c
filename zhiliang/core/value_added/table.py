"""Value-added from a table with one row per student: which rows are used, the design, and the results per group.

`value_added(frame, outcome=, priors=, group=, context=)` takes a polars frame, leaves out (and counts, per
column) the rows missing any value it needs, dummy-codes the declared context factors (the first level in
sorted order is the reference), fits the random-intercept model of `model.py` and returns the model summary
and one row per group: n, effect (shrunken), comparative SE, 95% interval, reliability and category.

A group is "above" or "below" expected only when its whole 95% interval lies above or below 0; otherwise it
is "expected" (its students progressed as the prior scores predict, within what chance explains).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from zhiliang.core.value_added.errors import ValueAddedInputError
from zhiliang.core.value_added.model import RandomInterceptFit, fit_random_intercept

METHOD = "REML random-intercept model, empirical-Bayes (BLUP) group effects, comparative standard errors"
ABOVE, EXPECTED, BELOW = "above", "expected", "below"

GROUPS_SCHEMA: dict[str, pl.DataType] = {
    "group": pl.String(),
    "n": pl.Int64(),
    "raw": pl.Float64(),
    "effect": pl.Float64(),
    "se": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "reliability": pl.Float64(),
    "category": pl.String(),
    "mean_prior": pl.Float64(),
    "mean_outcome": pl.Float64(),
}


def category(ci_low: float, ci_high: float) -> str:
    """ "above" when the interval lies wholly above 0, "below" when wholly below, else "expected"."""
    if ci_low > 0:
        return ABOVE
    if ci_high < 0:
        return BELOW
    return EXPECTED


@dataclass(frozen=True)
class Missing:
    """Rows left out of the model: how many, and how many lack each column (a row may lack several)."""

    rows: int
    used: int
    by_column: dict[str, int] = field(default_factory=dict)
    row_numbers: tuple[int, ...] = ()  # of the rows left out: `source_row` when given, else 1-based positions

    @property
    def left_out(self) -> int:
        return self.rows - self.used


@dataclass(frozen=True)
class ValueAdded:
    """The model summary, the group table (`GROUPS_SCHEMA`, ranked by effect) and the rows left out."""

    outcome: str
    priors: tuple[str, ...]
    group_column: str
    context: tuple[str, ...]
    coefficients: dict[str, float]
    standard_errors: dict[str, float]
    group_variance: float
    residual_variance: float
    log_likelihood: float
    n_students: int
    groups: pl.DataFrame
    missing: Missing
    used_rows: pl.DataFrame  # the rows of the model with their group, priors, outcome (scatter plots)

    @property
    def n_groups(self) -> int:
        return self.groups.height

    @property
    def intraclass_correlation(self) -> float:
        """Share of the residual variance (after the priors) lying between groups."""
        total = self.group_variance + self.residual_variance
        return self.group_variance / total if total > 0 else 0.0

    def model_json(self) -> dict[str, object]:
        """The `model` object of the CLI's JSON contract."""
        return {
            "method": METHOD,
            "n_students": self.n_students,
            "n_groups": self.n_groups,
            "coefficients": self.coefficients,
            "group_variance": self.group_variance,
            "residual_variance": self.residual_variance,
        }


def _check_columns(
    frame: pl.DataFrame, outcome: str, priors: Sequence[str], group: str, context: Sequence[str]
) -> None:
    roles = [outcome, *priors, group, *context]
    for column in roles:
        if column not in frame.columns:
            raise ValueAddedInputError("missing_column", column=column)
    for column in roles:
        if roles.count(column) > 1:
            raise ValueAddedInputError("same_column", column=column)


MISSING_MARKERS = frozenset({"NA", "N/A", "NaN", "-", "—", "--", "缺", "缺考", "免考", "空"})
"""Cell texts meaning "no value" (statistics packages write NA; schools write 缺考): counted as missing."""

ROW_LABEL = "__row__"
SOURCE_ROW = "source_row"
"""Optional column with the spreadsheet row of each row, used in messages (else 1-based positions)."""


def _numeric(frame: pl.DataFrame, column: str) -> pl.Series:
    """The column as floats; text that is not a number is an error naming the rows."""
    series = frame.get_column(column)
    if series.dtype.is_numeric():
        return series.cast(pl.Float64)
    text = series.cast(pl.String).str.strip_chars()
    text = pl.Series(
        column,
        [None if value in (None, "") or value in MISSING_MARKERS else value for value in text.to_list()],
        dtype=pl.String,
    )
    numbers = text.cast(pl.Float64, strict=False)
    bad = (numbers.is_null() & text.is_not_null()).arg_true().to_list()
    if bad:
        values = "、".join(str(text[i]) for i in bad[:5])
        labels = frame.get_column(SOURCE_ROW).to_list() if SOURCE_ROW in frame.columns else range(1, frame.height + 1)
        rows = "、".join(str(labels[i]) for i in bad[:5]) + ("…" if len(bad) > 5 else "")
        raise ValueAddedInputError("not_numeric", column=column, rows=rows, values=values)
    return numbers


def _dummies(frame: pl.DataFrame, context: Sequence[str]) -> tuple[list[np.ndarray], list[str]]:
    columns: list[np.ndarray] = []
    names: list[str] = []
    for factor in context:
        values = frame.get_column(factor).cast(pl.String)
        levels = sorted(set(values.to_list()))
        for level in levels[1:]:
            columns.append((values == level).cast(pl.Float64).to_numpy())
            names.append(f"{factor}={level}")
    return columns, names


def value_added(
    frame: pl.DataFrame,
    *,
    outcome: str,
    priors: Sequence[str],
    group: str,
    context: Sequence[str] = (),
) -> ValueAdded:
    """Fit the model on `frame` (one row per student) and return the effects per value of `group`."""
    _check_columns(frame, outcome, priors, group, context)
    numeric = {column: _numeric(frame, column) for column in (outcome, *priors)}
    labels = (
        frame.get_column(SOURCE_ROW) if SOURCE_ROW in frame.columns else pl.int_range(1, frame.height + 1, eager=True)
    )
    data = frame.select(
        labels.cast(pl.Int64).alias(ROW_LABEL),
        *(numeric[column].alias(column) for column in (outcome, *priors)),
        pl.col(group).cast(pl.String).str.strip_chars().replace("", None).alias(group),
        *(pl.col(c).cast(pl.String).str.strip_chars().replace("", None).alias(c) for c in context),
    )
    needed = [outcome, *priors, group, *context]
    by_column = {column: int(data.get_column(column).is_null().sum()) for column in needed}
    used = data.drop_nulls(needed)
    left_out = data.filter(pl.any_horizontal(pl.col(needed).is_null())).get_column(ROW_LABEL).to_list()
    missing = Missing(rows=frame.height, used=used.height, by_column=by_column, row_numbers=tuple(left_out))

    names = sorted(set(used.get_column(group).to_list()))
    if len(names) < 2:
        raise ValueAddedInputError("too_few_groups", n=len(names), column=group)
    codes = used.get_column(group).replace_strict(names, list(range(len(names))), return_dtype=pl.Int64).to_numpy()
    dummy_columns, dummy_names = _dummies(used, context)
    prior_columns = [used.get_column(p).to_numpy() for p in priors]
    covariates = (
        np.column_stack([*prior_columns, *dummy_columns]) if (priors or dummy_columns) else np.zeros((used.height, 0))
    )
    fit = fit_random_intercept(
        used.get_column(outcome).to_numpy(), covariates, codes, len(names), names=[*priors, *dummy_names]
    )
    return _result(fit, used, names, outcome, list(priors), group, list(context), dummy_names, missing, codes)


def _result(
    fit: RandomInterceptFit,
    used: pl.DataFrame,
    names: list[str],
    outcome: str,
    priors: list[str],
    group: str,
    context: list[str],
    dummy_names: list[str],
    missing: Missing,
    codes: np.ndarray,
) -> ValueAdded:
    labels = ["intercept", *priors, *dummy_names]
    n = fit.group_n
    first_prior = (
        np.bincount(codes, weights=used.get_column(priors[0]).to_numpy(), minlength=len(names)) / n
        if priors
        else np.full(len(names), np.nan)
    )
    mean_outcome = np.bincount(codes, weights=used.get_column(outcome).to_numpy(), minlength=len(names)) / n
    low, high = fit.ci_low, fit.ci_high
    groups = pl.DataFrame(
        {
            "group": names,
            "n": n.astype(np.int64),
            "raw": fit.raw_effects,
            "effect": fit.effects,
            "se": fit.standard_errors_effects,
            "ci_low": low,
            "ci_high": high,
            "reliability": fit.reliability,
            "category": [category(float(a), float(b)) for a, b in zip(low, high, strict=True)],
            "mean_prior": first_prior,
            "mean_outcome": mean_outcome,
        },
        schema=GROUPS_SCHEMA,
    ).sort(["effect", "group"], descending=[True, False])
    return ValueAdded(
        outcome=outcome,
        priors=tuple(priors),
        group_column=group,
        context=tuple(context),
        coefficients={label: float(v) for label, v in zip(labels, fit.coefficients, strict=True)},
        standard_errors={label: float(v) for label, v in zip(labels, fit.standard_errors, strict=True)},
        group_variance=fit.group_variance,
        residual_variance=fit.residual_variance,
        log_likelihood=fit.log_likelihood,
        n_students=fit.n_students,
        groups=groups,
        missing=missing,
        used_rows=used,
    )
