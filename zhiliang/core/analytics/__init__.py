"""Exam quality analysis (考试质量分析): the pure computational core.

Scores of one exam go in as a long polars frame (one row per student x subject); ``analyze_exam`` returns an
``ExamAnalysis`` with 三率一分 per county/group/school/class/teacher, student ranks and standard scores,
score bands, balance (CV), subject contribution, 分档上线, 临界生, top and bottom lists and teacher
comparisons. No Django, no I/O: the CLI, the report renderers and the web pages all call this.

Modules: ``config`` (settings and vocabulary), ``checks`` (reading and row-by-row checks of the input),
``prepare`` (integer codes and the long frame), ``keys`` and ``ranks`` (integer keys of the rows, sorting
within groups), ``summary``, ``students``, ``bands``, ``balance``, ``contribution``, ``cut_lines``, ``lists``,
``teachers`` (one table family each), ``schema`` (every output column), ``errors``, ``analysis`` (the entry
point).
Definitions and sources: ``docs/analysis.md``.
"""

from zhiliang.core.analytics import schema
from zhiliang.core.analytics.analysis import ExamAnalysis, analyze_exam
from zhiliang.core.analytics.checks import STATUS_ALIASES
from zhiliang.core.analytics.config import (
    DEFAULT_CONFIG,
    DEFAULT_GRADE_LEVELS,
    TOTAL,
    AnalysisConfig,
    CompositeWeights,
    GradeLevel,
    Status,
    SubjectSpec,
    Thresholds,
)
from zhiliang.core.analytics.errors import ScoresInputError

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_GRADE_LEVELS",
    "STATUS_ALIASES",
    "TOTAL",
    "AnalysisConfig",
    "CompositeWeights",
    "ExamAnalysis",
    "GradeLevel",
    "ScoresInputError",
    "Status",
    "SubjectSpec",
    "Thresholds",
    "analyze_exam",
    "schema",
]
