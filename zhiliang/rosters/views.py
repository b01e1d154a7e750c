"""Rosters (名册): templates, imports, exports, year-end promotion and enrolment changes.

Who sees what: exports are for everyone who sees whole schools (bureau, group leaders, school leadership),
limited to those schools; templates, imports, promotion and enrolment changes are for those who manage a
school (bureau administrators, principals, academic directors). Anything else is 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhiliang.accounts.scoping import (
    can_manage_school,
    get_for_user,
    managed_schools,
    visible_counties,
    visible_students,
    whole_school_ids,
)
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.rosters import ROSTERS
from zhiliang.core.xlsx_export import workbook_bytes
from zhiliang.imports.models import ImportJob
from zhiliang.imports.registry import get_importer
from zhiliang.imports.selectors import visible_import_jobs
from zhiliang.org.models import School, SchoolClass, SchoolYear
from zhiliang.people.models import EnrollmentEvent, Student, StudentStatus
from zhiliang.rosters import enrolment, exports, promotion
from zhiliang.rosters.blank_forms import template_bytes
from zhiliang.rosters.forms import EnrolmentEventForm, ExportForm, RevealExportForm, TransferInForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("schools", "teachers", "classes", "students", "assignments")
EXPORT_LABELS = {
    "schools": gettext_lazy("学校名册"),
    "classes": gettext_lazy("班级名册（含班额）"),
    "students": gettext_lazy("学生名册"),
    "teachers": gettext_lazy("教师名册"),
    "assignments": gettext_lazy("任课安排"),
}

EVENT_ACTIONS = {
    "transfer_out": (enrolment.student_transfer_out, gettext_lazy("转出")),
    "suspend": (enrolment.student_suspend, gettext_lazy("休学")),
    "resume": (enrolment.student_resume, gettext_lazy("复学")),
    "drop_out": (enrolment.student_drop_out, gettext_lazy("辍学")),
    "repeat": (enrolment.student_repeat, gettext_lazy("留级")),
}
# Which changes a student in each status can go through (the services check again).
ACTIONS_BY_STATUS = {
    StudentStatus.ENROLLED: ["transfer_out", "suspend", "drop_out", "repeat"],
    StudentStatus.SUSPENDED: ["resume", "transfer_out", "drop_out", "repeat"],
}


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _may_import(user: Any, kind: str) -> bool:
    try:
        importer = get_importer(kind)
    except KeyError:
        return False
    return importer.may_import(user, ImportJob(kind=kind, created_by=user))


def _current_year(county_id: int | None) -> SchoolYear | None:
    if county_id is None:
        return None
    return SchoolYear.objects.filter(county_id=county_id, is_current=True).first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    schools = whole_school_ids(request.user).order_by("code")
    if not schools.exists():
        raise Http404
    managed = list(managed_schools(request.user).order_by("code"))
    rosters = [
        {
            "kind": kind,
            "title": get_importer(kind).label,
            "may_import": _may_import(request.user, kind),
            "export_label": EXPORT_LABELS[kind],
        }
        for kind in KINDS
    ]
    return render(
        request,
        "rosters/index.html",
        {
            "rosters": rosters,
            "managed": managed,
            "export_form": ExportForm(schools=schools),
            "jobs": visible_import_jobs(request.user).filter(kind__in=KINDS)[:10],
            "can_reveal": bool(managed),
        },
    )


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ROSTERS or not _may_import(request.user, kind):
        raise Http404
    return _xlsx(template_bytes(kind), f"{kind}-template.xlsx")


def _export_scope(request: HttpRequest, schools: QuerySet[School]) -> tuple[QuerySet[School], int | None]:
    """The schools to export (one when ?school= is given, which must be in scope) and their county."""
    school_id = request.GET.get("school") or request.POST.get("school") or ""
    if school_id:
        if not school_id.isdigit():
            raise Http404
        school = get_for_user(schools, pk=int(school_id))
        return schools.filter(pk=school.pk), school.county_id
    county_id = schools.values_list("county_id", flat=True).first()
    if county_id is None:
        county_id = visible_counties(request.user).values_list("id", flat=True).first()
    return schools.filter(county_id=county_id), county_id


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in exports.EXPORTERS:
        raise Http404
    visible = whole_school_ids(request.user)
    if not visible.exists():
        raise Http404
    schools, county_id = _export_scope(request, visible)
    year = _current_year(county_id)
    with translation.override("zh-hans"):  # exports mirror the Chinese templates so they can be re-imported
        if kind == "students":
            result = exports.export_students(schools, year, include_left=request.GET.get("include_left") == "on")
        else:
            result = exports.EXPORTERS[kind](schools, year)
        content = workbook_bytes(result.sheets)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target_type=f"rosters.{kind}",
        target_repr=str(EXPORT_LABELS[kind]),
        rows=result.rows,
        schools=", ".join(schools.values_list("name", flat=True)[:20]),
    )
    return _xlsx(content, result.filename)


@login_required
def export_students_with_ids(request: HttpRequest) -> HttpResponse:
    """Students with full ID numbers: only for those who may reveal them, with a stated purpose, audited."""
    managed = managed_schools(request.user).order_by("code")
    if not managed.exists():
        raise Http404
    form = RevealExportForm(request.POST or None, schools=managed)
    if request.method == "POST" and form.is_valid():
        schools, county_id = _export_scope(request, managed)
        year = _current_year(county_id)
        with translation.override("zh-hans"):
            result = exports.export_students(schools, year, with_ids=True)
            content = workbook_bytes(result.sheets)
        names = ", ".join(schools.values_list("name", flat=True)[:20])
        purpose = form.cleaned_data["purpose"]
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            target_type="rosters.students_with_id_numbers",
            target_repr="学生名册（含身份证号）",
            rows=result.rows,
            schools=names,
            purpose=purpose,
            with_id_numbers=True,
        )
        audit_record(
            actor=request.user,
            action=AuditAction.ID_REVEAL,
            target_type="people.Student",
            target_repr="学生名册（含身份证号）",
            count=result.rows,
            schools=names,
            purpose=purpose,
        )
        return _xlsx(content, result.filename)
    return render(request, "rosters/export_with_ids.html", {"form": form})


@login_required
def promote(request: HttpRequest, school_id: int) -> HttpResponse:
    school: School = get_for_user(managed_schools(request.user), pk=school_id)
    years = list(SchoolYear.objects.filter(county_id=school.county_id).order_by("-start_year"))
    wanted = request.POST.get("from_year") or request.GET.get("from_year") or ""
    from_year = next((year for year in years if str(year.pk) == wanted), None)
    if from_year is None:
        from_year = next((year for year in years if year.is_current), years[0] if years else None)
    to_year = promotion.next_year(from_year) if from_year else None
    plan = None
    if from_year is not None and to_year is not None:
        if request.method == "POST":
            try:
                done = promotion.school_year_promote(
                    user=request.user, school=school, from_year=from_year, to_year=to_year
                )
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
            else:
                counts = done.counts()
                messages.success(
                    request,
                    _("升级完成：新建班级 %(created)s 个，升级学生 %(promoted)s 人，毕业学生 %(graduated)s 人。")
                    % {
                        "created": counts["classes_created"],
                        "promoted": counts["students_promoted"],
                        "graduated": counts["students_graduated"],
                    },
                )
            return redirect(f"{request.path}?from_year={from_year.pk}")
        plan = promotion.school_year_promotion_plan(school=school, from_year=from_year, to_year=to_year)
    return render(
        request,
        "rosters/promotion.html",
        {
            "school": school,
            "years": years,
            "from_year": from_year,
            "to_year": to_year,
            "plan": plan,
            "counts": plan.counts() if plan else {},
            "final_grade": promotion.last_grade(school),
        },
    )


def _managed_student(request: HttpRequest, pk: int) -> Student:
    student: Student = get_for_user(visible_students(request.user).select_related("school"), pk=pk)
    if not can_manage_school(request.user, student.school):
        raise Http404
    return student


@login_required
def student_enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    student = _managed_student(request, pk)
    memberships = student.memberships.select_related("school_class__school", "school_year").order_by(
        "school_year__start_year"
    )
    events = EnrollmentEvent.objects.filter(student=student).select_related("school", "school_class", "recorded_by")
    actions = [(action, EVENT_ACTIONS[action][1]) for action in ACTIONS_BY_STATUS.get(student.status, [])]
    return render(
        request,
        "rosters/student_enrolment.html",
        {"student": student, "memberships": memberships, "events": events, "actions": actions},
    )


def _classes_for(student: Student) -> QuerySet[SchoolClass]:
    return (
        SchoolClass.objects.filter(school=student.school, is_graduated=False)
        .select_related("school", "school_year")
        .order_by("-school_year__start_year", "grade", "number")
    )


@login_required
def student_event(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in EVENT_ACTIONS:
        raise Http404
    student = _managed_student(request, pk)
    service, label = EVENT_ACTIONS[action]
    form = EnrolmentEventForm(request.POST or None, action=action, classes=_classes_for(student))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if action == "resume" and data.get("school_class") is None:
            data.pop("school_class", None)
        try:
            service(user=request.user, student=student, **data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("已办理%(action)s。") % {"action": label})
            return redirect("rosters:student_enrolment", pk=student.pk)
    allowed = action in ACTIONS_BY_STATUS.get(student.status, [])
    return render(
        request,
        "rosters/student_event.html",
        {"student": student, "form": form, "action": action, "label": label, "allowed": allowed},
    )


@login_required
def transfer_in(request: HttpRequest) -> HttpResponse:
    managed = managed_schools(request.user)
    if not managed.exists():
        raise Http404
    classes = (
        SchoolClass.objects.filter(school__in=managed, school_year__is_current=True, is_graduated=False)
        .select_related("school", "school_year")
        .order_by("school__code", "grade", "number")
    )
    form = TransferInForm(request.POST or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        school_class = form.cleaned_data["school_class"]
        number = "".join(form.cleaned_data["student_number"].split()).upper()
        name = "".join(form.cleaned_data["name"].split())
        student = Student.objects.filter(
            county_id=school_class.school.county_id,
            student_number=number,
            name=name,
            status=StudentStatus.TRANSFERRED_OUT,
        ).first()
        if student is None:
            # The same answer whether the number is unknown, the name differs or the student has not left: a
            # school learns nothing about other schools' students from this form.
            form.add_error(None, _("找不到学籍号和姓名都相符、且已办理转出的学生。请核对，或请原学校先办理转出。"))
        else:
            try:
                enrolment.student_transfer_in(
                    user=request.user,
                    student=student,
                    school_class=school_class,
                    date=form.cleaned_data["date"],
                    reason=form.cleaned_data["reason"],
                    other_school=form.cleaned_data["other_school"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("已办理转入。"))
                return redirect("rosters:student_enrolment", pk=student.pk)
    return render(request, "rosters/transfer_in.html", {"form": form})
