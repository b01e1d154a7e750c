"""Small helpers shared by the care views."""

from typing import Any

from django.http import HttpRequest, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lang(request: HttpRequest) -> str:
    return "en" if getattr(request, "LANGUAGE_CODE", "zh-hans").startswith("en") else "zh"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def save_for_student(form: Any, student: Any, user: Any) -> None:
    """Save a valid record form for `student`, recorded by `user` (invalid input is dropped: the page reloads)."""
    if form.is_valid():
        row = form.save(commit=False)
        row.student, row.recorded_by = student, user
        row.save()
