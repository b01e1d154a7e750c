"""The generic import flow: upload → check (preview) → confirm → apply, the same for every kind of file.

* `import_job_create` refuses files over `settings.MAX_UPLOAD_BYTES` before reading them, stores the bytes
  with their SHA-256 and queues the check.
* `import_job_check` runs the importer's check (which writes nothing) and stores the summary, the sample
  rows and every problem on the job: status READY when nothing is wrong, INVALID otherwise.
* `import_job_confirm` moves a READY job to APPLYING (once: a second click finds it no longer READY) and
  queues the apply.
* `import_job_apply` runs inside one transaction: it checks the file again (the database may have changed
  since the preview), applies it only when nothing is wrong, and audits it. Any problem or error rolls
  everything back, so an import is all or nothing.

Check and apply run as background tasks (`zhiliang.imports.tasks`); in tests the task backend is immediate.
"""

import datetime
import hashlib
import logging
import os
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from zhiliang.accounts.scoping import managed_schools, visible_counties
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.tabular import ImportProblems, Problem, register_messages
from zhiliang.imports.models import ImportJob, ImportStatus
from zhiliang.imports.progress import ProgressWriter, progress_reporting
from zhiliang.imports.registry import CheckResult, Importer, get_importer
from zhiliang.org.models import County, School

logger = logging.getLogger(__name__)

SAMPLE_ROWS = 50

register_messages(
    "import.not_allowed",
    "您没有导入这个文件的权限（可能是角色已经变更）。",
    "You are not allowed to import this file (your role may have changed).",
)
register_messages(
    "import.failed",
    "导入时发生内部错误，没有写入任何数据。请稍后重试；如果仍然失败，请把文件发给管理员。",
    "An internal error occurred while importing; nothing was written. Try again later; if it fails again, "
    "send the file to your administrator.",
)


class JobNotReady(Exception):
    """Confirming a job that is not waiting for confirmation (already applied, invalid or still checking)."""


# Problems are stored on the job as JSON and turned back into `Problem`s for display in the reader's
# language.


def problem_to_json(problem: Problem) -> dict[str, Any]:
    return {
        "filename": problem.filename,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "header": problem.header,
        "code": problem.code,
        "params": {key: _json_value(value) for key, value in problem.params.items()},
    }


def _json_value(value: object) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(item) for item in value]
    return str(value)


def problem_from_json(data: dict[str, Any]) -> Problem:
    return Problem(
        filename=data.get("filename", ""),
        sheet=data.get("sheet"),
        row=data.get("row"),
        column=data.get("column"),
        header=data.get("header"),
        code=data.get("code", ""),
        params=data.get("params") or {},
    )


def job_problems(job: ImportJob) -> list[Problem]:
    return [problem_from_json(item) for item in job.problems]


def _county_for(user: Any, school: School | None, county: County | None) -> County:
    if school is not None:
        return school.county
    if county is not None:
        return county
    found = managed_schools(user).values_list("county_id", flat=True).first()
    if found is None:
        found = visible_counties(user).values_list("id", flat=True).first()
    if found is None:
        raise PermissionDenied
    return County.objects.get(pk=found)


def import_job_create(
    *,
    user: Any,
    kind: str,
    upload: UploadedFile,
    school: School | None = None,
    target_id: int | None = None,
    sheet: str = "",
    county: County | None = None,
) -> ImportJob:
    """Store an uploaded file as a new job and queue its check.

    Raises ImportProblems (code "file.too_large") for a file over the limit, before reading it, and
    PermissionDenied when the importer does not allow this user, school or target.
    """
    importer = get_importer(kind)
    filename = os.path.basename(upload.name or "upload")[:255] or "upload"
    size = upload.size or 0
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportProblems(
            [Problem(filename, None, None, None, None, "file.too_large", {"size": size, "limit": limit})]
        )
    content = b"".join(upload.chunks())
    if len(content) > limit:  # the declared size can be wrong
        size = len(content)
        raise ImportProblems(
            [Problem(filename, None, None, None, None, "file.too_large", {"size": size, "limit": limit})]
        )
    job = ImportJob(
        kind=kind,
        created_by=user,
        school=school,
        county=_county_for(user, school, county),
        target_id=target_id,
        filename=filename,
        sheet=sheet.strip()[:100],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        progress_message=gettext_noop("等待检查"),
    )
    if not importer.may_import(user, job):
        raise PermissionDenied
    job.save()
    from zhiliang.imports.tasks import check_import_job

    check_import_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _store_check(job: ImportJob, result: CheckResult) -> None:
    job.problems = [problem_to_json(problem) for problem in result.problems]
    job.preview = {"summary": dict(result.summary), "sample": list(result.sample[:SAMPLE_ROWS])}


def _fail(job: ImportJob, code: str) -> None:
    job.status = ImportStatus.FAILED
    job.problems = [problem_to_json(Problem(job.filename, job.sheet or None, None, None, None, code, {}))]
    job.progress = 100
    job.progress_message = ""
    job.finished_at = timezone.now()
    job.save()


def import_job_check(job: ImportJob) -> ImportJob:
    """Check a PENDING job: store its preview and problems; status READY or INVALID."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.CHECKING, progress=0, progress_message=gettext_noop("正在检查")
    )
    job.refresh_from_db()
    if not claimed:
        return job
    importer = get_importer(job.kind)
    try:
        with progress_reporting(ProgressWriter(job.pk)):
            result = importer.check(job)
    except Exception:
        logger.exception("checking import job %s failed", job.pk)
        _fail(job, "import.failed")
        return job
    _store_check(job, result)
    job.status = ImportStatus.INVALID if result.problems else ImportStatus.READY
    job.progress = 100
    job.progress_message = ""
    job.save()
    return job


def import_job_confirm(*, job: ImportJob, user: Any) -> ImportJob:
    """Start applying a READY job (confirmed by `user`); JobNotReady if it is not READY any more."""
    importer = get_importer(job.kind)
    if not importer.may_import(user, job):
        raise PermissionDenied
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.APPLYING, confirmed_by=user, progress=0, progress_message=gettext_noop("正在导入")
    )
    if not claimed:
        raise JobNotReady
    from zhiliang.imports.tasks import apply_import_job

    apply_import_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


class _Invalid(Exception):
    def __init__(self, result: CheckResult) -> None:
        super().__init__("the file is no longer valid")
        self.result = result


def _actor(job: ImportJob) -> Any:
    return job.confirmed_by or job.created_by


def import_job_apply(job: ImportJob) -> ImportJob:
    """Apply an APPLYING job in one transaction: check again, write, audit; roll back on any problem."""
    job.refresh_from_db()
    if job.status != ImportStatus.APPLYING:
        return job
    importer: Importer = get_importer(job.kind)
    actor = _actor(job)
    if not importer.may_import(actor, job):
        _fail(job, "import.not_allowed")
        return job
    writer = ProgressWriter(job.pk)
    try:
        writer(0, gettext_noop("正在导入"))
        with progress_reporting(writer), transaction.atomic():
            writer.in_transaction = True
            writer.phase(0, 30)
            result = importer.check(job)
            if result.problems:
                raise _Invalid(result)
            writer.phase(30, 100)(0, gettext_noop("正在写入"))
            counts = importer.apply(job, writer)
            audit_record(
                actor=actor,
                action=AuditAction.IMPORT,
                target=job,
                kind=job.kind,
                filename=job.filename,
                sha256=job.sha256,
                school=job.school.name if job.school else "",
                counts=counts,
            )
    except _Invalid as invalid:
        _store_check(job, invalid.result)
        job.status = ImportStatus.INVALID
        job.progress = 100
        job.progress_message = ""
        job.finished_at = timezone.now()
        job.save()
        return job
    except Exception:
        logger.exception("applying import job %s failed", job.pk)
        _fail(job, "import.failed")
        return job
    job.preview = {"summary": dict(result.summary), "sample": list(result.sample[:SAMPLE_ROWS])}
    job.problems = []
    job.result = dict(counts)
    job.status = ImportStatus.DONE
    job.progress = 100
    job.progress_message = ""
    job.finished_at = timezone.now()
    job.save()
    return job
