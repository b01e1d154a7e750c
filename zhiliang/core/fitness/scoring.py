"""Scoring a student by the National Student Physical Fitness Standard (2014 revision, 教体艺〔2014〕5号).

The rules, as the standard states them (tables in `tables/`, sources in `tables/SOURCES.md`):

- each indicator's measurement gets the **highest level whose threshold it reaches** in the single-indicator
  table of the student's grade and sex (≥ for distances and counts, ≤ for times); below the lowest (10-point)
  level it scores 0;
- BMI = weight (kg) / height (m)², to one decimal (half up), scores by band: 正常 100, 低体重 and 超重 80,
  肥胖 60;
- 标准分 (weighted total) = Σ score × weight, to one decimal (half up): the bands are written to one decimal
  (良好 80.0–89.9), so totals are too;
- 加分 (bonus): primary grades for 1-minute rope skipping beyond the 100-point level, junior grades for
  pull-ups / sit-ups and 1000 m / 800 m beyond theirs; at most 20 in all (grades.csv `bonus_cap`);
- 学年总分 = 标准分 + 加分, banded 优秀 ≥ 90, 良好 ≥ 80, 及格 ≥ 60, else 不及格;
- 毕业成绩 = 50 % of the graduation year's total + 50 % of the mean of the other years' totals (`graduation`).

An indicator whose table cannot decide the level is **refused** with a reason, never guessed: no table for
the grade, or a measurement below the lowest level a source gives when the table is incomplete, or above a
level whose higher neighbours are missing. A student with a refused or untested indicator has no total.
Exempt students (免测, illness or disability, with the school's approval) are not scored at all: the standard
asks that their record say 免测, and they are not counted in pass rates (see docs/fitness.md).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from zhiliang.core.fitness.indicators import BY_KEY
from zhiliang.core.fitness.tables import Band, BmiBand, Standard, load_standard

TENTH = Decimal("0.1")
EXEMPT_LABEL = "免测"


class Refused(ValueError):
    """An indicator (or a whole student) that the tables cannot score; `code` is registered in messages.py."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class IndicatorScore:
    indicator: str
    value: Decimal  # the measurement in the table's unit (BMI for "bmi")
    score: int
    weight: int  # percent
    rule: str  # the table line that produced the score: "≤ 9.8 s", "13.5–18.1", "< 13.6 s"
    source: str  # the CSV row's source
    status: str | None = None  # BMI only: normal / underweight / overweight / obese


@dataclass(frozen=True)
class Refusal:
    indicator: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BonusScore:
    indicator: str
    points: int
    rule: str


@dataclass(frozen=True)
class StudentScore:
    grade: int
    sex: str
    bmi: Decimal | None
    weight_status: str | None
    scores: dict[str, IndicatorScore]
    refusals: list[Refusal]
    weighted_total: Decimal | None
    bonus: int
    bonuses: list[BonusScore]
    total: Decimal | None
    band: Band | None
    exempt: bool = False

    @property
    def band_label(self) -> str | None:
        if self.exempt:
            return EXEMPT_LABEL
        return self.band.label if self.band else None


def round_tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def bmi_of(height_cm: Decimal, weight_kg: Decimal) -> Decimal:
    """BMI in kg/m² to one decimal, half up: 30 kg at 130 cm → 30 / 1.69 = 17.75… → 17.8."""
    metres = height_cm / 100
    return round_tenth(weight_kg / (metres * metres))


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _rule(direction: str, threshold: Decimal, unit: str) -> str:
    sign = "≥" if direction == "higher_better" else "≤"
    shown_unit = "" if unit == "count" else unit
    return f"{sign} {_number(threshold)} {shown_unit}".strip()


def score_indicator(
    indicator: str, grade: int, sex: str, value: Decimal, *, standard: Standard | None = None
) -> tuple[int, str, str]:
    """(score, rule, source) of one measurement; raises Refused when the table cannot decide."""
    standard = standard or load_standard()
    table = standard.table(indicator, grade, sex)
    if table is None:
        raise Refused("fitness.no_table", indicator=indicator, grade=grade, sex=sex)
    missing = set(table.missing_levels)
    for level in table.levels:
        if table.reaches(value, level.threshold):
            higher_missing = sorted(score for score in missing if score > level.score)
            if higher_missing:
                raise Refused(
                    "fitness.table_incomplete",
                    indicator=indicator,
                    grade=grade,
                    sex=sex,
                    value=_number(value),
                    missing=higher_missing,
                )
            return level.score, _rule(table.direction, level.threshold, table.unit), level.source
    if missing:
        raise Refused(
            "fitness.table_incomplete",
            indicator=indicator,
            grade=grade,
            sex=sex,
            value=_number(value),
            missing=sorted(missing, reverse=True),
        )
    lowest = table.levels[-1]
    return 0, _rule(table.direction, lowest.threshold, table.unit).replace("≥", "<").replace("≤", ">"), lowest.source


def bmi_band(bmi: Decimal, grade: int, sex: str, *, standard: Standard | None = None) -> BmiBand:
    """The BMI band containing `bmi` (one decimal); Refused where the source lacks the band's bounds."""
    standard = standard or load_standard()
    bands = standard.bmi.get((grade, sex))
    if not bands:
        raise Refused("fitness.no_table", indicator="bmi", grade=grade, sex=sex)
    for band in bands:
        if band.missing:
            continue
        if (band.low is None or bmi >= band.low) and (band.high is None or bmi <= band.high):
            # A band whose upper bound is missing in the source cannot contain anything above its lower one.
            return band
    raise Refused("fitness.bmi_incomplete", grade=grade, sex=sex, value=_number(bmi))


def _bmi_rule(band: BmiBand) -> str:
    if band.low is None and band.high is not None:
        return f"≤ {_number(band.high)}"
    if band.high is None and band.low is not None:
        return f"≥ {_number(band.low)}"
    if band.low is not None and band.high is not None:
        return f"{_number(band.low)}–{_number(band.high)}"
    return ""


def _bmi_band_checked(bmi: Decimal, grade: int, sex: str, standard: Standard) -> BmiBand:
    band = bmi_band(bmi, grade, sex, standard=standard)
    # An open-ended band is only trustworthy when no band of the table is missing a bound.
    if band.high is None and any(other.missing for other in standard.bmi[(grade, sex)]):
        raise Refused("fitness.bmi_incomplete", grade=grade, sex=sex, value=_number(bmi))
    return band


def bonus_points(indicator: str, grade: int, sex: str, value: Decimal, *, standard: Standard | None = None) -> int:
    """Extra points (加分) for a measurement beyond the 100-point level; 0 when none applies."""
    standard = standard or load_standard()
    steps = standard.bonus.get((grade, sex, indicator), ())
    measure = BY_KEY[indicator]
    for step in steps:
        reached = value >= step.threshold if measure.direction == "higher_better" else value <= step.threshold
        if reached:
            return step.points
    return 0


def band_for(total: Decimal, *, standard: Standard | None = None) -> Band:
    standard = standard or load_standard()
    for band in standard.bands:
        if band.minimum is None or total >= band.minimum:
            return band
    raise AssertionError("the lowest band has no minimum")  # pragma: no cover - grades.csv ends with 不及格


def score_student(
    *,
    grade: int,
    sex: str,
    height: Decimal | None,
    weight: Decimal | None,
    measurements: Mapping[str, Decimal | None],
    exempt: bool = False,
    standard: Standard | None = None,
) -> StudentScore:
    """Score one student's measurements (in table units; seconds for times) for their grade and sex."""
    standard = standard or load_standard()
    bmi = bmi_of(height, weight) if height is not None and weight is not None else None
    status: str | None = None
    if bmi is not None:
        try:
            status = bmi_band(bmi, grade, sex, standard=standard).status
        except Refused:
            status = None
    if exempt:
        return StudentScore(grade, sex, bmi, status, {}, [], None, 0, [], None, None, exempt=True)
    weights = standard.indicators_for(grade, sex)
    if not weights:
        refusal = Refusal("*", "fitness.grade_unsupported", {"grade": grade})
        return StudentScore(grade, sex, bmi, status, {}, [refusal], None, 0, [], None, None)

    scores: dict[str, IndicatorScore] = {}
    refusals: list[Refusal] = []
    for indicator, weight_percent in weights.items():
        try:
            if indicator == "bmi":
                if bmi is None:
                    raise Refused("fitness.not_tested", indicator="bmi")
                band = _bmi_band_checked(bmi, grade, sex, standard)
                scores["bmi"] = IndicatorScore(
                    "bmi", bmi, band.score, weight_percent, _bmi_rule(band), band.source, band.status
                )
                continue
            value = measurements.get(indicator)
            if value is None:
                raise Refused("fitness.not_tested", indicator=indicator)
            score, rule, source = score_indicator(indicator, grade, sex, value, standard=standard)
            scores[indicator] = IndicatorScore(indicator, value, score, weight_percent, rule, source)
        except Refused as refused:
            refusals.append(Refusal(indicator, refused.code, {"indicator": indicator, **refused.params}))

    bonuses = []
    for (bonus_grade, bonus_sex, indicator), steps in standard.bonus.items():
        value = measurements.get(indicator)
        if bonus_grade != grade or bonus_sex != sex or value is None:
            continue
        points = bonus_points(indicator, grade, sex, value, standard=standard)
        if points:
            step = next(s for s in steps if s.points == points)
            bonuses.append(BonusScore(indicator, points, _rule(BY_KEY[indicator].direction, step.threshold, "")))
    bonus = min(sum(b.points for b in bonuses), standard.bonus_cap)

    if refusals:
        return StudentScore(grade, sex, bmi, status, scores, refusals, None, bonus, bonuses, None, None)
    weighted = round_tenth(sum((Decimal(s.score * s.weight) for s in scores.values()), Decimal(0)) / 100)
    total = weighted + bonus
    return StudentScore(grade, sex, bmi, status, scores, [], weighted, bonus, bonuses, total, band_for(total))


def graduation(graduation_year_total: Decimal, other_year_totals: Sequence[Decimal]) -> Decimal:
    """毕业成绩 = 毕业当年学年总分 × 50% + 其他学年总分平均 × 50% (to one decimal, half up).

    With no other year on record (a pupil who joined in the graduation year) the graduation year's total
    stands alone: the standard's formula has no other term to average.
    """
    if not other_year_totals:
        return round_tenth(graduation_year_total)
    mean_others = sum(other_year_totals, Decimal(0)) / len(other_year_totals)
    return round_tenth(graduation_year_total / 2 + mean_others / 2)
