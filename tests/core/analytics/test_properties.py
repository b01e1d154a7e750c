"""Invariants of the analysis on random exams (hypothesis)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.analytics.helpers import scores_frame
from zhiliang.core.analytics import TOTAL, AnalysisConfig, ExamAnalysis, SubjectSpec, analyze_exam

SUBJECTS = [SubjectSpec("语文", 120), SubjectSpec("数学", 150), SubjectSpec("科学", 100)]
STATUSES = ["absent", "exempt", "cheating", "missing"]


@st.composite
def exams(draw: st.DrawFn) -> tuple[pl.DataFrame, bool]:
    """A random exam: up to 40 students in up to 3 schools x 3 classes, 2 grades, scores in half points."""
    n = draw(st.integers(1, 40))
    rows = []
    for i in range(n):
        school = draw(st.sampled_from(["一中", "二中", "三中"]))
        cells: dict[str, object] = {}
        for subject in SUBJECTS:
            if draw(st.integers(0, 9)) == 0:
                cells[subject.name] = draw(st.sampled_from(STATUSES))
            else:
                cells[subject.name] = draw(st.integers(0, int(2 * subject.full_marks))) / 2
        rows.append((f"s{i}", school, draw(st.sampled_from(["1班", "2班", "3班"])), cells))
    frame = scores_frame(rows)
    grade = pl.when(pl.col("student_id").str.slice(1).cast(pl.Int64) % 2 == 0).then(pl.lit("7")).otherwise(pl.lit("8"))
    group = pl.when(pl.col("school") == "三中").then(None).otherwise(pl.lit("东区"))
    return frame.with_columns(grade=grade, group=group), draw(st.booleans())


def analyse(exam: tuple[pl.DataFrame, bool]) -> ExamAnalysis:
    frame, cheating_as_zero = exam
    return analyze_exam(frame, SUBJECTS, AnalysisConfig(cheating_as_zero=cheating_as_zero))


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(exams())
def test_rates_are_fractions(exam: tuple[pl.DataFrame, bool]) -> None:
    summary = analyse(exam).summary
    for column in ("score_rate", "pass_rate", "excellent_rate", "low_rate", "all_pass_rate"):
        values = summary.get_column(column).drop_nulls()
        assert values.is_between(0, 1).all(), column


@PROPERTY
@given(exams())
def test_counts_add_up(exam: tuple[pl.DataFrame, bool]) -> None:
    _, cheating_as_zero = exam
    summary = analyse(exam).summary
    subjects = summary.filter(pl.col("subject") != TOTAL)
    not_sat = pl.col("absent") + pl.col("missing") + (0 if cheating_as_zero else pl.col("cheating"))
    assert subjects.select((pl.col("enrolled") == pl.col("sat") + not_sat).all()).item()
    totals = summary.filter(subject=TOTAL)
    assert totals.select((pl.col("enrolled") == pl.col("sat") + pl.col("incomplete")).all()).item()
    assert summary.select((pl.col("pass_count") <= pl.col("sat")).all()).item()
    assert summary.select((pl.col("excellent_count") <= pl.col("pass_count")).all()).item()


def _is_competition_ranking(ranks: list[int]) -> bool:
    """Sorted ranks start at 1, and a block of k ties at rank r is followed by rank r + k."""
    ranks = sorted(ranks)
    position = 0
    while position < len(ranks):
        r = ranks[position]
        if r != position + 1:
            return False
        k = ranks.count(r)
        position += k
    return True


@PROPERTY
@given(exams())
def test_ranks_are_permutations_with_ties(exam: tuple[pl.DataFrame, bool]) -> None:
    students = analyse(exam).students.filter(pl.col("score").is_not_null())
    scopes = {"rank_class": ["school", "class"], "rank_school": ["school"], "rank_county": []}
    for column, keys in scopes.items():
        for group in students.partition_by(["grade", "subject", *keys]):
            assert _is_competition_ranking(group.get_column(column).to_list()), column
            # a higher score never has a worse rank
            ordered = group.sort("score", descending=True).get_column(column)
            assert ordered.is_sorted()
    unscored = analyse(exam).students.filter(pl.col("score").is_null())
    assert unscored.get_column("rank_county").null_count() == unscored.height


@PROPERTY
@given(exams())
def test_sat_weighted_unit_means_reconstruct_the_parent_mean(exam: tuple[pl.DataFrame, bool]) -> None:
    summary = analyse(exam).summary.filter(pl.col("sat") > 0)
    weighted = (pl.col("mean") * pl.col("sat")).sum() / pl.col("sat").sum()
    pairs = [("class", "school", ["grade", "school", "subject"]), ("school", "county", ["grade", "subject"])]
    for child, parent, keys in pairs:
        rebuilt = summary.filter(level=child).group_by(keys).agg(rebuilt=weighted)
        joined = summary.filter(level=parent).join(rebuilt, on=keys, nulls_equal=True)
        assert joined.height == summary.filter(level=parent).height
        for mean, value in joined.select("mean", "rebuilt").rows():
            assert value == pytest.approx(mean)


@PROPERTY
@given(exams())
def test_z_has_mean_zero_and_sd_one_and_t_follows(exam: tuple[pl.DataFrame, bool]) -> None:
    students = analyse(exam).students.filter(pl.col("z").is_not_null())
    for group in students.partition_by(["grade", "subject"]):
        z = group.get_column("z")
        assert z.mean() == pytest.approx(0, abs=1e-9)
        assert z.std(ddof=0) == pytest.approx(1)
        assert (group.get_column("t") - (50 + 10 * z)).abs().max() == pytest.approx(0, abs=1e-9)  # type: ignore[operator]
    assert students.get_column("percentile").is_between(0, 100, closed="right").all()


@PROPERTY
@given(exams())
def test_band_counts_sum_to_sat(exam: tuple[pl.DataFrame, bool]) -> None:
    analysis = analyse(exam)
    keys = ["level", "grade", "group", "school", "class", "subject"]
    sums = analysis.bands.group_by(keys).agg(pl.col("count").sum())
    joined = analysis.summary.join(sums, on=keys, nulls_equal=True)
    assert joined.height == analysis.summary.filter(pl.col("level") != "teacher").height
    assert (joined.get_column("count") == joined.get_column("sat")).all()


@PROPERTY
@given(exams())
def test_cut_lines_are_cumulative(exam: tuple[pl.DataFrame, bool]) -> None:
    lines = analyse(exam).cut_lines
    for group in lines.partition_by(["level", "grade", "school", "class", "group"]):
        above = group.sort("line").get_column("count_above")
        assert above.is_sorted()
        assert group.get_column("count_tier").sum() == above[-1]
