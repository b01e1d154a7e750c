"""Balanced development of compulsory education (义务教育优质均衡, 教督〔2017〕6号): the seven resource
indicators per school, the school rule, the county's enrolment-weighted coefficients of variation, stage
splitting and exclusions, consistency checks and the checklists of the other three parts. Pure Python."""

from zhiliang.core.balance.contract import contract
from zhiliang.core.balance.cv import WeightedCV, weighted_cv
from zhiliang.core.balance.evaluate import (
    CountyIndicator,
    Evaluation,
    Excluded,
    IndicatorResult,
    SchoolInput,
    StageResult,
    changed_input,
    evaluate,
    indicator_result,
    with_change,
)
from zhiliang.core.balance.indicators import (
    BY_KEY,
    CV_LIMITS,
    FLOOR_RATIO,
    INDICATORS,
    KEYS,
    MIN_MET,
    SOURCE,
    STAGES,
    Indicator,
    Stage,
)

__all__ = [
    "BY_KEY",
    "CV_LIMITS",
    "FLOOR_RATIO",
    "INDICATORS",
    "KEYS",
    "MIN_MET",
    "SOURCE",
    "STAGES",
    "CountyIndicator",
    "Evaluation",
    "Excluded",
    "Indicator",
    "IndicatorResult",
    "SchoolInput",
    "Stage",
    "StageResult",
    "WeightedCV",
    "changed_input",
    "contract",
    "evaluate",
    "indicator_result",
    "weighted_cv",
    "with_change",
]
