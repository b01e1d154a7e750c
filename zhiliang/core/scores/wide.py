"""WIDE score sheets: one row per student, one column (or a 得分 sub-column) per subject."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

import polars as pl

from zhiliang.core.scores.cells import parse_score
from zhiliang.core.scores.layout import Layout, is_score_like_column
from zhiliang.core.scores.messages import (
    DUPLICATE_STUDENT,
    DUPLICATE_SUBJECT_COLUMN,
    NO_SUBJECTS,
    TOTAL_MISMATCH,
    UNKNOWN_SUBJECT_COLUMN,
)
from zhiliang.core.scores.sheet import (
    IDENTITY_FIELDS,
    NUMERIC_TYPES,
    REQUIRED_IDENTITY,
    Reading,
    ScoreSheet,
    Students,
    check_required_columns,
    finish,
    format_number,
    identity_columns,
    is_footnote,
    report_missing_identity,
    resolve_full_marks,
    score_column,
)

# Totals are compared with a little slack: some systems write totals rounded to one decimal.
TOTAL_TOLERANCE = 0.051
REQUIRED = ("student_id", "name", "class")


def read_wide(
    reading: Reading,
    layout: Layout,
    aliases: Mapping[str, str],
    given_marks: Mapping[str, float],
    school: str | None,
) -> ScoreSheet:
    table = reading.table
    for subject, index in layout.duplicate_subjects:
        other = table.columns[layout.subjects[subject]].letter
        reading.problem(reading.header_row, index, DUPLICATE_SUBJECT_COLUMN, subject=subject, other=other)
    rows = table.rows
    columns = transpose(rows, 1 + max((column.index for column in table.columns), default=-1))
    for index in layout.unclassified:
        if is_score_like_column(columns[index]):
            header = next((column.label for column in table.columns if column.index == index), "")
            reading.problem(reading.header_row, index, UNKNOWN_SUBJECT_COLUMN, header=header)
    if not layout.subjects:
        reading.problem(reading.header_row, None, NO_SUBJECTS)
    has_columns = check_required_columns(reading, layout, REQUIRED)
    if not layout.subjects or not has_columns:
        return finish(reading, "wide", Students(), {}, {}, {}, ())

    students, kept = read_students(reading, layout, rows, columns, school)
    subjects = list(layout.subjects)
    grades = {grade for grade in students.columns["grade"] if grade}
    marks, assumed = resolve_full_marks(reading, subjects, given_marks, aliases, grades)

    pick = _picker(kept, len(rows))
    scores: dict[str, pl.Series] = {}
    statuses: dict[str, list[str]] = {}
    for subject in subjects:
        index = layout.subjects[subject]
        known = len(reading.problems)
        scores[subject], statuses[subject] = score_column(
            reading, pick(columns[index]), students.rows, index, subject, marks[subject]
        )
        if len(reading.problems) > known:
            reading.flagged_rows.update(p.row for p in reading.problems[known:] if p.row is not None)
    if layout.total is not None:
        _check_totals(reading, layout.total, students.rows, pick(columns[layout.total]), scores)
    return finish(reading, "wide", students, scores, statuses, marks, assumed)


def transpose(rows: Sequence[Any], width: int) -> list[Sequence[object]]:
    """The cells column by column (a transpose done in C keeps the per-cell work vectorised)."""
    if not rows:
        return [() for _ in range(width)]
    values = [row.values if len(row.values) >= width else (*row.values, *[None] * width) for row in rows]
    return list(zip(*(value[:width] for value in values), strict=True))


def _picker(kept: Sequence[int], count: int) -> Any:
    """A function selecting the kept rows' cells from a column (the column itself when all are kept)."""
    if len(kept) == count:
        return lambda column: column
    if not kept:
        return lambda column: ()
    getter = itemgetter(*kept)
    if len(kept) == 1:
        return lambda column: (getter(column),)
    return getter


def read_students(
    reading: Reading,
    layout: Layout,
    rows: Sequence[Any],
    columns: Sequence[Sequence[object]],
    school: str | None,
) -> tuple[Students, list[int]]:
    """The students of the sheet and the positions of their rows; footnote rows and rows that cannot be a
    student (missing id or name, an id seen before) are left out, the latter with a problem."""
    texts = identity_columns(layout, columns, len(rows), school)
    ids, names, schools, classes = (texts[kind] for kind in REQUIRED_IDENTITY)
    kept: list[int] = []
    seen: dict[str, int] = {}
    for position, row in enumerate(rows):
        student_id = ids[position]
        if not (student_id and names[position] and schools[position] and classes[position]):
            if is_footnote(row.values, student_id, names[position]):
                continue
            identity = {kind: texts[kind][position] for kind in IDENTITY_FIELDS}
            report_missing_identity(reading, layout, row.number, identity)
            if student_id and student_id not in seen:
                seen[student_id] = row.number
            elif student_id:
                _duplicate(reading, layout, row.number, student_id, seen[student_id])
            continue
        if student_id in seen:
            _duplicate(reading, layout, row.number, student_id, seen[student_id])
            continue
        seen[student_id] = row.number
        kept.append(position)
    pick = _picker(kept, len(rows))
    students = Students(
        columns={kind: list(pick(texts[kind])) for kind in IDENTITY_FIELDS},
        rows=[rows[position].number for position in kept],
    )
    return students, kept


def _duplicate(reading: Reading, layout: Layout, row: int, student_id: str, first_row: int) -> None:
    column = layout.identity["student_id"]
    reading.problem(row, column, DUPLICATE_STUDENT, student_id=student_id, first_row=first_row)


def _check_totals(
    reading: Reading,
    total_index: int,
    rows: Sequence[int],
    stated_values: Sequence[object],
    scores: Mapping[str, pl.Series],
) -> None:
    """Report rows whose stated 总分 differs from the sum of their subject scores (missing counts 0).

    Rows with a wrong score cell are skipped: that cell is already reported, and the difference it makes
    to the total would only repeat it.
    """
    if not scores:
        return
    computed = pl.DataFrame(scores).fill_null(0.0).sum_horizontal()
    stated = pl.Series([_stated_total(value) for value in stated_values], dtype=pl.Float64)
    for position in ((stated - computed).abs() > TOTAL_TOLERANCE).arg_true().to_list():
        if rows[position] in reading.flagged_rows:
            continue
        reading.problem(
            rows[position],
            total_index,
            TOTAL_MISMATCH,
            stated=format_number(stated[position]),
            computed=format_number(round(computed[position], 2)),
        )


def _stated_total(value: object) -> float | None:
    """The total a cell states; None for blank, 缺考 or text, which state nothing checkable."""
    if type(value) in NUMERIC_TYPES:
        return float(value)  # type: ignore[arg-type]
    parsed = parse_score(value)
    return parsed[0] if parsed is not None else None
