"""The indicators of the National Student Physical Fitness Standard (国家学生体质健康标准, 2014 revision,
教体艺〔2014〕5号) and the measurements they are scored from.

Keys are the stable names used everywhere (CSV tables, JSON of `zhiliang fitness score`, database rows);
`header` is the column label of the national upload template (see `upload.py` and
../shared/standards/fitness-upload-format.md), `synonyms` other labels schools write.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Direction = Literal["higher_better", "lower_better"]
Kind = Literal["time", "count", "length", "volume", "mass"]


@dataclass(frozen=True)
class Measure:
    """Something measured on a student: a scored indicator, or height/weight that give the BMI."""

    key: str
    header: str  # the upload template's column label
    label_en: str
    unit: str
    kind: Kind
    low: Decimal  # plausible range: anything outside is a recording error, not a result
    high: Decimal
    synonyms: tuple[str, ...] = ()
    direction: Direction = "higher_better"
    decimals: int = 0  # how the measurement is recorded (the tables' own precision)


def _d(value: str) -> Decimal:
    return Decimal(value)


# Plausible ranges are wide on purpose (from the weakest grade-1 pupil to a strong grade-9 athlete): they
# catch a 50 m in 3 s or a height of 300 cm, typing errors and wrong units, never a real result.
HEIGHT = Measure(
    "height", "身高", "Height", "cm", "length", _d("80"), _d("220"), ("身高(cm)", "身高(厘米)"), decimals=1
)
WEIGHT = Measure("weight", "体重", "Weight", "kg", "mass", _d("10"), _d("200"), ("体重(kg)", "体重(千克)"), decimals=1)

INDICATORS: tuple[Measure, ...] = (
    Measure(
        "vital_capacity",
        "肺活量",
        "Vital capacity",
        "ml",
        "volume",
        _d("200"),
        _d("9000"),
        ("肺活量(毫升)", "肺活量(ml)"),
    ),
    Measure(
        "run_50m", "50米跑", "50 m run", "s", "time", _d("5.5"), _d("30"), ("50米跑(秒)", "50米"), "lower_better", 1
    ),
    Measure(
        "sit_and_reach",
        "坐位体前屈",
        "Sit and reach",
        "cm",
        "length",
        _d("-40"),
        _d("45"),
        ("坐位体前屈(cm)", "坐位体前屈(厘米)"),
        decimals=1,
    ),
    Measure(
        "rope_skip_1min",
        "一分钟跳绳",
        "1-minute rope skipping",
        "count",
        "count",
        _d("0"),
        _d("300"),
        ("1分钟跳绳", "一分钟跳绳(次)", "1分钟跳绳(次)", "跳绳"),
    ),
    Measure(
        "sit_up_1min",
        "一分钟仰卧起坐",
        "1-minute sit-ups",
        "count",
        "count",
        _d("0"),
        _d("100"),
        ("1分钟仰卧起坐", "一分钟仰卧起坐(次)", "1分钟仰卧起坐(次)", "仰卧起坐"),
    ),
    Measure(
        "shuttle_50mx8",
        "50米×8往返跑",
        "50 m × 8 shuttle run",
        "s",
        "time",
        _d("60"),
        _d("300"),
        ("50米x8往返跑", "50米*8往返跑", "50×8往返跑", "50x8往返跑"),
        "lower_better",
    ),
    Measure(
        "standing_long_jump",
        "立定跳远",
        "Standing long jump",
        "cm",
        "length",
        _d("30"),
        _d("350"),
        ("立定跳远(cm)", "立定跳远(厘米)"),
    ),
    Measure("pull_up", "引体向上", "Pull-ups", "count", "count", _d("0"), _d("60"), ("引体向上(次)",)),
    Measure("run_800m", "800米跑", "800 m run", "s", "time", _d("120"), _d("900"), ("800米",), "lower_better"),
    Measure("run_1000m", "1000米跑", "1000 m run", "s", "time", _d("140"), _d("900"), ("1000米",), "lower_better"),
)

BY_KEY: dict[str, Measure] = {m.key: m for m in (HEIGHT, WEIGHT, *INDICATORS)}
INDICATOR_KEYS: tuple[str, ...] = ("bmi", *(m.key for m in INDICATORS))

# Names of the scored indicators, BMI included (for tables and messages).
NAMES: dict[str, tuple[str, str]] = {"bmi": ("体重指数(BMI)", "Body mass index (BMI)")} | {
    m.key: (m.header, m.label_en) for m in INDICATORS
}


def indicator_name(key: str, lang: str = "zh-hans") -> str:
    zh, en = NAMES.get(key, (key, key))
    return en if lang.lower().startswith("en") else zh


def grade_band(grade: int) -> str:
    """The standard's grade groups: 1–2, 3–4, 5–6 (primary), 7–9 (junior); seniors (10–12) have no tables here."""
    if 1 <= grade <= 2:
        return "1-2"
    if 3 <= grade <= 4:
        return "3-4"
    if 5 <= grade <= 6:
        return "5-6"
    if 7 <= grade <= 9:
        return "7-9"
    return "senior"
