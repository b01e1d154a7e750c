"""The 控辍保学 watch rule: who is at risk of leaving compulsory education, since when, and whether back.

A student is on the watch list while either holds:

* their latest enrolment event among those that change attendance is 辍学 (dropout) or 休学 (suspension) —
  a later 复学 (resume), 入学 (enrol) or 转入 (transfer in) brings them back; 转出 and 毕业 end the school's
  duty (the receiving school or the next stage takes over);
* an absence spell of at least `LONG_ABSENCE_DAYS` consecutive school days is open (no return date).

国务院办公厅《关于进一步加强控辍保学提高义务教育巩固水平的通知》(国办发〔2017〕72号) asks schools to follow up
every pupil who drops out or is absent for long, until they return (劝返), and to report them to the bureau.
The threshold of consecutive days of unexplained absence that makes a school act differs between provinces;
3 days is the common trigger for a home visit and is our default ([unconfirmed] as a national figure;
configurable by the caller).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

LONG_ABSENCE_DAYS = 3
LEAVING_KINDS = frozenset({"dropout", "suspend"})
RETURNING_KINDS = frozenset({"resume", "enrol", "transfer_in"})
ENDING_KINDS = frozenset({"transfer_out", "graduate"})


@dataclass(frozen=True)
class Event:
    kind: str
    day: dt.date


@dataclass(frozen=True)
class Absence:
    start: dt.date
    school_days: int
    returned_on: dt.date | None = None


@dataclass(frozen=True)
class WatchReason:
    kind: str  # "dropout", "suspend" or "absence"
    since: dt.date


def enrolment_reason(events: Iterable[Event]) -> WatchReason | None:
    """The open dropout/suspension, if the student's last attendance-changing event is one ."""
    last: Event | None = None
    for event in sorted(events, key=lambda e: e.day):  # stable: same-day events keep their recorded order
        if event.kind in LEAVING_KINDS | RETURNING_KINDS | ENDING_KINDS:
            last = event
    if last is not None and last.kind in LEAVING_KINDS:
        return WatchReason(last.kind, last.day)
    return None


def absence_reason(absences: Iterable[Absence], threshold: int = LONG_ABSENCE_DAYS) -> WatchReason | None:
    """The earliest open absence spell of at least `threshold` school days."""
    open_spells = [a for a in absences if a.returned_on is None and a.school_days >= threshold]
    if not open_spells:
        return None
    return WatchReason("absence", min(a.start for a in open_spells))


def watch_reasons(
    events: Iterable[Event], absences: Iterable[Absence], threshold: int = LONG_ABSENCE_DAYS
) -> list[WatchReason]:
    """Why the student is on the watch list (empty when they are not), the oldest reason first."""
    reasons = [r for r in (enrolment_reason(events), absence_reason(absences, threshold)) if r is not None]
    return sorted(reasons, key=lambda r: r.since)


def days_on_watch(reasons: Iterable[WatchReason], today: dt.date) -> int | None:
    """Calendar days since the oldest open reason (None when not on watch)."""
    starts = [r.since for r in reasons]
    return (today - min(starts)).days if starts else None
