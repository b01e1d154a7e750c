"""Two school years of fitness tests, vision and health checks for the demo county, believable by grade and sex.

Every pupil in a class in autumn (the national test window opens in September) has one record per year,
scored by the standard's tables through `FitnessRecord.rescore()` like every other record:

- height grows with grade along typical Chinese school-age means (boys overtake girls in junior grades),
  a pupil keeps their place in the distribution from year to year; BMI centres in the normal band of the
  grade's table with a right skew, so about one pupil in six is overweight or obese, as surveys report;
- each tested item comes from a lasting fitness level per pupil, a small school effect and test-day noise,
  mapped through the grade's own table so that roughly 90–95 % of primary pupils pass overall; junior items
  whose national table is incomplete here (standing long jump, pull-ups, 800/1000 m, girls' sit-ups) are
  measured realistically around their known 100-point value, so most junior totals cannot be scored
  (docs/fitness.md explains why) while their complete indicators and BMI are rated;
- naked-eye acuity: the share with poor vision rises from about a quarter in grade 1 to about two thirds in
  grade 9, and falls a little in the second year (the national goal); refraction is recorded for pupils
  below 5.0; dental caries is common in the lower primary grades;
- about three pupils in a thousand are exempt (免测, illness).

Randomness is keyed by seed, student number, school code and year, so two builds are identical.
"""

from __future__ import annotations

import itertools
import random
from decimal import Decimal
from statistics import NormalDist
from typing import Any

from django.apps import apps
from django.db import connection

from zhiliang.org.models import County

LABEL = "生成体质健康测试与视力数据"
BATCH = 2000
NORMAL = NormalDist()

# Typical mean height (cm) in autumn of grades 1–9, boys and girls (school-age norms, rounded).
HEIGHT = {
    "M": (122, 128, 134, 139, 144, 151, 158, 165, 169),
    "F": (121, 127, 133, 139, 145, 151, 155, 157, 158),
}
# Share with poor vision (any eye below 5.0) by grade in the first demo year.
POOR_VISION = (0.25, 0.3, 0.37, 0.44, 0.5, 0.56, 0.62, 0.66, 0.7)
CARIES = (0.45, 0.45, 0.4, 0.3, 0.25, 0.2, 0.2, 0.18, 0.18)


def available() -> bool:
    if not apps.is_installed("zhiliang.fitness"):
        return False
    table: str = apps.get_model("fitness", "FitnessRecord")._meta.db_table
    return table in connection.introspection.table_names()


def present(county: County) -> bool:
    from zhiliang.fitness.models import FitnessRecord

    return FitnessRecord.objects.filter(school_year__county=county).exists()


def counts(county: County) -> dict[str, int]:
    if not available():
        return {}
    from zhiliang.fitness.models import FitnessRecord

    records = FitnessRecord.objects.filter(school_year__county=county)
    return {
        "fitness_records": records.count(),
        "fitness_scored": records.exclude(total=None).count(),
        "vision_records": records.exclude(left_acuity=None).count(),
    }


def _decimal(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places))) if places else Decimal(round(value))


class _Generator:
    """Measurements for one pupil-year; tables from the core (data), never hard-coded here."""

    def __init__(self, seed: int) -> None:
        from zhiliang.core.fitness import load_standard

        self.seed = seed
        self.standard = load_standard()
        self.school_effects: dict[str, float] = {}

    def school_effect(self, code: str) -> float:
        if code not in self.school_effects:
            self.school_effects[code] = random.Random(f"{self.seed}:fitness-school:{code}").gauss(0, 0.35)
        return self.school_effects[code]

    def measure(self, indicator: str, grade: int, sex: str, level: float, rng: random.Random) -> Decimal:
        """A measurement whose score under the grade's table is about `level` (0–115; above 100 earns bonus)."""
        from zhiliang.core.fitness import BY_KEY

        table = self.standard.table(indicator, grade, sex)
        assert table is not None
        measure = BY_KEY[indicator]
        better = 1 if table.direction == "higher_better" else -1
        top = table.levels[0].threshold
        places = measure.decimals
        step = Decimal(1) if places == 0 else Decimal("0.1")
        if not table.complete and len(table.levels) == 1:
            # only the 100-point value is known: spread realistically around it (about 12 % below at 60)
            spread = float(top) * (0.0030 if measure.kind != "time" else 0.0040)
            value = float(top) - better * (100 - level) * spread
            return _decimal(value, places)
        if level >= 100:
            return top + better * step * int((level - 100) * 2)
        levels = list(table.levels)
        for upper, lower in itertools.pairwise(levels):
            if lower.score <= level < upper.score:
                share = (level - lower.score) / (upper.score - lower.score)
                value = float(lower.threshold) + share * float(upper.threshold - lower.threshold)
                return _decimal(value, places)
        lowest = levels[-1]
        return lowest.threshold - better * step * rng.randint(1, 8)

    def record(self, *, number: str, school: str, year_index: int, grade: int, sex: str) -> dict[str, Any]:
        lasting = random.Random(f"{self.seed}:fitness:{number}")
        fitness, build, tall, eyes, teeth, exempt = (lasting.gauss(0, 1) for _ in range(6))
        rng = random.Random(f"{self.seed}:fitness:{number}:{year_index}")
        values: dict[str, Any] = {}
        height = HEIGHT[sex][grade - 1] + 6.0 * tall + rng.gauss(0, 0.8)
        normal = next(b for b in self.standard.bmi[(grade, sex)] if b.status == "normal")
        assert normal.low is not None and normal.high is not None
        centre = float(normal.low) + 0.35 * float(normal.high - normal.low)
        # right-skewed: few underweight, about one in six overweight or obese
        skew = build if build < 0 else build + 0.4 * build * build
        bmi = centre + (1.0 if build < 0 else 2.2) * skew + rng.gauss(0, 0.3)
        values["height"] = _decimal(height, 1)
        values["weight"] = _decimal(bmi * (height / 100) ** 2, 1)
        values["exempt"] = exempt > 2.75
        if values["exempt"]:
            values["exempt_reason"] = "因病免测"
        else:
            for indicator in self.standard.indicators_for(grade, sex):
                if indicator == "bmi":
                    continue
                z = 0.75 * fitness + 0.3 * self.school_effect(school) + 0.45 * rng.gauss(0, 1) - 0.15 * max(skew, 0)
                level = max(0.0, min(115.0, 76 + 14 * z))
                values[indicator] = self.measure(indicator, grade, sex, level, rng)
        prevalence = POOR_VISION[grade - 1] - 0.015 * year_index
        share = NORMAL.cdf(eyes)
        poor = share > 1 - prevalence
        depth = (share - (1 - prevalence)) / prevalence if poor else 0.0  # 0–1 among the poor: mild first
        for side in ("left", "right"):
            if poor:
                if depth < 0.35:
                    acuity = 4.9 if rng.random() < 0.8 else 5.0  # the other eye may still be normal
                elif depth < 0.75:
                    acuity = rng.choice((4.6, 4.7, 4.8))
                else:
                    acuity = rng.choice((4.0, 4.2, 4.3, 4.4, 4.5))
                sphere = -0.5 - 4.0 * depth - 0.25 * rng.randint(0, 2)
                values[f"{side}_sphere"] = _decimal(sphere * 4, 0) / 4
                values[f"{side}_cylinder"] = -Decimal(rng.choice((0, 25, 50, 75))) / 100
                values[f"{side}_axis"] = Decimal(rng.randrange(0, 180, 5))
            else:
                acuity = rng.choice((5.0, 5.0, 5.1, 5.1, 5.2))
            values[f"{side}_acuity"] = _decimal(acuity, 1)
        values["caries"] = NORMAL.cdf(teeth) < CARIES[grade - 1]
        return values


def build(*, county: County, seed: int) -> int:
    """Write the fitness records of every pupil in a class in each demo year; returns the number written."""
    from zhiliang.fitness.models import FitnessRecord
    from zhiliang.org.models import SchoolYear
    from zhiliang.people.models import ClassMembership

    generator = _Generator(seed)
    years = list(SchoolYear.objects.filter(county=county).order_by("start_year"))
    written = 0
    for year_index, year in enumerate(years):
        memberships = (
            ClassMembership.objects.filter(school_year=year)
            .select_related("student", "school_class__school")
            .order_by("student__student_number")
        )
        batch: list[FitnessRecord] = []
        for membership in memberships:
            klass = membership.school_class
            if not 1 <= klass.grade <= 9 or (membership.left_on and membership.left_on.month in (9, 10)):
                continue  # left before the autumn test
            student = membership.student
            values = generator.record(
                number=student.student_number,
                school=klass.school.code,
                year_index=year_index,
                grade=klass.grade,
                sex=student.sex,
            )
            record = FitnessRecord(
                student=student, school_year=year, school_class=klass, grade=klass.grade, sex=student.sex, **values
            )
            record.rescore()
            batch.append(record)
            if len(batch) >= BATCH:
                FitnessRecord.objects.bulk_create(batch)
                written += len(batch)
                batch = []
        FitnessRecord.objects.bulk_create(batch)
        written += len(batch)
    return written
