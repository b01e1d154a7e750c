"""Analysis pages of one grade: the county (schools side by side), a school (classes, teachers), a class.

Every table comes from the cached analysis, cut to the user's visibility (`visibility.py`) before anything
is formatted; charts get their data through `json_script` and are drawn by `exam-charts.js`.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user
from zhiliang.core.analytics import TOTAL
from zhiliang.exams.analysis import class_label, history
from zhiliang.exams.presenters import (
    LINE_KIND_NAMES,
    STATUS_LABELS,
    band_chart,
    box_chart,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_signed_percent,
    line_chart,
    rank_change,
    subject_label,
    summary_rows,
    tier_name,
)
from zhiliang.exams.reports import may_request
from zhiliang.exams.selectors import exam_classes, writable_score_pairs
from zhiliang.exams.views.common import GradePage, exam_or_404, grade_or_404, grade_page
from zhiliang.exams.visibility import filter_frame


def _link(name: str, exam_id: int, pk: int | None, grade: int | None = None) -> str:
    if pk is None:
        return ""
    url = reverse(name, args=[exam_id, pk])
    return f"{url}?grade={grade}" if grade is not None else url


def _subject(request: HttpRequest, page: GradePage, allowed: list[str] | None = None) -> str:
    subjects = allowed if allowed is not None else [s.name for s in page.analysis.subjects]
    chosen = request.GET.get("subject") or (TOTAL if TOTAL in subjects else subjects[0])
    if chosen not in subjects:
        raise Http404
    return chosen


def _frame(page: GradePage, name: str) -> pl.DataFrame:
    return filter_frame(name, page.analysis.frame(name), page.visibility)


def _summary(page: GradePage) -> pl.DataFrame:
    return _frame(page, "summary")


def sees_overview(request: HttpRequest, page: GradePage) -> bool:
    """The bureau sees every school side by side; a group leader the schools of their group."""
    return page.visibility.everything or bool(page.visibility.groups)


def _rank_trend(
    page: GradePage, level: str, subject: str, names: list[str], parent: str | None = None
) -> dict[str, Any]:
    """Ranks of units (schools in the county, classes in a school) across this and earlier exams."""
    chain = history(page.exam, page.grade)
    categories, series = [], {name: [] for name in names}  # type: dict[str, list[float | None]]
    for exam, _grade, analysis in chain:
        categories.append(exam.name)
        summary = analysis.frame("summary").filter((pl.col("level") == level) & (pl.col("subject") == subject))
        if parent is not None:
            summary = summary.filter(pl.col("school") == parent)
        key = "school" if level == "school" else "class"
        ranks = dict(zip(summary.get_column(key).to_list(), summary.get_column("rank").to_list(), strict=True))
        for name in names:
            series[name].append(ranks.get(name))
    return line_chart(categories, series.items(), inverse=True, y_name=_("名次"))


@login_required
def county_overview(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    page = grade_page(request, exam, grade_or_404(request, exam))
    if not sees_overview(request, page):
        raise Http404
    subject = _subject(request, page)
    summary = _summary(page)
    county = summary.filter(pl.col("level") == "county")
    schools = summary.filter(pl.col("level") == "school")
    chosen = schools.filter(pl.col("subject") == subject).sort("rank", nulls_last=True)
    names = chosen.get_column("school").to_list()
    matrix = []
    for name in names:
        row = schools.filter(pl.col("school") == name)
        by_subject = {r["subject"]: r for r in row.iter_rows(named=True)}
        matrix.append(
            {
                "school": name,
                "school_id": page.labels.schools.get(name),
                "cells": [
                    (fmt_number(by_subject[s]["mean"], 1), fmt_int(by_subject[s]["rank"]))
                    if s in by_subject
                    else ("—", "")
                    for s in page.context()["subjects"]
                ],
            }
        )
    # CV across the county's schools first, then within each group that has at least two schools.
    balance = (
        _frame(page, "balance")
        .filter(pl.col("level").is_in(["county", "group"]) & (pl.col("unit") == "school") & (pl.col("units") >= 2))
        .sort(pl.col("level") != "county", maintain_order=True)
    )
    bands = _frame(page, "bands").filter((pl.col("level") == "county") & (pl.col("subject") == subject))
    students = _frame(page, "students")
    context = page.context(
        heading=_("各校对比"),
        export_url=f"{reverse('exams:export', args=[exam.pk])}?grade={page.grade}&unit=county",
        subject=subject,
        county_rows=[{**row, "label": row["subject"]} for row in summary_rows(county)],
        school_rows=[
            {
                **row,
                "label": row["school"],
                "link": _link("exams:school", exam.pk, page.labels.schools.get(row["school"]), page.grade),
            }
            for row in summary_rows(chosen)
        ],
        matrix=matrix,
        balance_rows=[
            {
                "subject": subject_label(row["subject"]),
                "where": row["group"] or page.exam.owner_label,
                "units": row["units"],
                "cv": fmt_percent(row["cv"]),
                "cv_weighted": fmt_percent(row["cv_weighted"]),
                "range": fmt_number(row["range"]),
                "max_mean": fmt_number(row["max_mean"]),
                "min_mean": fmt_number(row["min_mean"]),
            }
            for row in balance.iter_rows(named=True)
        ],
        bands_chart=band_chart(bands, unit=subject_label(subject)),
        box=box_chart(students, by="school", subject=subject, order=names),
        trend=_rank_trend(page, "school", subject, names),
        report_unit="county",
        can_report=may_request(request.user, exam, page.visibility, ("county", None, None)),
    )
    return render(request, "exams/county_overview.html", context)


def _school_name(page: GradePage, school_id: int) -> str:
    name = next((n for n, pk in page.labels.schools.items() if pk == school_id), None)
    if name is None or not page.visibility.sees_school(name):
        raise Http404
    return name


def _teacher_of(teachers: pl.DataFrame) -> dict[tuple[str, str], str]:
    """(class, subject) → teacher label, from the teacher comparison rows."""
    return {
        (r["class"], r["subject"]): r["teacher"]
        for r in teachers.select("class", "subject", "teacher").iter_rows(named=True)
    }


@login_required
def school_analysis(request: HttpRequest, pk: int, school_id: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    page = grade_page(request, exam, grade_or_404(request, exam))
    school = _school_name(page, school_id)
    subject = _subject(request, page)
    summary = _summary(page)
    own = summary.filter((pl.col("level") == "school") & (pl.col("school") == school))
    county = summary.filter(pl.col("level") == "county")
    classes = summary.filter(
        (pl.col("level") == "class") & (pl.col("school") == school) & (pl.col("subject") == subject)
    )
    class_names = classes.get_column("class").to_list()
    teachers = _frame(page, "teacher_comparison").filter(pl.col("school") == school)
    teacher_of = _teacher_of(teachers)
    contribution = _frame(page, "contribution").filter((pl.col("level") == "class") & (pl.col("school") == school))
    subjects = [s for s in page.context()["subjects"] if s != TOTAL]
    contrib = {(r["class"], r["subject"]): r["contribution"] for r in contribution.iter_rows(named=True)}
    cut_lines = _frame(page, "cut_lines").filter((pl.col("level") == "class") & (pl.col("school") == school))
    lines = sorted(set(cut_lines.get_column("line").to_list()))
    cuts = {(r["class"], r["line"]): r for r in cut_lines.iter_rows(named=True)}
    balance = _frame(page, "balance").filter((pl.col("level") == "school") & (pl.col("school") == school))
    bands = _frame(page, "bands").filter(
        (pl.col("level") == "school") & (pl.col("school") == school) & (pl.col("subject") == subject)
    )
    students = _frame(page, "students").filter(pl.col("school") == school)
    context = page.context(
        heading=school,
        export_url=f"{reverse('exams:export', args=[exam.pk])}?grade={page.grade}&unit=school:{school_id}",
        school=school,
        school_id=school_id,
        subject=subject,
        own_rows=[{**row, "label": row["subject"]} for row in summary_rows(own)],
        county_rows={r["subject"]: r for r in summary_rows(county)},
        schools_count=page.analysis.frame("summary")
        .filter((pl.col("level") == "school") & (pl.col("subject") == TOTAL))
        .height,
        class_rows=[
            {
                **row,
                "label": row["class"],
                "link": _link("exams:class", exam.pk, page.labels.classes.get((school, row["class"]))),
                "teacher": teacher_of.get((row["class"], subject), ""),
            }
            for row in summary_rows(classes)
        ],
        teacher_rows=_teacher_rows(teachers, page),
        contribution_subjects=subjects,
        contribution_rows=[
            {"class": c, "values": [fmt_signed_percent(contrib.get((c, s))) for s in subjects]} for c in class_names
        ],
        cut_headers=[
            (tier_name(line), fmt_number(cuts[next(k for k in cuts if k[1] == line)]["line_score"])) for line in lines
        ],
        cut_rows=[
            {
                "class": c,
                "values": [
                    _("%(count)s (%(share)s)")
                    % {
                        "count": fmt_int(cuts[(c, line)]["count_above"]),
                        "share": fmt_percent(cuts[(c, line)]["share_above"]),
                    }
                    if (c, line) in cuts
                    else "—"
                    for line in lines
                ],
            }
            for c in class_names
        ],
        balance_rows=[
            {
                "subject": subject_label(r["subject"]),
                "units": r["units"],
                "cv": fmt_percent(r["cv"]),
                "cv_weighted": fmt_percent(r["cv_weighted"]),
                "range": fmt_number(r["range"]),
            }
            for r in balance.iter_rows(named=True)
        ],
        bands_chart=band_chart(bands, unit=f"{school} {subject_label(subject)}"),
        box=box_chart(students, by="class", subject=subject, order=class_names),
        trend=_rank_trend(page, "class", subject, class_names, parent=school),
        report_unit=f"school:{school_id}",
        can_report=True,
    )
    return render(request, "exams/school_analysis.html", context)


def _teacher_rows(teachers: pl.DataFrame, page: GradePage) -> list[dict[str, Any]]:
    rows = []
    for r in teachers.iter_rows(named=True):
        rows.append(
            {
                "teacher": r["teacher"],
                "teacher_id": page.labels.teachers.get((r["school"], r["teacher"])),
                "class": r["class"],
                "subject": r["subject"] if r["subject"] != TOTAL else _("总分（班主任）"),
                "sat": fmt_int(r["sat"]),
                "mean": fmt_number(r["mean"], 2),
                "mean_diff_school": fmt_number(r["mean_diff_school"], 2),
                "mean_diff_county": fmt_number(r["mean_diff_county"], 2),
                "pass_rate": fmt_percent(r["pass_rate"]),
                "excellent_rate": fmt_percent(r["excellent_rate"]),
                "composite": fmt_number(r["composite"], 2),
                "over_mean_rate": fmt_signed_percent(r["over_mean_rate"]),
                "rank": fmt_int(r["rank"]),
                "prev_rank": fmt_int(r["prev_rank"]),
                "rank_change": rank_change(r["rank_change"]),
                "score_rate_change": fmt_signed_percent(r["score_rate_change"]),
            }
        )
    return rows


def _class_or_404(request: HttpRequest, exam: Any, class_id: int) -> Any:
    return get_for_user(exam_classes(exam), pk=class_id)


def _student_table(students: pl.DataFrame, subjects: list[str], page: GradePage) -> list[dict[str, Any]]:
    """One row per student: each visible subject's score and class rank; 总分 with class/school/county ranks."""
    rows: dict[str, dict[str, Any]] = {}
    for r in students.iter_rows(named=True):
        row = rows.setdefault(r["student_id"], {"student_id": r["student_id"], "name": r["name"], "cells": {}})
        text = fmt_number(r["score"]) if r["status"] == "scored" else STATUS_LABELS.get(r["status"], "—")
        row["cells"][r["subject"]] = {
            "text": text,
            "rank_class": fmt_int(r["rank_class"]),
            "rank_school": fmt_int(r["rank_school"]),
            "rank_county": fmt_int(r["rank_county"]),
            "t": fmt_number(r["t"], 1),
            "level": r["level"] or "",
            "change": rank_change(r["change_rank_county"]),
        }
    out = []
    for row in rows.values():
        row["ordered"] = [row["cells"].get(s, {"text": "—"}) for s in subjects]
        row["total"] = row["cells"].get(TOTAL)
        out.append(row)

    def order(row: dict[str, Any]) -> tuple[int, str]:
        rank = row["total"]["rank_class"] if row["total"] else "—"
        return (int(rank) if rank != "—" else 10**9, row["student_id"])

    return sorted(out, key=order)


@login_required
def class_analysis(request: HttpRequest, pk: int, class_id: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    school_class = _class_or_404(request, exam, class_id)
    page = grade_page(request, exam, school_class.grade)
    school = school_class.school.name
    label = class_label(school_class.name, school_class.grade, school_class.number)
    all_subjects = [s.name for s in page.analysis.subjects]
    subjects = page.visibility.class_subjects(school, label, all_subjects)
    if not subjects:
        raise Http404
    subject = _subject(request, page, subjects)
    summary = _summary(page).filter(pl.col("subject").is_in(subjects))
    own = summary.filter((pl.col("level") == "class") & (pl.col("school") == school) & (pl.col("class") == label))
    school_rows = {
        r["subject"]: r
        for r in summary_rows(summary.filter((pl.col("level") == "school") & (pl.col("school") == school)))
    }
    county_rows = {r["subject"]: r for r in summary_rows(summary.filter(pl.col("level") == "county"))}
    students = _frame(page, "students").filter(
        (pl.col("school") == school) & (pl.col("class") == label) & pl.col("subject").is_in(subjects)
    )
    student_ids = dict(
        school_class.memberships.filter(school_year_id=exam.term.school_year_id).values_list(
            "student__student_number", "student_id"
        )
    )
    critical = _frame(page, "critical").filter(
        (pl.col("school") == school) & (pl.col("class") == label) & pl.col("subject").is_in(subjects)
    )
    profile = (
        _frame(page, "student_profile").filter((pl.col("school") == school) & (pl.col("class") == label))
        if TOTAL in subjects
        else None
    )
    bands = _frame(page, "bands").filter(
        (pl.col("level") == "class")
        & (pl.col("school") == school)
        & (pl.col("class") == label)
        & (pl.col("subject") == subject)
    )
    table = _student_table(students, subjects, page)
    for row in table:
        row["pk"] = student_ids.get(row["student_id"])
    writable = {s for c, s in writable_score_pairs(request.user, exam, school_class.grade) if c == school_class.pk}
    context = page.context(
        heading=f"{school} {label}",
        export_url=f"{reverse('exams:export', args=[exam.pk])}?grade={page.grade}&unit=class:{school_class.pk}"
        if page.visibility.sees_class(school, label)
        else "",
        subject_choices=subjects,
        grade_links=False,
        school_class=school_class,
        school=school,
        class_name=label,
        subject=subject,
        visible_subjects=subjects,
        own_rows=[
            {
                **r,
                "school_mean": school_rows.get(r["subject"], {}).get("mean_f", "—"),
                "county_mean": county_rows.get(r["subject"], {}).get("mean_f", "—"),
            }
            for r in summary_rows(own)
        ],
        students=table,
        show_total=TOTAL in subjects,
        critical_rows=[
            {
                "name": r["name"],
                "subject": subject_label(r["subject"]),
                "score": fmt_number(r["score"]),
                "line": str(LINE_KIND_NAMES.get(r["line_kind"], r["line_kind"])),
                "line_score": fmt_number(r["line_score"]),
                "gap": fmt_number(r["gap"]),
            }
            for r in critical.iter_rows(named=True)
        ],
        profile_rows=[
            {
                "name": r["name"],
                "strongest": r["strongest"] or "—",
                "weakest": r["weakest"] or "—",
                "z_range": fmt_number(r["z_range"], 2),
                "widest_gap_subject": r["widest_gap_subject"] or "—",
            }
            for r in (profile.iter_rows(named=True) if profile is not None else [])
        ],
        bands_chart=band_chart(bands, unit=f"{label} {subject_label(subject)}"),
        radar={
            "indicators": [
                {"name": r["subject"], "max": 100} for r in own.iter_rows(named=True) if r["subject"] != TOTAL
            ],
            "series": [
                {
                    "name": label,
                    "value": [
                        round(100 * (r["score_rate"] or 0), 1)
                        for r in own.iter_rows(named=True)
                        if r["subject"] != TOTAL
                    ],
                },
                {
                    "name": _("全县"),
                    "value": [
                        round(100 * (county_rows.get(r["subject"], {}).get("score_rate") or 0), 1)
                        for r in own.iter_rows(named=True)
                        if r["subject"] != TOTAL
                    ],
                },
            ],
        },
        can_enter=bool(writable) and not exam.is_locked,
        can_print_slips=page.visibility.sees_class(school, label),
        report_unit=f"class:{school_class.pk}",
        can_report=page.visibility.sees_class(school, label),
    )
    return render(request, "exams/class_analysis.html", context)
