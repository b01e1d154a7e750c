"""Rates of a group (class, school, county, grade, sex) and what a student should work on.

The same thresholds as the total's bands apply to single indicators (单项评定): excellent ≥ 90, good ≥ 80,
pass ≥ 60 (国家学生体质健康标准 2014, 评定等级). Rates are "at least": the good rate counts excellent students
too (优良率), the pass rate every student at 60 or more (及格率), as schools report them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

EXCELLENT, GOOD, PASS = 90, 80, 60

# Rates are withheld when fewer than this share of the students tested could be scored. The students who
# cannot be scored are not a random part of the group: where a table of the standard is incomplete only the
# levels near 100 points are known, so only the best students get a score, and a rate over them alone would
# read "100% excellent" for a school that may be failing (docs/fitness.md, "Incomplete tables").
MIN_SCORED_SHARE = 0.9


@dataclass(frozen=True)
class Rates:
    count: int
    excellent: int
    good: int  # good or better
    passed: int  # pass or better
    mean: float | None
    withheld: bool = False  # too few of the students tested could be scored (MIN_SCORED_SHARE)

    def rate(self, which: str) -> float | None:
        """ "excellent" / "good" / "passed" as a fraction of `count` (None for an empty or withheld group)."""
        return getattr(self, which) / self.count if self.count and not self.withheld else None


def rates(values: Iterable[Decimal | float | int | None], *, attempted: int | None = None) -> Rates:
    """Rates over the scored values (None, meaning not scored, is left out of every count).

    `attempted`: how many students were tested (scored or not). When fewer than MIN_SCORED_SHARE of them have
    a score, the rates are withheld: `count` stays the number scored, the other figures are 0 / None."""
    scored = [float(v) for v in values if v is not None]
    if attempted and len(scored) < MIN_SCORED_SHARE * attempted:
        return Rates(count=len(scored), excellent=0, good=0, passed=0, mean=None, withheld=True)
    return Rates(
        count=len(scored),
        excellent=sum(v >= EXCELLENT for v in scored),
        good=sum(v >= GOOD for v in scored),
        passed=sum(v >= PASS for v in scored),
        mean=sum(scored) / len(scored) if scored else None,
    )


def weakest(by_indicator: Mapping[str, Rates], limit: int = 3) -> list[str]:
    """Indicators with the lowest pass rate (then the lowest mean): where a group loses most students."""
    ranked = [key for key, r in by_indicator.items() if r.count and not r.withheld]
    ranked.sort(key=lambda key: (by_indicator[key].rate("passed") or 0.0, by_indicator[key].mean or 0.0))
    return ranked[:limit]


def to_work_on(scores: Mapping[str, int], weights: Mapping[str, int], limit: int = 3) -> list[str]:
    """A student's indicators to work on: those below 60 first, then by weighted points lost (weight × (100 −
    score)), which is what raising them would add to the total. Indicators at 100 are never listed."""
    lost = {key: weights.get(key, 0) * (100 - score) for key, score in scores.items() if score < 100}
    ordered = sorted(lost, key=lambda key: (scores[key] >= PASS, -lost[key], key))
    return ordered[:limit]
