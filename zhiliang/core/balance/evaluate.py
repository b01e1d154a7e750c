"""Evaluate the schools of a county against the seven indicators, and the county against the CV limits.

Source: 教督〔2017〕6号 第五条 (indicators, school rule, CV limits); the CV is computed as the official
校际差异系数 of 教督〔2012〕3号 (see `cv.py`). Inputs are `SchoolInput`s, one per school, holding the school's
enrolment and teacher counts per stage and its facility totals for the whole school; `evaluate` splits the
facilities of multi-stage schools (`split.py`), drops the excluded ones with the reason, evaluates each part
and computes the county's coefficients of variation. Nothing is hidden: every result carries the figures it
was computed from (students, quantity, share of the facilities) so a reviewer can redo each number by hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from zhiliang.core.balance.cv import WeightedCV, weighted_cv
from zhiliang.core.balance.indicators import (
    CV_LIMITS,
    FLOOR_RATIO,
    INDICATORS,
    MIN_MET,
    STAGES,
    Indicator,
    Stage,
)
from zhiliang.core.balance.split import exclusion, stage_shares


@dataclass(frozen=True)
class SchoolInput:
    """One school: `students` per stage ("小学", "初中", and "高中" for the split only), teacher counts per stage
    {stage: {indicator key: count}}, facility totals of the whole school {indicator key: amount}."""

    school: str
    school_type: str | None
    students: Mapping[str, int]
    teachers: Mapping[str, Mapping[str, float]]
    facilities: Mapping[str, float]


@dataclass(frozen=True)
class IndicatorResult:
    key: str
    quantity: float  # the count or total this stage has (after the split for facilities)
    value: float | None  # per student or per 100 students; None with no students
    standard: float
    met: bool
    ratio: float | None  # value / standard
    shortfall: float  # how much of the quantity is missing (0 when met): people, rooms, m², yuan

    @property
    def needed(self) -> float:
        return self.quantity + self.shortfall


@dataclass(frozen=True)
class StageResult:
    """One school part (a school, or one stage of a multi-stage school) and its seven indicators."""

    school: str
    school_type: str | None
    stage: Stage
    students: int
    share: float  # share of the school's facilities given to this stage (1.0 for a one-stage school)
    facilities_total: Mapping[str, float]  # the school's facility totals before the split
    indicators: dict[str, IndicatorResult]

    @property
    def met_count(self) -> int:
        return sum(1 for result in self.indicators.values() if result.met)

    @property
    def below_floor(self) -> list[str]:
        """Indicators under 85 % of their standard (any one of them fails the school)."""
        return [key for key, r in self.indicators.items() if r.ratio is None or r.ratio < FLOOR_RATIO]

    @property
    def meets_standard(self) -> bool:
        """At least six of the seven met and none below 85 % of its standard (教督〔2017〕6号 第五条)."""
        return self.met_count >= MIN_MET and not self.below_floor


@dataclass(frozen=True)
class Excluded:
    school: str
    school_type: str | None
    stage: str
    students: int
    reason: str  # special_education, vocational, small_teaching_point


@dataclass(frozen=True)
class CountyIndicator:
    key: str
    stage: Stage
    cv: WeightedCV
    limit: float

    @property
    def met(self) -> bool | None:
        return None if self.cv.cv is None else self.cv.cv <= self.limit


@dataclass(frozen=True)
class Evaluation:
    schools: list[StageResult]
    excluded: list[Excluded]
    county: dict[Stage, dict[str, CountyIndicator]] = field(default_factory=dict)

    def stage_meets(self, stage: Stage) -> bool | None:
        """Every indicator's CV within its limit (None when the stage has no schools)."""
        results = [item.met for item in self.county.get(stage, {}).values()]
        if not results or any(met is None for met in results):
            return None
        return all(results)

    def part(self, school: str, stage: str) -> StageResult | None:
        return next((r for r in self.schools if r.school == school and r.stage == stage), None)


def indicator_result(indicator: Indicator, stage: Stage, quantity: float, students: int) -> IndicatorResult:
    """Value = quantity / students × per; the shortfall is what must be added to the quantity to reach the
    standard: standard × students / per − quantity, rounded up to whole people or rooms, up to whole m² or
    yuan (a principal cannot hire 0.3 teachers)."""
    standard = indicator.standard(stage)
    if students <= 0:
        return IndicatorResult(indicator.key, quantity, None, standard, False, None, 0.0)
    value = quantity / students * indicator.per
    met = value >= standard - 1e-9
    needed = standard * students / indicator.per
    shortfall = 0.0 if met else math.ceil(needed - quantity - 1e-9)
    return IndicatorResult(indicator.key, quantity, value, standard, met, value / standard, float(shortfall))


def evaluate(inputs: Iterable[SchoolInput]) -> Evaluation:
    """Split, exclude, evaluate each part and compute the county CVs by stage."""
    parts: list[StageResult] = []
    excluded: list[Excluded] = []
    for school in inputs:
        compulsory = {stage: int(school.students.get(stage, 0)) for stage in STAGES}
        reason = exclusion(school.school_type, sum(compulsory.values()))
        if reason is not None:
            for stage, count in compulsory.items():
                if count > 0 or stage in school.students:
                    excluded.append(Excluded(school.school, school.school_type, stage, count, reason))
            continue
        shares = stage_shares(school.school_type, {s: int(n) for s, n in school.students.items()})
        for stage in STAGES:
            if stage not in school.students:
                continue
            students = compulsory[stage]
            share = shares.get(stage, 0.0)
            results = {}
            for indicator in INDICATORS:
                if indicator.facility:
                    quantity = float(school.facilities.get(indicator.key, 0.0)) * share
                else:
                    quantity = float(school.teachers.get(stage, {}).get(indicator.key, 0.0))
                results[indicator.key] = indicator_result(indicator, stage, quantity, students)
            parts.append(
                StageResult(school.school, school.school_type, stage, students, share, dict(school.facilities), results)
            )
    return Evaluation(parts, excluded, county_cvs(parts))


def county_cvs(parts: list[StageResult]) -> dict[Stage, dict[str, CountyIndicator]]:
    """Per stage and indicator, the enrolment-weighted CV over the school parts of that stage."""
    county: dict[Stage, dict[str, CountyIndicator]] = {}
    for stage in STAGES:
        members = [part for part in parts if part.stage == stage and part.students > 0]
        county[stage] = {}
        for indicator in INDICATORS:
            cv = weighted_cv(
                [part.school for part in members],
                [part.indicators[indicator.key].quantity for part in members],
                [part.students for part in members],
                per=indicator.per,
            )
            county[stage][indicator.key] = CountyIndicator(indicator.key, stage, cv, CV_LIMITS[stage])
    return county


def with_change(inputs: list[SchoolInput], school: str, change: SchoolInput) -> list[SchoolInput]:
    """The inputs with one school's replaced (what-if): evaluate both lists and compare."""
    return [change if item.school == school else item for item in inputs]


def changed_input(
    base: SchoolInput,
    *,
    students: Mapping[str, int] | None = None,
    teachers: Mapping[str, Mapping[str, float]] | None = None,
    facilities: Mapping[str, float] | None = None,
) -> SchoolInput:
    """A copy of `base` with the given parts updated key by key (what-if edits one figure at a time)."""
    new_teachers = {stage: dict(counts) for stage, counts in base.teachers.items()}
    for stage, counts in (teachers or {}).items():
        new_teachers.setdefault(stage, {}).update(counts)
    return replace(
        base,
        students={**base.students, **(students or {})},
        teachers=new_teachers,
        facilities={**base.facilities, **(facilities or {})},
    )
