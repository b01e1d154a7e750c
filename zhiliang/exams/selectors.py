"""Reads of exams and scores, always through the user's scope (`zhiliang/accounts/scoping.py`).

Who sees an exam: anyone who sees one of the schools it covers (its school; its group's schools; the whole
county for a county exam). Drafts only its managers. Who manages it (settings, import, publish): for a school
exam the school's leadership and the bureau administrator; for a group exam the group leader and the bureau
administrator; for a county exam the bureau administrator. Who enters scores in the grid: the teacher of
that class and subject, and the school's leadership (docs/exams.md).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from zhiliang.accounts.scoping import can_manage_school, scope_for, score_scope, visible_schools
from zhiliang.exams.models import Exam, ExamScope, ExamStatus, ExamSubject, Score
from zhiliang.org.models import School, SchoolClass


def _manageable_q(user: Any) -> Q:
    scope = scope_for(user)
    return (
        Q(county_id__in=scope.county_admin_ids)
        | Q(scope=ExamScope.SCHOOL, school_id__in=scope.school_ids)
        | Q(scope=ExamScope.GROUP, group_id__in=scope.group_ids)
    )


def exams_visible(user: Any) -> QuerySet[Exam]:
    """Exams the user may open, newest first, with their subjects prefetched."""
    schools = list(visible_schools(user).values_list("id", "group_id", "county_id"))
    school_ids = {school_id for school_id, _group, _county in schools}
    group_ids = {group_id for _school, group_id, _county in schools if group_id}
    county_ids = {county_id for _school, _group, county_id in schools} | set(scope_for(user).county_ids)
    covers = (
        Q(scope=ExamScope.SCHOOL, school_id__in=school_ids)
        | Q(scope=ExamScope.GROUP, group_id__in=group_ids)
        | Q(scope=ExamScope.COUNTY, county_id__in=county_ids)
    )
    manageable = _manageable_q(user)
    return (
        Exam.objects.filter((covers & ~Q(status=ExamStatus.DRAFT)) | manageable)
        .select_related("term__school_year", "school", "group", "county")
        .prefetch_related(
            Prefetch("exam_subjects", queryset=ExamSubject.objects.select_related("subject").order_by("grade"))
        )
        .distinct()
    )


def exam_for_user(user: Any, pk: int) -> Exam:
    """The exam, or 404 when the user may not see it."""
    from zhiliang.accounts.scoping import get_for_user

    return get_for_user(exams_visible(user), pk=pk)  # type: ignore[no-any-return]


def can_manage_exam(user: Any, exam: Exam) -> bool:
    return Exam.objects.filter(_manageable_q(user), pk=exam.pk).exists()


def can_create_exam_for(user: Any, *, scope: str, school: School | None = None, group_id: int | None = None) -> bool:
    s = scope_for(user)
    if scope == ExamScope.SCHOOL:
        return school is not None and can_manage_school(user, school)
    if scope == ExamScope.GROUP:
        return bool(s.county_admin_ids) or group_id in s.group_ids
    return bool(s.county_admin_ids)


def exam_grades(exam: Exam) -> list[int]:
    """Grades an exam covers (uses the prefetched subjects when there are)."""
    return sorted({exam_subject.grade for exam_subject in exam.exam_subjects.all()})


def exam_subjects_of_grade(exam: Exam, grade: int) -> list[ExamSubject]:
    return [es for es in exam.exam_subjects.all() if es.grade == grade]


def exam_classes(exam: Exam, grade: int | None = None) -> QuerySet[SchoolClass]:
    """Classes of the exam's school year, in the schools and grades it covers."""
    from zhiliang.exams.services import exam_schools

    grades = [grade] if grade is not None else exam_grades(exam)
    return SchoolClass.objects.filter(
        exam_schools(exam, "school__"), school_year_id=exam.term.school_year_id, grade__in=grades
    ).select_related("school")


def writable_score_pairs(user: Any, exam: Exam, grade: int) -> set[tuple[int, int]]:
    """(class id, subject id) pairs the user may enter scores for: their own teaching, or their school's."""
    scope = scope_for(user)
    subject_ids = {es.subject_id for es in exam_subjects_of_grade(exam, grade)}
    classes = exam_classes(exam, grade)
    managed = set(
        classes.filter(Q(school_id__in=scope.school_ids) | Q(school__county_id__in=scope.county_admin_ids)).values_list(
            "id", flat=True
        )
    )
    pairs = {(class_id, subject_id) for class_id in managed for subject_id in subject_ids}
    taught_here = set(classes.filter(id__in=scope.taught_class_ids).values_list("id", flat=True))
    pairs |= {(c, s) for c, s in scope.taught if c in taught_here and s in subject_ids}
    return pairs


def scores_visible(user: Any, exam: Exam) -> QuerySet[Score]:
    """Score rows of an exam the user may see (class × subject through `score_scope`)."""
    return Score.objects.filter(exam_subject__exam=exam).filter(
        score_scope(user, class_field="school_class", subject_field="exam_subject__subject")
    )


def _facts(exam: Exam) -> Any:
    from zhiliang.exams.compliance import ExamFacts

    return ExamFacts(
        kind=exam.kind,
        format=exam.format,
        scope=exam.scope,
        grades=frozenset(es.grade for es in exam.exam_subjects.all()),
        term_number=exam.term.number,
    )


def exam_warnings(exam: Exam) -> list[Any]:
    """The 2021 rules this exam's set-up would break, counting the other exams of the term for its schools."""
    from zhiliang.exams.compliance import compliance_warnings
    from zhiliang.exams.services import exam_schools

    schools = School.objects.filter(exam_schools(exam))
    others = (
        Exam.objects.filter(term_id=exam.term_id)
        .filter(
            Q(scope=ExamScope.COUNTY, county_id=exam.county_id)
            | Q(scope=ExamScope.GROUP, group__schools__in=schools)
            | Q(scope=ExamScope.SCHOOL, school__in=schools)
        )
        .exclude(pk=exam.pk)
        .distinct()
        .select_related("term")
        .prefetch_related("exam_subjects")
    )
    return compliance_warnings(_facts(exam), [_facts(other) for other in others])
