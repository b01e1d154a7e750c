"""A teacher's results (horizontal and vertical comparison) and a student's growth across exams (staff only)."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user, visible_students, visible_teachers
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.analytics import TOTAL
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.exams.analysis import class_label, grade_labels, history
from zhiliang.exams.models import Score
from zhiliang.exams.presenters import STATUS_LABELS, fmt_int, fmt_number, line_chart, radar_chart, subject_label
from zhiliang.exams.selectors import exam_grades
from zhiliang.exams.views.analysis import _teacher_rows
from zhiliang.exams.views.common import XLSX, exam_or_404, grade_page


def _xlsx(request: HttpRequest, exam: Any, filename: str, sheet: SheetSpec, what: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=exam, what=what)
    response = HttpResponse(workbook_bytes([sheet]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def teacher_analysis(request: HttpRequest, pk: int, teacher_id: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    teacher = get_for_user(visible_teachers(request.user), pk=teacher_id)
    grades = [g for g in exam_grades(exam) if teacher.pk in grade_labels(exam, g).teachers.values()]
    raw = request.GET.get("grade", "")
    grade = int(raw) if raw.isdigit() and int(raw) in grades else (grades[0] if grades else None)
    if grade is None:
        raise Http404
    page = grade_page(request, exam, grade)
    keys = [key for key, tid in page.labels.teachers.items() if tid == teacher.pk]
    visible = [key for key in keys if page.visibility.sees_school(key[0]) or key in page.visibility.teachers]
    if not visible:
        raise Http404
    school, label = visible[0]
    rows = page.analysis.frame("teacher_comparison").filter((pl.col("school") == school) & (pl.col("teacher") == label))
    table = _teacher_rows(rows, page)
    if request.GET.get("format") == "xlsx":
        sheet = SheetSpec(
            name="教师",
            title=f"{exam.name} {page.grade_label} {teacher.name}",
            columns=[
                ColumnSpec(h)
                for h in (
                    "班级",
                    "学科",
                    "实考",
                    "平均分",
                    "与本校差",
                    "与全县差",
                    "及格率",
                    "优秀率",
                    "三率一分",
                    "超均率",
                    "本校排名",
                    "上次排名",
                    "名次变化",
                    "得分率变化",
                )
            ],
            rows=[
                (
                    r["class"],
                    r["subject"],
                    r["sat"],
                    r["mean"],
                    r["mean_diff_school"],
                    r["mean_diff_county"],
                    r["pass_rate"],
                    r["excellent_rate"],
                    r["composite"],
                    r["over_mean_rate"],
                    r["rank"],
                    r["prev_rank"],
                    r["rank_change"],
                    r["score_rate_change"],
                )
                for r in table
            ],
        )
        return _xlsx(request, exam, f"exam-{exam.pk}-teacher-{teacher.pk}.xlsx", sheet, "teacher_results")
    trend_categories: list[str] = []
    trend: dict[str, list[float | None]] = {}
    for other, _grade, analysis in history(exam, grade):
        trend_categories.append(other.name)
        mine = analysis.frame("teacher_comparison").filter((pl.col("school") == school) & (pl.col("teacher") == label))
        by_subject = mine.group_by("subject").agg(pl.col("over_mean_rate").mean())
        values = dict(
            zip(
                by_subject.get_column("subject").to_list(),
                by_subject.get_column("over_mean_rate").to_list(),
                strict=True,
            )
        )
        for subject in set(values) | set(trend):
            trend.setdefault(subject, [None] * (len(trend_categories) - 1))
        for subject in trend:
            value = values.get(subject)
            trend[subject].append(None if value is None else round(100 * value, 2))
    first = rows.row(0, named=True) if rows.height else {}
    context = page.context(
        teacher=teacher,
        teacher_label=label,
        school=school,
        teacher_grades=grades,
        rows=table,
        teacher_mean=fmt_number(first.get("teacher_mean"), 2),
        teacher_rank_school=fmt_int(first.get("teacher_rank_school")),
        teachers_school=fmt_int(first.get("teachers_school")),
        teacher_rank_county=fmt_int(first.get("teacher_rank_county")),
        teachers_county=fmt_int(first.get("teachers_county")),
        trend=line_chart(
            trend_categories,
            [(subject_label(s), values) for s, values in sorted(trend.items())],
            y_name=_("Over-mean rate (%)"),
        ),
    )
    return render(request, "exams/teacher_analysis.html", context)


@login_required
def student_analysis(request: HttpRequest, pk: int, student_id: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    student = get_for_user(visible_students(request.user), pk=student_id)
    sat = Score.objects.filter(exam_subject__exam=exam, student=student).select_related("school_class__school").first()
    if sat is None:
        raise Http404
    school_class = sat.school_class
    page = grade_page(request, exam, school_class.grade)
    school = school_class.school.name
    label = class_label(school_class.name, school_class.grade, school_class.number)
    subjects = page.visibility.class_subjects(school, label, [s.name for s in page.analysis.subjects])
    if not subjects:
        raise Http404
    chain = history(exam, school_class.grade)
    exams_rows = []
    growth: dict[str, list[float | None]] = {s: [] for s in subjects}
    current_t: dict[str, float | None] = {}
    for other, _grade, analysis in chain:
        mine = analysis.frame("students").filter(
            (pl.col("student_id") == student.student_number) & pl.col("subject").is_in(subjects)
        )
        by_subject = {r["subject"]: r for r in mine.iter_rows(named=True)}
        cells = []
        for subject in subjects:
            r = by_subject.get(subject)
            growth[subject].append(r["t"] if r else None)
            if r is None:
                cells.append({"text": "—"})
                continue
            cells.append(
                {
                    "text": fmt_number(r["score"]) if r["status"] == "scored" else STATUS_LABELS.get(r["status"], "—"),
                    "rank_class": fmt_int(r["rank_class"]),
                    "rank_county": fmt_int(r["rank_county"]),
                    "t": fmt_number(r["t"], 1),
                    "level": r["level"] or "",
                }
            )
        if other.pk == exam.pk:
            current_t = {s: (by_subject[s]["t"] if s in by_subject else None) for s in subjects}
        exams_rows.append({"exam": other, "cells": cells})
    profile = page.analysis.frame("student_profile").filter(pl.col("student_id") == student.student_number)
    strongest = weakest = ""
    if TOTAL in subjects and profile.height:
        first = profile.row(0, named=True)
        strongest, weakest = first["strongest"] or "", first["weakest"] or ""
    if request.GET.get("format") == "xlsx":
        sheet = SheetSpec(
            name="学生",
            title=f"{student.name} 历次考试",
            columns=[ColumnSpec("考试", width=28), *(ColumnSpec(s) for s in subjects)],
            rows=[
                (row["exam"].name, *(f"{c['text']}（T {c.get('t', '—')}）" for c in row["cells"])) for row in exams_rows
            ],
        )
        return _xlsx(request, exam, f"student-{student.pk}.xlsx", sheet, "student_results")
    context = page.context(
        student=student,
        school_class=school_class,
        class_name=label,
        visible_subjects=subjects,
        exam_rows=exams_rows,
        strongest=strongest,
        weakest=weakest,
        growth=line_chart(
            [row["exam"].name for row in exams_rows],
            [(subject_label(s), values) for s, values in growth.items()],
            y_name=_("T score"),
        ),
        radar=radar_chart(current_t, name=student.name),
        can_print_slip=page.visibility.sees_class(school, label),
    )
    return render(request, "exams/student_analysis.html", context)
