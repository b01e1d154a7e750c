"""Background work of exams (django-tasks; `manage.py db_worker` runs it, tests run it immediately).

Arguments are ids: they are stored as JSON until a worker picks the task up.
"""

from django_tasks import task

from zhiliang.exams.analysis import grade_analysis
from zhiliang.exams.models import Exam
from zhiliang.exams.reports import report_build
from zhiliang.exams.selectors import exam_grades


@task()
def analysis_warm(exam_id: int) -> int:
    """Compute (and cache) every grade's analysis after an import, so the first page view is fast."""
    exam = Exam.objects.select_related("term__school_year").prefetch_related("exam_subjects__subject").get(pk=exam_id)
    grades = exam_grades(exam)
    for grade in grades:
        grade_analysis(exam, grade)
    return len(grades)


@task()
def report_generate(report_id: int) -> str:
    return str(report_build(report_id).status)
