"""Vocabulary and settings of exam quality analysis (考试质量分析).

Everything a county exam office or a school's academic director may want to tune lives here, as frozen
dataclasses with the common defaults:

- ``Status``: what a score cell means (scored, 缺考, 免考, 作弊, 未录).
- ``SubjectSpec``: a subject and its full marks (满分).
- ``Thresholds``: the pass / excellent / good / low lines as shares of full marks (及格线, 优秀线, 良好线, 低分线).
- ``CompositeWeights``: the weights of the 三率一分 composite.
- ``GradeLevel``: the 等级 (A/B/C/D) shown to students and parents instead of raw scores.
- ``AnalysisConfig``: all of the above plus band widths, 临界生 margin, top-N lists, the bottom group and the
  分档上线 rule.

How each setting is used, and where the convention comes from, is written in ``docs/analysis.md``.
Constructing a config with impossible values raises ``ValueError`` at once, so a bad setting never
produces a silently wrong report.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from enum import StrEnum

TOTAL = "总分"
"""Subject name used for the total score (sum over the subjects a grade sits)."""


class Status(StrEnum):
    """What one student x subject cell means.

    The first five are accepted in the input; ``INCOMPLETE`` only appears on 总分 rows of the output, for a
    student without a total (at least one subject not sat).
    """

    SCORED = "scored"
    ABSENT = "absent"  # 缺考: enrolled, did not sit
    EXEMPT = "exempt"  # 免考: not enrolled in this subject (illness, disability, transfer)
    CHEATING = "cheating"  # 作弊: sat; the paper is void and counted as 0 by default
    MISSING = "missing"  # 未录: not yet entered; excluded from every statistic and flagged
    INCOMPLETE = "incomplete"  # output only: 总分 of a student who did not sit every subject


INPUT_STATUSES: frozenset[str] = frozenset(
    {Status.SCORED, Status.ABSENT, Status.EXEMPT, Status.CHEATING, Status.MISSING}
)


@dataclass(frozen=True)
class SubjectSpec:
    """A subject of the exam and its full marks (满分), e.g. ``SubjectSpec("数学", 120)``."""

    name: str
    full_marks: float

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("subject name must not be empty")
        if not (math.isfinite(self.full_marks) and self.full_marks > 0):
            raise ValueError(f"full marks of {self.name!r} must be a positive number, got {self.full_marks!r}")


def _check_ratio(name: str, value: float) -> None:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")


@dataclass(frozen=True)
class Thresholds:
    """Score lines as shares of full marks.

    A score counts as *pass* (及格) when ``score >= pass_ratio * full``, *excellent* (优秀) when
    ``score >= excellent_ratio * full``, *good* (良好, optional) when ``score >= good_ratio * full``
    (cumulative: excellent students are also good), and *low* (低分) when ``score < low_ratio * full``.
    The defaults 60 % / 85 % / 40 % are the usual county convention for 100-point papers (60 / 85 / 40).
    """

    pass_ratio: float = 0.6
    excellent_ratio: float = 0.85
    low_ratio: float = 0.4
    good_ratio: float | None = None

    def __post_init__(self) -> None:
        _check_ratio("pass_ratio", self.pass_ratio)
        _check_ratio("excellent_ratio", self.excellent_ratio)
        _check_ratio("low_ratio", self.low_ratio)
        if not self.low_ratio <= self.pass_ratio <= self.excellent_ratio:
            raise ValueError("thresholds must satisfy low_ratio <= pass_ratio <= excellent_ratio")
        if self.good_ratio is not None:
            _check_ratio("good_ratio", self.good_ratio)
            if not self.pass_ratio <= self.good_ratio <= self.excellent_ratio:
                raise ValueError("good_ratio must lie between pass_ratio and excellent_ratio")


@dataclass(frozen=True)
class CompositeWeights:
    """Weights of the 三率一分 composite, in points.

    ``composite = mean * score_rate + pass_ * pass_rate + excellent * excellent_rate + low * (1 - low_rate)``

    The default 40 / 30 / 20 / 10 makes a 0-100 scale. It is a widespread county convention (county
    教学质量评估办法 weight 平均分 most, then 及格率, 优秀率, 低分率), not a national standard: counties publish
    their own weights, so set them from the local rule. Using ``1 - low_rate`` instead of subtracting
    ``low * low_rate`` only shifts every composite by the same constant and leaves all ranks unchanged.
    """

    mean: float = 40.0
    pass_: float = 30.0
    excellent: float = 20.0
    low: float = 10.0

    def __post_init__(self) -> None:
        values = (self.mean, self.pass_, self.excellent, self.low)
        if not all(math.isfinite(v) and v >= 0 for v in values):
            raise ValueError("composite weights must be non-negative numbers")
        if sum(values) <= 0:
            raise ValueError("at least one composite weight must be positive")


@dataclass(frozen=True)
class GradeLevel:
    """One 等级: a student whose score is at least ``min_ratio * full`` (and below the level above) gets
    ``label``."""

    label: str
    min_ratio: float

    def __post_init__(self) -> None:
        _check_ratio(f"min_ratio of grade level {self.label!r}", self.min_ratio)


DEFAULT_GRADE_LEVELS: tuple[GradeLevel, ...] = (
    GradeLevel("A", 0.85),
    GradeLevel("B", 0.70),
    GradeLevel("C", 0.60),
    GradeLevel("D", 0.0),
)


def _uniform_edges(width: float) -> tuple[float, ...]:
    count = math.ceil(round(1.0 / width, 9))
    return (*(round(i * width, 9) for i in range(count)), 1.0)


@dataclass(frozen=True)
class AnalysisConfig:
    """All settings of one analysis; the defaults are what most county offices use.

    - ``band_width_ratio``: score-band (分数段) width as a share of full marks (0.1 -> 10 bands, the top band
      closed at full marks); ``band_edges`` instead gives explicit edges as shares of full marks, from 0 to 1.
    - ``critical_margin_ratio``: a 临界生 is below a line by at most this share of full marks.
    - ``top_n``: sizes of the county top lists on the total (前100名, 前200名); ties at the cut are included.
    - ``bottom_ratio``: share of each grade's students (per subject and total) listed as the bottom group.
    - ``cut_line_shares``: 分档上线 by cumulative share of students (一档 15 %, 二档 25 %, 三档 60 %), or
      ``cut_line_scores`` for fixed total-score lines (highest first), which take precedence.
    - ``grade_levels``: 等级 from the highest; the last must start at 0.
    - ``cheating_as_zero``: a 作弊 paper counts as sat with 0 (default) or is left out like 缺考.
    """

    thresholds: Thresholds = field(default_factory=Thresholds)
    weights: CompositeWeights = field(default_factory=CompositeWeights)
    band_width_ratio: float = 0.1
    band_edges: tuple[float, ...] | None = None
    critical_margin_ratio: float = 0.05
    top_n: tuple[int, ...] = (100, 200)
    bottom_ratio: float = 0.1
    cut_line_shares: tuple[float, ...] = (0.15, 0.25, 0.60)
    cut_line_scores: tuple[float, ...] | None = None
    grade_levels: tuple[GradeLevel, ...] = DEFAULT_GRADE_LEVELS
    cheating_as_zero: bool = True

    def __post_init__(self) -> None:
        if not (math.isfinite(self.band_width_ratio) and 0 < self.band_width_ratio <= 1):
            raise ValueError("band_width_ratio must be in (0, 1]")
        if self.band_edges is not None:
            edges = self.band_edges
            if len(edges) < 2 or edges[0] != 0.0 or edges[-1] != 1.0:
                raise ValueError("band_edges must start at 0 and end at 1 (shares of full marks)")
            if any(b <= a for a, b in itertools.pairwise(edges)):
                raise ValueError("band_edges must be strictly increasing")
        _check_ratio("critical_margin_ratio", self.critical_margin_ratio)
        if any(n < 1 for n in self.top_n):
            raise ValueError("top_n sizes must be positive")
        _check_ratio("bottom_ratio", self.bottom_ratio)
        shares = self.cut_line_shares
        if not shares or any(not (0 < s <= 1) for s in shares):
            raise ValueError("cut_line_shares must be shares in (0, 1]")
        if any(b <= a for a, b in itertools.pairwise(shares)):
            raise ValueError("cut_line_shares must be increasing (一档 first)")
        scores = self.cut_line_scores
        if scores is not None:
            if not scores or any(not (math.isfinite(s) and s >= 0) for s in scores):
                raise ValueError("cut_line_scores must be non-negative numbers")
            if any(b >= a for a, b in itertools.pairwise(scores)):
                raise ValueError("cut_line_scores must be decreasing (一档 first)")
        levels = self.grade_levels
        if not levels or levels[-1].min_ratio != 0.0:
            raise ValueError("the last grade level must start at 0")
        if any(b.min_ratio >= a.min_ratio for a, b in itertools.pairwise(levels)):
            raise ValueError("grade levels must be listed from the highest min_ratio down")
        if len({level.label for level in levels}) != len(levels):
            raise ValueError("grade level labels must be unique")

    @property
    def band_ratios(self) -> tuple[float, ...]:
        """Band edges as shares of full marks, from 0 to 1."""
        return self.band_edges if self.band_edges is not None else _uniform_edges(self.band_width_ratio)


DEFAULT_CONFIG = AnalysisConfig()
