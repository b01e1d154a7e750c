"""Balance figures of an assignment: per class (size, sex, mean, SD, bands, flags, feeders, birth quarters) and
the spread of each figure across classes.

Definitions (written down in docs/placement.md):

* mean and SD of a class are over its students with a score; the SD is the population SD (divide by n), as
  the class is the whole group described (numpy.std with ddof=0; Montgomery & Runger, *Applied Statistics
  and Probability for Engineers*, §6.1);
* score bands split the intake's scored students into `bands` equal shares by score, band 1 the highest:
  a student whose score first appears at 0-based position p of the intake sorted from high to low is in
  band ⌊p·B/M⌋ + 1 (M scored students), so equal scores share a band;
* birth quarters follow the school year, which admits children who are six by 31 August: Sep–Nov,
  Dec–Feb, Mar–May, Jun–Aug (months 9–11 → 1, 12–2 → 2, 3–5 → 3, 6–8 → 4);
* a spread is max − min across classes (for bands, feeder schools and quarters: the largest spread of any).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence

from zhiliang.core.placement.model import ClassStats, IntakeStudent, Placement, Quality, SolverReport

BIRTH_QUARTERS = 4


def score_bands(students: Sequence[IntakeStudent], bands: int) -> dict[str, int]:
    """学籍号 → score band 0..bands-1 (0 = highest scores) for every student with a score."""
    scored = sorted((s for s in students if s.score is not None), key=lambda s: (-(s.score or 0.0), s.student_id))
    total = len(scored)
    result: dict[str, int] = {}
    first_position: dict[float, int] = {}
    for position, student in enumerate(scored):
        score = student.score or 0.0
        first = first_position.setdefault(score, position)
        result[student.student_id] = min(first * bands // total, bands - 1)
    return result


def birth_quarter(date: datetime.date) -> int:
    """0 for Sep–Nov, 1 for Dec–Feb, 2 for Mar–May, 3 for Jun–Aug."""
    return ((date.month - 9) % 12) // 3


def _mean_sd(values: Sequence[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    mean = math.fsum(values) / len(values)
    variance = math.fsum((value - mean) ** 2 for value in values) / len(values)
    return mean, math.sqrt(variance)


def class_stats(
    students: Sequence[IntakeStudent],
    assignment: Mapping[str, int],
    classes: int,
    *,
    bands: int,
    subjects: Sequence[str] = (),
) -> tuple[ClassStats, ...]:
    """The figures of classes 1..`classes`; students without a class in `assignment` are left out."""
    band_of = score_bands(students, bands)
    feeders = sorted({s.feeder_school for s in students if s.feeder_school})
    members: list[list[IntakeStudent]] = [[] for _ in range(classes)]
    for student in students:
        number = assignment.get(student.student_id)
        if number is not None and 1 <= number <= classes:
            members[number - 1].append(student)
    result = []
    for number, group in enumerate(members, start=1):
        scores = [s.score for s in group if s.score is not None]
        mean, sd = _mean_sd(scores)
        band_counts = [0] * bands
        quarters = [0] * BIRTH_QUARTERS
        feeder_counts = dict.fromkeys(feeders, 0)
        for student in group:
            if student.student_id in band_of:
                band_counts[band_of[student.student_id]] += 1
            if student.birth_date is not None:
                quarters[birth_quarter(student.birth_date)] += 1
            if student.feeder_school:
                feeder_counts[student.feeder_school] += 1
        subject_means = {
            subject: _mean_sd([s.subjects[subject] for s in group if subject in s.subjects])[0] for subject in subjects
        }
        result.append(
            ClassStats(
                number=number,
                size=len(group),
                male=sum(s.sex == "M" for s in group),
                female=sum(s.sex == "F" for s in group),
                mean=mean,
                sd=sd,
                scored=len(scores),
                special_needs=sum(s.special_needs for s in group),
                left_behind=sum(s.left_behind for s in group),
                bands=tuple(band_counts),
                birth_quarters=tuple(quarters),
                feeders=feeder_counts,
                subject_means=subject_means,
            )
        )
    return tuple(result)


def _spread(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return max(present) - min(present) if present else None


def _int_spread(values: Sequence[int]) -> int:
    return max(values) - min(values) if values else 0


def quality(stats: Sequence[ClassStats]) -> Quality:
    bands = len(stats[0].bands) if stats else 0
    feeders = list(stats[0].feeders) if stats else []
    subjects = list(stats[0].subject_means) if stats else []
    return Quality(
        mean_spread=_spread([c.mean for c in stats]),
        sd_spread=_spread([c.sd for c in stats]),
        size_spread=_int_spread([c.size for c in stats]),
        male_spread=_int_spread([c.male for c in stats]),
        female_spread=_int_spread([c.female for c in stats]),
        special_needs_spread=_int_spread([c.special_needs for c in stats]),
        left_behind_spread=_int_spread([c.left_behind for c in stats]),
        band_spread=max((_int_spread([c.bands[b] for c in stats]) for b in range(bands)), default=0),
        feeder_spread=max((_int_spread([c.feeders[f] for c in stats]) for f in feeders), default=0),
        birth_spread=max((_int_spread([c.birth_quarters[q] for c in stats]) for q in range(BIRTH_QUARTERS)), default=0),
        subject_mean_spread={subject: _spread([c.subject_means[subject] for c in stats]) for subject in subjects},
    )


def subjects_of(students: Sequence[IntakeStudent]) -> list[str]:
    """The subjects any student has a score in, in first-seen order."""
    seen: dict[str, None] = {}
    for student in students:
        seen.update(dict.fromkeys(student.subjects))
    return list(seen)


def describe(
    students: Sequence[IntakeStudent],
    assignment: Mapping[str, int],
    classes: int,
    *,
    bands: int,
    method: str,
    solver: SolverReport | None = None,
) -> Placement:
    """A `Placement` of `assignment` with its figures."""
    stats = class_stats(students, assignment, classes, bands=bands, subjects=subjects_of(students))
    return Placement(assignment=dict(assignment), classes=stats, quality=quality(stats), method=method, solver=solver)
