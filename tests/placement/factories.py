"""Placement runs for web tests: a small generated intake uploaded through the real service (immediate task
backend), into the next school year of the test cast's 第一初级中学."""

from __future__ import annotations

import datetime
import io
import itertools
from collections.abc import Sequence
from typing import Any

from tests.cast import Cast
from tests.placement.intakes import intake_rows, make_intake
from zhiliang.core.placement import IntakeStudent
from zhiliang.org.models import SchoolYear
from zhiliang.placement.models import PlacementRun
from zhiliang.placement.services import placement_run_create

_batch = itertools.count(1)


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("新生名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def next_year(cast: Cast) -> SchoolYear:
    year, _created = SchoolYear.objects.get_or_create(
        county=cast.county,
        start_year=2026,
        defaults={"start_date": datetime.date(2026, 9, 1), "end_date": datetime.date(2027, 7, 31)},
    )
    return year


def unique_intake(count: int, **kwargs: Any) -> list[IntakeStudent]:
    """A generated intake whose 学籍号 are not used by any other call in this test process."""
    import dataclasses

    batch = next(_batch)
    return [
        dataclasses.replace(student, student_id=f"N{batch:03d}{i:04d}")
        for i, student in enumerate(make_intake(count, **kwargs), start=1)
    ]


def placed_run(
    cast: Cast, *, count: int = 12, classes: int = 2, role: str = "academic_director", **options: Any
) -> PlacementRun:
    students = unique_intake(count, seed=count, feeders=3, together_pairs=0, fixed=0)
    content = xlsx_bytes(intake_rows(students))
    return placement_run_create(
        user=cast.user(role),
        school=cast.junior1,
        school_year=next_year(cast),
        grade=7,
        filename="七年级新生.xlsx",
        content=content,
        classes=classes,
        max_size=options.pop("max_size", 50),
        time_limit=options.pop("time_limit", 0.5),
        **options,
    )
