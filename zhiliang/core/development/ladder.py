"""The teacher growth ladder: stages, the criteria of each stage as data, and how a teacher measures up.

The ladder comes from the seed plans (达标教师 → 骨干教师 → 学科带头人 → 教学名师 → 专家型教师,
`/work/shared/seeds/000_*`). No national text fixes the conditions of each stage: counties and schools write
their own (years of service, training, lesson observation, awards, research, results). So the conditions are
*rules*, a mapping `{stage: {metric: minimum}}` stored as a versioned record and edited on a page; this module
only checks them and compares a teacher's figures with them.

A teacher is eligible for review for a stage when every condition of that stage is met. A figure that is not
known (no lesson observed yet, no exam result) does not meet its condition: review needs evidence.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

# Stage keys in ladder order (the same keys as people.GrowthStage).
STAGES: tuple[str, ...] = ("qualified", "backbone", "leader", "master", "expert")

_STAGE_LABELS: dict[str, tuple[str, str]] = {
    "qualified": ("达标教师", "Qualified teacher"),
    "backbone": ("骨干教师", "Backbone teacher"),
    "leader": ("学科带头人", "Subject leader"),
    "master": ("教学名师", "Master teacher"),
    "expert": ("专家型教师", "Expert teacher"),
}

# Metric key → (zh label, en label, unit zh, unit en). Every minimum is "at least".
METRICS: dict[str, tuple[str, str, str, str]] = {
    "years_of_service": ("教龄", "Years of service", "年", "years"),
    "training_hours": ("近5年培训学时", "Training hours in 5 years", "学时", "hours"),
    "observation_count": ("被听课节数", "Lessons observed", "节", "lessons"),
    "observation_mean": ("听课平均分", "Mean observation score", "分", "points"),
    "awards_county": ("县级及以上获奖", "Awards, county or above", "项", ""),
    "awards_municipal": ("市级及以上获奖", "Awards, municipal or above", "项", ""),
    "awards_provincial": ("省级及以上获奖", "Awards, provincial or above", "项", ""),
    "open_lessons": ("公开课", "Open lessons", "节", ""),
    "papers": ("发表论文", "Published papers", "篇", ""),
    "research_projects": ("主持或参与课题", "Research projects", "项", ""),
    "mentees": ("带教徒弟", "Mentees", "人", ""),
    "results_over_mean": ("考试超均率", "Exam over-mean rate", "%", "%"),
}

_ERRORS: dict[str, tuple[str, str]] = {
    "not_mapping": ("标准须为“阶段 → 条件”的对照表。", "The criteria must map each stage to its conditions."),
    "unknown_stage": ("未知的阶段“{stage}”。", "Unknown stage “{stage}”."),
    "first_stage": (
        "“达标教师”是起点，不设评审条件。",
        "“Qualified teacher” is the starting stage; it has no conditions.",
    ),
    "unknown_metric": ("未知的条件“{metric}”。", "Unknown condition “{metric}”."),
    "bad_minimum": (
        "{stage}的“{metric}”须为不小于 0 的数（现为“{value}”）。",
        "{stage}: “{metric}” must be a number of at least 0 (it is “{value}”).",
    ),
}


def _lang(lang: str) -> int:
    return 1 if lang.lower().startswith("en") else 0


def stage_label(stage: str, lang: str = "zh") -> str:
    return _STAGE_LABELS[stage][_lang(lang)] if stage in _STAGE_LABELS else stage


def metric_label(metric: str, lang: str = "zh") -> str:
    return METRICS[metric][_lang(lang)] if metric in METRICS else metric


def metric_unit(metric: str, lang: str = "zh") -> str:
    return METRICS[metric][2 + _lang(lang)] if metric in METRICS else ""


class CriteriaError(ValueError):
    """Rules that cannot be used, with a message in zh-Hans and English."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "zh") -> str:
        template = _ERRORS[self.code][_lang(lang)]
        params = dict(self.params)
        if "stage" in params:
            params["stage"] = stage_label(str(params["stage"]), lang)
        if "metric" in params:
            params["metric"] = metric_label(str(params["metric"]), lang)
        return template.format(**params)


Rules = dict[str, dict[str, Decimal]]


def parse_rules(data: Any) -> Rules:
    """Check stored or submitted rules and return them with `Decimal` minimums, stages in ladder order.

    Raises `CriteriaError` for an unknown stage or metric, a negative or non-numeric minimum, or conditions
    on the first stage. A stage with no conditions is kept (empty): nobody is then held back by it.
    """
    if not isinstance(data, Mapping):
        raise CriteriaError("not_mapping")
    rules: Rules = {}
    for stage, conditions in data.items():
        if stage not in STAGES:
            raise CriteriaError("unknown_stage", stage=stage)
        if stage == STAGES[0]:
            if conditions:
                raise CriteriaError("first_stage")
            continue
        if not isinstance(conditions, Mapping):
            raise CriteriaError("not_mapping")
        parsed: dict[str, Decimal] = {}
        for metric, value in conditions.items():
            if metric not in METRICS:
                raise CriteriaError("unknown_metric", metric=metric)
            try:
                minimum = Decimal(str(value))
            except (InvalidOperation, ValueError):
                raise CriteriaError("bad_minimum", stage=stage, metric=metric, value=value) from None
            if not minimum.is_finite() or minimum < 0:
                raise CriteriaError("bad_minimum", stage=stage, metric=metric, value=value)
            parsed[metric] = minimum
        rules[stage] = parsed
    return {stage: rules[stage] for stage in STAGES if stage in rules}


def default_rules() -> dict[str, dict[str, int]]:
    """A starting point a county adapts (our proposal, not a national rule; see docs/development.md).

    Each stage asks more years, the full 360 training hours from 学科带头人 on, observed lessons of a higher
    standard, awards at a higher level, research, and mentoring of younger teachers.
    """
    return {
        "backbone": {
            "years_of_service": 5,
            "training_hours": 240,
            "observation_count": 2,
            "observation_mean": 80,
            "awards_county": 1,
            "open_lessons": 1,
        },
        "leader": {
            "years_of_service": 10,
            "training_hours": 360,
            "observation_count": 2,
            "observation_mean": 85,
            "awards_municipal": 1,
            "open_lessons": 2,
            "papers": 1,
            "research_projects": 1,
            "mentees": 1,
        },
        "master": {
            "years_of_service": 15,
            "training_hours": 360,
            "observation_count": 3,
            "observation_mean": 88,
            "awards_provincial": 1,
            "papers": 3,
            "research_projects": 2,
            "mentees": 2,
            "results_over_mean": 0,
        },
        "expert": {
            "years_of_service": 20,
            "training_hours": 360,
            "observation_count": 3,
            "observation_mean": 90,
            "awards_provincial": 2,
            "papers": 5,
            "research_projects": 3,
            "mentees": 3,
            "results_over_mean": 0,
        },
    }


def next_stage(stage: str) -> str | None:
    """The stage after `stage`, or None at the top (an unknown stage counts as the first)."""
    index = STAGES.index(stage) if stage in STAGES else 0
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


@dataclass(frozen=True)
class CriterionResult:
    metric: str
    minimum: Decimal
    actual: float | None  # None: not known yet

    @property
    def met(self) -> bool:
        return self.actual is not None and Decimal(str(self.actual)) >= self.minimum

    @property
    def missing(self) -> bool:
        return self.actual is None


@dataclass(frozen=True)
class StageEvaluation:
    stage: str
    results: tuple[CriterionResult, ...]

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.results if r.met)

    @property
    def eligible(self) -> bool:
        """Every condition met (a stage without conditions is open to everyone below it)."""
        return all(r.met for r in self.results)

    @property
    def share(self) -> float:
        return self.met_count / len(self.results) if self.results else 1.0

    @property
    def unmet(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.results if not r.met)


def evaluate_stage(stage: str, rules: Rules, facts: Mapping[str, float | None]) -> StageEvaluation:
    """Compare a teacher's figures (`facts`, by metric) with the conditions of `stage` in `rules`."""
    conditions = rules.get(stage, {})
    results = tuple(
        CriterionResult(metric=metric, minimum=minimum, actual=facts.get(metric))
        for metric, minimum in conditions.items()
    )
    return StageEvaluation(stage=stage, results=results)


# Levels of a course, an award or an open lesson, lowest first (国家级 > 省级 > 市级 > 县级 > 校级).
LEVELS: tuple[str, ...] = ("school", "county", "municipal", "provincial", "national")


def count_at_or_above(levels: Iterable[str], minimum: str) -> int:
    """How many of `levels` are at `minimum` or higher (a 省级 award counts for 县级及以上 too)."""
    floor = LEVELS.index(minimum)
    return sum(1 for level in levels if level in LEVELS and LEVELS.index(level) >= floor)
