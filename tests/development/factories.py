"""Records of teacher development for the test cast (tests/cast.py): 李老师 (subject_teacher) of 第一初级中学 is
mentored by 王老师 (head_teacher), who leads the 数学 group."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from zhiliang.development.models import (
    Achievement,
    AchievementKind,
    Confirmation,
    Evidence,
    MentoringPair,
    SubjectGroup,
    TrainingRecord,
)

D = datetime.date
TERM_DAY = D(2025, 10, 20)
AWARD_DAY = D(2025, 6, 1)


def training(
    cast,
    key="subject_teacher",
    *,
    hours="24",
    ended_on=TERM_DAY,
    status=Confirmation.PENDING,
    level="county",
    course="新课标解读",
):
    return TrainingRecord.objects.create(
        teacher=cast.teachers[key],
        course=course,
        provider="县教师进修学校",
        level=level,
        started_on=ended_on - datetime.timedelta(days=2),
        ended_on=ended_on,
        hours=Decimal(hours),
        status=status,
    )


def achievement(
    cast,
    key="subject_teacher",
    *,
    kind=AchievementKind.AWARD,
    level="county",
    status=Confirmation.PENDING,
    date=AWARD_DAY,
):
    return Achievement.objects.create(
        teacher=cast.teachers[key], kind=kind, title="优质课评比一等奖", level=level, date=date, status=status
    )


def evidence(cast, key="subject_teacher"):
    record = training(cast, key)
    item = Evidence(training=record, original_name="证书.pdf", size=8)
    item.file.save("certificate.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return item


def pair(cast):
    return MentoringPair.objects.create(
        school=cast.junior1,
        mentor=cast.teachers["head_teacher"],
        mentee=cast.teachers["subject_teacher"],
        started_on=D(2025, 9, 1),
        goals="一学期内独立上好一节公开课",
    )


def group(cast):
    subject_group, _created = SubjectGroup.objects.get_or_create(
        school=cast.junior1, name="数学组", defaults={"leader": cast.teachers["head_teacher"]}
    )
    subject_group.subjects.set([cast.subjects["数学"]])
    subject_group.members.set([cast.teachers["head_teacher"], cast.teachers["subject_teacher"]])
    return subject_group
