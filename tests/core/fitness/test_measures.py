"""Measurements as people write them; vision; rates; the upload row."""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.fitness import BY_KEY, MeasureError, format_seconds, parse_measure, parse_seconds
from zhiliang.core.fitness.messages import describe
from zhiliang.core.fitness.rates import rates, to_work_on, weakest
from zhiliang.core.fitness.upload import HEADERS, UploadStudent, grade_code, upload_row
from zhiliang.core.fitness.vision import acuity_level, incidence, parse_acuity, screening_myopia, student_level


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("9.8", D("9.8")),
        (9.8, D("9.8")),
        (215, D("215")),
        ("215", D("215")),
        ("1'52\"", D("112")),
        ("1′52″", D("112")),
        ("1'52", D("112")),
        ("3:35", D("215")),
        ("0:03:35", D("215")),
        ("3分35秒", D("215")),
        ("9.8秒", D("9.8")),
        ("1’05”", D("65")),
        ("", None),
        (None, None),
        ("缺测", None),
    ],
)
def test_times_in_every_documented_form(text, seconds) -> None:
    assert parse_seconds(text) == seconds


@pytest.mark.parametrize("text", ["abc", "1'75\"", "3:75", "九秒八"])
def test_text_that_is_no_time_is_refused(text) -> None:
    with pytest.raises(MeasureError) as error:
        parse_seconds(text)
    assert error.value.code == "fitness.bad_time"


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("run_50m", "3", "fitness.implausible"),
        ("height", "300", "fitness.implausible"),
        ("run_800m", "3.35", "fitness.minutes_with_dot"),
        ("pull_up", "12.5", "fitness.not_whole"),
        ("vital_capacity", "两千", "fitness.not_a_number"),
    ],
)
def test_implausible_values_are_refused_with_a_reason(key, value, code) -> None:
    with pytest.raises(MeasureError) as error:
        parse_measure(BY_KEY[key], value)
    assert error.value.code == code
    assert value in describe(error.value.code, error.value.params)


def test_the_dot_hint_names_the_minutes_and_seconds() -> None:
    with pytest.raises(MeasureError) as error:
        parse_measure(BY_KEY["run_800m"], "3.35")
    assert "3'35\"" in describe(error.value.code, error.value.params)


def test_negative_sit_and_reach_is_a_result() -> None:
    assert parse_measure(BY_KEY["sit_and_reach"], "-3.5") == D("-3.5")


@given(st.integers(0, 14), st.integers(0, 59))
def test_minutes_and_seconds_forms_agree(minutes, seconds) -> None:
    expected = D(minutes * 60 + seconds)
    assert parse_seconds(f"{minutes}'{seconds:02d}\"") == expected
    assert parse_seconds(f"{minutes}:{seconds:02d}") == expected
    assert parse_seconds(format_seconds(expected)) == expected


@pytest.mark.parametrize(
    ("acuity", "level"),
    [("5.3", "normal"), ("5.0", "normal"), ("4.9", "mild"), ("4.8", "moderate"), ("4.6", "moderate"),
     ("4.5", "severe"), ("3.0", "severe"), ("0", "severe")],
)  # fmt: skip
def test_poor_vision_grades(acuity, level) -> None:
    assert acuity_level(parse_acuity(acuity)) == level


def test_the_worse_eye_decides_and_incidence_counts_tested_students() -> None:
    assert student_level(D("5.0"), D("4.7")) == "moderate"
    assert student_level(None, None) is None
    result = incidence(["normal", "mild", "severe", None, "normal"])
    assert (result.tested, result.poor, result.rate) == (4, 2, 0.5)
    with pytest.raises(MeasureError):
        parse_acuity("5.5")


def test_screening_myopia_needs_low_acuity_and_se_at_most_minus_half() -> None:
    assert screening_myopia(D("4.8"), D("-0.25"), D("-0.50")) is True  # SE −0.50
    assert screening_myopia(D("4.8"), D("-0.25"), D("0")) is False
    assert screening_myopia(D("5.0"), D("-1.00"), D("0")) is False
    assert screening_myopia(D("4.8"), None, None) is None


def test_rates_count_at_least_and_skip_unscored() -> None:
    r = rates([95, 85, 70, 50, None])
    assert (r.count, r.excellent, r.good, r.passed, r.mean) == (4, 1, 2, 3, 75.0)
    assert r.rate("passed") == 0.75
    assert rates([]).rate("passed") is None


def test_rates_are_withheld_when_too_few_of_the_tested_could_be_scored() -> None:
    # 9 of 10 tested scored: 90% is enough (MIN_SCORED_SHARE), the rates are over the 9.
    nine = rates([95, 85, 70, 50, 60, 61, 62, 63, 64], attempted=10)
    assert not nine.withheld and nine.rate("passed") == 8 / 9
    # 4 of 1,137 scored (the junior tables with only their 100-point rows): the best 4 must not read as 100%.
    four = rates([100, 100, 95, 92], attempted=1137)
    assert four.withheld and four.count == 4
    assert four.rate("excellent") is None and four.rate("passed") is None and four.mean is None
    assert weakest({"a": four, "b": rates([40, 50])}) == ["b"]


def test_weakest_and_work_on() -> None:
    assert weakest({"a": rates([90, 50]), "b": rates([40, 50]), "c": rates([])}, limit=2) == ["b", "a"]
    scores = {"run_50m": 50, "sit_and_reach": 100, "bmi": 80, "vital_capacity": 64}
    weights = {"run_50m": 20, "sit_and_reach": 30, "bmi": 15, "vital_capacity": 15}
    # below 60 first (50 m), then by weighted points lost: vital capacity 15 × 36 = 540 > BMI 15 × 20 = 300
    assert to_work_on(scores, weights) == ["run_50m", "vital_capacity", "bmi"]


def test_upload_row_follows_the_template() -> None:
    assert grade_code(1) == "11" and grade_code(6) == "16" and grade_code(7) == "21" and grade_code(9) == "23"
    student = UploadStudent(
        7,
        3,
        "七年级(3)班",
        "G1",
        "01",
        "张三",
        "M",
        datetime.date(2013, 1, 2),
        {"run_1000m": D("235"), "run_50m": D("7.8")},
    )
    row = upload_row(student)
    assert len(row) == len(HEADERS)
    values = dict(zip(HEADERS, row, strict=True))
    assert values["年级编号"] == "21" and values["性别"] == "1" and values["出生日期"] == "2013-01-02"
    assert values["1000米跑"] == "3'55" and values["50米跑"] == "7.8" and values["800米跑"] == ""
