"""Scholarship tiers from a county rank list, and the top-student register (优生).

Tiers: a student's tier is the first (highest) one whose cut their county rank on the total reaches,
rank ≤ cut with competition ranks ("1224"), so students tied at a cut are all inside it — the convention of the
analysis' top lists (docs/analysis.md, "top lists"; the seed plans reward 全县前100名、前200名).

Register: a student enters the top-student register when their county rank is within `top_n` in at least
`min_times` of the exams considered (the bureau's rule, e.g. top 200 in 2 of the last 3 county exams).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AwardTier:
    cut: int  # county rank ≤ cut
    label: str


@dataclass(frozen=True)
class TopRule:
    top_n: int = 200
    min_times: int = 2

    def __post_init__(self) -> None:
        if self.top_n < 1 or self.min_times < 1:
            raise ValueError("top_n and min_times must be at least 1")


def _check_tiers(tiers: Sequence[AwardTier]) -> None:
    cuts = [tier.cut for tier in tiers]
    if not cuts or any(cut < 1 for cut in cuts) or cuts != sorted(set(cuts)):
        raise ValueError("tier cuts must be positive and strictly increasing")


def scholarship_tiers(ranks: Mapping[str, int | None], tiers: Sequence[AwardTier]) -> dict[str, AwardTier]:
    """The tier of every student who reaches one (students without a rank get none)."""
    _check_tiers(tiers)
    awarded: dict[str, AwardTier] = {}
    for student, rank in ranks.items():
        if rank is None:
            continue
        for tier in tiers:
            if rank <= tier.cut:
                awarded[student] = tier
                break
    return awarded


def top_register(history: Sequence[Mapping[str, int | None]], rule: TopRule) -> dict[str, list[int | None]]:
    """Students within `top_n` in at least `min_times` of the exams, with their rank in each (None: no rank)."""
    students = {student for ranks in history for student in ranks}
    register: dict[str, list[int | None]] = {}
    for student in sorted(students):
        ranks = [exam.get(student) for exam in history]
        times = sum(1 for rank in ranks if rank is not None and rank <= rule.top_n)
        if times >= rule.min_times:
            register[student] = ranks
    return register
