"""Small-cell suppression for county aggregates of sensitive groups (留守儿童, 残疾, 心理个案 …).

A count of 1 to `minimum - 1` children in a school is close to naming them, so it is hidden ("<5"); zero is
shown (it names nobody). Hiding one cell is not enough when its row or column total is shown: the total minus
the visible cells gives it back. So, as statistical offices do (primary and secondary suppression; see e.g.
the U.S. Census Bureau's and Eurostat's cell-suppression guidance, and the "rule of five" used for health
statistics), whenever a row or column whose total is shown has exactly one hidden cell, the smallest other
non-zero cell of that line is hidden too (or, when there is none, the line's total), and this repeats until no
shown total has exactly one hidden member. A total below `minimum` is hidden like a cell, and the margins are
lines too: the row totals add up to the grand total, and so do the column totals.

The table is rows × columns of counts; the row totals and column totals are the sums of the lines. The rule is
conservative (it may hide more than a minimal solution) and simple enough to explain to a bureau.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM_GROUP_SIZE = 5
Key = tuple[str, int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """Counts with None where hidden; row and column totals likewise; the grand total."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None


def is_small(count: int, minimum: int = MINIMUM_GROUP_SIZE) -> bool:
    """1 … minimum−1 is small; zero and counts from `minimum` up are shown."""
    return 0 < count < minimum


def suppress(table: Sequence[Sequence[int]], minimum: int = MINIMUM_GROUP_SIZE) -> SuppressedTable:
    """Hide small counts and their complements (module docstring) in a rows × columns table of counts."""
    rows = [list(row) for row in table]
    height, width = len(rows), (len(rows[0]) if rows else 0)
    if any(len(row) != width for row in rows):
        raise ValueError("rows of different lengths")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("negative count")
    values: dict[Key, int] = {("cell", i, j): rows[i][j] for i in range(height) for j in range(width)}
    values |= {("row", i, -1): sum(rows[i]) for i in range(height)}
    values |= {("column", -1, j): sum(row[j] for row in rows) for j in range(width)}
    values[("total", -1, -1)] = sum(values[("row", i, -1)] for i in range(height))
    # Each line: the members and the total they add up to (rows, columns, and the margins themselves).
    lines: list[tuple[list[Key], Key]] = [
        ([("cell", i, j) for j in range(width)], ("row", i, -1)) for i in range(height)
    ]
    lines += [([("cell", i, j) for i in range(height)], ("column", -1, j)) for j in range(width)]
    lines.append(([("row", i, -1) for i in range(height)], ("total", -1, -1)))
    lines.append(([("column", -1, j) for j in range(width)], ("total", -1, -1)))
    hidden = {key for key, value in values.items() if is_small(value, minimum)}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden or sum(member in hidden for member in members) != 1:
                continue
            candidates = [(values[m], m) for m in members if m not in hidden and values[m] > 0]
            hidden.add(min(candidates)[1] if candidates else total)
            changed = True

    def shown(key: Key) -> int | None:
        return None if key in hidden else values[key]

    return SuppressedTable(
        cells=tuple(tuple(shown(("cell", i, j)) for j in range(width)) for i in range(height)),
        row_totals=tuple(shown(("row", i, -1)) for i in range(height)),
        column_totals=tuple(shown(("column", -1, j)) for j in range(width)),
        total=shown(("total", -1, -1)),
    )
