"""The column layout of the national data upload (国家学生体质健康标准数据上报) and its codes.

Source: ../shared/standards/fitness-upload-format.md. The student-information columns are those seen in a
public import script, in that order (年级编号 … 家庭住址); the official template itself could not be obtained,
so the order and the codes marked there as unconfirmed (年级编号 11–16 / 21–23, 性别 1/2, times written as
minutes'seconds) must be checked against a template downloaded from the platform. Vision columns follow the
2021 reporting notes.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from zhiliang.core.fitness.indicators import BY_KEY
from zhiliang.core.fitness.measures import format_seconds

STUDENT_COLUMNS: tuple[str, ...] = (
    "年级编号",
    "班级编号",
    "班级名称",
    "学籍号",
    "民族代码",
    "姓名",
    "性别",
    "出生日期",
    "家庭住址",
)
# Test columns in the order; a grade leaves the items it does not take empty.
TEST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("height", "身高"),
    ("weight", "体重"),
    ("vital_capacity", "肺活量"),
    ("run_50m", "50米跑"),
    ("standing_long_jump", "立定跳远"),
    ("sit_and_reach", "坐位体前屈"),
    ("run_800m", "800米跑"),
    ("run_1000m", "1000米跑"),
    ("sit_up_1min", "一分钟仰卧起坐"),
    ("pull_up", "引体向上"),
    ("rope_skip_1min", "一分钟跳绳"),
    ("shuttle_50mx8", "50米×8往返跑"),
)
VISION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("left_acuity", "左眼裸眼视力"),
    ("left_sphere", "左眼屈光球镜S"),
    ("left_cylinder", "左眼屈光柱镜C"),
    ("left_axis", "左屈光轴位A"),
    ("right_acuity", "右眼裸眼视力"),
    ("right_sphere", "右眼屈光球镜S"),
    ("right_cylinder", "右眼屈光柱镜C"),
    ("right_axis", "右屈光轴位A"),
)
HEADERS: tuple[str, ...] = STUDENT_COLUMNS + tuple(h for _k, h in TEST_COLUMNS) + tuple(h for _k, h in VISION_COLUMNS)


def grade_code(grade: int) -> str:
    """年级编号: 11–16 for primary grades 1–6, 21–23 for junior 7–9, 31–33 for senior 10–12."""
    if 1 <= grade <= 6:
        return str(10 + grade)
    if 7 <= grade <= 9:
        return str(14 + grade)
    if 10 <= grade <= 12:
        return str(21 + grade)
    raise ValueError(f"no grade code for grade {grade}")


def sex_code(sex: str) -> str:
    """GB/T 2261.1: 1 男, 2 女."""
    return {"M": "1", "F": "2"}[sex]


def format_value(key: str, value: Decimal | None) -> str:
    """A measurement as the template expects it: times of a minute or more as m'ss, others as numbers."""
    if value is None:
        return ""
    measure = BY_KEY.get(key)
    if measure is not None and measure.kind == "time" and value >= 60:
        return format_seconds(value).rstrip('"')
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class UploadStudent:
    grade: int
    class_number: int
    class_name: str
    student_number: str
    ethnic_code: str
    name: str
    sex: str
    birth_date: datetime.date | None
    measurements: Mapping[str, Decimal | None]


def upload_row(student: UploadStudent) -> list[str]:
    """One row of the upload file, as text (the platform rejects reformatted numbers and dates)."""
    row = [
        grade_code(student.grade),
        str(student.class_number),
        student.class_name,
        student.student_number,
        student.ethnic_code,
        student.name,
        sex_code(student.sex),
        student.birth_date.isoformat() if student.birth_date else "",
        "",  # 家庭住址: not kept by Zhiliang
    ]
    row += [format_value(key, student.measurements.get(key)) for key, _header in TEST_COLUMNS]
    row += [format_value(key, student.measurements.get(key)) for key, _header in VISION_COLUMNS]
    return row
