"""The demo's subject catalogue: codes, aliases, weekly periods per grade, full marks, who may teach what.

Subjects and aliases are those of `zhiliang.core.subject_catalogue` (the same spellings the command line
accepts), plus a few older names a county still meets in files (自然 for 科学, 社会 for the old social
studies folded into 道德与法治). Weekly periods follow the shape of the 2022 compulsory-education curriculum plan
(义务教育课程方案（2022年版）): 科学 from grade 1, 英语 and 信息科技 from grade 3, 物理 from grade 8, 化学 in
grade 9, 地理 and 生物 in grades 7–8. The exact period counts vary by province; these are typical values.

Full marks (a decision, the same as the command line's defaults in `zhiliang.core.subject_catalogue`):
语文, 数学 and 英语 in grades 7–9 have 120, every other subject and every primary subject 100.
"""

from __future__ import annotations

from decimal import Decimal

from zhiliang.core.subject_catalogue import DEFAULT_SUBJECTS, default_full_marks

# (code, name, order, is_main)
SUBJECTS: tuple[tuple[str, str, int, bool], ...] = (
    ("chinese", "语文", 1, True),
    ("math", "数学", 2, True),
    ("english", "英语", 3, True),
    ("morality", "道德与法治", 4, False),
    ("history", "历史", 5, False),
    ("geography", "地理", 6, False),
    ("physics", "物理", 7, False),
    ("chemistry", "化学", 8, False),
    ("biology", "生物", 9, False),
    ("science", "科学", 10, False),
    ("it", "信息科技", 11, False),
    ("pe", "体育", 12, False),
    ("music", "音乐", 13, False),
    ("art", "美术", 14, False),
)
SUBJECT_NAMES = tuple(name for _code, name, _order, _main in SUBJECTS)

EXTRA_ALIASES = {"科学": ("自然",), "道德与法治": ("社会",)}


def aliases(name: str) -> list[str]:
    """The spellings other than the canonical name under which `name` appears in school files."""
    spelled = [*DEFAULT_SUBJECTS.get(name, ()), *EXTRA_ALIASES.get(name, ())]
    return [alias for alias in dict.fromkeys(spelled) if alias != name]


def weekly_periods(grade: int) -> dict[str, int]:
    """Subject → periods per week for a class of `grade` (1–9), in display order."""
    if grade <= 6:
        periods = {
            "语文": 8 if grade <= 2 else 7 if grade <= 4 else 6,
            "数学": 4 if grade <= 2 else 5,
            "英语": 0 if grade <= 2 else 2 if grade <= 4 else 3,
            "道德与法治": 2,
            "科学": 1 if grade <= 2 else 2,
            "信息科技": 0 if grade <= 2 else 1,
            "体育": 4 if grade <= 2 else 3,
            "音乐": 2,
            "美术": 2,
        }
    else:
        periods = {
            "语文": 5,
            "数学": 5,
            "英语": 4,
            "道德与法治": 2,
            "历史": 2,
            "地理": 2 if grade <= 8 else 0,
            "物理": 3 if grade >= 8 else 0,
            "化学": 3 if grade == 9 else 0,
            "生物": 2 if grade <= 8 else 0,
            "信息科技": 1 if grade <= 8 else 0,
            "体育": 3,
            "音乐": 1,
            "美术": 1,
        }
    return {subject: count for subject, count in periods.items() if count}


def full_marks(subject: str, grade: int) -> Decimal:
    return Decimal(str(default_full_marks(subject, [grade])))


# Who may teach a subject, in order of preference: a teacher is hired for a main subject and, in a small
# school, takes other subjects on the side (包班). The first family is the one a new teacher is hired for.
TEACHER_FAMILIES: dict[str, tuple[str, ...]] = {
    "语文": ("语文",),
    "数学": ("数学",),
    "英语": ("英语",),
    "道德与法治": ("道德与法治", "语文", "历史"),
    "历史": ("历史", "道德与法治"),
    "地理": ("地理", "生物", "历史"),
    "物理": ("物理", "数学"),
    "化学": ("化学", "生物"),
    "生物": ("生物", "地理", "化学"),
    "科学": ("科学", "数学"),
    "信息科技": ("信息科技", "数学", "科学"),
    "体育": ("体育",),
    "音乐": ("音乐", "美术"),
    "美术": ("美术", "音乐"),
}
PE_ARTS = frozenset({"体育", "音乐", "美术"})
