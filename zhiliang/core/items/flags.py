"""Plain-language flags for items and the bands used to summarise a paper, with their thresholds.

Thresholds and where they come from:

* **Difficulty** (p = mean / max points). Crocker & Algina (1986, item analysis) note that items with p near
  0 or 1 tell little about differences between students, and that p between about .30 and .70 maximises
  discrimination. We flag an item *too easy* when p > 0.90 and *too hard* when p < 0.20: beyond these
  values at most a fifth of the students differ from the rest on the item.
* **Discrimination** D (upper minus lower 27 %, over max points): Ebel's guidelines (Ebel & Frisbie 1991,
  p. 232): D ≥ 0.40 very good; 0.30–0.39 reasonably good, possibly subject to improvement; 0.20–0.29
  marginal, usually needing improvement; below 0.20 poor, to be rejected or revised. We flag *negative* when
  D < 0 or the corrected item-total correlation is negative (strong students do worse than weak ones: often
  a wrong key), *weak* when 0 ≤ D < 0.20 and *marginal* when 0.20 ≤ D < 0.30.
* **Distractors** (choice items): a wrong option chosen by a larger share of the upper group than of the
  lower group attracts strong students (ambiguous wording or a second correct answer; Crocker & Algina
  1986, distractor analysis). We require a difference of at least 5 percentage points so that a single
  student in a small class does not raise the flag.
* **Omission**: more than 10 % of students leaving the item blank (our threshold: time pressure or an item
  students did not understand; marking systems report it as 空白率).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

TOO_EASY_ABOVE = 0.90
TOO_HARD_BELOW = 0.20
EBEL_GOOD = 0.40
EBEL_REASONABLE = 0.30
EBEL_MARGINAL = 0.20
DISTRACTOR_MARGIN = 0.05
OMISSION_ABOVE = 0.10

TOO_EASY = "too_easy"
TOO_HARD = "too_hard"
NEGATIVE = "negative_discrimination"
WEAK = "weak_discrimination"
MARGINAL = "marginal_discrimination"
DISTRACTOR = "distractor_attracts_strong"
OMISSION = "high_omission"

FLAG_TEXT: dict[str, tuple[str, str]] = {
    TOO_EASY: ("过易：得分率高于 0.90，几乎人人答对，区分不出学生", "Too easy: difficulty above 0.90"),
    TOO_HARD: ("过难：得分率低于 0.20，绝大多数学生失分", "Too hard: difficulty below 0.20"),
    NEGATIVE: (
        "负区分：高分组得分反而低于低分组，请核对答案或题意",
        "Negative discrimination: strong students score lower than weak ones; check the key",
    ),
    WEAK: ("区分度差（D < 0.20）：建议修改或淘汰", "Poor discrimination (D < 0.20): revise or drop"),
    MARGINAL: ("区分度一般（0.20 ≤ D < 0.30）：需要改进", "Marginal discrimination (0.20 ≤ D < 0.30)"),
    DISTRACTOR: (
        "干扰项“{option}”被高分组选得比低分组多，可能表述不清或另有正确答案",
        "Distractor “{option}” attracts more strong than weak students",
    ),
    OMISSION: ("空白率高于 10%", "More than 10% left it blank"),
}

DIFFICULTY_BANDS: tuple[tuple[str, float, str, str], ...] = (
    # (key, lower bound, zh, en), from the hardest band up
    ("very_hard", 0.0, "难（< 0.20）", "very hard (< 0.20)"),
    ("hard", 0.20, "较难（0.20–0.40）", "hard (0.20–0.40)"),
    ("medium", 0.40, "中等（0.40–0.70）", "medium (0.40–0.70)"),
    ("easy", 0.70, "较易（0.70–0.90）", "easy (0.70–0.90)"),
    ("very_easy", 0.90, "易（≥ 0.90）", "very easy (≥ 0.90)"),
)
DISCRIMINATION_BANDS: tuple[tuple[str, float, str, str], ...] = (
    ("poor", -1.0, "差（< 0.20）", "poor (< 0.20)"),
    ("marginal", EBEL_MARGINAL, "一般（0.20–0.29）", "marginal (0.20–0.29)"),
    ("reasonable", EBEL_REASONABLE, "良好（0.30–0.39）", "reasonably good (0.30–0.39)"),
    ("good", EBEL_GOOD, "优秀（≥ 0.40）", "very good (≥ 0.40)"),
)
UNDEFINED = "undefined"


class _Option(Protocol):
    @property
    def option(self) -> str: ...
    @property
    def is_key(self) -> bool: ...
    @property
    def share_upper(self) -> float: ...
    @property
    def share_lower(self) -> float: ...


def difficulty_band(p: float) -> str:
    key = DIFFICULTY_BANDS[0][0]
    for band, lower, _zh, _en in DIFFICULTY_BANDS:
        if p >= lower:
            key = band
    return key


def discrimination_band(d: float | None) -> str:
    if d is None:
        return UNDEFINED
    key = DISCRIMINATION_BANDS[0][0]
    for band, lower, _zh, _en in DISCRIMINATION_BANDS:
        if d >= lower:
            key = band
    return key


def attracting_distractors(options: Iterable[_Option]) -> list[str]:
    """Wrong options (not blank) chosen by the upper group more than by the lower one, by the margin."""
    return [
        o.option
        for o in options
        if o.option and not o.is_key and o.share_upper - o.share_lower >= DISTRACTOR_MARGIN - 1e-12
    ]


def item_flags(
    *,
    difficulty: float,
    discrimination: float | None,
    r_it_corrected: float | None,
    omit_rate: float,
    options: Iterable[_Option] = (),
    has_answers: bool = True,
) -> tuple[str, ...]:
    """The flag codes of one item (see the module docstring); `flag_text` turns them into sentences."""
    if not has_answers:
        return ()
    flags: list[str] = []
    if difficulty > TOO_EASY_ABOVE:
        flags.append(TOO_EASY)
    elif difficulty < TOO_HARD_BELOW:
        flags.append(TOO_HARD)
    if (discrimination is not None and discrimination < 0) or (r_it_corrected is not None and r_it_corrected < 0):
        flags.append(NEGATIVE)
    elif discrimination is not None and discrimination < EBEL_MARGINAL:
        flags.append(WEAK)
    elif discrimination is not None and discrimination < EBEL_REASONABLE:
        flags.append(MARGINAL)
    flags.extend(f"{DISTRACTOR}:{option}" for option in attracting_distractors(options))
    if omit_rate > OMISSION_ABOVE:
        flags.append(OMISSION)
    return tuple(flags)


def flag_text(flag: str, lang: str = "zh-hans") -> str:
    """The sentence for a flag code (`distractor_attracts_strong:B` names the option)."""
    code, _sep, option = flag.partition(":")
    zh, en = FLAG_TEXT[code]
    text = en if lang.lower().startswith("en") else zh
    return text.format(option=option)


def band_label(bands: tuple[tuple[str, float, str, str], ...], key: str, lang: str = "zh-hans") -> str:
    for band, _lower, zh, en in bands:
        if band == key:
            return en if lang.lower().startswith("en") else zh
    return "—"
