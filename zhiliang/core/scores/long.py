"""LONG score sheets: one row per student and subject (学籍号, 姓名, 班级, 科目, 成绩)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from zhiliang.core.scores.cells import identity_text
from zhiliang.core.scores.layout import Layout
from zhiliang.core.scores.messages import (
    DUPLICATE_SCORE,
    IDENTITY_CONFLICT,
    UNKNOWN_SUBJECT_VALUE,
)
from zhiliang.core.scores.sheet import (
    IDENTITY_FIELDS,
    Reading,
    ScoreSheet,
    Students,
    check_required_columns,
    finish,
    identity_columns,
    is_footnote,
    report_missing_identity,
    resolve_full_marks,
    score_column,
)
from zhiliang.core.scores.wide import transpose

REQUIRED = ("student_id", "name", "class")
# A student's identity must be the same on all of their rows.
_CONSISTENT = ("name", "school", "class", "grade")
_CONSISTENT_LABELS = {"name": "姓名", "school": "学校", "class": "班级", "grade": "年级"}


def read_long(
    reading: Reading,
    layout: Layout,
    aliases: Mapping[str, str],
    given_marks: Mapping[str, float],
    school: str | None,
) -> ScoreSheet:
    assert layout.long_subject is not None and layout.long_score is not None
    if not check_required_columns(reading, layout, REQUIRED):
        return finish(reading, "long", Students(), {}, {}, {}, ())
    rows = reading.table.rows
    subject_index, score_index = layout.long_subject, layout.long_score
    columns = transpose(rows, 1 + max((column.index for column in reading.table.columns), default=-1))
    texts = identity_columns(layout, columns, len(rows), school)

    first_seen: dict[str, dict[str, str]] = {}
    cells: list[tuple[int, str, str, object]] = []  # (row, student id, subject, raw score)
    subjects: list[str] = []
    seen_scores: dict[tuple[str, str], int] = {}
    for position, row in enumerate(rows):
        identity = {kind: texts[kind][position] for kind in IDENTITY_FIELDS}
        if is_footnote(row.values, identity["student_id"], identity["name"]):
            continue
        if report_missing_identity(reading, layout, row.number, identity):
            continue
        identity["row"] = str(row.number)
        subject_text = identity_text(row.values[subject_index])
        subject = aliases.get(subject_text)
        if subject is None:
            reading.problem(row.number, subject_index, UNKNOWN_SUBJECT_VALUE, value=subject_text)
            continue
        student_id = identity["student_id"]
        first = first_seen.setdefault(student_id, identity)
        for kind in _CONSISTENT:
            if first[kind] != identity[kind]:
                reading.problem(
                    row.number,
                    layout.identity.get(kind),
                    IDENTITY_CONFLICT,
                    student_id=student_id,
                    field=_CONSISTENT_LABELS[kind],
                    value=identity[kind],
                    first_value=first[kind],
                    first_row=first["row"],
                )
        key = (student_id, subject)
        if key in seen_scores:
            reading.problem(
                row.number,
                subject_index,
                DUPLICATE_SCORE,
                student_id=student_id,
                subject=subject,
                first_row=seen_scores[key],
            )
            continue
        seen_scores[key] = row.number
        if subject not in subjects:
            subjects.append(subject)
        cells.append((row.number, student_id, subject, row.values[score_index]))

    students = Students()
    for identity in first_seen.values():
        students.append(identity, int(identity["row"]))
    grades = {grade for grade in students.columns["grade"] if grade}
    marks, assumed = resolve_full_marks(reading, subjects, given_marks, aliases, grades)
    position_of = {student_id: offset for offset, student_id in enumerate(first_seen)}
    # A student without a row for a subject has no result for it: missing, like a blank cell in a wide file.
    values: dict[str, list[object]] = {subject: [None] * len(students) for subject in subjects}
    cell_rows: dict[str, list[int]] = {subject: list(students.rows) for subject in subjects}
    for row_number, student_id, subject, raw in cells:
        values[subject][position_of[student_id]] = raw
        cell_rows[subject][position_of[student_id]] = row_number
    scores: dict[str, pl.Series] = {}
    statuses: dict[str, list[str]] = {}
    for subject in subjects:
        scores[subject], statuses[subject] = score_column(
            reading, values[subject], cell_rows[subject], score_index, subject, marks[subject]
        )
    return finish(reading, "long", students, scores, statuses, marks, assumed)
