"""Small helpers shared by the development pages."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

from zhiliang.development import access

PAGE_SIZE = 50


def require_development(request: HttpRequest) -> None:
    if not access.has_development_pages(request.user):
        raise Http404


def paginate(request: HttpRequest, items: Any) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def selected_school(request: HttpRequest, schools: Any) -> Any:
    """The school chosen in `?school=`, if it is one of `schools` (anything else is ignored)."""
    raw = request.GET.get("school", "")
    return schools.filter(pk=int(raw)).first() if raw.isdigit() else None
