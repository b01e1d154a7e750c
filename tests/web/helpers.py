"""Helpers for the page tests: more students in a class, and reading a figure out of a rendered home page."""

import re
from typing import Any

from zhiliang.org.models import SchoolClass
from zhiliang.people.models import ClassMembership, Student, StudentStatus


def add_students(school_class: SchoolClass, count: int, *, prefix: str = "X", **fields: Any) -> list[Student]:
    """`count` more students in `school_class` this year (numbers `{prefix}{class id}-{i}`)."""
    students = []
    for i in range(count):
        student = Student.objects.create(
            county=school_class.school.county,
            student_number=f"{prefix}{school_class.pk}-{i:03d}",
            name=f"学生{prefix}{i}",
            sex="M" if i % 2 else "F",
            school=school_class.school,
            status=fields.get("status", StudentStatus.ENROLLED),
        )
        ClassMembership.objects.create(
            student=student,
            school_class=school_class,
            school_year=school_class.school_year,
            seat_number=i + 1,
            left_on=fields.get("left_on"),
        )
        students.append(student)
    return students


def stat(html: str, key: str, section: str | None = None) -> str:
    """The value of a home-page figure (`data-stat=key`), optionally inside `data-section=section`."""
    if section is not None:
        match = re.search(rf'<section[^>]*data-section="{section}".*?</section>', html, re.S)
        assert match, f"no section {section}"
        html = match.group(0)
    block = re.search(rf'data-stat="{key}">\s*<div class="zl-stat-value">([^<]*)</div>', html)
    assert block, f"no figure {key}"
    return block.group(1).strip()
