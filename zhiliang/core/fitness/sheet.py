"""A results sheet (one row per student, the upload template's Chinese headers) read into measurements.

Used by `zhiliang fitness score` and by the fitness importer. Columns are found by their labels (see
`COLUMNS`, `indicators.INDICATORS` and `vision.py`), in any order; every cell that cannot be used becomes a
`Problem` naming file, sheet, row and column, and its row is left out (the rest of the file still counts).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from zhiliang.core.fitness import messages as _messages  # noqa: F401  (registers the fitness codes)
from zhiliang.core.fitness.indicators import HEIGHT, INDICATORS, WEIGHT, Measure
from zhiliang.core.fitness.measures import MeasureError, is_exempt_word, parse_measure, parse_number
from zhiliang.core.fitness.vision import parse_acuity
from zhiliang.core.rosters import values
from zhiliang.core.tabular import CellValue, Column, Problem, Row, Table

STUDENT_ID = ("学籍号", ("学号", "全国学籍号", "学生编号", "考号"))
NAME = ("姓名", ("学生姓名",))
GRADE = ("年级", ("年级编号",))
SEX = ("性别", ())
CLASS = ("班级", ("班级名称", "班别"))
EXEMPT = ("免测", ("是否免测", "免测原因", "免予执行"))

# Vision: naked-eye acuity and the auto-refractor's sphere, cylinder and axis per eye (upload columns, 2021).
VISION_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "left_acuity": ("左眼裸眼视力", ("左眼视力", "裸眼视力(左)")),
    "right_acuity": ("右眼裸眼视力", ("右眼视力", "裸眼视力(右)")),
    "left_sphere": ("左眼屈光球镜S", ("左眼球镜",)),
    "left_cylinder": ("左眼屈光柱镜C", ("左眼柱镜",)),
    "left_axis": ("左屈光轴位A", ("左眼轴位",)),
    "right_sphere": ("右眼屈光球镜S", ("右眼球镜",)),
    "right_cylinder": ("右眼屈光柱镜C", ("右眼柱镜",)),
    "right_axis": ("右屈光轴位A", ("右眼轴位",)),
}
# Health-check fields imported as they are (yes/no per student); rates are shown per class and school.
T = TypeVar("T")

HEALTH_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "caries": ("龋齿", ("是否龋齿", "龋患")),
    "myopia_diagnosed": ("近视", ("是否近视", "确诊近视")),
    "scoliosis_suspected": ("脊柱弯曲异常", ("脊柱侧弯",)),
}


def known_headers() -> list[str]:
    labels = [STUDENT_ID[0], NAME[0], GRADE[0], SEX[0], CLASS[0], HEIGHT.header, WEIGHT.header]
    labels += [m.header for m in INDICATORS]
    return labels


@dataclass
class MeasurementRow:
    row: int  # as Excel shows it
    student_id: str
    name: str | None
    grade: int | None
    sex: str | None
    class_label: str | None
    height: Decimal | None
    weight: Decimal | None
    values: dict[str, Decimal | None]
    exempt: bool = False
    vision: dict[str, Decimal | None] = field(default_factory=dict)
    health: dict[str, bool | None] = field(default_factory=dict)


@dataclass
class MeasurementSheet:
    rows: list[MeasurementRow]
    problems: list[Problem]  # row-level: each names its row and column
    file_problems: list[Problem]  # the file cannot be used at all (missing 学籍号 column, no rows)
    bad_rows: set[int] = field(default_factory=set)
    sheet: str | None = None
    measures_found: list[str] = field(default_factory=list)  # keys of every measure, vision and health column


def _find(table: Table, spec: tuple[str, tuple[str, ...]]) -> Column | None:
    return table.column([spec[0], *spec[1]])


def read_measurements(table: Table, *, need_grade_and_sex: bool = True) -> MeasurementSheet:
    """Every usable row of `table`; `need_grade_and_sex` is False for the importer (the roster knows them)."""
    file_problems: list[Problem] = []
    id_column = _find(table, STUDENT_ID)
    required = [("学籍号", id_column)]
    if need_grade_and_sex:
        required += [("年级", _find(table, GRADE)), ("性别", _find(table, SEX))]
    for label, column in required:
        if column is None:
            file_problems.append(table.problem("column.missing", label=label, accepted=[label]))
    measure_columns = {m.key: table.column([m.header, *m.synonyms]) for m in (HEIGHT, WEIGHT, *INDICATORS)}
    vision_columns = {key: _find(table, spec) for key, spec in VISION_COLUMNS.items()}
    health_columns = {key: _find(table, spec) for key, spec in HEALTH_COLUMNS.items()}
    found = [key for key, column in (measure_columns | vision_columns | health_columns).items() if column is not None]
    if not found:
        file_problems.append(table.problem("fitness.no_indicator_columns"))
    if not table.rows:
        file_problems.append(table.problem("fitness.no_rows"))
    sheet = MeasurementSheet([], [], file_problems, sheet=table.sheet, measures_found=found)
    if file_problems or id_column is None:
        return sheet

    columns = {
        "name": _find(table, NAME),
        "grade": _find(table, GRADE),
        "sex": _find(table, SEX),
        "class": _find(table, CLASS),
        "exempt": _find(table, EXEMPT),
    }
    first_row: dict[str, int] = {}
    for row in table.rows:
        reader = _RowReader(table, row, sheet.problems)
        student_id = reader.cell(id_column, lambda v: values.identifier(v, upper=True), required=True)
        name = reader.cell(columns["name"], values.person_name)
        grade = reader.cell(columns["grade"], values.grade, required=need_grade_and_sex)
        sex = reader.cell(columns["sex"], values.sex, required=need_grade_and_sex)
        class_label = reader.cell(columns["class"], values.text)
        exempt_cell = row.get(columns["exempt"]) if columns["exempt"] else None
        exempt = bool(exempt_cell) and (is_exempt_word(exempt_cell) or _yes(exempt_cell))
        measured: dict[str, Decimal | None] = {}
        for key, column in measure_columns.items():
            if column is not None and is_exempt_word(row.get(column)):
                exempt = True
                continue
            measured[key] = reader.cell(column, _measure_parser(key))
        vision = {key: reader.cell(c, parse_acuity if key.endswith("acuity") else parse_number) for key, c in vision_columns.items()}  # fmt: skip
        health = {key: reader.cell(c, values.yes_no) for key, c in health_columns.items()}
        if student_id is not None and student_id in first_row:
            sheet.problems.append(
                table.problem(
                    "fitness.duplicate_student",
                    row=row,
                    column=id_column,
                    value=student_id,
                    rows=f"{first_row[student_id]}, {row.number}",
                )
            )
            reader.failed = True
        if reader.failed or student_id is None:
            sheet.bad_rows.add(row.number)
            continue
        first_row[student_id] = row.number
        sheet.rows.append(
            MeasurementRow(
                row=row.number,
                student_id=student_id,
                name=name,
                grade=grade,
                sex=sex,
                class_label=class_label,
                height=measured.pop("height", None),
                weight=measured.pop("weight", None),
                values=measured,
                exempt=exempt,
                vision=vision,
                health=health,
            )
        )
    return sheet


def _yes(value: CellValue) -> bool:
    try:
        return values.yes_no(value) is True
    except values.FieldError:
        return True  # a reason written in the 免测 column (因病免测) means exempt


_MEASURES: dict[str, Measure] = {m.key: m for m in (HEIGHT, WEIGHT, *INDICATORS)}


def _measure_parser(key: str) -> Callable[[CellValue], Decimal | None]:
    measure = _MEASURES[key]
    return lambda value: parse_measure(measure, value)


class _RowReader:
    """Reads the cells of one row, collecting a located problem for each cell that cannot be used."""

    def __init__(self, table: Table, row: Row, problems: list[Problem]) -> None:
        self.table, self.row, self.problems = table, row, problems
        self.failed = False

    def cell(
        self, column: Column | None, parse: Callable[[CellValue], T | None], *, required: bool = False
    ) -> T | None:
        if column is None:
            return None
        value = self.row.get(column)
        try:
            result = parse(value)
        except (MeasureError, values.FieldError) as error:
            self.problems.append(self.table.problem(error.code, row=self.row, column=column, **error.params))
            self.failed = True
            return None
        if result is None and required:
            self.problems.append(self.table.problem("cell.required", row=self.row, column=column))
            self.failed = True
        return result
