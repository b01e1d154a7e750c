"""What every exam page needs: the exam through the user's scope, the grade asked for, the analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from zhiliang.exams.analysis import GradeAnalysis, GradeLabels, grade_analysis, grade_labels
from zhiliang.exams.models import Exam, ExamStatus, ReportKind
from zhiliang.exams.selectors import exam_for_user, exam_grades
from zhiliang.exams.visibility import Visibility, visibility_for
from zhiliang.org.models import grade_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exam_or_404(request: HttpRequest, pk: int) -> Exam:
    return exam_for_user(request.user, pk)


def grade_or_404(request: HttpRequest, exam: Exam, default: int | None = None) -> int:
    grades = exam_grades(exam)
    raw = request.GET.get("grade") or request.POST.get("grade") or ""
    if raw.isdigit() and int(raw) in grades:
        return int(raw)
    if raw:
        raise Http404
    if default is not None and default in grades:
        return default
    if not grades:
        raise Http404
    return grades[0]


@dataclass
class GradePage:
    """One grade of an exam as one user sees it."""

    exam: Exam
    grade: int
    analysis: GradeAnalysis
    labels: GradeLabels
    visibility: Visibility

    @property
    def grade_label(self) -> str:
        return grade_name(self.grade)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "exam": self.exam,
            "grade": self.grade,
            "grade_label": self.grade_label,
            "grades": [(g, grade_name(g)) for g in exam_grades(self.exam)],
            "is_final": self.exam.status == ExamStatus.PUBLISHED,
            "subjects": [s.name for s in self.analysis.subjects],
            "subject_choices": [s.name for s in self.analysis.subjects],
            "previous_exam_name": self.analysis.meta.get("previous_exam_name"),
            "grade_links": True,
            "report_kinds": [(ReportKind.PDF, _("生成 PDF 报告")), (ReportKind.XLSX, _("生成 Excel 分析表"))],
            **extra,
        }


def grade_page(request: HttpRequest, exam: Exam, grade: int) -> GradePage:
    """The analysis of a grade and the user's visibility on it; 404 when the user sees nothing of it."""
    if exam.status == ExamStatus.DRAFT:
        raise Http404
    labels = grade_labels(exam, grade)
    visibility = visibility_for(request.user, exam, grade, labels)
    if visibility.nothing:
        raise Http404
    return GradePage(exam, grade, grade_analysis(exam, grade), labels, visibility)
