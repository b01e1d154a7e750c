"""`read_table` and `list_sheets`: open an uploaded spreadsheet and hand back its table or clear problems."""

import datetime
import io
import os
from collections.abc import Collection, Iterable, Sequence

import python_calamine

from zhiliang.core.tabular.cells import CellValue
from zhiliang.core.tabular.formats import Kind, UndecodableText, decode_text, detect_kind, parse_csv
from zhiliang.core.tabular.layout import Grid, MergedRange, build_table
from zhiliang.core.tabular.normalize import normalize_label, normalize_text
from zhiliang.core.tabular.problems import ImportProblems, Problem
from zhiliang.core.tabular.table import Table

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Source = str | os.PathLike[str] | bytes

# Kinds of file that cannot be read, and the problem code that tells the user so.
_REFUSED = {
    Kind.EMPTY: "file.empty",
    Kind.ENCRYPTED: "file.encrypted",
    Kind.WEB_PAGE: "file.web_page",
    Kind.CORRUPT: "file.corrupt",
    Kind.NOT_SPREADSHEET: "file.not_spreadsheet",
}


def read_table(
    source: Source,
    *,
    filename: str,
    sheet: str | None = None,
    known_headers: Collection[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Table:
    """Read the table in an uploaded .xlsx/.xlsm/.xlsb/.xls/.ods or .csv file.

    `source` is a path or the file's bytes; `filename` is the name the user knows the file by (it goes into
    every message). `sheet=None` takes the first non-empty visible sheet; CSV files have no sheets and
    ignore `sheet`. `known_headers` are column labels the caller expects (with their synonyms): the row
    naming most of them is the header. Files larger than `max_bytes` are refused before being parsed.

    Raises ImportProblems when the file cannot be read as a table.
    """
    data = _read_bytes(source, filename, max_bytes)
    kind = _readable_kind(data, filename)
    if kind is Kind.CSV:
        grid = _csv_grid(data, filename)
        return build_table(grid, [], filename=filename, sheet=None, known_headers=known_headers)
    with _open_workbook(data, filename) as workbook:
        grid, merges, sheet_name = _sheet_grid(workbook, filename, sheet)
    return build_table(grid, merges, filename=filename, sheet=sheet_name, known_headers=known_headers)


def list_sheets(source: Source, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Names of the visible worksheets, in workbook order (all worksheets if none is visible).

    A CSV file has no sheets: the list is empty. Raises ImportProblems as `read_table` does.
    """
    data = _read_bytes(source, filename, max_bytes)
    if _readable_kind(data, filename) is Kind.CSV:
        _csv_grid(data, filename)  # refuse an undecodable file now rather than when it is read
        return []
    with _open_workbook(data, filename) as workbook:
        return _worksheet_names(workbook)


def _problem(filename: str, code: str, **params: object) -> ImportProblems:
    return ImportProblems([Problem(filename, None, None, None, None, code, params)])


def _read_bytes(source: Source, filename: str, max_bytes: int) -> bytes:
    size = len(source) if isinstance(source, bytes) else os.stat(source).st_size
    if size > max_bytes:
        raise _problem(filename, "file.too_large", size=size, limit=max_bytes)
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as file:
        return file.read(max_bytes + 1)


def _readable_kind(data: bytes, filename: str) -> Kind:
    kind = detect_kind(data)
    code = _REFUSED.get(kind)
    if code is not None:
        raise _problem(filename, code)
    return kind


def _csv_grid(data: bytes, filename: str) -> Grid:
    try:
        text = decode_text(data)
    except UndecodableText as error:
        raise ImportProblems(
            [Problem(filename, None, error.line, None, None, "file.undecodable", {"line": error.line})]
        ) from None
    return _grid(parse_csv(text))


def _open_workbook(data: bytes, filename: str) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise _problem(filename, "file.encrypted") from None
    except python_calamine.CalamineError as error:
        raise _problem(filename, "file.corrupt", reason=str(error)) from None
    except BaseException as error:  # calamine panics (a BaseException) on some damaged files
        if _is_panic(error):
            raise _problem(filename, "file.corrupt", reason=str(error)) from None
        raise


def _is_panic(error: BaseException) -> bool:
    return type(error).__name__ == "PanicException"


def _worksheet_names(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    worksheets = [meta for meta in workbook.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
    visible = [meta.name for meta in worksheets if meta.visible == python_calamine.SheetVisibleEnum.Visible]
    return visible or [meta.name for meta in worksheets]


def _worksheets_visible_first(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    worksheets = [meta for meta in workbook.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
    visible = [meta.name for meta in worksheets if meta.visible == python_calamine.SheetVisibleEnum.Visible]
    return visible + [meta.name for meta in worksheets if meta.name not in visible]


def _sheet_grid(
    workbook: python_calamine.CalamineWorkbook, filename: str, sheet: str | None
) -> tuple[Grid, list[MergedRange], str]:
    if sheet is not None:
        name = _resolve_sheet_name(workbook.sheet_names, sheet)
        if name is None:
            raise _problem(filename, "sheet.unknown", sheet=sheet, sheets=_worksheet_names(workbook))
        return (*_load_sheet(workbook, filename, name), name)
    for name in _worksheets_visible_first(workbook):
        grid, merges = _load_sheet(workbook, filename, name)
        if any(value is not None for row in grid for value in row):
            return grid, merges, name
    raise _problem(filename, "workbook.empty")


def _resolve_sheet_name(names: list[str], wanted: str) -> str | None:
    if wanted in names:
        return wanted
    # "Sheet1 " typed in a form, "成绩表" vs "成绩表　": compare as header labels are compared.
    key = normalize_label(wanted).casefold()
    return next((name for name in names if normalize_label(name).casefold() == key), None)


def _load_sheet(workbook: python_calamine.CalamineWorkbook, filename: str, name: str) -> tuple[Grid, list[MergedRange]]:
    try:
        sheet = workbook.get_sheet_by_name(name)
        # skip_empty_area=False keeps the rows and columns before the data, so that grid[i] is Excel row
        # i + 1 and column j is Excel column j: messages then point where Excel does.
        raw = sheet.to_python(skip_empty_area=False)
        merges = list(sheet.merged_cell_ranges or [])
    except python_calamine.PasswordError:
        raise _problem(filename, "file.encrypted") from None
    except python_calamine.CalamineError as error:
        raise _problem(filename, "file.corrupt", reason=str(error)) from None
    except BaseException as error:
        if _is_panic(error):
            raise _problem(filename, "file.corrupt", reason=str(error)) from None
        raise
    return _grid(raw), merges


def _grid(raw: Iterable[Sequence[object]]) -> Grid:
    return [list(map(_cell, row)) for row in raw]


# Excel keeps 15 significant digits: a whole float beyond that is not a trustworthy integer (an ID number
# typed as a number ends in 000), so it stays a float and shows up as 3.30102201203051e+17.
_EXACT_INTEGER_LIMIT = 1e15


def _cell(value: object) -> CellValue:
    """Convert what calamine or csv gives into a CellValue (see cells.py)."""
    # Exact type checks first for the two types nearly every cell has: this runs once per cell.
    kind = type(value)
    if kind is float:
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer() and -_EXACT_INTEGER_LIMIT < number < _EXACT_INTEGER_LIMIT:
            return int(number)
        return number
    if kind is str:
        return normalize_text(value) or None if value else None  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what Excel shows; CellValue has no booleans
    if isinstance(value, int | datetime.date):  # datetime.datetime is a date too
        return value
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.timedelta):  # a duration cell such as a 1000 m run time
        seconds = round(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return None if value is None else normalize_text(str(value)) or None
