"""Balanced-development figures (义务教育优质均衡) for the demo county, for both school years.

Enrolment and teacher counts come from the demo's own records (the balance app reads them), so this layer only
writes what a school enters: facility totals (teaching space, sports ground, equipment value, multimedia
rooms) per school and year, sized from the school's recorded enrolment so the ratios make sense at any
`--scale`. Schools are given believable profiles: the crowded town schools (实验小学, 县一中) lack space and
fail the area indicators, some village schools lack equipment or rooms, most pass; every school improves a
little from 2024 to 2025, so the trend shows. 杨庄乡九年一贯制学校 and 城东学校 (九年一贯制) give whole-school
totals that the app splits 1 : 1.1. 城关第二小学 also records the ratios it stated in its plan, computed with a
wrong enrolment (as the seed plan did), so the consistency check has something to find. The county checklist
gets its defaults and a few answers; 县一中 has measures with deadlines for its gaps.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.db import connection
from django.utils import timezone

from zhiliang.org.models import County

LABEL = "生成优质均衡指标数据"

# Per-student multiples of the standard (teaching area, sports area, equipment, rooms) by school code;
# schools not listed draw around 1.1–1.5.
PROFILES: dict[str, tuple[float, float, float, float]] = {
    "QH01": (0.78, 0.62, 1.05, 1.1),  # crowded town primary: too little space
    "QH03": (0.82, 0.7, 1.2, 1.05),  # crowded town junior
    "QH11": (1.3, 1.6, 0.7, 0.8),  # village primary: space but little equipment
    "QH14": (1.4, 1.8, 0.9, 0.6),
    "QH16": (1.1, 1.4, 0.88, 1.0),  # nine-year village school
    "QH19": (1.2, 1.5, 1.0, 0.95),
}
STANDARDS = {"primary": (4.5, 7.5, 2000.0, 2.3), "junior": (5.8, 10.2, 2500.0, 2.4)}
WEIGHTS = {"primary": 1.0, "junior": 1.1}
MISSTATED = "QH02"


def available() -> bool:
    if not apps.is_installed("zhiliang.balance"):
        return False
    table: str = apps.get_model("balance", "IndicatorInput")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.balance.models import IndicatorInput

    return IndicatorInput.objects.filter(school__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.balance.models import ChecklistAnswer, IndicatorInput, Measure

    return {
        "balance_inputs": IndicatorInput.objects.filter(school__county=county).count(),
        "balance_answers": ChecklistAnswer.objects.filter(item__county=county).count(),
        "balance_measures": Measure.objects.filter(school__county=county).count(),
    }


def _enrolment(county: County) -> dict[tuple[int, int], Counter[str]]:
    from django.db.models import Count

    from zhiliang.org.models import stage_for_grade
    from zhiliang.people.models import ClassMembership

    result: dict[tuple[int, int], Counter[str]] = {}
    rows = (
        ClassMembership.objects.filter(school_year__county=county, left_on__isnull=True)
        .values("school_year_id", "school_class__school_id", "school_class__grade")
        .annotate(n=Count("id"))
    )
    for row in rows:
        key = (row["school_year_id"], row["school_class__school_id"])
        result.setdefault(key, Counter())[str(stage_for_grade(row["school_class__grade"]))] += row["n"]
    return result


def build(*, county: County, seed: int) -> int:
    """Write the facility figures, stated ratios, checklist answers and measures; returns the rows written."""
    from zhiliang.accounts.models import User
    from zhiliang.balance.models import ChecklistAnswer, ChecklistItem, IndicatorInput, InputKind, InputSource, Measure
    from zhiliang.balance.services import checklist_defaults_ensure
    from zhiliang.org.models import School, SchoolYear

    rng = random.Random(f"{seed}:balance")
    enrolment = _enrolment(county)
    admin = User.objects.filter(username="bureau_admin").first()
    principal = User.objects.filter(username="principal").first()
    years = list(SchoolYear.objects.filter(county=county).order_by("start_year"))
    schools = list(School.objects.filter(county=county).exclude(kind="senior").order_by("code"))
    base = {s.code: PROFILES.get(s.code) or tuple(rng.uniform(1.1, 1.5) for _ in range(4)) for s in schools}
    rows: list[IndicatorInput] = []
    for index, year in enumerate(years):
        improvement = 1.0 + 0.06 * index  # 2025 a little better than 2024
        entered_at = timezone.make_aware(datetime.datetime(year.start_year, 10, 15, 9, 0))
        for school in schools:
            counts_by_stage = enrolment.get((year.pk, school.pk), Counter())
            weighted = sum(WEIGHTS.get(stage, 1.0) * n for stage, n in counts_by_stage.items())
            if weighted == 0:
                continue
            stage = "junior" if school.kind == "junior" else "primary"
            standards = STANDARDS[stage]
            # A junior student weighs 1.1: weighted enrolment at primary standards gives a fair total for both.
            totals = [
                weighted * standard * multiple * improvement * rng.uniform(0.97, 1.03)
                for standard, multiple in zip(standards, base[school.code], strict=True)
            ]
            figures = {
                "teaching_area": round(totals[0]),
                "sports_area": round(totals[1]),
                "equipment_value": round(totals[2], -2),
                "multimedia_rooms": max(1, round(totals[3] / 100)),
            }
            for key, value in figures.items():
                rows.append(
                    IndicatorInput(
                        school=school, school_year=year, key=key, stage="", value=Decimal(str(value)),
                        source=InputSource.DEMO, entered_by=admin, entered_at=entered_at,
                    )
                )  # fmt: skip
            if school.code == MISSTATED and year.is_current:
                # The plan divided by a rounded-up 1,000-style enrolment: ratios computed with 1.4 × the records.
                wrong = sum(counts_by_stage.values()) * 1.4
                for key in ("teaching_area", "equipment_value"):
                    text = f"{figures[key] / wrong:.2f}"
                    rows.append(
                        IndicatorInput(
                            school=school, school_year=year, key=key, stage="", kind=InputKind.STATED_RATIO,
                            value=Decimal(text), text=text, source=InputSource.DEMO, entered_by=admin,
                            entered_at=entered_at,
                        )
                    )  # fmt: skip
    IndicatorInput.objects.bulk_create(rows)
    written = len(rows)
    checklist_defaults_ensure(county)
    current = next((y for y in years if y.is_current), years[-1])
    answers = {"G9": (Decimal("100"), True), "G11a": (Decimal("12.5"), False), "G15": (Decimal("91"), False),
               "S1": (Decimal("88.6"), False), "G1": (None, True)}  # fmt: skip
    items = {item.code: item for item in ChecklistItem.objects.filter(county=county)}
    now = timezone.make_aware(datetime.datetime(current.start_year, 11, 20, 10, 0))
    for code, (value, done) in answers.items():
        ChecklistAnswer.objects.create(
            item=items[code], school_year=current, value=value, done=done, entered_by=admin, entered_at=now
        )
        written += 1
    junior = School.objects.filter(county=county, code="QH03").first()
    if junior is not None:
        for code, value in (
            ("Q1", Decimal("99.2")),
            ("Q2", Decimal("96")),
            ("Q4", Decimal("5.5")),
            ("G5b", Decimal("57")),
        ):
            ChecklistAnswer.objects.create(
                item=items[code], school_year=current, school=junior, value=value, entered_by=principal, entered_at=now
            )
            written += 1
        for key, text, months in (
            ("teaching_area", "申请新建综合楼一栋（教学及辅助用房约3,000平方米）", 20),
            ("sports_area", "租用相邻体育公园运动场，步行10分钟内", 8),
        ):
            Measure.objects.create(
                school=junior, school_year=current, key=key, text=text,
                deadline=datetime.date(current.start_year, 9, 1) + datetime.timedelta(days=30 * months),
                responsible="李艳", entered_by=principal, entered_at=now,
            )  # fmt: skip
            written += 1
    return written
