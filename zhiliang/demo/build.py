"""Building the demo county (清河县) in one transaction: `demo_county_build`, used by `zhiliang demo-data` and
`manage.py demo_data`.

Idempotent by design: the county is recognised by its name. When it exists, the foundation (schools, people,
users) is left alone and only the layers that are missing are added — so running `demo-data` again changes
nothing, and running it after a new capability landed adds that capability's data to an existing demo.
`reset=True` deletes the demo county (and everything that hangs off it) and builds it again.

Deterministic: every random choice comes from a `random.Random` seeded with `seed` and a part name (for
example `"2025:pupils"`), so two builds with the same seed and scale produce the same names, ID numbers,
classes, teachers and scores, whatever else changed in the database.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from types import ModuleType
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from zhiliang.accounts.models import User
from zhiliang.demo.county import COUNTY_NAME
from zhiliang.demo.logins import USERNAMES, demo_users_create
from zhiliang.demo.options import DEFAULT_SEED
from zhiliang.demo.pupils import plan_pupils
from zhiliang.demo.staff import plan_staff
from zhiliang.demo.write import organisation_write, people_write
from zhiliang.org.models import County

T = TypeVar("T")

# The layers a capability adds on top of the foundation, in the order they are built (a layer may use the
# ones before it: most need the exams). Each is a module with `available() -> bool` (its app is installed and
# migrated), `present(county) -> bool`, `build(*, county, seed) -> int` and `counts(county) -> dict[str, int]`;
# `LABEL` names the step in the build log. Adding a capability's demo data is one line here.
DEMO_LAYERS: tuple[str, ...] = (
    "zhiliang.demo.exams",
    "zhiliang.demo.fitness",
    "zhiliang.demo.items",
    "zhiliang.demo.balance",
    "zhiliang.demo.development",
    "zhiliang.demo.support",
    "zhiliang.demo.care",
    "zhiliang.demo.teaching",
)

# What hangs off the demo county, in an order in which it can be deleted (models protect their references):
# (model label, lookup from the model to the county). A capability that adds PROTECTed rows to the demo
# puts its models first. Models of apps that are not installed are skipped.
RESET_ORDER: tuple[tuple[str, str], ...] = (
    ("fitness.FitnessRecord", "school_year__county"),
    ("teaching.HomeworkEntry", "school_class__school__county"),
    ("teaching.Inspection", "school__county"),
    ("teaching.Observation", "school__county"),
    ("teaching.SchoolSetting", "school__county"),
    ("teaching.RubricVersion", "rubric__school__county"),
    ("teaching.RubricVersion", "rubric__county"),
    ("teaching.Rubric", "school__county"),
    ("teaching.Rubric", "county"),
    ("items.ItemResponse", "paper__exam_subject__exam__county"),
    ("support.SupportCase", "student__county"),
    ("support.Candidate", "student__county"),
    ("development.MentoringPair", "school__county"),
    ("development.SubjectGroup", "school__county"),
    ("development.LadderCriteria", "county"),
    ("exams.Exam", "county"),
    ("people.TeachingAssignment", "teacher__county"),
    ("people.ClassMembership", "student__county"),
    ("people.EnrollmentEvent", "school__county"),
    ("people.Student", "county"),
    ("org.SchoolClass", "school__county"),
    ("people.Teacher", "county"),
    ("org.Term", "school_year__county"),
    ("org.SchoolYear", "county"),
    ("org.School", "central_school__county"),  # teaching points before their central schools
    ("org.School", "county"),
    ("org.EducationGroup", "county"),
)


class DemoRefused(Exception):
    """The demo cannot be built here (production settings, unmigrated database); the message says why."""


@dataclass
class BuildReport:
    created: bool = False
    layers_added: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    steps: list[tuple[str, float]] = field(default_factory=list)
    seconds: float = 0.0


def demo_allowed(*, force: bool = False) -> None:
    """Refuse to write a county with a published password into a production database, or an unmigrated one."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise DemoRefused("数据库尚未迁移到最新：请先运行 `python manage.py migrate`。")
    if not settings.DEBUG and not force:
        raise DemoRefused(
            "当前是生产配置（ZHILIANG_DEBUG 未开启）。演示县的账号使用公开的演示密码，不应写入生产数据库；"
            "如确实需要（例如培训用的独立服务器），请加 --force。"
        )


def demo_county_build(
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    reset: bool = False,
    with_exams: bool = True,  # False: the foundation only, no layer (they build on the exams)
    layers: Collection[str] | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> BuildReport:
    """Build (or complete) the demo county; see the module docstring. `scale` shrinks the pupil numbers.

    `layers` names the layers to add (by module name, e.g. `{"exams", "support"}`), in `DEMO_LAYERS` order;
    None adds them all. Tests of one capability name theirs, so they do not pay for every other layer.
    """
    if not 0 < scale <= 2:
        raise ValueError("scale must be in (0, 2]")
    report = BuildReport()
    started = time.perf_counter()

    def step(name: str, function: Callable[[], T]) -> T:
        began = time.perf_counter()
        result = function()
        report.steps.append((name, time.perf_counter() - began))
        log(f"  {name}：{time.perf_counter() - began:.1f} 秒")
        return result

    with transaction.atomic():
        county = County.objects.filter(name=COUNTY_NAME).first()
        if county is not None and reset:
            step("删除原演示县", lambda: demo_county_delete(county))
            county = None
        if county is None:
            taken = list(User.objects.filter(username__in=USERNAMES).values_list("username", flat=True))
            if taken and not reset:
                raise DemoRefused(
                    f"用户名 {'、'.join(sorted(taken))} 已被占用，演示账号无法创建；加 --reset 会删除这些用户后重建。"
                )
            User.objects.filter(username__in=taken).delete()
            log(f"生成演示县 {COUNTY_NAME}（种子 {seed}，规模 {scale:g}）……")
            pupils = step("规划学生与班级", lambda: plan_pupils(seed=seed, scale=scale))
            staff = step("规划教师与任课", lambda: plan_staff(pupils, seed=seed))
            written = step("写入学校与学年", organisation_write)
            step("写入教师、班级、学生、学籍变动、任课", lambda: people_write(written, pupils, staff))
            step("创建演示账号", lambda: demo_users_create(written=written, staff=staff, seed=seed))
            county = written.county
            report.created = True
        else:
            log(f"演示县 {COUNTY_NAME} 已存在，基础数据保持不变（用 --reset 重建）。")
        for layer in demo_layers(layers) if with_exams else []:
            if layer.available() and not layer.present(county):
                step(layer.LABEL, lambda layer=layer: layer.build(county=county, seed=seed))
                report.layers_added.append(layer.__name__.rsplit(".", 1)[-1])
        report.counts = demo_county_counts(county)
    report.seconds = time.perf_counter() - started
    return report


def demo_county_delete(county: County) -> None:
    """Delete the demo county, everything that hangs off it, and the demo users."""
    for label, lookup in RESET_ORDER:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(**{lookup: county}).delete()
    county.delete()
    User.objects.filter(username__in=USERNAMES).delete()


def demo_county_counts(county: County) -> dict[str, int]:
    from zhiliang.org.models import School, SchoolClass
    from zhiliang.people.models import ClassMembership, EnrollmentEvent, Student, Teacher, TeachingAssignment

    counts = {
        "schools": School.objects.filter(county=county).count(),
        "classes": SchoolClass.objects.filter(school__county=county).count(),
        "students": Student.objects.filter(county=county).count(),
        "current_students": ClassMembership.objects.filter(
            school_year__county=county, school_year__is_current=True
        ).count(),
        "memberships": ClassMembership.objects.filter(school_year__county=county).count(),
        "events": EnrollmentEvent.objects.filter(school__county=county).count(),
        "teachers": Teacher.objects.filter(county=county).count(),
        "assignments": TeachingAssignment.objects.filter(teacher__county=county).count(),
        "users": User.objects.filter(username__in=USERNAMES).count(),
    }
    for layer in demo_layers():
        if layer.available():
            counts.update(layer.counts(county))
    return counts


def demo_layers(names: Collection[str] | None = None) -> list[ModuleType]:
    """The layer modules, all of them or those named (`"exams"` for `zhiliang.demo.exams`), in build order."""
    if names is not None:
        unknown = set(names) - {name.rsplit(".", 1)[-1] for name in DEMO_LAYERS}
        if unknown:
            raise ValueError(f"unknown demo layers: {sorted(unknown)}")
    return [importlib.import_module(name) for name in DEMO_LAYERS if names is None or name.rsplit(".", 1)[-1] in names]
