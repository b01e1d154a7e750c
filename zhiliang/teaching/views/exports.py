"""`.xlsx` of every table of the teaching pages, each scoped like its page and written to the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.teaching.homework import STATUS_LABELS
from zhiliang.core.teaching.rectification import STATE_LABELS
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.org.models import School
from zhiliang.teaching.access import (
    aggregate_schools,
    led_schools,
    require_leader,
    visible_observations,
    visible_results,
)
from zhiliang.teaching.selectors import county_overview, homework_load, quota_rows, result_rows, school_summary
from zhiliang.teaching.views.common import require_teaching, term_context, xlsx_response
from zhiliang.teaching.views.homework import _classes, load_window


def _lang(request: HttpRequest) -> int:
    return 1 if request.LANGUAGE_CODE.startswith("en") else 0


def _pct(value: Any) -> float | None:
    return float(value) if value is not None else None


def _observations(request: HttpRequest) -> list[SheetSpec]:
    require_teaching(request)
    observations = visible_observations(request.user).select_related(
        "school", "teacher", "school_class", "subject", "rubric_version__rubric"
    )
    school = led_schools(request.user).first()
    county_id = school.county_id if school else None
    term, _context = term_context(request, county_id)
    if term is not None and request.GET.get("term"):
        observations = observations.filter(term=term)
    columns = [
        _("Date"),
        _("Lesson period"),
        _("School"),
        _("Teacher"),
        _("Class"),
        _("Subject"),
        _("Lesson topic"),
        _("Observer"),
        _("Rubric"),
        _("Score"),
        _("Overall grade"),
        _("Meets the standard"),
        _("Comments"),
        _("Teacher's reply"),
    ]
    kinds = {_("Date"): "date", _("Lesson period"): "int", _("Score"): "number"}
    rows = [
        [
            o.date,
            o.period,
            o.school.name,
            o.teacher.name,
            str(o.school_class),
            o.subject.name,
            o.topic,
            o.observer_name,
            f"{o.rubric_version.rubric.name} v{o.rubric_version.number}",
            float(o.score),
            o.band,
            _("Yes") if o.meets_standard else _("No"),
            o.comment,
            o.reply,
        ]
        for o in observations.filter(submitted_at__isnull=False)
    ]
    specs = [ColumnSpec(c, kind=kinds.get(c, "text"), decimals=1 if c == _("Score") else None) for c in columns]  # type: ignore[arg-type]
    return [SheetSpec(_("Observations"), specs, rows)]


def _school(request: HttpRequest) -> list[SheetSpec]:
    school = get_for_user(School.objects.all(), pk=request.GET.get("school") or 0)
    require_leader(request.user, school)
    term, _context = term_context(request, school.county_id)
    summary = school_summary(school, term)
    stat_columns = [
        ColumnSpec(_("Lessons"), kind="int"),
        ColumnSpec(_("Mean score"), kind="number", decimals=1),
        ColumnSpec(_("Meeting the standard"), kind="int"),
        ColumnSpec(_("Share meeting the standard"), kind="percent"),
    ]

    def stats(s: Any) -> list[Any]:
        return [s.count, _pct(s.mean_score), s.meeting, _pct(s.share)]

    title = f"{school.name} {term or ''}"
    quotas = quota_rows(school, term) if term else []
    return [
        SheetSpec(
            _("By subject"),
            [ColumnSpec(_("Subject")), *stat_columns],
            [[row["subject"], *stats(row["stats"])] for row in summary.by_subject],
            title=title,
        ),
        SheetSpec(
            _("By teacher"),
            [ColumnSpec(_("Teacher")), *stat_columns],
            [[row["teacher"].name, *stats(row["stats"])] for row in summary.by_teacher],
            title=title,
        ),
        SheetSpec(
            _("Quotas"),
            [
                ColumnSpec(_("Observer")),
                ColumnSpec(_("Role")),
                ColumnSpec(_("Observed"), kind="int"),
                ColumnSpec(_("Required"), kind="int"),
                ColumnSpec(_("Progress"), kind="percent"),
            ],
            [[q.name, q.role_label, q.done, q.required, _pct(q.share)] for q in quotas],
            title=title,
        ),
    ]


def _county(request: HttpRequest) -> list[SheetSpec]:
    schools = aggregate_schools(request.user)
    first = schools.first()
    if first is None:
        raise Http404
    term, _context = term_context(request, first.county_id)
    rows = county_overview(schools, term)
    columns = [
        ColumnSpec(_("School")),
        ColumnSpec(_("Lessons"), kind="int"),
        ColumnSpec(_("Mean score"), kind="number", decimals=1),
        ColumnSpec(_("Share meeting the standard"), kind="percent"),
        ColumnSpec(_("Target"), kind="percent"),
        ColumnSpec(_("Inspections"), kind="int"),
        ColumnSpec(_("Rectifications required"), kind="int"),
        ColumnSpec(_("Still open"), kind="int"),
        ColumnSpec(_("Overdue"), kind="int"),
        ColumnSpec(_("Homework class-days"), kind="int"),
        ColumnSpec(_("Over the limit"), kind="int"),
    ]
    data = [
        [
            r["school"].name,
            r["stats"].count,
            _pct(r["stats"].mean_score),
            _pct(r["stats"].share),
            _pct(r["stats"].target),
            r["inspections"],
            r["loop"].required,
            r["loop"].still_open,
            r["loop"].overdue,
            r["homework_days"],
            r["homework_alerts"],
        ]
        for r in rows
    ]
    return [SheetSpec(_("Schools"), columns, data, title=str(term or ""))]


def _results(request: HttpRequest) -> list[SheetSpec]:
    require_teaching(request)
    lang = _lang(request)
    rows = result_rows(visible_results(request.user))
    columns = [
        ColumnSpec(_("Date"), kind="date"),
        ColumnSpec(_("Inspection")),
        ColumnSpec(_("School")),
        ColumnSpec(_("Teacher")),
        ColumnSpec(_("Score"), kind="number", decimals=1),
        ColumnSpec(_("Overall grade")),
        ColumnSpec(_("Problems found")),
        ColumnSpec(_("Rectify by"), kind="date"),
        ColumnSpec(_("State")),
        ColumnSpec(_("Teacher's response")),
    ]
    data = [
        [
            r.inspection.held_on,
            r.inspection.title,
            r.inspection.school.name,
            r.teacher.name,
            float(r.score),
            r.band,
            r.problems,
            r.deadline,
            STATE_LABELS[row["state"]][lang],
            r.response,
        ]
        for row in rows
        for r in [row["result"]]
    ]
    return [SheetSpec(_("Inspection results"), columns, data)]


def _homework(request: HttpRequest) -> list[SheetSpec]:
    lang = _lang(request)
    classes = _classes(request)
    start, end = load_window(request, classes)
    days = homework_load(classes, start, end)
    columns = [
        ColumnSpec(_("Date"), kind="date"),
        ColumnSpec(_("School")),
        ColumnSpec(_("Class")),
        ColumnSpec(_("Written minutes"), kind="int"),
        ColumnSpec(_("Other minutes"), kind="int"),
        ColumnSpec(_("Limit"), kind="int"),
        ColumnSpec(_("Status")),
    ]
    data = [
        [
            d.date,
            d.school_class.school.name,
            str(d.school_class),
            d.load.written_minutes,
            d.load.other_minutes,
            d.load.limit,
            STATUS_LABELS[d.load.status][lang],
        ]
        for d in days
    ]
    return [SheetSpec(_("Homework load"), columns, data, title=f"{start} – {end}")]


TABLES: dict[str, Callable[[HttpRequest], list[SheetSpec]]] = {
    "observations": _observations,
    "school": _school,
    "county": _county,
    "results": _results,
    "homework": _homework,
}


@login_required
def export(request: HttpRequest, table: str) -> HttpResponse:
    build = TABLES.get(table)
    if build is None:
        raise Http404
    sheets = build(request)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target_type="teaching",
        target_repr=table,
        kind=f"teaching_{table}",
        query=request.GET.urlencode()[:200],
    )
    return xlsx_response(workbook_bytes(sheets), f"teaching-{table}.xlsx")
