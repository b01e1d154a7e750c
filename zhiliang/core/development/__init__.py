"""Teacher development: the five-year training requirement and the growth ladder, as pure functions.

`training` counts a teacher's training hours in the five years before a date against the 360-hour
requirement; `ladder` reads versioned criteria (data a school or bureau edits, never code) and says how far a
teacher is from the next stage of 达标教师 → 骨干教师 → 学科带头人 → 教学名师 → 专家型教师.
"""

from zhiliang.core.development.ladder import (
    LEVELS,
    METRICS,
    STAGES,
    CriteriaError,
    CriterionResult,
    StageEvaluation,
    count_at_or_above,
    default_rules,
    evaluate_stage,
    metric_label,
    metric_unit,
    next_stage,
    parse_rules,
    stage_label,
)
from zhiliang.core.development.training import (
    REQUIRED_HOURS,
    WINDOW_YEARS,
    TrainingHours,
    TrainingProgress,
    training_progress,
    window_start,
    years_between,
)

__all__ = [
    "LEVELS",
    "METRICS",
    "REQUIRED_HOURS",
    "STAGES",
    "WINDOW_YEARS",
    "CriteriaError",
    "CriterionResult",
    "StageEvaluation",
    "TrainingHours",
    "TrainingProgress",
    "count_at_or_above",
    "default_rules",
    "evaluate_stage",
    "metric_label",
    "metric_unit",
    "next_stage",
    "parse_rules",
    "stage_label",
    "training_progress",
    "window_start",
    "years_between",
]
