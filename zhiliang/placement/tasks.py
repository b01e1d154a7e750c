"""Background work of class placement (django-tasks; `manage.py db_worker` runs it, tests run it at once)."""

from django_tasks import task

from zhiliang.placement.services import placement_solve


@task()
def placement_solve_task(run_id: int) -> str:
    """Place a run's intake; the run records the result or why it is not possible."""
    return str(placement_solve(run_id=run_id).status)
