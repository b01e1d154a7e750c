"""控辍保学: the watch list for the school and the bureau, and a student's absences and follow-ups."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user
from zhiliang.care import selectors
from zhiliang.care.access import can_follow_up, leading_students
from zhiliang.care.forms import AbsenceForm, FollowUpForm, ReturnForm
from zhiliang.care.models import AbsenceSpell
from zhiliang.care.views.common import save_for_student
from zhiliang.people.models import Student
from zhiliang.web.access import require_any_role


def _student(request: HttpRequest, pk: int) -> Student:
    student: Student = get_for_user(leading_students(request.user).select_related("school"), pk=pk)
    return student


@login_required
def watch_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user)
    if not leading_students(request.user).exists():
        raise Http404
    rows = selectors.watch_list(request.user, timezone.localdate())
    return render(request, "care/watch_list.html", {"rows": rows})


@login_required
def watch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    student = _student(request, pk)
    may_write = can_follow_up(request.user, student)
    context = {
        "student": student,
        "reasons": selectors.student_watch_reasons(student),
        "events": student.events.filter(kind__in=["dropout", "suspend", "resume", "transfer_in", "transfer_out"]),
        "absences": student.absence_spells.all(),
        "follow_ups": student.watch_follow_ups.select_related("recorded_by"),
        "may_write": may_write,
        "follow_up_form": FollowUpForm(initial={"date": timezone.localdate()}) if may_write else None,
        "absence_form": AbsenceForm() if may_write else None,
        "return_form": ReturnForm() if may_write else None,
    }
    return render(request, "care/watch_detail.html", context)


def _writable(request: HttpRequest, pk: int) -> Student:
    student = _student(request, pk)
    if not can_follow_up(request.user, student):
        raise Http404
    return student


@login_required
@require_POST
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    student = _writable(request, pk)
    save_for_student(FollowUpForm(request.POST), student, request.user)
    return redirect("care:watch_detail", pk=student.pk)


@login_required
@require_POST
def absence_add(request: HttpRequest, pk: int) -> HttpResponse:
    student = _writable(request, pk)
    save_for_student(AbsenceForm(request.POST), student, request.user)
    return redirect("care:watch_detail", pk=student.pk)


@login_required
@require_POST
def absence_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the student came back after an absence spell: it leaves the watch list."""
    spell: AbsenceSpell = get_for_user(AbsenceSpell.objects.select_related("student__school"), pk=pk)
    student = _writable(request, spell.student_id)
    form = ReturnForm(request.POST)
    if form.is_valid() and form.cleaned_data["returned_on"] >= spell.start:
        spell.returned_on = form.cleaned_data["returned_on"]
        spell.save(update_fields=["returned_on"])
    return redirect("care:watch_detail", pk=student.pk)
