"""Rubrics and checklists as data: the list, a new form, and a form's version history with the editor (saving
adds a version; records keep the version they were scored with)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user
from zhiliang.core.teaching.rubric import rubric_text
from zhiliang.teaching import services
from zhiliang.teaching.access import config_counties, led_schools, may_edit_rubric, visible_rubrics
from zhiliang.teaching.forms import NewRubricForm, RubricForm
from zhiliang.teaching.models import FormKind, Rubric


def _require_configures(request: HttpRequest) -> None:
    if not (led_schools(request.user).exists() or config_counties(request.user).exists()):
        raise Http404


def _ensure_defaults(request: HttpRequest) -> None:
    """Every county the user works in has its default forms, so there is always something to start from."""
    counties = {school.county for school in led_schools(request.user).select_related("county")}
    counties |= set(config_counties(request.user))
    for county in counties:
        for kind in FormKind.values:
            services.county_default_form(county, kind)


@login_required
def rubric_list(request: HttpRequest) -> HttpResponse:
    _require_configures(request)
    _ensure_defaults(request)
    rubrics = (
        visible_rubrics(request.user)
        .select_related("county", "school")
        .annotate(versions_count=Count("versions"), latest=Max("versions__created_at"))
    )
    return render(request, "teaching/rubric_list.html", {"rubrics": rubrics})


def _owners(request: HttpRequest) -> list[tuple[str, str]]:
    owners = [
        (f"county-{c.pk}", _("%(county)s (whole county)") % {"county": c.name}) for c in config_counties(request.user)
    ]
    owners += [(f"school-{s.pk}", s.name) for s in led_schools(request.user)]
    return owners


@login_required
def rubric_create(request: HttpRequest) -> HttpResponse:
    _require_configures(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in FormKind.values else FormKind.OBSERVATION
    start = services.DEFAULT_FORMS[FormKind(kind)][1]
    initial: dict[str, Any] = {"kind": kind, **rubric_text(start)}
    form = NewRubricForm(request.POST or None, initial=initial, owners=_owners(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner_kind, _sep, owner_pk = data["owner"].partition("-")
        owner: dict[str, Any] = (
            {"county": config_counties(request.user).get(pk=owner_pk)}
            if owner_kind == "county"
            else {"school": led_schools(request.user).get(pk=owner_pk)}
        )
        rubric = services.rubric_create(
            user=request.user,
            kind=data["kind"],
            name=data["name"],
            definition=data["definition"],
            note=data["note"],
            **owner,
        )
        messages.success(request, _("Form created."))
        return redirect("teaching:rubric_detail", pk=rubric.pk)
    return render(request, "teaching/rubric_form.html", {"form": form})


@login_required
def rubric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rubric: Rubric = get_for_user(visible_rubrics(request.user).select_related("county", "school"), pk=pk)
    versions = rubric.versions.select_related("created_by").annotate(
        observations_count=Count("observations", distinct=True), inspections_count=Count("inspections", distinct=True)
    )
    latest = rubric.latest_version()
    wanted = request.GET.get("version")
    shown = versions.filter(number=wanted).first() if wanted and wanted.isdigit() else None
    shown = shown or latest
    editable = may_edit_rubric(request.user, rubric)
    form = None
    if editable:
        form = RubricForm(request.POST or None, initial={"name": rubric.name, **rubric_text(latest.as_rubric())})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            version = services.rubric_version_add(
                user=request.user, rubric=rubric, definition=data["definition"], note=data["note"]
            )
            if data["name"] != rubric.name:
                rubric.name = data["name"]
                rubric.save(update_fields=["name"])
            messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
            return redirect("teaching:rubric_detail", pk=rubric.pk)
    elif request.method == "POST":
        raise Http404
    definition = shown.as_rubric()
    criteria = [
        {"criterion": c, "items": [i for i in definition.items if i.criterion == c]} for c in definition.criteria
    ]
    return render(
        request,
        "teaching/rubric_detail.html",
        {
            "rubric": rubric,
            "versions": versions,
            "shown": shown,
            "definition": definition,
            "criteria": criteria,
            "form": form,
        },
    )
