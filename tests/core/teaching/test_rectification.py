"""The rectification loop: state by hand for each combination, and the summary counts."""

import datetime

import pytest

from zhiliang.core.teaching.rectification import (
    CLOSED,
    NONE,
    OPEN,
    OVERDUE,
    RESPONDED,
    Rectification,
    loop_summary,
    rectification_state,
)

TODAY = datetime.date(2026, 4, 10)


@pytest.mark.parametrize(
    ("item", "state"),
    [
        (Rectification(False, None, False, False), NONE),
        (Rectification(True, datetime.date(2026, 4, 10), False, False), OPEN),  # due today: still open
        (Rectification(True, datetime.date(2026, 4, 9), False, False), OVERDUE),
        (Rectification(True, datetime.date(2026, 4, 9), True, False), RESPONDED),
        (Rectification(True, datetime.date(2026, 4, 9), True, True), CLOSED),
        (Rectification(True, None, False, False), OPEN),
    ],
)
def test_state(item, state):
    assert rectification_state(item, TODAY) == state


def test_summary():
    summary = loop_summary([CLOSED, CLOSED, RESPONDED, OPEN, OVERDUE, NONE, NONE])
    assert (summary.required, summary.closed, summary.still_open, summary.overdue) == (5, 2, 3, 1)
    assert summary.closed_share == pytest.approx(0.4)
    assert loop_summary([NONE]).closed_share is None
