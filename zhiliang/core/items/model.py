"""What a paper (试卷) is made of: items (小题) with their kind, max points, key and knowledge points.

An item of a choice kind carries its answer key; a student's letter is scored against it by `score_choice`.
Knowledge points (知识点) and ability levels (能力层次) are names from the county catalogue: an item may test
several, and a knowledge point is tested by several items (many-to-many).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    SINGLE = "single"  # 单选题
    MULTIPLE = "multiple"  # 多选题
    FILL = "fill"  # 填空题
    CONSTRUCTED = "constructed"  # 解答题 / 主观题

    @property
    def is_choice(self) -> bool:
        return self in (ItemKind.SINGLE, ItemKind.MULTIPLE)


@dataclass(frozen=True)
class ItemSpec:
    """One item of a paper. `intended` is the difficulty the setters aimed at (预估难度, 0–1), if stated."""

    label: str
    max_points: float
    kind: ItemKind = ItemKind.CONSTRUCTED
    key: str = ""
    knowledge_points: tuple[str, ...] = ()
    abilities: tuple[str, ...] = ()
    intended: float | None = None
    # Points for a multiple-choice answer that picks only correct options (部分选对); None = half the max.
    partial_points: float | None = None

    def __post_init__(self) -> None:
        if not (self.max_points > 0 and math.isfinite(self.max_points)):
            raise ValueError(f"item {self.label}: max points must be positive")
        if self.kind.is_choice and not self.key:
            raise ValueError(f"item {self.label}: a choice item needs its key")


def normalise_letters(text: str) -> str:
    """`" a, c "` → `"AC"`: the letters of a choice answer, upper-case, sorted, without separators."""
    return "".join(sorted({ch for ch in text.upper() if "A" <= ch <= "Z"}))


def score_choice(item: ItemSpec, answer: str) -> float:
    """Points for the letters chosen on a choice item.

    Single choice: the key or nothing. Multiple choice, the rule of most Chinese papers (e.g. 新高考 多选题):
    every correct option and no wrong one earns the full points; some correct options and no wrong one earn
    the partial points (half the max unless the paper says otherwise); any wrong option earns 0.
    """
    chosen = normalise_letters(answer)
    key = normalise_letters(item.key)
    if chosen == key:
        return item.max_points
    if item.kind is ItemKind.MULTIPLE and chosen and set(chosen) < set(key):
        return item.partial_points if item.partial_points is not None else item.max_points / 2
    return 0.0
