"""Small builders for hand-computed analysis cases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from zhiliang.core.analytics import SubjectSpec

YUWEN = SubjectSpec("语文", 100)
SHUXUE = SubjectSpec("数学", 100)

Cell = float | str  # a score, or a status such as "absent"


def scores_frame(
    rows: Iterable[Sequence[object]],
    *,
    grade: str | None = "7",
    groups: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Long scores from ``(student_id, school, class, {subject: score or status})`` rows.

    A number means status ``scored``; a string is a status with no score. ``groups`` maps school -> group.
    """
    records = []
    for student_id, school, class_, cells in rows:
        assert isinstance(cells, dict)
        for subject, cell in cells.items():
            scored = isinstance(cell, int | float)
            records.append(
                {
                    "student_id": student_id,
                    "name": f"name-{student_id}",
                    "school": school,
                    "class": class_,
                    "grade": grade,
                    "group": (groups or {}).get(str(school)),
                    "subject": subject,
                    "score": float(cell) if scored else None,
                    "status": "scored" if scored else cell,
                }
            )
    return pl.DataFrame(
        records,
        schema={
            "student_id": pl.String,
            "name": pl.String,
            "school": pl.String,
            "class": pl.String,
            "grade": pl.String,
            "group": pl.String,
            "subject": pl.String,
            "score": pl.Float64,
            "status": pl.String,
        },
    )


def one_subject(scores: dict[tuple[str, str], list[Cell]], subject: str = "语文") -> pl.DataFrame:
    """Scores of one subject from ``{(school, class): [scores]}``; student ids are generated."""
    rows = []
    for (school, class_), values in scores.items():
        for i, value in enumerate(values):
            rows.append((f"{school}-{class_}-{i}", school, class_, {subject: value}))
    return scores_frame(rows)


def row(frame: pl.DataFrame, **where: object) -> dict[str, object]:
    """The single row of ``frame`` matching all ``column=value`` pairs (None matches null)."""
    mask = pl.lit(True)
    for column, value in where.items():
        mask = mask & (pl.col(column).is_null() if value is None else pl.col(column) == value)
    found = frame.filter(mask)
    assert found.height == 1, f"expected one row for {where}, found {found.height}"
    return found.row(0, named=True)
