"""Score entry in the browser: one class, the subjects the user may enter, one cell saved at a time.

The grid is keyboard-first (Enter and the arrow keys move between cells, `exam-entry.js`); each cell is
saved by an htmx POST when it changes and comes back as the `_cell.html` fragment with the saved value or
the error in place. On a phone the grid shows one subject column at a time. A published exam shows the
grid read-only with a message saying why (no 403: the page is theirs, the exam is locked).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user
from zhiliang.exams.models import ExamStatus, ExamSubject, Score, ScoreStatus
from zhiliang.exams.selectors import exam_classes, writable_score_pairs
from zhiliang.exams.services import EXAM_LOCKED, score_enter
from zhiliang.exams.views.common import exam_or_404
from zhiliang.people.models import ClassMembership


def _grid_access(request: HttpRequest, pk: int, class_id: int) -> tuple[Any, Any, list[ExamSubject]]:
    exam = exam_or_404(request, pk)
    if exam.status == ExamStatus.DRAFT:
        raise Http404
    school_class = get_for_user(exam_classes(exam), pk=class_id)
    pairs = writable_score_pairs(request.user, exam, school_class.grade)
    subject_ids = {subject_id for c, subject_id in pairs if c == school_class.pk}
    subjects = [
        es
        for es in sorted(exam.exam_subjects.all(), key=lambda es: (es.subject.order, es.subject.code))
        if es.grade == school_class.grade and es.subject_id in subject_ids
    ]
    if not subjects:
        raise Http404
    return exam, school_class, subjects


def _students(exam: Any, school_class: Any) -> list[dict[str, Any]]:
    """The class's students this school year and those whose score rows say they sat in this class."""
    members = ClassMembership.objects.filter(school_class=school_class, school_year_id=exam.term.school_year_id)
    rows: dict[int, dict[str, Any]] = {}
    for student_id, name, number, seat in members.values_list(
        "student_id", "student__name", "student__student_number", "seat_number"
    ).order_by("seat_number", "student__student_number"):
        rows[student_id] = {"id": student_id, "name": name, "number": number, "seat": seat, "cells": {}}
    scores = Score.objects.filter(exam_subject__exam=exam, school_class=school_class).select_related("student")
    for score in scores:
        row = rows.setdefault(
            score.student_id,
            {
                "id": score.student_id,
                "name": score.student.name,
                "number": score.student.student_number,
                "seat": None,
                "cells": {},
            },
        )
        row["cells"][score.exam_subject_id] = score
    return list(rows.values())


def _cell(exam: Any, school_class: Any, student_id: int, exam_subject: ExamSubject, **extra: Any) -> dict[str, Any]:
    return {
        "exam": exam,
        "school_class": school_class,
        "student_id": student_id,
        "exam_subject": exam_subject,
        "locked": exam.is_locked,
        **extra,
    }


@login_required
def score_entry(request: HttpRequest, pk: int, class_id: int) -> HttpResponse:
    exam, school_class, subjects = _grid_access(request, pk, class_id)
    chosen = request.GET.get("subject", "")
    if chosen.isdigit():
        subjects.sort(key=lambda es: es.subject_id != int(chosen))
    students = _students(exam, school_class)
    grid = [
        {
            **student,
            "cells": [
                _cell(exam, school_class, student["id"], es, score=student["cells"].get(es.pk), column=i)
                for i, es in enumerate(subjects)
            ],
        }
        for student in students
    ]
    return render(
        request,
        "exams/score_entry.html",
        {
            "exam": exam,
            "school_class": school_class,
            "subjects": subjects,
            "grid": grid,
            "locked": exam.is_locked,
            "locked_message": EXAM_LOCKED,
            "entered": sum(
                1
                for s in students
                for es in subjects
                if es.pk in s["cells"] and s["cells"][es.pk].status != ScoreStatus.MISSING
            ),
            "total": len(students) * len(subjects),
        },
    )


@login_required
@require_POST
def score_cell(request: HttpRequest, pk: int, class_id: int) -> HttpResponse:
    exam, school_class, subjects = _grid_access(request, pk, class_id)
    subject_raw, student_raw = request.POST.get("subject", ""), request.POST.get("student", "")
    if not (subject_raw.isdigit() and student_raw.isdigit()):
        raise Http404
    exam_subject = next((es for es in subjects if es.subject_id == int(subject_raw)), None)
    if exam_subject is None:
        raise Http404
    student_id = int(student_raw)
    belongs = (
        ClassMembership.objects.filter(
            school_class=school_class, school_year_id=exam.term.school_year_id, student_id=student_id
        ).exists()
        or Score.objects.filter(exam_subject=exam_subject, student_id=student_id, school_class=school_class).exists()
    )
    if not belongs:
        raise Http404
    text = request.POST.get("value", "")
    result = score_enter(
        actor=request.user,
        exam=exam,
        exam_subject=exam_subject,
        student_id=student_id,
        school_class_id=school_class.pk,
        text=text,
    )
    score = result.score or Score.objects.filter(exam_subject=exam_subject, student_id=student_id).first()
    context = _cell(
        exam,
        school_class,
        student_id,
        exam_subject,
        score=score,
        error=result.error,
        typed=text if result.error else None,
        saved=not result.error and result.changed,
        column=int(request.POST.get("column", "0") or 0),
    )
    return render(request, "exams/_cell.html", context)
