"""Column lists and types of every frame the analysis returns.

The CLI, the xlsx/PDF renderers and the Django pages depend on these names; ``docs/analysis.md`` explains
each column. Every frame of an ``ExamAnalysis`` has exactly the schema given here (a test checks it), also
when it is empty. Counts and ranks are ``Int64``; shares, rates and scores are ``Float64`` (rates are
fractions 0..1, never percentages); labels are ``String``.
"""

from __future__ import annotations

import polars as pl

S = pl.String
F = pl.Float64
I = pl.Int64  # noqa: E741 - short names keep the tables below readable

INPUT_SCORES: dict[str, pl.DataType] = {
    "student_id": S(),
    "name": S(),
    "school": S(),
    "class": S(),
    "grade": S(),
    "group": S(),
    "subject": S(),
    "score": F(),
    "status": S(),
}
INPUT_TEACHERS: dict[str, pl.DataType] = {
    "teacher": S(),
    "school": S(),
    "grade": S(),
    "class": S(),
    "subject": S(),
}

_UNIT = {"level": S(), "grade": S(), "group": S(), "school": S(), "class": S()}

SUMMARY: dict[str, pl.DataType] = {
    **_UNIT,
    "teacher": S(),
    "subject": S(),
    "full_marks": F(),
    "enrolled": I(),
    "sat": I(),
    "absent": I(),
    "exempt": I(),
    "cheating": I(),
    "missing": I(),
    "incomplete": I(),
    "mean": F(),
    "sd": F(),
    "median": F(),
    "max": F(),
    "min": F(),
    "score_rate": F(),
    "pass_count": I(),
    "excellent_count": I(),
    "good_count": I(),
    "low_count": I(),
    "pass_rate": F(),
    "excellent_rate": F(),
    "good_rate": F(),
    "low_rate": F(),
    "all_pass_rate": F(),
    "composite": F(),
    "over_mean_rate": F(),
    "rank": I(),
    "rank_composite": I(),
    "rank_change": I(),
    "rank_composite_change": I(),
}

STUDENTS: dict[str, pl.DataType] = {
    "student_id": S(),
    "name": S(),
    "school": S(),
    "class": S(),
    "grade": S(),
    "group": S(),
    "subject": S(),
    "score": F(),
    "status": S(),
    "rank_class": I(),
    "rank_school": I(),
    "rank_county": I(),
    "z": F(),
    "t": F(),
    "percentile": F(),
    "level": S(),
    "rank_gap": I(),
    "change_rank_county": I(),
    "change_t": F(),
}

STUDENT_PROFILE: dict[str, pl.DataType] = {
    "student_id": S(),
    "name": S(),
    "school": S(),
    "class": S(),
    "grade": S(),
    "group": S(),
    "total": F(),
    "rank_county": I(),
    "subjects_sat": I(),
    "strongest": S(),
    "strongest_z": F(),
    "weakest": S(),
    "weakest_z": F(),
    "z_range": F(),
    "widest_gap_subject": S(),
    "widest_gap": I(),
}

BANDS: dict[str, pl.DataType] = {
    **_UNIT,
    "subject": S(),
    "full_marks": F(),
    "band": I(),
    "band_low": F(),
    "band_high": F(),
    "count": I(),
    "share": F(),
}

BALANCE: dict[str, pl.DataType] = {
    "level": S(),
    "unit": S(),
    "grade": S(),
    "group": S(),
    "school": S(),
    "subject": S(),
    "units": I(),
    "mean_of_means": F(),
    "sd": F(),
    "cv": F(),
    "cv_weighted": F(),
    "range": F(),
    "max_mean": F(),
    "min_mean": F(),
}

CONTRIBUTION: dict[str, pl.DataType] = {
    **_UNIT,
    "subject": S(),
    "score_rate": F(),
    "parent_score_rate": F(),
    "total_score_rate": F(),
    "parent_total_score_rate": F(),
    "contribution": F(),
}

CUT_LINES: dict[str, pl.DataType] = {
    **_UNIT,
    "line": I(),
    "line_score": F(),
    "target_share": F(),
    "sat": I(),
    "count_above": I(),
    "share_above": F(),
    "count_tier": I(),
}

_STUDENT_KEYS = {
    "student_id": S(),
    "name": S(),
    "school": S(),
    "class": S(),
    "grade": S(),
    "group": S(),
}

CRITICAL: dict[str, pl.DataType] = {
    **_STUDENT_KEYS,
    "subject": S(),
    "score": F(),
    "line_kind": S(),
    "line_score": F(),
    "gap": F(),
}

TOP: dict[str, pl.DataType] = {
    "top_n": I(),
    **_STUDENT_KEYS,
    "score": F(),
    "rank_county": I(),
}

TOP_COUNTS: dict[str, pl.DataType] = {
    **_UNIT,
    "top_n": I(),
    "sat": I(),
    "count": I(),
    "share": F(),
}

BOTTOM: dict[str, pl.DataType] = {
    **_STUDENT_KEYS,
    "subject": S(),
    "score": F(),
    "rank_county": I(),
    "percentile": F(),
}

TEACHER_COMPARISON: dict[str, pl.DataType] = {
    "teacher": S(),
    "grade": S(),
    "group": S(),
    "school": S(),
    "class": S(),
    "subject": S(),
    "sat": I(),
    "mean": F(),
    "score_rate": F(),
    "pass_rate": F(),
    "excellent_rate": F(),
    "low_rate": F(),
    "composite": F(),
    "over_mean_rate": F(),
    "rank": I(),
    "school_mean": F(),
    "county_mean": F(),
    "mean_diff_school": F(),
    "mean_diff_county": F(),
    "pass_rate_diff_school": F(),
    "pass_rate_diff_county": F(),
    "excellent_rate_diff_school": F(),
    "excellent_rate_diff_county": F(),
    "low_rate_diff_school": F(),
    "low_rate_diff_county": F(),
    "composite_diff_school": F(),
    "composite_diff_county": F(),
    "teacher_mean": F(),
    "teacher_rank_school": I(),
    "teacher_rank_county": I(),
    "teachers_school": I(),
    "teachers_county": I(),
    "prev_mean": F(),
    "prev_score_rate": F(),
    "prev_over_mean_rate": F(),
    "prev_rank": I(),
    "score_rate_change": F(),
    "over_mean_rate_change": F(),
    "rank_change": I(),
}

FULL_MARKS: dict[str, pl.DataType] = {"grade": S(), "subject": S(), "full_marks": F()}

ISSUES: dict[str, pl.DataType] = {
    "kind": S(),
    "grade": S(),
    "school": S(),
    "class": S(),
    "student_id": S(),
    "subject": S(),
    "teacher": S(),
}


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` reduced to ``schema``'s columns in its order and types; absent columns become nulls."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in schema.items()
    )


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with ``schema``."""
    return pl.DataFrame(schema=schema)
