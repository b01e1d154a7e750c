"""Chinese citizen ID numbers, GB 11643-1999."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.ids import (
    PROVINCE_CODES,
    WEIGHTS,
    InvalidIdNumber,
    check_character,
    mask_id_number,
    validate_id_number,
)

TODAY = datetime.date(2025, 9, 1)

# The example number printed in GB 11643-1999 itself (§8.2): 11010519491231002X.
# Check character by hand, digits × weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2):
#   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
#   = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167
#   167 mod 11 = 2  ->  (12 - 2) mod 11 = 10  ->  "X".
STANDARD_EXAMPLE = "11010519491231002X"

# A second one computed by hand, for a boy born 2012-03-05 in 西湖区, 杭州 (330106), sequence 123:
#   33010620120305123 × weights:
#   3·7 + 3·9 + 0·10 + 1·5 + 0·8 + 6·4 + 2·2 + 0·1 + 1·6 + 2·3 + 0·7 + 3·9 + 0·10 + 5·5 + 1·8 + 2·4 + 3·2
#   = 21 + 27 + 0 + 5 + 0 + 24 + 4 + 0 + 6 + 6 + 0 + 27 + 0 + 25 + 8 + 8 + 6 = 167
#   167 mod 11 = 2  ->  check value 10  ->  "X".
HANGZHOU_BOY = "33010620120305123X"


def test_the_weights_are_those_of_the_standard() -> None:
    assert WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def test_the_standards_own_example_validates() -> None:
    assert check_character(STANDARD_EXAMPLE[:17]) == "X"
    info = validate_id_number(STANDARD_EXAMPLE, today=TODAY)
    assert info.number == STANDARD_EXAMPLE
    assert info.birth_date == datetime.date(1949, 12, 31)
    assert info.sex == "女"  # 17th digit 2 is even
    assert info.region_code == "110105"


def test_a_hand_computed_number_validates() -> None:
    assert check_character(HANGZHOU_BOY[:17]) == "X"
    info = validate_id_number(HANGZHOU_BOY, today=TODAY)
    assert (info.birth_date, info.sex) == (datetime.date(2012, 3, 5), "男")  # 17th digit 3 is odd


def test_a_number_whose_check_digit_is_zero() -> None:
    # 11010119900307103 × weights = 7 + 9 + 0 + 5 + 0 + 4 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 8 + 0 + 6 = 166
    # 166 = 15·11 + 1  ->  (12 - 1) mod 11 = 0.
    digits = "11010119900307103"
    assert sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) == 166
    assert check_character(digits) == "0"
    assert validate_id_number(digits + "0", today=TODAY).sex == "男"


@pytest.mark.parametrize(
    "typed",
    [
        "１１０１０５１９４９１２３１００２Ｘ",
        "11010519491231002x",
        " 110105 19491231 002X ",
        "11010519491231002ｘ\u3000",
    ],
)
def test_it_accepts_what_staff_type(typed: str) -> None:
    assert validate_id_number(typed, today=TODAY).number == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "id_number.empty"),
        ("   ", "id_number.empty"),
        ("3.30106201203051E+17", "id_number.scientific"),
        (3.30106201203051e17, "id_number.scientific"),
        ("110105491231002", "id_number.legacy_15"),
        ("1101051949123100", "id_number.length"),
        ("11010519491231002XX", "id_number.length"),
        ("11010519491231002Y", "id_number.characters"),
        ("1101051949123100X2", "id_number.characters"),
        ("99010519491231002X", "id_number.region"),
        ("00010519491231002X", "id_number.region"),
        ("110105194902300021", "id_number.birth_date"),  # 30 February
        ("110105194913010021", "id_number.birth_date"),  # month 13
        ("110105189912310021", "id_number.birth_date"),  # before 1900
        ("110105202601010021", "id_number.birth_future"),
        ("110105194912310021", "id_number.checksum"),
    ],
)
def test_each_kind_of_mistake_has_its_code(value: str | float, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number(value, today=TODAY)
    assert error.value.code == code
    assert error.value.zh and error.value.en
    assert str(error.value) == error.value.zh


def test_messages_show_the_number_masked() -> None:
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number("110105194912310021", today=TODAY)
    assert error.value.zh == "身份证号码“1101********0021”的校验位不对，可能有数字输错了。"
    assert (
        error.value.en == "The check digit of the ID number “1101********0021” does not match; a digit may be mistyped."
    )
    assert error.value.params == {"value": "1101********0021"}


def test_today_is_the_default_limit_for_birth_dates() -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    first17 = f"110105{tomorrow:%Y%m%d}002"
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number(first17 + check_character(first17))
    assert error.value.code == "id_number.birth_future"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("330102201203051234", "3301********1234"),
        ("11010519491231002x", "1101********002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "1101********002X"),
        ("110105491231002", "1101********1002"),
        ("12345678", "********"),
        ("1", "********"),
        ("", ""),
    ],
)
def test_masking_keeps_four_and_four(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


# Properties. A valid number: a province, any 4 digits, a real birth date, a sequence, its check character.
seventeen_digits = st.text(alphabet="0123456789", min_size=17, max_size=17)


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    rest_of_region = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    birth = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(min_value=0, max_value=999))
    first17 = f"{province}{rest_of_region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def weighted_sum(number: str) -> int:
    values = [10 if char == "X" else int(char) for char in number]
    return sum(value * weight for value, weight in zip(values, (*WEIGHTS, 1), strict=True))


@given(seventeen_digits)
def test_any_17_digits_plus_their_check_character_satisfy_mod_11_2(first17: str) -> None:
    # ISO 7064 MOD 11-2: the whole number, the check character weighted 1, sums to 1 modulo 11.
    assert weighted_sum(first17 + check_character(first17)) % 11 == 1


@given(valid_numbers())
def test_any_well_formed_number_validates(number: str) -> None:
    info = validate_id_number(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert info.sex == ("男" if int(number[16]) % 2 else "女")


@given(valid_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_breaks_the_number(number: str, position: int, shift: int) -> None:
    changed_digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + changed_digit + number[position + 1 :]
    assert check_character(changed[:17]) != number[17]
    with pytest.raises(InvalidIdNumber):
        validate_id_number(changed, today=TODAY)


@given(valid_numbers(), st.sampled_from("0123456789X"))
def test_any_other_check_character_is_refused(number: str, check: str) -> None:
    if check == number[17]:
        return
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number(number[:17] + check, today=TODAY)
    assert error.value.code == "id_number.checksum"


@given(seventeen_digits, st.integers(min_value=0, max_value=15))
def test_swapping_two_adjacent_different_digits_changes_the_check_character(first17: str, position: int) -> None:
    a, b = first17[position], first17[position + 1]
    if a == b:
        return
    swapped = first17[:position] + b + a + first17[position + 2 :]
    assert check_character(swapped) != check_character(first17)
