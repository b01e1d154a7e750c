"""What every fitness page needs: the year asked for, records of a year, `.xlsx` answers (audited)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.fitness.reports import Table, tables_xlsx
from zhiliang.fitness.selectors import RecordRow, record_rows, records_visible, year_for, years_with_records
from zhiliang.org.models import SchoolYear

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def years_and_year(request: HttpRequest) -> tuple[list[SchoolYear], SchoolYear | None]:
    years = years_with_records(request.user)
    return years, year_for(request, years)


def year_records(request: HttpRequest, year: SchoolYear | None, **lookup: Any) -> list[RecordRow]:
    if year is None:
        return []
    return record_rows(records_visible(request.user).filter(school_year=year, **lookup))


def previous_year(years: list[SchoolYear], year: SchoolYear | None) -> SchoolYear | None:
    older = [y for y in years if year is not None and y.start_year < year.start_year]
    return older[0] if older else None


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def tables_export(request: HttpRequest, tables: list[Table], title: str, target: Any, what: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=target, what=what, tables=len(tables))
    return xlsx_response(tables_xlsx(tables, title), f"{title}.xlsx")
