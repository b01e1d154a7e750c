"""The audit log for bureau administrators: browse, filter, export (the export is itself audited)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import can_view_audit_log
from zhiliang.audit.forms import AuditFilterForm
from zhiliang.audit.models import AuditAction, AuditEvent
from zhiliang.audit.selectors import audit_events_filtered, describe_detail, target_type_label
from zhiliang.audit.services import audit_record
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes

EXPORT_LIMIT = 50_000


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    if not can_view_audit_log(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, audit_events_filtered(**{key: value for key, value in filters.items() if value})


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page:
        event.target_type_label = target_type_label(event.target_type)  # type: ignore[attr-defined]
    template = "audit/_event_rows.html" if request.htmx else "audit/event_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
def event_export(request: HttpRequest) -> HttpResponse:
    _form, events = _filtered(request)
    rows = [
        (
            timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor_name,
            event.get_action_display(),
            event.target_type,
            event.target_repr,
            describe_detail(event.detail),
            event.ip_address or "",
        )
        for event in events[:EXPORT_LIMIT]
    ]
    sheet = SheetSpec(
        name=_("Audit log"),
        title=_("Audit log"),
        columns=[
            ColumnSpec(_("Time"), width=20),
            ColumnSpec(_("User"), width=14),
            ColumnSpec(_("Action"), width=12),
            ColumnSpec(_("Object type"), width=18),
            ColumnSpec(_("Object"), width=30),
            ColumnSpec(_("Detail"), width=40),
            ColumnSpec(_("Address"), width=16),
        ],
        rows=rows,
    )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target_type="audit.AuditEvent",
        target_repr=_("Audit log"),
        rows=len(rows),
        query=request.GET.urlencode(),
    )
    response = HttpResponse(
        workbook_bytes([sheet]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename=audit-log.xlsx"
    return response
