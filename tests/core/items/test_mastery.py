"""Knowledge-point mastery computed by hand.

Items: 1 (2 points, 方程), 2 (2 points, 方程 and 函数), 3 (4 points, 函数).
Students: a (1班) 2, 1, 4; b (1班) 0, 2, 2; c (2班) 2, 0, blank.

方程 (possible 4): a 3, b 2, c 2 → 1班 5/8, 2班 2/4, grade 7/12.
函数 (possible 6): a 5, b 4, c 0 → 1班 9/12, 2班 0/6, grade 9/18.
"""

import numpy as np
import polars as pl
import pytest

from zhiliang.core.items import knowledge_mastery

POINTS = np.array([[2, 1, 4], [0, 2, 2], [2, 0, np.nan]])
UNITS = pl.DataFrame({"student": ["a", "b", "c"], "school": ["一中"] * 3, "class": ["1班", "1班", "2班"]})


def test_mastery_per_student_class_and_grade() -> None:
    tables = knowledge_mastery(POINTS, [2, 2, 4], {"方程": [0, 1], "函数": [1, 2]}, UNITS)
    a = tables.students.filter(pl.col("student") == "a").sort("knowledge_point")
    assert a.select("knowledge_point", "obtained", "possible", "lost").rows() == [
        ("函数", 5.0, 6.0, 1.0),
        ("方程", 3.0, 4.0, 1.0),
    ]
    classes = {(r["class"], r["knowledge_point"]): r for r in tables.classes.iter_rows(named=True)}
    assert classes[("1班", "方程")]["mastery"] == pytest.approx(5 / 8)
    assert classes[("2班", "函数")]["mastery"] == 0
    assert classes[("1班", "方程")]["gap_grade"] == pytest.approx(5 / 8 - 7 / 12)
    assert classes[("2班", "函数")]["gap_school"] == pytest.approx(0 - 0.5)
    grade = dict(tables.grade.select("knowledge_point", "mastery").rows())
    assert grade == pytest.approx({"方程": 7 / 12, "函数": 0.5})
    assert tables.schools.get_column("gap_grade").to_list() == pytest.approx([0.0, 0.0])


def test_no_knowledge_points_gives_empty_tables() -> None:
    tables = knowledge_mastery(POINTS, [2, 2, 4], {}, UNITS)
    assert tables.students.is_empty() and tables.classes.is_empty()
