"""What one cell of a score sheet says: a score, a status word (缺考, 免考, 作弊 …), blank, or something wrong.

Schools and marking systems write the same facts many ways: `95`, `９５`, `95.5`, `缺考`, `缺`, `缺考，不计排名`,
`（免考）`, `-`. This module turns one cell into `(score, status)` or reports that it cannot.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Final

from zhiliang.core.analytics import Status
from zhiliang.core.tabular import normalize_text, parse_number

SCORED: Final = Status.SCORED.value
ABSENT: Final = Status.ABSENT.value
EXEMPT: Final = Status.EXEMPT.value
CHEATING: Final = Status.CHEATING.value
MISSING: Final = Status.MISSING.value

# Longest words first so that 缺考 wins over 缺 and 免考 over 免. A cell may go on with a remark after the
# word ("缺考，不计排名", "免考(病)"), which does not change the status.
STATUS_WORDS: Final[tuple[tuple[str, str], ...]] = tuple(
    sorted(
        {
            "缺考": ABSENT,
            "缺席": ABSENT,
            "缺": ABSENT,
            "缓考": ABSENT,
            "病假": ABSENT,
            "请假": ABSENT,
            "免考": EXEMPT,
            "免试": EXEMPT,
            "免": EXEMPT,
            "作弊": CHEATING,
            "违纪": CHEATING,
            "舞弊": CHEATING,
            "未录": MISSING,
            "未录入": MISSING,
            "空白": MISSING,
            "无成绩": MISSING,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)

# Placeholders people type into an empty cell.
_BLANK_MARKS: Final = frozenset({"", "-", "--", "—", "——", "/", "\\", "－", "／", "无"})
_BRACKETS: Final = "()（）[]【】<>《》"
_SCORE_SUFFIX = re.compile(r"^(.*\d)\s*分$")


def status_of_text(text: str) -> str | None:
    """The status a word in a score cell stands for, or None when the text is not a status word."""
    stripped = text.strip().strip(_BRACKETS).strip()
    for word, status in STATUS_WORDS:
        if stripped.startswith(word):
            return status
    return None


def parse_score(value: object) -> tuple[float | None, str] | None:
    """`(score, status)` for a score cell, or None when the cell holds text that is neither.

    Blank cells and blank marks are `(None, "missing")`: nobody recorded a result, which is not the same
    as an absence the school recorded (`缺考` → `"absent"`).
    """
    if value is None:
        return None, MISSING
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        if math.isnan(number):
            return None, MISSING
        return number, SCORED
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        return None
    text = normalize_text(str(value)).strip()
    if text in _BLANK_MARKS:
        return None, MISSING
    status = status_of_text(text)
    if status is not None:
        return None, status
    match = _SCORE_SUFFIX.match(text)
    try:
        parsed = parse_number(match.group(1) if match else text)
    except ValueError:
        return None
    if parsed is None:
        return None, MISSING
    return float(parsed), SCORED


def identity_text(value: object) -> str:
    """A cell of an identity column (学号, 班级, 姓名 …) as clean text; "" for blank.

    Excel stores numeric ids and class numbers as floats: `2024001.0` must read `2024001`, never `2.024001e6`.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return normalize_text(str(value)).strip()
