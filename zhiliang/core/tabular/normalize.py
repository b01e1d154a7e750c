"""Normalisation of text typed by school staff, and parsing of numbers, dates and header labels.

Spreadsheets made in schools mix full-width and half-width characters ("０９５", "七年级（1）班"), pad names
with ideographic spaces to align them ("王　五") and leave trailing spaces everywhere. Everything read from a
file goes through `normalize_text` so that two cells a person would call equal compare equal.

Why not plain NFKC: NFKC also rewrites characters whose compatibility form changes the meaning of Chinese text
("……" becomes "......", "①" becomes "1", "㈠" becomes "(一)"). We apply NFKC only to the blocks where it is what
a person means (the full-width forms of ASCII, the Kangxi radicals that copy-paste from PDFs produces) and
canonical NFC everywhere else. The five sentence marks "，；：！？" are kept full-width: they are ordinary
Chinese punctuation, never part of a number or identifier, and turning them half-width would deface comments.
"""

import datetime
import re
import unicodedata
from collections.abc import Collection, Mapping

from zhiliang.core.tabular.cells import CellValue

# Full-width punctuation that stays as it is: Chinese sentence punctuation (see module docstring).
_KEEP_FULL_WIDTH = frozenset("，；：！？")


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):  # FULLWIDTH EXCLAMATION MARK .. FULLWIDTH TILDE
        char = chr(code)
        if char not in _KEEP_FULL_WIDTH:
            table[code] = unicodedata.normalize("NFKC", char)
    for code in range(0x2F00, 0x2FD6):  # KANGXI RADICALS -> the unified ideograph they look like
        table[code] = unicodedata.normalize("NFKC", chr(code))
    # Invisible characters that sneak in from web pages and Word: zero-width spaces/joiners, word joiner,
    # byte-order mark, soft hyphen. They make "张三" and "张\u200b三" differ while looking identical.
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[code] = None
    # C0 controls other than tab / line breaks, and DEL, are never meaningful in a cell.
    for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]:
        table[code] = None
    table[0x0B] = "\n"  # vertical tab is how some exporters write Alt+Enter
    table[0x0C] = "\n"
    return table


_TRANSLATION = _build_translation()

# A string made only of printable ASCII and common CJK ideographs, single-spaced, with no leading or
# trailing space, is already normal. Most cells are like this; checking it first keeps reading fast.
_ALREADY_NORMAL = re.compile(r"[!-~\u4e00-\u9fff]+(?: [!-~\u4e00-\u9fff]+)*")


def normalize_text(value: str) -> str:
    """Return `value` as a person would have meant it.

    - full-width ASCII letters, digits and symbols become half-width ("０９５" -> "095", "（1）" -> "(1)"),
      except the Chinese sentence marks ，；：！？;
    - ideographic spaces, no-break spaces and other Unicode spaces count as spaces; runs of spaces inside a
      line collapse to one, spaces at both ends of each line are removed;
    - line breaks inside a cell (Alt+Enter) are kept as a single "\\n"; blank lines are dropped;
    - zero-width characters, soft hyphens and control characters are removed;
    - the result is in Unicode NFC (CJK compatibility ideographs become their unified form).
    """
    if _ALREADY_NORMAL.fullmatch(value):
        return value
    text = unicodedata.normalize("NFC", value.translate(_TRANSLATION))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_LATIN_GAP = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])|(\s+)")


def normalize_label(value: str) -> str:
    """Normalise a header label: `normalize_text`, then remove the whitespace inside it ("姓  名" -> "姓名",
    "语文\n得分" -> "语文得分"), except a single space between two Latin words or numbers ("Student ID")."""
    return _LATIN_GAP.sub(lambda match: "" if match.group(1) else " ", normalize_text(value))


# Markers schools add to template headers to say a column is required or optional.
_HEADER_MARKER = re.compile(r"^\*+|\*+$|[(\[【](?:必填|选填|可选|必选|非必填|可不填)[)\]】]$")


def header_key(label: str) -> str:
    """The form of a header label used for comparisons.

    Whitespace-insensitive, case-insensitive for Latin letters, full-width-insensitive, and ignoring a
    required/optional marker at the end or a "*" at either end ("*姓名", "姓名(必填)", "学号（选填）").
    """
    key = "".join(normalize_text(label).split()).casefold()
    while True:
        stripped = _HEADER_MARKER.sub("", key)
        if stripped == key:
            return key
        key = stripped


def match_header(label: str, synonyms: Mapping[str, Collection[str]]) -> str | None:
    """Return the key of `synonyms` whose canonical name or one of whose synonyms equals `label`.

    `synonyms` maps a canonical key (e.g. "姓名" or "name") to the other labels accepted for it
    (e.g. {"学生姓名", "名字"}). Keys are tried in mapping order; None when nothing matches.
    """
    wanted = header_key(label)
    if not wanted:
        return None
    for key, alternatives in synonyms.items():
        if header_key(key) == wanted or any(header_key(alt) == wanted for alt in alternatives):
            return key
    return None


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")


def parse_number(value: CellValue) -> int | float | None:
    """Turn a cell into a number, the way a person reads it.

    None and blank text give None. Ints and finite floats are returned unchanged. Text is normalised first,
    so "０９５" -> 95, " 95 " -> 95, "95.5" -> 95.5, "-3" -> -3, "1,234" -> 1234 (thousands separators only in
    groups of three). Text without a decimal point gives an int. Raises ValueError for anything else:
    "九十五", "95分", "1e3", "nan", "inf", booleans, dates.
    """
    if value is None:
        return None
    if isinstance(value, bool | datetime.date):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite number: {value!r}")
        return value
    text = normalize_text(value).replace("\u2212", "-").strip()  # U+2212 MINUS SIGN from Word
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"not a number: {value!r}")
    text = text.replace(",", "")
    if "." in text:
        return float(text)
    return int(text)


_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(value: CellValue) -> datetime.date | None:
    """Turn a cell into a date.

    Accepts dates and datetimes (the time is dropped), and text such as "2012-03-05", "2012/3/5",
    "2012.3.5", "2012年3月5日" and "20120305" (also as the int 20120305). None and blank text give None.
    Raises ValueError for anything else, including impossible dates like "2012-02-30".
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool | float):
        raise ValueError(f"not a date: {value!r}")
    text = normalize_text(str(value)).strip()
    if not text:
        return None
    match = _DATE_TEXT.fullmatch(text) or _DATE_COMPACT.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(part) for part in match.groups())
    return datetime.date(year, month, day)  # raises ValueError for 2012-02-30


def column_letter(index: int) -> str:
    """Excel's name for the 0-based column `index`: 0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB"."""
    if index < 0:
        raise ValueError("column index must be >= 0")
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
