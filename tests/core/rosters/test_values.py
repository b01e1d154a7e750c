"""Reading roster cells: grades, classes, sex, dates, terms, choices (zhiliang/core/rosters/values.py)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.rosters import GRADE_NAMES, age_on, values
from zhiliang.core.rosters.columns import TITLES
from zhiliang.core.rosters.values import FieldError


@pytest.mark.parametrize(
    ("text", "grade"),
    [("七年级", 7), ("7", 7), (7, 7), ("初一", 7), ("初三", 9), ("初中二年级", 8), ("高一", 10), ("一年级", 1),
     ("小学六年级", 6), ("十二年级", 12), ("7年级", 7), ("九", 9)],
)  # fmt: skip
def test_grades(text, grade):
    assert values.grade(text) == grade


@pytest.mark.parametrize("text", ["十三年级", "0", "初四", "小学七年级", "初中", "七年纪", "高"])
def test_bad_grades(text):
    with pytest.raises(FieldError) as error:
        values.grade(text)
    assert error.value.code == "roster.bad_grade"


@given(st.integers(1, 12), st.integers(1, 99))
def test_a_class_written_with_its_grade_reads_back(grade, number):
    assert values.grade(GRADE_NAMES[grade]) == grade
    assert values.school_class(f"{GRADE_NAMES[grade]}({number})班") == (grade, number)
    assert values.school_class(f"{GRADE_NAMES[grade]}（{number}）班") == (grade, number)
    assert values.school_class(f"{grade}-{number}") == (grade, number)
    assert values.school_class(str(number)) == (None, number)
    assert values.school_class(f"{grade}{number:02d}", grade) == (grade, number)  # "703" with grade 7


@pytest.mark.parametrize(
    ("text", "grade", "expected"),
    [("3班", None, (None, 3)), ("(3)班", None, (None, 3)), ("三班", None, (None, 3)), ("03", None, (None, 3)),
     ("初一3班", None, (7, 3)), ("703", 7, (7, 3)), ("1203", 12, (12, 3)), ("十二班", None, (None, 12))],
)  # fmt: skip
def test_classes(text, grade, expected):
    assert values.school_class(text, grade) == expected


@pytest.mark.parametrize(("text", "grade"), [("703", None), ("703", 8), ("0", None), ("A班", None), (7.1, None)])
def test_ambiguous_or_bad_classes(text, grade):
    with pytest.raises(FieldError):
        values.school_class(text, grade)


@pytest.mark.parametrize(
    ("text", "sex"), [("男", "M"), ("女", "F"), ("M", "M"), ("female", "F"), (1, "M"), ("2", "F"), (" 男 ", "M")]
)
def test_sex(text, sex):
    assert values.sex(text) == sex


def test_unknown_sex():
    with pytest.raises(FieldError) as error:
        values.sex("未知")
    assert error.value.params == {"value": "未知"}


@pytest.mark.parametrize(
    ("cell", "date"),
    [("2013-05-01", (2013, 5, 1)), ("2013/5/1", (2013, 5, 1)), ("20130501", (2013, 5, 1)), (20130501, (2013, 5, 1)),
     ("2013年5月1日", (2013, 5, 1)), (datetime.datetime(2013, 5, 1, 0, 0), (2013, 5, 1)), ("2013.5.1", (2013, 5, 1))],
)  # fmt: skip
def test_dates(cell, date):
    assert values.date(cell) == datetime.date(*date)


@pytest.mark.parametrize("cell", ["2013-02-30", "2013-13-01", "去年", "2013.5"])
def test_bad_dates(cell):
    with pytest.raises(FieldError):
        values.date(cell)


@pytest.mark.parametrize(
    ("cell", "date"),
    [("1985.03", (1985, 3, 1)), ("1985年3月", (1985, 3, 1)), (198503, (1985, 3, 1)), (1985.1, (1985, 10, 1)),
     (1985.01, (1985, 1, 1)), ("1985-03-12", (1985, 3, 12))],
)  # fmt: skip
def test_year_and_month(cell, date):
    assert values.date_or_month(cell) == datetime.date(*date)


@pytest.mark.parametrize(
    ("cell", "term"),
    [("第一学期", (None, 1)), ("下学期", (None, 2)), ("2025-2026学年第一学期", (2025, 1)), ("2025学年第二学期", (2025, 2)),
     (2, (None, 2)), ("秋季", (None, 1)), ("2025年春季", (2025, 2))],
)  # fmt: skip
def test_terms(cell, term):
    assert values.term(cell) == term


def test_identifiers():
    assert values.identifier("g110101 ", upper=True) == "G110101"
    assert values.identifier("T-head_teacher") == "T-head_teacher"
    assert values.identifier(12345) == "12345"
    with pytest.raises(FieldError) as error:
        values.identifier(1.10101201305010e17)
    assert error.value.code == "roster.number_lost_digits"
    with pytest.raises(FieldError):
        values.identifier("张三")


def test_names_lose_alignment_spaces_only_between_chinese_characters():
    assert values.person_name("王 五") == "王五"
    assert values.person_name("阿依古丽•买买提") == "阿依古丽·买买提"
    assert values.person_name("Anna Lee") == "Anna Lee"


def test_choices_name_the_canonical_values():
    with pytest.raises(FieldError) as error:
        values.choice("特级", TITLES, "roster.bad_choice")
    assert error.value.params["accepted"] == ["正高级教师", "高级教师", "一级教师", "二级教师", "三级教师", "未定级"]
    assert values.choice("小学 高级", TITLES, "x") == "first"  # 人社部发〔2015〕79号


def test_yes_no_and_subjects():
    assert (values.yes_no("是"), values.yes_no("否"), values.yes_no("√"), values.yes_no(None)) == (
        True,
        False,
        True,
        None,
    )
    assert values.subject_names("语文、数学，英语 语文") == ["语文", "数学", "英语"]


@given(st.dates(datetime.date(1950, 1, 1), datetime.date(2030, 12, 31)), st.integers(0, 60))
def test_age_on_a_birthday_is_the_years_between(birth, years):
    if birth.month == 2 and birth.day == 29:
        birth = birth.replace(day=28)
    day = birth.replace(year=birth.year + years)
    assert age_on(birth, day) == years
    assert age_on(birth, day - datetime.timedelta(days=1)) == years - 1
