"""Realistic generated intakes for placement tests and the benchmark (fixed seed, no real people).

A grade-7 intake of a county-town junior middle school: pupils from `feeders` primary schools of unequal
size and attainment (the town's central primary scores higher than the village schools), entry score the sum
of 语文, 数学 and 英语 (each out of 100, skewed towards the top as graduation results are), about 52 % boys,
2 % special needs (随班就读), 20 % left-behind (more in the village schools), twins (1 % of pupils, same feeder),
a few together pairs asked for by parents, and a few pre-assigned pupils (e.g. a teacher's child placed in a
class the teacher does not teach). Grade 1 (`with_scores=False`) has no scores and kindergartens as feeders.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from pathlib import Path

from zhiliang.core.placement import IntakeStudent

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子涵欣怡梓轩浩然一诺宇轩雨桐思远若汐俊杰嘉怡明轩佳琪博文诗涵宇航雅静天佑晨曦文博心怡"
FEEDERS = ["城关中心小学", "实验小学", "东关小学", "西街小学", "李庄小学", "王屯小学", "河口小学", "马坊小学",
           "北岗小学", "南湖小学", "柳林小学", "石桥小学", "张村小学", "高庄小学", "新河小学"]  # fmt: skip
KINDERGARTENS = ["县直幼儿园", "城关幼儿园", "实验幼儿园", "阳光幼儿园", "李庄幼儿园", "王屯幼儿园", "河口幼儿园"]


def make_intake(
    count: int,
    *,
    seed: int = 1,
    feeders: int = 8,
    with_scores: bool = True,
    classes: int | None = None,
    twins_share: float = 0.01,
    together_pairs: int = 2,
    fixed: int = 2,
) -> list[IntakeStudent]:
    """`count` students; `classes` bounds the pre-assigned class numbers (default: no pre-assignments)."""
    rng = random.Random(seed)
    schools = (FEEDERS if with_scores else KINDERGARTENS)[:feeders]
    weights = [3.0 if i == 0 else 1.0 + rng.random() for i in range(len(schools))]
    levels = [8.0 if i == 0 else rng.uniform(-6.0, 4.0) for i in range(len(schools))]
    birth_year = 2013 if with_scores else 2019
    students: list[IntakeStudent] = []
    twin_pairs = round(count * twins_share / 2)
    index = 0
    while len(students) < count:
        school = rng.choices(range(len(schools)), weights)[0]
        is_twin = twin_pairs > 0 and len(students) + 2 <= count and rng.random() < 0.1
        size = 2 if is_twin else 1
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        birth = datetime.date(birth_year, 9, 1) + datetime.timedelta(days=rng.randrange(365))
        for member in range(size):
            index += 1
            subjects = {}
            score = None
            if with_scores:
                base = levels[school]
                for subject in ("语文", "数学", "英语"):
                    raw = 100 - abs(rng.gauss(14 - base, 12)) - rng.expovariate(1 / 4)
                    subjects[subject] = round(min(100.0, max(12.0, raw)) * 2) / 2
                score = sum(subjects.values())
            given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2) :][:2]
            students.append(
                IntakeStudent(
                    student_id=f"G{birth_year}{index:06d}",
                    name=surname + given,
                    sex="M" if rng.random() < 0.52 else "F",
                    score=score,
                    subjects=subjects,
                    birth_date=birth,
                    special_needs=rng.random() < 0.02,
                    left_behind=rng.random() < (0.1 if school < 2 else 0.3),
                    feeder_school=schools[school],
                    sibling_group=f"{surname}{index - member}" if is_twin else None,
                )
            )
        if is_twin:
            twin_pairs -= 1
    students = students[:count]
    if together_pairs:
        singles = [i for i, s in enumerate(students) if s.sibling_group is None]
        chosen = rng.sample(singles, 2 * together_pairs)
        for pair in range(together_pairs):
            for i in chosen[2 * pair : 2 * pair + 2]:
                students[i] = _replace(students[i], together_group=f"家长申请{pair + 1}")
    if classes and fixed:
        free = [i for i, s in enumerate(students) if s.sibling_group is None and s.together_group is None]
        for i in rng.sample(free, fixed):
            students[i] = _replace(students[i], fixed_class=rng.randint(1, classes))
    return students


def _replace(student: IntakeStudent, **changes: object) -> IntakeStudent:
    import dataclasses

    return dataclasses.replace(student, **changes)  # type: ignore[arg-type]


HEADER = ["学籍号", "姓名", "性别", "成绩", "语文", "数学", "英语", "出生日期", "特殊需要", "留守", "毕业学校",
          "同胞组", "同班组", "指定班级"]  # fmt: skip


def intake_rows(students: Sequence[IntakeStudent], *, subjects: bool = True) -> list[list[object]]:
    """The students as the rows of an intake file (header first)."""
    header = HEADER if subjects else [h for h in HEADER if h not in ("语文", "数学", "英语")]
    rows: list[list[object]] = [list(header)]
    for s in students:
        row: list[object] = [s.student_id, s.name, "男" if s.sex == "M" else "女", s.score]
        if subjects:
            row += [s.subjects.get("语文"), s.subjects.get("数学"), s.subjects.get("英语")]
        row += [
            s.birth_date.isoformat() if s.birth_date else None,
            "是" if s.special_needs else "否",
            "是" if s.left_behind else "否",
            s.feeder_school,
            s.sibling_group,
            s.together_group,
            s.fixed_class,
        ]
        rows.append(row)
    return rows


def write_intake(path: Path, rows: Sequence[Sequence[object]], *, title: str | None = None) -> Path:
    """Write rows as an .xlsx intake file (a merged title row above the header when `title` is given)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("新生名单")
    offset = 0
    if title:
        sheet.merge_range(0, 0, 0, len(rows[0]) - 1, title)
        offset = 1
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r + offset, c, value)
            else:
                sheet.write(r + offset, c, value)
    workbook.close()
    return path
