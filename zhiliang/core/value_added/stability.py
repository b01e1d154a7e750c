"""Stability of value-added across years: do the same groups come out alike in two runs?

For the groups present in both runs (a school, or a teacher, with effects from this year's and last year's
pair of exams) the Pearson correlation of the two sets of effects, with the count. Year-to-year correlations
of teacher value-added are typically moderate (about 0.2-0.5; McCaffrey, Sass, Lockwood & Mihaly 2009,
Education Finance and Policy 4:572-606), which is why a single year should never decide about a person.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

MIN_GROUPS = 3
"""Fewer groups in common than this give no correlation (two points always lie on a line)."""


@dataclass(frozen=True)
class Stability:
    n: int  # groups in both runs
    correlation: float | None  # Pearson r of their effects; None with fewer than MIN_GROUPS or no spread


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """r = sum((x - mx)(y - my)) / sqrt(sum((x - mx)^2) sum((y - my)^2)); None when either has no spread."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def stability(first: Mapping[str, float], second: Mapping[str, float]) -> Stability:
    """Correlation of the effects of the groups found in both mappings (group name -> effect)."""
    common = sorted(set(first) & set(second))
    if len(common) < MIN_GROUPS:
        return Stability(n=len(common), correlation=None)
    return Stability(n=len(common), correlation=pearson([first[g] for g in common], [second[g] for g in common]))
