"""Pages that htmx updates in place: the full page and its `_fragment.html` partial from one view.

A list page wraps its results in an element with an id; filters and pagination ask htmx to replace that
element. The view answers such a request with the fragment alone, and every other request (a plain visit,
a reload, htmx restoring history) with the whole page, which includes the same fragment.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_fragment(request: HttpRequest, target_id: str) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and htmx.target == target_id and not htmx.history_restore_request  # type: ignore[union-attr]


def render_page_or_fragment(
    request: HttpRequest, *, page: str, fragment: str, target_id: str, context: dict[str, Any]
) -> HttpResponse:
    template = fragment if wants_fragment(request, target_id) else page
    response = render(request, template, {**context, "results_id": target_id})
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response
