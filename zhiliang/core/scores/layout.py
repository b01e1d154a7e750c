"""Which column of a score sheet is what: identity columns, subject scores, the stated total, or noise.

A header is matched on its top cell and, for the two-row headers marking systems write (语文 over
得分/校次/班次), on its sub-header: the 得分 column is the score, the ranks are ignored because we compute them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

from zhiliang.core.scores.cells import MISSING, SCORED, parse_score
from zhiliang.core.tabular import match_header, normalize_text

# Identity fields and the headers that name them. For the student id the groups are in order of
# preference: a file with both 学籍号 and 考号 is keyed on 学籍号, which does not change between exams.
STUDENT_ID_HEADERS: Final[tuple[tuple[str, ...], ...]] = (
    ("学籍号", "全国学籍号", "学籍辅号", "个人标识码", "学生学籍号"),
    ("学号", "学生编号", "学生号"),
    ("准考证号", "考号", "考试号", "准考号", "考生号"),
)
IDENTITY_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("姓名", "学生姓名", "考生姓名", "名字"),
    "school": ("学校", "学校名称", "校名", "学校名", "单位", "考生学校"),
    "class": ("班级", "班", "班别", "班级名称", "所在班级", "行政班"),
    "grade": ("年级",),
    "gender": ("性别",),
    "group": ("组别", "分组"),
}
LONG_SUBJECT_HEADERS: Final = ("科目", "学科", "考试科目", "科目名称")
LONG_SCORE_HEADERS: Final = ("成绩", "分数", "得分", "卷面分", "原始分")
TOTAL_HEADERS: Final = ("总分", "总成绩", "合计", "总计", "总分数")
SCORE_SUBHEADERS: Final = ("得分", "成绩", "分数", "原始分", "卷面分", "分")

# Parts of a header that mark a column as bookkeeping (序号, 座号, 班次, 名次, 平均分, 电话 …), never a subject.
_NOT_SUBJECT_PARTS: Final = (
    "号",
    "序",
    "次",
    "名",
    "排",
    "码",
    "电话",
    "日期",
    "时间",
    "年龄",
    "备注",
    "说明",
    "等级",
    "等第",
    "率",
    "均",
    "考场",
    "地址",
    "家长",
    "民族",
    "生日",
    "赋分",
    "标准分",
)


class ColumnLike(Protocol):
    @property
    def top(self) -> str | None: ...
    @property
    def sub(self) -> str | None: ...
    @property
    def label(self) -> str: ...
    @property
    def letter(self) -> str: ...
    @property
    def index(self) -> int: ...


@dataclass(frozen=True)
class Layout:
    """Where each kind of column is, by column position in the table."""

    identity: dict[str, int] = field(default_factory=dict)
    subjects: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    long_subject: int | None = None
    long_score: int | None = None
    unclassified: tuple[int, ...] = ()
    duplicate_subjects: tuple[tuple[str, int], ...] = ()

    @property
    def is_long(self) -> bool:
        return self.long_subject is not None and self.long_score is not None and not self.subjects


def _synonyms(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {names[0]: names[1:]}


def _is(header: str, names: tuple[str, ...]) -> bool:
    """Whether a header is one of `names`, compared the tolerant reader's way (spaces, width, markers)."""
    return match_header(header, _synonyms(names)) is not None


def _clean(text: str | None) -> str:
    return normalize_text(text or "").strip()


def known_headers(aliases: Mapping[str, str]) -> tuple[str, ...]:
    """Every header this module recognises, to help the reader find the header row below a title."""
    names: list[str] = [name for group in STUDENT_ID_HEADERS for name in group]
    for synonyms in IDENTITY_HEADERS.values():
        names.extend(synonyms)
    names.extend(LONG_SUBJECT_HEADERS)
    names.extend(LONG_SCORE_HEADERS)
    names.extend(TOTAL_HEADERS)
    names.extend(alias for alias in aliases if len(alias) > 1)
    return tuple(dict.fromkeys(names))


def looks_like_bookkeeping(header: str) -> bool:
    """True for headers such as 序号, 座号, 校次, 平均分 that can hold numbers but are never a subject."""
    return any(part in header for part in _NOT_SUBJECT_PARTS)


def classify_columns(columns: Sequence[ColumnLike], aliases: Mapping[str, str]) -> Layout:
    """Assign each column a role. Headers that match nothing are left for a content check."""
    identity: dict[str, int] = {}
    id_candidates: dict[int, int] = {}
    subjects: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    total: int | None = None
    long_subject: int | None = None
    long_score: int | None = None
    unclassified: list[int] = []

    for column in columns:
        top = _clean(column.top) or _clean(column.label)
        sub = _clean(column.sub)
        if sub == top:
            sub = ""
        subject = aliases.get(top) or aliases.get("".join(top.split()))
        if subject is not None:
            if sub and not _is(sub, SCORE_SUBHEADERS):
                continue  # 校次, 班次, 等级 … under a subject: we compute ranks ourselves
            if subject in subjects:
                duplicates.append((subject, column.index))
            else:
                subjects[subject] = column.index
            continue
        if sub and _is(sub, SCORE_SUBHEADERS) and _is(top, TOTAL_HEADERS):
            total = column.index if total is None else total
            continue
        role = _identity_role(top) or (_identity_role(sub) if sub else None)
        if role is not None:
            kind, preference = role
            if kind == "student_id":
                id_candidates.setdefault(preference, column.index)
            else:
                identity.setdefault(kind, column.index)
            continue
        if _is(top, TOTAL_HEADERS):
            if not sub:
                total = column.index if total is None else total
            continue
        if _is(top, LONG_SUBJECT_HEADERS):
            long_subject = column.index if long_subject is None else long_subject
            continue
        if _is(top, LONG_SCORE_HEADERS):
            long_score = column.index if long_score is None else long_score
            continue
        if looks_like_bookkeeping(top) or (sub and looks_like_bookkeeping(sub)):
            continue
        unclassified.append(column.index)

    if id_candidates:
        identity["student_id"] = id_candidates[min(id_candidates)]
    return Layout(
        identity=identity,
        subjects=subjects,
        total=total,
        long_subject=long_subject,
        long_score=long_score,
        unclassified=tuple(unclassified),
        duplicate_subjects=tuple(duplicates),
    )


def _identity_role(header: str) -> tuple[str, int] | None:
    if not header:
        return None
    for preference, group in enumerate(STUDENT_ID_HEADERS):
        if _is(header, group):
            return "student_id", preference
    for kind, synonyms in IDENTITY_HEADERS.items():
        if _is(header, synonyms):
            return kind, 0
    return None


# An unknown column is "clearly a subject" when nearly all its filled cells read as scores or status words
# and the numbers lie in a plausible score range. 序号/座号-like columns are excluded by header above.
_SCORE_LIKE_SHARE = 0.9
_MIN_FILLED = 3
_MAX_PLAUSIBLE_SCORE = 300.0


def is_score_like_column(values: Sequence[object]) -> bool:
    """True when an unrecognised column holds what looks like scores (so its header is an unknown subject)."""
    filled = 0
    score_like = 0
    for value in values:
        parsed = parse_score(value)
        if parsed is not None and parsed[1] == MISSING:
            continue
        filled += 1
        if parsed is None:
            continue
        score, status = parsed
        if status != SCORED or (score is not None and 0 <= score <= _MAX_PLAUSIBLE_SCORE):
            score_like += 1
    return filled >= _MIN_FILLED and score_like >= _SCORE_LIKE_SHARE * filled
