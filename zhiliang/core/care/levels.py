"""Levels (等级) for families: results shown to students and parents as levels, never ranks or raw scores.

Sources: 教育部办公厅《关于加强义务教育学校考试管理的通知》(教基厅函〔2021〕34号): 期中/期末 results are
given as levels (等级), not scores, and never ranked (/work/shared/standards/exam-rules-2021.md). The four
levels 优秀/良好/合格/待合格 are the common provincial form of term evaluations
(/work/shared/standards/comprehensive-evaluation.md).

* Subjects: the share of full marks over the term's exams — Σ score ÷ Σ full marks over the exams the student
  sat, so a 120-mark final weighs more than a 100-mark mid-term, as on paper — and the cut-offs of the exams
  app's default level lines (`Exam.level_a/b/c_ratio`): 优秀 ≥ 85%, 良好 ≥ 70%, 合格 ≥ 60%, else 待合格.
* Domains of the daily records: the share of positive observations in the term, once there are at least
  `MIN_OBSERVATIONS`: 优秀 ≥ 80%, 良好 ≥ 60%, 合格 ≥ 40%, else 待合格. Teachers record praise more often than
  faults, so the behaviour cut-offs sit lower than the score ones; fewer records give no level ("too few
  records"), because two taps should not grade a child. These cut-offs are our product decision, not a
  national rule; `docs/care.md` says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from zhiliang.core.care.observations import Tally

LEVELS: tuple[str, ...] = ("excellent", "good", "pass", "below")
LEVEL_LABELS: dict[str, dict[str, str]] = {
    "excellent": {"zh": "优秀", "en": "Excellent"},
    "good": {"zh": "良好", "en": "Good"},
    "pass": {"zh": "合格", "en": "Pass"},
    "below": {"zh": "待合格", "en": "Not yet passing"},
}
SCORE_CUTS: tuple[float, float, float] = (0.85, 0.70, 0.60)
BEHAVIOUR_CUTS: tuple[float, float, float] = (0.80, 0.60, 0.40)
MIN_OBSERVATIONS = 3


def level_label(level: str | None, lang: str = "zh") -> str:
    if level is None:
        return ""
    return LEVEL_LABELS[level]["en" if lang.startswith("en") else "zh"]


def level_of_share(share: float, cuts: tuple[float, float, float]) -> str:
    """The level of a share in [0, 1] against three descending cut-offs (a share on a cut-off reaches it)."""
    if not 0 <= share <= 1:
        raise ValueError(f"share {share} outside [0, 1]")
    excellent, good, passing = cuts
    if not excellent >= good >= passing:
        raise ValueError("cut-offs must descend")
    # Rounded to 6 places so 0.7 computed as 84/120 reaches the 0.70 line despite binary floating point.
    share = round(share, 6)
    if share >= excellent:
        return "excellent"
    if share >= good:
        return "good"
    if share >= passing:
        return "pass"
    return "below"


def subject_share(results: Iterable[tuple[float, float]]) -> float | None:
    """Σ score ÷ Σ full marks over (score, full marks) pairs; None when the student sat none."""
    pairs = list(results)
    full = sum(full_marks for _score, full_marks in pairs)
    if not pairs or full <= 0:
        return None
    for score, full_marks in pairs:
        if not 0 <= score <= full_marks:
            raise ValueError(f"score {score} outside [0, {full_marks}]")
    return sum(score for score, _full in pairs) / full


def subject_level(results: Iterable[tuple[float, float]], cuts: tuple[float, float, float] = SCORE_CUTS) -> str | None:
    share = subject_share(results)
    return None if share is None else level_of_share(share, cuts)


def behaviour_level(
    tally: Tally, cuts: tuple[float, float, float] = BEHAVIOUR_CUTS, minimum: int = MIN_OBSERVATIONS
) -> str | None:
    """The level of one domain from its term tally, or None with fewer than `minimum` observations."""
    if tally.total < minimum or tally.positive_share is None:
        return None
    return level_of_share(tally.positive_share, cuts)
