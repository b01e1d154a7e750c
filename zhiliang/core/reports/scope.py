"""Report scopes: the whole county, one school, or one class of a school.

A scope does not recompute anything: it selects the rows of an `ExamAnalysis` that belong to the unit and
keeps the rows of the units above it (the school and the county) as the reference the unit is compared with.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from zhiliang.core.analytics import ExamAnalysis


class ScopeNotFound(ValueError):
    """The school or class of a scope is not in the analysis (message in zh-Hans)."""


@dataclass(frozen=True)
class ReportScope:
    """`ReportScope()` is the county, `ReportScope(school="一中")` a school, and
    `ReportScope(school="一中", class_name="1班")` a class."""

    school: str | None = None
    class_name: str | None = None

    def __post_init__(self) -> None:
        if self.class_name is not None and self.school is None:
            raise ValueError("a class scope needs its school")

    @property
    def level(self) -> str:
        if self.class_name is not None:
            return "class"
        return "school" if self.school is not None else "county"

    @property
    def label(self) -> str:
        if self.level == "county":
            return "全县（全部学校）"
        if self.level == "school":
            return str(self.school)
        return f"{self.school} {self.class_name}"

    def students(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Rows of a per-student frame (students, critical, bottom …) inside the scope."""
        if self.school is not None:
            frame = frame.filter(pl.col("school") == self.school)
        if self.class_name is not None:
            frame = frame.filter(pl.col("class") == self.class_name)
        return frame

    def units(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Rows of a per-unit frame (summary, bands, cut_lines …) for the scope's own unit and the units
        inside it, plus the county and (for a class) the school rows it is compared with."""
        if self.level == "county":
            return frame
        level = pl.col("level")
        in_school = pl.col("school") == self.school
        if self.level == "school":
            return frame.filter((level == "county") | in_school)
        return frame.filter(
            (level == "county")
            | ((level == "school") & in_school)
            | ((level == "class") & in_school & (pl.col("class") == self.class_name))
        )

    def check(self, analysis: ExamAnalysis) -> None:
        """Raise ScopeNotFound when the school or class is not in the analysis."""
        if self.school is None:
            return
        schools = analysis.summary.filter(pl.col("level") == "school")
        if schools.filter(pl.col("school") == self.school).is_empty():
            known = "、".join(schools.get_column("school").unique(maintain_order=True).head(10).to_list())
            raise ScopeNotFound(f"分析结果中没有学校“{self.school}”（有：{known}……）")
        if self.class_name is None:
            return
        classes = analysis.summary.filter((pl.col("level") == "class") & (pl.col("school") == self.school))
        if classes.filter(pl.col("class") == self.class_name).is_empty():
            known = "、".join(classes.get_column("class").unique(maintain_order=True).to_list())
            raise ScopeNotFound(f"学校“{self.school}”中没有班级“{self.class_name}”（有：{known}）")
