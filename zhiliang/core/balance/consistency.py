"""Consistency checks on what a school states: the mistakes schools make when they compute by hand.

Three checks, each returning `Finding`s a person can act on:

* `stated_ratio_findings`: a ratio the school states (e.g. 每百名学生拥有县级以上骨干教师数 1.76) must equal
  its count over its enrolment at the precision it was written with. When it does not, the enrolment that
  *would* give the stated ratio is computed (count / ratio × per), which shows what the school really divided
  by. The seed plan /work/shared/seeds/003 states 1,000 students, 12 backbone teachers and 1.76 per 100:
  12 / 1.76 × 100 = 682, and every other ratio in it fits 682 as well.
* `enrolment_finding`: the stated enrolment against the student records (the 学籍 of the foundation).
* `plausibility_findings`: areas, equipment and rooms per student outside what any real school has (the
  bounds below are ours, not the document's: they catch a total typed in the wrong unit, e.g. 万元 for 元).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from zhiliang.core.balance.indicators import BY_KEY

# Per-student amounts beyond which an input is almost certainly a typing or unit mistake.
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "teaching_area": (1.0, 40.0),  # m² per student
    "sports_area": (0.5, 120.0),  # m² per student
    "equipment_value": (100.0, 50_000.0),  # yuan per student (a 万元 total gives ~0.2)
    "multimedia_rooms": (0.2, 25.0),  # rooms per 100 students
}
# Stated and recorded enrolment may differ by this much (students join and leave during the year).
ENROLMENT_TOLERANCE = 0.02
ENROLMENT_MIN_DIFFERENCE = 5


@dataclass(frozen=True)
class Finding:
    code: str  # stated_ratio, enrolment, implausible
    key: str | None  # indicator key, or None for enrolment
    stated: float | None
    computed: float | None
    implied_students: float | None = None


def decimals(text: str) -> int:
    """How many decimals a number was written with ("1.76" → 2, "6" → 0)."""
    text = text.strip().rstrip("%").strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def matches_stated(computed: float, stated_text: str) -> bool:
    """The computed value rounds to the stated one at the stated precision (half a unit of its last digit)."""
    stated = float(stated_text.strip().rstrip("%"))
    tolerance: float = 0.5 * 10.0 ** (-decimals(stated_text))
    return abs(computed - stated) <= tolerance + 1e-9


def stated_ratio_findings(students: int, quantities: Mapping[str, float], stated: Mapping[str, str]) -> list[Finding]:
    """Each stated ratio (as written, e.g. "1.76") that does not fit quantity / students × per."""
    findings = []
    for key, text in stated.items():
        indicator = BY_KEY[key]
        quantity = quantities.get(key)
        if quantity is None or students <= 0:
            continue
        computed = quantity / students * indicator.per
        if matches_stated(computed, text):
            continue
        ratio = float(text.strip().rstrip("%"))
        implied = quantity / ratio * indicator.per if ratio > 0 else None
        findings.append(Finding("stated_ratio", key, ratio, computed, implied))
    return findings


def implied_enrolment(findings: list[Finding]) -> float | None:
    """The enrolment the stated ratios point to (their median), or None when none contradicted the counts."""
    implied = [f.implied_students for f in findings if f.implied_students is not None]
    return statistics.median(implied) if implied else None


def enrolment_finding(stated: int, recorded: int) -> Finding | None:
    """The stated enrolment differs from the records by more than 2 % and more than 5 students."""
    difference = abs(stated - recorded)
    if difference <= ENROLMENT_MIN_DIFFERENCE or difference <= ENROLMENT_TOLERANCE * max(recorded, 1):
        return None
    return Finding("enrolment", None, float(stated), float(recorded))


def plausibility_findings(students: int, facilities: Mapping[str, float]) -> list[Finding]:
    """Facility totals whose per-student amount is outside `PLAUSIBLE` (only for schools with students)."""
    if students <= 0:
        return []
    findings = []
    for key, (low, high) in PLAUSIBLE.items():
        amount = facilities.get(key)
        if amount is None or math.isnan(amount):
            continue
        value = amount / students * BY_KEY[key].per
        if not low <= value <= high:
            findings.append(Finding("implausible", key, float(amount), value))
    return findings
