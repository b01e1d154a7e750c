"""The standard's tables as shipped: the lookup at every boundary, and the tables' own sanity."""

import itertools
from decimal import Decimal

import pytest

from zhiliang.core.fitness import Refused, load_standard, score_indicator
from zhiliang.core.fitness.tables import STANDARD_LEVELS

STANDARD = load_standard()
TABLES = sorted(STANDARD.tables.values(), key=lambda t: (t.indicator, t.grade, t.sex))
# The smallest step each indicator is recorded in: one step worse than a threshold misses it.
STEP = {"run_50m": Decimal("0.1"), "sit_and_reach": Decimal("0.1")}


def _worse(table, threshold: Decimal) -> Decimal:
    step = STEP.get(table.indicator, Decimal(1))
    return threshold - step if table.direction == "higher_better" else threshold + step


def _boundaries():
    for table in TABLES:
        for index, level in enumerate(table.levels):
            yield pytest.param(table, index, id=f"{table.indicator}-{table.grade}{table.sex}-{level.score}")


@pytest.mark.parametrize(("table", "index"), list(_boundaries()))
def test_a_value_at_a_threshold_gets_that_level_and_one_step_worse_the_next(table, index) -> None:
    level = table.levels[index]
    missing_above = [s for s in table.missing_levels if s > level.score]
    if missing_above:
        with pytest.raises(Refused):
            score_indicator(table.indicator, table.grade, table.sex, level.threshold)
        return
    assert score_indicator(table.indicator, table.grade, table.sex, level.threshold)[0] == level.score
    worse = _worse(table, level.threshold)
    below = table.levels[index + 1] if index + 1 < len(table.levels) else None
    if below is not None and below.score == _next_expected(table, level.score):
        # one step worse lands on the next level, or lower when two thresholds share a value
        assert score_indicator(table.indicator, table.grade, table.sex, worse)[0] < level.score
    elif below is None and table.complete:
        assert score_indicator(table.indicator, table.grade, table.sex, worse)[0] == 0
    else:
        with pytest.raises(Refused) as refused:
            score_indicator(table.indicator, table.grade, table.sex, worse)
        assert refused.value.code == "fitness.table_incomplete"


def _next_expected(table, score: int) -> int | None:
    levels = table.expected_levels
    position = levels.index(score)
    return levels[position + 1] if position + 1 < len(levels) else None


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.indicator}-{t.grade}{t.sex}")
def test_every_table_is_monotone_in_its_direction(table) -> None:
    thresholds = [level.threshold for level in table.levels]  # from the highest score down
    if table.direction == "higher_better":
        assert thresholds == sorted(thresholds, reverse=True)
    else:
        assert thresholds == sorted(thresholds)
    assert [level.score for level in table.levels] == sorted({level.score for level in table.levels}, reverse=True)


def test_primary_tables_are_complete_and_junior_gaps_are_exactly_those_sources_lists() -> None:
    for table in TABLES:
        if table.grade <= 6:
            assert table.complete, table
    incomplete = {(t.indicator, t.grade, t.sex) for t in TABLES if not t.complete}
    expected = {("standing_long_jump", g, s) for g in (7, 8, 9) for s in "MF"}
    expected |= {("pull_up", g, "M") for g in (7, 8, 9)}
    expected |= {("sit_up_1min", g, "F") for g in (7, 8, 9)}
    expected |= {("run_1000m", g, "M") for g in (7, 8, 9)} | {("run_800m", g, "F") for g in (7, 8, 9)}
    expected |= {("sit_and_reach", g, "F") for g in (7, 8, 9)}
    assert incomplete == expected


def test_every_tested_indicator_has_a_table_and_the_weights_sum_to_100() -> None:
    for (grade, sex), weights in STANDARD.weights.items():
        assert sum(weights.values()) == 100, (grade, sex)
        for indicator in weights:
            if indicator == "bmi":
                assert (grade, sex) in STANDARD.bmi
            else:
                assert STANDARD.table(indicator, grade, sex) is not None, (indicator, grade, sex)
    assert sorted(STANDARD.weights) == sorted((g, s) for g in range(1, 10) for s in "MF")


def test_complete_bmi_tables_are_contiguous_in_tenths() -> None:
    for (grade, sex), bands in STANDARD.bmi.items():
        known = sorted((b for b in bands if not b.missing), key=lambda b: b.low if b.low is not None else Decimal(0))
        for lower, upper in itertools.pairwise(known):
            assert upper.low == lower.high + Decimal("0.1"), (grade, sex, lower, upper)
        assert [b.score for b in bands if b.status == "normal"] == [100]


def test_standard_levels_are_the_twenty_of_the_standard() -> None:
    assert len(STANDARD_LEVELS) == 20 and STANDARD_LEVELS[0] == 100 and STANDARD_LEVELS[-1] == 10


@pytest.mark.parametrize(
    ("indicator", "grade", "sex", "value", "score"),
    [
        # SOURCES.md "Checked points": cross-checked values
        ("run_50m", 1, "M", "10.2", 100),
        ("run_50m", 1, "M", "12.6", 60),
        ("run_50m", 1, "M", "12.7", 50),
        ("rope_skip_1min", 1, "M", "109", 100),
        ("rope_skip_1min", 1, "M", "17", 60),
        ("vital_capacity", 7, "M", "3640", 100),
        ("vital_capacity", 7, "M", "1700", 60),
        ("run_50m", 1, "M", "13.7", 0),  # slower than the 10-point level
    ],
)
def test_checked_points(indicator: str, grade: int, sex: str, value: str, score: int) -> None:
    assert score_indicator(indicator, grade, sex, Decimal(value))[0] == score


def test_the_shipped_tables_are_the_shared_standard_files_with_their_sources() -> None:
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[3] / "zhiliang" / "core" / "fitness" / "tables"
    shared = Path(__file__).resolve().parents[3].parent / "shared" / "standards" / "fitness-2014"
    assert (shipped / "SOURCES.md").exists()
    if not shared.exists():
        pytest.skip("../shared is not here")
    for csv_file in shared.glob("*.csv"):
        assert (shipped / csv_file.name).read_bytes() == csv_file.read_bytes(), csv_file.name
