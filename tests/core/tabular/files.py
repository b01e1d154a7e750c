"""Build the spreadsheets schools send us, in memory, for the reading tests.

Cells are given as {(row, column): value} with Excel's 1-based row numbers and column letters, so a test
reads like the sheet it describes: cells({"A1": "姓名", "B1": "语文"}).
"""

import csv
import io
import re
from collections.abc import Mapping, Sequence

import xlsxwriter
import xlwt

Cells = Mapping[str, object]
_ADDRESS = re.compile(r"([A-Z]+)(\d+)")


def address(cell: str) -> tuple[int, int]:
    """ "B3" -> (2, 1): 0-based row and column, as xlsxwriter and xlwt want them."""
    match = _ADDRESS.fullmatch(cell)
    assert match, cell
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) - 1, column - 1


def grid_cells(first_row: int, rows: Sequence[Sequence[object]], first_column: str = "A") -> dict[str, object]:
    """Cells of a block of rows starting at Excel row `first_row` (None leaves a cell empty)."""
    start = ord(first_column) - ord("A")
    result: dict[str, object] = {}
    for offset, row in enumerate(rows):
        for index, value in enumerate(row):
            if value is not None:
                result[f"{chr(ord('A') + start + index)}{first_row + offset}"] = value
    return result


def xlsx(
    sheets: Mapping[str, Cells],
    merges: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    hidden: Sequence[str] = (),
) -> bytes:
    """An .xlsx with the given sheets; merges are (first cell, last cell) pairs; the first cell's value is
    the merged range's value, as Excel stores it."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, cells in sheets.items():
        sheet = workbook.add_worksheet(name)
        if name in hidden:
            sheet.hide()
        merged_firsts = set()
        for first, last in (merges or {}).get(name, ()):
            (r1, c1), (r2, c2) = address(first), address(last)
            sheet.merge_range(r1, c1, r2, c2, cells.get(first), None)  # type: ignore[arg-type]
            merged_firsts.add(first)
        for cell, value in cells.items():
            if cell in merged_firsts:
                continue
            row, column = address(cell)
            if hasattr(value, "isoformat"):
                sheet.write_datetime(row, column, value, date_format)
            elif isinstance(value, str):
                sheet.write_string(row, column, value)
            else:
                sheet.write(row, column, value)
    workbook.close()
    return buffer.getvalue()


def xls(sheets: Mapping[str, Cells], merges: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> bytes:
    """A real BIFF8 .xls (Excel 97-2003), written with xlwt."""
    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, cells in sheets.items():
        sheet = workbook.add_sheet(name)
        merged_firsts = set()
        for first, last in (merges or {}).get(name, ()):
            (r1, c1), (r2, c2) = address(first), address(last)
            sheet.write_merge(r1, r2, c1, c2, cells.get(first, ""))
            merged_firsts.add(first)
        for cell, value in cells.items():
            if cell in merged_firsts:
                continue
            row, column = address(cell)
            if hasattr(value, "isoformat"):
                sheet.write(row, column, value, date_style)
            else:
                sheet.write(row, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """CSV as Excel writes it: "utf-8-sig" for "CSV UTF-8", "gbk" for "CSV" on Chinese Windows."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return text.getvalue().encode(encoding)
