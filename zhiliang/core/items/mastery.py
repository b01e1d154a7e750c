"""Knowledge-point mastery (知识点掌握率): points obtained over points possible, per student and per unit.

An item counts in full towards every knowledge point it tests (an item on 一元二次方程 and 因式分解 adds its
points to both), the convention of marking platforms' 知识点分析; the possible points of a knowledge point
are the max points of its items. A unit's mastery (class, school, the county) is Σ obtained / Σ possible
over its students, which equals the mean of the students' mastery because every student sat the same items.
Gaps compare a class with its grade (the whole population analysed, e.g. the county's grade 9) and with its
school's grade: negative means the class has mastered the point less well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl


@dataclass(frozen=True)
class MasteryTables:
    students: pl.DataFrame  # student, school, class, knowledge_point, obtained, possible, lost, mastery
    classes: pl.DataFrame  # school, class, knowledge_point, students, mastery, gap_grade, gap_school
    schools: pl.DataFrame  # school, knowledge_point, students, mastery, gap_grade
    grade: pl.DataFrame  # knowledge_point, students, possible, mastery


def knowledge_mastery(
    points: npt.NDArray[np.float64],
    max_points: Sequence[float],
    knowledge_points: Mapping[str, Sequence[int]],
    units: pl.DataFrame,
) -> MasteryTables:
    """Mastery tables. `points`: students × items (NaN = blank, counted as 0); `knowledge_points`: name →
    indices of the items testing it; `units`: one row per student (same order) with `student`, `school`,
    `class`."""
    x = np.nan_to_num(np.asarray(points, dtype=np.float64), nan=0.0)
    maxima = np.asarray(max_points, dtype=np.float64)
    names = sorted(knowledge_points)
    obtained = np.column_stack([x[:, list(knowledge_points[k])].sum(axis=1) for k in names]) if names else None
    possible = [float(maxima[list(knowledge_points[k])].sum()) for k in names]
    n = x.shape[0]
    frames = []
    for j, name in enumerate(names):
        assert obtained is not None
        frames.append(
            units.select("student", "school", "class").with_columns(
                pl.lit(name).alias("knowledge_point"),
                pl.Series("obtained", obtained[:, j], dtype=pl.Float64),
                pl.lit(possible[j]).alias("possible"),
            )
        )
    schema = {
        "student": pl.String,
        "school": pl.String,
        "class": pl.String,
        "knowledge_point": pl.String,
        "obtained": pl.Float64,
        "possible": pl.Float64,
    }
    students = pl.concat(frames) if frames and n else pl.DataFrame(schema=schema)
    students = students.with_columns(
        (pl.col("possible") - pl.col("obtained")).alias("lost"),
        (pl.col("obtained") / pl.col("possible")).alias("mastery"),
    )

    def rollup(keys: list[str]) -> pl.DataFrame:
        return (
            students.group_by([*keys, "knowledge_point"], maintain_order=True)
            .agg(
                pl.len().alias("students"),
                pl.col("possible").first(),
                (pl.col("obtained").sum() / pl.col("possible").sum()).alias("mastery"),
            )
            .sort([*keys, "knowledge_point"])
        )

    grade = rollup([])
    schools = rollup(["school"])
    classes = rollup(["school", "class"])
    grade_m = grade.select("knowledge_point", pl.col("mastery").alias("grade_mastery"))
    school_m = schools.select("school", "knowledge_point", pl.col("mastery").alias("school_mastery"))
    schools = schools.join(grade_m, on="knowledge_point", how="left").with_columns(
        (pl.col("mastery") - pl.col("grade_mastery")).alias("gap_grade")
    )
    classes = (
        classes.join(grade_m, on="knowledge_point", how="left")
        .join(school_m, on=["school", "knowledge_point"], how="left")
        .with_columns(
            (pl.col("mastery") - pl.col("grade_mastery")).alias("gap_grade"),
            (pl.col("mastery") - pl.col("school_mastery")).alias("gap_school"),
        )
    )
    return MasteryTables(
        students=students,
        classes=classes.drop("grade_mastery", "school_mastery", "possible"),
        schools=schools.drop("grade_mastery", "possible"),
        grade=grade,
    )
