"""Ranks, SDs, medians, z-scores, percentiles and CVs agree with scipy / numpy on random county data."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats

from tests.core.analytics.helpers import scores_frame
from zhiliang.core.analytics import SubjectSpec, analyze_exam

MATH = SubjectSpec("数学", 150)


@pytest.fixture(scope="module")
def analysis():  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(20240901)
    rows = []
    for i in range(600):
        school = f"校{rng.integers(1, 7)}"
        class_ = f"{rng.integers(1, 5)}班"
        # half-point scores with many ties, so tie handling is exercised
        score = float(np.clip(np.round(rng.normal(95, 25) * 2) / 2, 0, 150))
        rows.append((f"s{i}", school, class_, {"数学": score}))
    # the student id decides the class: a student's class is unique within the school
    return analyze_exam(scores_frame(rows), [MATH])


def test_ranks_match_scipy_rankdata_min(analysis) -> None:  # type: ignore[no-untyped-def]
    students = analysis.students.filter(subject="数学")
    for keys, column in ((["school", "class"], "rank_class"), (["school"], "rank_school"), ([], "rank_county")):
        groups = students.partition_by(keys) if keys else [students]
        for group in groups:
            expected = stats.rankdata(-group.get_column("score").to_numpy(), method="min")
            assert group.get_column(column).to_list() == expected.astype(int).tolist()


def test_statistics_match_numpy(analysis) -> None:  # type: ignore[no-untyped-def]
    students = analysis.students.filter(subject="数学")
    summary = analysis.summary.filter(level="class", subject="数学")
    for unit in summary.iter_rows(named=True):
        values = students.filter(school=unit["school"], **{"class": unit["class"]}).get_column("score").to_numpy()
        assert unit["mean"] == pytest.approx(np.mean(values))
        assert unit["sd"] == pytest.approx(np.std(values, ddof=0))
        assert unit["median"] == pytest.approx(np.median(values))
        assert unit["pass_rate"] == pytest.approx(np.mean(values >= 90))
        assert unit["excellent_rate"] == pytest.approx(np.mean(values >= 127.5))
        assert unit["low_rate"] == pytest.approx(np.mean(values < 60))


def test_z_and_percentile_match_scipy(analysis) -> None:  # type: ignore[no-untyped-def]
    students = analysis.students.filter(subject="数学")
    values = students.get_column("score").to_numpy()
    assert np.allclose(students.get_column("z").to_numpy(), stats.zscore(values, ddof=0))
    expected = [stats.percentileofscore(values, v, kind="mean") for v in values]
    assert np.allclose(students.get_column("percentile").to_numpy(), expected)


def test_cv_matches_scipy_variation_and_the_weighted_formula(analysis) -> None:  # type: ignore[no-untyped-def]
    classes = analysis.summary.filter(level="class", subject="数学")
    balance = analysis.balance.filter(level="school", subject="数学")
    for unit in balance.iter_rows(named=True):
        own = classes.filter(school=unit["school"])
        means, sat = own.get_column("mean").to_numpy(), own.get_column("sat").to_numpy()
        assert unit["cv"] == pytest.approx(stats.variation(means))  # scipy: population sd / mean
        centre = np.average(means, weights=sat)
        assert unit["cv_weighted"] == pytest.approx(np.sqrt(np.average((means - centre) ** 2, weights=sat)) / centre)
        school_mean = analysis.summary.filter(level="school", subject="数学", school=unit["school"])
        assert centre == pytest.approx(school_mean.get_column("mean").item())


def test_band_shares_match_numpy_histogram(analysis) -> None:  # type: ignore[no-untyped-def]
    values = analysis.students.filter(subject="数学").get_column("score").to_numpy()
    # numpy's last bin is closed too, like ours
    counts, _ = np.histogram(values, bins=np.linspace(0, 150, 11))
    bands = analysis.bands.filter(level="county", subject="数学")
    assert bands.get_column("count").to_list() == counts.tolist()
    assert bands.get_column("share").sum() == pytest.approx(1.0)
    assert isinstance(bands, pl.DataFrame)
