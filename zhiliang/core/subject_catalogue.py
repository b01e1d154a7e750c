"""The built-in subject catalogue (学科) and default full marks, for reading score files without a database.

The Django app keeps its own editable catalogue (`zhiliang.curriculum`); this module is what the command line
and the pure cores use when nobody has configured one. Canonical names follow the 2022 compulsory-education
curriculum plan (义务教育课程方案（2022年版）): 道德与法治, 信息科技, 劳动 …; the aliases are the spellings
schools and marking systems still write in their headers (道法, 思想品德, 外语, 信息技术 …).

Default full marks (a decision, documented in docs/cli.md):
- 语文, 数学, 英语 in grades 7–9 (初中): 120, the scale most provinces use for the 中考 and hence for
  school exams in those grades. Other provinces use 100 or 150: pass the real value (`--full-marks 语文=150`).
- everything else, and every subject when the grade is unknown: 100.
A score above the full marks is rejected rather than silently capped, so a wrong default shows up as an error
that names the subject, never as quietly wrong pass rates.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

DEFAULT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "语文": ("语文", "语", "语文成绩"),
    "数学": ("数学", "数", "数学成绩"),
    "英语": ("英语", "外语", "英文", "英", "英语成绩"),
    "道德与法治": ("道德与法治", "道法", "思想品德", "思品", "政治", "品德", "品德与社会", "品德与生活"),
    "历史": ("历史", "史"),
    "地理": ("地理", "地"),
    "物理": ("物理", "物"),
    "化学": ("化学", "化"),
    "生物": ("生物", "生物学", "生"),
    "科学": ("科学",),
    "信息科技": ("信息科技", "信息技术", "信息"),
    "体育": ("体育", "体育与健康"),
    "音乐": ("音乐",),
    "美术": ("美术",),
    "艺术": ("艺术",),
    "劳动": ("劳动",),
    "综合实践": ("综合实践", "综合实践活动"),
    "心理健康": ("心理健康", "心理"),
}

MAIN_SUBJECTS = frozenset({"语文", "数学", "英语"})
JUNIOR_MAIN_FULL_MARKS = 120.0
DEFAULT_FULL_MARKS = 100.0

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_JUNIOR_ALIASES = {"初一": 7, "初二": 8, "初三": 9, "七": 7, "八": 8, "九": 9}


def alias_index(catalogue: Mapping[str, Collection[str]]) -> dict[str, str]:
    """Map every canonical name and alias to its canonical name (a name always maps to itself)."""
    index: dict[str, str] = {}
    for canonical, aliases in catalogue.items():
        for alias in aliases:
            index.setdefault(alias, canonical)
    for canonical in catalogue:
        index[canonical] = canonical
    return index


def grade_level(label: str | None) -> int | None:
    """The grade number 1–9 of a label such as 七年级, 初一, 7, 7年级, 三年级; None when it is not one."""
    if not label:
        return None
    text = label.strip().replace("年级", "").replace("级", "")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 9 else None
    if text in _JUNIOR_ALIASES:
        return _JUNIOR_ALIASES[text]
    if text in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[text]
    return None


def default_full_marks(subject: str, grade_levels: Iterable[int | None]) -> float:
    """Full marks assumed for a subject when the user gave none (see the module docstring)."""
    junior = any(level is not None and 7 <= level <= 9 for level in grade_levels)
    if subject in MAIN_SUBJECTS and junior:
        return JUNIOR_MAIN_FULL_MARKS
    return DEFAULT_FULL_MARKS
