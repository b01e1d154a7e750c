"""A table read from a spreadsheet: its columns (header labels) and data rows, with Excel's row numbers."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from zhiliang.core.tabular.cells import CellValue
from zhiliang.core.tabular.normalize import column_letter, header_key
from zhiliang.core.tabular.problems import Problem


@dataclass(frozen=True)
class Column:
    """One labelled column. `index` is 0-based in the sheet (column A is 0), whatever columns precede it.

    A table with a two-row header (a marking system's "语文" merged over 得分/校次/班次) gives each column
    its `top` label ("语文") and `sub` label ("得分"); a one-row header gives `sub` None.
    """

    index: int
    top: str
    sub: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return self.top if self.sub is None else f"{self.top}/{self.sub}"


@dataclass(frozen=True)
class Row:
    """One data row. `number` is the row number Excel shows (1-based); `values[i]` is the cell in sheet
    column i (0-based), so `values` covers every column up to the table's last one."""

    number: int
    values: tuple[CellValue, ...]

    def get(self, column: Column | int) -> CellValue:
        index = column if isinstance(column, int) else column.index
        return self.values[index] if 0 <= index < len(self.values) else None


@dataclass
class Table:
    """What `read_table` returns. `header_row` is the Excel row number of the (top) header row;
    `header_rows` is 2 when a sub-header row was found under it."""

    filename: str
    sheet: str | None
    header_row: int
    columns: list[Column]
    rows: list[Row]
    header_rows: int = 1
    _keys: dict[str, list[Column]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for column in self.columns:
            keys = {header_key(column.label)}
            if column.sub is None:
                keys.add(header_key(column.top))
            else:
                keys.add(header_key(column.top + column.sub))  # "语文得分" finds 语文/得分
            for key in keys:
                self._keys.setdefault(key, []).append(column)

    def column(self, label_or_synonyms: str | Collection[str]) -> Column | None:
        """The first column (left to right) whose label equals `label_or_synonyms` or any of them.

        Comparison is that of `match_header`: whitespace-, case- and width-insensitive, ignoring "(必填)".
        For a two-row header, "语文/得分" and "语文得分" both find the column 语文 / 得分.
        """
        found = self.columns_matching(label_or_synonyms)
        return found[0] if found else None

    def columns_matching(self, label_or_synonyms: str | Collection[str]) -> list[Column]:
        """Every column matching (see `column`), left to right; more than one means a duplicated column."""
        labels = [label_or_synonyms] if isinstance(label_or_synonyms, str) else list(label_or_synonyms)
        found: dict[int, Column] = {}
        for label in labels:
            for column in self._keys.get(header_key(label), []):
                found[column.index] = column
        return [found[index] for index in sorted(found)]

    def find_columns(self, synonyms: Mapping[str, Collection[str]]) -> dict[str, Column]:
        """For each key of `synonyms` (as in `match_header`), the first column found under the key or any
        of its synonyms; keys without a column are left out, so `set(synonyms) - set(result)` is missing."""
        result: dict[str, Column] = {}
        for key, alternatives in synonyms.items():
            column = self.column([key, *alternatives])
            if column is not None:
                result[key] = column
        return result

    def columns_under(self, top: str) -> list[Column]:
        """The columns whose top header is `top` (e.g. every column under "语文" in a two-row header)."""
        key = header_key(top)
        return [column for column in self.columns if header_key(column.top) == key]

    def problem(
        self, code: str, *, row: Row | int | None = None, column: Column | None = None, **params: object
    ) -> Problem:
        """A Problem located in this table, e.g. `table.problem("cell.required", row=row, column=col)`."""
        number = row.number if isinstance(row, Row) else row
        return Problem(
            filename=self.filename,
            sheet=self.sheet,
            row=number,
            column=column.letter if column is not None else None,
            header=column.label if column is not None else None,
            code=code,
            params=params,
        )
