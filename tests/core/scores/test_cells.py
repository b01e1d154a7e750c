"""One score cell at a time: numbers, numeric text, blanks, status words, and text that is none of them."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.scores.cells import identity_text, parse_score, status_of_text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (95, (95.0, "scored")),
        (95.5, (95.5, "scored")),
        (0, (0.0, "scored")),
        ("95", (95.0, "scored")),
        ("９５", (95.0, "scored")),  # full-width digits
        ("９５．５", (95.5, "scored")),
        (" 88 ", (88.0, "scored")),
        ("88分", (88.0, "scored")),
        (None, (None, "missing")),
        ("", (None, "missing")),
        ("-", (None, "missing")),
        ("／", (None, "missing")),
        (float("nan"), (None, "missing")),
        ("缺考", (None, "absent")),
        ("缺", (None, "absent")),
        ("缺考，不计排名", (None, "absent")),
        ("（缺考）", (None, "absent")),
        ("免考", (None, "exempt")),
        ("免", (None, "exempt")),
        ("作弊", (None, "cheating")),
        ("违纪", (None, "cheating")),
        ("未录", (None, "missing")),
        ("空白", (None, "missing")),
        ("-5", (-5.0, "scored")),  # a number: the range check happens later, with row and column
    ],
)
def test_it_reads_what_a_score_cell_says(cell: object, expected: tuple[float | None, str]) -> None:
    assert parse_score(cell) == expected


@pytest.mark.parametrize("cell", ["abc", "九十五", "95 96", "A", True, dt.date(2024, 1, 1)])
def test_it_refuses_text_that_is_neither_score_nor_status(cell: object) -> None:
    assert parse_score(cell) is None


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_any_number_reads_as_itself_as_number_or_as_text(value: float) -> None:
    assert parse_score(value) == (value, "scored")
    parsed = parse_score(f"{value:.2f}")
    assert parsed is not None and parsed[1] == "scored"
    assert math.isclose(parsed[0] or 0.0, round(value, 2), abs_tol=1e-9)


@given(st.sampled_from(["缺考", "免考", "作弊", "违纪"]), st.text(alphabet="，,（）()不计排名病假", max_size=8))
def test_a_remark_after_a_status_word_keeps_the_status(word: str, remark: str) -> None:
    assert status_of_text(word + remark) == status_of_text(word)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(2024001.0, "2024001"), (7, "7"), ("  G001 ", "G001"), (None, ""), ("七（1）班", "七(1)班")],
)
def test_identity_cells_keep_every_digit(cell: object, expected: str) -> None:
    assert identity_text(cell) == expected
