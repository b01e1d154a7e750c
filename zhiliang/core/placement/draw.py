"""The lot draw (抽签): which class number each placed group gets, and which head teacher each class gets,
decided by a seed announced before the draw, so that anyone can repeat it.

The rule, short enough to print on the notice and to redo with any SHA-256 tool (Python's hashlib, the
`sha256sum` command, a spreadsheet add-in):

* for each item, compute the SHA-256 digest (FIPS 180-4) of the UTF-8 text "seed|kind|item", where kind is
  `班级` for a group (item: its provisional number, e.g. "3") and `班主任` for a teacher (item: the staff number);
* sort the items by their digest written in lower-case hexadecimal, smallest first;
* groups take the class numbers still free in increasing order, in that sorted order; teachers take the
  classes 1, 2, 3 … in their sorted order.

Groups holding pre-assigned students keep their number (a pre-assignment names a class), so only the others
are drawn. The seed is any text fixed in advance, e.g. the date and the numbers of a public lottery.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

GROUP_KIND = "班级"
TEACHER_KIND = "班主任"


def digest(seed: str, kind: str, item: str) -> str:
    """SHA-256 of "seed|kind|item" (UTF-8), in lower-case hexadecimal."""
    return hashlib.sha256(f"{seed}|{kind}|{item}".encode()).hexdigest()


def draw_order(seed: str, kind: str, items: Sequence[str]) -> list[str]:
    """`items` in the order the draw puts them (see the module docstring)."""
    return sorted(items, key=lambda item: (digest(seed, kind, item), item))


@dataclass(frozen=True)
class LotDraw:
    seed: str
    class_of_group: dict[int, int]  # provisional group number → class number
    teacher_of_class: dict[int, str]  # class number → teacher's staff number
    digests: dict[str, str]  # "班级|3" / "班主任|T01" → digest, for the record

    def as_record(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "class_of_group": {str(k): v for k, v in sorted(self.class_of_group.items())},
            "teacher_of_class": {str(k): v for k, v in sorted(self.teacher_of_class.items())},
            "digests": dict(sorted(self.digests.items())),
        }


def draw_lots(seed: str, *, groups: int, keep: Collection[int] = (), teachers: Sequence[str] = ()) -> LotDraw:
    """Draw class numbers for groups 1..`groups` (those in `keep` keep their number) and, when `teachers`
    (staff numbers, at most one per class) are given, a head teacher for classes 1..len(teachers)."""
    seed = seed.strip()
    if not seed:
        raise ValueError("the draw needs a seed announced beforehand")
    if len(teachers) > groups:
        raise ValueError("more head teachers than classes")
    if len(set(teachers)) != len(teachers):
        raise ValueError("a teacher is listed twice")
    class_of_group = {group: group for group in keep}
    drawn = [str(group) for group in range(1, groups + 1) if group not in class_of_group]
    free_numbers = [number for number in range(1, groups + 1) if number not in class_of_group]
    for label, number in zip(draw_order(seed, GROUP_KIND, drawn), free_numbers, strict=True):
        class_of_group[int(label)] = number
    teacher_of_class = dict(enumerate(draw_order(seed, TEACHER_KIND, list(teachers)), start=1))
    digests = {f"{GROUP_KIND}|{item}": digest(seed, GROUP_KIND, item) for item in drawn}
    digests |= {f"{TEACHER_KIND}|{item}": digest(seed, TEACHER_KIND, item) for item in teachers}
    return LotDraw(seed=seed, class_of_group=class_of_group, teacher_of_class=teacher_of_class, digests=digests)
