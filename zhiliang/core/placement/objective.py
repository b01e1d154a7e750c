"""What "balanced" costs: the objective the optimiser minimises, on units (students, or together groups).

* Counts (boys, girls, special needs, left-behind, each score band, each feeder school, each birth quarter):
  a category of G students should have ⌊G/N⌋ or ⌈G/N⌉ in each of the N classes; every student over or under
  that range costs COUNT_WEIGHT. So "within one" is reached whenever the hard constraints allow it.
* Numbers (entry score, each subject score, and the spread of the entry score): each value is put on a
  common scale, z = (value − intake mean) / intake SD, in units of 1/SCALE, and a class's deviation is
  D_c = Σ z over its students with a value. Equal class means make every D_c zero; D_c / n_c is how far the
  class mean lies from the intake mean, in SDs. The spread uses (z² − 1), whose class sum is zero when the
  class's mean square deviation from the intake mean equals the intake variance. A number costs its weight
  × (N · max_c |D_c| + Σ_c |D_c|): the worst class first, then all of them.

The cost is zero only for a perfectly balanced placement; `lower_bound` is a bound no placement can beat.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from zhiliang.core.placement.constraints import Structure
from zhiliang.core.placement.stats import BIRTH_QUARTERS, birth_quarter, score_bands

SCALE = 1000  # z-scores in thousandths of an SD
COUNT_WEIGHT = 100 * SCALE  # one student outside a count's range ≈ a class mean 0.1 SD off, times N
SCORE_WEIGHT = 30
SPREAD_WEIGHT = 3
SUBJECT_WEIGHT = 4


@dataclass(frozen=True)
class Category:
    name: str
    counts: tuple[int, ...]  # per unit
    low: int  # ⌊G/N⌋
    high: int  # ⌈G/N⌉


@dataclass(frozen=True)
class Number:
    name: str
    weight: int
    values: tuple[int, ...]  # per unit: Σ of its students' scaled values


@dataclass(frozen=True)
class Balance:
    """The objective's data for one intake and number of classes."""

    classes: int
    categories: tuple[Category, ...]
    numbers: tuple[Number, ...]

    def cost(self, unit_class: Sequence[int]) -> int:
        """The objective of a complete assignment (unit → 0-based class)."""
        return sum(self.class_costs(unit_class)[1])

    def class_costs(self, unit_class: Sequence[int]) -> tuple[list[int], list[int]]:
        """Per-class cost (count penalties + weighted |D_c|, for choosing where to search) and the terms of the
        objective."""
        classes = self.classes
        per_class = [0] * classes
        terms: list[int] = []
        for category in self.categories:
            counts = [0] * classes
            for unit, count in enumerate(category.counts):
                if count:
                    counts[unit_class[unit]] += count
            for c, count in enumerate(counts):
                excess = COUNT_WEIGHT * (max(0, count - category.high) + max(0, category.low - count))
                per_class[c] += excess
                terms.append(excess)
        for number in self.numbers:
            sums = [0] * classes
            for unit, value in enumerate(number.values):
                if value:
                    sums[unit_class[unit]] += value
            for c, total in enumerate(sums):
                per_class[c] += number.weight * abs(total)
                terms.append(number.weight * abs(total))
            terms.append(number.weight * classes * max(abs(total) for total in sums))
        return per_class, terms

    def lower_bound(self) -> int:
        """No placement costs less: for each number, Σ_c |D_c| ≥ |T| and max_c |D_c| ≥ ⌈|T|/N⌉ where T is the
        sum over all units (not zero, because of rounding); counts can all be within range."""
        bound = 0
        for number in self.numbers:
            total = abs(sum(number.values))
            bound += number.weight * (total + self.classes * -(-total // self.classes))
        return bound


def _z_values(values: Sequence[float | None]) -> list[float | None]:
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return [None for _ in values]
    mean = math.fsum(present) / len(present)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in present) / len(present))
    if sd == 0:
        return [None for _ in values]
    return [None if v is None else (v - mean) / sd for v in values]


def _per_unit(structure: Structure, per_student: Sequence[int]) -> tuple[int, ...]:
    return tuple(sum(per_student[m] for m in members) for members in structure.units)


def build_balance(structure: Structure, *, bands: int, balance_birth: bool) -> Balance:
    students = structure.students
    classes = structure.classes
    categories: list[Category] = []

    def category(name: str, flags: Sequence[bool]) -> None:
        total = sum(flags)
        if total:
            counts = _per_unit(structure, [int(flag) for flag in flags])
            categories.append(Category(name, counts, total // classes, -(-total // classes)))

    category("male", [s.sex == "M" for s in students])
    category("female", [s.sex == "F" for s in students])
    category("special_needs", [s.special_needs for s in students])
    category("left_behind", [s.left_behind for s in students])
    band_of = score_bands(students, bands)
    for band in range(bands):
        category(f"band:{band + 1}", [band_of.get(s.student_id) == band for s in students])
    for feeder in sorted({s.feeder_school for s in students if s.feeder_school}):
        category(f"feeder:{feeder}", [s.feeder_school == feeder for s in students])
    if balance_birth:
        for quarter in range(BIRTH_QUARTERS):
            flags = [s.birth_date is not None and birth_quarter(s.birth_date) == quarter for s in students]
            category(f"birth:{quarter + 1}", flags)

    numbers: list[Number] = []

    def number(name: str, weight: int, z: Sequence[float | None]) -> None:
        if any(value is not None for value in z):
            scaled = [0 if value is None else round(value * SCALE) for value in z]
            numbers.append(Number(name, weight, _per_unit(structure, scaled)))

    z_score = _z_values([s.score for s in students])
    number("score", SCORE_WEIGHT, z_score)
    number("spread", SPREAD_WEIGHT, [None if z is None else z * z - 1 for z in z_score])
    subjects: dict[str, None] = {}
    for student in students:
        subjects.update(dict.fromkeys(student.subjects))
    for subject in subjects:
        number(f"subject:{subject}", SUBJECT_WEIGHT, _z_values([s.subjects.get(subject) for s in students]))
    return Balance(classes=classes, categories=tuple(categories), numbers=tuple(numbers))
