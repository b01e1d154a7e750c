"""The 控辍保学 watch rule, worked by hand."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.care.watch import (
    LONG_ABSENCE_DAYS,
    Absence,
    Event,
    WatchReason,
    absence_reason,
    days_on_watch,
    enrolment_reason,
    watch_reasons,
)

D = dt.date


def test_dropout_without_return_is_watched():
    events = [Event("enrol", D(2023, 9, 1)), Event("promote", D(2025, 9, 1)), Event("dropout", D(2025, 10, 20))]
    assert enrolment_reason(events) == WatchReason("dropout", D(2025, 10, 20))


def test_resume_after_suspension_ends_the_watch():
    events = [Event("suspend", D(2025, 3, 1)), Event("resume", D(2025, 9, 1))]
    assert enrolment_reason(events) is None
    assert enrolment_reason(events[:1]) == WatchReason("suspend", D(2025, 3, 1))


def test_order_is_by_date_not_by_list_order():
    events = [Event("resume", D(2025, 9, 1)), Event("suspend", D(2025, 3, 1))]
    assert enrolment_reason(events) is None


def test_transfer_out_and_graduation_end_the_schools_duty():
    assert enrolment_reason([Event("dropout", D(2025, 1, 1)), Event("transfer_out", D(2025, 2, 1))]) is None
    # Promotion does not change attendance: a dropout before it stays open.
    assert enrolment_reason([Event("suspend", D(2025, 6, 1)), Event("promote", D(2025, 9, 1))]) is not None


def test_long_absence():
    assert LONG_ABSENCE_DAYS == 3
    spells = [Absence(D(2025, 11, 3), 2), Absence(D(2025, 11, 10), 5), Absence(D(2025, 10, 1), 9, D(2025, 10, 15))]
    assert absence_reason(spells) == WatchReason("absence", D(2025, 11, 10))  # 2 days too short, 9 closed
    assert absence_reason(spells, threshold=2) == WatchReason("absence", D(2025, 11, 3))
    assert absence_reason([]) is None


def test_reasons_oldest_first_and_days_on_watch():
    reasons = watch_reasons([Event("suspend", D(2025, 11, 20))], [Absence(D(2025, 11, 10), 8)])
    assert [r.kind for r in reasons] == ["absence", "suspend"]
    assert days_on_watch(reasons, D(2025, 11, 25)) == 15
    assert days_on_watch([], D(2025, 11, 25)) is None


KINDS = ["enrol", "promote", "transfer_in", "transfer_out", "repeat", "suspend", "resume", "dropout", "graduate"]


@given(st.lists(st.builds(Event, st.sampled_from(KINDS), st.dates(D(2020, 1, 1), D(2026, 1, 1))), max_size=8))
def test_a_return_after_every_leaving_ends_the_watch(events):
    last_day = max((e.day for e in events), default=D(2020, 1, 1))
    assert enrolment_reason([*events, Event("resume", last_day + dt.timedelta(days=1))]) is None
    reason = enrolment_reason(events)
    assert reason is None or reason.kind in {"dropout", "suspend"}
