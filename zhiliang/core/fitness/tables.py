"""The standard's tables, loaded from the CSV files shipped in `zhiliang/core/fitness/tables/` (data, not code).

Source: 国家学生体质健康标准（2014年修订）, 教体艺〔2014〕5号, 单项指标评分表, 加分指标评分表 and 体重指数
(BMI) 单项评分表, transcribed from the public sources named in `tables/SOURCES.md` (every CSV row carries its
source). Where a table is incomplete the loaders keep it incomplete: `ScoreTable.missing_levels` says which
levels are absent and scoring refuses what it cannot decide (see `scoring.py`).
"""

import csv
import functools
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from zhiliang.core.fitness.indicators import BY_KEY, Direction

# The levels of a full single-indicator table (满分 100 down to 10).
STANDARD_LEVELS: tuple[int, ...] = (100, 95, 90, 85, 80, 78, 76, 74, 72, 70, 68, 66, 64, 62, 60, 50, 40, 30, 20, 10)
# The pull-up table has no 78/74/70/66/62 levels (SOURCES.md).
PULL_UP_LEVELS: tuple[int, ...] = (100, 95, 90, 85, 80, 76, 72, 68, 64, 60, 50, 40, 30, 20, 10)

SCORE_FILES = (
    "run_50m.csv",
    "sit_and_reach.csv",
    "vital_capacity.csv",
    "rope_skip_1min.csv",
    "sit_up_1min.csv",
    "shuttle_50mx8.csv",
    "standing_long_jump.csv",
    "pull_up.csv",
    "run_1000m_800m.csv",
)


@dataclass(frozen=True)
class Level:
    """One line of a single-indicator table: reaching `threshold` earns `score`."""

    score: int
    threshold: Decimal
    source: str


@dataclass(frozen=True)
class ScoreTable:
    """A single-indicator table for one grade and sex, levels from the highest score down."""

    indicator: str
    grade: int
    sex: str  # "M" / "F"
    direction: Direction
    unit: str
    levels: tuple[Level, ...]

    @property
    def expected_levels(self) -> tuple[int, ...]:
        return PULL_UP_LEVELS if self.indicator == "pull_up" else STANDARD_LEVELS

    @property
    def missing_levels(self) -> tuple[int, ...]:
        present = {level.score for level in self.levels}
        return tuple(score for score in self.expected_levels if score not in present)

    @property
    def complete(self) -> bool:
        return not self.missing_levels

    def reaches(self, value: Decimal, threshold: Decimal) -> bool:
        return value >= threshold if self.direction == "higher_better" else value <= threshold


@dataclass(frozen=True)
class BmiBand:
    """A BMI band (kg/m², one decimal, bounds inclusive; None is open). `missing` when the source lacks a bound."""

    grade: int
    sex: str
    status: str  # normal / underweight / overweight / obese
    label: str  # 正常 / 低体重 / 超重 / 肥胖
    low: Decimal | None
    high: Decimal | None
    score: int
    source: str
    missing: bool


@dataclass(frozen=True)
class BonusStep:
    """Reaching `threshold` in `indicator` earns `points` extra points (加分)."""

    points: int
    threshold: Decimal
    source: str


@dataclass(frozen=True)
class Band:
    """A band of the academic-year total: 优秀 ≥ 90, 良好 80–89.9, 及格 60–79.9, 不及格 < 60 (grades.csv)."""

    key: str  # excellent / good / pass / fail
    label: str  # 优秀 / 良好 / 及格 / 不及格
    minimum: Decimal | None


@dataclass(frozen=True)
class Standard:
    tables: dict[tuple[str, int, str], ScoreTable]
    bmi: dict[tuple[int, str], tuple[BmiBand, ...]]
    weights: dict[tuple[int, str], dict[str, int]]
    bonus: dict[tuple[int, str, str], tuple[BonusStep, ...]]
    bands: tuple[Band, ...]  # from the highest
    bonus_cap: int

    def table(self, indicator: str, grade: int, sex: str) -> ScoreTable | None:
        return self.tables.get((indicator, grade, sex))

    def indicators_for(self, grade: int, sex: str) -> dict[str, int]:
        """The indicators a grade and sex is tested on, with their weights in percent (empty: no tables)."""
        return dict(self.weights.get((grade, sex), {}))


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files("zhiliang.core.fitness").joinpath("tables", name).read_text(encoding="utf-8")
    yield from csv.DictReader(io.StringIO(text))


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


_STATUS = {"正常": "normal", "低体重": "underweight", "超重": "overweight", "肥胖": "obese"}
_BANDS = {"优秀": "excellent", "良好": "good", "及格": "pass", "不及格": "fail"}


def _score_tables() -> dict[tuple[str, int, str], ScoreTable]:
    found: dict[tuple[str, int, str], list[dict[str, str]]] = defaultdict(list)
    for name in SCORE_FILES:
        for row in _rows(name):
            found[(row["indicator"], int(row["grade"]), row["sex"])].append(row)
    tables = {}
    for (indicator, grade, sex), rows in found.items():
        levels = sorted(
            (Level(int(r["score"]), Decimal(r["threshold"]), r["source"]) for r in rows),
            key=lambda level: -level.score,
        )
        direction = rows[0]["direction"]
        if direction not in ("higher_better", "lower_better"):
            raise ValueError(f"unknown direction {direction!r} in the {indicator} table")
        tables[(indicator, grade, sex)] = ScoreTable(
            indicator,
            grade,
            sex,
            "higher_better" if direction == "higher_better" else "lower_better",
            rows[0]["unit"],
            tuple(levels),
        )
    return tables


def _bmi_bands() -> dict[tuple[int, str], tuple[BmiBand, ...]]:
    bands: dict[tuple[int, str], list[BmiBand]] = defaultdict(list)
    for row in _rows("bmi.csv"):
        label = row["band"].split()[0]
        grade, sex = int(row["grade"]), row["sex"]
        bands[(grade, sex)].append(
            BmiBand(
                grade,
                sex,
                _STATUS[label],
                label,
                _decimal(row["low"]),
                _decimal(row["high"]),
                int(row["score"]),
                row["source"],
                "MISSING" in row["source"],
            )
        )
    return {key: tuple(value) for key, value in bands.items()}


def _weights() -> dict[tuple[int, str], dict[str, int]]:
    weights: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for row in _rows("weights.csv"):
        weights[(int(row["grade"]), row["sex"])][row["indicator"]] = int(row["weight_percent"])
    return dict(weights)


def _bonus() -> dict[tuple[int, str, str], tuple[BonusStep, ...]]:
    steps: dict[tuple[int, str, str], list[BonusStep]] = defaultdict(list)
    for row in _rows("bonus.csv"):
        key = (int(row["grade"]), row["sex"], row["indicator"])
        steps[key].append(BonusStep(int(row["bonus_points"]), Decimal(row["absolute_threshold"]), row["source"]))
    return {key: tuple(sorted(value, key=lambda step: -step.points)) for key, value in steps.items()}


def _bands_and_cap() -> tuple[tuple[Band, ...], int]:
    bands = []
    cap = 0
    for row in _rows("grades.csv"):
        if row["scope"] == "academic_year_total":
            label = row["level"].split()[0]
            bands.append(Band(_BANDS[label], label, _decimal(row["min_inclusive"])))
        elif row["scope"] == "bonus_cap":
            cap = int(row["max_inclusive"])
    bands.sort(key=lambda band: band.minimum if band.minimum is not None else Decimal("-1"), reverse=True)
    return tuple(bands), cap


@functools.cache
def load_standard() -> Standard:
    """The whole standard, read once per process."""
    bands, cap = _bands_and_cap()
    return Standard(_score_tables(), _bmi_bands(), _weights(), _bonus(), bands, cap)


def unit_of(indicator: str) -> str:
    return BY_KEY[indicator].unit if indicator in BY_KEY else "kg/m²"
