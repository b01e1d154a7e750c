"""Fitness results through the generic import flow (kind "fitness"; the school year is `ImportJob.target_id`,
the current one when none is given).

The file is the layout schools already use (the upload template's Chinese headers, one row per student, see
`zhiliang.core.fitness.sheet`); students are matched by 学籍号 within the chosen school, and each must be in
a class of that school in the school year. Every problem names file, sheet, row and column. Apply writes each
row's record and rescores it; the same file twice changes nothing. Only columns present in the file are
written, so a vision-only file leaves the fitness results alone and the other way round.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zhiliang.accounts.scoping import managed_schools
from zhiliang.core.fitness.sheet import MeasurementRow, MeasurementSheet, known_headers, read_measurements
from zhiliang.core.tabular import ImportProblems, Problem, read_table, register_messages
from zhiliang.fitness.models import FitnessRecord
from zhiliang.fitness.services import record_apply_row, record_get_or_new
from zhiliang.imports.registry import CheckResult, Importer, ProgressCallback
from zhiliang.org.models import SchoolClass, SchoolYear
from zhiliang.people.models import ClassMembership, Student

KIND = "fitness"
UNKNOWN_STUDENT = "fitness.unknown_student"
NOT_IN_SCHOOL = "fitness.not_in_school"
NO_CLASS = "fitness.no_class"
NO_YEAR = "fitness.no_year"

for _code, _zh, _en in [
    (UNKNOWN_STUDENT, "找不到学籍号为“{value}”的学生。", "No student has the number “{value}”."),
    (NOT_IN_SCHOOL, "学生 {name}（{value}）不在{school}。", "Student {name} ({value}) is not at {school}."),
    (
        NO_CLASS,
        "学生 {name}（{value}）在{year}学年没有分班记录，无法确定测试时的班级和年级。",
        "Student {name} ({value}) has no class in school year {year}, so the class and grade tested are unknown.",
    ),
    (
        NO_YEAR,
        "没有可导入的学年：请先建立当前学年。",
        "There is no school year to import into: set up the current one.",
    ),
]:
    register_messages(_code, _zh, _en)


def _year(job: Any) -> SchoolYear | None:
    years = SchoolYear.objects.filter(county_id=job.county_id)
    if job.target_id:
        return years.filter(pk=job.target_id).first()
    return years.filter(is_current=True).first()


def may_import_fitness(user: Any, job: Any) -> bool:
    """Those who manage a school import its results (the school is chosen on upload)."""
    schools = managed_schools(user)
    if job.school_id is not None:
        return schools.filter(pk=job.school_id).exists()
    return schools.exists()


def _read(job: Any) -> MeasurementSheet:
    table = read_table(
        bytes(job.content), filename=job.filename, sheet=job.sheet or None, known_headers=known_headers()
    )
    return read_measurements(table, need_grade_and_sex=False)


def _plan(job: Any) -> tuple[list[Problem], list[tuple[Any, FitnessRecord]], MeasurementSheet | None]:
    try:
        sheet = _read(job)
    except ImportProblems as error:
        return error.problems, [], None
    problems = list(sheet.file_problems) + list(sheet.problems)
    year = _year(job)
    if year is None:
        problems.insert(0, Problem(job.filename, None, None, None, None, NO_YEAR, {}))
        return problems, [], sheet
    numbers = [row.student_id for row in sheet.rows]
    students = {
        s.student_number: s for s in Student.objects.filter(county_id=job.county_id, student_number__in=numbers)
    }
    memberships = {
        m.student_id: m.school_class
        for m in ClassMembership.objects.filter(school_year=year, student__in=students.values()).select_related(
            "school_class__school"
        )
    }
    records = {r.student_id: r for r in FitnessRecord.objects.filter(school_year=year, student__in=students.values())}
    planned: list[tuple[Any, FitnessRecord]] = []
    for row in sheet.rows:
        student = students.get(row.student_id)

        def located(code: str, row: MeasurementRow = row, **params: object) -> Problem:
            return Problem(
                job.filename, sheet.sheet, row.row, None, "学籍号", code, {"value": row.student_id, **params}
            )

        if student is None:
            problems.append(located(UNKNOWN_STUDENT))
            continue
        school_class: SchoolClass | None = memberships.get(student.pk)
        if school_class is None:
            problems.append(located(NO_CLASS, name=student.name, year=str(year)))
            continue
        if job.school_id is not None and school_class.school_id != job.school_id:
            problems.append(located(NOT_IN_SCHOOL, name=student.name, school=str(job.school)))
            continue
        record = records.get(student.pk) or record_get_or_new(
            student=student, school_year=year, school_class=school_class
        )
        planned.append((row, record))
    return problems, planned, sheet


def check_fitness(job: Any) -> CheckResult:
    problems, planned, sheet = _plan(job)
    if problems or sheet is None:
        return CheckResult(problems)
    present = set(sheet.measures_found)
    summary: dict[str, int] = {}
    sample: list[dict[str, str]] = []
    for row, record in planned:
        action = record_apply_row(record=record, row=row, present=present, actor=None, dry_run=True)
        summary[action] = summary.get(action, 0) + 1
        if len(sample) < 10:
            sample.append({"学籍号": row.student_id, "姓名": record.student.name, "action": action})
    return CheckResult([], summary, sample)


def apply_fitness(job: Any, progress: ProgressCallback) -> dict[str, int]:
    problems, planned, sheet = _plan(job)
    assert not problems and sheet is not None  # the flow applies only a file whose check found nothing
    present = set(sheet.measures_found)
    counts: dict[str, int] = {}
    for index, (row, record) in enumerate(planned, start=1):
        action = record_apply_row(record=record, row=row, present=present, actor=job.confirmed_by)
        counts[action] = counts.get(action, 0) + 1
        if index % 200 == 0:
            progress(int(100 * index / len(planned)), "")
    return counts


IMPORTER = Importer(
    kind=KIND,
    label=_("Fitness test results"),
    template_url_name="fitness:template",
    check=check_fitness,
    apply=apply_fitness,
    may_import=may_import_fitness,
    needs_school=True,
    school_required=True,
    action_labels={"create": _("New"), "update": _("Changed"), "unchanged": _("Unchanged")},
    help_text=_(
        "One row per student with 学籍号 and the items tested, under the national upload template's headers "
        "(身高, 体重, 肺活量, 50米跑, 坐位体前屈, 一分钟跳绳 …); vision (左眼裸眼视力, 右眼裸眼视力) and health-check "
        "columns (龋齿) may be in the same file. Times may be written 9.8, 1'52\", 3:35 or in seconds."
    ),
)
