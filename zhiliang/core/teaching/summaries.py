"""What the observation records add up to: share of lessons meeting the standard against a target, a
teacher's profile by criterion (strengths and weaknesses against a reference group), and quota progress.

Definitions (the seed plans' 课堂教学达标率, /work/shared/seeds/000_…txt: "专任教师课堂教学达标率达到90%以上"):

* share meeting the standard = lessons whose 100-point score ≥ the rubric version's standard ÷ lessons
  observed (each lesson scored against the version it was observed with);
* criterion share = points obtained in a criterion's items ÷ the points those items were worth, over every
  lesson of the teacher (comparable across rubric versions: both sides come from the same records);
* strength / weakness = a criterion whose share is at least `margin` above / below the reference group's
  share for that criterion (the school's lessons), largest differences first;
* quota progress = observed ÷ required, capped at 1; a quota of 0 counts as met.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_TARGET = Decimal("0.90")
DEFAULT_MARGIN = Decimal("0.03")


@dataclass(frozen=True)
class LessonScore:
    score: Decimal  # 100-point scale
    meets_standard: bool
    by_criterion: Mapping[str, tuple[Decimal, Decimal]]  # criterion → (points, max)


@dataclass(frozen=True)
class StandardSummary:
    count: int
    meeting: int
    mean_score: Decimal | None
    share: Decimal | None  # meeting ÷ count, None without lessons
    target: Decimal
    reaches_target: bool | None


def standard_summary(lessons: Sequence[LessonScore], target: Decimal = DEFAULT_TARGET) -> StandardSummary:
    """Count, mean score (one decimal, half up), share meeting the standard (four decimals) and whether it reaches the
    target. Four lessons scoring 92, 85, 78, 88 with standard 80: mean 85.8, share 0.75, target 0.9 missed."""
    count = len(lessons)
    if count == 0:
        return StandardSummary(0, 0, None, None, target, None)
    meeting = sum(1 for lesson in lessons if lesson.meets_standard)
    mean = (sum((lesson.score for lesson in lessons), Decimal(0)) / count).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    share = (Decimal(meeting) / count).quantize(Decimal("0.0001"))
    return StandardSummary(count, meeting, mean, share, target, share >= target)


def criterion_shares(lessons: Iterable[LessonScore]) -> dict[str, Decimal]:
    """Share of points obtained per criterion over the lessons (four decimals), criteria in first-seen order."""
    got: dict[str, Decimal] = {}
    most: dict[str, Decimal] = {}
    for lesson in lessons:
        for criterion, (points, maximum) in lesson.by_criterion.items():
            got[criterion] = got.get(criterion, Decimal(0)) + points
            most[criterion] = most.get(criterion, Decimal(0)) + maximum
    return {c: (got[c] / most[c]).quantize(Decimal("0.0001")) for c in got if most[c] > 0}


@dataclass(frozen=True)
class CriterionRow:
    criterion: str
    share: Decimal
    reference: Decimal | None
    difference: Decimal | None
    kind: str  # "strength" / "weakness" / ""


def criterion_profile(
    own: Mapping[str, Decimal], reference: Mapping[str, Decimal], margin: Decimal = DEFAULT_MARGIN
) -> list[CriterionRow]:
    """Each criterion of `own` against the reference group; strengths and weaknesses by `margin`."""
    rows = []
    for criterion, share in own.items():
        ref = reference.get(criterion)
        difference = share - ref if ref is not None else None
        kind = ""
        if difference is not None and difference >= margin:
            kind = "strength"
        elif difference is not None and difference <= -margin:
            kind = "weakness"
        rows.append(CriterionRow(criterion, share, ref, difference, kind))
    return rows


def strengths_and_weaknesses(rows: Sequence[CriterionRow], limit: int = 2) -> tuple[list[str], list[str]]:
    """The `limit` largest strengths and weaknesses, by the size of the difference."""
    strengths = sorted((r for r in rows if r.kind == "strength"), key=lambda r: -(r.difference or 0))
    weaknesses = sorted((r for r in rows if r.kind == "weakness"), key=lambda r: r.difference or 0)
    return [r.criterion for r in strengths[:limit]], [r.criterion for r in weaknesses[:limit]]


@dataclass(frozen=True)
class QuotaProgress:
    required: int
    done: int
    share: Decimal  # done ÷ required, capped at 1
    met: bool


def quota_progress(required: int, done: int) -> QuotaProgress:
    """Progress toward a term quota: 7 of 10 → 0.7; 12 of 10 → 1 (met); a quota of 0 is met."""
    if required < 0 or done < 0:
        raise ValueError("required and done must not be negative")
    if required == 0:
        return QuotaProgress(0, done, Decimal(1), True)
    share = min(Decimal(1), (Decimal(done) / required).quantize(Decimal("0.0001")))
    return QuotaProgress(required, done, share, done >= required)
