"""Balanced-development pages: county table, school page with what-if, figures form, checklists with evidence,
measures, reports (Word, PDF) and .xlsx exports. Every object comes through `selectors.balance_schools`
(404 outside it); edits need `selectors.can_edit`; the county summary report is the bureau's."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhiliang.accounts.scoping import can_see_county_overview, get_for_user
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.balance import exports, presenters, reports, services
from zhiliang.balance.access import administers_county
from zhiliang.balance.forms import AnswerForm, EvidenceForm, FiguresForm, ItemForm, MeasureForm
from zhiliang.balance.models import AppliesTo, ChecklistAnswer, ChecklistItem, Comparator, Evidence, Measure, Part
from zhiliang.balance.picture import Picture, county_picture
from zhiliang.balance.selectors import STAGE_NAMES, balance_schools, can_edit, chosen_year, is_bureau, school_years
from zhiliang.core.balance import evaluate
from zhiliang.core.balance.checklists import is_met
from zhiliang.core.balance.evaluate import changed_input
from zhiliang.org.models import School, SchoolYear

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _schools(request: HttpRequest) -> Any:
    schools = balance_schools(request.user)
    if not schools.exists():
        raise Http404
    return schools


def _year(request: HttpRequest, county: Any) -> SchoolYear:
    year = chosen_year(county, request.GET.get("year") or request.POST.get("year"))
    if year is None:
        raise Http404
    return year


def _school(request: HttpRequest, pk: int) -> School:
    school: School = get_for_user(_schools(request).select_related("county"), pk=pk)
    return school


def _download(content: bytes, filename: str, content_type: str, request: HttpRequest, summary: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.EXPORT, target_type="balance", summary=summary)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    return quote(name)


def _base_context(request: HttpRequest, county: Any, year: SchoolYear) -> dict[str, Any]:
    return {"year": year, "years": school_years(county), "is_bureau": is_bureau(request.user)}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    schools = _schools(request)
    county = schools.first().county  # type: ignore[union-attr]
    year = _year(request, county)
    picture = county_picture(county, year)
    visible = set(schools.values_list("pk", flat=True))
    names = {item.school.name for item in picture.data if item.school.pk in visible}
    years = list(school_years(county).order_by("start_year"))
    trend = presenters.trend([picture if y.pk == year.pk else county_picture(county, y) for y in years])
    context = _base_context(request, county, year) | {
        "picture": picture,
        "rows": presenters.county_rows(picture, visible),
        "cvs": presenters.cv_rows(picture.evaluation, names),
        "charts": presenters.charts(picture.evaluation, names),
        "trend": trend,
        "indicators": [presenters.label(i) for i in presenters.INDICATORS],
        "incomplete": [item.school for item in picture.incomplete if item.school.pk in visible],
        "excluded": [e for e in picture.evaluation.excluded if e.school in names],
        "stage_verdicts": {stage: picture.evaluation.stage_meets(stage) for stage in ("小学", "初中")},
    }
    return render(request, "balance/index.html", context)


def _county(request: HttpRequest) -> tuple[Any, Picture]:
    """The user's schools and the picture of their county for the chosen year."""
    schools = _schools(request)
    county = schools.first().county  # type: ignore[union-attr]
    return schools, county_picture(county, _year(request, county))


@login_required
def county_xlsx(request: HttpRequest) -> HttpResponse:
    schools, picture = _county(request)
    county, year = picture.county, picture.year
    content = exports.county_workbook(picture, set(schools.values_list("pk", flat=True)))
    return _download(content, f"优质均衡-{county.name}-{year}.xlsx", XLSX, request, f"导出优质均衡县域指标表 {year}")


@login_required
def county_report(request: HttpRequest, fmt: str) -> HttpResponse:
    if not is_bureau(request.user) or fmt not in ("docx", "pdf"):
        raise Http404
    picture = _county(request)[1]
    county, year = picture.county, picture.year
    services.checklist_defaults_ensure(county)
    content = reports.county_report(picture, fmt)
    kind = DOCX if fmt == "docx" else "application/pdf"
    return _download(content, f"优质均衡县域报告-{year}.{fmt}", kind, request, f"导出优质均衡县域报告 {year}")


def _school_context(request: HttpRequest, school: School, year: SchoolYear, picture: Picture) -> dict[str, Any]:
    data = picture.data_for(school.pk)
    parts = picture.parts_of(school.name)
    return _base_context(request, school.county, year) | {
        "school": school,
        "data": data,
        "parts": [
            {
                "part": part,
                "stage": presenters.stage_label(part.stage),
                "rows": presenters.indicator_rows(part),
                "split": presenters.split_note(part),
            }
            for part in parts
        ],
        "excluded": [e for e in picture.evaluation.excluded if e.school == school.name],
        "findings": [presenters.finding_text(f) for f in picture.findings.get(school.pk, [])],
        "sources": presenters.figure_sources(data) if data else [],
        "editable": can_edit(request.user, school),
        "measures": Measure.objects.filter(school=school, school_year=year),
        "measure_form": MeasureForm(),
        "what_if_form": FiguresForm(data_for=data, effective=True) if data and data.complete else None,
    }


@login_required
def school_page(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    year = _year(request, school.county)
    picture = county_picture(school.county, year)
    context = _school_context(request, school, year, picture)
    history = []
    for other in school_years(school.county).order_by("start_year"):
        other_picture = picture if other.pk == year.pk else county_picture(school.county, other)
        for part in other_picture.parts_of(school.name):
            history.append(
                {
                    "year": other,
                    "stage": presenters.stage_label(part.stage),
                    "met": part.met_count,
                    "meets": part.meets_standard,
                }
            )
    context["history"] = history
    return render(request, "balance/school.html", context)


@login_required
@require_POST
def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    year = _year(request, school.county)
    picture = county_picture(school.county, year)
    data = picture.data_for(school.pk)
    if data is None or not data.complete:
        raise Http404
    form = FiguresForm(request.POST, data_for=data, effective=True)
    result = None
    if form.is_valid():
        base = data.to_input()
        students: dict[str, int] = {}
        teachers: dict[str, dict[str, float]] = {}
        facilities: dict[str, float] = {}
        for (key, stage), value in form.figures().items():
            if value is None:
                continue
            if key == "students":
                students[STAGE_NAMES[stage]] = int(value)
            elif stage:
                teachers.setdefault(STAGE_NAMES[stage], {})[key] = float(value)
            else:
                facilities[key] = float(value)
        changed = changed_input(base, students=students, teachers=teachers, facilities=facilities)
        inputs = [changed if item.school == school.name else item for item in picture.inputs()]
        result = presenters.what_if(picture.evaluation, evaluate(inputs), school.name)
    return render(request, "balance/_what_if.html", {"form": form, "result": result, "school": school, "year": year})


@login_required
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    if not can_edit(request.user, school):
        raise Http404
    year = _year(request, school.county)
    picture = county_picture(school.county, year)
    data = picture.data_for(school.pk)
    if data is None:
        raise Http404
    form = FiguresForm(request.POST or None, data_for=data)
    if request.method == "POST" and form.is_valid():
        added = services.figures_save(
            user=request.user, school=school, school_year=year, values=form.figures(), note=form.cleaned_data["note"]
        )
        messages.success(request, _("%(n)s figures recorded.") % {"n": added})
        return redirect(f"{school_url(school)}?year={year.pk}")
    return render(request, "balance/figures.html", {"school": school, "year": year, "form": form})


def school_url(school: School) -> str:
    return reverse("balance:school", args=[school.pk])


@login_required
def school_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    year = _year(request, school.county)
    picture = county_picture(school.county, year)
    content = exports.school_workbook(picture, school)
    return _download(
        content, f"优质均衡-{school.name}-{year}.xlsx", XLSX, request, f"导出优质均衡学校指标 {school.name}"
    )


@login_required
def school_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    school = _school(request, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    year = _year(request, school.county)
    picture = county_picture(school.county, year)
    services.checklist_defaults_ensure(school.county)
    content = reports.school_report(picture, school, fmt)
    kind = DOCX if fmt == "docx" else "application/pdf"
    return _download(
        content, f"自评报告-{school.name}-{year}.{fmt}", kind, request, f"导出优质均衡自评报告 {school.name}"
    )


@login_required
@require_POST
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    year = _year(request, school.county)
    form = MeasureForm(request.POST)
    if not can_edit(request.user, school):
        raise Http404
    if form.is_valid():
        services.measure_add(user=request.user, school=school, school_year=year, **form.cleaned_data)
        messages.success(request, _("Measure added."))
    else:
        messages.error(request, _("The measure was not saved: fill in the indicator, the measure and a deadline."))
    return redirect(f"{school_url(school)}?year={year.pk}#measures")


@login_required
@require_POST
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_for_user(Measure.objects.filter(school__in=_schools(request)), pk=pk)
    try:
        services.measure_delete(user=request.user, measure=measure)
    except PermissionDenied:
        raise Http404 from None
    return redirect(f"{school_url(measure.school)}?year={measure.school_year_id}#measures")


def _checklist_rows(items: Any, year: SchoolYear, school: School | None) -> list[dict[str, Any]]:
    answers: dict[int, ChecklistAnswer] = {}
    for answer in ChecklistAnswer.objects.filter(item__in=items, school_year=year, school=school).select_related(
        "entered_by"
    ):
        answers.setdefault(answer.item_id, answer)
    evidence: dict[int, list[Evidence]] = {}
    for item in Evidence.objects.filter(item__in=items, school_year=year, school=school):
        evidence.setdefault(item.item_id, []).append(item)
    rows = []
    for item in items:
        answer = answers.get(item.pk)
        met = None
        if answer is not None:
            value = None if answer.value is None else float(answer.value)
            threshold = None if item.threshold is None else float(item.threshold)
            met = is_met(item.comparator, threshold, value, answer.done)
        rows.append({"item": item, "answer": answer, "met": met, "evidence": evidence.get(item.pk, [])})
    return rows


@login_required
def checklist(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    schools = _schools(request)
    school = get_for_user(schools.select_related("county"), pk=pk) if pk is not None else None
    county = school.county if school else schools.first().county  # type: ignore[union-attr]
    if school is None and not is_bureau(request.user) and not _group_or_bureau(request):
        raise Http404
    year = _year(request, county)
    services.checklist_defaults_ensure(county)
    applies = AppliesTo.SCHOOL if school else AppliesTo.COUNTY
    items = ChecklistItem.objects.filter(county=county, applies_to=applies)
    if not administers_county(request.user, county.pk):
        items = items.filter(is_active=True)  # the administrator also sees the items switched off, to switch back
    editable = can_edit(request.user, school) if school else administers_county(request.user, county.pk)
    parts = []
    rows = _checklist_rows(items, year, school)
    for part in Part:
        part_rows = [row for row in rows if row["item"].part == part.value]
        if part_rows:
            parts.append({"label": part.label, "rows": part_rows})
    context = _base_context(request, county, year) | {
        "school": school,
        "parts": parts,
        "editable": editable,
        "can_configure": administers_county(request.user, county.pk),
        "comparators": Comparator.choices,
    }
    return render(request, "balance/checklist.html", context)


def _group_or_bureau(request: HttpRequest) -> bool:
    return can_see_county_overview(request.user)


def _item_and_school(request: HttpRequest, pk: int) -> tuple[ChecklistItem, School | None]:
    schools = _schools(request)
    item = get_for_user(ChecklistItem.objects.filter(county__in=schools.values("county_id")), pk=pk)
    raw = request.POST.get("school") or ""
    school = get_for_user(schools, pk=int(raw)) if raw.isdigit() else None
    return item, school


def _back(item: ChecklistItem, school: School | None, year: SchoolYear) -> HttpResponse:
    url = reverse("balance:school_checklist", args=[school.pk]) if school else reverse("balance:checklist")
    return redirect(f"{url}?year={year.pk}#item-{item.pk}")


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item, school = _item_and_school(request, pk)
    year = _year(request, item.county)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.checklist_answer_save(
            user=request.user, item=item, school_year=year, school=school, value=form.cleaned_data["value"],
            done=form.cleaned_data["done"], note=form.cleaned_data["note"],
        )  # fmt: skip
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Answer recorded."))
    return _back(item, school, year)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item, school = _item_and_school(request, pk)
    year = _year(request, item.county)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                user=request.user, item=item, school_year=year, school=school, upload=form.cleaned_data["file"]
            )
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Evidence uploaded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _back(item, school, year)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    schools = _schools(request)
    visible = Evidence.objects.filter(item__county__in=schools.values("county_id")).select_related("item")
    evidence: Evidence = get_for_user(visible, pk=pk)
    if evidence.school_id is not None and not schools.filter(pk=evidence.school_id).exists():
        raise Http404
    if evidence.school_id is None and not _group_or_bureau(request):
        raise Http404
    services.evidence_download_audit(user=request.user, evidence=evidence)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    _schools(request)
    return _download(exports.template_workbook(), "优质均衡设施数据模板.xlsx", XLSX, request, "下载优质均衡导入模板")


@login_required
@require_POST
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    schools = _schools(request)
    item = get_for_user(ChecklistItem.objects.filter(county__in=schools.values("county_id")), pk=pk)
    form = ItemForm(request.POST, instance=ChecklistItem.objects.get(pk=item.pk))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            services.checklist_item_update(user=request.user, item=item, data=form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Checklist item changed."))
    year = _year(request, item.county)
    url = reverse("balance:checklist")
    return redirect(f"{url}?year={year.pk}#item-{item.pk}")
