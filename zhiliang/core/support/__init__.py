"""Student support (学困生, 临界生, 优生): the rules behind the lists, as plain functions of exam results.

* `identify`: which students a county's rules flag as struggling (学困生) after an exam, with the evidence;
* `outcome`: whether a supported student improved between two exams;
* `critical`: where a score stands against a line (above / near / below) and how that moved since last time;
* `awards`: scholarship tiers from a county rank list and the top-student register (优生).

No Django here: the app (`zhiliang/support/`) reads the exam analysis and passes plain values in.
"""

from zhiliang.core.support.awards import AwardTier, TopRule, scholarship_tiers, top_register
from zhiliang.core.support.critical import Movement, Position, movement, position
from zhiliang.core.support.identify import (
    Candidate,
    ExamCohort,
    ExamEvidence,
    IdentificationRules,
    StudentExam,
    bottom_positions,
    exam_evidence,
    identify,
    low_subjects,
)
from zhiliang.core.support.outcome import Outcome, OutcomePoint, outcome_between

__all__ = [
    "AwardTier",
    "Candidate",
    "ExamCohort",
    "ExamEvidence",
    "IdentificationRules",
    "Movement",
    "Outcome",
    "OutcomePoint",
    "Position",
    "StudentExam",
    "TopRule",
    "bottom_positions",
    "exam_evidence",
    "identify",
    "low_subjects",
    "movement",
    "outcome_between",
    "position",
    "scholarship_tiers",
    "top_register",
]
