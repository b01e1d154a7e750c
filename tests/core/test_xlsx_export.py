"""Open what we export the way staff will, and check what they would see (and print)."""

import datetime
import io
import pathlib

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zhiliang.core.tabular import read_table
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes, write_workbook

COLUMNS = [
    ColumnSpec("学号"),
    ColumnSpec("姓名"),
    ColumnSpec("语文", kind="number"),
    ColumnSpec("排名", kind="int"),
    ColumnSpec("及格率", kind="percent"),
    ColumnSpec("出生日期", kind="date"),
]
ROWS = [
    ("20250101", "张三", 95.5, 1, 0.8532, datetime.date(2012, 3, 5)),
    ("20250102", "欧阳娜娜娜", 87, 2, 1, datetime.date(2012, 11, 20)),
    ("20250103", "李四", None, None, None, None),
]


def open_sheet(data: bytes, name: str | None = None) -> Worksheet:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook[name] if name else workbook.worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def scores_sheet(**overrides: object) -> SheetSpec:
    fields: dict[str, object] = {
        "name": "成绩",
        "columns": COLUMNS,
        "rows": ROWS,
        "title": "七年级期末考试成绩",
        "notes": ["注：及格率为 72 分及以上人数占参考人数的比例。"],
    }
    fields.update(overrides)
    return SheetSpec(**fields)  # type: ignore[arg-type]


def test_it_writes_title_header_and_values() -> None:
    sheet = open_sheet(workbook_bytes([scores_sheet()]), "成绩")
    assert sheet["A1"].value == "七年级期末考试成绩"
    assert [str(merged) for merged in sheet.merged_cells.ranges] == ["A1:F1"]
    assert [cell.value for cell in sheet[2]] == ["学号", "姓名", "语文", "排名", "及格率", "出生日期"]
    assert all(cell.font.bold and cell.border.bottom.style == "thin" for cell in sheet[2])
    assert [cell.value for cell in sheet[3]] == ["20250101", "张三", 95.5, 1, 0.8532, datetime.datetime(2012, 3, 5)]
    assert [cell.value for cell in sheet[5]] == ["20250103", "李四", None, None, None, None]
    assert sheet["A7"].value == "注：及格率为 72 分及以上人数占参考人数的比例。"


def test_numbers_get_formats_by_kind() -> None:
    sheet = open_sheet(workbook_bytes([scores_sheet()]))
    assert [sheet.cell(row=3, column=column).number_format for column in range(1, 7)] == [
        "@",
        "@",
        "0.00",
        "0",
        "0.0%",
        "yyyy-mm-dd",
    ]


def test_decimals_can_be_chosen() -> None:
    columns = [ColumnSpec("均分", kind="number", decimals=1), ColumnSpec("优秀率", kind="percent", decimals=2)]
    sheet = open_sheet(workbook_bytes([SheetSpec("s", columns, [(80.25, 0.5)])]))
    assert (sheet["A2"].number_format, sheet["B2"].number_format) == ("0.0", "0.00%")


def test_panes_are_frozen_below_the_header_and_the_header_filters() -> None:
    sheet = open_sheet(workbook_bytes([scores_sheet()]))
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:F5"
    untitled = open_sheet(workbook_bytes([scores_sheet(title=None, notes=())]))
    assert untitled.freeze_panes == "A2"
    assert untitled.auto_filter.ref == "A1:F4"
    assert untitled["A1"].value == "学号"


def test_it_prints_on_a4_one_page_wide_with_the_header_on_every_page() -> None:
    sheet = open_sheet(workbook_bytes([scores_sheet()]))
    assert sheet.print_title_rows == "$2:$2"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth is omitted when 1, the schema default (ECMA-376 CT_PageSetup); fitToHeight 0 = "as needed".
    assert sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.oddFooter.center.text == "&P / &N"


def test_a_wide_table_prints_landscape() -> None:
    columns = [ColumnSpec(f"第{number}题得分率", kind="percent") for number in range(1, 16)]
    sheet = open_sheet(workbook_bytes([SheetSpec("小题", columns, [[0.5] * 15])]))
    assert sheet.page_setup.orientation == "landscape"


def test_column_widths_fit_chinese_text() -> None:
    rows = [("x", "阿卜杜热合曼·买买提", "a" * 10)]
    columns = [ColumnSpec("序号"), ColumnSpec("姓名"), ColumnSpec("备注", width=30)]
    sheet = open_sheet(workbook_bytes([SheetSpec("s", columns, rows)]))
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    # 10 characters, 9 of them wide: 19 units + 1 of padding, against 2 CJK characters (+3 for the filter
    # button + 1 padding) in the header of column A. xlsxwriter stores widths with a little extra padding.
    assert widths["B"] == pytest.approx(20, abs=1)
    assert widths["A"] == pytest.approx(8, abs=1)
    assert widths["C"] == pytest.approx(30, abs=1)


def test_text_columns_keep_every_digit_and_user_text_is_never_a_formula() -> None:
    columns = [ColumnSpec("身份证号"), ColumnSpec("评语"), ColumnSpec("网址")]
    rows = [(330102201203051234, '=HYPERLINK("http://x")', "http://example.invalid/a")]
    sheet = open_sheet(workbook_bytes([SheetSpec("s", columns, rows)]))
    assert sheet["A2"].value == "330102201203051234"
    assert sheet["B2"].value == '=HYPERLINK("http://x")'
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].hyperlink is None


def test_text_in_a_number_column_is_written_as_text() -> None:
    columns = [ColumnSpec("姓名"), ColumnSpec("语文", kind="number")]
    sheet = open_sheet(workbook_bytes([SheetSpec("s", columns, [("张三", "缺考"), ("李四", float("nan"))])]))
    assert sheet["B2"].value == "缺考"
    assert sheet["B3"].value is None


def test_datetimes_and_short_rows() -> None:
    columns = [ColumnSpec("时间", kind="date"), ColumnSpec("说明")]
    sheet = open_sheet(workbook_bytes([SheetSpec("s", columns, [(datetime.datetime(2025, 1, 2, 8, 30),)])]))
    assert sheet["A2"].value == datetime.datetime(2025, 1, 2, 8, 30)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["B2"].value is None


def test_a_row_longer_than_the_columns_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="3 values for 2 columns"):
        workbook_bytes([SheetSpec("s", [ColumnSpec("a"), ColumnSpec("b")], [(1, 2, 3)])])


def test_sheet_names_are_made_acceptable_to_excel() -> None:
    specs = [
        SheetSpec("七年级/八年级[对比]", [ColumnSpec("a")], []),
        SheetSpec("成绩", [ColumnSpec("a")], []),
        SheetSpec("成绩", [ColumnSpec("a")], []),
        SheetSpec("一个非常非常非常非常非常非常非常非常非常非常非常长的工作表名字", [ColumnSpec("a")], []),
    ]
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(specs)))
    names = workbook.sheetnames
    assert names[:3] == ["七年级_八年级_对比_", "成绩", "成绩 (2)"]
    assert len(names[3]) == 31


def test_rows_are_streamed_from_a_generator_and_written_to_paths_and_files(tmp_path: pathlib.Path) -> None:
    def rows() -> object:
        for number in range(1, 2001):
            yield (f"{number:04d}", f"学生{number}", number / 20, number, number / 2000, None)

    path = tmp_path / "out.xlsx"
    write_workbook(path, [scores_sheet(rows=rows(), notes=())])
    sheet = open_sheet(path.read_bytes())
    assert sheet.max_row == 2002
    assert sheet["A2002"].value == "2000"
    buffer = io.BytesIO()
    write_workbook(buffer, [scores_sheet()])
    assert open_sheet(buffer.getvalue())["B3"].value == "张三"
    write_workbook(str(tmp_path / "str.xlsx"), [scores_sheet()])
    assert open_sheet((tmp_path / "str.xlsx").read_bytes())["B3"].value == "张三"


def test_several_sheets_in_one_workbook() -> None:
    data = workbook_bytes([scores_sheet(), scores_sheet(name="汇总", title="汇总表")])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["成绩", "汇总"]
    assert workbook["汇总"]["A1"].value == "汇总表"
    assert workbook["汇总"].print_title_rows == "$2:$2"


def test_what_we_export_reads_back_through_our_own_reader() -> None:
    table = read_table(workbook_bytes([scores_sheet()]), filename="成绩.xlsx")
    assert table.header_row == 2
    assert [column.label for column in table.columns] == ["学号", "姓名", "语文", "排名", "及格率", "出生日期"]
    assert [row.number for row in table.rows] == [3, 4, 5]  # the note under the table is not a row
    assert table.rows[0].values == ("20250101", "张三", 95.5, 1, 0.8532, datetime.date(2012, 3, 5))


def test_a_workbook_needs_a_sheet_and_a_sheet_needs_columns() -> None:
    with pytest.raises(ValueError):
        workbook_bytes([])
    with pytest.raises(ValueError):
        workbook_bytes([SheetSpec("s", [], [])])


def test_a_failing_export_leaves_no_file_behind(tmp_path: pathlib.Path) -> None:
    def rows() -> object:
        yield ("20250101", "张三", 90, 1, 0.5, None)
        raise RuntimeError("database went away")

    path = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError):
        write_workbook(path, [scores_sheet(rows=rows())])
    assert not path.exists()
