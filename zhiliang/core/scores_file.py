"""Read a score sheet as schools and marking systems produce it into one long table of scores.

Accepted layouts:
- WIDE: one row per student, one column per subject (学校, 班级, 学籍号/学号/考号, 姓名, 性别, 年级, 语文, 数学 …);
  a 总分 column is checked against the sum of the subject scores and reported when it differs, never used.
- marking-system exports: a two-row header with each subject over 得分/校次/班次 (得分 is read, the ranks are
  ignored because we compute our own) and often no 学校 column (the school is a parameter, 本校 by default).
- LONG: one row per student and subject (学籍号, 姓名, 班级, 科目, 成绩).

Score cells hold numbers, numeric text (full-width digits too), blanks (missing) or status words
(缺考 → absent, 免考 → exempt, 作弊/违纪 → cheating, 未录/空白 → missing), possibly followed by a remark
("缺考，不计排名"). Everything wrong is collected as a `Problem` naming file, sheet, row and column: text in a
score cell, a negative score or one above full marks, a score column under an unknown subject header, a student
twice, a missing id/name/class. Footnote rows under the data (注：…, 平均分 …) are skipped.

The result is the long frame analytics takes: `student_id, name, school, class, grade, group, subject,
score (f64, null unless scored), status`, with exactly one row per student and subject.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from zhiliang.core.scores.layout import classify_columns, known_headers
from zhiliang.core.scores.long import read_long
from zhiliang.core.scores.sheet import DEFAULT_SCHOOL, Reading, ScoreSheet, empty_sheet
from zhiliang.core.scores.wide import read_wide
from zhiliang.core.subject_catalogue import DEFAULT_SUBJECTS, alias_index
from zhiliang.core.tabular import DEFAULT_MAX_BYTES, ImportProblems, Table, read_table

__all__ = [
    "DEFAULT_SCHOOL",
    "DEFAULT_SUBJECTS",
    "ScoreSheet",
    "read_score_table",
    "read_scores",
    "scores_from_table",
]


def read_scores(
    source: str | Path | bytes,
    *,
    filename: str,
    sheet: str | None = None,
    subjects_catalogue: Mapping[str, Collection[str]] = DEFAULT_SUBJECTS,
    full_marks: Mapping[str, float] | None = None,
    school: str | None = None,
) -> ScoreSheet:
    """Read one sheet of scores. Problems are returned in `ScoreSheet.problems`, never raised.

    `full_marks` may name subjects by canonical name or alias; subjects it leaves out get the defaults of
    `zhiliang.core.subject_catalogue`. `school` names the school of a file without a 学校 column.
    """
    try:
        table = read_score_table(source, filename=filename, sheet=sheet, subjects_catalogue=subjects_catalogue)
    except ImportProblems as error:
        return empty_sheet(filename, sheet, list(error.problems))
    return scores_from_table(table, subjects_catalogue=subjects_catalogue, full_marks=full_marks, school=school)


def read_score_table(
    source: str | Path | bytes,
    *,
    filename: str,
    sheet: str | None = None,
    subjects_catalogue: Mapping[str, Collection[str]] = DEFAULT_SUBJECTS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Table:
    """The sheet as a table, its header row found by the headers score sheets use. Raises ImportProblems.

    `max_bytes` guards uploads; the command line reads local files and raises it."""
    aliases = alias_index(subjects_catalogue)
    return read_table(source, filename=filename, sheet=sheet, known_headers=known_headers(aliases), max_bytes=max_bytes)


def scores_from_table(
    table: Table,
    *,
    subjects_catalogue: Mapping[str, Collection[str]] = DEFAULT_SUBJECTS,
    full_marks: Mapping[str, float] | None = None,
    school: str | None = None,
) -> ScoreSheet:
    """Check a table read by `read_score_table` and turn it into the long frame (the second half of
    `read_scores`, separate so that callers can time reading and checking apart)."""
    aliases = alias_index(subjects_catalogue)
    reading = Reading(table=table, filename=table.filename, sheet=table.sheet)
    layout = classify_columns(table.columns, aliases)
    if layout.is_long:
        return read_long(reading, layout, aliases, full_marks or {}, school)
    return read_wide(reading, layout, aliases, full_marks or {}, school)
