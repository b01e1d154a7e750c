"""The serpentine draft and the balance figures, on examples computed by hand."""

import datetime

import numpy as np
import pytest

from zhiliang.core.placement import IntakeStudent, describe, serpentine
from zhiliang.core.placement.stats import birth_quarter, score_bands


def student(sid, sex="M", score=None, **kwargs):
    return IntakeStudent(student_id=sid, name=sid, sex=sex, score=score, **kwargs)


def test_serpentine_deals_boys_then_girls_by_score_in_an_s():
    # Order dealt: B90 B80 B70 B60 G95 G85 G75 → classes 1 2 2 1 1 2 2 (S-shape, no break between sexes).
    students = [
        student("B70", "M", 70),
        student("G85", "F", 85),
        student("B90", "M", 90),
        student("G75", "F", 75),
        student("B60", "M", 60),
        student("G95", "F", 95),
        student("B80", "M", 80),
    ]
    assert serpentine(students, 2) == {"B90": 1, "B80": 2, "B70": 2, "B60": 1, "G95": 1, "G85": 2, "G75": 2}


def test_without_scores_the_draft_goes_by_birth_date_oldest_first():
    students = [
        student("A", birth_date=datetime.date(2019, 5, 1)),
        student("B", birth_date=datetime.date(2018, 10, 1)),
        student("C", birth_date=datetime.date(2019, 1, 1)),
    ]
    assert serpentine(students, 3) == {"B": 1, "C": 2, "A": 3}


def test_class_figures_by_hand():
    students = [
        student("S1", "M", 90, special_needs=True, feeder_school="甲小", birth_date=datetime.date(2013, 9, 1)),
        student("S2", "F", 70, left_behind=True, feeder_school="乙小", birth_date=datetime.date(2013, 12, 1)),
        student("S3", "F", 80, feeder_school="甲小", subjects={"语文": 40.0}),
        student("S4", "M", 60, subjects={"语文": 30.0}),
        student("S5", "M", None),
    ]
    placement = describe(students, {"S1": 1, "S2": 1, "S3": 1, "S4": 2, "S5": 2}, 2, bands=2, method="manual")
    first, second = placement.classes
    assert (first.size, first.male, first.female, first.scored) == (3, 1, 2, 3)
    assert first.mean == pytest.approx(80.0)
    # Population SD of 90, 70, 80: sqrt((100 + 100 + 0) / 3).
    assert first.sd == pytest.approx(np.sqrt(200 / 3)) == pytest.approx(float(np.std([90, 70, 80], ddof=0)))
    assert (first.special_needs, first.left_behind) == (1, 1)
    assert first.feeders == {"甲小": 2, "乙小": 1} and second.feeders == {"甲小": 0, "乙小": 0}
    assert first.birth_quarters == (1, 1, 0, 0)
    assert first.subject_means == {"语文": 40.0} and second.subject_means == {"语文": 30.0}
    # Scores 90 80 70 60 in two bands: 90, 80 → band 1; 70, 60 → band 2.
    assert first.bands == (2, 1) and second.bands == (0, 1)
    assert (second.size, second.mean, second.sd, second.scored) == (2, 60.0, 0.0, 1)
    quality = placement.quality
    assert quality.mean_spread == pytest.approx(20.0)
    assert (quality.size_spread, quality.male_spread, quality.female_spread) == (1, 1, 2)
    assert (quality.band_spread, quality.feeder_spread, quality.birth_spread) == (2, 2, 1)
    assert quality.subject_mean_spread == {"语文": pytest.approx(10.0)}


def test_equal_scores_share_a_band():
    students = [student(f"S{i}", score=s) for i, s in enumerate([100, 90, 90, 80, 70])]
    assert score_bands(students, 5) == {"S0": 0, "S1": 1, "S2": 1, "S3": 3, "S4": 4}


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        ((2012, 9, 1), 0),
        ((2012, 11, 30), 0),
        ((2012, 12, 1), 1),
        ((2013, 2, 28), 1),
        ((2013, 3, 1), 2),
        ((2013, 8, 31), 3),
    ],
)
def test_birth_quarters_follow_the_school_year(day, quarter):
    assert birth_quarter(datetime.date(*day)) == quarter
