"""Students' standing in exams, read from the exam analysis (zhiliang/exams/analysis.py), for the support core.

Nothing here queries scores itself: every number (scores, totals, percentiles) comes from the cached
`grade_analysis(exam, grade)` tables; the lines are the exam's own (`thresholds_of`, docs/analysis.md). The only
score-table read is which exams a student has results in, to know which analyses to open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Q

from zhiliang.core.analytics import TOTAL, AnalysisConfig
from zhiliang.core.support import ExamCohort, OutcomePoint, StudentExam, low_subjects
from zhiliang.curriculum.models import Subject
from zhiliang.exams.analysis import grade_analysis, grade_subjects, thresholds_of
from zhiliang.exams.models import Exam, ExamScope, ExamStatus, Score
from zhiliang.org.models import SchoolClass

CRITICAL_MARGIN = AnalysisConfig().critical_margin_ratio


def exam_order(exam: Exam) -> tuple[int, int, str, int]:
    """Chronological order of exams (school year, term, date, id), as the exam analysis orders them."""
    return (
        exam.term.school_year.start_year,
        exam.term.number,
        exam.held_on.isoformat() if exam.held_on else "",
        exam.pk,
    )


def main_subjects() -> tuple[str, ...]:
    """The catalogue's main subjects (语数外), in catalogue order."""
    return tuple(Subject.objects.filter(is_main=True).order_by("order", "code").values_list("name", flat=True))


def class_exams(school_class: SchoolClass) -> list[tuple[Exam, int]]:
    """Published exams the class's cohort sat in its school, oldest first, with the grade it sat them in.

    This school year at the class's grade and the year before at the grade below (the same cohort).
    """
    school = school_class.school
    year = school_class.school_year.start_year
    covers = Q(scope=ExamScope.SCHOOL, school_id=school.pk) | Q(scope=ExamScope.COUNTY, county_id=school.county_id)
    if school.group_id:
        covers |= Q(scope=ExamScope.GROUP, group_id=school.group_id)
    exams = (
        Exam.objects.filter(covers, status=ExamStatus.PUBLISHED, term__school_year__start_year__in=[year, year - 1])
        .select_related("term__school_year")
        .prefetch_related("exam_subjects__subject")
    )
    found = []
    for exam in exams:
        grade = school_class.grade - (year - exam.term.school_year.start_year)
        if any(es.grade == grade for es in exam.exam_subjects.all()):
            found.append((exam, grade))
    return sorted(found, key=lambda pair: exam_order(pair[0]))


def low_lines(exam: Exam, grade: int) -> dict[str, float]:
    """The low-score line of every subject of a grade: low_ratio × full marks (the subject's own ratio if set)."""
    return {
        es.subject.name: float(thresholds_of(exam, es).low_ratio) * float(es.full_marks)
        for es in grade_subjects(exam, grade)
    }


def _by_student(frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for row in frame.iter_rows(named=True):
        rows.setdefault(row["student_id"], {})[row["subject"]] = row
    return rows


def students_table(
    exam: Exam, grade: int, frames: dict[Any, Any] | None = None
) -> tuple[pl.DataFrame, dict[str, float]]:
    """The analysis' student table of a grade and its low lines; `frames` keeps them for callers reading many."""
    key = (exam.pk, grade)
    if frames is not None and key in frames:
        return frames[key]  # type: ignore[no-any-return]
    found = (grade_analysis(exam, grade).frame("students"), low_lines(exam, grade))
    if frames is not None:
        frames[key] = found
    return found


def school_cohort(
    exam: Exam, grade: int, school_name: str, subjects: Sequence[str], *, frames: dict[Any, Any] | None = None
) -> ExamCohort:
    """Every student of a school's grade in an exam, as the identification core reads them."""
    table, lines = students_table(exam, grade, frames)
    frame = table.filter((pl.col("school") == school_name) & pl.col("subject").is_in([*subjects, TOTAL]))
    students = [
        StudentExam(
            student_id=sid,
            total=rows[TOTAL]["score"] if TOTAL in rows else None,
            scores={s: rows[s]["score"] for s in subjects if s in rows},
            low_lines={s: lines[s] for s in subjects if s in lines},
        )
        for sid, rows in _by_student(frame).items()
    ]
    return ExamCohort(exam_id=exam.pk, label=exam.name, students=students)


@dataclass(frozen=True)
class Standing:
    exam: Exam
    point: OutcomePoint
    low_subjects: tuple[str, ...]


def student_standings(
    student_number: str, student_pk: int, subjects: Sequence[str], *, frames: dict[Any, Any] | None = None
) -> list[Standing]:
    """The student's standing in every published exam they have results in, oldest first.

    `frames` (optional) keeps the analysis tables read, for callers going through many students (the demo).
    """
    pairs = set(
        Score.objects.filter(student_id=student_pk, exam_subject__exam__status=ExamStatus.PUBLISHED).values_list(
            "exam_subject__exam_id", "exam_subject__grade"
        )
    )
    exams = Exam.objects.filter(pk__in={exam_id for exam_id, _grade in pairs}).select_related("term__school_year")
    grade_of = dict(pairs)
    standings = []
    for exam in sorted(exams.prefetch_related("exam_subjects__subject"), key=exam_order):
        grade = grade_of[exam.pk]
        table, lines = students_table(exam, grade, frames)
        frame = table.filter(pl.col("student_id") == student_number)
        rows = _by_student(frame).get(student_number, {})
        total = rows.get(TOTAL)
        own = StudentExam(
            student_number,
            total["score"] if total else None,
            {s: rows[s]["score"] for s in subjects if s in rows},
            lines,
        )
        lows = low_subjects(own, subjects)
        sat_any = any(rows[s]["score"] is not None for s in subjects if s in rows)
        percentile = total["percentile"] if total else None
        point = OutcomePoint(exam.pk, exam.name, percentile, len(lows) if sat_any else None)
        standings.append(Standing(exam, point, lows))
    return standings


def class_students_frame(exam: Exam, grade: int, school_name: str, class_label: str) -> pl.DataFrame:
    """The analysis' student rows of one class in an exam."""
    return (
        grade_analysis(exam, grade)
        .frame("students")
        .filter((pl.col("school") == school_name) & (pl.col("class") == class_label))
    )


def full_marks_of(exam: Exam, grade: int) -> dict[str, float]:
    frame = grade_analysis(exam, grade).frame("full_marks")
    return dict(zip(frame.get_column("subject").to_list(), frame.get_column("full_marks").to_list(), strict=True))


def county_total_ranks(exam: Exam, grade: int) -> pl.DataFrame:
    """County rank on the total of every student with a total: student_id, name, school, class, score, rank."""
    return (
        grade_analysis(exam, grade)
        .frame("students")
        .filter((pl.col("subject") == TOTAL) & pl.col("rank_county").is_not_null())
        .select("student_id", "name", "school", "class", "score", "rank_county")
        .sort("rank_county")
    )


def exams_in(ids: Iterable[int]) -> dict[int, Exam]:
    return {exam.pk: exam for exam in Exam.objects.filter(pk__in=list(ids)).select_related("term__school_year")}
