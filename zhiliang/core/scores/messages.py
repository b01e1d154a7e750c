"""Problem codes of score-sheet reading and their messages in zh-Hans and English.

Every code is registered with the tolerant reader's message table, so `Problem.message(lang)` renders them
the same way as the reader's own problems. Placeholders are filled from `Problem.params`.
"""

from __future__ import annotations

from typing import Final

from zhiliang.core.tabular import register_messages

TEXT_IN_SCORE_CELL: Final = "scores.text_in_score_cell"
NEGATIVE_SCORE: Final = "scores.negative_score"
ABOVE_FULL_MARKS: Final = "scores.above_full_marks"
UNKNOWN_SUBJECT_COLUMN: Final = "scores.unknown_subject_column"
UNKNOWN_SUBJECT_VALUE: Final = "scores.unknown_subject_value"
DUPLICATE_SUBJECT_COLUMN: Final = "scores.duplicate_subject_column"
DUPLICATE_STUDENT: Final = "scores.duplicate_student"
DUPLICATE_SCORE: Final = "scores.duplicate_score"
IDENTITY_CONFLICT: Final = "scores.identity_conflict"
MISSING_IDENTITY: Final = "scores.missing_identity"
MISSING_COLUMN: Final = "scores.missing_column"
NO_SUBJECTS: Final = "scores.no_subjects"
NO_STUDENTS: Final = "scores.no_students"
TOTAL_MISMATCH: Final = "scores.total_mismatch"
UNKNOWN_FULL_MARKS_SUBJECT: Final = "scores.unknown_full_marks_subject"

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    TEXT_IN_SCORE_CELL: (
        "成绩单元格中是无法识别的文字“{value}”：请填写分数，或缺考、免考、作弊等状态，或留空",
        'score cell holds text that is not a score: "{value}"; write a number, a status word '
        "(缺考, 免考, 作弊 …) or leave it blank",
    ),
    NEGATIVE_SCORE: (
        "成绩 {value} 为负数",
        "score {value} is negative",
    ),
    ABOVE_FULL_MARKS: (
        "{subject}成绩 {value} 超过满分 {full_marks}（若满分不是 {full_marks}，请在导入时指定{subject}的满分）",
        "{subject} score {value} is above the full marks {full_marks} (if the full marks are not "
        "{full_marks}, give {subject}'s full marks when importing)",
    ),
    UNKNOWN_SUBJECT_COLUMN: (
        "列“{header}”看起来是成绩列，但不是已知学科；请改为标准学科名（如 语文、道德与法治）或删除该列",
        'column "{header}" holds scores but is not a known subject; rename it to a standard subject '
        "name (语文, 道德与法治 …) or delete the column",
    ),
    UNKNOWN_SUBJECT_VALUE: (
        "未知学科“{value}”",
        'unknown subject "{value}"',
    ),
    DUPLICATE_SUBJECT_COLUMN: (
        "学科{subject}出现了两列（另一列是 {other}）",
        "subject {subject} appears in two columns (the other is {other})",
    ),
    DUPLICATE_STUDENT: (
        "学生 {student_id} 重复出现（第一次在第 {first_row} 行）",
        "student {student_id} appears twice (first on row {first_row})",
    ),
    DUPLICATE_SCORE: (
        "学生 {student_id} 的{subject}成绩重复出现（第一次在第 {first_row} 行）",
        "student {student_id} has a second {subject} score (first on row {first_row})",
    ),
    IDENTITY_CONFLICT: (
        "学生 {student_id} 的{field}与第 {first_row} 行不一致：“{value}” 与 “{first_value}”",
        'student {student_id}: {field} "{value}" differs from "{first_value}" on row {first_row}',
    ),
    MISSING_IDENTITY: (
        "缺少{field}",
        "{field} is missing",
    ),
    MISSING_COLUMN: (
        "找不到“{field}”列（表头应包含：{expected}）",
        'no "{field}" column (the header should contain one of: {expected})',
    ),
    NO_SUBJECTS: (
        "找不到任何学科成绩列（如 语文、数学）",
        "no subject score column found (such as 语文, 数学)",
    ),
    NO_STUDENTS: (
        "表中没有学生成绩行",
        "the sheet has no student rows",
    ),
    TOTAL_MISMATCH: (
        "总分 {stated} 与各科成绩之和 {computed} 不一致（总分按各科重新计算，不采用表中总分）",
        "total {stated} differs from the sum of the subject scores {computed} (totals are recomputed, "
        "never taken from the file)",
    ),
    UNKNOWN_FULL_MARKS_SUBJECT: (
        "指定了满分的学科“{subject}”不在表中",
        'full marks were given for "{subject}", which is not in the sheet',
    ),
}

# How an identity field is named in messages: by the header a school would write (also in English messages,
# since the file itself is in Chinese).
FIELD_LABELS: Final[dict[str, str]] = {
    "student_id": "学籍号/学号/考号",
    "name": "姓名",
    "school": "学校",
    "class": "班级",
    "subject": "科目",
    "score": "成绩",
}


for _code, (_zh, _en) in _MESSAGES.items():
    register_messages(_code, _zh, _en)
