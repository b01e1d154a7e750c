"""Excel exports of an analysis page's tables, and the background 质量分析报告 (PDF/xlsx) with progress.

Every file is cut to the user's visibility and to the unit asked for, and every download is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.reports import analysis_xlsx
from zhiliang.exams.models import ReportFile, ReportKind, ReportStatus
from zhiliang.exams.reports import may_request, report_filename, report_request, report_title, unit_of
from zhiliang.exams.selectors import exams_visible
from zhiliang.exams.views.common import XLSX, GradePage, exam_or_404, grade_or_404, grade_page
from zhiliang.exams.visibility import Visibility, scoped


def _unit(request: HttpRequest, page: GradePage, scope_key: str) -> tuple[str, str | None, str | None]:
    unit = unit_of(scope_key, page.labels)
    if unit is None or not may_request(request.user, page.exam, page.visibility, unit):
        raise Http404
    return unit


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """The analysis workbook of one unit (county, school or class), cut to what the user may see."""
    exam = exam_or_404(request, pk)
    page = grade_page(request, exam, grade_or_404(request, exam))
    scope_key = request.GET.get("unit", "county")
    unit = unit_of(scope_key, page.labels)
    if unit is None:
        raise Http404
    # The county workbook is cut to the user's schools below, so a group leader may export their group's.
    if not (unit[0] == "county" and page.visibility.groups) and not may_request(
        request.user, exam, page.visibility, unit
    ):
        raise Http404
    level, school, class_name = unit
    if level == "county":
        unit_visibility = page.visibility
    elif class_name is None:
        unit_visibility = Visibility(schools=frozenset({str(school)}))
    else:
        unit_visibility = Visibility(classes=frozenset({(str(school), class_name)}))
    analysis = scoped(scoped(page.analysis.exam_analysis(), unit_visibility), page.visibility)
    title = report_title(exam, page.grade, unit).removesuffix("质量分析报告").strip()
    content = analysis_xlsx(analysis, title=title)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=exam,
        what="analysis_xlsx",
        unit=scope_key,
        grade=page.grade,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="exam-{exam.pk}-{page.grade}-{scope_key.replace(":", "-")}.xlsx"'
    )
    return response


def _report_context(report: ReportFile) -> dict[str, Any]:
    return {"report": report, "finished": report.is_finished, "done": report.status == ReportStatus.DONE}


@login_required
@require_POST
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    page = grade_page(request, exam, grade_or_404(request, exam))
    scope_key = request.POST.get("unit", "")
    _unit(request, page, scope_key)
    kind = request.POST.get("kind", ReportKind.PDF)
    if kind not in ReportKind.values:
        raise Http404
    report = report_request(exam=exam, grade=page.grade, kind=kind, scope_key=scope_key, actor=request.user)
    report.refresh_from_db()
    return render(request, "exams/_report.html", _report_context(report))


def _visible_report(request: HttpRequest, report_id: int) -> ReportFile:
    report = ReportFile.objects.defer("content").filter(pk=report_id).first()
    if report is None:
        raise Http404
    exam = exams_visible(request.user).filter(pk=report.exam_id).first()
    if exam is None:
        raise Http404
    page = grade_page(request, exam, report.grade)
    _unit(request, page, report.scope_key)
    report.exam = exam
    return report


@login_required
def report_status(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _visible_report(request, report_id)
    return render(request, "exams/_report.html", _report_context(report))


@login_required
def report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _visible_report(request, report_id)
    if report.status != ReportStatus.DONE:
        raise Http404
    content = ReportFile.objects.values_list("content", flat=True).get(pk=report.pk)
    unit = unit_of(report.scope_key, grade_page(request, report.exam, report.grade).labels)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=report.exam,
        what=f"report_{report.kind}",
        unit=report.scope_key,
        grade=report.grade,
    )
    content_type = "application/pdf" if report.kind == ReportKind.PDF else XLSX
    response = HttpResponse(bytes(content), content_type=content_type)
    filename = report.filename or report_filename(
        report.exam, report.grade, report.kind, unit or ("county", None, None)
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
