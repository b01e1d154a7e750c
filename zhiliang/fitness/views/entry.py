"""Entry on a phone during testing: the class list and one item at a time, each value saved on its own.

Each input posts its value by htmx when it changes and gets back the `_entry_cell.html` fragment (saved, or
the reason it was refused, in place). `fitness-entry.js` keeps a value that could not be sent (no signal on
the sports field) marked as queued and sends it again when the connection returns, so nothing typed is lost
and the teacher can keep going.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import get_for_user
from zhiliang.core.fitness import BY_KEY, load_standard
from zhiliang.fitness.access import entry_classes
from zhiliang.fitness.models import FitnessRecord
from zhiliang.fitness.services import record_get_or_new, record_value_enter
from zhiliang.people.models import ClassMembership

ACUITY_LABELS = {
    "left_acuity": ("左眼裸眼视力", "Left eye acuity"),
    "right_acuity": ("右眼裸眼视力", "Right eye acuity"),
}


def _fields(grade: int, lang: str) -> list[dict[str, str]]:
    """Height, weight, the grade's tested items (for either sex) and both eyes' acuity."""
    standard = load_standard()
    keys = ["height", "weight"]
    for sex in ("M", "F"):
        for key in standard.indicators_for(grade, sex):
            if key != "bmi" and key not in keys:
                keys.append(key)
    english = lang.startswith("en")
    fields = []
    for key in keys:
        measure = BY_KEY[key]
        label = measure.label_en if english else measure.header
        fields.append({"key": key, "label": label, "unit": measure.unit if measure.unit != "count" else ""})
    for key, (zh, en) in ACUITY_LABELS.items():
        fields.append({"key": key, "label": en if english else zh, "unit": ""})
    return fields


def _class(request: HttpRequest, class_id: int) -> Any:
    return get_for_user(entry_classes(request.user).select_related("school", "school_year"), pk=class_id)


def _members(school_class: Any) -> list[Any]:
    return list(
        ClassMembership.objects.filter(school_class=school_class, school_year_id=school_class.school_year_id)
        .select_related("student")
        .order_by("seat_number", "student__student_number")
    )


@login_required
def entry(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = _class(request, class_id)
    lang = get_language() or "zh-hans"
    fields = _fields(school_class.grade, lang)
    chosen = request.GET.get("field", fields[0]["key"])
    field = next((f for f in fields if f["key"] == chosen), None)
    if field is None:
        raise Http404
    members = _members(school_class)
    records = {
        r.student_id: r
        for r in FitnessRecord.objects.filter(
            school_year_id=school_class.school_year_id, student__in=[m.student for m in members]
        )
    }
    rows = []
    for index, member in enumerate(members):
        record = records.get(member.student_id)
        value = getattr(record, field["key"]) if record is not None else None
        rows.append({"member": member, "index": index, "value": value, "record": record})
    entered = sum(1 for row in rows if row["value"] is not None)
    return render(
        request,
        "fitness/entry.html",
        {
            "school_class": school_class,
            "fields": fields,
            "field": field,
            "rows": rows,
            "entered": entered,
            "total": len(rows),
        },
    )


@login_required
@require_POST
def entry_cell(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = _class(request, class_id)
    lang = get_language() or "zh-hans"
    fields = {f["key"]: f for f in _fields(school_class.grade, lang)}
    field = fields.get(request.POST.get("field", ""))
    student_raw = request.POST.get("student", "")
    if field is None or not student_raw.isdigit():
        raise Http404
    member = next((m for m in _members(school_class) if m.student_id == int(student_raw)), None)
    if member is None:
        raise Http404
    record = record_get_or_new(student=member.student, school_year=school_class.school_year, school_class=school_class)
    text = request.POST.get("value", "")
    result = record_value_enter(actor=request.user, record=record, field=field["key"], text=text, lang=lang)
    return render(
        request,
        "fitness/_entry_cell.html",
        {
            "school_class": school_class,
            "field": field,
            "row": {
                "member": member,
                "index": int(request.POST.get("index", "0") or 0),
                "record": result.record,
                "value": getattr(result.record, field["key"]),
            },
            "error": result.error,
            "typed": text if result.error else None,
            "saved": result.error is None and result.changed,
        },
    )
