"""The five-year, 360-hour training requirement of primary and secondary teachers.

Sources:
* 《中小学教师继续教育规定》(教育部令第7号, 1999), art. 8: continuing education is organised in five-year
  cycles (新任教师培训 at least 120 hours in the probation year; 教师岗位培训 at least 240 hours every five years).
* 《教育部关于大力加强中小学教师培训工作的意见》(教师〔2011〕1号): a five-year cycle of training for every teacher,
  at least 360 hours per teacher in the cycle.
* 《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号), government indicator "教师5年360学时培训完成率"
  must reach 100 % (`/work/shared/standards/balanced-development-2017.md`, G9).

Provinces run the cycle either as fixed calendar cycles (e.g. 2021–2025) or per teacher; we count a rolling
window (the five years up to the day asked about), which says the same thing at the end of a fixed cycle and
is never misleadingly empty at the start of one. The hours and years are parameters, so a county whose rule
differs changes data, not code.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

REQUIRED_HOURS = Decimal(360)
WINDOW_YEARS = 5


@dataclass(frozen=True)
class TrainingHours:
    """One course as counted: the day it ended and its credited hours (学时)."""

    ended_on: datetime.date
    hours: Decimal


@dataclass(frozen=True)
class TrainingProgress:
    as_of: datetime.date
    window_start: datetime.date  # first day counted
    hours: Decimal  # credited hours from window_start to as_of, both included
    required: Decimal
    years: int

    @property
    def shortfall(self) -> Decimal:
        return max(self.required - self.hours, Decimal(0))

    @property
    def met(self) -> bool:
        return self.hours >= self.required

    @property
    def share(self) -> float:
        """Hours as a fraction of the requirement, capped at 1 (for progress bars)."""
        if self.required <= 0:
            return 1.0
        return float(min(self.hours / self.required, Decimal(1)))


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def window_start(as_of: datetime.date, years: int = WINDOW_YEARS) -> datetime.date:
    """First day of the `years`-year window ending on `as_of` (5 years to 2026-11-25 start on 2021-11-26)."""
    return _add_years(as_of, -years) + datetime.timedelta(days=1)


def training_progress(
    records: Iterable[TrainingHours],
    as_of: datetime.date,
    *,
    required: Decimal = REQUIRED_HOURS,
    years: int = WINDOW_YEARS,
) -> TrainingProgress:
    """Sum the hours of the courses that ended within the window; courses after `as_of` do not count yet."""
    if years < 1:
        raise ValueError("years must be at least 1")
    start = window_start(as_of, years)
    hours = sum((r.hours for r in records if start <= r.ended_on <= as_of), Decimal(0))
    return TrainingProgress(as_of=as_of, window_start=start, hours=hours, required=required, years=years)


def years_between(start: datetime.date, end: datetime.date) -> int:
    """Completed years from `start` to `end` (years of service); 0 when `end` is before `start`."""
    if end < start:
        return 0
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years
