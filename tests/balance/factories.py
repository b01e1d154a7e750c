"""Figures for the test cast: 第一初级中学 (junior1) and 第二初级中学 (junior2) with facilities, 城关中心小学 too.

junior1 has 3 students in the records (s1, s2, s3), junior2 1 (s4), the central school 1 (s5); the cast's
teachers are all at the junior schools. Entered enrolment makes the numbers readable: junior1 500 students,
junior2 400, central 300.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from zhiliang.balance.models import IndicatorInput, InputKind

FIGURES = {
    # school attr: (students, stage, teachers (qualified, backbone, pe/arts), facilities)
    "junior1": (500, "junior", (30, 6, 5), (2500, 4000, 1_000_000, 12)),
    "junior2": (400, "junior", (22, 4, 4), (2400, 4200, 1_100_000, 10)),
    "central": (300, "primary", (14, 3, 3), (1500, 2400, 640_000, 7)),
}


def fill(cast, year=None, *, when=None):
    year = year or cast.year
    when = when or timezone.make_aware(datetime.datetime(2025, 10, 1, 9))
    admin = cast.user("bureau_admin")
    rows = []
    for attr, (students, stage, teachers, facilities) in FIGURES.items():
        school = getattr(cast, attr)
        values = {("students", stage): students}
        values |= dict(
            zip(
                [("qualified_teachers", stage), ("backbone_teachers", stage), ("pe_arts_teachers", stage)],
                teachers,
                strict=True,
            )
        )
        values |= dict(
            zip(
                [("teaching_area", ""), ("sports_area", ""), ("equipment_value", ""), ("multimedia_rooms", "")],
                facilities,
                strict=True,
            )
        )
        for (key, stage_code), value in values.items():
            rows.append(
                IndicatorInput(
                    school=school, school_year=year, key=key, stage=stage_code, kind=InputKind.FIGURE,
                    value=Decimal(value), entered_by=admin, entered_at=when,
                )
            )  # fmt: skip
    IndicatorInput.objects.bulk_create(rows)
