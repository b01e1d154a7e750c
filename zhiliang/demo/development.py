"""Teacher development for the demo county: five years of training, research and awards, and one term
(autumn 2025) of mentoring and subject-group work.

* Years of service follow each teacher's age and education (as `staff.py` drew them).
* Training: a school-based course (校本研修) every year, county, municipal and provincial (国培) courses now and
  then, 120 hours of induction for new teachers; about half of the county reaches 360 hours in five years.
  The last course of about one teacher in six is still awaiting the principal's confirmation.
* Research and awards grow with the stage of the ladder (a 学科带头人 has papers, a project, a municipal
  award); everyone may have given a school open lesson this term.
* Subject groups per school (one per subject with three or more teachers, the rest in 综合组), each meeting
  every other week of the term (集体备课 and 教研活动 in turn) with minutes and attendance.
* New teachers (fewer than three years) are paired with an experienced teacher of their subject, with
  meetings and lesson visits through the term.
* The county's ladder criteria are saved once (version 1: the built-in defaults) by the bureau administrator.

At 县一中 the demo logins have something of their own: 李建刚 (head_teacher) leads the 数学组, 温敏
(subject_teacher) is in a mentoring pair and has a course awaiting confirmation with its certificate.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成教师发展数据"

TERM_START, TERM_END = datetime.date(2025, 9, 1), datetime.date(2026, 1, 16)
LAST_YEAR = 2025  # training history runs 2021–2025 (the five years before the demo's current term ends)
FIRST_JUNIOR = "QH03"  # 县一中

PROVINCIAL = ["国培计划·乡村教师能力提升", "省级骨干教师培训", "国培计划·学科教学能力提升"]
MUNICIPAL = ["市级课堂教学改革专题培训", "市级班主任能力提升培训", "市级信息技术应用能力提升2.0"]
COUNTY = ["县级新课标解读培训", "县级作业设计专题培训", "县级命题能力培训", "县级心理健康教育培训"]
TOPICS = [
    "单元整体教学设计",
    "分层作业设计",
    "课堂提问的有效性",
    "期中质量分析与改进",
    "新课标核心素养落实",
    "学困生转化策略",
    "大单元教学课例研讨",
    "命题与双向细目表",
]
MEETING_TOPICS = ["制定带教计划", "教学设计指导", "作业批改交流", "课后反思交流", "班级管理经验", "公开课磨课"]


def available() -> bool:
    if not apps.is_installed("zhiliang.development"):
        return False
    table: str = apps.get_model("development", "TrainingRecord")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.development.models import TrainingRecord

    return TrainingRecord.objects.filter(teacher__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.development.models import (
        Achievement,
        GroupActivity,
        MentoringMeeting,
        MentoringPair,
        SubjectGroup,
        TrainingRecord,
    )

    return {
        "development_training": TrainingRecord.objects.filter(teacher__county=county).count(),
        "development_achievements": Achievement.objects.filter(teacher__county=county).count(),
        "development_pairs": MentoringPair.objects.filter(school__county=county).count(),
        "development_meetings": MentoringMeeting.objects.filter(pair__school__county=county).count(),
        "development_groups": SubjectGroup.objects.filter(school__county=county).count(),
        "development_activities": GroupActivity.objects.filter(group__school__county=county).count(),
    }


def _started_on(teacher: Any, rng: random.Random) -> datetime.date:
    born = teacher.birth_date.year if teacher.birth_date else 1985
    offset = 23 if teacher.education in ("bachelor", "master", "doctorate") else 21
    return datetime.date(min(born + offset, 2025), 9, 1)


def _day(rng: random.Random, year: int, months: tuple[int, ...]) -> datetime.date:
    return datetime.date(year, rng.choice(months), rng.randint(1, 28))


def _training(teacher: Any, started: datetime.date, rng: random.Random) -> list[dict[str, Any]]:
    """Courses of the five years 2021–2025 (from the year the teacher started)."""
    courses: list[dict[str, Any]] = []

    def add(course: str, level: str, ended: datetime.date, hours: int, provider: str) -> None:
        courses.append(
            {
                "course": course,
                "level": level,
                "ended_on": ended,
                "hours": Decimal(hours),
                "provider": provider,
                "started_on": ended - datetime.timedelta(days=max(1, hours // 8)),
            }
        )

    first = max(2021, started.year)
    if started.year >= 2021:
        add("新任教师岗前培训", "county", datetime.date(started.year, 8, 28), 120, "县教师发展中心")
    for year in range(first, LAST_YEAR + 1):
        add(f"{year}年度校本研修", "school", datetime.date(year, 12, 20), rng.choice([24, 30, 36]), "本校")
        if rng.random() < 0.5:
            add(rng.choice(COUNTY), "county", _day(rng, year, (4, 5, 10, 11)), rng.choice([24, 30]), "县教师发展中心")
        if rng.random() < 0.3:
            add(rng.choice(MUNICIPAL), "municipal", _day(rng, year, (3, 6, 11)), 40, "市教育局")
        if rng.random() < 0.18:
            add(rng.choice(PROVINCIAL), "provincial", _day(rng, year, (7, 8)), rng.choice([60, 90]), "省教育厅")
    return sorted(courses, key=lambda c: (c["ended_on"], c["course"]))


# (kind, level, count range) drawn per stage: research and awards grow with the ladder.
ACHIEVEMENTS: dict[str, list[tuple[str, str, int, int]]] = {
    "qualified": [("open_lesson", "school", 0, 2), ("award", "school", 0, 1)],
    "backbone": [("open_lesson", "county", 1, 2), ("award", "county", 1, 2), ("paper", "county", 0, 1)],
    "leader": [
        ("open_lesson", "municipal", 1, 3),
        ("award", "municipal", 1, 2),
        ("paper", "municipal", 1, 3),
        ("project", "county", 1, 1),
    ],
    "master": [
        ("open_lesson", "provincial", 1, 2),
        ("award", "provincial", 1, 2),
        ("paper", "provincial", 3, 5),
        ("project", "municipal", 1, 2),
    ],
    "expert": [
        ("award", "provincial", 2, 3),
        ("paper", "national", 4, 6),
        ("project", "provincial", 2, 3),
        ("competition", "provincial", 1, 1),
    ],
}
TITLES = {
    "open_lesson": "{subject}公开课《{topic}》",
    "award": "{level}优质课评比{prize}",
    "paper": "浅谈{subject}教学中的{topic}",
    "project": "{subject}“{topic}”实践研究（课题）",
    "competition": "{level}青年教师教学基本功大赛{prize}",
}
LEVEL_NAMES = {"school": "校级", "county": "县级", "municipal": "市级", "provincial": "省级", "national": "国家级"}


def _achievements(teacher: Any, subject: str, rng: random.Random) -> list[dict[str, Any]]:
    items = []
    for kind, level, low, high in ACHIEVEMENTS.get(teacher.growth_stage, []):
        for _ in range(rng.randint(low, high)):
            title = TITLES[kind].format(
                subject=subject,
                topic=rng.choice(TOPICS),
                level=LEVEL_NAMES[level],
                prize=rng.choice(["一等奖", "二等奖"]),
            )
            items.append(
                {"kind": kind, "level": level, "title": title, "date": _day(rng, rng.randint(2021, 2025), (5, 10, 12))}
            )
    if rng.random() < 0.3:  # this term's school open lesson
        items.append(
            {
                "kind": "open_lesson",
                "level": "school",
                "title": f"{subject}公开课《{rng.choice(TOPICS)}》",
                "date": _day(rng, 2025, (10, 11, 12)),
            }
        )
    return items


def build(*, county: County, seed: int) -> int:
    """Write the demo's development records; returns how many rows were written."""
    from zhiliang.accounts.models import User
    from zhiliang.core.development import default_rules
    from zhiliang.development.models import (
        Achievement,
        Confirmation,
        LadderCriteria,
        TeacherService,
        TrainingRecord,
    )
    from zhiliang.people.models import Teacher

    rng = random.Random(f"{seed}:development")
    admin = User.objects.filter(username="bureau_admin").first()
    teachers = list(
        Teacher.objects.filter(county=county, is_active=True)
        .select_related("school", "user")
        .prefetch_related("subjects")
        .order_by("staff_number")
    )
    subject_of = {
        t.pk: (min(t.subjects.all(), key=lambda s: s.order).name if t.subjects.all() else "综合") for t in teachers
    }
    services, trainings, achievements = [], [], []
    started_by_teacher: dict[int, datetime.date] = {}
    for teacher in teachers:
        started = _started_on(teacher, rng)
        started_by_teacher[teacher.pk] = started
        services.append(TeacherService(teacher=teacher, started_on=started))
        courses = _training(teacher, started, rng)
        pending_last = rng.random() < 0.17 or (teacher.user and teacher.user.username == "subject_teacher")
        for index, course in enumerate(courses):
            pending = pending_last and index == len(courses) - 1
            trainings.append(
                TrainingRecord(
                    teacher=teacher, status=Confirmation.PENDING if pending else Confirmation.CONFIRMED, **course
                )
            )
        for item in _achievements(teacher, subject_of[teacher.pk], rng):
            achievements.append(Achievement(teacher=teacher, status=Confirmation.CONFIRMED, **item))
    TeacherService.objects.bulk_create(services)
    TrainingRecord.objects.bulk_create(trainings, batch_size=2000)
    Achievement.objects.bulk_create(achievements, batch_size=2000)
    LadderCriteria.objects.create(
        county=county, version=1, rules=default_rules(), note="县教育局2025年发布（演示）", created_by=admin
    )
    written = len(services) + len(trainings) + len(achievements) + 1
    written += _groups(teachers, subject_of, rng)
    written += _pairs(teachers, subject_of, started_by_teacher, rng)
    written += _evidence(teachers)
    return written


def _leader_rank(teacher: Any) -> tuple[int, int]:
    stages = ["qualified", "backbone", "leader", "master", "expert"]
    titles = ["none", "third", "second", "first", "senior", "professor"]
    return stages.index(teacher.growth_stage), titles.index(teacher.title) if teacher.title in titles else 0


def _groups(teachers: list[Any], subject_of: dict[int, str], rng: random.Random) -> int:
    from zhiliang.curriculum.models import Subject
    from zhiliang.development.models import ActivityKind, GroupActivity, SubjectGroup

    subjects = {s.name: s for s in Subject.objects.all()}
    by_school: dict[int, list[Any]] = defaultdict(list)
    for teacher in teachers:
        by_school[teacher.school_id].append(teacher)
    written = 0
    for school_teachers in by_school.values():
        by_subject: dict[str, list[Any]] = defaultdict(list)
        for teacher in school_teachers:
            by_subject[subject_of[teacher.pk]].append(teacher)
        plan: dict[str, list[Any]] = {}
        for subject, members in sorted(by_subject.items()):
            name = f"{subject}组" if len(members) >= 3 and subject != "综合" else "综合组"
            plan.setdefault(name, []).extend(members)
        for name, members in plan.items():
            if len(members) < 2:
                continue
            leader = max(members, key=_leader_rank)
            login = next((m for m in members if m.user and m.user.username == "head_teacher"), None)
            if login is not None:
                leader = login  # the demo's head teacher leads his group (数学组 at full scale)
            group = SubjectGroup.objects.create(school=leader.school, name=name, leader=leader)
            group.subjects.set({subjects[subject_of[m.pk]] for m in members if subject_of[m.pk] in subjects})
            group.members.set(members)
            written += 1
            day = TERM_START + datetime.timedelta(days=7 + rng.randrange(5))
            turn = 0
            while day < TERM_END - datetime.timedelta(days=7):
                kind = ActivityKind.COLLECTIVE_PREPARATION if turn % 2 == 0 else ActivityKind.RESEARCH
                topic = rng.choice(TOPICS)
                present = [m for m in members if rng.random() < 0.9] or [leader]
                activity = GroupActivity.objects.create(
                    group=group,
                    kind=kind,
                    date=day,
                    topic=topic,
                    minutes=f"主持：{leader.name}。围绕“{topic}”，{present[0].name}作中心发言，组员逐一交流，"
                    f"形成下阶段{'教学设计与分工' if kind == ActivityKind.COLLECTIVE_PREPARATION else '改进措施'}。",
                    recorded_by=leader.user,
                )
                activity.attendees.set(present)
                written += 1
                turn += 1
                day += datetime.timedelta(days=14)
    return written


def _pairs(
    teachers: list[Any], subject_of: dict[int, str], started: dict[int, datetime.date], rng: random.Random
) -> int:
    from zhiliang.development.models import MeetingKind, MentoringMeeting, MentoringPair

    written = 0
    by_school_subject: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for teacher in teachers:
        by_school_subject[(teacher.school_id, subject_of[teacher.pk])].append(teacher)
    school_teachers: dict[int, list[Any]] = defaultdict(list)
    for teacher in teachers:
        school_teachers[teacher.school_id].append(teacher)
    mentees = [t for t in teachers if started[t.pk].year >= 2023 or (t.user and t.user.username == "subject_teacher")]
    mentor_load: dict[int, int] = defaultdict(int)
    for mentee in mentees:
        candidates = [
            t
            for t in by_school_subject[(mentee.school_id, subject_of[mentee.pk])] or school_teachers[mentee.school_id]
            if t.pk != mentee.pk and started[t.pk].year <= 2015 and mentor_load[t.pk] < 2
        ] or [t for t in school_teachers[mentee.school_id] if t.pk != mentee.pk and started[t.pk].year <= 2018]
        if not candidates:
            continue
        mentor = max(candidates, key=lambda t: (_leader_rank(t), -mentor_load[t.pk]))
        mentor_load[mentor.pk] += 1
        pair = MentoringPair.objects.create(
            school=mentee.school,
            mentor=mentor,
            mentee=mentee,
            started_on=TERM_START,
            goals=f"一学期内：独立完成{subject_of[mentee.pk]}单元教学设计；每周互相听课至少一节；学期末上一节汇报课。",
        )
        written += 1
        day = TERM_START + datetime.timedelta(days=3 + rng.randrange(7))
        kinds = [MeetingKind.MEETING, MeetingKind.MENTEE_LESSON, MeetingKind.MENTOR_LESSON]
        meetings = []
        while day < TERM_END:
            kind = rng.choice(kinds)
            topic = rng.choice(MEETING_TOPICS) if kind == MeetingKind.MEETING else f"听课：{rng.choice(TOPICS)}"
            meetings.append(
                MentoringMeeting(
                    pair=pair,
                    date=day,
                    kind=kind,
                    topic=topic,
                    notes="优点与改进建议已当面交流。",
                    recorded_by=(mentor.user if kind != MeetingKind.MENTOR_LESSON else mentee.user),
                )
            )
            day += datetime.timedelta(days=rng.choice([10, 14, 17]))
        MentoringMeeting.objects.bulk_create(meetings)
        written += len(meetings)
    return written


# A one-page PDF ("结业证书" drawn as text is not needed: the file stands for a scanned certificate).
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _evidence(teachers: list[Any]) -> int:
    """Certificates for the demo logins' latest courses (so the scoped download has something to serve)."""
    from django.core.files.base import ContentFile

    from zhiliang.development.models import Evidence, TrainingRecord

    written = 0
    for teacher in teachers:
        if not (teacher.user and teacher.user.username in ("subject_teacher", "head_teacher", "grade_leader")):
            continue
        record = TrainingRecord.objects.filter(teacher=teacher).order_by("-ended_on").first()
        if record is None:
            continue
        item = Evidence(training=record, original_name=f"{record.course}结业证书.pdf", size=len(_PDF))
        item.file.save("certificate.pdf", ContentFile(_PDF), save=True)
        written += 1
    return written
