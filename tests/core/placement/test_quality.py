"""The issue's quality targets on a realistic intake: hard constraints met, the spread of class means at most a
tenth of the serpentine draft's, boys, girls and flagged students within one (the benchmark does 300–1,200)."""

from tests.placement.intakes import make_intake
from zhiliang.core.placement import PlacementOptions, place, violations


def test_a_grade_seven_intake_of_300_into_8_classes_meets_the_targets():
    students = make_intake(300, seed=11, feeders=10, classes=8)
    options = PlacementOptions(classes=8, max_size=50, seed=1, time_limit=2)
    outcome = place(students, options)
    mine, draft = outcome.placement.quality, outcome.draft.quality
    assert violations(students, options, outcome.placement.assignment) == []
    assert mine.mean_spread is not None and draft.mean_spread is not None
    assert mine.mean_spread <= draft.mean_spread / 10
    assert mine.size_spread <= 1 and mine.male_spread <= 1 and mine.female_spread <= 1
    assert mine.special_needs_spread <= 1 and mine.left_behind_spread <= 1
    assert mine.feeder_spread <= 1 and mine.band_spread <= 1 and mine.birth_spread <= 1
    assert mine.sd_spread is not None and draft.sd_spread is not None and mine.sd_spread < draft.sd_spread
    for subject, spread in mine.subject_mean_spread.items():
        assert spread is not None and spread < draft.subject_mean_spread[subject]  # type: ignore[operator]


def test_a_grade_one_intake_balances_birth_quarters_and_kindergartens():
    students = make_intake(180, seed=12, feeders=6, with_scores=False, classes=5)
    outcome = place(students, PlacementOptions(classes=5, max_size=45, seed=2, time_limit=1))
    quality = outcome.placement.quality
    assert quality.mean_spread is None
    assert quality.birth_spread <= 1 and quality.feeder_spread <= 1 and quality.male_spread <= 1
    assert outcome.draft.quality.birth_spread > quality.birth_spread
