"""Daily homework load per class against the national limits of the 2021 "双减" policy.

中共中央办公厅、国务院办公厅《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》(2021-07,
中办发〔2021〕40号), 二(5): "小学一、二年级不布置家庭书面作业，可在校内适当安排巩固练习；小学三至六年级
书面作业平均完成时间不超过60分钟，初中书面作业平均完成时间不超过90分钟". The policy covers compulsory
education (grades 1–9); senior grades have no national limit here.

The limit concerns written homework (书面作业); oral, reading and practical tasks are recorded and shown but
not counted against it. A class-day's load is the sum of the expected minutes teachers recorded for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Status of a class-day, worst last.
OK = "ok"
NO_LIMIT = "no_limit"
OVER = "over"
WRITTEN_NOT_ALLOWED = "written_not_allowed"

STATUS_LABELS: dict[str, tuple[str, str]] = {
    OK: ("未超标", "within the limit"),
    NO_LIMIT: ("无国家限额", "no national limit"),
    OVER: ("超时", "over the limit"),
    WRITTEN_NOT_ALLOWED: ("不应布置书面作业", "no written homework allowed"),
}


def written_limit(grade: int) -> int | None:
    """Minutes of written homework allowed per day: grades 1–2 none (0), 3–6 60, 7–9 90, senior no limit."""
    if not 1 <= grade <= 12:
        raise ValueError(f"grade must be 1–12, got {grade}")
    if grade <= 2:
        return 0
    if grade <= 6:
        return 60
    if grade <= 9:
        return 90
    return None


@dataclass(frozen=True)
class Task:
    minutes: int
    written: bool


@dataclass(frozen=True)
class DayLoad:
    grade: int
    written_minutes: int
    other_minutes: int
    limit: int | None
    status: str

    @property
    def is_alert(self) -> bool:
        return self.status in (OVER, WRITTEN_NOT_ALLOWED)

    @property
    def excess(self) -> int:
        """Written minutes above the limit (0 when within it or without a limit)."""
        if self.limit is None:
            return 0
        return max(0, self.written_minutes - self.limit)


def day_load(grade: int, tasks: Iterable[Task]) -> DayLoad:
    """The load of one class on one day. Grade 4 with 30 + 25 written minutes and 15 reading: 55 ≤ 60, ok;
    grade 8 with 40 + 35 + 30 written: 105 > 90, over by 15; grade 2 with any written minutes: not allowed."""
    written = other = 0
    for task in tasks:
        if task.minutes < 0:
            raise ValueError("minutes must not be negative")
        if task.written:
            written += task.minutes
        else:
            other += task.minutes
    limit = written_limit(grade)
    if limit is None:
        status = NO_LIMIT
    elif limit == 0 and written > 0:
        status = WRITTEN_NOT_ALLOWED
    elif written > limit:
        status = OVER
    else:
        status = OK
    return DayLoad(grade, written, other, limit, status)
