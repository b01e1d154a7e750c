"""Write tables to .xlsx the way school staff expect to find them: every export in Zhiliang goes through here.

Each sheet gets an optional merged title row, a bold bordered header, frozen panes below the header, an
autofilter, column widths that fit Chinese text (a CJK character is about twice as wide as a Latin one),
number formats by column kind, optional notes under the table, and a print set-up (A4, landscape when the
table is wide, one page wide, header repeated on every printed page, page numbers in the footer).

Rows are streamed (xlsxwriter's constant_memory mode), so a 60,000-row export does not hold the workbook in
memory. User text is always written as text, never as a formula or hyperlink ("=1+1" in a comment stays
"=1+1"), and text columns are written as text so that ID and student numbers keep every digit.
"""

import datetime
import io
import math
import numbers
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Literal, cast

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

ColumnKind = Literal["text", "int", "number", "percent", "date"]

# Decimals shown when a ColumnSpec does not say: means and scores with 2, rates (stored as fractions,
# 0.853 -> 85.3%) with 1.
DEFAULT_DECIMALS: dict[ColumnKind, int] = {"text": 0, "int": 0, "number": 2, "percent": 1, "date": 0}

_MAX_ROWS = 1_048_576  # Excel's limit
_MAX_TEXT = 32_767  # characters in one cell
_WIDTH_SAMPLE_ROWS = 1000
_MIN_WIDTH, _MAX_WIDTH = 6.0, 60.0
# Character units that fit across an A4 page in portrait at Excel's default margins; wider goes landscape.
_PORTRAIT_WIDTH = 95.0


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    width: float | None = None  # in Excel character units; None fits the header and the data
    kind: ColumnKind = "text"
    decimals: int | None = None  # None: DEFAULT_DECIMALS for the kind


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: Sequence[ColumnSpec]
    rows: Iterable[Sequence[object]]
    title: str | None = None
    notes: Sequence[str] = ()  # lines written under the table ("注：……")


def write_workbook(target: str | os.PathLike[str] | BinaryIO, sheets: Sequence[SheetSpec]) -> None:
    """Write `sheets` as one .xlsx workbook to a path or a binary file object.

    Nothing is written to `target` unless the whole workbook was built: a failing row generator leaves no
    half-written file behind.
    """
    data = workbook_bytes(sheets)
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as file:
            file.write(data)
    else:
        target.write(data)


def workbook_bytes(sheets: Sequence[SheetSpec]) -> bytes:
    """The .xlsx workbook as bytes (for an HTTP response or a stored report)."""
    buffer = io.BytesIO()
    _write(buffer, sheets)
    return buffer.getvalue()


def _write(output: io.BytesIO, sheets: Sequence[SheetSpec]) -> None:
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    workbook = xlsxwriter.Workbook(output, options)
    try:
        styles = _Styles(workbook)
        used: set[str] = set()
        for spec in sheets:
            name = _sheet_name(spec.name, used)
            used.add(name.casefold())
            _write_sheet(workbook.add_worksheet(name), spec, styles)
    finally:
        workbook.close()


class _Styles:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self.title = workbook.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        self.header = workbook.add_format(
            {
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#DDEBF7",
            }
        )
        self.note = workbook.add_format({"italic": True, "font_color": "#595959"})
        self._numbers: dict[str, Format] = {}

    def for_column(self, column: ColumnSpec) -> Format:
        return self.number_format(_number_format(column))

    def number_format(self, code: str) -> Format:
        if code not in self._numbers:
            self._numbers[code] = self.workbook.add_format({"num_format": code})
        return self._numbers[code]


def _number_format(column: ColumnSpec) -> str:
    decimals = DEFAULT_DECIMALS[column.kind] if column.decimals is None else column.decimals
    fraction = "." + "0" * decimals if decimals > 0 else ""
    if column.kind == "percent":
        return f"0{fraction}%"
    if column.kind == "number":
        return f"0{fraction}"
    if column.kind == "int":
        return "0"
    if column.kind == "date":
        return "yyyy-mm-dd"
    return "@"


_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel refuses sheet names over 31 characters, with []:*?/\\, or repeated (case-insensitively)."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub("_", name).strip("'").strip() or "Sheet"
    base = base[:31]
    candidate, number = base, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    return candidate


def _write_sheet(sheet: Worksheet, spec: SheetSpec, styles: _Styles) -> None:
    columns = list(spec.columns)
    if not columns:
        raise ValueError(f"sheet {spec.name!r} has no columns")
    last_column = len(columns) - 1
    row_index = 0
    if spec.title:
        if last_column:
            sheet.merge_range(0, 0, 0, last_column, spec.title, styles.title)
        else:
            sheet.write_string(0, 0, spec.title, styles.title)
        sheet.set_row(0, 24)
        row_index = 1
    header_row = row_index
    for index, column in enumerate(columns):
        sheet.write_string(header_row, index, column.header, styles.header)
    widths = [_text_width(column.header) + 3 for column in columns]  # + room for the filter button
    formats = [styles.for_column(column) for column in columns]
    # A cell written without a format of its own gets its column's format when xlsxwriter writes it out, so
    # the number formats are set once per column (before any data row) instead of once per cell.
    for index, cell_format in enumerate(formats):
        sheet.set_column(index, index, None, cell_format)
    datetime_format = styles.number_format("yyyy-mm-dd hh:mm")
    text = [column.kind == "text" for column in columns]

    for count, values in enumerate(spec.rows):
        row_index += 1
        if row_index >= _MAX_ROWS:
            raise ValueError(f"sheet {spec.name!r} has more rows than Excel allows ({_MAX_ROWS})")
        if len(values) > len(columns):
            raise ValueError(f"sheet {spec.name!r} row {count + 1} has {len(values)} values for {len(columns)} columns")
        cells, special = _plain_cells(values, text)
        sheet.write_row(row_index, 0, cells)
        measure = count < _WIDTH_SAMPLE_ROWS
        for index, value in special:
            shown = _write_cell(
                sheet, row_index, index, columns[index], value, formats[index], datetime_format, measure
            )
            widths[index] = max(widths[index], shown)
        if measure:
            for index, value in enumerate(cells):
                if value.__class__ is str:
                    widths[index] = max(widths[index], _text_width(value))
                elif value is not None:
                    widths[index] = max(widths[index], _number_width(cast(float, value), columns[index]))
    last_row = row_index

    if spec.notes:
        row_index += 1  # one empty row between the table and its notes
        for note in spec.notes:
            row_index += 1
            sheet.write_string(row_index, 0, note[:_MAX_TEXT], styles.note)

    total_width = 0.0
    for index, column in enumerate(columns):
        width = column.width if column.width is not None else min(max(widths[index] + 1, _MIN_WIDTH), _MAX_WIDTH)
        total_width += width
        sheet.set_column(index, index, width, formats[index])
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, last_row, last_column)
    _print_setup(sheet, header_row, total_width)


def _plain_cells(values: Sequence[object], text: list[bool]) -> tuple[list[object], list[tuple[int, object]]]:
    """The row as ``Worksheet.write_row`` should get it, and the cells it cannot take as they are.

    ``write_row`` writes a ``str`` as text and an ``int``/``float`` as a number (in the column's format) and
    skips ``None``; here NaN and infinity become ``None`` (a dataframe's "no value"), numbers in text columns
    become text, and anything else (dates, booleans, decimals, numpy scalars) is left to ``_write_cell``.
    This runs for every cell of a county-wide export, so it tests exact types, never ABCs.
    """
    cells = list(values)
    special: list[tuple[int, object]] = []
    for index, value in enumerate(cells):
        kind = value.__class__
        if kind is str or value is None:
            continue
        if kind is float:
            if not math.isfinite(cast(float, value)):
                cells[index] = None
            elif text[index]:
                cells[index] = _as_text(value)
        elif kind is int:
            if text[index]:
                cells[index] = str(value)
        else:
            cells[index] = None
            special.append((index, value))
    return cells, special


def _write_cell(
    sheet: Worksheet,
    row: int,
    column: int,
    spec: ColumnSpec,
    value: object,
    cell_format: Format,
    datetime_format: Format,
    measure: bool,
) -> float:
    """Write one value; when `measure`, return its display width (for sizing the column), else 0."""
    if value is None:
        return 0
    if spec.kind == "text":
        text = _as_text(value)[:_MAX_TEXT]
        sheet.write_string(row, column, text, cell_format)
        return _text_width(text) if measure else 0
    if spec.kind == "date" and isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            sheet.write_datetime(row, column, value, datetime_format)
            return 16
        sheet.write_datetime(row, column, value, cell_format)
        return 10
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            return 0  # NaN from a dataframe means "no value"
        sheet.write_number(row, column, number, cell_format)
        return _number_width(number, spec) if measure else 0
    # A score column can hold "缺考" (absent); such text is written as it is.
    text = _as_text(value)[:_MAX_TEXT]
    sheet.write_string(row, column, text)
    return _text_width(text) if measure else 0


def _as_text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_width(number: float, spec: ColumnSpec) -> float:
    decimals = DEFAULT_DECIMALS[spec.kind] if spec.decimals is None else spec.decimals
    if spec.kind == "percent":
        number *= 100
    whole = len(str(int(abs(number)))) + (number < 0)
    return whole + (decimals + 1 if decimals else 0) + (spec.kind == "percent")


def _text_width(text: str) -> float:
    """Width in Excel character units: East Asian wide and full-width characters count double."""
    if text.isascii():
        return max((len(line) for line in text.split("\n")), default=0)
    return max(
        (sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line) for line in text.split("\n")),
        default=0,
    )


def _print_setup(sheet: Worksheet, header_row: int, total_width: float) -> None:
    sheet.set_paper(9)  # A4
    if total_width > _PORTRAIT_WIDTH:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    sheet.repeat_rows(header_row)
    sheet.center_horizontally()
    sheet.hide_gridlines(0)  # print the grid: staff read printed tables along its lines
    sheet.set_footer("&C&P / &N")
