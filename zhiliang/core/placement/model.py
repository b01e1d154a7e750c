"""What placement works on and what it returns: the intake, the options, the classes and their balance.

Students are identified by their national student number (学籍号, `student_id`); classes are numbered 1..N.
Nothing here knows about Django or the database: the web app and the command line build these from an
uploaded intake file and read the results back.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Sex = Literal["M", "F"]

# Legal maxima of class size (《县域义务教育优质均衡发展督导评估办法》 G5; see zhiliang.core.class_size).
PRIMARY_MAX_SIZE = 45
JUNIOR_MAX_SIZE = 50


@dataclass(frozen=True)
class IntakeStudent:
    """One student of the new intake.

    `score` is the entry score used for balance (None for grade 1, or a student without one); `subjects`
    holds the optional per-subject entry scores (balanced too). `sibling_group` names a 同胞组 whose members
    must be in different classes; `together_group` a 同班组 whose members must share one; `fixed_class`
    (1..N) pre-assigns the student. `row` is the student's row in the intake file (for messages).
    """

    student_id: str
    name: str
    sex: Sex
    score: float | None = None
    subjects: Mapping[str, float] = field(default_factory=dict)
    birth_date: datetime.date | None = None
    special_needs: bool = False
    left_behind: bool = False
    feeder_school: str | None = None
    sibling_group: str | None = None
    together_group: str | None = None
    fixed_class: int | None = None
    row: int | None = None

    def label(self) -> str:
        """How messages name the student: 王小明（G001，第 5 行）."""
        where = f"，第 {self.row} 行" if self.row is not None else ""
        return f"{self.name}（{self.student_id}{where}）"


@dataclass(frozen=True)
class PlacementOptions:
    """How to place: the number of classes and the limits, the seed, and the solver's time budget.

    `apart_pairs` are extra pairs of 学籍号 that must be in different classes (besides sibling groups).
    `time_limit` is in seconds of the solver's deterministic time (see `solve.py`), so the same input and
    seed give the same classes whatever the machine's load. `bands` is the number of score bands (equal
    shares by rank) whose counts are balanced. Birth quarters are balanced when birth dates are given.
    """

    classes: int
    max_size: int = PRIMARY_MAX_SIZE
    seed: int = 0
    time_limit: float = 3.0
    bands: int = 5
    apart_pairs: tuple[tuple[str, str], ...] = ()
    balance_birth: bool = True


@dataclass(frozen=True)
class ClassStats:
    """The balance figures of one class. Means and SDs are None when no student of the class has a score.

    `bands` counts students per score band (band 1 = the highest scores); `birth_quarters` per quarter of
    the school year of birth (Sep–Nov, Dec–Feb, Mar–May, Jun–Aug); `feeders` per primary school.
    """

    number: int
    size: int
    male: int
    female: int
    mean: float | None
    sd: float | None
    scored: int
    special_needs: int
    left_behind: int
    bands: tuple[int, ...]
    birth_quarters: tuple[int, ...]
    feeders: Mapping[str, int]
    subject_means: Mapping[str, float | None]


@dataclass(frozen=True)
class Quality:
    """How balanced a placement is: max − min across classes of each figure (0 is perfect).

    `band_spread`, `feeder_spread` and `birth_spread` are the largest spread over the bands, feeder schools
    and birth quarters; `subject_mean_spread` is per subject.
    """

    mean_spread: float | None
    sd_spread: float | None
    size_spread: int
    male_spread: int
    female_spread: int
    special_needs_spread: int
    left_behind_spread: int
    band_spread: int
    feeder_spread: int
    birth_spread: int
    subject_mean_spread: Mapping[str, float | None]


@dataclass(frozen=True)
class Violation:
    """A hard constraint that an assignment breaks (after a move by hand, or in a test's check)."""

    code: str
    params: Mapping[str, object]
    students: tuple[str, ...] = ()


@dataclass(frozen=True)
class SolverReport:
    """What the optimiser did: status, objective and bound, time used, and which solver."""

    status: Literal["optimal", "feasible"]
    objective: float
    best_bound: float
    wall_seconds: float
    deterministic_seconds: float
    solver: str
    seed: int
    time_limit: float
    stopped_by: Literal["optimal", "deterministic_limit", "wall_limit", "no_improvement"]

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


@dataclass(frozen=True)
class Placement:
    """One assignment of the intake to classes, with its balance figures.

    `method` is "cp-sat" for the optimiser's result, "serpentine" for the traditional draft and "manual"
    after moves by hand; `solver` is set for "cp-sat" only.
    """

    assignment: Mapping[str, int]
    classes: tuple[ClassStats, ...]
    quality: Quality
    method: str
    solver: SolverReport | None = None

    @property
    def optimal(self) -> bool:
        return self.solver is not None and self.solver.optimal


@dataclass(frozen=True)
class PlacementOutcome:
    """What `place` returns: the optimised placement and the serpentine draft it is compared with."""

    placement: Placement
    draft: Placement
