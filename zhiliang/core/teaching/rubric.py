"""Rubrics (课堂教学评价表) and checklists (教学常规检查表) as data, and how one form is scored.

A rubric is a list of items (评价内容), each in a criterion (评价项目, e.g. 教学目标) and worth some points; a
list of levels (优/良/中/差) that an observer taps per item, each giving a share of the item's points; grade
bands on the 100-point scale (优秀 ≥ 90 …); a standard score (a lesson at or above it is a 达标课); and an
optional bonus for 特色/创新. The same shape serves the routine-inspection checklists (items grouped by
备课/上课/作业批改/辅导/检测, a pass score as the standard).

Scoring (the examples and synthesis in /work/shared/standards/lesson-observation-rubric.md): the form total is
the sum of the item points plus the bonus, capped at the form's full marks; it is expressed on a 100-point
scale (total ÷ full marks × 100, so a form worth 50 points still bands at 90/80/60) and banded by the first
cut-off it reaches. Points from a level are the item's points × the level's percentage, rounded half up to
one decimal (5 × 85% = 4.25 → 4.3). All arithmetic is Decimal so totals are exact.

Schools edit rubrics as plain text, one line per item (`criterion | item | points`), per level
(`name | percent`) and per band (`name | minimum score`); `parse_rubric` turns the text into a `Rubric` or
a list of `RubricProblem`s with line numbers, in zh-Hans and English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zhiliang.core.tabular.messages import language

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Item:
    """One line of the form: `criterion` groups items (教学目标), `name` says what is looked for."""

    criterion: str
    name: str
    points: Decimal

    @property
    def key(self) -> str:
        # The text is the key: a reworded item is a different item, so old scores keep their meaning.
        return f"{self.criterion}/{self.name}"


@dataclass(frozen=True)
class Level:
    name: str
    percent: Decimal  # share of an item's points, 0–100


@dataclass(frozen=True)
class Band:
    name: str
    minimum: Decimal  # on the 100-point scale


@dataclass(frozen=True)
class Rubric:
    items: tuple[Item, ...]
    levels: tuple[Level, ...]
    bands: tuple[Band, ...]  # highest minimum first
    standard: Decimal  # a form scoring at least this (100-point scale) meets the standard
    bonus_max: Decimal = Decimal(0)

    @property
    def full_marks(self) -> Decimal:
        return sum((item.points for item in self.items), Decimal(0))

    @property
    def criteria(self) -> list[str]:
        """Criteria in form order, each once."""
        return list(dict.fromkeys(item.criterion for item in self.items))

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)


@dataclass(frozen=True)
class Scored:
    """A scored form: raw total (points + bonus, capped), its 100-point score, band and whether it meets the
    standard."""

    total: Decimal
    score: Decimal
    band: str
    meets_standard: bool
    by_criterion: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # criterion → (points, max)


class ScoringError(ValueError):
    """Points outside an item's range, an unknown item, a bonus above the allowed maximum."""


def round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def level_points(item: Item, level: Level) -> Decimal:
    """Points an item gets at a level: 5 points at 85% → 4.3 (half up to one decimal)."""
    return round1(item.points * level.percent / HUNDRED)


def band_for(score: Decimal, bands: Sequence[Band]) -> str:
    """The first band (highest minimum first) whose minimum the score reaches; "" below every band."""
    for band in sorted(bands, key=lambda b: b.minimum, reverse=True):
        if score >= band.minimum:
            return band.name
    return ""


def score_form(rubric: Rubric, points: Mapping[str, Decimal], bonus: Decimal = Decimal(0)) -> Scored:
    """Score a form; items without points count 0 (a form may be submitted with an item left blank)."""
    known = {item.key for item in rubric.items}
    unknown = sorted(set(points) - known)
    if unknown:
        raise ScoringError(f"unknown items: {', '.join(unknown)}")
    if bonus < 0 or bonus > rubric.bonus_max:
        raise ScoringError(f"bonus must be between 0 and {rubric.bonus_max}")
    by_criterion: dict[str, tuple[Decimal, Decimal]] = {}
    raw = Decimal(0)
    for item in rubric.items:
        got = points.get(item.key, Decimal(0))
        if got < 0 or got > item.points:
            raise ScoringError(f"{item.key}: {got} is outside 0–{item.points}")
        raw += got
        had, most = by_criterion.get(item.criterion, (Decimal(0), Decimal(0)))
        by_criterion[item.criterion] = (had + got, most + item.points)
    full = rubric.full_marks
    total = min(raw + bonus, full)
    score = round1(total / full * HUNDRED) if full else Decimal(0)
    return Scored(
        total=total,
        score=score,
        band=band_for(score, rubric.bands),
        meets_standard=score >= rubric.standard,
        by_criterion=by_criterion,
    )


# ---- plain-text editing -------------------------------------------------------------------------------------

_MESSAGES: dict[str, tuple[str, str]] = {
    "columns": ("第 {line} 行应为 {expected} 列（用“|”分隔），现有 {found} 列", "line {line}: expected {expected} "
                "columns separated by “|”, found {found}"),
    "number": ("第 {line} 行：“{value}”不是数字", "line {line}: “{value}” is not a number"),
    "positive": ("第 {line} 行：分值必须大于 0", "line {line}: points must be above 0"),
    "percent": ("第 {line} 行：百分比必须在 0 到 100 之间", "line {line}: the percentage must be 0–100"),
    "minimum": ("第 {line} 行：最低分必须在 0 到 100 之间", "line {line}: the minimum must be 0–100"),
    "duplicate": ("第 {line} 行：“{value}”重复", "line {line}: “{value}” appears twice"),
    "empty": ("第 {line} 行：名称不能为空", "line {line}: a name is empty"),
    "no_items": ("至少需要一个评价内容", "at least one item is needed"),
    "no_levels": ("至少需要一个等级", "at least one level is needed"),
    "no_bands": ("至少需要一个等第", "at least one grade band is needed"),
    "standard": ("达标分必须在 0 到 100 之间", "the standard score must be 0–100"),
    "bonus": ("加分上限不能为负", "the bonus cap cannot be negative"),
}  # fmt: skip


@dataclass(frozen=True)
class RubricProblem:
    section: str  # "items" / "levels" / "bands" / "standard" / "bonus"
    code: str
    line: int | None = None
    value: str = ""

    def message(self, lang: str = "zh-hans") -> str:
        zh, en = _MESSAGES[self.code]
        template = en if language(lang) == "en" else zh
        return template.format(line=self.line, value=self.value, expected=_COLUMNS[self.section], found=self.value)


_COLUMNS = {"items": 3, "levels": 2, "bands": 2, "standard": 1, "bonus": 1}


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace("，", ".").replace("％", "").replace("%", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _rows(section: str, text: str, problems: list[RubricProblem]) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.replace("｜", "|").split("|")]
        if len(cells) != _COLUMNS[section]:
            problems.append(RubricProblem(section, "columns", number, str(len(cells))))
            continue
        if not all(cells[:-1]):
            problems.append(RubricProblem(section, "empty", number))
            continue
        rows.append((number, cells))
    return rows


def _named_percentages(
    section: str, out_of_range: str, text: str, problems: list[RubricProblem]
) -> list[tuple[str, Decimal]]:
    """Lines `name | value` with a value in 0–100 and names used once (levels and grade bands)."""
    rows: list[tuple[str, Decimal]] = []
    for number, (name, value_text) in _rows(section, text, problems):
        value = _decimal(value_text)
        if value is None:
            problems.append(RubricProblem(section, "number", number, value_text))
        elif not 0 <= value <= HUNDRED:
            problems.append(RubricProblem(section, out_of_range, number))
        elif any(seen == name for seen, _value in rows):
            problems.append(RubricProblem(section, "duplicate", number, name))
        else:
            rows.append((name, value))
    return rows


def parse_rubric(
    *, items: str, levels: str, bands: str, standard: str, bonus: str = "0"
) -> tuple[Rubric | None, list[RubricProblem]]:
    """Read the editing text of a rubric; returns (rubric, []) or (None, problems)."""
    problems: list[RubricProblem] = []
    parsed_items: list[Item] = []
    for number, (criterion, name, points_text) in _rows("items", items, problems):
        points = _decimal(points_text)
        if points is None:
            problems.append(RubricProblem("items", "number", number, points_text))
        elif points <= 0:
            problems.append(RubricProblem("items", "positive", number))
        elif any(item.key == f"{criterion}/{name}" for item in parsed_items):
            problems.append(RubricProblem("items", "duplicate", number, name))
        else:
            parsed_items.append(Item(criterion, name, points))
    parsed_levels = [Level(name, value) for name, value in _named_percentages("levels", "percent", levels, problems)]
    parsed_bands = [Band(name, value) for name, value in _named_percentages("bands", "minimum", bands, problems)]
    standard_value = _decimal(standard)
    if standard_value is None or not 0 <= standard_value <= HUNDRED:
        problems.append(RubricProblem("standard", "standard"))
    bonus_value = _decimal(bonus or "0")
    if bonus_value is None or bonus_value < 0:
        problems.append(RubricProblem("bonus", "bonus"))
    if not parsed_items and not any(p.section == "items" for p in problems):
        problems.append(RubricProblem("items", "no_items"))
    if not parsed_levels and not any(p.section == "levels" for p in problems):
        problems.append(RubricProblem("levels", "no_levels"))
    if not parsed_bands and not any(p.section == "bands" for p in problems):
        problems.append(RubricProblem("bands", "no_bands"))
    if problems or standard_value is None or bonus_value is None:
        return None, problems
    ordered_bands = tuple(sorted(parsed_bands, key=lambda b: b.minimum, reverse=True))
    return Rubric(tuple(parsed_items), tuple(parsed_levels), ordered_bands, standard_value, bonus_value), []


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def rubric_text(rubric: Rubric) -> dict[str, str]:
    """The editing text of a rubric (the inverse of `parse_rubric`)."""
    return {
        "items": "\n".join(f"{i.criterion} | {i.name} | {_number(i.points)}" for i in rubric.items),
        "levels": "\n".join(f"{level.name} | {_number(level.percent)}" for level in rubric.levels),
        "bands": "\n".join(f"{band.name} | {_number(band.minimum)}" for band in rubric.bands),
        "standard": _number(rubric.standard),
        "bonus": _number(rubric.bonus_max),
    }


def rubric_to_json(rubric: Rubric) -> dict[str, object]:
    """A JSON-safe copy (Decimals as strings), stored with each rubric version."""
    return {
        "items": [{"criterion": i.criterion, "name": i.name, "points": str(i.points)} for i in rubric.items],
        "levels": [{"name": level.name, "percent": str(level.percent)} for level in rubric.levels],
        "bands": [{"name": band.name, "minimum": str(band.minimum)} for band in rubric.bands],
        "standard": str(rubric.standard),
        "bonus_max": str(rubric.bonus_max),
    }


def rubric_from_json(data: Mapping[str, object]) -> Rubric:
    def rows(key: str) -> list[dict[str, str]]:
        value = data[key]
        assert isinstance(value, list)
        return value

    return Rubric(
        items=tuple(Item(r["criterion"], r["name"], Decimal(r["points"])) for r in rows("items")),
        levels=tuple(Level(r["name"], Decimal(r["percent"])) for r in rows("levels")),
        bands=tuple(Band(r["name"], Decimal(r["minimum"])) for r in rows("bands")),
        standard=Decimal(str(data["standard"])),
        bonus_max=Decimal(str(data.get("bonus_max", "0"))),
    )
