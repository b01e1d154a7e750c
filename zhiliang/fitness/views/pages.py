"""The overview pages: index, county, school, class and student. Each table can be downloaded with
`?export=xlsx` (every table of the page, one sheet each, audited)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zhiliang.accounts.scoping import get_for_user, managed_schools
from zhiliang.core.fitness import indicator_name, load_standard
from zhiliang.core.fitness.messages import describe
from zhiliang.fitness import reports
from zhiliang.fitness.access import (
    entry_classes,
    fitness_classes,
    fitness_schools,
    fitness_students,
    may_enter,
    may_see_county,
)
from zhiliang.fitness.models import FitnessRecord
from zhiliang.fitness.selectors import BAND_LABELS, RecordRow, record_rows, records_visible
from zhiliang.fitness.views.common import previous_year, tables_export, wants_xlsx, year_records, years_and_year
from zhiliang.org.models import SchoolYear


def _years(
    request: HttpRequest, years: list[SchoolYear], year: SchoolYear | None, **lookup: Any
) -> tuple[list[RecordRow], list[RecordRow], list[tuple[str, list[RecordRow]]]]:
    """This year's rows, last year's and the trend over every year, each year read once."""
    by_year = {y.pk: year_records(request, y, **lookup) for y in years}
    before = previous_year(years, year)
    trend = [(str(y), by_year[y.pk]) for y in sorted(years, key=lambda y: y.start_year)]
    return (by_year.get(year.pk, []) if year else []), (by_year.get(before.pk, []) if before else []), trend


def _charts(records: list[RecordRow], group: Any, trend: list[tuple[str, list[RecordRow]]]) -> dict[str, Any]:
    return {
        "bands_chart": reports.bands_chart(records, group),
        "indicator_chart": reports.indicator_chart(records),
        "trend_chart": reports.trend_chart(trend),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    classes_qs = fitness_classes(request.user)
    county = may_see_county(request.user)
    if not county and not classes_qs.exists():
        raise Http404
    years, year = years_and_year(request)
    if year is None:
        year = SchoolYear.objects.filter(classes__in=classes_qs, is_current=True).first()
    classes = list(
        classes_qs.filter(school_year=year).select_related("school").order_by("school__code", "grade", "number")
    )
    counts = dict(
        FitnessRecord.objects.filter(school_class__in=classes)
        .values("school_class_id")
        .annotate(n=Count("id"))
        .values_list("school_class_id", "n")
    )
    enterable = set(entry_classes(request.user).filter(pk__in=[c.pk for c in classes]).values_list("pk", flat=True))
    rows = [{"class": c, "records": counts.get(c.pk, 0), "may_enter": c.pk in enterable} for c in classes]
    records = year_records(request, year)
    return render(
        request,
        "fitness/index.html",
        {
            "years": years,
            "year": year,
            "county": county,
            "schools": list(fitness_schools(request.user).order_by("code")),
            "classes": rows,
            "figures": reports.group_rates(records) if records else None,
            "may_import": managed_schools(request.user).exists(),
        },
    )


@login_required
def county(request: HttpRequest) -> HttpResponse:
    if not may_see_county(request.user):
        raise Http404
    years, year = years_and_year(request)
    records, before, trend = _years(request, years, year)
    tables = [
        reports.summary_table("schools", _("By school"), _("School"), records, reports.by_school),
        reports.summary_table("grades", _("By grade"), _("Grade"), records, reports.by_grade),
        reports.summary_table("sexes", _("By sex"), _("Sex"), records, reports.by_sex),
        reports.indicator_table(records),
        reports.indicator_by_group_table(
            "indicator_grades", _("Pass rate by indicator and grade"), records, reports.by_grade
        ),
        reports.indicator_by_group_table(
            "indicator_sexes", _("Pass rate by indicator and sex"), records, reports.by_sex
        ),
        reports.vision_table("vision", _("Poor vision by school"), _("School"), records, before, reports.by_school),
        reports.trend_table(trend),
    ]
    title = _("County fitness overview")
    if wants_xlsx(request):
        return tables_export(request, tables, f"{title} {year or ''}", None, "fitness_county")
    return render(
        request,
        "fitness/overview.html",
        {
            "title": title,
            "years": years,
            "year": year,
            "links": [
                (s.display_name, reverse("fitness:school", args=[s.pk]))
                for s in fitness_schools(request.user).order_by("code")
            ],
            "figures": reports.group_rates(records),
            "weakest": reports.weakest_indicators(records),
            "tables": tables,
            **_charts(records, reports.by_school, trend),
        },
    )


@login_required
def school(request: HttpRequest, school_id: int) -> HttpResponse:
    the_school = get_for_user(fitness_schools(request.user), pk=school_id)
    years, year = years_and_year(request)
    lookup = {"school_class__school": the_school}
    records, before, trend = _years(request, years, year, **lookup)
    tables = [
        reports.summary_table("classes", _("By class"), _("Class"), records, reports.by_class),
        reports.summary_table("grades", _("By grade"), _("Grade"), records, reports.by_grade),
        reports.summary_table("sexes", _("By sex"), _("Sex"), records, reports.by_sex),
        reports.indicator_table(records),
        reports.indicator_by_group_table(
            "indicator_grades", _("Pass rate by indicator and grade"), records, reports.by_grade
        ),
        reports.vision_table("vision", _("Poor vision by class"), _("Class"), records, before, reports.by_class),
        reports.trend_table(trend),
        reports.below_pass_table(records),
    ]
    title = the_school.display_name
    if wants_xlsx(request):
        return tables_export(request, tables, f"{title} {year or ''}", the_school, "fitness_school")
    return render(
        request,
        "fitness/overview.html",
        {
            "title": title,
            "school": the_school,
            "links": [
                (c.display_name, reverse("fitness:class", args=[c.pk]))
                for c in fitness_classes(request.user)
                .filter(school=the_school, school_year=year)
                .order_by("grade", "number")
            ],
            "years": years,
            "year": year,
            "figures": reports.group_rates(records),
            "weakest": reports.weakest_indicators(records),
            "tables": tables,
            "may_import": managed_schools(request.user).filter(pk=the_school.pk).exists(),
            **_charts(records, reports.by_class, trend),
        },
    )


def _class_trend(request: HttpRequest, school_class: Any) -> list[tuple[str, list[RecordRow]]]:
    """The class followed back through year-end promotion (`SchoolClass.previous`)."""
    chain = []
    current = school_class
    while current is not None and len(chain) < 12:
        chain.append(current)
        current = current.previous
    visible = records_visible(request.user)
    return [
        (str(c.school_year), record_rows(visible.filter(school_class=c)))
        for c in sorted(chain, key=lambda c: c.school_year.start_year)
    ]


def _student_table(records: list[RecordRow]) -> reports.Table:
    lang = get_language() or "zh-hans"
    indicators = sorted({key for r in records for key in r.scores})
    table = reports.Table(
        "students",
        _("Students"),
        [
            (_("Student number"), "text"),
            (_("Name"), "text"),
            (_("Sex"), "text"),
            (_("BMI"), "number"),
            *((indicator_name(key, lang), "int") for key in indicators),
            (_("Weighted total"), "number"),
            (_("Bonus"), "int"),
            (_("Total"), "number"),
            (_("Band"), "text"),
            (_("Vision"), "text"),
        ],
    )
    for r in records:
        scores = r.indicator_scores()
        table.rows.append(
            [
                r.student.student_number,
                r.student.name,
                _("Boy") if r.sex == "M" else _("Girl"),
                r.bmi,
                *(scores.get(key) for key in indicators),
                r.weighted_total,
                r.bonus,
                r.total,
                r.get_band_display() if r.band else _("Not scored"),
                r.get_vision_level_display() if r.vision_level else "",
            ]
        )
    return table


@login_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = get_for_user(fitness_classes(request.user).select_related("school", "school_year"), pk=class_id)
    records = record_rows(records_visible(request.user).filter(school_class=school_class))
    trend = _class_trend(request, school_class)
    tables = [
        _student_table(records),
        reports.summary_table("sexes", _("By sex"), _("Sex"), records, reports.by_sex),
        reports.indicator_table(records),
        reports.below_pass_table(records),
        reports.vision_table("vision", _("Poor vision"), _("Class"), records, [], reports.by_class),
        reports.trend_table(trend),
    ]
    title = f"{school_class.school.display_name} {school_class.display_name}"
    if wants_xlsx(request):
        return tables_export(request, tables, title, school_class, "fitness_class")
    return render(
        request,
        "fitness/class.html",
        {
            "title": title,
            "school_class": school_class,
            "records": records,
            "figures": reports.group_rates(records),
            "weakest": reports.weakest_indicators(records),
            "tables": tables,
            "may_enter": may_enter(request.user, school_class),
            **_charts(records, reports.by_sex, trend),
        },
    )


def _source_codes(source: str) -> str:
    """The source letters of a table row (A–E, explained in tables/SOURCES.md and docs/fitness.md)."""
    return "+".join(dict.fromkeys(re.findall(r"\b[A-E]\b", source)))


def _record_view(record: FitnessRecord, lang: str) -> dict[str, Any]:
    standard = load_standard()
    lines = []
    for key, value in record.scores.items():
        measured = record.bmi if key == "bmi" else getattr(record, key)
        lines.append(
            {
                "name": indicator_name(key, lang),
                "measured": measured,
                "score": value["score"],
                "rule": value["rule"],
                "weight": value["weight"],
                "source": _source_codes(value["source"]),
            }
        )
    return {
        "record": record,
        "lines": lines,
        "refusals": [describe(r["code"], r["params"], lang) for r in record.refusals],
        "band_label": BAND_LABELS.get(record.band) if record.band else None,
        "work_on": [indicator_name(k, lang) for k in record.to_work_on()],
        "weights": standard.indicators_for(record.grade, record.sex),
    }


@login_required
def student(request: HttpRequest, student_id: int) -> HttpResponse:
    the_student = get_for_user(fitness_students(request.user).select_related("school"), pk=student_id)
    lang = get_language() or "zh-hans"
    records = (
        FitnessRecord.objects.filter(student=the_student)
        .select_related("school_year", "school_class__school")
        .order_by("-school_year__start_year")
    )
    return render(
        request,
        "fitness/student.html",
        {"student": the_student, "records": [_record_view(r, lang) for r in records]},
    )
