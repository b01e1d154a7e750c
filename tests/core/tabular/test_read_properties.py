"""Properties of read_table on arbitrary small sheets: it never crashes, and never invents or moves data."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.tabular.files import csv_bytes, grid_cells, xlsx
from zhiliang.core.tabular import ImportProblems, normalize_text, read_table

cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(alphabet=st.sampled_from("张王李语文数学注：　 ０１abcXYZ()（）,.;\n"), max_size=12),
)
grids = st.lists(st.lists(cell_values, min_size=1, max_size=6), min_size=0, max_size=12)


def expected_cell(value: object) -> object:
    if isinstance(value, str):
        return normalize_text(value) or None
    return value


@settings(max_examples=60, deadline=None)
@given(grids)
def test_any_sheet_reads_or_is_refused_with_problems(rows: list[list[object]]) -> None:
    data = xlsx({"S": grid_cells(1, rows)})
    try:
        table = read_table(data, filename="f.xlsx")
    except ImportProblems as error:
        assert all(problem.filename == "f.xlsx" for problem in error.problems)
        assert all(problem.message() and problem.message("en") for problem in error.problems)
        return
    assert table.columns
    numbers = [row.number for row in table.rows]
    assert numbers == sorted(set(numbers))
    assert all(number > table.header_row for number in numbers)
    for row in table.rows:
        written = rows[row.number - 1]  # row.number is Excel's: the written row it came from
        for column in table.columns:
            value = written[column.index] if column.index < len(written) else None
            assert row.get(column) == expected_cell(value)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[list[list[str | None]], str, str]:
    """A rectangular table as Excel saves it, in one of the delimiters; cells may contain that delimiter,
    quotes and line breaks (the writer quotes them) but not the other two candidates."""
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-8", "gbk"]))
    text = st.text(
        alphabet=st.sampled_from(["张", "王", "语", "注", "：", "　", " ", "０", "1", "a", '"', "\n", delimiter])
    )
    width = draw(st.integers(min_value=1, max_value=5))
    height = draw(st.integers(min_value=0, max_value=10))
    cell = st.one_of(st.none(), text)
    rows = [[draw(cell) for _ in range(width)] for _ in range(height)]
    return rows, delimiter, encoding


@settings(max_examples=150, deadline=None)
@given(csv_files())
def test_any_csv_reads_back_exactly_or_is_refused(case: tuple[list[list[str | None]], str, str]) -> None:
    rows, delimiter, encoding = case
    try:
        table = read_table(csv_bytes(rows, encoding=encoding, delimiter=delimiter), filename="f.csv")
    except ImportProblems as error:
        assert all(problem.message() for problem in error.problems)
        return
    for row in table.rows:
        written = rows[row.number - 1]
        for column in table.columns:
            assert row.get(column) == expected_cell(written[column.index])
