"""Value-added (增值评价): how far students moved, given where they started, per class, teacher or school.

A random-intercept multilevel model fitted by REML (`model`), empirical-Bayes group effects shrunk by their
reliability with comparative standard errors and 95% intervals, classified above / expected / below only when
the interval excludes 0 (`table`), and year-to-year stability (`stability`). Pure: numpy, scipy, polars.
Definitions and sources: the module docstrings and `docs/growth.md`.
"""

from zhiliang.core.value_added.errors import MESSAGES, ValueAddedInputError
from zhiliang.core.value_added.model import Z_95, RandomInterceptFit, fit_random_intercept
from zhiliang.core.value_added.stability import Stability, pearson, stability
from zhiliang.core.value_added.table import (
    ABOVE,
    BELOW,
    EXPECTED,
    GROUPS_SCHEMA,
    METHOD,
    Missing,
    ValueAdded,
    category,
    value_added,
)

__all__ = [
    "ABOVE",
    "BELOW",
    "EXPECTED",
    "GROUPS_SCHEMA",
    "MESSAGES",
    "METHOD",
    "Z_95",
    "Missing",
    "RandomInterceptFit",
    "Stability",
    "ValueAdded",
    "ValueAddedInputError",
    "category",
    "fit_random_intercept",
    "pearson",
    "stability",
    "value_added",
]
