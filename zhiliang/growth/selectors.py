"""Reads of growth and value-added: growth records of students, scoped value-added rows, the teacher summary.

Growth records come from the exams app's cached grade analyses (`grade_analysis(...).frame("students")`):
per student x subject x exam the score, status, ranks, z, T and percentile rank, computed there within each
exam and grade. Only the list of exams a set of students sat is read here (one query); the results follow
the students by 学籍号 across classes, years and schools, so transfers keep their history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import polars as pl

from zhiliang.accounts.scoping import scope_for, visible_classes, whole_school_ids
from zhiliang.exams.analysis import grade_analysis, grade_labels, teachers_frame
from zhiliang.exams.models import Exam, ExamScope, ExamStatus, Score
from zhiliang.exams.selectors import exam_grades, exams_visible
from zhiliang.exams.visibility import Visibility, visibility_for
from zhiliang.growth.models import county_context
from zhiliang.growth.pairs import ExamPair, exam_order, pair_for
from zhiliang.growth.value_added import SCHOOL, TEACHER, PairResult, fit_or_none, pair_frame
from zhiliang.org.models import SchoolClass, SchoolYear, grade_name
from zhiliang.people.models import Teacher, TeachingAssignment

RECORD_COLUMNS = (
    "student_id",
    "name",
    "school",
    "class",
    "subject",
    "score",
    "status",
    "t",
    "z",
    "percentile",
    "rank_class",
    "rank_school",
    "rank_county",
)
INDEX_EXAMS = 12
"""The index lists pairs ending in this many latest cross-school exams and as many latest school exams."""
SUMMARY_EXAMS = 6
"""How many of a teacher's latest exams (with an earlier exam to compare with) the summary covers."""


def exams_sat(student_ids: Iterable[int]) -> list[tuple[Exam, int]]:
    """(exam, grade) the students have results in, oldest first; drafts left out."""
    pairs = (
        Score.objects.filter(student_id__in=list(student_ids))
        .exclude(exam_subject__exam__status=ExamStatus.DRAFT)
        .values_list("exam_subject__exam_id", "exam_subject__grade")
        .distinct()
    )
    found = sorted(set(pairs))
    exams = Exam.objects.select_related("term__school_year").prefetch_related("exam_subjects__subject")
    by_id = {exam.pk: exam for exam in exams.filter(pk__in={exam_id for exam_id, _grade in found})}
    return sorted(((by_id[e], g) for e, g in found), key=lambda pair: (exam_order(pair[0]), pair[1]))


def growth_records(student_numbers: list[str], student_ids: list[int]) -> pl.DataFrame:
    """Every result of the students in every exam they sat, with the exam's name, date and order."""
    frames = []
    for position, (exam, grade) in enumerate(exams_sat(student_ids)):
        rows = grade_analysis(exam, grade, compare=False).frame("students")
        rows = rows.filter(pl.col("student_id").is_in(student_numbers)).select(RECORD_COLUMNS)
        held = exam.held_on or datetime.date(exam.term.school_year.start_year, 9, 1)
        frames.append(
            rows.with_columns(
                pl.lit(position).alias("position"),
                pl.lit(exam.pk).alias("exam_id"),
                pl.lit(exam.name).alias("exam"),
                pl.lit(held).alias("held_on"),
                pl.lit(grade).alias("grade"),
            )
        )
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="vertical_relaxed")


def only_subjects(records: pl.DataFrame, subjects: set[str] | None) -> pl.DataFrame:
    """Records cut to the subjects the user sees (None = all, 总分 included)."""
    if subjects is None or records.is_empty():
        return records
    return records.filter(pl.col("subject").is_in(sorted(subjects)))


def unit_means(records: pl.DataFrame) -> pl.DataFrame:
    """Mean T per exam x subject of a set of students (a class or a cohort), with how many sat."""
    if records.is_empty():
        return records
    return (
        records.filter(pl.col("t").is_not_null())
        .group_by("position", "exam_id", "exam", "held_on", "subject")
        .agg(
            pl.col("t").mean().alias("mean_t"),
            pl.col("percentile").mean().alias("mean_percentile"),
            pl.len().alias("n"),
        )
        .sort("position", "subject")
    )


# ---------------------------------------------------------------------------------------------------------
# The index: pairs, classes and cohorts of the user


def index_pairs(user: Any) -> list[dict[str, Any]]:
    """Pairs ending in the user's latest exams: cross-school exams first (schools need them), then school exams."""
    exams = exams_visible(user).exclude(status=ExamStatus.DRAFT).order_by("-held_on", "-pk")
    shared = list(exams.exclude(scope=ExamScope.SCHOOL)[:INDEX_EXAMS])
    pairs = []
    for exam in [*shared, *exams.filter(scope=ExamScope.SCHOOL)[:INDEX_EXAMS]]:
        for grade in exam_grades(exam):
            pair = pair_for(exam, grade)
            if pair is not None:
                pairs.append({"pair": pair, "grade_label": grade_name(grade)})
    return pairs


def current_classes(user: Any) -> list[SchoolClass]:
    current = SchoolYear.objects.filter(is_current=True)
    classes = visible_classes(user).filter(school_year__in=current).select_related("school")
    return list(classes.order_by("school__code", "grade", "number"))


def visible_cohorts(user: Any, classes: list[SchoolClass]) -> list[dict[str, Any]]:
    """School x grade of this year's classes that the user sees whole (whole-school roles, grade leaders)."""
    scope = scope_for(user)
    whole = set(whole_school_ids(user).values_list("id", flat=True))
    cohorts: dict[tuple[int, int, int], dict[str, Any]] = {}
    for c in classes:
        if c.school_id in whole or (c.school_id, c.grade) in scope.grade_pairs:
            cohorts.setdefault(
                (c.school_id, c.school_year_id, c.grade),
                {"school": c.school, "year": c.school_year_id, "grade": c.grade, "label": grade_name(c.grade)},
            )
    return list(cohorts.values())


# ---------------------------------------------------------------------------------------------------------
# Value-added rows a user may see


def visibility_of(user: Any, exam: Exam, grade: int) -> Visibility:
    return visibility_for(user, exam, grade, grade_labels(exam, grade))


def row_visible(visibility: Visibility, level: str, school: str, unit: str, subject: str) -> bool:
    """The exams app's rule for the row's kind (module docstring of `zhiliang.growth.access`)."""
    if visibility.everything or visibility.sees_school(school):
        return True
    if level == SCHOOL:
        partial = {s for s, _c in visibility.classes} | {s for s, _c, _subject in visibility.subjects}
        return school in partial
    if level == TEACHER:
        return (school, unit) in visibility.teachers
    return bool(visibility.class_subjects(school, unit, [subject]))


def scoped_groups(result: PairResult, visibility: Visibility) -> pl.DataFrame:
    keep = [
        row_visible(visibility, result.level, school, unit, result.subject)
        for school, unit in result.groups.select("school", "unit").iter_rows()
    ]
    return result.groups.filter(pl.Series(keep, dtype=pl.Boolean))


def scoped_students(result: PairResult, visibility: Visibility) -> pl.DataFrame:
    """Students (scatter points, rows left out) of the classes x subject the user sees."""
    if visibility.everything:
        return result.students
    return result.students.filter(visibility.student_rows(("school", "class", "subject")))


# ---------------------------------------------------------------------------------------------------------
# For other apps (the teacher archive): the teacher's own value-added, latest exams first


def _teacher_pairs(teacher: Teacher) -> list[tuple[ExamPair, list[str]]]:
    """The latest exam pairs in which the teacher taught a class of the later exam, with the subjects taught."""
    assignments = TeachingAssignment.objects.filter(teacher=teacher).values_list(
        "term_id", "school_class__grade", "subject__name"
    )
    taught: dict[tuple[int, int], set[str]] = {}
    for term_id, grade, subject in assignments:
        taught.setdefault((term_id, grade), set()).add(subject)
    exams = (
        Exam.objects.filter(
            county_id=teacher.county_id, status=ExamStatus.PUBLISHED, term_id__in={t for t, _g in taught}
        )
        .select_related("term__school_year")
        .prefetch_related("exam_subjects__subject")
    )
    found: list[tuple[ExamPair, list[str]]] = []
    for exam in sorted(exams, key=exam_order, reverse=True):
        for grade in sorted({es.grade for es in exam.exam_subjects.all()}):
            subjects = taught.get((exam.term_id, grade), set())
            subjects &= {es.subject.name for es in exam.exam_subjects.all() if es.grade == grade}
            pair = pair_for(exam, grade) if subjects else None
            if pair is not None:
                found.append((pair, sorted(subjects)))
        if len(found) >= SUMMARY_EXAMS:
            break
    return found[:SUMMARY_EXAMS]


def teacher_value_added_summary(teacher: Teacher) -> list[dict[str, Any]]:
    """The teacher's value-added per exam pair and subject taught, latest first (the caller scopes the teacher).

    Keys: `exam_pair` (str), `subject`, `effect`, `ci_low`, `ci_high` (T points), `category`
    ("above" / "expected" / "below").
    """
    context = county_context(teacher.county_id)
    summary: list[dict[str, Any]] = []
    for pair, subjects in _teacher_pairs(teacher):
        frame = pair_frame(pair)
        _frame, ids = teachers_frame(pair.outcome, pair.grade)
        keys = {key for key, teacher_id in ids.items() if teacher_id == teacher.pk}
        for subject in subjects:
            result = fit_or_none(pair, subject, TEACHER, context=context, frame=frame)
            if result is None:
                continue
            for row in result.groups.iter_rows(named=True):
                if (row["school"], row["unit"]) not in keys:
                    continue
                summary.append(
                    {
                        "exam_pair": pair.label,
                        "subject": subject,
                        "effect": row["effect"],
                        "ci_low": row["ci_low"],
                        "ci_high": row["ci_high"],
                        "category": row["category"],
                    }
                )
    return summary
