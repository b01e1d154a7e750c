"""Small-cell suppression, worked by hand, and the property that no hidden cell can be recovered by subtraction."""

from hypothesis import given
from hypothesis import strategies as st

from zhiliang.core.care.suppression import MINIMUM_GROUP_SIZE, is_small, suppress


def test_rule_of_five():
    assert MINIMUM_GROUP_SIZE == 5
    assert [is_small(n) for n in (0, 1, 4, 5, 12)] == [False, True, True, False, False]


def test_nothing_small_nothing_hidden():
    result = suppress([[10, 0], [7, 20]])
    assert result.cells == ((10, 0), (7, 20))
    assert result.row_totals == (10, 27)
    assert result.column_totals == (17, 20)
    assert result.total == 37


def test_one_small_cell_takes_a_complement_in_its_row_and_column():
    # School A: 12 留守, 3 残疾, 9 困难 (total 24); school B: 6, 8, 30. Lines are visited row A, row B, then the
    # columns. The 3 is hidden. Row A: 24 − 12 − 9 would give it back, so its smallest other non-zero cell (9)
    # goes. Row B hides nothing. Column 残疾 (3, 8; total 11): the 8 goes. Column 困难 (9, 30; total 39): 9 is
    # hidden alone now, so 30 goes. Second pass: row B hides 8 and 30 (two), every line is safe.
    result = suppress([[12, 3, 9], [6, 8, 30]])
    assert result.cells == ((12, None, None), (6, None, None))
    assert result.row_totals == (24, 44)
    assert result.column_totals == (18, 11, 39)
    assert result.total == 68


def test_small_total_is_hidden_and_a_lone_cell_without_complement_hides_its_total():
    result = suppress([[2, 0], [0, 0]])
    assert result.cells == ((None, 0), (0, 0))
    assert result.row_totals == (None, 0)
    assert result.column_totals == (None, 0)
    assert result.total is None


def test_empty_table():
    result = suppress([])
    assert (result.cells, result.row_totals, result.column_totals, result.total) == ((), (), (), 0)


def _lines(result, table):
    height, width = len(table), len(table[0])
    for i in range(height):
        yield list(result.cells[i]), result.row_totals[i]
    for j in range(width):
        yield [result.cells[i][j] for i in range(height)], result.column_totals[j]
    yield list(result.row_totals), result.total
    yield list(result.column_totals), result.total


tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(st.integers(0, 30), min_size=width, max_size=width), min_size=1, max_size=6)
)


@given(tables)
def test_no_shown_total_has_exactly_one_hidden_member(table):
    result = suppress(table)
    for members, total in _lines(result, table):
        if total is not None:
            assert sum(member is None for member in members) != 1


@given(tables)
def test_small_counts_never_shown_and_shown_counts_are_true(table):
    result = suppress(table)
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            shown = result.cells[i][j]
            assert shown is None or shown == value
            assert not (shown is not None and is_small(value))
    for total in (*result.row_totals, *result.column_totals, result.total):
        assert total is None or not is_small(total)
