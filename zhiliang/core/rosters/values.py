"""Parsing the values school staff write in roster cells: grades, classes, sex, dates, terms, titles…

Every parser takes a cell as `read_table` hands it out (already normalised: half-width digits, single spaces)
and returns the value, None for a blank cell, or raises `FieldError` with a problem code and its parameters.
"""

import datetime
import re
from collections.abc import Mapping

from zhiliang.core.tabular import CellValue, cell_text, parse_date


class FieldError(ValueError):
    """A cell that cannot be read; `code` is a problem code registered in `messages.py`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def text(value: CellValue) -> str | None:
    result = cell_text(value).strip()
    return result or None


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def person_name(value: CellValue) -> str | None:
    """A name: spaces that align two-character names ("王　五") are removed; "·" of minority names stays."""
    result = text(value)
    if result is None:
        return None
    result = _SPACE_BETWEEN_CJK.sub("", result).replace("•", "·").replace("・", "·")
    if len(result) > 50:
        raise FieldError("roster.too_long", limit=50)
    return result


_IDENTIFIER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-]*")


def identifier(value: CellValue, *, max_length: int = 32, upper: bool = False) -> str | None:
    """A student number (学籍号), staff number (工号) or school code: letters, digits, "-" and "_".

    Student numbers are upper-cased (the national 学籍号 starts with an upper-case letter); other numbers
    are kept as written. Numbers typed into number cells keep their digits; a number Excel could not hold exactly (more than 15
    digits, shown as 1.1E+17) has lost its last digits and is refused.
    """
    if value is None:
        return None
    if isinstance(value, float):
        raise FieldError("roster.number_lost_digits", value=cell_text(value))
    if isinstance(value, datetime.date):
        raise FieldError("roster.bad_identifier", value=cell_text(value))
    result = "".join(cell_text(value).split())
    if upper:
        result = result.upper()
    if not result:
        return None
    if re.fullmatch(r"\d(?:\.\d+)?[eE]\+?\d+", result):
        raise FieldError("roster.number_lost_digits", value=result)
    if not _IDENTIFIER.fullmatch(result):
        raise FieldError("roster.bad_identifier", value=result)
    if len(result) > max_length:
        raise FieldError("roster.too_long", limit=max_length)
    return result


def lookup_text(value: CellValue) -> str | None:
    """Text compared with names in the database (schools, subjects): spaces removed."""
    result = text(value)
    return "".join(result.split()) if result else None


_SEX = {
    "男": "M", "男性": "M", "m": "M", "male": "M", "1": "M",
    "女": "F", "女性": "F", "f": "F", "female": "F", "2": "F",
}  # fmt: skip


def sex(value: CellValue) -> str | None:
    """男/女, M/F, male/female, or the national code (GB/T 2261.1: 1 男, 2 女); "M" or "F"."""
    result = text(value)
    if result is None:
        return None
    found = _SEX.get("".join(result.split()).casefold())
    if found is None:
        raise FieldError("roster.bad_sex", value=result)
    return found


def date(value: CellValue) -> datetime.date | None:
    """A date: Excel date cells, 2013-05-01, 2013/5/1, 2013.5.1, 20130501, 2013年5月1日."""
    try:
        return parse_date(value)
    except ValueError:
        raise FieldError("roster.bad_date", value=cell_text(value)) from None


_MONTH_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_MONTH_COMPACT = re.compile(r"(\d{4})(\d{2})")


def date_or_month(value: CellValue) -> datetime.date | None:
    """A date, or a year and month ("1985.03", "1985年3月", "198503") read as the first of the month.

    Teachers' 出生年月 is usually written so. A number cell such as 1985.1 is read as October: Excel drops the
    trailing zero of 1985.10, while January would be typed 1985.01.
    """
    if isinstance(value, float):
        value = f"{value:.2f}"
    try:
        return parse_date(value)
    except ValueError:
        pass
    raw = cell_text(value).strip()
    match = _MONTH_TEXT.fullmatch(raw) or _MONTH_COMPACT.fullmatch(raw)
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return datetime.date(year, month, 1)
    raise FieldError("roster.bad_date", value=raw)


_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def chinese_number(raw: str) -> int | None:
    """1–99 written with digits or Chinese numerals (一, 十二, 二十三); None when it is not one."""
    if raw.isdigit() and raw.isascii():
        return int(raw)
    if not raw or any(char not in _DIGITS for char in raw):
        return None
    if raw == "十":
        return 10
    if "十" in raw:
        tens, _, units = raw.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    return _DIGITS[raw] if len(raw) == 1 else None


_STAGE_GRADE = re.compile(r"(小学|初中|高中|初|高)?(.+?)(?:年级|年|级)?")
_STAGE_OFFSET = {"小学": 0, "初中": 6, "初": 6, "高中": 9, "高": 9}


def grade(value: CellValue) -> int | None:
    """A grade 1–12: 7, 七, 七年级, 7年级, 初一, 初中一年级, 高一, 一年级…"""
    raw = text(value)
    if raw is None:
        return None
    compact = "".join(raw.split())
    match = _STAGE_GRADE.fullmatch(compact)
    number = chinese_number(match.group(2)) if match else None
    if match is None or number is None:
        raise FieldError("roster.bad_grade", value=raw)
    stage = match.group(1)
    if stage is not None:
        if not 1 <= number <= (6 if stage == "小学" else 3):
            raise FieldError("roster.bad_grade", value=raw)
        number += _STAGE_OFFSET[stage]
    if not 1 <= number <= 12:
        raise FieldError("roster.bad_grade", value=raw)
    return number


_CLASS_WITH_GRADE = re.compile(r"(.+?年级|初[一二三]|高[一二三])\s*[(（]?\s*(\w+?)\s*[)）]?\s*班?")
_CLASS_ONLY = re.compile(r"[(（]?\s*(\w+?)\s*[)）]?\s*班?")
_GRADE_DASH_CLASS = re.compile(r"(\d{1,2})[-.—](\d{1,2})")


def school_class(value: CellValue, known_grade: int | None = None) -> tuple[int | None, int] | None:
    """A class number, possibly with its grade: 3, 03, 3班, (3)班, 三班, 七年级(3)班, 初一3班, 7-3, 703.

    Returns (grade or None, number). "703" and "1203" are read as grade 7 class 3 and grade 12 class 3 only
    when the file's grade column says 7 or 12; otherwise a number over 99 is refused as ambiguous. A number
    cell such as 7.1 is refused too: Excel shows 7.10 (class 10) as 7.1.
    """
    if isinstance(value, float):
        raise FieldError("roster.bad_class", value=cell_text(value))
    raw = text(value)
    if raw is None:
        return None
    compact = "".join(raw.split())
    dashed = _GRADE_DASH_CLASS.fullmatch(compact)
    if dashed is not None:
        grade_number, class_number = int(dashed.group(1)), int(dashed.group(2))
        if 1 <= grade_number <= 12 and class_number >= 1:
            return grade_number, class_number
        raise FieldError("roster.bad_class", value=raw)
    with_grade = _CLASS_WITH_GRADE.fullmatch(compact)
    if with_grade is not None:
        in_grade = chinese_number(with_grade.group(2))
        if in_grade is not None and in_grade >= 1:
            try:
                return grade(with_grade.group(1)), in_grade
            except FieldError:
                pass
        raise FieldError("roster.bad_class", value=raw)
    only = _CLASS_ONLY.fullmatch(compact)
    number = chinese_number(only.group(1)) if only else None
    if number is None or number < 1:
        raise FieldError("roster.bad_class", value=raw)
    if number > 99:
        prefix = str(known_grade) if known_grade is not None else None
        if prefix and compact.startswith(prefix) and len(compact) == len(prefix) + 2 and int(compact[-2:]) >= 1:
            return known_grade, int(compact[-2:])
        raise FieldError("roster.bad_class", value=raw)
    return None, number


_TRUE = {"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对"}
_FALSE = {"否", "无", "n", "no", "false", "0", "×", "✗", "不是", "-"}


def yes_no(value: CellValue) -> bool | None:
    raw = text(value)
    if raw is None:
        return None
    key = raw.casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise FieldError("roster.bad_yes_no", value=raw)


def choice(value: CellValue, options: Mapping[str, str], code: str) -> str | None:
    """One of a fixed set of labels; `options` maps each accepted spelling (spaces ignored) to the value."""
    raw = text(value)
    if raw is None:
        return None
    key = "".join(raw.split()).casefold()
    for label, result in options.items():
        if "".join(label.split()).casefold() == key:
            return result
    first_label: dict[str, str] = {}
    for label, result in options.items():
        first_label.setdefault(result, label)
    raise FieldError(code, value=raw, accepted=list(first_label.values()))


_TERM = re.compile(r"(?:(\d{4})\s*(?:[-~—–至/]\s*\d{4})?\s*学?年?(?:度)?)?\s*(.*)")
_TERM_NUMBERS = {
    "第一学期": 1, "一": 1, "1": 1, "上": 1, "上学期": 1, "秋": 1, "秋季": 1, "秋季学期": 1, "第1学期": 1,
    "第二学期": 2, "二": 2, "2": 2, "下": 2, "下学期": 2, "春": 2, "春季": 2, "春季学期": 2, "第2学期": 2,
}  # fmt: skip


def term(value: CellValue) -> tuple[int | None, int] | None:
    """A term: 第一学期/上学期/秋季/1 or 第二学期/下学期/春季/2, optionally after the school year
    ("2025-2026学年第一学期", "2025学年第二学期"). Returns (start year of the school year or None, 1 or 2)."""
    raw = text(value)
    if raw is None:
        return None
    compact = "".join(raw.split())
    match = _TERM.fullmatch(compact)
    if match is None:
        raise FieldError("roster.bad_term", value=raw)
    year = int(match.group(1)) if match.group(1) else None
    number = _TERM_NUMBERS.get(match.group(2))
    if number is None:
        raise FieldError("roster.bad_term", value=raw)
    return year, number


def subject_names(value: CellValue) -> list[str] | None:
    """Subjects separated by 、，,;/ or spaces: "语文、数学" → ["语文", "数学"]."""
    raw = text(value)
    if raw is None:
        return None
    parts = [part for part in re.split(r"[、，,;；/\s]+", raw) if part]
    return list(dict.fromkeys(parts)) or None
