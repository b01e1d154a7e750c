"""Read the indicator table of `zhiliang balance evaluate` (one row per school and stage) into `SchoolInput`s.

Columns (labels or synonyms, any order; title rows above the header are fine):

    学校  学段  [学校类型]  学生数  高于规定学历教师数  县级及以上骨干教师数  体育艺术专任教师数
    教学及辅助用房面积  体育运动场馆面积  教学仪器设备值  网络多媒体教室数

Accepted shapes (docs/balance.md):

* a one-stage school: one row, 学段 小学 or 初中;
* a multi-stage school (学校类型 九年一贯制, 完全中学, 十二年一贯制): one row per stage with that stage's
  students and teachers (teachers are counted where they teach); the school's facility totals either repeated
  identically on each row or written on one row only (the others blank); they are split by `split.py`. A
  完全中学 or 十二年一贯制 school adds a 高中 row with its senior 学生数 (only used for the split). A school
  listed under both 小学 and 初中 without a type is taken as 九年一贯制.

Every problem in the file is reported (file, sheet, row, column) before anything is evaluated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from zhiliang.core.balance import messages as _messages  # noqa: F401  (registers the problem messages)
from zhiliang.core.balance.evaluate import SchoolInput
from zhiliang.core.balance.indicators import INDICATORS
from zhiliang.core.balance.split import SCHOOL_TYPES, STAGE_WEIGHTS
from zhiliang.core.tabular import CellValue, Column, ImportProblems, Problem, Table, cell_text, parse_number, read_table
from zhiliang.core.tabular.reader import DEFAULT_MAX_BYTES, Source

COLUMNS: dict[str, tuple[str, ...]] = {
    "学校": ("学校名称", "校名", "单位名称"),
    "学段": ("学部", "阶段"),
    "学校类型": ("办学类型", "类型", "学校类别"),
    "学生数": ("在校生数", "在校学生数", "学生人数"),
    "高于规定学历教师数": ("高于规定学历教师", "高学历教师数"),
    "县级及以上骨干教师数": ("县级以上骨干教师数", "骨干教师数", "县级及以上骨干教师"),
    "体育艺术专任教师数": ("体育、艺术专任教师数", "体育艺术教师数", "体艺专任教师数"),
    "教学及辅助用房面积": ("教学及辅助用房", "教学及辅助用房面积（平方米）"),
    "体育运动场馆面积": ("体育运动场馆", "体育运动场馆面积（平方米）", "运动场馆面积"),
    "教学仪器设备值": ("教学仪器设备值（元）", "仪器设备值"),
    "网络多媒体教室数": ("网络多媒体教室", "多媒体教室数"),
}
REQUIRED = ("学校", "学段", "学生数", *(i.quantity for i in INDICATORS))
STAGE_NAMES = {"小学": "小学", "小学部": "小学", "初中": "初中", "初中部": "初中", "高中": "高中", "高中部": "高中"}
TEACHER_COLUMNS = {i.quantity: i.key for i in INDICATORS if not i.facility}
FACILITY_COLUMNS = {i.quantity: i.key for i in INDICATORS if i.facility}


@dataclass
class _Row:
    number: int
    school: str
    stage: str
    school_type: str | None
    students: int
    teachers: dict[str, float]
    facilities: dict[str, float | None]


def read_schools(
    source: Source, *, filename: str, sheet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[SchoolInput]:
    """The schools of the file, in file order. Raises ImportProblems with every problem found."""
    known = [label for key, synonyms in COLUMNS.items() for label in (key, *synonyms)]
    table = read_table(source, filename=filename, sheet=sheet, known_headers=known, max_bytes=max_bytes)
    columns = table.find_columns(COLUMNS)
    problems = [
        table.problem("column.missing", label=key, accepted=[key, *COLUMNS[key]])
        for key in REQUIRED
        if key not in columns
    ]
    if problems:
        raise ImportProblems(problems)
    rows: list[_Row] = []
    for row in table.rows:
        parsed = _read_row(table, columns, row.number, row.values, problems)
        if parsed is not None:
            rows.append(parsed)
    if not rows and not problems:
        problems.append(table.problem("balance.no_rows"))
    schools = _group(table, columns, rows, problems)
    if problems:
        raise ImportProblems(problems)
    return schools


def _read_row(
    table: Table, columns: dict[str, Column], number: int, cells: tuple[CellValue, ...], problems: list[Problem]
) -> _Row | None:
    def cell(key: str) -> CellValue:
        column = columns.get(key)
        return cells[column.index] if column is not None and column.index < len(cells) else None

    if all(cell(key) is None for key in columns):
        return None
    before = len(problems)
    school = cell_text(cell("学校")).strip() if cell("学校") is not None else ""
    if not school:
        problems.append(table.problem("cell.required", row=number, column=columns["学校"]))
    stage_text = cell_text(cell("学段")).strip() if cell("学段") is not None else ""
    stage = STAGE_NAMES.get(stage_text.replace(" ", ""))
    if not stage_text:
        problems.append(table.problem("cell.required", row=number, column=columns["学段"]))
    elif stage is None:
        problems.append(table.problem("balance.bad_stage", row=number, column=columns["学段"], value=stage_text))
    school_type: str | None = None
    if "学校类型" in columns and cell("学校类型") is not None:
        school_type = cell_text(cell("学校类型")).strip()
        if school_type not in SCHOOL_TYPES:
            problems.append(
                table.problem(
                    "balance.bad_type",
                    row=number,
                    column=columns["学校类型"],
                    value=school_type,
                    types=list(SCHOOL_TYPES),
                )
            )
    students = _number(table, number, columns["学生数"], cell("学生数"), problems, required=True, whole=True)
    teachers: dict[str, float] = {}
    for label, key in TEACHER_COLUMNS.items():
        value = _number(table, number, columns[label], cell(label), problems, required=stage != "高中", whole=True)
        teachers[key] = value or 0.0
    facilities = {
        key: _number(table, number, columns[label], cell(label), problems, required=False, whole=False)
        for label, key in FACILITY_COLUMNS.items()
    }
    if len(problems) > before or stage is None:
        return None
    return _Row(number, school, stage, school_type or None, int(students or 0), teachers, facilities)


def _number(
    table: Table,
    number: int,
    column: Column,
    value: CellValue,
    problems: list[Problem],
    *,
    required: bool,
    whole: bool,
) -> float | None:
    try:
        parsed = parse_number(value)
    except ValueError:
        problems.append(table.problem("cell.not_a_number", row=number, column=column, value=cell_text(value)))
        return None
    if parsed is None:
        if required:
            problems.append(table.problem("cell.required", row=number, column=column))
        return None
    if parsed < 0:
        problems.append(table.problem("balance.negative", row=number, column=column, value=cell_text(value)))
        return None
    if whole and parsed != int(parsed):
        problems.append(table.problem("balance.not_whole", row=number, column=column, value=cell_text(value)))
        return None
    return float(parsed)


def _group(table: Table, columns: dict[str, Column], rows: list[_Row], problems: list[Problem]) -> list[SchoolInput]:
    by_school: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_school[row.school].append(row)
    schools = []
    for name, members in by_school.items():
        stage_rows: dict[str, list[int]] = defaultdict(list)
        for row in members:
            stage_rows[row.stage].append(row.number)
        duplicated = False
        for stage, numbers in stage_rows.items():
            if len(numbers) > 1:
                duplicated = True
                for number in numbers:
                    problems.append(
                        table.problem(
                            "balance.duplicate_stage",
                            row=number,
                            column=columns["学段"],
                            school=name,
                            stage=stage,
                            rows="、".join(map(str, numbers)),
                        )
                    )
        types = sorted({row.school_type for row in members if row.school_type})
        if len(types) > 1:
            problems.append(
                table.problem(
                    "balance.types_differ", row=members[0].number, column=columns["学校类型"], school=name, types=types
                )
            )
            continue
        school_type = types[0] if types else ("九年一贯制" if {"小学", "初中"} <= set(stage_rows) else None)
        if duplicated:
            continue
        if set(stage_rows) == {"高中"}:
            problems.append(table.problem("balance.senior_only", row=members[0].number, school=name))
            continue
        allowed = set(STAGE_WEIGHTS.get(school_type or "", {}))
        if len(stage_rows) > 1 or "高中" in stage_rows:
            bad = [row for row in members if row.stage not in allowed]
            for row in bad:
                problems.append(
                    table.problem(
                        "balance.stage_not_in_type",
                        row=row.number,
                        column=columns["学段"],
                        school=name,
                        school_type=school_type or "单一学段学校",
                        stage=row.stage,
                    )
                )
            if bad:
                continue
        facilities: dict[str, float] = {}
        for label, key in FACILITY_COLUMNS.items():
            given = [(row.number, row.facilities[key]) for row in members if row.facilities[key] is not None]
            distinct = sorted({value for _number, value in given if value is not None})
            if not distinct:
                problems.append(
                    table.problem(
                        "balance.facility_missing",
                        row=members[0].number,
                        column=columns[label],
                        school=name,
                        label=label,
                    )
                )
            elif len(distinct) > 1:
                shown = "、".join(f"第 {number} 行 {value:g}" for number, value in given if value is not None)
                problems.append(
                    table.problem(
                        "balance.facilities_differ",
                        row=given[0][0],
                        column=columns[label],
                        school=name,
                        label=label,
                        values=shown,
                    )
                )
            else:
                facilities[key] = distinct[0]
        schools.append(
            SchoolInput(
                school=name,
                school_type=school_type,
                students={row.stage: row.students for row in members},
                teachers={row.stage: row.teachers for row in members if row.stage != "高中"},
                facilities=facilities,
            )
        )
    return schools
