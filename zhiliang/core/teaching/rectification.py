"""The closed loop of a routine inspection finding: required rectification → teacher's response → re-check.

States of one inspection result (教学常规检查 of one teacher):

* ``none``: no rectification was required;
* ``open``: rectification required, no response yet, deadline not passed;
* ``overdue``: rectification required, no response, today is after the deadline;
* ``responded``: the teacher has responded; waiting for the re-check (复查);
* ``closed``: the re-check accepted the rectification.

A re-check that does not accept it sends the result back to ``open`` with a new deadline (the service clears
the response and keeps the history). "Still open" means open, overdue or responded.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

NONE = "none"
OPEN = "open"
OVERDUE = "overdue"
RESPONDED = "responded"
CLOSED = "closed"
STATES = (NONE, OPEN, OVERDUE, RESPONDED, CLOSED)
STILL_OPEN = (OPEN, OVERDUE, RESPONDED)

STATE_LABELS: dict[str, tuple[str, str]] = {
    NONE: ("无需整改", "no rectification"),
    OPEN: ("待整改", "open"),
    OVERDUE: ("已逾期", "overdue"),
    RESPONDED: ("待复查", "awaiting re-check"),
    CLOSED: ("已销号", "closed"),
}

# Events of a result's history (the service writes them; pages name them).
EVENT_LABELS: dict[str, tuple[str, str]] = {
    "required": ("要求整改", "rectification required"),
    "responded": ("教师反馈整改情况", "teacher responded"),
    "reopened": ("复查未通过，继续整改", "re-check: not yet, reopened"),
    "closed": ("复查通过，销号", "re-check: closed"),
}


@dataclass(frozen=True)
class Rectification:
    required: bool
    deadline: datetime.date | None
    responded: bool
    closed: bool


def rectification_state(item: Rectification, today: datetime.date) -> str:
    if not item.required:
        return NONE
    if item.closed:
        return CLOSED
    if item.responded:
        return RESPONDED
    if item.deadline is not None and today > item.deadline:
        return OVERDUE
    return OPEN


@dataclass(frozen=True)
class LoopSummary:
    required: int
    closed: int
    still_open: int
    overdue: int
    closed_share: float | None  # closed ÷ required


def loop_summary(states: Iterable[str]) -> LoopSummary:
    """Counts of the loop: of 5 required (2 closed, 1 responded, 1 open, 1 overdue) 2 closed, 3 still open."""
    counts = Counter(states)
    required = sum(counts[state] for state in (OPEN, OVERDUE, RESPONDED, CLOSED))
    return LoopSummary(
        required=required,
        closed=counts[CLOSED],
        still_open=sum(counts[state] for state in STILL_OPEN),
        overdue=counts[OVERDUE],
        closed_share=counts[CLOSED] / required if required else None,
    )
