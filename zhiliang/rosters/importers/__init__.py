"""The roster importers, registered with the generic import flow (`zhiliang.imports.registry`) when the
rosters app starts. Each kind has a module with `build_plan(job)` and `apply_plan(plan, job)`."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from zhiliang.accounts.scoping import can_manage_school, managed_schools
from zhiliang.imports.models import ImportJob
from zhiliang.imports.registry import CheckResult, Importer, ProgressCallback, register
from zhiliang.rosters.importers import assignments, classes, schools, students, teachers
from zhiliang.rosters.importers.base import ACTION_LABELS, Plan, cached_plan, forget_plan


def may_import_roster(user: Any, job: ImportJob) -> bool:
    """A school's leadership imports its rosters; a bureau administrator those of every school of the county."""
    if job.school_id is not None:
        return can_manage_school(user, job.school)
    schools_managed = managed_schools(user)
    if job.county_id is not None:
        schools_managed = schools_managed.filter(county_id=job.county_id)
    return schools_managed.exists()


def _roster_importer(
    kind: str,
    label: Any,
    build: Callable[[ImportJob], Plan],
    write: Callable[[Plan, ImportJob], dict[str, int]],
    *,
    may_import: Callable[[Any, ImportJob], bool] = may_import_roster,
    needs_school: bool = True,
    help_text: Any = "",
) -> Importer:
    def check(job: ImportJob) -> CheckResult:
        forget_plan(job, kind)  # a check always looks at the database as it is now
        return cached_plan(job, kind, build).result()

    def apply(job: ImportJob, progress: ProgressCallback) -> dict[str, int]:
        plan = cached_plan(job, kind, build)
        if plan.problems:  # the flow checks first; this guards direct callers
            raise ValueError(f"{kind} import {job.pk} has problems and cannot be applied")
        progress(0, gettext_noop("正在写入"))
        try:
            return write(plan, job)
        finally:
            forget_plan(job, kind)

    check.__name__ = apply.__name__ = kind
    return Importer(
        kind=kind,
        label=label,
        template_url_name="rosters:template",
        check=check,
        apply=apply,
        may_import=may_import,
        needs_school=needs_school,
        action_labels=dict(ACTION_LABELS),
        help_text=help_text,
    )


IMPORTERS = [
    _roster_importer(
        "schools",
        _("学校名册"),
        schools.build_plan,
        schools.apply_plan,
        may_import=schools.may_import,
        needs_school=False,
        help_text=_("学校代码已存在的更新该校信息，新的代码新增学校。只有教育局管理员可以导入。"),
    ),
    _roster_importer(
        "teachers",
        _("教师名册"),
        teachers.build_plan,
        teachers.apply_plan,
        help_text=_("工号已存在的更新教师信息，新的工号新增教师；空白单元格保留原有信息。"),
    ),
    _roster_importer(
        "classes",
        _("班级名册"),
        classes.build_plan,
        classes.apply_plan,
        help_text=_("导入当前学年的班级及班主任。下一学年的班级由“升级”生成。"),
    ),
    _roster_importer(
        "students",
        _("学生名册"),
        students.build_plan,
        students.apply_plan,
        help_text=_("学籍号已存在的更新学生信息和本学年班级，新的学籍号新增学生。导入不会删除学生。"),
    ),
    _roster_importer(
        "assignments",
        _("任课安排"),
        assignments.build_plan,
        assignments.apply_plan,
        help_text=_("每个班级每个学科每学期一位任课教师；同一班级学科的新教师会替换原教师。"),
    ),
]


def register_all() -> None:
    for importer in IMPORTERS:
        register(importer)
