"""The serpentine draft (S形分班): the traditional placement by hand, which the optimiser is compared with.

As schools describe it: boys and girls are each listed from the highest entry score down (by birth date,
oldest first, when there are no scores; by 学籍号 to break ties), boys first, and the list is dealt to the
classes 1, 2, …, N, then N, …, 2, 1, and so on, without a break between the boys and the girls. Class sizes
then differ by at most one and the boys by at most one; means come out close but not equal, and nothing
else (flags, feeder schools, siblings, pre-assignments) is looked at.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from zhiliang.core.placement.model import IntakeStudent

_LATEST = datetime.date.max


def serpentine_order(students: Sequence[IntakeStudent]) -> list[IntakeStudent]:
    """The list as it is dealt: boys then girls, each by score (high to low), then birth date, then 学籍号."""

    def key(student: IntakeStudent) -> tuple[int, int, float, datetime.date, str]:
        return (
            0 if student.sex == "M" else 1,
            0 if student.score is not None else 1,
            -(student.score or 0.0),
            student.birth_date or _LATEST,
            student.student_id,
        )

    return sorted(students, key=key)


def serpentine_class(position: int, classes: int) -> int:
    """The class (1..classes) the student at 0-based `position` of the dealing order goes to."""
    round_, offset = divmod(position, classes)
    return offset + 1 if round_ % 2 == 0 else classes - offset


def serpentine(students: Sequence[IntakeStudent], classes: int) -> dict[str, int]:
    """学籍号 → class 1..classes by the serpentine draft."""
    return {
        student.student_id: serpentine_class(position, classes)
        for position, student in enumerate(serpentine_order(students))
    }
