"""The National Student Physical Fitness Standard (国家学生体质健康标准, 2014 revision), vision and growth.

Pure computation: the standard's tables as data (`tables/`, sources in `tables/SOURCES.md`), measurements
as people write them (`measures.py`), scoring (`scoring.py`), vision grading (`vision.py`), group rates
(`rates.py`), the national upload layout (`upload.py`) and the results sheet reader (`sheet.py`).
See docs/fitness.md.
"""

from zhiliang.core.fitness import messages
from zhiliang.core.fitness.indicators import BY_KEY, INDICATOR_KEYS, INDICATORS, NAMES, grade_band, indicator_name
from zhiliang.core.fitness.measures import MeasureError, format_seconds, parse_measure, parse_seconds
from zhiliang.core.fitness.scoring import (
    EXEMPT_LABEL,
    IndicatorScore,
    Refusal,
    Refused,
    StudentScore,
    band_for,
    bmi_band,
    bmi_of,
    graduation,
    score_indicator,
    score_student,
)
from zhiliang.core.fitness.tables import Standard, load_standard

__all__ = [
    "BY_KEY",
    "EXEMPT_LABEL",
    "INDICATORS",
    "INDICATOR_KEYS",
    "NAMES",
    "IndicatorScore",
    "MeasureError",
    "Refusal",
    "Refused",
    "Standard",
    "StudentScore",
    "band_for",
    "bmi_band",
    "bmi_of",
    "format_seconds",
    "grade_band",
    "graduation",
    "indicator_name",
    "load_standard",
    "messages",
    "parse_measure",
    "parse_seconds",
    "score_indicator",
    "score_student",
]
