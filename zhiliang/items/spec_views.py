"""The item specification page (双向细目表) of a paper: edit each item on the page, upload a file, download
the current specification as a template. Open to whoever may import the exam's scores (`importer`), 404 for
everyone else. The writes are `zhiliang.items.spec`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.tabular import ImportProblems, Problem, read_table
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.exams.models import ExamSubject
from zhiliang.exams.selectors import can_manage_exam, exam_for_user
from zhiliang.exams.views.common import XLSX
from zhiliang.items import spec
from zhiliang.items.models import ItemKind, Paper
from zhiliang.org.models import grade_name


def _spec_access(user: Any, exam_id: int, exam_subject_id: int) -> tuple[ExamSubject, Paper | None]:
    """The specification belongs to the exam's managers: a county paper is one for every school, so a school's
    leadership, who may import their own students' item scores, may not change what the items test."""
    exam = exam_for_user(user, exam_id)
    exam_subject = next((es for es in exam.exam_subjects.all() if es.pk == exam_subject_id), None)
    if exam_subject is None or not can_manage_exam(user, exam):
        raise Http404
    return exam_subject, Paper.objects.filter(exam_subject=exam_subject).first()


def _messages(problems: list[Problem], with_location: bool) -> list[str]:
    lang = get_language() or "zh-hans"
    out = []
    for problem in problems[:100]:
        where = problem.location(lang) if with_location else (problem.header or "")
        out.append(f"{where}: {problem.detail(lang)}" if where else problem.detail(lang))
    return out


def _page(request: HttpRequest, exam_subject: ExamSubject, paper: Paper | None, problems: list[str]) -> HttpResponse:
    exam = exam_subject.exam
    changed = request.GET.get("changed", "")
    rows = spec.spec_rows_for_display(paper)
    if problems and request.method == "POST" and "file" not in request.FILES:
        # Show what was entered, not what is stored, so a refused form can be corrected rather than retyped.
        fields = {"kind": "kind", "max": "max", "key": "key", "kp": "knowledge", "ability": "abilities"}
        fields["intended"] = "intended"
        for row in rows:
            for name, key in fields.items():
                posted = request.POST.get(f"{name}-{row['position']}")
                if posted is not None:
                    row[key] = posted
    context = {
        "exam": exam,
        "exam_subject": exam_subject,
        "title": f"{exam.name} {grade_name(exam_subject.grade)} {exam_subject.subject.name}",
        "rows": rows,
        "kinds": ItemKind.choices,
        "has_scores": paper is not None and paper.responses.exists(),
        "has_paper_page": paper is not None and exam.status != "draft",
        "problems": problems,
        "headers": spec.HEADERS,
        "changed": changed if changed.isdigit() and not problems else "",
    }
    return render(request, "items/spec.html", context, status=400 if problems else 200)


def _done(pk: int, exam_subject_id: int, result: spec.SpecResult) -> HttpResponse:
    # The count goes into the address so that the page after the redirect can say what happened.
    return redirect(f"{reverse('items:spec', args=[pk, exam_subject_id])}?changed={len(result.changed)}")


@login_required
def spec_page(request: HttpRequest, pk: int, exam_subject_id: int) -> HttpResponse:
    exam_subject, paper = _spec_access(request.user, pk, exam_subject_id)
    if request.method == "POST":
        rows = spec.form_rows(paper, request.POST)
        problems = spec.form_problems(rows)
        if not problems:
            result = spec.spec_write(exam_subject=exam_subject, rows=rows, actor=request.user, source="form")
            problems = result.problems
        if not problems:
            return _done(pk, exam_subject_id, result)
        return _page(request, exam_subject, paper, _messages(problems, with_location=False))
    return _page(request, exam_subject, paper, [])


@login_required
@require_POST
def spec_upload(request: HttpRequest, pk: int, exam_subject_id: int) -> HttpResponse:
    exam_subject, paper = _spec_access(request.user, pk, exam_subject_id)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, exam_subject, paper, [_("Choose a file to upload.")])
    try:
        table = read_table(upload.read(), filename=upload.name, known_headers=spec.HEADERS)
    except ImportProblems as error:
        return _page(request, exam_subject, paper, _messages(error.problems, with_location=True))
    rows, problems = spec.read_spec_table(table)
    if not problems:
        result = spec.spec_write(
            exam_subject=exam_subject, rows=rows, actor=request.user, source="file", filename=upload.name
        )
        problems = result.problems
    if problems:
        return _page(request, exam_subject, paper, _messages(problems, with_location=True))
    return _done(pk, exam_subject_id, result)


@login_required
def spec_template(request: HttpRequest, pk: int, exam_subject_id: int) -> HttpResponse:
    exam_subject, paper = _spec_access(request.user, pk, exam_subject_id)
    rows = spec.spec_rows_for_display(paper)
    sheet = SheetSpec(
        name="双向细目表",
        columns=[ColumnSpec(h) for h in spec.HEADERS],
        rows=[
            (r["label"], r["kind_name"], r["max"], r["key"], r["knowledge"], r["abilities"], r["intended"])
            for r in rows
        ],
    )
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=exam_subject.exam, what="item_specification")
    response = HttpResponse(workbook_bytes([sheet]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="item-specification-{exam_subject.pk}.xlsx"'
    return response
