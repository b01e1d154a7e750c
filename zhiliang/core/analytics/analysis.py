"""``analyze_exam``: one exam's scores in, every table of the quality analysis out.

``ExamAnalysis`` is an immutable bundle of polars frames (column lists in ``schema``, meaning in
``docs/analysis.md``). It is the single input of the CLI, the xlsx/PDF reports and the web pages, and it can
be passed back as ``previous`` to the next exam's analysis to get rank changes and vertical comparisons.

The computation is vectorised: the scores are checked and turned into integer codes and a long frame once
(``prepare``), then each table is a few polars ``group_by`` aggregations over single integer keys, numpy
sorts and counts (``ranks``, ``bincount``) or joins of small frames; labels are attached only to the rows
that are output. Nothing here touches Django, files or the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from zhiliang.core.analytics.balance import balance_table
from zhiliang.core.analytics.bands import bands_table
from zhiliang.core.analytics.config import DEFAULT_CONFIG, AnalysisConfig, SubjectSpec
from zhiliang.core.analytics.contribution import contribution_table
from zhiliang.core.analytics.cut_lines import cut_lines_table
from zhiliang.core.analytics.lists import bottom_table, critical_table, top_counts_table, top_rows, top_table
from zhiliang.core.analytics.prepare import prepare
from zhiliang.core.analytics.students import student_profile, student_ranks, student_rows, students_table
from zhiliang.core.analytics.summary import compute_levels, summary_table
from zhiliang.core.analytics.teachers import teacher_comparison_table


@dataclass(frozen=True, eq=False)
class ExamAnalysis:
    """Every result of one exam's analysis.

    - ``config``, ``subjects`` (the exam's subjects followed by 总分; 总分's full marks are the largest over the
      grades, the exact per-grade value is in ``full_marks``), ``full_marks`` (grade, subject, full_marks);
    - ``summary``: 三率一分 and statistics per level (county, group, school, class, teacher) x grade x subject;
    - ``students`` (per student x subject) and ``student_profile`` (per student);
    - ``bands``, ``balance``, ``contribution``, ``cut_lines``;
    - lists ``critical``, ``top``, ``top_counts``, ``bottom``;
    - ``teacher_comparison`` (empty without teaching assignments);
    - ``issues``: data-quality findings that did not stop the analysis (scores not entered, assignments
      matching no class, classes without a teacher).
    """

    config: AnalysisConfig
    subjects: tuple[SubjectSpec, ...]
    full_marks: pl.DataFrame
    summary: pl.DataFrame
    students: pl.DataFrame
    student_profile: pl.DataFrame
    bands: pl.DataFrame
    balance: pl.DataFrame
    contribution: pl.DataFrame
    cut_lines: pl.DataFrame
    critical: pl.DataFrame
    top: pl.DataFrame
    top_counts: pl.DataFrame
    bottom: pl.DataFrame
    teacher_comparison: pl.DataFrame
    issues: pl.DataFrame

    FRAMES: ClassVar[tuple[str, ...]] = (
        "full_marks", "summary", "students", "student_profile", "bands", "balance", "contribution",
        "cut_lines", "critical", "top", "top_counts", "bottom", "teacher_comparison", "issues",
    )  # fmt: skip
    """Names of the frame attributes, in the order reports show them."""


def analyze_exam(
    scores: pl.DataFrame,
    subjects: Sequence[SubjectSpec],
    config: AnalysisConfig = DEFAULT_CONFIG,
    *,
    previous: ExamAnalysis | None = None,
    teachers: pl.DataFrame | None = None,
) -> ExamAnalysis:
    """Analyse one exam.

    ``scores`` is long: one row per student x subject with ``student_id, name, school, class, grade, group,
    subject, score, status`` (``status`` one of ``Status``; Chinese labels 缺考/免考/作弊/未录 are accepted).
    ``teachers`` (optional) lists teaching assignments ``teacher, school, grade, class, subject``.
    ``previous`` is the analysis of the earlier exam to compare with (matched by labels and student ids).

    Raises ``ScoresInputError`` (with rows and column) when the input cannot be analysed correctly.
    """
    prepared = prepare(scores, subjects, config, teachers)
    total = prepared.total_index
    before = previous.summary if previous is not None else None
    ranks = student_ranks(prepared)
    levels = compute_levels(prepared, config, ranks.order_statistics)
    rows = student_rows(
        prepared,
        ranks,
        levels["county"],
        config,
        previous.students if previous is not None else None,
    )
    top = top_rows(rows, config, total)
    return ExamAnalysis(
        config=config,
        subjects=prepared.subjects,
        full_marks=prepared.full_marks,
        summary=summary_table(levels, before),
        students=students_table(rows, prepared),
        student_profile=student_profile(rows, prepared),
        bands=bands_table(prepared, levels, config),
        balance=balance_table(levels),
        contribution=contribution_table(levels, total),
        cut_lines=cut_lines_table(prepared, levels, config),
        critical=critical_table(rows, prepared, config),
        top=top_table(top, prepared),
        top_counts=top_counts_table(top, levels, config, total),
        bottom=bottom_table(rows, prepared, config),
        teacher_comparison=teacher_comparison_table(prepared.assignments, levels, before),
        issues=prepared.issues,
    )
