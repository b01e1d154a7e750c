"""Score files for the import tests, written on the fly (wide, long and marking-system layouts)."""

import io
from collections.abc import Sequence

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile


def xlsx(rows: Sequence[Sequence[object]], *, merges: Sequence[tuple[int, int, int, int, str]] = ()) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("成绩")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    for first_row, first_col, last_row, last_col, text in merges:
        sheet.merge_range(first_row, first_col, last_row, last_col, text)
    workbook.close()
    return buffer.getvalue()


def upload(content: bytes, name: str = "成绩.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


WIDE_HEADER = ("学校", "班级", "学籍号", "姓名", "语文", "数学", "英语", "总分")


def wide(rows: Sequence[Sequence[object]], header: Sequence[str] = WIDE_HEADER) -> bytes:
    return xlsx([header, *rows])


def cast_rows() -> list[tuple[object, ...]]:
    """The cast's grade-7 students with the factory's scores, as a school would type them."""
    return [
        ("第一初级中学", "七年级(1)班", "GS10000000001", "张三", 110, 100, 90, 300),
        ("第一初级中学", "七年级(1)班", "GS20000000001", "李四", 80, 70, 60, 210),
        ("第一初级中学", "七年级(2)班", "GS30000000001", "王五", 95, 50, "缺考", None),
        ("第二初级中学", "七年级(1)班", "GS40000000001", "赵六", 100, 65, 108, 273),
    ]
