"""Errors raised when the score table handed to the analysis is unusable.

The core receives data frames, not files, so an error names the frame (``scores`` or ``teachers``), the
column and the rows: the values of the optional ``source_row`` column when the importer supplied it (the
spreadsheet row number), else 0-based positions in the frame. Each error carries a stable ``code`` and both an English and a zh-Hans
message, so the CLI and the web pages can show the user's language without parsing text.
"""

from __future__ import annotations

from collections.abc import Sequence

# code -> (English template, zh-Hans template). Templates may use {frame}, {column}, {rows}, {values}.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing_column": (
        "{frame}: required column {column!r} is missing",
        "{frame}：缺少必需的列“{column}”",
    ),
    "empty": (
        "{frame}: the table has no rows",
        "{frame}：表中没有任何数据",
    ),
    "bad_type": (
        "{frame}: column {column!r} cannot be read as {values}",
        "{frame}：列“{column}”无法按{values}读取",
    ),
    "null_value": (
        "{frame}: column {column!r} is empty in rows {rows}",
        "{frame}：第 {rows} 行的“{column}”为空",
    ),
    "unknown_status": (
        "{frame}: unknown status {values} in rows {rows} (allowed: scored, absent, exempt, cheating, missing)",
        "{frame}：第 {rows} 行的状态 {values} 无法识别（可用：scored、absent、exempt、cheating、missing）",
    ),
    "unknown_subject": (
        "{frame}: subject {values} in rows {rows} is not one of the exam's subjects",
        "{frame}：第 {rows} 行的学科 {values} 不在本次考试的学科中",
    ),
    "duplicate_row": (
        "{frame}: student and subject appear more than once, rows {rows}",
        "{frame}：第 {rows} 行的学生与学科重复",
    ),
    "inconsistent_student": (
        "{frame}: student {values} has different {column!r} values, rows {rows}",
        "{frame}：学生 {values} 的“{column}”前后不一致，第 {rows} 行",
    ),
    "inconsistent_group": (
        "{frame}: school {values} belongs to more than one education group, rows {rows}",
        "{frame}：学校 {values} 属于多个教育集团，第 {rows} 行",
    ),
    "score_missing": (
        "{frame}: status is 'scored' but the score is empty, rows {rows}",
        "{frame}：第 {rows} 行状态为“已考”但分数为空",
    ),
    "score_not_allowed": (
        "{frame}: a score is given for an absent/exempt/cheating/missing status, rows {rows}",
        "{frame}：第 {rows} 行为缺考、免考、作弊或未录，却填写了分数",
    ),
    "score_out_of_range": (
        "{frame}: score outside 0..full marks, rows {rows}: {values}",
        "{frame}：第 {rows} 行的分数超出 0 至满分的范围：{values}",
    ),
    "bad_subjects": (
        "subjects: {values}",
        "学科设置有误：{values}",
    ),
}

_SHOWN = 10


def _show(items: Sequence[object]) -> str:
    head = ", ".join(str(i) for i in items[:_SHOWN])
    return head + (f" … (+{len(items) - _SHOWN})" if len(items) > _SHOWN else "")


class ScoresInputError(ValueError):
    """The scores or teachers frame cannot be analysed; nothing was computed.

    ``rows`` are ``source_row`` values when the frame has that column, else 0-based positions in the frame
    (at most the first 100 are kept).
    """

    def __init__(
        self,
        code: str,
        *,
        frame: str = "scores",
        column: str | None = None,
        rows: Sequence[int] = (),
        values: Sequence[object] = (),
    ) -> None:
        self.code = code
        self.frame = frame
        self.column = column
        self.rows: tuple[int, ...] = tuple(rows[:100])
        self.values: tuple[object, ...] = tuple(values[:100])
        super().__init__(self.message("en"))

    def message(self, language: str = "zh-Hans") -> str:
        """The message in ``language`` ("en" or "zh-Hans")."""
        english, chinese = MESSAGES[self.code]
        template = english if language == "en" else chinese
        return template.format(frame=self.frame, column=self.column, rows=_show(self.rows), values=_show(self.values))
