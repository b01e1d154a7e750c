"""Daily growth records (日评价) summed into weekly and monthly summaries (周评价、月评价) per student and class.

An observation is one tap of a teacher: a student, a day, a domain (德智体美劳) and whether the behaviour was
positive or negative. A week is the ISO week (Monday to Sunday, ISO 8601 as in `datetime.date.isocalendar`),
a month the calendar month; a period is named by its first day. A summary counts, per domain, the positive and
negative observations; a class summary also says which students of the roster nobody noticed in the period, so
a head teacher sees whom they have not looked at (the quiet pupils are the ones paper records forget).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from zhiliang.core.care.domains import DOMAINS

Period = Literal["week", "month"]
PERIODS: tuple[Period, ...] = ("week", "month")


@dataclass(frozen=True)
class Observation:
    student: str
    day: dt.date
    domain: str
    positive: bool

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"unknown domain {self.domain!r}")


@dataclass(frozen=True)
class Tally:
    """Positive and negative observations of one domain (or all domains) in one period."""

    positive: int = 0
    negative: int = 0

    @property
    def total(self) -> int:
        return self.positive + self.negative

    @property
    def net(self) -> int:
        return self.positive - self.negative

    @property
    def positive_share(self) -> float | None:
        return self.positive / self.total if self.total else None

    def add(self, positive: bool) -> Tally:
        return Tally(self.positive + positive, self.negative + (not positive))

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.positive + other.positive, self.negative + other.negative)


def period_start(day: dt.date, period: Period) -> dt.date:
    """The first day of the ISO week (its Monday) or of the calendar month that contains `day`."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}")


def period_end(start: dt.date, period: Period) -> dt.date:
    """The last day of the period that begins on `start`."""
    if period == "week":
        return start + dt.timedelta(days=6)
    next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


def _empty_domains() -> dict[str, Tally]:
    return {domain: Tally() for domain in DOMAINS}


@dataclass(frozen=True)
class StudentPeriod:
    """One student's observations in one period, per domain (every domain present, zero when unobserved)."""

    student: str
    start: dt.date
    by_domain: dict[str, Tally] = field(default_factory=_empty_domains)

    @property
    def overall(self) -> Tally:
        return sum(self.by_domain.values(), Tally())


def student_summaries(observations: Iterable[Observation], period: Period) -> list[StudentPeriod]:
    """Per student and period, the tally of each domain; sorted by student, then period."""
    cells: dict[tuple[str, dt.date], dict[str, Tally]] = {}
    for item in observations:
        key = (item.student, period_start(item.day, period))
        domains = cells.setdefault(key, _empty_domains())
        domains[item.domain] = domains[item.domain].add(item.positive)
    return [StudentPeriod(student, start, domains) for (student, start), domains in sorted(cells.items())]


@dataclass(frozen=True)
class ClassPeriod:
    """A class in one period: tallies per domain, how many of the roster were observed, and who was not."""

    start: dt.date
    by_domain: dict[str, Tally]
    students_observed: int
    roster_size: int
    unobserved: tuple[str, ...]

    @property
    def overall(self) -> Tally:
        return sum(self.by_domain.values(), Tally())

    @property
    def coverage(self) -> float | None:
        """Share of the roster observed at least once in the period (None for an empty roster)."""
        return self.students_observed / self.roster_size if self.roster_size else None


def class_summaries(observations: Iterable[Observation], roster: Sequence[str], period: Period) -> list[ClassPeriod]:
    """Per period with at least one observation of a roster student, the class's summary; oldest first.

    Observations of students not on the roster (who left the class) are ignored, so coverage never exceeds 1.
    """
    members = set(roster)
    by_period: dict[dt.date, tuple[dict[str, Tally], set[str]]] = {}
    for item in observations:
        if item.student not in members:
            continue
        domains, seen = by_period.setdefault(period_start(item.day, period), (_empty_domains(), set()))
        domains[item.domain] = domains[item.domain].add(item.positive)
        seen.add(item.student)
    return [
        ClassPeriod(
            start=start,
            by_domain=domains,
            students_observed=len(seen),
            roster_size=len(members),
            unobserved=tuple(student for student in roster if student not in seen),
        )
        for start, (domains, seen) in sorted(by_period.items())
    ]


def term_tallies(observations: Iterable[Observation], start: dt.date, end: dt.date) -> dict[str, Tally]:
    """One student's tallies per domain between `start` and `end` inclusive (the term evaluation's input)."""
    domains = _empty_domains()
    for item in observations:
        if start <= item.day <= end:
            domains[item.domain] = domains[item.domain].add(item.positive)
    return domains
