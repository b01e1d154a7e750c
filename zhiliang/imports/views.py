"""Upload, preview, confirm and follow imports. Thin views over `services`; every job is scoped
(`selectors.visible_import_jobs`), and a kind the user may not import does not exist for them (404)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from zhiliang.accounts.scoping import get_for_user, managed_schools
from zhiliang.core.tabular import ImportProblems, problems_to_xlsx
from zhiliang.imports import services
from zhiliang.imports.forms import UploadForm
from zhiliang.imports.models import ImportJob, ImportStatus
from zhiliang.imports.registry import Importer, get_importer
from zhiliang.imports.selectors import may_use_imports, visible_import_jobs

PROBLEMS_SHOWN = 1000  # on the page; the downloadable report has them all

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _importer_or_404(kind: str) -> Importer:
    try:
        return get_importer(kind)
    except KeyError:
        raise Http404 from None


def _target(request: HttpRequest) -> int | None:
    raw = request.POST.get("target") or request.GET.get("target") or ""
    return int(raw) if raw.isdigit() else None


def _template_url(importer: Importer) -> str | None:
    if not importer.template_url_name:
        return None
    try:
        return reverse(importer.template_url_name, kwargs={"kind": importer.kind})
    except NoReverseMatch:
        return reverse(importer.template_url_name)


@login_required
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    importer = _importer_or_404(kind)
    target_id = _target(request)
    if not importer.may_import(request.user, ImportJob(kind=kind, created_by=request.user, target_id=target_id)):
        raise Http404
    schools = managed_schools(request.user).order_by("code")
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        importer=importer,
        schools=schools,
        initial={"target": target_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                user=request.user,
                kind=kind,
                upload=form.cleaned_data["file"],
                school=form.cleaned_data.get("school"),
                target_id=target_id,
                sheet=form.cleaned_data["sheet"],
            )
        except ImportProblems as error:
            for problem in error.problems:
                form.add_error("file", problem.detail(request.LANGUAGE_CODE))
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("imports:job_detail", pk=job.pk)
    return render(
        request,
        "imports/upload.html",
        {"importer": importer, "form": form, "template_url": _template_url(importer)},
    )


def _job_context(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    importer = get_importer(job.kind) if job.kind else None
    lang = request.LANGUAGE_CODE
    problems = services.job_problems(job)
    labels = dict(importer.action_labels) if importer else {}
    summary = [(labels.get(key, key), count) for key, count in (job.preview.get("summary") or {}).items()]
    result = [(labels.get(key, key), count) for key, count in (job.result or {}).items()]
    sample = job.preview.get("sample") or []
    columns: list[str] = []
    for row in sample:
        columns.extend(key for key in row if key not in columns and key != "action")
    sample_rows = [
        (labels.get(row.get("action", ""), row.get("action", "")), [row.get(column, "") for column in columns])
        for row in sample
    ]
    return {
        "job": job,
        "importer": importer,
        "summary": summary,
        "result": result,
        "sample_columns": columns,
        "sample_rows": sample_rows,
        "problems": [
            {
                "filename": p.filename,
                "sheet": p.sheet or "",
                "row": p.row or "",
                "column": p.column or "",
                "header": p.header or "",
                "detail": p.detail(lang),
            }
            for p in problems[:PROBLEMS_SHOWN]
        ],
        "problem_count": len(problems),
        "problems_truncated": len(problems) > PROBLEMS_SHOWN,
        "can_confirm": (
            job.status == ImportStatus.READY and importer is not None and importer.may_import(request.user, job)
        ),
    }


def _visible_job(request: HttpRequest, pk: int) -> ImportJob:
    job: ImportJob = get_for_user(visible_import_jobs(request.user), pk=pk)
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    try:
        context = _job_context(request, job)
    except KeyError:  # the app that registered this kind is no longer installed
        raise Http404 from None
    return render(request, "imports/job_detail.html", context)


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    if request.htmx and not job.is_running:  # type: ignore[attr-defined]
        return HttpResponseClientRefresh()  # show the finished preview or result
    return render(request, "imports/_progress_fragment.html", {"job": job})


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    try:
        services.import_job_confirm(job=job, user=request.user)
    except KeyError:
        raise Http404 from None
    except PermissionDenied:
        raise Http404 from None
    except services.JobNotReady:
        messages.warning(request, _("这个导入已经确认过或不能确认。"))
    return redirect("imports:job_detail", pk=job.pk)


@login_required
def job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    content = problems_to_xlsx(services.job_problems(job), request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-problems.xlsx"'
    return response


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    if not may_use_imports(request.user):
        raise Http404
    page = Paginator(visible_import_jobs(request.user), 30).get_page(request.GET.get("page"))
    labels = {}
    for job in page:
        try:
            labels[job.kind] = get_importer(job.kind).label
        except KeyError:
            labels[job.kind] = job.kind
    rows = [(job, labels[job.kind]) for job in page]
    return render(request, "imports/job_list.html", {"page": page, "rows": rows})
