"""Words and files for the support pages: evidence in a sentence, outcome and movement labels, the xlsx export."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

OUTCOMES = {
    "improved": gettext_lazy("Improved"),
    "steady": gettext_lazy("Steady"),
    "declined": gettext_lazy("Declined"),
    "unknown": gettext_lazy("No total"),
}

MOVEMENTS = {
    "new": gettext_lazy("New near the line"),
    "closer": gettext_lazy("Moved up towards the line"),
    "slipped": gettext_lazy("Fell back from above"),
    "still": gettext_lazy("Still near"),
    "crossed": gettext_lazy("Reached the line"),
    "dropped": gettext_lazy("Dropped further below"),
    "absent": gettext_lazy("No result this time"),
}

LINE_KINDS = {"pass": gettext_lazy("Pass line"), "excellent": gettext_lazy("Excellent line")}
TIERS = {"first": gettext_lazy("First tier"), "second": gettext_lazy("Second tier")}


def outcome_label(value: str | None) -> str:
    return str(OUTCOMES.get(value or "", "")) if value else ""


def evidence_lines(evidence: list[dict[str, Any]]) -> list[str]:
    """One sentence per exam: which main subjects were under the low-score line, where the total stood."""
    lines = []
    for item in evidence:
        parts = []
        if item.get("low_subjects"):
            parts.append(_("below the low-score line in %(subjects)s") % {"subjects": "、".join(item["low_subjects"])})
        if item.get("in_bottom"):
            parts.append(
                _("total %(position)s of %(size)s from the bottom (bottom group: %(cut)s)")
                % {"position": item["bottom_position"], "size": item["group_size"], "cut": item["bottom_cut"]}
            )
        lines.append(f"{item.get('exam', '')}: {'; '.join(parts)}")
    return lines


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def overview_xlsx(request: HttpRequest, result: Any, idle_weeks: int) -> HttpResponse:
    """The overview as a workbook (units; at class level also the idle students and the teachers' loads)."""
    unit = _("School") if result.level == "schools" else _("Class")
    headers = [unit, _("Identified"), _("Pending"), _("Open"), _("Supported"), _("Improved"), _("Exited"), _("Idle")]
    counts = ("identified", "pending", "active", "supported", "improved", "exited", "idle")
    rows = [[row.label, *(getattr(row, name) for name in counts)] for row in result.rows]
    rows.append([_("Total"), *(getattr(result.total, name) for name in counts)])
    sheets = [
        SheetSpec(
            name=_("Overview"),
            title=_("Struggling students: overview"),
            columns=[ColumnSpec(headers[0], width=30), *(ColumnSpec(h, kind="int") for h in headers[1:])],
            rows=rows,
        )
    ]
    if result.level == "classes":
        sheets.append(
            SheetSpec(
                name=_("Idle"),
                title=_("No intervention for %(weeks)s weeks") % {"weeks": idle_weeks},
                columns=[ColumnSpec(_("Student")), ColumnSpec(_("Identified on")), ColumnSpec(_("Last intervention"))],
                rows=[(c.student.name, c.opened_on, c.last_intervention) for c in result.idle_cases],
            )
        )
    sheets.append(
        SheetSpec(
            name=_("Teachers"),
            title=_("Responsible teachers by open cases"),
            columns=[
                ColumnSpec(_("Teacher")),
                ColumnSpec(_("School"), width=24),
                ColumnSpec(_("Open cases"), kind="int"),
            ],
            rows=[(t["mentor__name"], t["mentor__school__name"], t["cases"]) for t in result.teachers],
        )
    )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=result.school,
        target_type="support.overview",
        what="support_overview",
        level=result.level,
    )
    return _xlsx(workbook_bytes(sheets), "support-overview.xlsx")
