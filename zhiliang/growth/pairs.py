"""Pairs of exams for value-added: an outcome exam and grade, and the earlier exam the same cohort sat.

The default prior is the exams app's `previous_exam` (the exam's `previous`, else the latest earlier published
exam of the same scope covering the cohort). Any other earlier published exam of the same scope covering the
cohort may be chosen instead, e.g. the first exam of the school year for value-added "across a school year".
Same scope matters: T scores are standardised within each exam's population (a school exam within the
school, a county exam within the county), so a prior and an outcome from one scope are on one footing.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhiliang.exams.analysis import previous_exam
from zhiliang.exams.models import Exam, ExamStatus


@dataclass(frozen=True)
class ExamPair:
    outcome: Exam
    grade: int
    prior: Exam
    prior_grade: int

    @property
    def label(self) -> str:
        return f"{self.prior.name} → {self.outcome.name}"

    @property
    def key(self) -> str:
        return f"{self.prior.pk}-{self.prior_grade}:{self.outcome.pk}-{self.grade}"


def exam_order(exam: Exam) -> tuple[int, int, str, int]:
    """Chronological order of exams (school year, term, date, id), as the exams app orders them."""
    return (
        exam.term.school_year.start_year,
        exam.term.number,
        exam.held_on.isoformat() if exam.held_on else "",
        exam.pk,
    )


def cohort_grade(exam: Exam, grade: int, other: Exam) -> int:
    """The grade the cohort of `exam`'s `grade` was in when it sat `other`."""
    return grade - (exam.term.school_year.start_year - other.term.school_year.start_year)


def prior_candidates(exam: Exam, grade: int) -> list[tuple[Exam, int]]:
    """Earlier published exams of the same scope that the cohort sat (this or the previous school year)."""
    start = exam.term.school_year.start_year
    found = []
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
        .prefetch_related("exam_subjects__subject")
    )
    for candidate in candidates:
        cohort = cohort_grade(exam, grade, candidate)
        if exam_order(candidate) < exam_order(exam) and any(es.grade == cohort for es in candidate.exam_subjects.all()):
            found.append((candidate, cohort))
    return sorted(found, key=lambda pair: exam_order(pair[0]), reverse=True)


def pair_for(exam: Exam, grade: int, prior_id: int | None = None) -> ExamPair | None:
    """The pair ending in `exam`'s `grade`: with the chosen prior (one of `prior_candidates`) or the default."""
    if prior_id is not None:
        for candidate, cohort in prior_candidates(exam, grade):
            if candidate.pk == prior_id:
                return ExamPair(exam, grade, candidate, cohort)
        return None
    found = previous_exam(exam, grade)
    if found is None:
        return None
    return ExamPair(exam, grade, found[0], found[1])


def last_year_pair(pair: ExamPair) -> ExamPair | None:
    """The same pair one school year earlier (same kinds, scope, grade and terms): for stability across years."""
    start = pair.outcome.term.school_year.start_year
    earlier = (
        Exam.objects.filter(
            county_id=pair.outcome.county_id,
            scope=pair.outcome.scope,
            school_id=pair.outcome.school_id,
            group_id=pair.outcome.group_id,
            kind=pair.outcome.kind,
            status=ExamStatus.PUBLISHED,
            term__number=pair.outcome.term.number,
            term__school_year__start_year=start - 1,
            exam_subjects__grade=pair.grade,
        )
        .select_related("term__school_year")
        .prefetch_related("exam_subjects__subject")
        .distinct()
        .order_by("-held_on", "-pk")
    )
    for outcome in earlier:
        for prior, cohort in prior_candidates(outcome, pair.grade):
            same_kind = prior.kind == pair.prior.kind and prior.term.number == pair.prior.term.number
            if same_kind and cohort == pair.grade - (pair.grade - pair.prior_grade):
                return ExamPair(outcome, pair.grade, prior, cohort)
    return None
