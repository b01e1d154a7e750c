"""What reading a score sheet produces (`ScoreSheet`) and the steps the wide and long readers share."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from zhiliang.core.analytics import SubjectSpec
from zhiliang.core.scores.cells import MISSING, SCORED, identity_text, parse_score
from zhiliang.core.scores.layout import IDENTITY_HEADERS, STUDENT_ID_HEADERS, Layout
from zhiliang.core.scores.messages import (
    ABOVE_FULL_MARKS,
    FIELD_LABELS,
    MISSING_COLUMN,
    MISSING_IDENTITY,
    NEGATIVE_SCORE,
    NO_STUDENTS,
    TEXT_IN_SCORE_CELL,
    UNKNOWN_FULL_MARKS_SUBJECT,
)
from zhiliang.core.subject_catalogue import default_full_marks, grade_level
from zhiliang.core.tabular import ImportProblems, Problem, Table, column_letter

DEFAULT_SCHOOL = "本校"
IDENTITY_FIELDS = ("student_id", "name", "school", "class", "grade", "gender", "group")
REQUIRED_IDENTITY = ("student_id", "name", "school", "class")
# Cell types that are numbers (bool is a subclass of int but never a score).
NUMERIC_TYPES = frozenset({int, float})
LONG_SCHEMA = pl.Schema(
    {
        "student_id": pl.String,
        "name": pl.String,
        "school": pl.String,
        "class": pl.String,
        "grade": pl.String,
        "group": pl.String,
        "subject": pl.String,
        "score": pl.Float64,
        "status": pl.String,
        "source_row": pl.Int64,
    }
)
STUDENT_SCHEMA = pl.Schema(
    {
        **dict.fromkeys(IDENTITY_FIELDS, pl.String),
        "row": pl.Int64,
    }
)
# Rows under the data start with words like these (注：…, 制表人：…, 平均分 …); they carry no student.
_FOOTNOTE_STARTS = (
    "注",
    "说明",
    "备注",
    "制表",
    "审核",
    "打印",
    "统计",
    "合计",
    "总计",
    "平均",
    "最高",
    "最低",
    "及格",
    "优秀",
    "签字",
    "签名",
    "负责人",
    "班主任",
    "填表",
    "*",
    "※",
)


@dataclass(frozen=True)
class ScoreSheet:
    """A score sheet read into the long frame analytics takes, with every problem found on the way.

    `scores` has one row per student and subject; `students` one row per student with the Excel row it came
    from; `assumed_full_marks` names the subjects whose full marks were defaulted rather than given.
    """

    filename: str
    sheet: str | None
    layout: str
    scores: pl.DataFrame
    students: pl.DataFrame
    subjects: list[SubjectSpec]
    problems: list[Problem] = field(default_factory=list)
    assumed_full_marks: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            raise ImportProblems(self.problems)


@dataclass
class Reading:
    """State shared by the steps of one read: the table, and where problems go."""

    table: Table
    filename: str
    sheet: str | None
    problems: list[Problem] = field(default_factory=list)
    flagged_rows: set[int] = field(default_factory=set)  # Excel rows with a wrong score cell

    def problem(self, row: int | None, column: int | None, code: str, **params: object) -> None:
        letter = header = None
        if column is not None:
            found = next((col for col in self.table.columns if col.index == column), None)
            letter = column_letter(column)
            header = found.label if found is not None else None
        self.problems.append(
            Problem(
                filename=self.filename,
                sheet=self.sheet,
                row=row,
                column=letter,
                header=header,
                code=code,
                params=params,
            )
        )

    @property
    def header_row(self) -> int:
        return self.table.header_row


def score_column(
    reading: Reading,
    values: Sequence[object],
    rows: Sequence[int],
    column: int,
    subject: str,
    full_marks: float,
) -> tuple[pl.Series, list[str]]:
    """Scores and statuses of one subject's cells (`rows` are their Excel rows).

    Numbers within 0..full marks, nearly every cell, are taken in one vectorised step; only the other
    cells (text, status words, blanks, numbers out of range) go through `check_score` one by one.
    """
    numbers = pl.Series([value if type(value) in NUMERIC_TYPES else None for value in values], dtype=pl.Float64)
    in_range = (numbers >= 0) & (numbers <= full_marks)
    others = (~in_range.fill_null(False)).arg_true().to_list()
    statuses = [SCORED] * len(values)
    if not others:
        return numbers, statuses
    fixed: list[float | None] = []
    for position in others:
        score, status = check_score(reading, rows[position], column, subject, values[position], full_marks)
        fixed.append(score)
        statuses[position] = status
    return numbers.scatter(others, pl.Series(fixed, dtype=pl.Float64)), statuses


def empty_sheet(filename: str, sheet: str | None, problems: list[Problem]) -> ScoreSheet:
    return ScoreSheet(
        filename=filename,
        sheet=sheet,
        layout="unknown",
        scores=pl.DataFrame(schema=LONG_SCHEMA),
        students=pl.DataFrame(schema=STUDENT_SCHEMA),
        subjects=[],
        problems=problems,
    )


def check_required_columns(reading: Reading, layout: Layout, required: Sequence[str]) -> bool:
    ok = True
    for kind in required:
        if kind in layout.identity:
            continue
        if kind == "student_id":
            expected = "、".join(group[0] for group in STUDENT_ID_HEADERS)
        else:
            expected = "、".join(IDENTITY_HEADERS[kind][:3])
        reading.problem(reading.header_row, None, MISSING_COLUMN, field=FIELD_LABELS[kind], expected=expected)
        ok = False
    return ok


def resolve_full_marks(
    reading: Reading,
    subjects: Sequence[str],
    given: Mapping[str, float],
    aliases: Mapping[str, str],
    grades: Collection[str],
) -> tuple[dict[str, float], tuple[str, ...]]:
    """Full marks per subject: as given (by canonical name or alias), else the documented default."""
    canonical_given: dict[str, float] = {}
    for name, value in given.items():
        canonical = aliases.get(name, name)
        if canonical not in subjects:
            reading.problem(None, None, UNKNOWN_FULL_MARKS_SUBJECT, subject=name)
            continue
        canonical_given[canonical] = float(value)
    levels = [grade_level(label) for label in grades]
    marks: dict[str, float] = {}
    assumed: list[str] = []
    for subject in subjects:
        if subject in canonical_given:
            marks[subject] = canonical_given[subject]
        else:
            marks[subject] = default_full_marks(subject, levels)
            assumed.append(subject)
    return marks, tuple(assumed)


def is_footnote(values: Sequence[object], student_id: str, name: str) -> bool:
    """True for rows such as "注：缺考不计入平均分" or "平均分 … 85.2" that carry no student: the first filled
    cell starts with a footnote word and the row has no id or no name."""
    if student_id and name:
        return False
    filled = [text for text in (identity_text(value) for value in values) if text]
    return not filled or filled[0].startswith(_FOOTNOTE_STARTS) or name.startswith(_FOOTNOTE_STARTS)


@dataclass
class Students:
    """The students kept from a sheet, column by column: `columns[kind][i]` is student i's 学号, 姓名 …,
    `rows[i]` the Excel row they came from."""

    columns: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in IDENTITY_FIELDS})
    rows: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def append(self, identity: Mapping[str, str], row: int) -> None:
        for kind in IDENTITY_FIELDS:
            self.columns[kind].append(identity[kind])
        self.rows.append(row)


def identity_columns(
    layout: Layout, columns: Sequence[Sequence[object]], count: int, school: str | None
) -> dict[str, list[str]]:
    """Each identity field as a list of clean texts, one per table row ("" where blank)."""
    texts: dict[str, list[str]] = {}
    for kind in IDENTITY_FIELDS:
        index = layout.identity.get(kind)
        if index is None:
            fill = (school or DEFAULT_SCHOOL) if kind == "school" else ""
            texts[kind] = [fill] * count
        else:
            # The reader hands out normalised, non-empty text: only other cells need converting.
            texts[kind] = [value if type(value) is str else identity_text(value) for value in columns[index]]
    return texts


def report_missing_identity(reading: Reading, layout: Layout, row: int, identity: Mapping[str, str]) -> bool:
    """Report each of 学号, 姓名, 学校, 班级 that is blank on a row; True when one was."""
    missing = [kind for kind in REQUIRED_IDENTITY if not identity[kind]]
    for kind in missing:
        reading.problem(row, layout.identity.get(kind), MISSING_IDENTITY, field=FIELD_LABELS[kind])
    return bool(missing)


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def check_score(
    reading: Reading, row: int, column: int, subject: str, raw: object, full_marks: float
) -> tuple[float | None, str]:
    """`(score, status)` of one score cell; a problem (and a missing score) when the cell is wrong."""
    parsed = parse_score(raw)
    if parsed is None:
        reading.problem(row, column, TEXT_IN_SCORE_CELL, value=identity_text(raw))
        return None, MISSING
    score, status = parsed
    if score is None:
        return None, status
    if score < 0:
        reading.problem(row, column, NEGATIVE_SCORE, value=format_number(score))
        return None, MISSING
    if score > full_marks:
        reading.problem(
            row,
            column,
            ABOVE_FULL_MARKS,
            subject=subject,
            value=format_number(score),
            full_marks=format_number(full_marks),
        )
        return None, MISSING
    return score, SCORED


def finish(
    reading: Reading,
    layout_name: str,
    students: Students,
    scores: Mapping[str, pl.Series],
    statuses: Mapping[str, Sequence[str]],
    marks: Mapping[str, float],
    assumed: tuple[str, ...],
) -> ScoreSheet:
    """Assemble the long frame from per-subject score columns aligned with `students`."""
    if not len(students) and not reading.problems:
        reading.problem(reading.header_row, None, NO_STUDENTS)
    student_frame = pl.DataFrame(
        {kind: pl.Series(kind, students.columns[kind], dtype=pl.String) for kind in IDENTITY_FIELDS}
    ).with_columns(pl.col(IDENTITY_FIELDS).replace("", None), pl.Series("row", students.rows, dtype=pl.Int64))
    identity = student_frame.select(
        "student_id", "name", "school", "class", "grade", "group", pl.col("row").alias("source_row")
    )
    parts = [
        identity.with_columns(
            pl.lit(subject, dtype=pl.String).alias("subject"),
            scores[subject].cast(pl.Float64).alias("score"),
            pl.Series("status", statuses[subject], dtype=pl.String),
        )
        for subject in scores
    ]
    long = pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=LONG_SCHEMA)
    # In the order a person fixes them: whole-sheet problems, then row by row, left to right.
    reading.problems.sort(key=lambda p: (p.row or 0, len(p.column or ""), p.column or ""))
    return ScoreSheet(
        filename=reading.filename,
        sheet=reading.sheet,
        layout=layout_name,
        scores=long.select(list(LONG_SCHEMA)).cast(LONG_SCHEMA),
        students=student_frame,
        subjects=[SubjectSpec(name=subject, full_marks=marks[subject]) for subject in scores],
        problems=reading.problems,
        assumed_full_marks=assumed,
    )
