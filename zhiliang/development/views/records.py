"""Training records and achievements: a teacher adds their own, the leadership confirms, evidence is scoped."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user, scope_for
from zhiliang.development import access, services
from zhiliang.development.exports import achievement_sheet, training_sheet, xlsx_response
from zhiliang.development.forms import AchievementForm, TrainingForm
from zhiliang.development.models import Achievement, Confirmation, Evidence, TrainingRecord
from zhiliang.development.views.common import paginate, require_development, wants_xlsx
from zhiliang.people.models import Teacher

KINDS: dict[str, dict[str, Any]] = {
    "training": {
        "model": TrainingRecord,
        "form": TrainingForm,
        "visible": access.training_visible,
        "sheet": training_sheet,
        "title": gettext_lazy("Training records"),
        "add_title": gettext_lazy("Record a training course"),
        "list_url": "development:training_list",
    },
    "achievement": {
        "model": Achievement,
        "form": AchievementForm,
        "visible": access.achievements_visible,
        "sheet": achievement_sheet,
        "title": gettext_lazy("Research and awards"),
        "add_title": gettext_lazy("Record research or an award"),
        "list_url": "development:achievement_list",
    },
}


def _recordable_teachers(user: Any) -> Any:
    """Oneself, and for the school leadership the teachers of their schools."""
    scope = scope_for(user)
    own = Q(pk=scope.teacher_id) if scope.teacher_id else Q(pk__in=[])
    return Teacher.objects.filter(own | Q(school__in=access.school_managed(user), is_active=True)).order_by(
        "school__code", "name"
    )


def _records(request: HttpRequest, kind: str) -> Any:
    spec = KINDS[kind]
    records = (
        spec["visible"](request.user)
        .select_related("teacher__school")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
    )
    status = request.GET.get("status", "")
    if status in Confirmation.values:
        records = records.filter(status=status)
    if request.GET.get("mine") == "1":
        records = records.filter(teacher_id=scope_for(request.user).teacher_id)
    return records.order_by("status", "-pk") if status == "" else records


def _list(request: HttpRequest, kind: str) -> HttpResponse:
    require_development(request)
    spec = KINDS[kind]
    records = _records(request, kind)
    if wants_xlsx(request):
        return xlsx_response(request, [spec["sheet"](records)], f"{kind}-records.xlsx", f"development_{kind}")
    confirmable = set(access.school_managed(request.user).values_list("pk", flat=True))
    context = {
        "kind": kind,
        "title": spec["title"],
        "page": paginate(request, records),
        "statuses": Confirmation.choices,
        "status": request.GET.get("status", ""),
        "confirmable_schools": confirmable,
        "results_id": "records",
    }
    return render(request, "development/records.html", context)


def _add(request: HttpRequest, kind: str) -> HttpResponse:
    require_development(request)
    spec = KINDS[kind]
    teachers = _recordable_teachers(request.user)
    if not teachers.exists():
        raise Http404
    form = spec["form"](request.POST or None, request.FILES or None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        teacher, evidence = data.pop("teacher"), data.pop("evidence")
        add = services.training_record_add if kind == "training" else services.achievement_add
        try:
            add(
                user=request.user,
                teacher=teacher,
                evidence=evidence,
                confirmed=access.can_confirm(request.user, teacher),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("development:archive", teacher_id=teacher.pk)
    return render(
        request,
        "development/simple_form.html",
        {"form": form, "kind": kind, "title": spec["add_title"], "back": spec["list_url"]},
    )


def _confirm(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = get_for_user(KINDS[kind]["visible"](request.user).select_related("teacher__school"), pk=pk)
    if not access.can_confirm(request.user, record.teacher):
        raise Http404
    services.record_confirm(user=request.user, record=record, accept=request.POST.get("accept") != "0")
    messages.success(request, _("Saved."))
    return redirect(request.POST["next"] if _safe_next(request) else KINDS[kind]["list_url"])


def _safe_next(request: HttpRequest) -> bool:
    target = request.POST.get("next", "")
    return target.startswith("/development/") and "//" not in target


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    return _list(request, "training")


@login_required
def training_add(request: HttpRequest) -> HttpResponse:
    return _add(request, "training")


@login_required
@require_POST
def training_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, "training", pk)


@login_required
def achievement_list(request: HttpRequest) -> HttpResponse:
    return _list(request, "achievement")


@login_required
def achievement_add(request: HttpRequest) -> HttpResponse:
    return _add(request, "achievement")


@login_required
@require_POST
def achievement_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, "achievement", pk)


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, only to those who see its record; always as a download, never rendered by the browser."""
    item: Evidence = get_for_user(access.evidence_visible(request.user), pk=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
