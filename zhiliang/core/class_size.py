"""Class size (班额): the standard maximum per stage, the over-size bands, and the size distribution.

Sources:

* 教育部《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号), indicator G5 (班额): a primary class holds at
  most 45 students and a junior-middle class at most 50 (`/work/shared/standards/balanced-development-2017.md`).
  The standard covers compulsory education only, so senior-high classes are not assessed.
* 国务院《关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》(国发〔2016〕40号): classes of 56 or more are
  大班额 (to be eliminated by 2020) and of 66 or more 超大班额 (by 2018).

A class is "over the standard" when its size exceeds the stage's maximum; the two national bands above are
reported separately because bureaus are asked about them by name.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

STANDARD_MAX = {"primary": 45, "junior": 50}
LARGE_CLASS_MIN = 56  # 大班额
HUGE_CLASS_MIN = 66  # 超大班额

# Upper bounds (inclusive) of the distribution's bins; the last bin is open. The 45 and 50 edges are the
# stage maxima and 55/65 the national band edges, so every flag reads off a bin boundary.
HISTOGRAM_EDGES = (30, 35, 40, 45, 50, 55, 65)


class SizeBand(StrEnum):
    WITHIN = "within"  # at or under the standard
    OVER_STANDARD = "over_standard"  # over 45 / 50 but under 56
    LARGE = "large"  # 56–65: 大班额
    HUGE = "huge"  # 66 and more: 超大班额


def standard_max(stage: str) -> int | None:
    """The most students a class of this stage may hold under G5; None where G5 does not apply."""
    return STANDARD_MAX.get(stage)


def size_band(stage: str, size: int) -> SizeBand | None:
    """Where a class of `size` students stands; None for stages the standard does not cover."""
    limit = standard_max(stage)
    if limit is None:
        return None
    if size >= HUGE_CLASS_MIN:
        return SizeBand.HUGE
    if size >= LARGE_CLASS_MIN:
        return SizeBand.LARGE
    if size > limit:
        return SizeBand.OVER_STANDARD
    return SizeBand.WITHIN


def is_over_standard(stage: str, size: int) -> bool:
    band = size_band(stage, size)
    return band is not None and band is not SizeBand.WITHIN


@dataclass(frozen=True)
class HistogramBin:
    low: int
    high: int | None  # None: open-ended last bin
    count: int

    @property
    def label(self) -> str:
        if self.high is None:
            return f"≥{self.low}"
        if self.low == 0:
            return f"≤{self.high}"
        return f"{self.low}–{self.high}"


def size_histogram(sizes: Iterable[int], edges: tuple[int, ...] = HISTOGRAM_EDGES) -> list[HistogramBin]:
    """Count classes per size bin: [0, e0], [e0+1, e1], …, [e_last+1, ∞)."""
    counts = [0] * (len(edges) + 1)
    for size in sizes:
        index = next((i for i, edge in enumerate(edges) if size <= edge), len(edges))
        counts[index] += 1
    lows = [0, *(edge + 1 for edge in edges)]
    highs: list[int | None] = [*edges, None]
    return [HistogramBin(low, high, count) for low, high, count in zip(lows, highs, counts, strict=True)]
