"""Special groups, home visits and psychological cases: authorised staff only, every view audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user
from zhiliang.care import services
from zhiliang.care.access import can_see_sensitive, sensitive_students
from zhiliang.care.forms import ContactForm, ProfileForm, PsychCaseForm, PsychSessionForm
from zhiliang.care.models import PsychCase, RecordKind, SpecialGroupProfile
from zhiliang.care.views.common import save_for_student
from zhiliang.people.models import Student, StudentStatus


def _student(request: HttpRequest, pk: int, kind: str) -> Student:
    queryset = sensitive_students(request.user, kind).select_related("school")
    student: Student = get_for_user(queryset, pk=pk)
    return student


@never_cache
@login_required
def special_list(request: HttpRequest) -> HttpResponse:
    """Students with a special-group flag whom the user may see, by school and class; the listing is audited."""
    students = sensitive_students(request.user, RecordKind.SPECIAL_GROUPS)
    if not students.exists():
        raise Http404
    flag = request.GET.get("flag", "")
    profiles = SpecialGroupProfile.objects.filter(
        student__in=students, student__status=StudentStatus.ENROLLED
    ).select_related("student__school")
    if flag in SpecialGroupProfile.FLAGS:
        profiles = profiles.filter(**{flag: True})
    else:
        flag = ""
        any_flag = Q()
        for name in SpecialGroupProfile.FLAGS:
            any_flag |= Q(**{name: True})
        profiles = profiles.filter(any_flag)
    page = Paginator(profiles.order_by("student__school__code", "student__student_number"), 100).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    services.sensitive_view_audit(
        user=request.user, kind=RecordKind.SPECIAL_GROUPS, listed=len(rows), flag=flag or "any", page=page.number
    )
    flags = [(name, SpecialGroupProfile._meta.get_field(name).verbose_name) for name in SpecialGroupProfile.FLAGS]
    return render(request, "care/special_list.html", {"rows": rows, "flags": flags, "flag": flag, "page": page})


@never_cache
@login_required
def special_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A student's special-group profile, contact records and (for those named) psychological cases."""
    student = _student(request, pk, RecordKind.SPECIAL_GROUPS)
    profile = SpecialGroupProfile.objects.filter(student=student).first()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.student, saved.updated_by = student, request.user
        saved.save()
        return redirect("care:special_detail", pk=student.pk)
    services.sensitive_view_audit(user=request.user, kind=RecordKind.SPECIAL_GROUPS, student=student)
    sees_psych = can_see_sensitive(request.user, student, RecordKind.PSYCH)
    context = {
        "student": student,
        "profile": profile,
        "form": form,
        "contacts": student.care_contacts.select_related("recorded_by")[:50],
        "contact_form": ContactForm(),
        "cases": student.psych_cases.all() if sees_psych else None,
        "case_form": PsychCaseForm() if sees_psych else None,
    }
    return render(request, "care/special_detail.html", context)


@login_required
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    student = _student(request, pk, RecordKind.SPECIAL_GROUPS)
    save_for_student(ContactForm(request.POST), student, request.user)
    return redirect("care:special_detail", pk=student.pk)


@never_cache
@login_required
def psych_list(request: HttpRequest) -> HttpResponse:
    students = sensitive_students(request.user, RecordKind.PSYCH)
    if not students.exists():
        raise Http404
    show_closed = request.GET.get("closed") == "1"
    cases = PsychCase.objects.filter(student__in=students).select_related("student__school", "counsellor")
    if not show_closed:
        cases = cases.filter(closed_on__isnull=True)
    rows = list(cases[:500])
    services.sensitive_view_audit(user=request.user, kind=RecordKind.PSYCH, listed=len(rows))
    return render(request, "care/psych_list.html", {"cases": rows, "show_closed": show_closed})


@login_required
@require_POST
def psych_open(request: HttpRequest, pk: int) -> HttpResponse:
    student = _student(request, pk, RecordKind.PSYCH)
    form = PsychCaseForm(request.POST)
    if not form.is_valid():
        return redirect("care:special_detail", pk=student.pk)
    case = form.save(commit=False)
    case.student, case.created_by, case.counsellor = student, request.user, request.user
    case.save()
    return redirect("care:psych_detail", pk=case.pk)


def _case(request: HttpRequest, pk: int) -> PsychCase:
    students = sensitive_students(request.user, RecordKind.PSYCH)
    case: PsychCase = get_for_user(
        PsychCase.objects.filter(student__in=students).select_related("student__school", "counsellor"), pk=pk
    )
    return case


@never_cache
@login_required
def psych_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    services.sensitive_view_audit(user=request.user, kind=RecordKind.PSYCH, student=case.student, case=case.pk)
    context = {
        "case": case,
        "sessions": case.sessions.select_related("recorded_by"),
        "form": PsychSessionForm(initial={"risk_level": case.risk_level}) if case.is_open else None,
    }
    return render(request, "care/psych_detail.html", context)


@login_required
@require_POST
def psych_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = PsychSessionForm(request.POST)
    if case.is_open and form.is_valid():
        services.psych_session_add(user=request.user, case=case, **form.cleaned_data)
    return redirect("care:psych_detail", pk=case.pk)
