"""Did a supported student improve? The outcome between two exams, from the total's percentile rank.

Raw totals of two papers do not compare (difficulty differs), so progress is read from the percentile rank
(百分等级) of the total within the exam's cohort, which the exam analysis gives for every student
(docs/analysis.md: PR = 100·(below + ½·equal)/N; textbook: 张厚粲、徐建平《现代心理与教育统计学》, the chapter
on percentile ranks), together with the number of main subjects under the low-score line.

* **improved**: the percentile rose by at least `margin` points, or fewer subjects are low and the percentile
  did not fall by `margin` or more;
* **declined**: the percentile fell by at least `margin` points, or more subjects are low and the percentile
  did not rise by `margin` or more;
* **steady**: anything else; **unknown** when the student has no total in either exam.

`margin` (5 points by default) keeps exam-day noise from counting as change: a convention, configurable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

DEFAULT_MARGIN = 5.0


class Outcome(enum.StrEnum):
    IMPROVED = "improved"
    STEADY = "steady"
    DECLINED = "declined"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class OutcomePoint:
    """A student's standing in one exam."""

    exam_id: int
    label: str
    percentile: float | None  # of the total, 0–100; None without a total
    low_count: int | None  # main subjects under the low-score line; None when not sat


def outcome_between(before: OutcomePoint, after: OutcomePoint, *, margin: float = DEFAULT_MARGIN) -> Outcome:
    """The outcome from `before` to `after` (see the module docstring)."""
    if margin < 0:
        raise ValueError("margin must not be negative")
    if before.percentile is None or after.percentile is None:
        return Outcome.UNKNOWN
    change = round(after.percentile - before.percentile, 9)
    fewer = before.low_count is not None and after.low_count is not None and after.low_count < before.low_count
    more = before.low_count is not None and after.low_count is not None and after.low_count > before.low_count
    if change >= margin or (fewer and change > -margin):
        return Outcome.IMPROVED
    if change <= -margin or (more and change < margin):
        return Outcome.DECLINED
    return Outcome.STEADY
