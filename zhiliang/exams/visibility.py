"""Which rows of an analysis a user may see, by the labels the analysis uses.

The analysis of a grade is computed once for everybody (county ranks need every school). Before a page,
an export or a report shows it, its tables are cut down to the user's scope, derived from
`zhiliang/accounts/scoping.py`:

* bureau roles: everything; a group leader: the schools of the group (and the group rows);
* principal / academic director: their schools entirely (classes, teachers, students);
* grade leader: their school's classes of that grade entirely;
* head teacher: their classes with every subject and the total;
* subject teacher: their classes, only the subjects they teach (no 总分, which sums the other subjects).

County rows are kept for everyone as the reference line (a county mean reveals no school or child); a school's
own rows are kept for staff who see part of it, for the subjects they see.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from zhiliang.accounts.scoping import scope_for
from zhiliang.core.analytics import TOTAL, ExamAnalysis
from zhiliang.curriculum.models import Subject
from zhiliang.exams.analysis import GradeLabels
from zhiliang.exams.models import Exam
from zhiliang.org.models import School

SEP = "\x1f"


@dataclass(frozen=True)
class Visibility:
    everything: bool = False
    groups: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()  # whole schools
    classes: frozenset[tuple[str, str]] = frozenset()  # (school, class): all subjects and the total
    subjects: frozenset[tuple[str, str, str]] = frozenset()  # (school, class, subject)
    teachers: frozenset[tuple[str, str]] = frozenset()  # (school, teacher label): the user's own rows

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.groups or self.schools or self.classes or self.subjects)

    def sees_school(self, school: str) -> bool:
        return self.everything or school in self.schools

    def sees_class(self, school: str, class_name: str) -> bool:
        """All subjects of the class (head teacher and above)."""
        return self.everything or school in self.schools or (school, class_name) in self.classes

    def class_subjects(self, school: str, class_name: str, subjects: list[str]) -> list[str]:
        if self.sees_class(school, class_name):
            return subjects
        return [s for s in subjects if (school, class_name, s) in self.subjects]

    # -- polars filters ------------------------------------------------------------------------------

    def _class_keys(self) -> list[str]:
        return [f"{s}{SEP}{c}" for s, c in self.classes]

    def _subject_keys(self) -> list[str]:
        return [f"{s}{SEP}{c}{SEP}{subject}" for s, c, subject in self.subjects]

    def _school_subject_keys(self) -> list[str]:
        keys = {f"{s}{SEP}{subject}" for s, _c, subject in self.subjects}
        return sorted(keys)

    def _partial_schools(self) -> list[str]:
        return sorted({s for s, _c in self.classes})

    def student_rows(self, columns: Iterable[str] = ("school", "class", "subject")) -> pl.Expr:
        """Rows of per-student frames (students, critical, bottom, top …) and of class units.

        A frame without a subject column (student profiles, cut lines) is about the total.
        """
        if self.everything:
            return pl.lit(True)
        school, klass = pl.col("school"), pl.col("class")
        subject = pl.col("subject") if "subject" in columns else pl.lit(TOTAL)
        return (
            school.is_in(sorted(self.schools))
            | (school + SEP + klass).is_in(self._class_keys())
            | (school + SEP + klass + SEP + subject).is_in(self._subject_keys())
        ).fill_null(False)

    def unit_rows(self, columns: Iterable[str]) -> pl.Expr:
        """Rows of per-unit frames with a `level` column (summary, bands, cut_lines, contribution …)."""
        if self.everything:
            return pl.lit(True)
        columns = set(columns)
        level, school = pl.col("level"), pl.col("school")
        subject = pl.col("subject") if "subject" in columns else pl.lit(TOTAL)
        teacher = pl.col("teacher") if "teacher" in columns else pl.lit(None, dtype=pl.String)
        return (
            pl.when(level == "county")
            .then(True)
            .when(level == "group")
            .then(pl.col("group").is_in(sorted(self.groups)))
            .when(level == "school")
            .then(
                school.is_in(sorted(self.schools))
                | school.is_in(self._partial_schools())
                | (school + SEP + subject).is_in(self._school_subject_keys())
            )
            .when(level == "teacher")
            .then(school.is_in(sorted(self.schools)) | (school + SEP + teacher).is_in(self._teacher_keys()))
            .otherwise(self.student_rows(columns))
            .fill_null(False)
        )

    def _teacher_keys(self) -> list[str]:
        return [f"{s}{SEP}{t}" for s, t in self.teachers]

    def teacher_rows(self) -> pl.Expr:
        if self.everything:
            return pl.lit(True)
        school = pl.col("school")
        return (
            school.is_in(sorted(self.schools)) | (school + SEP + pl.col("teacher")).is_in(self._teacher_keys())
        ).fill_null(False)

    def school_rows(self) -> pl.Expr:
        """Rows of school-level frames without a class (balance within a school, top counts …)."""
        if self.everything:
            return pl.lit(True)
        return pl.col("school").is_in(sorted(self.schools)).fill_null(False)


def _frame_filter(name: str, frame: pl.DataFrame, visibility: Visibility) -> pl.DataFrame:
    if visibility.everything:
        return frame
    columns = set(frame.columns)
    if name in {"full_marks", "issues"}:
        return frame.filter(pl.col("school").is_in(sorted(visibility.schools))) if name == "issues" else frame
    if name == "teacher_comparison":
        return frame.filter(visibility.teacher_rows())
    if name == "balance":
        # CV across schools is a county figure (bureau, and a group leader for the group's schools); CV
        # across classes belongs to the school.
        return frame.filter(
            ((pl.col("level") == "school") & visibility.school_rows())
            | ((pl.col("level") == "group") & pl.col("group").is_in(sorted(visibility.groups)))
        )
    if "level" in columns:
        return frame.filter(visibility.unit_rows(columns))
    return frame.filter(visibility.student_rows(columns))


def scoped(analysis: ExamAnalysis, visibility: Visibility) -> ExamAnalysis:
    """The analysis with every table cut down to what `visibility` allows."""
    if visibility.everything:
        return analysis
    changes = {name: _frame_filter(name, getattr(analysis, name), visibility) for name in ExamAnalysis.FRAMES}
    return dataclasses.replace(analysis, **changes)


def filter_frame(name: str, frame: pl.DataFrame, visibility: Visibility) -> pl.DataFrame:
    return _frame_filter(name, frame, visibility)


def visibility_for(user: Any, exam: Exam, grade: int, labels: GradeLabels) -> Visibility:
    """The user's visibility on one grade of an exam (see the module docstring)."""
    scope = scope_for(user)
    if exam.county_id in scope.county_ids:
        return Visibility(everything=True)
    school_names = {school_id: name for name, school_id in labels.schools.items()}
    groups: set[str] = set()
    schools: set[str] = set()
    if scope.group_ids:
        for name, group in School.objects.filter(group_id__in=scope.group_ids, id__in=list(school_names)).values_list(
            "name", "group__name"
        ):
            schools.add(name)
            groups.add(group)
    schools |= {school_names[s] for s in scope.school_ids if s in school_names}
    schools |= {school_names[s] for s, g in scope.grade_pairs if g == grade and s in school_names}

    class_ids = set(labels.classes.values())
    by_id = {class_id: key for key, class_id in labels.classes.items()}
    classes = {by_id[c] for c in scope.head_class_ids if c in class_ids}
    subjects: set[tuple[str, str, str]] = set()
    taught = [(c, s) for c, s in scope.taught if c in class_ids]
    if taught:
        names = dict(Subject.objects.filter(id__in={s for _c, s in taught}).values_list("id", "name"))
        subjects = {(*by_id[c], names[s]) for c, s in taught if s in names}
    teachers = {key for key, teacher_id in labels.teachers.items() if teacher_id == scope.teacher_id}
    return Visibility(
        groups=frozenset(groups),
        schools=frozenset(schools),
        classes=frozenset(classes),
        subjects=frozenset(subjects),
        teachers=frozenset(teachers),
    )
