"""Reading class labels as schools write them (the last resort of matching students by name)."""

import pytest

from zhiliang.exams.matching import class_number


@pytest.mark.parametrize(
    ("text", "grade", "number"),
    [
        ("七年级(3)班", 7, 3),
        ("七年级（3）班", 7, 3),
        ("初一3班", 7, 3),
        ("七(3)班", 7, 3),
        ("3班", 7, 3),
        ("(3)", None, 3),
        ("3", None, 3),
        ("12班", 7, 12),
        ("703", 7, 3),
        ("0703", 7, 3),
        ("7.3", 7, 3),
        ("7-12", 7, 12),
        ("７年级３班", 7, 3),
        ("", 7, None),
        ("火箭班", 7, None),
        ("0班", 7, None),
    ],
)
def test_class_number(text, grade, number):
    assert class_number(text, grade) == number
