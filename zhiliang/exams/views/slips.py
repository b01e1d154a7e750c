"""Result slips for families (成绩告知单): 等级 and growth only, printable one per page (`slip.py`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhiliang.accounts.scoping import get_for_user, visible_students
from zhiliang.exams.analysis import GradeAnalysis, class_label, history
from zhiliang.exams.models import Exam, Score
from zhiliang.exams.selectors import exam_classes
from zhiliang.exams.slip import ResultSlip, build_slip, slip_context
from zhiliang.exams.views.common import exam_or_404, grade_page


def _previous(exam: Exam, grade: int) -> GradeAnalysis | None:
    chain = history(exam, grade, depth=1)
    return chain[0][2] if len(chain) > 1 else None


def _class_page(request: HttpRequest, exam: Exam, school_class: object) -> GradeAnalysis:
    page = grade_page(request, exam, school_class.grade)  # type: ignore[attr-defined]
    label = class_label(school_class.name, school_class.grade, school_class.number)  # type: ignore[attr-defined]
    if not page.visibility.sees_class(school_class.school.name, label):  # type: ignore[attr-defined]
        raise Http404
    return page.analysis


@login_required
def student_report(request: HttpRequest, pk: int, student_id: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    student = get_for_user(visible_students(request.user), pk=student_id)
    sat = Score.objects.filter(exam_subject__exam=exam, student=student).select_related("school_class__school").first()
    if sat is None:
        raise Http404
    analysis = _class_page(request, exam, sat.school_class)
    slip = build_slip(
        exam=exam,
        analysis=analysis,
        student_number=student.student_number,
        previous=_previous(exam, sat.school_class.grade),
    )
    if slip is None:
        raise Http404
    return render(request, "exams/student_report.html", slip_context(slip))


@login_required
def class_reports(request: HttpRequest, pk: int, class_id: int) -> HttpResponse:
    """Every slip of a class, one per printed page, for the head teacher to hand out."""
    exam = exam_or_404(request, pk)
    school_class = get_for_user(exam_classes(exam), pk=class_id)
    analysis = _class_page(request, exam, school_class)
    previous = _previous(exam, school_class.grade)
    numbers = (
        Score.objects.filter(exam_subject__exam=exam, school_class=school_class)
        .values_list("student__student_number", flat=True)
        .distinct()
        .order_by("student__student_number")
    )
    slips: list[ResultSlip] = []
    for number in numbers:
        slip = build_slip(exam=exam, analysis=analysis, student_number=number, previous=previous)
        if slip is not None:
            slips.append(slip)
    return render(request, "exams/class_reports.html", {"slips": slips, "exam_name": exam.name})
