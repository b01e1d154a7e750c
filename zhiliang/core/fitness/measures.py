"""Measurements as people record them, turned into numbers (or refused with a reason).

Times (50 m, 50 m × 8, 800 m, 1000 m) are accepted as

- seconds: `9.8`, `215`, `9.8秒`;
- minutes and seconds: `1'52"`, `1′52″` (the typographic primes), `1'52`, `3分35秒`, `3分35`;
- clock form: `3:35` (m:ss) and `0:03:35` (h:mm:ss, how a duration cell of Excel reads).

`3.35` for an 800 m is *not* read as 3 minutes 35 seconds: it is 3.35 seconds, which is implausible, so it is
refused with a hint to write `3'35"`. Counts (skips, sit-ups, pull-ups) must be whole numbers. Everything is
checked against the plausible range of its measure (`indicators.Measure.low/high`): a 50 m in 3 s or a height
of 300 cm is a recording error. The words 缺测/缺考 (not tested) give None; 免测 (exempt) is reported by
`is_exempt_word` so the caller can record the student's exemption.
"""

import re
from decimal import Decimal, InvalidOperation

from zhiliang.core.fitness.indicators import Measure
from zhiliang.core.tabular import CellValue, cell_text


class MeasureError(ValueError):
    """A value that cannot be used; `code` is registered in `messages.py`, `params` fill the message in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


NOT_TESTED_WORDS = frozenset({"缺测", "缺考", "未测", "-", "—", "/"})
EXEMPT_WORDS = frozenset({"免测", "免考", "免予执行", "免试"})

_PRIMES = str.maketrans({"′": "'", "’": "'", "‘": "'", "´": "'", "″": '"', "”": '"', "“": '"'})
_MIN_SEC = re.compile(r"^(\d{1,2})\s*(?:'|分)\s*(\d{1,2}(?:\.\d+)?)\s*(?:\"|''|秒)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2}(?:\.\d+)?)$")
_HOURS_CLOCK = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$")
_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:秒|s|\")?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _text(value: CellValue) -> str:
    return "".join(cell_text(value).split())


def is_exempt_word(value: CellValue) -> bool:
    return _text(value) in EXEMPT_WORDS


def parse_seconds(value: CellValue) -> Decimal | None:
    """A time in seconds from any of the forms in the module docstring; None for a blank or 缺测 cell.

    Raises MeasureError("fitness.bad_time") for text that is no time, and for seconds of 60 or more in a
    minutes-and-seconds form (`1'75"`).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = _text(value).translate(_PRIMES).replace("''", '"')
    if not text or text in NOT_TESTED_WORDS:
        return None
    for pattern in (_MIN_SEC, _CLOCK):
        match = pattern.match(text)
        if match:
            minutes, seconds = int(match.group(1)), Decimal(match.group(2))
            if seconds >= 60:
                raise MeasureError("fitness.bad_time", value=cell_text(value))
            return minutes * 60 + seconds
    match = _HOURS_CLOCK.match(text)
    if match:
        hours, minutes, seconds = int(match.group(1)), int(match.group(2)), Decimal(match.group(3))
        if minutes >= 60 or seconds >= 60:
            raise MeasureError("fitness.bad_time", value=cell_text(value))
        return hours * 3600 + minutes * 60 + seconds
    match = _SECONDS.match(text)
    if match:
        return Decimal(match.group(1))
    raise MeasureError("fitness.bad_time", value=cell_text(value))


def parse_number(value: CellValue) -> Decimal | None:
    """A plain number (counts, cm, ml, kg); None for a blank or 缺测 cell."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = _text(value).replace("－", "-")
    if not text or text in NOT_TESTED_WORDS:
        return None
    if not _NUMBER.match(text):
        raise MeasureError("fitness.not_a_number", value=cell_text(value))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise MeasureError("fitness.not_a_number", value=cell_text(value)) from None


def parse_measure(measure: Measure, value: CellValue) -> Decimal | None:
    """The measurement of `measure` in its unit (seconds for times), checked for plausibility.

    Raises MeasureError with the codes fitness.bad_time, fitness.not_a_number, fitness.not_whole,
    fitness.minutes_with_dot (an 800 m written 3.35) or fitness.implausible.
    """
    number = parse_seconds(value) if measure.kind == "time" else parse_number(value)
    if number is None:
        return None
    if measure.kind == "count" and number != number.to_integral_value():
        raise MeasureError("fitness.not_whole", value=cell_text(value))
    if not measure.low <= number <= measure.high:
        shown = cell_text(value)
        if measure.kind == "time" and measure.low >= 60 and number < 60 and "." in shown:
            minutes, _, seconds = shown.partition(".")
            raise MeasureError("fitness.minutes_with_dot", value=shown, minutes=minutes, seconds=seconds)
        raise MeasureError(
            "fitness.implausible",
            value=shown,
            low=_plain(measure.low),
            high=_plain(measure.high),
            unit=measure.unit,
        )
    return number


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def format_seconds(seconds: Decimal) -> str:
    """`215` → `3'35"`, `9.8` → `9.8"`: how times are shown next to the tables."""
    if seconds < 60:
        return f'{_plain(seconds)}"'
    minutes, rest = divmod(seconds, 60)
    padding = "0" if rest < 10 else ""
    return f"{int(minutes)}'{padding}{_plain(rest)}\""
