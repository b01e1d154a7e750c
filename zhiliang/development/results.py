"""A teacher's exam results for the growth archive and the ladder, read from the exams app's analysis.

The exams app already computes every teacher's row (class × subject: mean, 三率一分, over-mean rate, rank) in
its cached grade analysis (`zhiliang.exams.analysis.grade_analysis`, frame `teacher_comparison`) and maps
labels back to teacher ids (`zhiliang.exams.frames.grade_labels`). We read those rows, never the scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db.models import Q, QuerySet

from zhiliang.core.analytics import TOTAL
from zhiliang.exams.analysis import grade_analysis
from zhiliang.exams.frames import grade_labels
from zhiliang.exams.models import Exam, ExamScope, ExamStatus
from zhiliang.exams.selectors import exam_grades
from zhiliang.org.models import School

# How many recent published exams the archive and the ladder read (each is one cached analysis per grade).
RECENT_EXAMS = 6


def recent_exams(schools: Iterable[School], limit: int = RECENT_EXAMS) -> list[Exam]:
    """The latest published exams covering any of `schools`, newest first."""
    schools = list(schools)
    if not schools:
        return []
    covers = Q(pk__in=[])
    for school in schools:
        covers |= Q(scope=ExamScope.SCHOOL, school_id=school.pk)
        if school.group_id:
            covers |= Q(scope=ExamScope.GROUP, group_id=school.group_id)
        covers |= Q(scope=ExamScope.COUNTY, county_id=school.county_id)
    exams: QuerySet[Exam] = (
        Exam.objects.filter(covers, status=ExamStatus.PUBLISHED)
        .select_related("term__school_year")
        .prefetch_related("exam_subjects__subject")
        .order_by("-term__school_year__start_year", "-term__number", "-held_on", "-pk")
        .distinct()
    )
    return list(exams[:limit])


def teacher_result_rows(exams: Iterable[Exam], teacher_ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    """Rows of `teacher_comparison` for the given teachers, with the exam and grade, by teacher id."""
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for exam in exams:
        for grade in exam_grades(exam):
            labels = grade_labels(exam, grade)
            wanted = {key: tid for key, tid in labels.teachers.items() if tid in teacher_ids}
            if not wanted:
                continue
            frame = grade_analysis(exam, grade, compare=False).frame("teacher_comparison")
            schools = sorted({school for school, _label in wanted})
            names = sorted({label for _school, label in wanted})
            mine = frame.filter(pl.col("school").is_in(schools) & pl.col("teacher").is_in(names))
            for row in mine.iter_rows(named=True):
                teacher_id = wanted.get((row["school"], row["teacher"]))
                if teacher_id is not None:
                    rows[teacher_id].append(
                        {**row, "exam": exam, "grade_number": grade, "is_total": row["subject"] == TOTAL}
                    )
    return rows


def mean_over_mean_rate(rows: list[dict[str, Any]]) -> float | None:
    """Mean over-mean rate (超均率) of a teacher's subject rows, in percent; None without results.

    The head teacher's 总分 rows are left out: the ladder asks about the teacher's own subject teaching.
    """
    values = [row["over_mean_rate"] for row in rows if not row["is_total"] and row["over_mean_rate"] is not None]
    if not values:
        return None
    return round(100 * sum(values) / len(values), 2)
