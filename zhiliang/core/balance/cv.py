"""The coefficient of variation of one indicator across the schools of a county, computed the official way.

Source: 教督〔2017〕6号 第五条 (the county's 校际差异系数 of each indicator: 小学 ≤ 0.50, 初中 ≤ 0.45), computed
as in 教督〔2012〕3号 《县域义务教育均衡发展督导评估暂行办法》 附件 "县域义务教育校际均衡指标计算方法"
(/work/shared/standards/balanced-development-2017.md, source F, [2✓]). For schools i = 1…n with enrolment
P_i (P = Σ P_i) and indicator values X_i:

    X̄   = Σ quantity_i / P × per          (the county total over county enrolment, = Σ P_i X_i / P)
    d_i = (P_i / P) · (X_i − X̄)²
    S   = √(Σ d_i)                         (the enrolment-weighted standard deviation)
    CV  = S / X̄

Source F's worked check: Σ d_i = 10.65, S = 3.26, X̄ = 6.33, CV = 0.515. A school's `d_i` is its share of
the variance, so the schools with the largest terms are the ones pulling the CV up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    school: str
    value: float
    weight: float  # P_i / P
    term: float  # d_i


@dataclass(frozen=True)
class WeightedCV:
    mean: float | None
    sd: float | None
    cv: float | None  # None when there is no school or the mean is 0
    terms: tuple[Term, ...]

    def pulling_up(self, limit: int = 3) -> list[tuple[str, float, float]]:
        """The schools with the largest d_i, with their value and share of Σ d_i (largest first)."""
        total = sum(term.term for term in self.terms)
        if total <= 0:
            return []
        ranked = sorted(self.terms, key=lambda term: term.term, reverse=True)
        return [(term.school, term.value, term.term / total) for term in ranked[:limit] if term.term > 0]


def weighted_cv(
    schools: Sequence[str], quantities: Sequence[float], students: Sequence[int], *, per: int = 1
) -> WeightedCV:
    """The enrolment-weighted CV of quantity / students × per (see the module docstring)."""
    if not (len(schools) == len(quantities) == len(students)):
        raise ValueError("schools, quantities and students must have the same length")
    if any(count < 0 for count in students):
        raise ValueError("enrolment cannot be negative")
    total = sum(students)
    if total <= 0:
        return WeightedCV(None, None, None, ())
    mean = sum(quantities) / total * per
    terms = []
    for school, quantity, count in zip(schools, quantities, students, strict=True):
        if count == 0:
            continue
        value = quantity / count * per
        weight = count / total
        terms.append(Term(school, value, weight, weight * (value - mean) ** 2))
    sd = math.sqrt(sum(term.term for term in terms))
    cv = None if mean == 0 else sd / mean
    return WeightedCV(mean, sd, cv, tuple(terms))
