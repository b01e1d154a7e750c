"""Weekly and monthly summaries of daily growth records, worked by hand."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.care.domains import DOMAINS, domain_label
from zhiliang.core.care.observations import (
    Observation,
    Tally,
    class_summaries,
    period_end,
    period_start,
    student_summaries,
    term_tallies,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "period", "start", "end"),
    [
        (D(2025, 11, 26), "week", D(2025, 11, 24), D(2025, 11, 30)),  # a Wednesday; Monday 24th
        (D(2025, 11, 24), "week", D(2025, 11, 24), D(2025, 11, 30)),  # a Monday starts its own week
        (D(2025, 11, 30), "week", D(2025, 11, 24), D(2025, 11, 30)),  # a Sunday ends it (ISO 8601)
        (D(2026, 1, 1), "week", D(2025, 12, 29), D(2026, 1, 4)),  # a week across the new year
        (D(2025, 11, 26), "month", D(2025, 11, 1), D(2025, 11, 30)),
        (D(2024, 2, 10), "month", D(2024, 2, 1), D(2024, 2, 29)),  # leap February
        (D(2025, 12, 31), "month", D(2025, 12, 1), D(2025, 12, 31)),
    ],
)
def test_periods(day, period, start, end):
    assert period_start(day, period) == start
    assert period_end(start, period) == end


def test_unknown_period_and_domain_are_refused():
    with pytest.raises(ValueError):
        period_start(D(2025, 1, 1), "year")
    with pytest.raises(ValueError):
        Observation("a", D(2025, 1, 1), "music", True)


def test_tally_arithmetic():
    tally = Tally(3, 1)
    assert (tally.total, tally.net, tally.positive_share) == (4, 2, 0.75)
    assert Tally().positive_share is None
    assert tally.add(False) == Tally(3, 2)
    assert tally + Tally(1, 1) == Tally(4, 2)


# Two pupils, two weeks of November 2025 (Mon 17th and Mon 24th) and one day of December.
OBS = [
    Observation("张三", D(2025, 11, 17), "moral", True),
    Observation("张三", D(2025, 11, 19), "moral", False),
    Observation("张三", D(2025, 11, 21), "labour", True),
    Observation("张三", D(2025, 11, 25), "academic", True),
    Observation("李四", D(2025, 11, 23), "physical", True),  # a Sunday: still week of the 17th
    Observation("李四", D(2025, 12, 1), "physical", False),
]


def test_student_weekly_summary_by_hand():
    rows = {(row.student, row.start): row for row in student_summaries(OBS, "week")}
    assert set(rows) == {
        ("张三", D(2025, 11, 17)),
        ("张三", D(2025, 11, 24)),
        ("李四", D(2025, 11, 17)),
        ("李四", D(2025, 12, 1)),
    }
    first = rows[("张三", D(2025, 11, 17))]
    assert first.by_domain["moral"] == Tally(1, 1)
    assert first.by_domain["labour"] == Tally(1, 0)
    assert first.by_domain["academic"] == Tally()
    assert first.overall == Tally(2, 1)
    assert rows[("张三", D(2025, 11, 24))].overall == Tally(1, 0)


def test_student_monthly_summary_by_hand():
    rows = {(row.student, row.start): row.overall for row in student_summaries(OBS, "month")}
    assert rows == {
        ("张三", D(2025, 11, 1)): Tally(3, 1),
        ("李四", D(2025, 11, 1)): Tally(1, 0),
        ("李四", D(2025, 12, 1)): Tally(0, 1),
    }


def test_class_weekly_summary_names_the_unobserved():
    roster = ["张三", "李四", "王五"]
    weeks = class_summaries([*OBS, Observation("转走的", D(2025, 11, 18), "moral", True)], roster, "week")
    assert [week.start for week in weeks] == [D(2025, 11, 17), D(2025, 11, 24), D(2025, 12, 1)]
    first = weeks[0]
    assert first.overall == Tally(3, 1)  # the pupil who left the class is not counted
    assert first.students_observed == 2 and first.roster_size == 3
    assert first.coverage == pytest.approx(2 / 3)
    assert first.unobserved == ("王五",)
    assert weeks[1].unobserved == ("李四", "王五")
    assert class_summaries([], [], "week") == []


def test_term_tallies_keeps_the_term_only():
    tallies = term_tallies([o for o in OBS if o.student == "张三"], D(2025, 11, 18), D(2025, 11, 30))
    assert tallies["moral"] == Tally(0, 1)
    assert tallies["labour"] == Tally(1, 0) and tallies["academic"] == Tally(1, 0)
    assert sum(tallies.values(), Tally()).total == 3


def test_domain_labels():
    assert [domain_label(d, short=True) for d in DOMAINS] == ["德", "智", "体", "美", "劳"]
    assert domain_label("labour") == "劳动与社会实践"
    assert domain_label("moral", "en") == "Moral development"


observations = st.lists(
    st.builds(
        Observation,
        student=st.sampled_from(["a", "b", "c", "d"]),
        day=st.dates(min_value=D(2024, 9, 1), max_value=D(2026, 7, 31)),
        domain=st.sampled_from(DOMAINS),
        positive=st.booleans(),
    ),
    max_size=60,
)


@given(observations, st.sampled_from(["week", "month"]))
def test_summaries_keep_every_observation(items, period):
    students = student_summaries(items, period)
    assert sum(row.overall.total for row in students) == len(items)
    assert sum(row.overall.positive for row in students) == sum(item.positive for item in items)
    classes = class_summaries(items, ["a", "b", "c", "d"], period)
    assert sum(week.overall.total for week in classes) == len(items)
    for summary in classes:
        assert 0 < summary.coverage <= 1
        assert summary.students_observed + len(summary.unobserved) == summary.roster_size
        assert period_start(summary.start, period) == summary.start


@given(st.dates(), st.sampled_from(["week", "month"]))
def test_a_day_lies_in_its_period(day, period):
    start = period_start(day, period)
    assert start <= day <= period_end(start, period)
