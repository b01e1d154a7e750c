"""Exam list, set-up, settings, status changes, the import template and the edit history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import managed_schools, scope_for, score_scope, visible_counties
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.exams import services
from zhiliang.exams.analysis import grade_labels
from zhiliang.exams.forms import ExamCreateForm, ExamSettingsForm, ReopenForm
from zhiliang.exams.importer import KIND, importable_school_ids, user_may_import_any
from zhiliang.exams.matching import load_roster
from zhiliang.exams.models import Exam, ExamScope, ExamStatus, Score, ScoreEdit, ScoreStatus
from zhiliang.exams.selectors import (
    can_create_exam_for,
    can_manage_exam,
    exam_grades,
    exam_warnings,
    exams_visible,
    scores_visible,
    writable_score_pairs,
)
from zhiliang.exams.views.common import XLSX, exam_or_404
from zhiliang.exams.visibility import visibility_for
from zhiliang.org.models import EducationGroup, SchoolClass, Term, grade_name


def _creatable(user: Any) -> dict[str, Any]:
    scope = scope_for(user)
    schools = managed_schools(user).order_by("code")
    counties = visible_counties(user)
    groups = EducationGroup.objects.filter(Q(id__in=scope.group_ids) | Q(county_id__in=scope.county_admin_ids))
    scopes = []
    if schools.exists():
        scopes.append(ExamScope.SCHOOL)
    if groups.exists():
        scopes.append(ExamScope.GROUP)
    if scope.county_admin_ids:
        scopes.append(ExamScope.COUNTY)
    terms = Term.objects.filter(school_year__county__in=counties).select_related("school_year")
    return {"schools": schools, "groups": groups, "scopes": scopes, "terms": terms}


@login_required
def exam_list(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).roles:
        raise Http404
    page = Paginator(exams_visible(request.user), 30).get_page(request.GET.get("page"))
    rows = [(exam, [grade_name(g) for g in exam_grades(exam)]) for exam in page]
    return render(
        request,
        "exams/exam_list.html",
        {"page": page, "rows": rows, "can_create": bool(_creatable(request.user)["scopes"])},
    )


@login_required
def exam_create(request: HttpRequest) -> HttpResponse:
    options = _creatable(request.user)
    if not options["scopes"]:
        raise Http404
    form = ExamCreateForm(request.POST or None, **options)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = data["scope"]
        if not can_create_exam_for(
            request.user, scope=scope, school=data.get("school"), group_id=getattr(data.get("group"), "pk", None)
        ):
            raise Http404
        subjects = {grade: list(data["subjects"]) for grade in data["grades"]}
        try:
            exam = services.exam_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                term=data["term"],
                subjects=subjects,
                scope=scope,
                school=data.get("school"),
                group=data.get("group"),
                county=data["term"].school_year.county,
                exam_format=data["format"],
                held_on=data.get("held_on"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            for warning in exam_warnings(exam):
                messages.warning(request, f"{warning.message}（{warning.source}：{warning.rule}）")
            messages.success(request, _("考试已创建。检查满分和分数线后，点击“开始录入”即可导入或录入成绩。"))
            return redirect("exams:detail", pk=exam.pk)
    return render(request, "exams/exam_form.html", {"form": form})


def _entry_links(request: HttpRequest, exam: Exam) -> list[dict[str, Any]]:
    """Classes the user may enter scores for, with the subjects, per grade.

    Not listed for the bureau: a county exam has hundreds of classes, reached from the analysis pages.
    """
    links: list[dict[str, Any]] = []
    if exam.county_id in scope_for(request.user).county_ids:
        return links
    for grade in exam_grades(exam):
        pairs = writable_score_pairs(request.user, exam, grade)
        if not pairs:
            continue
        class_ids = {class_id for class_id, _subject in pairs}
        classes = (
            SchoolClass.objects.filter(id__in=class_ids).select_related("school").order_by("school__code", "number")
        )
        for school_class in classes:
            links.append({"class": school_class, "count": sum(1 for c, _s in pairs if c == school_class.pk)})
    return links


def _progress(request: HttpRequest, exam: Exam) -> list[dict[str, Any]]:
    """Entered / all results per grade among those the user sees."""
    grade_of = {es.pk: es.grade for es in exam.exam_subjects.all()}
    rows = Score.objects.filter(exam_subject_id__in=list(grade_of))
    if exam.county_id not in scope_for(request.user).county_ids:
        rows = rows.filter(score_scope(request.user, class_field="school_class", subject_field="exam_subject__subject"))
    counts = rows.values("exam_subject_id").annotate(
        total=Count("id"), missing=Count("id", filter=Q(status=ScoreStatus.MISSING))
    )
    by_grade: dict[int, list[int]] = {}
    for row in counts:
        totals = by_grade.setdefault(grade_of[row["exam_subject_id"]], [0, 0])
        totals[0] += row["total"]
        totals[1] += row["missing"]
    return [
        {
            "grade": grade_name(grade),
            "total": total,
            "entered": total - missing,
            "percent": round(100 * (total - missing) / total) if total else 0,
        }
        for grade, (total, missing) in sorted(by_grade.items())
    ]


def _analysis_links(request: HttpRequest, exam: Exam) -> list[dict[str, Any]]:
    links = []
    if exam.county_id in scope_for(request.user).county_ids:
        # The bureau reaches every school and class from the overview; no need to list hundreds here.
        return [
            {"grade": g, "label": grade_name(g), "overview": True, "schools": [], "classes": [], "teachers": []}
            for g in exam_grades(exam)
        ]
    for grade in exam_grades(exam):
        labels = grade_labels(exam, grade)
        visibility = visibility_for(request.user, exam, grade, labels)
        if visibility.nothing:
            continue
        entry: dict[str, Any] = {
            "grade": grade,
            "label": grade_name(grade),
            "overview": visibility.everything or bool(visibility.groups),
        }
        entry["schools"] = sorted(
            ((name, pk) for name, pk in labels.schools.items() if visibility.sees_school(name)),
        )
        entry["classes"] = sorted(
            (
                (f"{school} {class_name}", pk)
                for (school, class_name), pk in labels.classes.items()
                if not visibility.sees_school(school)
                and (
                    visibility.sees_class(school, class_name)
                    or any((school, class_name) == (s, c) for s, c, _subject in visibility.subjects)
                )
            ),
        )
        entry["teachers"] = sorted(
            (label, pk) for (school, label), pk in labels.teachers.items() if (school, label) in visibility.teachers
        )
        links.append(entry)
    return links


@login_required
def exam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exam = exam_or_404(request, pk)
    manage = can_manage_exam(request.user, exam)
    subjects_by_grade: dict[int, list[Any]] = {}
    for exam_subject in exam.exam_subjects.all():
        subjects_by_grade.setdefault(exam_subject.grade, []).append(exam_subject)
    context = {
        "exam": exam,
        "can_manage": manage,
        "warnings": exam_warnings(exam),
        "subjects_by_grade": [(grade_name(g), items) for g, items in sorted(subjects_by_grade.items())],
        "may_import": user_may_import_any(request.user, exam),
        "import_url": reverse("imports:upload", kwargs={"kind": KIND}) + f"?target={exam.pk}",
        "entry_links": _entry_links(request, exam) if exam.status != ExamStatus.DRAFT else [],
        "progress": _progress(request, exam),
        "analysis_links": _analysis_links(request, exam) if exam.status != ExamStatus.DRAFT else [],
        "reopen_form": ReopenForm(),
        "edit_count": ScoreEdit.objects.filter(score__in=scores_visible(request.user, exam)).count(),
    }
    return render(request, "exams/exam_detail.html", context)


def _managed_exam(request: HttpRequest, pk: int) -> Exam:
    exam = exam_or_404(request, pk)
    if not can_manage_exam(request.user, exam):
        raise Http404
    return exam


@login_required
def exam_edit(request: HttpRequest, pk: int) -> HttpResponse:
    exam = _managed_exam(request, pk)
    previous = exams_visible(request.user).filter(county=exam.county, status=ExamStatus.PUBLISHED).exclude(pk=exam.pk)
    form = ExamSettingsForm(request.POST or None, instance=exam, previous_choices=previous)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.exam_update(exam=exam, actor=request.user, full_marks=form.full_marks(), **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("设置已保存。分析结果会按新设置重新计算。"))
            return redirect("exams:detail", pk=exam.pk)
    return render(request, "exams/exam_settings.html", {"exam": exam, "form": form})


@login_required
@require_POST
def exam_status(request: HttpRequest, pk: int) -> HttpResponse:
    exam = _managed_exam(request, pk)
    action = request.POST.get("action")
    if action == "open":
        services.exam_open(exam=exam, actor=request.user)
        messages.success(request, _("已开始录入：可以导入成绩文件，任课教师可以在网页上录入本班成绩。"))
    elif action == "publish":
        services.exam_publish(exam=exam, actor=request.user)
        messages.success(request, _("成绩已发布并锁定。"))
    elif action == "reopen":
        form = ReopenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写撤回发布的原因。"))
        else:
            services.exam_reopen(exam=exam, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("已撤回发布，成绩可以再次修改；每次修改都会被记录。"))
    else:
        raise Http404
    return redirect("exams:detail", pk=exam.pk)


@login_required
def exam_template(request: HttpRequest, pk: int) -> HttpResponse:
    """A wide score sheet for this exam, pre-filled with the students the user may import for."""
    exam = exam_or_404(request, pk)
    if not user_may_import_any(request.user, exam):
        raise Http404
    schools = importable_school_ids(request.user, exam)
    grades = exam_grades(exam)
    roster = load_roster(exam, grades)
    sheets = []
    for grade in grades:
        subjects = [es.subject.name for es in exam.exam_subjects.all() if es.grade == grade]
        students = sorted(
            (e for e in roster.by_id.values() if e.grade == grade and e.school_id in schools),
            key=lambda e: (e.school_name, e.class_number, e.student_number),
        )
        sheets.append(
            SheetSpec(
                name=grade_name(grade),
                title=f"{exam.name} {grade_name(grade)} " + _("成绩录入表"),
                columns=[
                    ColumnSpec("学校", width=16),
                    ColumnSpec("班级", width=14),
                    ColumnSpec("学籍号", width=22),
                    ColumnSpec("姓名", width=10),
                    *(ColumnSpec(subject, width=8) for subject in subjects),
                ],
                rows=[
                    (e.school_name, e.class_label, e.student_number, e.name, *([""] * len(subjects))) for e in students
                ],
                notes=[
                    _("注：成绩格填写分数；缺考、免考、作弊直接写文字；未考或未录留空。不要修改表头。"),
                ],
            )
        )
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=exam, what="score_template")
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="exam-{exam.pk}-template.xlsx"'
    return response


@login_required
def score_edits(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to a recorded result of this exam that the user may see: old, new, who, why, when."""
    exam = exam_or_404(request, pk)
    edits = (
        ScoreEdit.objects.filter(score__in=scores_visible(request.user, exam).values("pk"))
        .select_related("score__student", "score__school_class__school", "score__exam_subject__subject", "edited_by")
        .order_by("-edited_at", "-id")
    )
    page = Paginator(edits, 50).get_page(request.GET.get("page"))
    return render(
        request, "exams/score_edits.html", {"exam": exam, "page": page, "statuses": dict(ScoreStatus.choices)}
    )
