"""Chinese labels and number formats shared by the xlsx and PDF reports."""

from __future__ import annotations

import math
from typing import Final

STATUS_LABELS: Final[dict[str, str]] = {
    "scored": "",
    "absent": "缺考",
    "exempt": "免考",
    "cheating": "作弊",
    "missing": "未录",
    "incomplete": "不完整",
}
LEVEL_LABELS: Final[dict[str, str]] = {
    "county": "全县",
    "group": "教育集团",
    "school": "学校",
    "class": "班级",
    "teacher": "教师",
}
LINE_KIND_LABELS: Final[dict[str, str]] = {"excellent": "优秀线", "good": "良好线", "pass": "及格线"}
TIER_LABELS: Final[tuple[str, ...]] = ("一档", "二档", "三档", "四档", "五档", "六档")

# How each status counts, shown on the 说明 sheet and in the PDF (the rules of zhiliang.core.analytics).
STATUS_RULES: Final[tuple[tuple[str, str], ...]] = (
    ("缺考", "计入应考人数，不计入实考人数、平均分和各项比率；总分记为不完整，不参加总分排名"),
    ("免考", "不计入该科应考人数，也不计入实考人数和各项比率"),
    ("作弊", "{cheating}"),
    ("未录（空白）", "成绩尚未录入：不计入任何统计，在数据问题中列出，请补录后重新分析"),
)
CHEATING_AS_ZERO = "按 0 分计入实考人数和各项统计（试卷作废）"
CHEATING_EXCLUDED = "与缺考相同：不计入实考人数和各项统计"


def tier_label(line: int) -> str:
    """一档, 二档 … for line numbers 1, 2 …"""
    return TIER_LABELS[line - 1] if 1 <= line <= len(TIER_LABELS) else f"{line}档"


def as_number(value: object) -> float | None:
    """The value as a finite float, or None (null, NaN, text)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def fmt_number(value: object, decimals: int = 1) -> str:
    """A score or mean for a table: 85.25 → "85.3", 90.0 → "90" (whole numbers without decimals); "—" when
    there is no value."""
    number = as_number(value)
    if number is None:
        return "—"
    if number.is_integer() and decimals <= 1:
        return str(int(number))
    return f"{number:.{decimals}f}"


def fmt_percent(value: object, decimals: int = 1) -> str:
    """A rate stored as a fraction: 0.8532 → "85.3%"; "—" when there is no value."""
    number = as_number(value)
    return "—" if number is None else f"{100 * number:.{decimals}f}%"


def fmt_signed_percent(value: object, decimals: int = 1) -> str:
    """A relative difference stored as a fraction: 0.052 → "+5.2%"."""
    number = as_number(value)
    return "—" if number is None else f"{100 * number:+.{decimals}f}%"


def fmt_int(value: object) -> str:
    number = as_number(value)
    return "—" if number is None else str(int(number))
