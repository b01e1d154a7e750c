"""Read a roster file into typed records, with every problem a person can fix without the database.

`read_roster` finds the columns of the roster kind (by label or synonym), parses each cell, and runs the
kind's checks across columns and rows (`checks.py`): an ID number against sex and birth date, ages against
grades, the same student twice in the file… What needs the database (does the school or class exist, may
the user import it, is the ID number used elsewhere) is checked by the Django importers.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhiliang.core.rosters import messages as _messages  # noqa: F401  (registers the problem messages)
from zhiliang.core.rosters.columns import ROSTERS, Parser, RosterColumn, RosterSpec
from zhiliang.core.rosters.values import FieldError
from zhiliang.core.tabular import CellValue, Column, ImportProblems, Problem, Table, cell_text, header_key, read_table
from zhiliang.core.tabular.reader import DEFAULT_MAX_BYTES, Source


@dataclass
class RosterRecord:
    """One data row: `row` is its Excel row number, `values` the parsed cells by column key (None when
    blank or unreadable), `texts` the cells as written (for messages and the preview)."""

    row: int
    values: dict[str, object]
    texts: dict[str, str]
    bad: set[str] = field(default_factory=set)  # keys whose cell could not be read

    def get(self, key: str) -> object:
        return self.values.get(key)


@dataclass
class RosterFile:
    spec: RosterSpec
    filename: str
    sheet: str | None
    columns: dict[str, Column] = field(default_factory=dict)
    records: list[RosterRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, row: int | RosterRecord | None, key: str | None, code: str, /, **params: object) -> Problem:
        """A problem at `row` in the column of `key` (named by its label when the file has no such column)."""
        number = row.row if isinstance(row, RosterRecord) else row
        column = self.columns.get(key) if key else None
        header = column.label if column is not None else (self.spec.column(key).label if key else None)
        return Problem(
            filename=self.filename,
            sheet=self.sheet,
            row=number,
            column=column.letter if column is not None else None,
            header=header,
            code=code,
            params=params,
        )

    def add(self, row: int | RosterRecord | None, key: str | None, code: str, /, **params: object) -> None:
        self.problems.append(self.problem(row, key, code, **params))

    def has(self, key: str) -> bool:
        return key in self.columns

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Context:
    """What the checks need to know about the world: today, and when the current school year starts."""

    today: datetime.date
    year_start: datetime.date | None = None
    school_given: bool = False


def _find_columns(table: Table, spec: RosterSpec, roster: RosterFile) -> None:
    """Take, for each roster column, the file column under its label or the first synonym present.

    Labels are tried in order, so a file with both 学校名称 and 学校代码 uses 学校名称 for the school; the
    same label twice is a duplicated column.
    """
    claimed: set[int] = set()
    for column_spec in spec.columns:
        for label in column_spec.labels:
            found = [column for column in table.columns_matching(label) if column.index not in claimed]
            if not found:
                continue
            if len(found) > 1:
                roster.problems.append(
                    Problem(
                        roster.filename,
                        roster.sheet,
                        None,
                        None,
                        found[0].label,
                        "column.duplicate",
                        {"column": found[0].label, "letters": [column.letter for column in found]},
                    )
                )
            roster.columns[column_spec.key] = found[0]
            claimed.add(found[0].index)
            break


def _required(spec: RosterSpec, context: Context) -> Iterable[RosterColumn]:
    for column in spec.columns:
        if column.required and not (column.key == "school" and context.school_given):
            yield column


def read_roster(
    source: Source,
    *,
    kind: str,
    filename: str,
    context: Context,
    sheet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RosterFile:
    """Read a roster of `kind` ("schools", "teachers", "classes", "students", "assignments")."""
    from zhiliang.core.rosters.checks import CHECKS

    spec = ROSTERS[kind]
    roster = RosterFile(spec=spec, filename=filename, sheet=sheet)
    try:
        table = read_table(
            source, filename=filename, sheet=sheet, known_headers=spec.known_headers, max_bytes=max_bytes
        )
    except ImportProblems as error:
        roster.problems.extend(error.problems)
        return roster
    roster.sheet = table.sheet
    _find_columns(table, spec, roster)
    for column in _required(spec, context):
        if column.key not in roster.columns:
            roster.add(None, None, "column.missing", column=column.label, accepted=column.labels)
    if roster.problems:
        return roster
    if not table.rows:
        roster.add(None, None, "roster.no_rows")
        return roster
    example_key, example_value = spec.example_key
    required = [column.key for column in _required(spec, context)]
    parsers = {key: spec.column(key).parse for key in roster.columns}
    for row in table.rows:
        record = _read_row(roster, parsers, row.number, row.values, required)
        if record is None:
            continue
        if record.get(example_key) == example_value:
            roster.add(record, example_key, "roster.example_row")
            continue
        roster.records.append(record)
    CHECKS[kind](roster, context)
    return roster


def _read_row(
    roster: RosterFile, parsers: dict[str, Parser], number: int, cells: tuple[CellValue, ...], required: list[str]
) -> RosterRecord | None:
    record = RosterRecord(row=number, values={}, texts={})
    for key, column in roster.columns.items():
        cell = cells[column.index] if column.index < len(cells) else None
        record.texts[key] = cell_text(cell).strip()
        try:
            record.values[key] = parsers[key](cell)
        except FieldError as error:
            record.values[key] = None
            record.bad.add(key)
            roster.add(number, key, error.code, **error.params)
    if not any(record.texts.values()):
        return None  # a row with only cells of other columns (a subtotal, a stray note)
    for key in required:
        if key in roster.columns and not record.texts.get(key):
            roster.add(number, key, "cell.required")
            record.bad.add(key)
    return record


def duplicates(
    roster: RosterFile, key_of: dict[int, object], *, column: str, what: str, what_en: str, value_of: dict[int, str]
) -> None:
    """Report every group of rows sharing a key (None keys are ignored), naming all rows of the group on
    each of them. `key_of` and `value_of` map Excel row numbers to the key and to the value to show."""
    groups: dict[object, list[int]] = {}
    for row, key in key_of.items():
        if key is not None:
            groups.setdefault(key, []).append(row)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        listed = "、".join(str(row) for row in rows)
        for row in rows:
            roster.add(
                row, column, "roster.duplicate_in_file", what=what, what_en=what_en, value=value_of[row], rows=listed
            )


def key_text(value: str) -> str:
    """Compare names as header labels are compared (spaces, width and case ignored)."""
    return header_key(value)
