"""From the database to the analysis core and back: one grade of one exam at a time, cached.

The core (`zhiliang.core.analytics.analyze_exam`) takes one long frame of scores. It is built here with a
single `values_list` query per grade; teaching assignments (and head teachers, as the 总分 assignment) give
the teacher tables. Grades are analysed separately because full marks may differ by grade (语文 100 in
grade 3, 120 in grade 7) and every comparison is within a grade anyway.

The result is cached in `AnalysisCache` under a fingerprint of everything it depends on: the exam's
`scores_version` (bumped by every score write), its settings and subjects, the teaching assignments, and the
same for the previous exam compared with. A page reads only the tables it shows.

The frames and their labels are built in `frames.py`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Count, Max, Sum

from zhiliang.core.analytics import (
    AnalysisConfig,
    CompositeWeights,
    ExamAnalysis,
    GradeLevel,
    SubjectSpec,
    Thresholds,
    analyze_exam,
    schema,
)
from zhiliang.exams.cache import META, cache_load, cache_store, cached_fingerprint
from zhiliang.exams.frames import (
    GradeLabels,
    class_label,
    grade_labels,
    grade_subjects,
    scores_frame,
    teachers_frame,
)
from zhiliang.exams.models import Exam, ExamStatus, ExamSubject
from zhiliang.org.models import SchoolClass, grade_name
from zhiliang.people.models import TeachingAssignment

FRAMES: tuple[str, ...] = ExamAnalysis.FRAMES
# Frames of the previous exam the core compares with.
PREVIOUS_PARTS = ("summary", "students")


def scope_key(grade: int) -> str:
    return f"grade:{grade}"


def _ratio(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def thresholds_of(exam: Exam, exam_subject: ExamSubject | None = None) -> Thresholds:
    """The exam's lines, or an exam subject's own lines where it has them."""

    def pick(name: str) -> float | None:
        own = getattr(exam_subject, name, None) if exam_subject is not None else None
        return _ratio(own if own is not None else getattr(exam, name))

    return Thresholds(
        pass_ratio=pick("pass_ratio") or 0.0,
        excellent_ratio=pick("excellent_ratio") or 0.0,
        low_ratio=pick("low_ratio") or 0.0,
        good_ratio=pick("good_ratio"),
    )


def analysis_config(exam: Exam, thresholds: Thresholds | None = None) -> AnalysisConfig:
    return AnalysisConfig(
        thresholds=thresholds or thresholds_of(exam),
        weights=CompositeWeights(
            mean=float(exam.weight_mean),
            pass_=float(exam.weight_pass),
            excellent=float(exam.weight_excellent),
            low=float(exam.weight_low),
        ),
        grade_levels=(
            GradeLevel("A", float(exam.level_a_ratio)),
            GradeLevel("B", float(exam.level_b_ratio)),
            GradeLevel("C", float(exam.level_c_ratio)),
            GradeLevel("D", 0.0),
        ),
        cheating_as_zero=exam.cheating_as_zero,
    )


# ---------------------------------------------------------------------------------------------------------
# Previous exam


def _cohort_grade(exam: Exam, grade: int, other: Exam) -> int:
    """The grade the same cohort was in during `other` (grade - 1 a school year earlier)."""
    return grade - (exam.term.school_year.start_year - other.term.school_year.start_year)


def _order(exam: Exam) -> tuple[int, int, str, int]:
    return (
        exam.term.school_year.start_year,
        exam.term.number,
        exam.held_on.isoformat() if exam.held_on else "",
        exam.pk,
    )


def previous_exam(exam: Exam, grade: int) -> tuple[Exam, int] | None:
    """The exam to compare with, and the grade the cohort sat it in.

    The exam's `previous` when set (and it covers the cohort); otherwise the latest earlier published exam
    of the same scope (same school, group or county) that covers the same cohort: the same grade in the
    same school year or the grade below in the school year before.
    """
    if exam.previous_id:
        chosen = Exam.objects.select_related("term__school_year").get(pk=exam.previous_id)
        cohort = _cohort_grade(exam, grade, chosen)
        if ExamSubject.objects.filter(exam=chosen, grade=cohort).exists():
            return chosen, cohort
        return None
    start = exam.term.school_year.start_year
    candidates = (
        Exam.objects.filter(
            county_id=exam.county_id,
            scope=exam.scope,
            school_id=exam.school_id,
            group_id=exam.group_id,
            status=ExamStatus.PUBLISHED,
            term__school_year__start_year__in=[start, start - 1],
        )
        .exclude(pk=exam.pk)
        .select_related("term__school_year")
        .prefetch_related("exam_subjects")
    )
    best: tuple[Exam, int] | None = None
    for candidate in candidates:
        cohort = _cohort_grade(exam, grade, candidate)
        if _order(candidate) >= _order(exam):
            continue
        if not any(es.grade == cohort for es in candidate.exam_subjects.all()):
            continue
        if best is None or _order(candidate) > _order(best[0]):
            best = (candidate, cohort)
    return best


# ---------------------------------------------------------------------------------------------------------
# Fingerprints and the cached analysis


def data_fingerprint(exam: Exam, grade: int) -> str:
    """Everything one grade's own analysis depends on, hashed."""
    teaching = TeachingAssignment.objects.filter(term=exam.term, school_class__grade=grade).aggregate(
        n=Count("id"), top=Max("id"), who=Sum("teacher_id")
    )
    heads = SchoolClass.objects.filter(school_year_id=exam.term.school_year_id, grade=grade).aggregate(
        who=Sum("head_teacher_id")
    )
    settings = {
        name: str(getattr(exam, name))
        for name in (
            "pass_ratio",
            "excellent_ratio",
            "low_ratio",
            "good_ratio",
            "weight_mean",
            "weight_pass",
            "weight_excellent",
            "weight_low",
            "level_a_ratio",
            "level_b_ratio",
            "level_c_ratio",
            "cheating_as_zero",
        )
    }
    subjects = [
        (
            es.subject_id,
            str(es.full_marks),
            str(es.pass_ratio),
            str(es.excellent_ratio),
            str(es.low_ratio),
            str(es.good_ratio),
        )
        for es in grade_subjects(exam, grade)
    ]
    # created_at tells apart two exams that had the same id (a database restored from a backup, tests).
    identity = [exam.pk, exam.created_at.isoformat() if exam.created_at else "", grade, exam.scores_version]
    text = json.dumps([identity, settings, subjects, teaching, heads], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def fingerprint(exam: Exam, grade: int) -> str:
    previous = previous_exam(exam, grade)
    own = data_fingerprint(exam, grade)
    if previous is None:
        return f"{own}|"
    other, cohort = previous
    return f"{own}|{other.pk}:{cohort}:{data_fingerprint(_with_subjects(other), cohort)}"


def _with_subjects(exam: Exam) -> Exam:
    return Exam.objects.select_related("term__school_year").prefetch_related("exam_subjects__subject").get(pk=exam.pk)


@dataclass
class GradeAnalysis:
    """The cached analysis of one grade of an exam; tables load on first use."""

    exam: Exam
    grade: int
    fingerprint: str
    _frames: dict[str, Any] = field(default_factory=dict)

    def load(self, *parts: str) -> None:
        missing = [part for part in parts if part not in self._frames]
        if missing:
            self._frames.update(cache_load(self.exam.pk, scope_key(self.grade), self.fingerprint, missing))

    def frame(self, name: str) -> pl.DataFrame:
        self.load(name)
        return self._frames[name]  # type: ignore[no-any-return]

    @property
    def meta(self) -> dict[str, Any]:
        self.load(META)
        return self._frames[META]  # type: ignore[no-any-return]

    @property
    def subjects(self) -> list[SubjectSpec]:
        return [SubjectSpec(name, full) for name, full in self.meta["subjects"]]

    @property
    def previous_exam_id(self) -> int | None:
        return self.meta.get("previous_exam_id")  # type: ignore[no-any-return]

    def exam_analysis(self, parts: Sequence[str] = FRAMES) -> ExamAnalysis:
        """The core's `ExamAnalysis` (for the report renderers); parts not asked for are empty."""
        self.load(*parts)
        frames = {name: self._frames[name] if name in parts else schema.empty(_schema_of(name)) for name in FRAMES}
        return ExamAnalysis(config=analysis_config(self.exam), subjects=tuple(self.subjects), **frames)


def _schema_of(name: str) -> dict[str, pl.DataType]:
    return getattr(schema, name.upper())  # type: ignore[no-any-return]


def grade_analysis(exam: Exam, grade: int, *, compare: bool = True) -> GradeAnalysis:
    """The up-to-date analysis of one grade, computed and cached when the scores changed since."""
    exam = _with_subjects(exam) if not _has_subjects(exam) else exam
    current = fingerprint(exam, grade) if compare else f"{data_fingerprint(exam, grade)}|"
    stored = cached_fingerprint(exam, scope_key(grade))
    if stored == current or (not compare and stored and stored.split("|")[0] == current.split("|")[0]):
        return GradeAnalysis(exam, grade, stored)
    started = time.perf_counter()
    previous = _previous_analysis(exam, grade) if compare else None
    result = compute(exam, grade, previous=previous[0] if previous else None)
    meta = {
        "subjects": [[s.name, s.full_marks] for s in result.subjects],
        "previous_exam_id": previous[1].pk if previous else None,
        "previous_exam_name": previous[1].name if previous else None,
    }
    frames = {name: getattr(result, name) for name in FRAMES}
    cache_store(
        exam=exam,
        scope_key=scope_key(grade),
        fingerprint=current,
        frames=frames,
        meta=meta,
        seconds=time.perf_counter() - started,
    )
    analysis = GradeAnalysis(exam, grade, current)
    analysis._frames.update(frames)
    analysis._frames[META] = meta
    return analysis


def _has_subjects(exam: Exam) -> bool:
    return "exam_subjects" in getattr(exam, "_prefetched_objects_cache", {})


def _previous_analysis(exam: Exam, grade: int) -> tuple[ExamAnalysis, Exam] | None:
    found = previous_exam(exam, grade)
    if found is None:
        return None
    other, cohort = found
    analysis = grade_analysis(other, cohort, compare=False).exam_analysis(PREVIOUS_PARTS)
    if cohort != grade:
        analysis = _relabel(analysis, other, cohort, grade)
    return analysis, other


def _relabel(analysis: ExamAnalysis, other: Exam, cohort: int, grade: int) -> ExamAnalysis:
    """Rename the previous year's grade and classes to this year's (七年级(1)班 → 八年级(1)班 via promotion)."""
    promoted = SchoolClass.objects.filter(previous__school_year_id=other.term.school_year_id, previous__grade=cohort)
    class_map = {
        class_label(old_name, cohort, old_number): class_label(name, grade, number)
        for old_name, old_number, name, number in promoted.values_list(
            "previous__name", "previous__number", "name", "number"
        )
    }
    changes = {}
    for name in PREVIOUS_PARTS:
        frame = getattr(analysis, name)
        frame = frame.with_columns(pl.lit(grade_name(grade)).alias("grade"))
        if "class" in frame.columns:
            frame = frame.with_columns(pl.col("class").replace(class_map))
        changes[name] = frame
    return dataclasses.replace(analysis, **changes)


def compute(exam: Exam, grade: int, *, previous: ExamAnalysis | None = None) -> ExamAnalysis:
    """Run the core on one grade (subjects with their own lines are computed with those lines)."""
    subjects = grade_subjects(exam, grade)
    specs = [SubjectSpec(es.subject.name, float(es.full_marks)) for es in subjects]
    scores = scores_frame(exam, grade)
    teachers, _ids = teachers_frame(exam, grade)
    base = thresholds_of(exam)
    result = analyze_exam(scores, specs, analysis_config(exam, base), previous=previous, teachers=teachers)
    own: dict[Thresholds, list[str]] = {}
    for es in subjects:
        lines = thresholds_of(exam, es)
        if lines != base:
            own.setdefault(lines, []).append(es.subject.name)
    for lines, names in own.items():
        other = analyze_exam(scores, specs, analysis_config(exam, lines), previous=previous, teachers=teachers)
        result = merge_subjects(result, other, names)
    return result


# Frames whose rows do not depend on the lines (same rows in the same order in both runs): values are taken
# column-wise. Frames whose rows do depend on them (lists of students near or under a line): rows are swapped.
_ALIGNED = ("summary", "students", "bands", "contribution", "balance", "teacher_comparison")
_ROW_LISTS = ("critical", "bottom")


def merge_subjects(base: ExamAnalysis, other: ExamAnalysis, subjects: Iterable[str]) -> ExamAnalysis:
    """`base` with the rows of `subjects` taken from `other` (the same data analysed with other lines)."""
    names = list(subjects)
    changes: dict[str, pl.DataFrame] = {}
    for name in _ALIGNED:
        left, right = getattr(base, name), getattr(other, name)
        if left.height != right.height or not left.get_column("subject").equals(right.get_column("subject")):
            raise ValueError(f"{name}: the two analyses do not have the same rows")
        mask = left.get_column("subject").is_in(names)
        changes[name] = left.with_columns(
            pl.when(mask).then(right.get_column(column)).otherwise(left.get_column(column)).alias(column)
            for column in left.columns
            if column != "subject"
        )
    for name in _ROW_LISTS:
        left, right = getattr(base, name), getattr(other, name)
        keep = left.filter(~pl.col("subject").is_in(names))
        changes[name] = pl.concat([keep, right.filter(pl.col("subject").is_in(names))])
    return dataclasses.replace(base, **changes)


def history(exam: Exam, grade: int, *, depth: int = 5) -> list[tuple[Exam, int, GradeAnalysis]]:
    """This exam and up to `depth` earlier comparable ones (each one's previous exam), oldest first."""
    chain = [(exam, grade, grade_analysis(exam, grade))]
    current, current_grade = exam, grade
    seen = {exam.pk}
    for _step in range(depth):
        found = previous_exam(_with_subjects(current), current_grade)
        if found is None or found[0].pk in seen:
            break
        current, current_grade = found
        seen.add(current.pk)
        chain.append((current, current_grade, grade_analysis(_with_subjects(current), current_grade, compare=False)))
    return list(reversed(chain))


__all__ = [
    "GradeAnalysis",
    "GradeLabels",
    "class_label",
    "compute",
    "fingerprint",
    "grade_analysis",
    "grade_labels",
    "grade_subjects",
    "history",
    "merge_subjects",
    "previous_exam",
    "scores_frame",
    "teachers_frame",
]
