"""Class placement pages: list, upload, the board (classes side by side, moves by hand), draw, confirm, exports.

Only those who manage a school (bureau administrators, its principal and academic director) reach any of
them, and only for their schools (`selectors.visible_runs`); everyone else gets 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from zhiliang.accounts.scoping import get_for_user, managed_schools
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.placement import describe, violation_message
from zhiliang.core.placement.draw import GROUP_KIND, TEACHER_KIND
from zhiliang.core.placement.export import class_lists_xlsx, intake_template_bytes
from zhiliang.core.tabular import ImportProblems
from zhiliang.org.models import SchoolYear, grade_name
from zhiliang.people.models import Teacher
from zhiliang.placement import presenters, serialize, services
from zhiliang.placement.forms import DrawForm, MoveForm, OptionsForm, SwapForm, UploadForm
from zhiliang.placement.models import PlacementRun, RunStatus
from zhiliang.placement.selectors import intake_students, visible_runs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _managed_or_404(request: HttpRequest) -> Any:
    schools = managed_schools(request.user).order_by("code")
    if not schools.exists():
        raise Http404
    return schools


def _run(request: HttpRequest, pk: int) -> PlacementRun:
    run: PlacementRun = get_for_user(visible_runs(request.user), pk=pk)
    return run


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _managed_or_404(request)
    runs = visible_runs(request.user)[:100]
    return render(request, "placement/index.html", {"runs": runs})


@login_required
def template(request: HttpRequest) -> HttpResponse:
    _managed_or_404(request)
    return _xlsx(intake_template_bytes(), "placement-intake-template.xlsx")


@login_required
def create(request: HttpRequest) -> HttpResponse:
    schools = _managed_or_404(request)
    years = SchoolYear.objects.filter(county_id__in=schools.values("county_id")).order_by("-start_year")
    next_year = years.filter(start_year__gt=timezone.localdate().year - 1).order_by("start_year").last()
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        schools=schools,
        years=years,
        initial={"school_year": next_year.pk if next_year else None},
    )
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            run = services.placement_run_create(
                user=request.user,
                school=data["school"],
                school_year=data["school_year"],
                grade=data["grade"],
                filename=upload.name,
                content=upload.read(),
                classes=data["classes"],
                max_size=data["max_size"],
                seed=data["seed"],
                time_limit=data["time_limit"],
                bands=data["bands"],
                apart_pairs=data["apart"],
                sheet=data["sheet"] or None,
            )
        except ImportProblems as error:
            lang = request.LANGUAGE_CODE
            problems = [
                {"where": problem.location(lang), "detail": problem.detail(lang)} for problem in error.problems[:500]
            ]
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("placement:detail", pk=run.pk)
    return render(request, "placement/create.html", {"form": form, "problems": problems})


def _detail_context(request: HttpRequest, run: PlacementRun, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"run": run, "grade_label": grade_name(run.grade)}
    if run.status in (RunStatus.PLACED, RunStatus.CONFIRMED):
        context.update(presenters.board(run, request.LANGUAGE_CODE))
    if run.status == RunStatus.FAILED:
        context["problems"] = [
            violation_message(serialize.violation_from_json(item), request.LANGUAGE_CODE) for item in run.problems
        ]
    if not run.is_confirmed and not run.is_running:
        initial = {
            "classes": run.classes,
            "max_size": run.max_size,
            "seed": run.seed,
            "time_limit": run.time_limit,
            "bands": run.bands,
            "apart": "\n".join(" ".join(pair) for pair in run.apart_pairs),
        }
        context["options_form"] = forms.get("options_form") or OptionsForm(initial=initial)
    if run.is_editable:
        teachers = Teacher.objects.filter(school=run.school, is_active=True).order_by("staff_number")
        context["draw_form"] = forms.get("draw_form") or DrawForm(teachers=teachers, classes=run.classes)
    return context


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    return render(request, "placement/detail.html", _detail_context(request, run))


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if request.htmx and not run.is_running:  # type: ignore[attr-defined]
        return HttpResponseClientRefresh()
    return render(request, "placement/_progress.html", {"run": run})


@login_required
@require_POST
def rerun(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    form = OptionsForm(request.POST)
    if not form.is_valid():
        return render(request, "placement/detail.html", _detail_context(request, run, options_form=form))
    data = form.cleaned_data
    try:
        services.placement_run_restart(
            user=request.user,
            run=run,
            classes=data["classes"],
            max_size=data["max_size"],
            seed=data["seed"],
            time_limit=data["time_limit"],
            bands=data["bands"],
            apart_pairs=data["apart"],
        )
    except services.RunNotEditable:
        messages.error(request, _("This placement can no longer be changed."))
    return redirect("placement:detail", pk=run.pk)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move or swap students by hand; answers htmx with the updated board."""
    run = _run(request, pk)
    error = ""
    try:
        if request.POST.get("action") == "swap":
            swap = SwapForm(request.POST)
            if not swap.is_valid():
                raise ValidationError(_("Choose two students to swap."))
            services.placement_swap(
                user=request.user, run=run, first=swap.cleaned_data["first"], second=swap.cleaned_data["second"]
            )
        else:
            form = MoveForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a student and a class."))
            services.placement_move(
                user=request.user,
                run=run,
                student_id=form.cleaned_data["student"],
                to_class=form.cleaned_data["to_class"],
            )
    except ValidationError as invalid:
        error = " ".join(invalid.messages)
    except services.RunNotEditable:
        error = _("This placement can no longer be changed.")
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            messages.error(request, error)
        return redirect("placement:detail", pk=run.pk)
    context = presenters.board(run, request.LANGUAGE_CODE)
    context["move_error"] = error
    return render(request, "placement/_board.html", context)


@login_required
@require_POST
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    teachers = Teacher.objects.filter(school=run.school, is_active=True).order_by("staff_number")
    form = DrawForm(request.POST, teachers=teachers, classes=run.classes)
    if not form.is_valid():
        return render(request, "placement/detail.html", _detail_context(request, run, draw_form=form))
    try:
        services.placement_draw(
            user=request.user, run=run, seed=form.cleaned_data["seed"], teachers=form.cleaned_data["teachers"]
        )
    except services.RunNotEditable:
        messages.error(request, _("This placement can no longer be changed."))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("Lots drawn. The result and the seed are recorded with the placement."))
    return redirect("placement:detail", pk=run.pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        created = services.placement_confirm(user=request.user, run=run)
    except services.RunNotEditable:
        messages.error(request, _("This placement can no longer be changed."))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(
            request,
            _("Confirmed: %(classes)s classes with their students are now in the school year %(year)s.")
            % {"classes": len(created), "year": run.school_year},
        )
    return redirect("placement:detail", pk=run.pk)


def _exportable(request: HttpRequest, pk: int) -> PlacementRun:
    run = _run(request, pk)
    if run.status not in (RunStatus.PLACED, RunStatus.CONFIRMED):
        raise Http404
    return run


def _title(run: PlacementRun) -> str:
    return f"{run.school.name} {run.school_year} {grade_name(run.grade)}分班名单"


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    run = _exportable(request, pk)
    students = intake_students(run)
    # Sheets in class-number order: the optimiser's groups renumbered as the lot draw decided.
    numbers = presenters.class_numbers(run)
    renumbered = {student_id: numbers[int(group)] for student_id, group in run.assignment.items()}
    method = "manual" if run.moves else "cp-sat"
    placement = describe(students, renumbered, run.classes, bands=run.bands, method=method)
    names = {number: f"{grade_name(run.grade)}({number})班" for number in range(1, run.classes + 1)}
    teachers = presenters.head_teachers(run)
    notes = [f"分班文件 SHA-256：{run.sha256}", f"求解种子：{run.seed}"]
    if run.draw:
        notes.append(f"抽签种子：{run.draw.get('seed', '')}")
    if not run.is_confirmed:
        notes.append("本名单尚未确认。")
    with translation.override("zh-hans"):
        content = class_lists_xlsx(
            students, placement, title=_title(run), class_names=names, head_teachers=teachers, notes=notes
        )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=run,
        kind="placement_class_lists",
        rows=len(students),
        confirmed=run.is_confirmed,
    )
    return _xlsx(content, f"placement-{run.pk}.xlsx")


@login_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable notice for parents: each class with its head teacher and pupils' names, how the classes
    were made, and how anyone can check the draw. No numbers, scores or flags."""
    run = _exportable(request, pk)
    context = presenters.board(run, request.LANGUAGE_CODE)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=run,
        kind="placement_notice",
        rows=context["student_count"],
        confirmed=run.is_confirmed,
    )
    return render(
        request,
        "placement/notice.html",
        {
            **context,
            "grade_label": grade_name(run.grade),
            "group_kind": GROUP_KIND,
            "teacher_kind": TEACHER_KIND,
        },
    )
