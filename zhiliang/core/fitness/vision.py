"""Naked-eye visual acuity on the 5-point scale (五分记录, 标准对数视力表 GB 11533-2011) and poor vision.

Grading of poor vision (视力不良) for children of 6 and over, as given by wiki.epiman.cn/doc-view-23383.html
(recorded in ../shared/standards/fitness-upload-format.md):

- normal ≥ 5.0;
- mild (轻度视力不良) 4.9;
- moderate (中度) 4.6–4.8;
- severe (重度) ≤ 4.5.

Each eye is graded; the student's level is the worse eye's (the usual convention; marked unconfirmed in the
same note). The national upload accepts 3.0–5.3 and 0 for "below 3.0" (fitness-upload-format.md), so those
are the values taken here; anything else is a recording error.

Screening myopia (筛查性近视, WS/T 663-2020 as recorded there): naked-eye acuity < 5.0 and a spherical
equivalent SE = S + C/2 ≤ −0.50 D, when refraction was measured.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from zhiliang.core.fitness.measures import MeasureError, parse_number
from zhiliang.core.tabular import CellValue, cell_text

LEVELS: tuple[str, ...] = ("normal", "mild", "moderate", "severe")
LEVEL_LABELS = {"normal": ("正常", "normal"), "mild": ("轻度", "mild"), "moderate": ("中度", "moderate"), "severe": ("重度", "severe")}  # fmt: skip

LOW, HIGH = Decimal("3.0"), Decimal("5.3")
MYOPIA_SE = Decimal("-0.50")


def parse_acuity(value: CellValue) -> Decimal | None:
    """An acuity on the 5-point scale: 3.0–5.3, or 0 (below 3.0, as the national upload writes it)."""
    number = parse_number(value)
    if number is None:
        return None
    if number != 0 and not LOW <= number <= HIGH:
        raise MeasureError("fitness.bad_acuity", value=cell_text(value))
    return number


def acuity_level(acuity: Decimal) -> str:
    """normal (≥ 5.0), mild (4.9), moderate (4.6–4.8), severe (≤ 4.5, and 0 meaning below 3.0)."""
    if acuity >= Decimal("5.0"):
        return "normal"
    if acuity >= Decimal("4.9"):
        return "mild"
    if acuity >= Decimal("4.6"):
        return "moderate"
    return "severe"


def student_level(left: Decimal | None, right: Decimal | None) -> str | None:
    """The worse eye's level; None when neither eye was tested."""
    levels = [acuity_level(a) for a in (left, right) if a is not None]
    if not levels:
        return None
    return max(levels, key=LEVELS.index)


def spherical_equivalent(sphere: Decimal, cylinder: Decimal) -> Decimal:
    """SE = S + C/2 in dioptres: S −1.25, C −0.50 → −1.50."""
    return sphere + cylinder / 2


def screening_myopia(acuity: Decimal | None, sphere: Decimal | None, cylinder: Decimal | None) -> bool | None:
    """筛查性近视 for one eye: acuity < 5.0 and SE ≤ −0.50 D; None when acuity or refraction is missing."""
    if acuity is None or sphere is None:
        return None
    return acuity < Decimal("5.0") and spherical_equivalent(sphere, cylinder or Decimal(0)) <= MYOPIA_SE


@dataclass(frozen=True)
class Incidence:
    """Poor vision in a group: `tested` students with a level, `poor` of them not normal, per level."""

    tested: int
    poor: int
    by_level: dict[str, int]

    @property
    def rate(self) -> float | None:
        return self.poor / self.tested if self.tested else None


def incidence(levels: Iterable[str | None]) -> Incidence:
    """检出率 of poor vision: students whose worse eye is not normal, over the students tested."""
    counts = dict.fromkeys(LEVELS, 0)
    for level in levels:
        if level is not None:
            counts[level] += 1
    tested = sum(counts.values())
    return Incidence(tested, tested - counts["normal"], counts)


def change(current: float | None, previous: float | None) -> float | None:
    """Year-over-year change of a rate in percentage points (negative is the national goal: a yearly fall)."""
    if current is None or previous is None:
        return None
    return current - previous
