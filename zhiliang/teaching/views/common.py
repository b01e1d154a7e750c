"""Helpers shared by the teaching views: the term picked from the query string, the page's term choices."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from zhiliang.org.models import Term
from zhiliang.teaching.access import uses_teaching
from zhiliang.teaching.selectors import county_terms, pick_term

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_teaching(request: HttpRequest) -> None:
    if not uses_teaching(request.user):
        raise Http404


def term_context(request: HttpRequest, county_id: int | None) -> tuple[Term | None, dict[str, Any]]:
    if county_id is None:
        return None, {"term": None, "terms": []}
    term = pick_term(county_id, request.GET.get("term"))
    return term, {"term": term, "terms": county_terms(county_id).order_by("-start_date")}


def default_date(term: Term | None) -> datetime.date:
    """Today inside a term; between terms (or in a past demo year) the last day of the current term."""
    today = timezone.localdate()
    if term is None or term.start_date <= today <= term.end_date:
        return today
    return min(today, term.end_date)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
