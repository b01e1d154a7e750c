"""Background tasks of the import flow (django-tasks; a worker runs them, tests run them immediately).

Task arguments are job ids: they are stored as JSON until a worker picks the task up.
"""

from django_tasks import task

from zhiliang.imports import services
from zhiliang.imports.models import ImportJob


@task()
def check_import_job(job_id: int) -> str:
    job = services.import_job_check(ImportJob.objects.get(pk=job_id))
    return str(job.status)


@task()
def apply_import_job(job_id: int) -> str:
    job = services.import_job_apply(ImportJob.objects.get(pk=job_id))
    return str(job.status)
