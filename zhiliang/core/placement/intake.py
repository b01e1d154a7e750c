"""Read an intake file (one row per new student) into `IntakeStudent`s, or every problem with its row and column.

Columns (labels or their synonyms, in any order; title rows above the header are fine):

    学籍号  姓名  性别  [成绩]  [语文 数学 英语 …]  [出生日期]  [特殊需要]  [留守]  [毕业学校]  [同胞组]  [同班组]  [指定班级]

成绩 is the entry score used for balance; when it is absent but subject columns are present, a student's
score is the sum of their subject scores (None when one is missing). Subject columns are recognised by the
subject catalogue (`zhiliang.core.subject_catalogue`). Everything is checked before anything is returned:
the file is all or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from zhiliang.core.placement import messages as _messages  # noqa: F401  (registers the problem messages)
from zhiliang.core.placement.model import IntakeStudent, Sex
from zhiliang.core.rosters import values
from zhiliang.core.subject_catalogue import DEFAULT_SUBJECTS, alias_index
from zhiliang.core.tabular import CellValue, Column, ImportProblems, Problem, Table, cell_text, parse_number, read_table
from zhiliang.core.tabular.reader import DEFAULT_MAX_BYTES, Source

# Canonical label → other labels accepted for it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "学籍号": ("全国学籍号", "学籍号码", "学生学籍号", "学籍编号"),
    "姓名": ("学生姓名", "名字"),
    "性别": ("学生性别",),
    "成绩": ("入学成绩", "总分", "总成绩", "分数", "毕业成绩", "测评成绩"),
    "出生日期": ("出生年月日", "出生年月", "生日"),
    "特殊需要": ("随班就读", "特殊教育需要", "特殊需要学生", "特需"),
    "留守": ("留守儿童", "是否留守", "留守学生"),
    "毕业学校": ("毕业小学", "原学校", "原就读学校", "生源学校", "来源学校", "毕业幼儿园", "幼儿园"),
    "同胞组": ("同胞", "双胞胎组", "兄弟姐妹组", "分开组"),
    "同班组": ("同班", "同班要求"),
    "指定班级": ("指定班", "预分班级", "指定班号"),
}
REQUIRED = ("学籍号", "姓名", "性别")
_SUBJECT_ALIASES = alias_index(
    {name: tuple(a for a in aliases if len(a) > 1) for name, aliases in DEFAULT_SUBJECTS.items()}
)


@dataclass(frozen=True)
class Intake:
    """The students read from a file, and which optional information it carried."""

    filename: str
    sheet: str | None
    students: tuple[IntakeStudent, ...]
    subjects: tuple[str, ...]
    has_scores: bool
    has_birth_dates: bool


def read_intake(
    source: Source, *, filename: str, sheet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Intake:
    """Read the intake file. Raises ImportProblems with every problem found (file, sheet, row, column)."""
    known = [label for key, synonyms in COLUMNS.items() for label in (key, *synonyms)]
    table = read_table(source, filename=filename, sheet=sheet, known_headers=known, max_bytes=max_bytes)
    columns = table.find_columns(COLUMNS)
    problems: list[Problem] = []
    for key in REQUIRED:
        if key not in columns:
            problems.append(table.problem("column.missing", label=key, accepted=[key, *COLUMNS[key]]))
    claimed = {column.index for column in columns.values()}
    subjects = _subject_columns(table, claimed)
    if problems:
        raise ImportProblems(problems)
    if not table.rows:
        raise ImportProblems([table.problem("placement.no_rows")])

    students: list[IntakeStudent] = []
    ids: dict[str, list[int]] = {}  # every readable 学籍号, even on rows with other problems
    for row in table.rows:
        student = _read_row(table, columns, subjects, row.number, row.values, problems, ids)
        if student is not None:
            students.append(student)
    _check_duplicates(table, columns["学籍号"], ids, problems)
    if problems:
        raise ImportProblems(problems)
    if not students:
        raise ImportProblems([table.problem("placement.no_rows")])
    return Intake(
        filename=filename,
        sheet=table.sheet,
        students=tuple(students),
        subjects=tuple(subjects),
        has_scores=any(student.score is not None for student in students),
        has_birth_dates=any(student.birth_date is not None for student in students),
    )


def _subject_columns(table: Table, claimed: set[int]) -> dict[str, Column]:
    found: dict[str, Column] = {}
    for column in table.columns:
        if column.index in claimed:
            continue
        subject = _SUBJECT_ALIASES.get(column.label)
        if subject is not None and subject not in found:
            found[subject] = column
    return found


def _read_row(
    table: Table,
    columns: dict[str, Column],
    subjects: dict[str, Column],
    number: int,
    cells: Sequence[CellValue],
    problems: list[Problem],
    ids: dict[str, list[int]],
) -> IntakeStudent | None:
    def cell(key: str) -> CellValue:
        column = columns.get(key)
        return cells[column.index] if column is not None and column.index < len(cells) else None

    watched = [cell(key) for key in columns] + [cells[c.index] for c in subjects.values() if c.index < len(cells)]
    if all(value is None for value in watched):
        return None  # a blank line between blocks of the list
    before = len(problems)

    def parse(key: str, parser: object) -> object:
        try:
            return parser(cell(key))  # type: ignore[operator]
        except values.FieldError as error:
            problems.append(table.problem(error.code, row=number, column=columns[key], **error.params))
            return None

    student_id = parse("学籍号", lambda value: values.identifier(value, upper=True))
    if isinstance(student_id, str):
        ids.setdefault(student_id, []).append(number)
    name = parse("姓名", values.person_name)
    sex = parse("性别", values.sex)
    for key, value in (("学籍号", student_id), ("姓名", name), ("性别", sex)):
        if value is None and cell(key) is None:
            problems.append(table.problem("cell.required", row=number, column=columns[key]))

    subject_scores: dict[str, float] = {}
    for subject, column in subjects.items():
        value = _score(table, number, column, cells[column.index] if column.index < len(cells) else None, problems)
        if value is not None:
            subject_scores[subject] = value
    score: float | None = None
    if "成绩" in columns:
        score = _score(table, number, columns["成绩"], cell("成绩"), problems)
    elif subjects and len(subject_scores) == len(subjects):
        score = round(sum(subject_scores.values()), 4)

    birth_date = parse("出生日期", values.date) if "出生日期" in columns else None
    special = parse("特殊需要", values.yes_no) if "特殊需要" in columns else None
    left_behind = parse("留守", values.yes_no) if "留守" in columns else None
    feeder = values.text(cell("毕业学校"))
    sibling_group = values.text(cell("同胞组"))
    together_group = values.text(cell("同班组"))
    fixed_class = _class_number(table, number, columns.get("指定班级"), cell("指定班级"), problems)
    if len(problems) > before:
        return None
    return IntakeStudent(
        student_id=str(student_id),
        name=str(name),
        sex=_as_sex(sex),
        score=score,
        subjects=subject_scores,
        birth_date=birth_date if isinstance(birth_date, datetime.date) else None,
        special_needs=special is True,
        left_behind=left_behind is True,
        feeder_school=feeder,
        sibling_group=sibling_group,
        together_group=together_group,
        fixed_class=fixed_class,
        row=number,
    )


def _as_sex(value: object) -> Sex:
    return "M" if value == "M" else "F"


def _score(table: Table, number: int, column: Column, value: CellValue, problems: list[Problem]) -> float | None:
    try:
        parsed = parse_number(value)
    except ValueError:
        problems.append(table.problem("cell.not_a_number", row=number, column=column, value=cell_text(value)))
        return None
    if parsed is None:
        return None
    if parsed < 0:
        problems.append(table.problem("placement.negative_score", row=number, column=column, value=cell_text(value)))
        return None
    return float(parsed)


def _class_number(
    table: Table, number: int, column: Column | None, value: CellValue, problems: list[Problem]
) -> int | None:
    if column is None or value is None:
        return None
    try:
        parsed = values.school_class(value)
    except values.FieldError:
        parsed = None
    if parsed is None:
        problems.append(table.problem("placement.bad_class", row=number, column=column, value=cell_text(value)))
        return None
    return parsed[1]


def _check_duplicates(table: Table, column: Column, ids: dict[str, list[int]], problems: list[Problem]) -> None:
    for student_id, rows in ids.items():
        if len(rows) > 1:
            listed = "、".join(str(row) for row in rows)
            for row in rows:
                problems.append(
                    table.problem("placement.duplicate_id", row=row, column=column, value=student_id, rows=listed)
                )
