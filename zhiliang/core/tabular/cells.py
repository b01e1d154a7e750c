"""The value of one cell as `read_table` hands it out."""

import datetime

# str: normalised text, never empty (empty cells are None). int: whole numbers (Excel stores every number as
# a float; those that are whole and below 10**15, Excel's precision, become int). float: other numbers.
# date / datetime: cells Excel formats as dates. CSV files give str or None only.
CellValue = str | int | float | datetime.date | datetime.datetime | None


def cell_text(value: CellValue) -> str:
    """Show a cell value as text, for messages and comparisons ("" for None, ISO format for dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetime is a subclass of date
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
