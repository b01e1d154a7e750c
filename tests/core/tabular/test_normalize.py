import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.tabular import (
    column_letter,
    header_key,
    match_header,
    normalize_label,
    normalize_text,
    parse_date,
    parse_number,
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("０９５", "095"),
        ("七年级（1）班", "七年级(1)班"),
        ("ＡＢＣ１２３", "ABC123"),
        ("王　五", "王 五"),  # ideographic space inside: collapsed to one space
        ("张  三 ", "张 三"),
        ("\u3000李四\u3000", "李四"),
        ("95\xa0", "95"),  # no-break space from a web page
        ("张\u200b三", "张三"),  # zero-width space
        ("七年级(1)班   ", "七年级(1)班"),
        ("第一行\r\n\r\n  第二行  ", "第一行\n第二行"),  # Alt+Enter line breaks kept, blank lines dropped
        ("⼀年级", "一年级"),  # KANGXI RADICAL ONE copied from a PDF
        ("\uf900", "\u8c48"),  # CJK compatibility ideograph -> unified (NFC)
    ],
)
def test_it_normalizes_what_staff_type(typed: str, meant: str) -> None:
    assert normalize_text(typed) == meant


@pytest.mark.parametrize("text", ["表现良好，进步很大！", "……", "①班", "《语文》", "“优秀”", "是否参加？是；否"])
def test_it_keeps_chinese_punctuation(text: str) -> None:
    assert normalize_text(text) == text


def test_it_removes_all_whitespace_from_labels() -> None:
    assert normalize_label("姓  名") == "姓名"
    assert normalize_label(" 语文\n得分 ") == "语文得分"
    assert normalize_label("身高（cm)") == "身高(cm)"
    assert normalize_label("身高 （cm)") == "身高(cm)"


def test_it_keeps_one_space_between_latin_words_in_labels() -> None:
    assert normalize_label(" Student   ID ") == "Student ID"
    assert normalize_label("Column\nname") == "Column name"


@given(st.text())
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text())
def test_normalized_text_has_no_space_at_the_ends(text: str) -> None:
    result = normalize_text(text)
    assert result == result.strip()
    assert "  " not in result


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E)))
def test_full_width_ascii_reads_as_ascii(text: str) -> None:
    full_width = "".join(chr(ord(char) + 0xFEE0) for char in text)
    kept = "，；：！？"
    expected = "".join(full if full in kept else char for char, full in zip(text, full_width, strict=True))
    assert normalize_text(full_width) == expected


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("０９５", 95),
        (" 95 ", 95),
        ("95.5", 95.5),
        ("９５．５", 95.5),
        ("-3", -3),
        ("－３", -3),
        ("\u22123", -3),  # MINUS SIGN
        ("1,234", 1234),
        ("+7", 7),
        (".5", 0.5),
        ("95.", 95.0),
        (95, 95),
        (95.5, 95.5),
        (None, None),
        ("", None),
        ("\u3000", None),
    ],
)
def test_it_parses_numbers_stored_as_text(value: object, number: object) -> None:
    result = parse_number(value)  # type: ignore[arg-type]
    assert result == number
    assert type(result) is type(number)


@pytest.mark.parametrize(
    "value",
    [
        "九十五",
        "95分",
        "1e3",
        "nan",
        "inf",
        "1,23",
        "12,3456",
        "9 5",
        "--1",
        True,
        datetime.date(2025, 1, 1),
        float("nan"),
    ],
)
def test_it_refuses_what_is_not_a_number(value: object) -> None:
    with pytest.raises(ValueError):
        parse_number(value)  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_parse_number_reads_any_integer_typed_full_width(number: int) -> None:
    full_width = str(number).translate({ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789-"})
    assert parse_number(full_width) == number


@pytest.mark.parametrize(
    "value",
    ["2012-03-05", "2012/3/5", "2012.3.5", "2012年3月5日", "20120305", "２０１２－０３－０５", 20120305],
)
def test_it_parses_dates_as_staff_write_them(value: object) -> None:
    assert parse_date(value) == datetime.date(2012, 3, 5)  # type: ignore[arg-type]


def test_it_parses_date_cells() -> None:
    assert parse_date(datetime.datetime(2012, 3, 5, 8, 0)) == datetime.date(2012, 3, 5)
    assert parse_date(None) is None
    assert parse_date(" ") is None


@pytest.mark.parametrize("value", ["2012-02-30", "2012-13-01", "三月五日", "2012", 40973.0])
def test_it_refuses_impossible_dates(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)  # type: ignore[arg-type]


SYNONYMS = {
    "name": {"姓名", "学生姓名", "Name"},
    "student_number": {"学号", "学籍号"},
    "class": {"班级", "班别"},
}


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("姓名", "name"),
        ("姓  名", "name"),
        ("学生姓名（必填）", "name"),
        ("*姓名", "name"),
        ("姓名*", "name"),
        ("NAME", "name"),
        ("ｎａｍｅ", "name"),
        ("学籍号(选填)", "student_number"),
        ("班别【必填】", "class"),
        ("class", "class"),  # the canonical key itself
        ("性别", None),
        ("", None),
        ("*", None),
    ],
)
def test_it_matches_header_synonyms(label: str, key: str | None) -> None:
    assert match_header(label, SYNONYMS) == key


def test_header_key_strips_markers_repeatedly() -> None:
    assert header_key("* 学号 （必填） *") == "学号"


@pytest.mark.parametrize(
    ("index", "letter"),
    [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")],
)
def test_column_letters_are_excels(index: int, letter: str) -> None:
    assert column_letter(index) == letter
