"""临界生 lists per class, top students and scholarship award lists, and the county's rules.

临界生: anyone who sees the class, limited to the subjects whose results they may see (`scores_visible`: a
subject teacher sees their own subjects, and the total only with all of them). Top students and award lists:
the roles that see whole schools (bureau, group leader, school leadership), each list limited to the students
they see. Rules: the bureau administrator.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import scope_for
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.support.award_pdf import award_list_pdf
from zhiliang.exams.models import Exam
from zhiliang.exams.selectors import exam_grades
from zhiliang.org.models import County, grade_name
from zhiliang.support import access, services
from zhiliang.support.cutoffs import award_rows, county_exams, critical_rows, register_rows, visible_subjects
from zhiliang.support.forms import RulesForm
from zhiliang.support.presenters import LINE_KINDS, MOVEMENTS, TIERS
from zhiliang.support.standing import class_exams


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


@login_required
def critical(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = access.class_or_404(request.user, class_id)
    exams = class_exams(school_class)
    if not exams:
        return render(request, "support/critical.html", {"school_class": school_class, "exams": [], "rows": []})
    chosen = exams[-1]
    raw = request.GET.get("exam", "")
    for exam, grade in exams:
        if str(exam.pk) == raw:
            chosen = (exam, grade)
    exam, grade = chosen
    subjects = visible_subjects(request.user, exam, school_class)
    label = services.class_label_of(school_class) if grade == school_class.grade else None
    rows, previous = ([], None) if label is None else critical_rows(exam, school_class, label, subjects)
    for row in rows:
        row.kind_label = LINE_KINDS[row.kind]
        row.movement_label = MOVEMENTS[row.movement]
        row.score_text, row.gap_text = _fmt(row.score), _fmt(row.gap)
    context = {
        "school_class": school_class,
        "exams": [e for e, g in reversed(exams) if g == school_class.grade],
        "exam": exam,
        "previous": previous,
        "rows": rows,
        "subjects": subjects,
    }
    return render(request, "support/critical.html", context)


def _leaders_only(request: HttpRequest) -> None:
    if not access.sees_whole_schools(request.user):
        raise Http404


def _chosen_county_exam(request: HttpRequest) -> tuple[list[Exam], Exam | None]:
    exams = county_exams(request.user)
    raw = request.GET.get("exam", "")
    chosen = next((e for e in exams if str(e.pk) == raw), exams[0] if exams else None)
    return exams, chosen


@login_required
def top(request: HttpRequest) -> HttpResponse:
    _leaders_only(request)
    exams, exam = _chosen_county_exam(request)
    grades = exam_grades(exam) if exam else []
    raw = request.GET.get("grade", "")
    grade = int(raw) if raw.isdigit() and int(raw) in grades else (grades[0] if grades else None)
    rules = services.rules_for(exam.county_id) if exam else None
    awards: list[Any] = []
    register: list[Any] = []
    register_exams: list[Exam] = []
    if exam is not None and grade is not None and rules is not None:
        awards = award_rows(request.user, exam, grade, rules)
        for row in awards:
            row.tier_label = TIERS[row.tier]
            row.score_text = _fmt(row.score)
        register_exams, register = register_rows(request.user, exam, grade, rules)
    context = {
        "exams": exams,
        "exam": exam,
        "grades": [(g, grade_name(g)) for g in grades],
        "grade": grade,
        "rules": rules,
        "awards": awards,
        "register": register,
        "register_exams": register_exams,
    }
    return render(request, "support/top.html", context)


@login_required
def award_pdf(request: HttpRequest, exam_id: int) -> HttpResponse:
    _leaders_only(request)
    exam = next((e for e in county_exams(request.user) if e.pk == exam_id), None)
    if exam is None:
        raise Http404
    grades = exam_grades(exam)
    raw = request.GET.get("grade", "")
    grade = int(raw) if raw.isdigit() and int(raw) in grades else grades[0]
    rules = services.rules_for(exam.county_id)
    rows = award_rows(request.user, exam, grade, rules)
    headers = [_("No."), _("Name"), _("School"), _("Class"), _("County rank")]
    sections = []
    for tier, cut in (("first", rules.tier_first), ("second", rules.tier_second)):
        tier_rows = [r for r in rows if r.tier == tier]
        table = [[str(i), r.name, r.school, r.class_label, str(r.rank)] for i, r in enumerate(tier_rows, start=1)]
        heading = _("%(tier)s (county rank 1–%(cut)s): %(count)s students") % {
            "tier": TIERS[tier],
            "cut": cut,
            "count": len(table),
        }
        sections.append((heading, headers, table))
    content = award_list_pdf(
        title=_("Scholarship award list"),
        subtitle=[f"{exam.name} · {grade_name(grade)}", exam.county.name],
        sections=sections,
        note=_("Internal document: ranks are not to be published (2021 exam management notice)."),
        signature=_("Education bureau (seal)    Date:"),
    )
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=exam, what="scholarship_awards", grade=grade)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="awards-{exam.pk}-{grade}.pdf"'
    return response


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.county_admin_ids:
        raise Http404
    county = County.objects.get(pk=min(scope.county_admin_ids))
    current = services.rules_for(county)
    form = RulesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("Rules saved; they apply from the next evaluation."))
        return redirect("support:rules")
    return render(request, "support/rules.html", {"form": form, "county": county, "rules": current})
