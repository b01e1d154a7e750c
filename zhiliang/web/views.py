"""The home page: for each of the user's roles, the figures they look at first.

Sections combine: a principal who is also a head teacher sees their school and their class. Every figure
is drawn from the scoping functions' querysets and counted in SQL (`zhiliang.org.selectors`).
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhiliang.accounts.scoping import Scope, scope_for
from zhiliang.org.models import School, SchoolClass
from zhiliang.org.selectors import classes_with_size, county_overview, current_classes, school_overview
from zhiliang.people.models import TeachingAssignment
from zhiliang.people.selectors import class_roster, taught_classes


def _county_section(scope: Scope) -> Any:
    if not (scope.county_ids or scope.group_ids):
        return None
    schools = School.objects.filter(Q(county_id__in=scope.county_ids) | Q(group_id__in=scope.group_ids))
    return county_overview(schools)


def _school_sections(scope: Scope) -> list[Any]:
    # A central school first, then its teaching points.
    schools = School.objects.filter(id__in=scope.school_ids).order_by(
        F("central_school_id").asc(nulls_first=True), "code"
    )
    return [school_overview(school) for school in schools]


def _grade_sections(scope: Scope) -> list[dict[str, Any]]:
    schools = School.objects.in_bulk({school_id for school_id, _grade in scope.grade_pairs})
    sections = []
    for school_id, grade in sorted(scope.grade_pairs):
        classes = current_classes(SchoolClass.objects.filter(school_id=school_id, grade=grade))
        sections.append(
            {
                "school": schools[school_id],
                "grade": grade,
                "classes": list(classes_with_size(classes).order_by("number")),
            }
        )
    return sections


def _head_teacher_sections(scope: Scope) -> list[dict[str, Any]]:
    classes = classes_with_size(current_classes(SchoolClass.objects.filter(id__in=scope.head_class_ids)))
    return [{"class": c, "roster": class_roster(c)} for c in classes.order_by("grade", "number")]


def _taught(scope: Scope) -> list[Any]:
    if scope.teacher_id is None:
        return []
    assignments = TeachingAssignment.objects.filter(teacher_id=scope.teacher_id, term__school_year__is_current=True)
    return taught_classes(assignments)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    context = {
        "county": _county_section(scope),
        "schools": _school_sections(scope),
        "grades": _grade_sections(scope),
        "head_classes": _head_teacher_sections(scope),
        "taught": _taught(scope),
    }
    context["has_any"] = any(context.values())
    return render(request, "web/home.html", context)
