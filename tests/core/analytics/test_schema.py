"""Every frame of an analysis has exactly the published columns and types, also when empty."""

from __future__ import annotations

import polars as pl
import pytest

from tests.core.analytics.helpers import SHUXUE, YUWEN, scores_frame
from zhiliang.core.analytics import ExamAnalysis, analyze_exam, schema

EXPECTED = {
    "full_marks": schema.FULL_MARKS,
    "summary": schema.SUMMARY,
    "students": schema.STUDENTS,
    "student_profile": schema.STUDENT_PROFILE,
    "bands": schema.BANDS,
    "balance": schema.BALANCE,
    "contribution": schema.CONTRIBUTION,
    "cut_lines": schema.CUT_LINES,
    "critical": schema.CRITICAL,
    "top": schema.TOP,
    "top_counts": schema.TOP_COUNTS,
    "bottom": schema.BOTTOM,
    "teacher_comparison": schema.TEACHER_COMPARISON,
    "issues": schema.ISSUES,
}
ROWS = [
    ("a", "一中", "1班", {"语文": 80, "数学": 70}),
    ("b", "一中", "2班", {"语文": 60, "数学": "absent"}),
    ("c", "二中", "1班", {"语文": 95, "数学": 88}),
]
TEACHERS = pl.DataFrame(
    {"teacher": ["王", "李"], "school": ["一中", "二中"], "grade": ["7", "7"], "class": ["1班", "1班"],
     "subject": ["语文", "语文"]}
)  # fmt: skip


def analyses() -> list[ExamAnalysis]:
    plain = analyze_exam(scores_frame(ROWS), [YUWEN, SHUXUE])
    grouped = scores_frame(ROWS, groups={"一中": "东区", "二中": "西区"})
    full = analyze_exam(grouped, [YUWEN, SHUXUE], teachers=TEACHERS, previous=plain)
    lone = analyze_exam(scores_frame([("a", "一中", "1班", {"语文": "absent", "数学": "absent"})]), [YUWEN, SHUXUE])
    return [plain, full, lone]


def test_the_frame_list_is_complete() -> None:
    assert set(ExamAnalysis.FRAMES) == set(EXPECTED)


@pytest.mark.parametrize("analysis", analyses(), ids=["plain", "groups-teachers-previous", "nobody-sat"])
def test_every_frame_has_its_published_schema(analysis: ExamAnalysis) -> None:
    for name, columns in EXPECTED.items():
        assert dict(getattr(analysis, name).schema) == columns, name
