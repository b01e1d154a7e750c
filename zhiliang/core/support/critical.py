"""临界生: where a score stands against a line, and how it moved since the last exam.

A score is **near** a line when line − margin ≤ score < line, **above** when score ≥ line and **below** when
score < line − margin: the 临界生 convention of the exam analysis (docs/analysis.md: margin =
`critical_margin_ratio`·full marks, 5 % by default; a score *at* the line has reached it). Each exam is read
against its own line, so papers with different full marks compare.

Movement since the last exam, for a student near the line now or last time:

| before → now | movement |
|---|---|
| (no result) → near | `new` |
| below → near | `closer` (moved up towards the line) |
| above → near | `slipped` (fell back from the line) |
| near → near | `still` |
| near → above | `crossed` (reached the line) |
| near → below | `dropped` |
| near → (no result) | `absent` |
"""

from __future__ import annotations

import enum


class Position(enum.StrEnum):
    ABOVE = "above"
    NEAR = "near"
    BELOW = "below"


class Movement(enum.StrEnum):
    NEW = "new"
    CLOSER = "closer"
    SLIPPED = "slipped"
    STILL = "still"
    CROSSED = "crossed"
    DROPPED = "dropped"
    ABSENT = "absent"


def position(score: float | None, line: float, margin: float) -> Position | None:
    """Where `score` stands against `line`; None when there is no score."""
    if margin < 0:
        raise ValueError("margin must not be negative")
    if score is None:
        return None
    line, lower = round(line, 6), round(line - margin, 6)
    if score >= line:
        return Position.ABOVE
    if score >= lower:
        return Position.NEAR
    return Position.BELOW


_MOVES: dict[tuple[Position | None, Position | None], Movement] = {
    (None, Position.NEAR): Movement.NEW,
    (Position.BELOW, Position.NEAR): Movement.CLOSER,
    (Position.ABOVE, Position.NEAR): Movement.SLIPPED,
    (Position.NEAR, Position.NEAR): Movement.STILL,
    (Position.NEAR, Position.ABOVE): Movement.CROSSED,
    (Position.NEAR, Position.BELOW): Movement.DROPPED,
    (Position.NEAR, None): Movement.ABSENT,
}


def movement(before: Position | None, now: Position | None) -> Movement | None:
    """The movement of a student near the line now or last time; None for everyone else."""
    return _MOVES.get((before, now))
