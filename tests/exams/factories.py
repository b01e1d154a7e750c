"""Exams for tests: `make_exam(cast)` builds a county unified exam of grade 7 with scores for the cast.

Cast students s1, s2 (第一初级中学 七年级(1)班), s3 (第一初级中学 七年级(2)班) and s4 (第二初级中学 七年级(1)班) sit
语文, 数学 and 英语 (full marks 120 each, the junior default); s3 is absent (缺考) in 英语.
"""

from decimal import Decimal
from typing import Any

from tests.cast import Cast
from zhiliang.exams.models import Exam, ExamKind, ExamScope, ExamStatus, ExamSubject
from zhiliang.exams.services import ScoreWrite, exam_create, scores_bulk_write

SCORES = {
    "s1": {"语文": 110, "数学": 100, "英语": 90},
    "s2": {"语文": 80, "数学": 70, "英语": 60},
    "s3": {"语文": 95, "数学": 50, "英语": None},
    "s4": {"语文": 100, "数学": 65, "英语": 108},
}


def make_exam(
    cast: Cast,
    *,
    name: str = "2025秋七年级期中统考",
    scope: str = ExamScope.COUNTY,
    kind: str = ExamKind.MIDTERM,
    status: str = ExamStatus.OPEN,
    scores: dict[str, dict[str, Any]] | None = None,
    **fields: Any,
) -> Exam:
    owner: dict[str, Any] = {"county": cast.county}
    if scope == ExamScope.SCHOOL:
        owner = {"school": cast.junior1}
    elif scope == ExamScope.GROUP:
        owner = {"group": cast.group}
    exam = exam_create(
        actor=cast.user("bureau_admin"),
        name=name,
        kind=kind,
        term=cast.term,
        scope=scope,
        subjects={7: list(cast.subjects.values())},
        status=ExamStatus.OPEN if status != ExamStatus.DRAFT else ExamStatus.DRAFT,
        **owner,
        **fields,
    )
    if status != ExamStatus.DRAFT:
        write_scores(cast, exam, SCORES if scores is None else scores)
    if status == ExamStatus.PUBLISHED:
        from zhiliang.exams.services import exam_publish

        exam_publish(exam=exam, actor=cast.user("bureau_admin"))
    return exam


def write_scores(cast: Cast, exam: Exam, scores: dict[str, dict[str, Any]]) -> None:
    subjects = {es.subject.name: es for es in ExamSubject.objects.filter(exam=exam).select_related("subject")}
    rows = []
    for key, by_subject in scores.items():
        student = cast.students[key]
        membership = student.memberships.get(school_year=cast.year)
        if not exam.exam_subjects.filter(grade=membership.school_class.grade).exists():
            continue
        for subject, value in by_subject.items():
            rows.append(
                ScoreWrite(
                    student_id=student.pk,
                    exam_subject_id=subjects[subject].pk,
                    school_class_id=membership.school_class_id,
                    score=None if value is None else Decimal(str(value)),
                    status="scored" if value is not None else "absent",
                )
            )
    scores_bulk_write(exam=exam, rows=rows, actor=cast.user("bureau_admin"))


def matrix_exam(cast: Cast) -> Exam:
    """One exam per cast for the permission matrix (its kwargs are asked for once per role)."""
    exam = getattr(cast, "_matrix_exam", None)
    if exam is None:
        exam = make_exam(cast)
        cast._matrix_exam = exam  # type: ignore[attr-defined]
    return exam


def matrix_report(cast: Cast, *, done: bool = False) -> Any:
    from zhiliang.exams.models import ReportFile, ReportKind, ReportStatus

    exam = matrix_exam(cast)
    return ReportFile.objects.create(
        exam=exam,
        kind=ReportKind.PDF,
        grade=7,
        scope_key="county",
        fingerprint="test",
        status=ReportStatus.DONE if done else ReportStatus.RUNNING,
        content=b"%PDF-1.4 test" if done else None,
        filename="report.pdf",
    )
