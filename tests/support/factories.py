"""Support data for tests: two published county exams in which 李四 (s2) is below the low-score line in 语文 and
数学 (48 = 40 % of 120), and cases opened through the services."""

import datetime
from typing import Any

from tests.cast import Cast
from tests.exams.factories import make_exam
from zhiliang.exams.models import Exam, ExamStatus
from zhiliang.support import services
from zhiliang.support.models import Candidate, SupportCase

STRUGGLING = {
    "s1": {"语文": 110, "数学": 100, "英语": 90},
    "s2": {"语文": 40, "数学": 30, "英语": 60},
    "s3": {"语文": 95, "数学": 50, "英语": 70},
    "s4": {"语文": 100, "数学": 65, "英语": 108},
}


def published_exam(
    cast: Cast,
    name: str,
    day: int,  # days after 2025-10-01
    scores: dict[str, dict[str, Any]] | None = None,
) -> Exam:
    return make_exam(
        cast,
        name=name,
        status=ExamStatus.PUBLISHED,
        scores=scores or STRUGGLING,
        held_on=datetime.date(2025, 10, 1) + datetime.timedelta(days=day),
    )


def two_exams(cast: Cast) -> tuple[Exam, Exam]:
    return published_exam(cast, "十月统考", 10), published_exam(cast, "期中统考", 30)


def nominated(cast: Cast, key: str = "s2", reason: str = "作业常缺交，上课跟不上") -> Candidate:
    student = cast.students[key]
    school_class = student.memberships.get(school_year=cast.year).school_class
    return services.candidate_nominate(
        actor=cast.user("head_teacher"), student=student, school_class=school_class, reason=reason
    )


def open_case(cast: Cast, key: str = "s2") -> SupportCase:
    existing = SupportCase.objects.filter(student=cast.students[key], status="active").first()
    if existing is not None:
        return existing
    return services.candidate_confirm(
        actor=cast.user("head_teacher"), candidate=nominated(cast, key), on=datetime.date(2025, 10, 31)
    )
