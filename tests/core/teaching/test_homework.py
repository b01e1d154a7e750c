"""Daily homework load against the 2021 双减 limits (中办发〔2021〕40号): hand-worked class-days."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiliang.core.teaching.homework import (
    NO_LIMIT,
    OK,
    OVER,
    WRITTEN_NOT_ALLOWED,
    Task,
    day_load,
    written_limit,
)


@pytest.mark.parametrize(
    ("grade", "limit"), [(1, 0), (2, 0), (3, 60), (6, 60), (7, 90), (9, 90), (10, None), (12, None)]
)
def test_limits_by_grade(grade, limit):
    assert written_limit(grade) == limit


def test_grade_out_of_range():
    with pytest.raises(ValueError):
        written_limit(13)


def test_grade_four_within_the_limit_reading_not_counted():
    load = day_load(4, [Task(30, True), Task(25, True), Task(15, False)])
    assert (load.written_minutes, load.other_minutes, load.status, load.excess) == (55, 15, OK, 0)


def test_grade_eight_over_by_fifteen():
    load = day_load(8, [Task(40, True), Task(35, True), Task(30, True)])
    assert (load.written_minutes, load.status, load.excess, load.is_alert) == (105, OVER, 15, True)


def test_grade_two_may_not_have_written_homework():
    assert day_load(2, [Task(10, True)]).status == WRITTEN_NOT_ALLOWED
    assert day_load(2, [Task(20, False)]).status == OK


def test_exactly_at_the_limit_is_within():
    assert day_load(6, [Task(60, True)]).status == OK


def test_senior_has_no_limit():
    assert day_load(11, [Task(200, True)]).status == NO_LIMIT


# Under a loaded CI machine input generation can be slow; the properties are what matters here.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(0, 120), st.booleans()), max_size=8))
def test_alert_exactly_when_written_minutes_exceed_the_limit(grade, tasks):
    load = day_load(grade, [Task(m, w) for m, w in tasks])
    limit = written_limit(grade)
    assert load.is_alert == (limit is not None and load.written_minutes > limit)
    assert load.written_minutes + load.other_minutes == sum(m for m, _w in tasks)
