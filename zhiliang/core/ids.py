"""Chinese citizen identity numbers (公民身份号码), GB 11643-1999.

Structure (GB 11643-1999 §4-§8): 18 characters =
    6-digit address code (GB/T 2260 administrative division, first two digits = province)
  + 8-digit birth date YYYYMMDD (GB/T 7408)
  + 3-digit sequence code, odd for men and even for women
  + 1 check character computed with ISO 7064:1983 MOD 11-2 (0-9 or X, X standing for 10).

Check character (GB 11643-1999 §8.2, ISO 7064 MOD 11-2): with the 17 digits a_1..a_17 read left to right and
weights W_i = 2^(18-i) mod 11 (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2), S = Σ a_i·W_i and the check value is
(12 - S mod 11) mod 11, written "X" when it is 10. A number is therefore valid iff Σ a_i·W_i over all 18
characters (the check character weighted 1, X counting 10) is ≡ 1 (mod 11). Because 11 is prime and no
weight is 0 mod 11, any change of a single character breaks the check.

Decision on 15-digit numbers: the first-generation cards that carried them stopped being valid on
1 January 2013, and every pupil and working teacher has an 18-digit number, so a 15-digit number is refused
with its own message asking for the 18-digit one (rather than silently upgraded: the upgraded number could
not be checked, as the 15-digit form has no check character).
"""

import datetime
import re
from dataclasses import dataclass, field

from zhiliang.core.tabular.messages import register_messages, render
from zhiliang.core.tabular.normalize import normalize_text

WEIGHTS = tuple(pow(2, 17 - position, 11) for position in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
CHECK_CHARACTERS = "10X98765432"  # indexed by S mod 11

# First two digits of the address code: provinces of GB/T 2260, plus 81/82/83 used on the residence
# permits for residents of Hong Kong, Macao and Taiwan (港澳台居民居住证, since 2018).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    }
)  # fmt: skip
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


@dataclass(frozen=True)
class IdNumberInfo:
    number: str  # normalised: 18 characters, upper-case X
    birth_date: datetime.date
    sex: str  # "男" or "女"
    region_code: str  # the 6-digit address code


class InvalidIdNumber(ValueError):
    """Why an ID number was refused: `code` (a problem code registered in the tabular message catalogue, so
    an import can report it as a Problem with `params`), and the message in zh-Hans and English."""

    def __init__(self, code: str, zh: str, en: str, params: dict[str, object] | None = None) -> None:
        super().__init__(zh)
        self.code = code
        self.zh = zh
        self.en = en
        self.params: dict[str, object] = params or {}


@dataclass(frozen=True)
class _Failure:
    code: str
    params: dict[str, object] = field(default_factory=dict)


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits (GB 11643-1999 §8.2)."""
    if len(first17) != 17 or not first17.isdigit() or not first17.isascii():
        raise ValueError("expected 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalize_id_number(value: str | int | float) -> str:
    """Full-width to half-width, whitespace removed, lower-case x to X."""
    return "".join(normalize_text(str(value)).split()).upper()


_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+")


def validate_id_number(value: str | int | float, *, today: datetime.date | None = None) -> IdNumberInfo:
    """Check an ID number and return what it says; raise InvalidIdNumber naming the first failure.

    Accepts the forms staff type: full-width digits, spaces, lower-case x. `today` (default: the current
    date) is the latest acceptable birth date.
    """
    number = normalize_id_number(value)
    failure = _first_failure(number, isinstance(value, float), today or datetime.date.today())
    if failure is not None:
        # Messages show the number masked: error reports get downloaded and passed around; the row and
        # column they name are enough to find the number.
        params = {"value": mask_id_number(number), **failure.params}
        raise InvalidIdNumber(
            failure.code, render(failure.code, params, "zh-hans"), render(failure.code, params, "en"), params
        )
    birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return IdNumberInfo(
        number=number,
        birth_date=birth,
        sex="男" if int(number[16]) % 2 else "女",
        region_code=number[:6],
    )


def _first_failure(number: str, was_float: bool, today: datetime.date) -> _Failure | None:
    if not number:
        return _Failure("id_number.empty")
    if was_float or _SCIENTIFIC.fullmatch(number):
        return _Failure("id_number.scientific")
    if len(number) == 15 and number.isdigit():
        return _Failure("id_number.legacy_15")
    if len(number) != 18:
        return _Failure("id_number.length", {"length": len(number)})
    if not (number[:17].isdigit() and number[:17].isascii() and (number[17].isdigit() or number[17] == "X")):
        return _Failure("id_number.characters")
    if number[:2] not in PROVINCE_CODES:
        return _Failure("id_number.region", {"region": number[:6]})
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return _Failure("id_number.birth_date", {"digits": number[6:14]})
    if birth > today:
        return _Failure("id_number.birth_future", {"birth_date": birth.isoformat()})
    if birth < EARLIEST_BIRTH:
        return _Failure("id_number.birth_date", {"digits": number[6:14]})
    if check_character(number[:17]) != number[17]:
        return _Failure("id_number.checksum")
    return None


def mask_id_number(value: str) -> str:
    """The first 4 and last 4 characters with 8 asterisks between: "330102201203051234" -> "3301********1234".

    Values of 8 characters or fewer are masked entirely ("********"), so nothing of a short or mistyped
    number is shown; an empty value stays empty.
    """
    number = normalize_id_number(value)
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * 8
    return f"{number[:4]}********{number[-4:]}"


register_messages(
    "id_number.empty",
    "身份证号码为空。",
    "The ID number is empty.",
)
register_messages(
    "id_number.scientific",
    "身份证号码“{value}”被 Excel 存成了数字，最后几位已经丢失。请把这一列设为“文本”格式后重新填写。",
    "The ID number “{value}” was stored by Excel as a number and its last digits are lost. Format the "
    "column as Text and type the numbers again.",
)
register_messages(
    "id_number.legacy_15",
    "“{value}”是 15 位的旧身份证号码，请填写现在使用的 18 位号码。",
    "“{value}” is an old 15-digit ID number; please enter the current 18-digit number.",
)
register_messages(
    "id_number.length",
    "身份证号码“{value}”有 {length} 位，应为 18 位。",
    "The ID number “{value}” has {length} characters; it must have 18.",
)
register_messages(
    "id_number.characters",
    "身份证号码“{value}”含有不应出现的字符：前 17 位必须是数字，最后一位是数字或 X。",
    "The ID number “{value}” contains invalid characters: the first 17 must be digits, the last a digit or X.",
)
register_messages(
    "id_number.region",
    "身份证号码“{value}”的地区码 {region} 不存在。",
    "The ID number “{value}” starts with the region code {region}, which does not exist.",
)
register_messages(
    "id_number.birth_date",
    "身份证号码“{value}”中的出生日期 {digits} 不是有效日期。",
    "The birth date {digits} in the ID number “{value}” is not a valid date.",
)
register_messages(
    "id_number.birth_future",
    "身份证号码“{value}”中的出生日期 {birth_date} 晚于今天。",
    "The birth date {birth_date} in the ID number “{value}” is later than today.",
)
register_messages(
    "id_number.checksum",
    "身份证号码“{value}”的校验位不对，可能有数字输错了。",
    "The check digit of the ID number “{value}” does not match; a digit may be mistyped.",
)
