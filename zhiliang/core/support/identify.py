"""Identifying struggling students (学困生) from exam results, with the evidence for each.

A county sets the rules (`IdentificationRules`); after every exam each student of a comparison group (the
student's grade in their school) is checked against two criteria:

* **low-score subjects**: below the exam's low-score line (低分线) in at least `min_low_subjects` of the main
  subjects (语数英 by default). The low-score line is the one of the exam analysis (docs/analysis.md: low =
  `low_ratio`·full marks, *strictly* below counts as low);
* **bottom of the grade**: among the bottom `bottom_share` of the group on the total (总分). Position from the
  bottom is the ascending competition rank (1 + students with a strictly lower total), and the bottom group is
  every student whose position is ≤ ⌈share·N⌉, ties at the cut included, N = students with a total. This is
  the bottom-group convention of the exam analysis (docs/analysis.md, "bottom group"); positions use ⌈s·N⌉
  after rounding s·N to 9 decimals, as the analysis does.

A student *meets the rules* in an exam when either enabled criterion holds, and becomes a *candidate* when
they meet them in each of the last `consecutive_exams` exams (a student with no result in one of those exams
does not). Source of the rule shapes: the seed plans of the county bureaus ("两门及以上主科低于低分线"、
"连续两次考试位于年级后 N%") — a convention, so every number is configurable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_MAIN_SUBJECTS: tuple[str, ...] = ("语文", "数学", "英语")


@dataclass(frozen=True)
class IdentificationRules:
    """The county's rule set; a criterion set to 0 is switched off."""

    min_low_subjects: int = 2
    bottom_share: float = 0.1
    consecutive_exams: int = 2
    main_subjects: tuple[str, ...] = DEFAULT_MAIN_SUBJECTS

    def __post_init__(self) -> None:
        if self.min_low_subjects < 0:
            raise ValueError("min_low_subjects must be 0 (off) or more")
        if not 0 <= self.bottom_share < 1:
            raise ValueError("bottom_share must be in [0, 1)")
        if self.consecutive_exams < 1:
            raise ValueError("consecutive_exams must be at least 1")
        if self.min_low_subjects == 0 and self.bottom_share == 0:
            raise ValueError("at least one criterion must be on")
        if self.min_low_subjects > len(self.main_subjects):
            raise ValueError("min_low_subjects cannot exceed the number of main subjects")


@dataclass(frozen=True)
class StudentExam:
    """One student's results in one exam: main-subject scores (None = not sat) with their low lines, total."""

    student_id: str
    total: float | None  # None: no total (incomplete)
    scores: Mapping[str, float | None] = field(default_factory=dict)
    low_lines: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ExamCohort:
    """Every student of one comparison group (a grade of a school) in one exam."""

    exam_id: int
    label: str
    students: Sequence[StudentExam]


@dataclass(frozen=True)
class ExamEvidence:
    """Why a student did or did not meet the rules in one exam."""

    exam_id: int
    label: str
    low_subjects: tuple[str, ...]
    bottom_position: int | None  # ascending competition rank on the total; None without a total
    group_size: int  # students with a total
    bottom_cut: int  # ⌈share·N⌉; 0 when the criterion is off
    met: bool

    @property
    def in_bottom(self) -> bool:
        return self.bottom_position is not None and self.bottom_position <= self.bottom_cut


@dataclass(frozen=True)
class Candidate:
    student_id: str
    evidence: tuple[ExamEvidence, ...]  # oldest first, one per exam of the streak


def low_subjects(student: StudentExam, main_subjects: Sequence[str]) -> tuple[str, ...]:
    """Main subjects sat with a score strictly below the low-score line, in the order of `main_subjects`."""
    found = []
    for subject in main_subjects:
        score = student.scores.get(subject)
        line = student.low_lines.get(subject)
        if score is not None and line is not None and score < round(line, 6):
            found.append(subject)
    return tuple(found)


def bottom_cut(share: float, size: int) -> int:
    """⌈share·N⌉ with s·N rounded to 9 decimals first (0.15 × 100 is 15.000000000000002 in floating point)."""
    return math.ceil(round(share * size, 9)) if share > 0 else 0


def bottom_positions(totals: Mapping[str, float | None]) -> dict[str, int]:
    """Ascending competition rank (1 = lowest total; ties share the smaller position) of each student with a total.

    Same as `scipy.stats.rankdata(x, method="min")`.
    """
    present = sorted((round(total, 9), sid) for sid, total in totals.items() if total is not None)
    positions: dict[str, int] = {}
    previous: float | None = None
    current = 0
    for index, (total, sid) in enumerate(present, start=1):
        if total != previous:
            current, previous = index, total
        positions[sid] = current
    return positions


def exam_evidence(cohort: ExamCohort, rules: IdentificationRules) -> dict[str, ExamEvidence]:
    """The evidence for every student of the cohort in this exam."""
    positions = bottom_positions({s.student_id: s.total for s in cohort.students})
    size = len(positions)
    cut = bottom_cut(rules.bottom_share, size)
    result: dict[str, ExamEvidence] = {}
    for student in cohort.students:
        lows = low_subjects(student, rules.main_subjects)
        position = positions.get(student.student_id)
        by_low = rules.min_low_subjects > 0 and len(lows) >= rules.min_low_subjects
        by_bottom = cut > 0 and position is not None and position <= cut
        result[student.student_id] = ExamEvidence(
            exam_id=cohort.exam_id,
            label=cohort.label,
            low_subjects=lows,
            bottom_position=position,
            group_size=size,
            bottom_cut=cut,
            met=by_low or by_bottom,
        )
    return result


def identify(
    cohorts: Sequence[ExamCohort], rules: IdentificationRules, *, among: Sequence[str] | None = None
) -> list[Candidate]:
    """Students meeting the rules in each of the last `consecutive_exams` cohorts (given oldest first).

    `among` restricts the result to some students (a class) while the cohorts hold the whole comparison group.
    Fewer cohorts than the streak needs give no candidate. Candidates come in the order of the latest cohort.
    """
    if len(cohorts) < rules.consecutive_exams:
        return []
    streak = cohorts[-rules.consecutive_exams :]
    evidence = [exam_evidence(cohort, rules) for cohort in streak]
    wanted = set(among) if among is not None else None
    candidates = []
    for student in streak[-1].students:
        sid = student.student_id
        if wanted is not None and sid not in wanted:
            continue
        chain = [per_exam.get(sid) for per_exam in evidence]
        if all(item is not None and item.met for item in chain):
            candidates.append(Candidate(sid, tuple(item for item in chain if item is not None)))
    return candidates
