"""Small score workbooks written on the fly for the tests of score reading, reports and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "成绩",
    merges: Sequence[tuple[int, int, int, int, str]] = (),
) -> Path:
    """Write `rows` from A1 down (None leaves a cell blank); `merges` are (first_row, first_col, last_row,
    last_col, text) ranges, 0-based, like a marking system's merged two-row header."""
    workbook = xlsxwriter.Workbook(str(path))
    worksheet = workbook.add_worksheet(sheet)
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if value is not None:
                worksheet.write(index, column, value)
    for first_row, first_col, last_row, last_col, text in merges:
        worksheet.merge_range(first_row, first_col, last_row, last_col, text)
    workbook.close()
    return path


# The tiny county of the CLI tests, small enough to compute every number by hand (see tests/cli).
TINY_HEADER = ("学校", "班级", "学号", "姓名", "性别", "语文", "数学")
TINY_ROWS = (
    ("甲校", "1班", "S1", "张一", "男", 90, 100),
    ("甲校", "1班", "S2", "李二", "女", 60, "缺考"),
    ("甲校", "2班", "S3", "王三", "男", 30, 50),
    ("乙校", "1班", "S4", "赵四", "女", 80, 70),
)


def write_tiny(path: Path) -> Path:
    return write_xlsx(path, [TINY_HEADER, *TINY_ROWS])
