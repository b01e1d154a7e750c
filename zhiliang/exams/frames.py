"""Building the analysis core's input frames from the database, and the labels that tie them back to ids.

Labels in the frames: grade 七年级, school name, class display name (七年级(1)班), student id = 学籍号,
teacher name (with the staff number when two teachers of a school share a name). `GradeLabels` maps them
back to database ids for links and scoping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import FloatField
from django.db.models.functions import Cast

from zhiliang.core.analytics import TOTAL, schema
from zhiliang.exams.models import Exam, ExamSubject, Score
from zhiliang.exams.score_writes import frame_from_rows
from zhiliang.org.models import SchoolClass, grade_name
from zhiliang.people.models import TeachingAssignment


def class_label(name: str, grade: int, number: int) -> str:
    """The class label used in analysis frames: the class's display name."""
    return name or f"{grade_name(grade)}({number})班"


def grade_subjects(exam: Exam, grade: int) -> list[ExamSubject]:
    """The exam subjects of a grade in catalogue order (from the prefetch when there is one)."""
    subjects = [es for es in exam.exam_subjects.all() if es.grade == grade]
    return sorted(subjects, key=lambda es: (es.subject.order, es.subject.code))


def scores_frame(exam: Exam, grade: int) -> pl.DataFrame:
    """The long frame of one grade's scores, from ONE query (labels as the module docstring says)."""
    rows = (
        Score.objects.filter(exam_subject__exam=exam, exam_subject__grade=grade)
        .annotate(score_f=Cast("score", FloatField()))
        .values_list(
            "student__student_number",
            "student__name",
            "school_class__school__name",
            "school_class__name",
            "school_class__number",
            "school_class__school__group__name",
            "exam_subject__subject__name",
            "score_f",
            "status",
        )
    )
    frame = frame_from_rows(
        rows.iterator(chunk_size=10_000),
        {
            "student_id": pl.String,
            "name": pl.String,
            "school": pl.String,
            "class_name": pl.String,
            "class_number": pl.Int64,
            "group": pl.String,
            "subject": pl.String,
            "score": pl.Float64,
            "status": pl.String,
        },
    )
    default_class = pl.lit(f"{grade_name(grade)}(") + pl.col("class_number").cast(pl.String) + pl.lit(")班")
    return frame.select(
        "student_id",
        "name",
        "school",
        pl.when(pl.col("class_name").fill_null("") != "").then("class_name").otherwise(default_class).alias("class"),
        pl.lit(grade_name(grade)).alias("grade"),
        "group",
        "subject",
        "score",
        "status",
    )


@dataclass
class GradeLabels:
    """Database ids behind the labels of one grade's analysis frames."""

    classes: dict[tuple[str, str], int] = field(default_factory=dict)  # (school, class label) → class id
    schools: dict[str, int] = field(default_factory=dict)
    teachers: dict[tuple[str, str], int] = field(default_factory=dict)  # (school, teacher label) → teacher id


def _assignment_rows(exam: Exam, grade: int) -> list[tuple[Any, ...]]:
    subject_names = [es.subject.name for es in grade_subjects(exam, grade)]
    from zhiliang.exams.services import exam_schools

    classes = SchoolClass.objects.filter(
        exam_schools(exam, "school__"), school_year_id=exam.term.school_year_id, grade=grade
    )
    rows = list(
        TeachingAssignment.objects.filter(
            term=exam.term, school_class__in=classes, subject__name__in=subject_names
        ).values_list(
            "teacher_id",
            "teacher__name",
            "teacher__staff_number",
            "school_class__school__name",
            "school_class__name",
            "school_class__number",
            "subject__name",
        )
    )
    rows += [
        (*row[:6], TOTAL)
        for row in classes.filter(head_teacher__isnull=False).values_list(
            "head_teacher_id", "head_teacher__name", "head_teacher__staff_number", "school__name", "name", "number"
        )
    ]
    return rows


def _teacher_label(name: str, staff_number: str, duplicated: bool) -> str:
    return f"{name}（{staff_number}）" if duplicated else name


def teachers_frame(exam: Exam, grade: int) -> tuple[pl.DataFrame | None, dict[tuple[str, str], int]]:
    """Teaching assignments of the grade (head teachers as 总分) and the (school, label) → teacher id map."""
    rows = _assignment_rows(exam, grade)
    if not rows:
        return None, {}
    names: dict[tuple[str, str], set[int]] = {}
    for teacher_id, name, _staff, school, *_rest in rows:
        names.setdefault((school, name), set()).add(teacher_id)
    records = []
    ids: dict[tuple[str, str], int] = {}
    for teacher_id, name, staff, school, class_name, number, subject in rows:
        label = _teacher_label(name, staff, len(names[(school, name)]) > 1)
        ids[(school, label)] = teacher_id
        records.append((label, school, grade_name(grade), class_label(class_name, grade, number), subject))
    frame = pl.DataFrame(records, schema=list(schema.INPUT_TEACHERS), orient="row")
    return frame, ids


def grade_labels(exam: Exam, grade: int) -> GradeLabels:
    from zhiliang.exams.services import exam_schools

    labels = GradeLabels()
    classes = SchoolClass.objects.filter(
        exam_schools(exam, "school__"), school_year_id=exam.term.school_year_id, grade=grade
    ).values_list("id", "school_id", "school__name", "name", "number")
    for class_id, school_id, school, name, number in classes:
        labels.classes[(school, class_label(name, grade, number))] = class_id
        labels.schools[school] = school_id
    _frame, labels.teachers = teachers_frame(exam, grade)
    return labels
