"""Schools and classes: lists with live filters, and detail pages. Every object comes from a scoped queryset."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from zhiliang.accounts.scoping import get_for_user, visible_classes, visible_schools, visible_teachers, whole_school_ids
from zhiliang.org.forms import ClassFilterForm, SchoolFilterForm
from zhiliang.org.models import School, SchoolClass
from zhiliang.org.selectors import (
    class_grades,
    class_years,
    classes_filtered,
    classes_with_size,
    current_year_for,
    school_overview,
    schools_filtered,
    schools_with_counts,
)
from zhiliang.people.models import TeachingAssignment
from zhiliang.people.selectors import class_roster
from zhiliang.web.access import require_any_role, require_school_leadership
from zhiliang.web.htmx import render_page_or_fragment

PAGE_SIZE = 50


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    require_school_leadership(request.user)
    schools = whole_school_ids(request.user)
    form = SchoolFilterForm(request.GET, url=reverse("org:school_list"), schools=schools)
    listed = schools_with_counts(schools_filtered(schools, **form.filters())).order_by("code")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_fragment(
        request,
        page="org/school_list.html",
        fragment="org/_schools_fragment.html",
        target_id="school-results",
        context={"form": form, "page": page},
    )


@login_required
def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_school_leadership(request.user)
    schools = whole_school_ids(request.user)
    school: School = get_for_user(schools_with_counts(schools), pk=pk)
    points = schools_with_counts(schools.filter(central_school=school)).order_by("code")
    return render(
        request,
        "org/school_detail.html",
        {"school": school, "overview": school_overview(school), "points": list(points)},
    )


@login_required
def class_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user)
    classes = visible_classes(request.user)
    data = request.GET.copy()
    if "year" not in data:  # a first visit shows this school year; "all years" is an explicit choice
        current = current_year_for(classes)
        data["year"] = str(current.pk) if current else ""
    form = ClassFilterForm(
        data,
        url=reverse("org:class_list"),
        schools=visible_schools(request.user),
        grades=class_grades(classes),
        years=class_years(classes),
    )
    listed = classes_filtered(classes_with_size(classes), **form.filters()).order_by(
        "school__code", "-school_year__start_year", "grade", "number"
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_fragment(
        request,
        page="org/class_list.html",
        fragment="org/_classes_fragment.html",
        target_id="class-results",
        context={"form": form, "page": page},
    )


@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    classes = visible_classes(request.user)
    school_class: SchoolClass = get_for_user(classes_with_size(classes.select_related("previous")), pk=pk)
    assignments = list(
        TeachingAssignment.objects.filter(school_class=school_class)
        .select_related("teacher", "subject", "term__school_year")
        .order_by("-term__school_year__start_year", "-term__number", "subject__order", "subject__code")
    )
    teacher_ids = {a.teacher_id for a in assignments} | {school_class.head_teacher_id}
    linkable = set(visible_teachers(request.user).filter(pk__in=teacher_ids).values_list("pk", flat=True))
    previous = school_class.previous if classes.filter(pk=school_class.previous_id).exists() else None
    following = classes.filter(previous=school_class).first()
    return render(
        request,
        "org/class_detail.html",
        {
            "class": school_class,
            "roster": class_roster(school_class),
            "assignments": assignments,
            "linkable_teachers": linkable,
            "previous": previous,
            "following": following,
        },
    )
