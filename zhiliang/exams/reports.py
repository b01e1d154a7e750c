"""Report files (质量分析报告 PDF, analysis workbook) per exam, grade and unit, built in the background.

A report is requested for a unit: the county (or the group of a group exam), a school or a class. It is built
by a django-tasks task (`tasks.report_generate`) which writes its progress on the `ReportFile` row, polled
by the page. The report is kept with the fingerprint of the analysis it was built from; a request for the
same unit while the scores are unchanged returns the stored file, and a score change makes a new one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import scope_for
from zhiliang.core.reports import ReportScope, analysis_pdf, analysis_xlsx
from zhiliang.exams.analysis import GradeLabels, fingerprint, grade_analysis, grade_labels
from zhiliang.exams.models import Exam, ExamScope, ReportFile, ReportKind, ReportStatus
from zhiliang.exams.visibility import Visibility, scoped
from zhiliang.org.models import grade_name

logger = logging.getLogger(__name__)

COUNTY = "county"

# Chapters other apps add to the PDF report: "module.function" taking (exam, grade, unit) and returning HTML
# chapters (each starting with <h1>), in this order after the exam's own chapters.
REPORT_CHAPTERS: tuple[str, ...] = ("zhiliang.items.reports.report_chapters", "zhiliang.growth.reports.report_chapters")


def unit_of(scope_key: str, labels: GradeLabels) -> tuple[str, str | None, str | None] | None:
    """(level, school, class) of a scope key (`county`, `school:<id>`, `class:<id>`); None if not in the grade."""
    if scope_key == COUNTY:
        return ("county", None, None)
    kind, _sep, raw = scope_key.partition(":")
    if not raw.isdigit():
        return None
    pk = int(raw)
    if kind == "school":
        school = next((name for name, school_id in labels.schools.items() if school_id == pk), None)
        return ("school", school, None) if school else None
    if kind == "class":
        key = next((key for key, class_id in labels.classes.items() if class_id == pk), None)
        return ("class", key[0], key[1]) if key else None
    return None


def may_request(user: Any, exam: Exam, visibility: Visibility, unit: tuple[str, str | None, str | None]) -> bool:
    level, school, class_name = unit
    if level == "county":
        return visibility.everything or (exam.scope == ExamScope.GROUP and exam.group_id in scope_for(user).group_ids)
    if level == "school":
        return school is not None and visibility.sees_school(school)
    return school is not None and class_name is not None and visibility.sees_class(school, class_name)


def report_title(exam: Exam, grade: int, unit: tuple[str, str | None, str | None]) -> str:
    level, school, class_name = unit
    place = exam.owner_label if level == "county" else f"{school} {class_name}" if class_name else str(school)
    return f"{exam.name} {grade_name(grade)} {place} " + _("质量分析报告")


def report_filename(exam: Exam, grade: int, kind: str, unit: tuple[str, str | None, str | None]) -> str:
    _level, school, class_name = unit
    parts = [exam.name, grade_name(grade)]
    if school:
        parts.append(school)
    if class_name:
        parts.append(class_name)
    stem = "-".join(parts).replace("/", "_").replace(" ", "")
    return f"{stem}-质量分析.{kind}"


def report_request(*, exam: Exam, grade: int, kind: str, scope_key: str, actor: Any) -> ReportFile:
    """The report for this unit built from the current scores: the stored one, or a newly queued one."""
    current = fingerprint(exam, grade)
    existing = (
        ReportFile.objects.filter(exam=exam, kind=kind, grade=grade, scope_key=scope_key, fingerprint=current)
        .exclude(status=ReportStatus.FAILED)
        .defer("content")
        .first()
    )
    if existing is not None:
        return existing
    report = ReportFile.objects.create(
        exam=exam,
        kind=kind,
        grade=grade,
        scope_key=scope_key,
        fingerprint=current,
        requested_by=actor if getattr(actor, "pk", None) else None,
        message=_("排队等待生成"),
    )
    from zhiliang.exams.tasks import report_generate

    transaction.on_commit(lambda: report_generate.enqueue(report.pk))
    return report


def extra_chapters(exam: Exam, grade: int, unit: tuple[str, str | None, str | None]) -> list[str]:
    """The chapters of `REPORT_CHAPTERS` for this report."""
    return [chapter for path in REPORT_CHAPTERS for chapter in import_string(path)(exam, grade, unit)]


def _progress(report: ReportFile, percent: int, message: str, **fields: Any) -> None:
    ReportFile.objects.filter(pk=report.pk).update(progress=percent, message=message[:300], **fields)


def report_build(report_id: int) -> ReportFile:
    """Build a queued report (the task body). Failures are recorded on the row, never raised."""
    report = ReportFile.objects.select_related("exam").get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return report
    _progress(report, 5, _("正在读取分析结果"), status=ReportStatus.RUNNING)
    try:
        exam = report.exam
        labels = grade_labels(exam, report.grade)
        unit = unit_of(report.scope_key, labels)
        if unit is None:
            raise ValueError(f"scope {report.scope_key} is not part of grade {report.grade}")
        analysis = grade_analysis(exam, report.grade)
        _progress(report, 30, _("正在生成报告"))
        level, school, class_name = unit
        title = report_title(exam, report.grade, unit)
        if report.kind == ReportKind.PDF:
            content = analysis_pdf(
                analysis.exam_analysis(),
                title=title,
                scope=ReportScope(school=school, class_name=class_name),
                extra_chapters=extra_chapters(exam, report.grade, unit),
            )
        else:
            unit_visibility = (
                Visibility(everything=True)
                if level == "county"
                else Visibility(schools=frozenset({school}))
                if class_name is None
                else Visibility(classes=frozenset({(str(school), class_name)}))
            )
            content = analysis_xlsx(scoped(analysis.exam_analysis(), unit_visibility), title=title)
    except Exception as error:
        logger.exception("report %s failed", report_id)
        _progress(
            report,
            100,
            _("生成失败：%(error)s") % {"error": error},
            status=ReportStatus.FAILED,
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
        return report
    ReportFile.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE,
        progress=100,
        message="",
        content=content,
        filename=report_filename(exam, report.grade, report.kind, unit),
        fingerprint=analysis.fingerprint,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report
