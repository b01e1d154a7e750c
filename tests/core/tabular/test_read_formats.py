"""File formats, encodings, and the files that must be refused with a clear message."""

import codecs
import io
import pathlib
import zipfile

import pytest

from tests.core.tabular.files import csv_bytes, grid_cells, xls, xlsx
from zhiliang.core.tabular import ImportProblems, Problem, list_sheets, read_table

DATA = pathlib.Path(__file__).parent / "data"
ROWS = [("学号", "姓名", "班级", "语文"), ("001", "张三", "七年级(1)班", "95"), ("002", "李四", "七年级(2)班", "88")]


def only_problem(error: pytest.ExceptionInfo[ImportProblems]) -> Problem:
    assert len(error.value.problems) == 1
    return error.value.problems[0]


def assert_reads_rows(data: bytes, filename: str) -> None:
    table = read_table(data, filename=filename)
    assert [column.label for column in table.columns] == ["学号", "姓名", "班级", "语文"]
    assert [row.number for row in table.rows] == [2, 3]
    assert [row.get(1) for row in table.rows] == ["张三", "李四"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8-sig", ","),  # Excel "CSV UTF-8"
        ("utf-8", ","),
        ("gbk", ","),  # Excel "CSV" on Chinese Windows
        ("gb18030", ";"),
        ("utf-8", "\t"),
        ("utf-16", "\t"),  # Excel "Unicode text"
    ],
)
def test_it_reads_csv_in_the_encodings_excel_writes(encoding: str, delimiter: str) -> None:
    assert_reads_rows(csv_bytes(ROWS, encoding=encoding, delimiter=delimiter), "名单.csv")


def test_it_honours_excels_sep_line_and_numbers_rows_as_excel_shows_them() -> None:
    data = b"sep=;\r\n" + csv_bytes(ROWS, delimiter=";")
    assert_reads_rows(data, "名单.csv")


def test_a_quoted_cell_spanning_lines_is_one_row() -> None:
    rows = [("姓名", "评语"), ("张三", "第一行\n第二行"), ("李四", "好")]
    table = read_table(csv_bytes(rows), filename="f.csv")
    assert [(row.number, row.get(1)) for row in table.rows] == [(2, "第一行\n第二行"), (3, "好")]


def test_the_delimiter_is_sniffed_past_a_title_line() -> None:
    data = "七年级名单\n学号;姓名;班级\n001;张三;七(1)班\n002;李四,小;七(2)班\n".encode()
    table = read_table(data, filename="f.csv")
    assert table.header_row == 2
    assert [row.get(1) for row in table.rows] == ["张三", "李四,小"]


def test_the_format_comes_from_the_bytes_not_the_extension() -> None:
    assert_reads_rows(xlsx({"S": grid_cells(1, ROWS)}), "名单.xls")
    assert_reads_rows(xls({"S": grid_cells(1, ROWS)}), "名单.xlsx")
    assert_reads_rows(csv_bytes(ROWS, encoding="gbk"), "名单.xlsx")
    assert_reads_rows(xlsx({"S": grid_cells(1, ROWS)}), "名单")


def test_it_reads_from_a_path(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "名单.xls"
    path.write_bytes(xls({"Sheet1": grid_cells(1, ROWS)}))
    assert_reads_rows(path.read_bytes(), "名单.xls")
    table = read_table(path, filename="名单.xls")
    assert table.sheet == "Sheet1" and len(table.rows) == 2
    assert read_table(str(path), filename="名单.xls").rows == table.rows


def test_list_sheets_gives_visible_sheets_in_order() -> None:
    data = xlsx({"封面": {"A1": "x"}, "代码": {"A1": "y"}, "成绩": {"A1": "z"}}, hidden=["代码"])
    assert list_sheets(data, filename="f.xlsx") == ["封面", "成绩"]
    assert list_sheets(xls({"甲": {"A1": "x"}, "乙": {"A1": "y"}}), filename="f.xls") == ["甲", "乙"]
    assert list_sheets(csv_bytes(ROWS), filename="f.csv") == []


def test_an_unknown_sheet_is_reported_with_the_sheets_available() -> None:
    data = xlsx({"七年级": grid_cells(1, ROWS), "八年级": grid_cells(1, ROWS)})
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="成绩.xlsx", sheet="九年级")
    problem = only_problem(error)
    assert problem.code == "sheet.unknown"
    assert problem.params == {"sheet": "九年级", "sheets": ["七年级", "八年级"]}
    assert problem.message() == "文件“成绩.xlsx”：找不到工作表“九年级”。文件中的工作表有：“七年级”、“八年级”。"
    assert problem.message("en") == (
        "File “成绩.xlsx”: There is no sheet “九年级”. The sheets in the file are: “七年级”, “八年级”."
    )


@pytest.mark.parametrize("data", [b"", b"   \r\n", codecs.BOM_UTF8, b"\r\n\r\n"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="空.xlsx")
    assert only_problem(error).code == "file.empty"
    assert only_problem(error).message() == "文件“空.xlsx”：文件是空的，没有任何内容。"


def test_a_csv_of_empty_cells_is_an_empty_sheet() -> None:
    with pytest.raises(ImportProblems) as error:
        read_table(b",,,\r\n,,,\r\n", filename="f.csv")
    assert only_problem(error).code == "sheet.empty"


def test_a_workbook_without_data_is_refused() -> None:
    with pytest.raises(ImportProblems) as error:
        read_table(xlsx({"Sheet1": {}, "Sheet2": {}}), filename="f.xlsx")
    assert only_problem(error).code == "workbook.empty"


def test_an_empty_sheet_asked_for_is_refused() -> None:
    with pytest.raises(ImportProblems) as error:
        read_table(xlsx({"Sheet1": grid_cells(1, ROWS), "Sheet2": {}}), filename="f.xlsx", sheet="Sheet2")
    problem = only_problem(error)
    assert (problem.code, problem.sheet) == ("sheet.empty", "Sheet2")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "file.not_spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file.not_spreadsheet"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "file.not_spreadsheet"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "file.not_spreadsheet"),  # NUL bytes: binary
        (docx_bytes(), "file.not_spreadsheet"),
        (b"PK\x03\x04\x14\x00\x00\x00truncated", "file.corrupt"),
        (
            '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table><tr><td>姓名</td></tr></table>'.encode(),
            "file.web_page",
        ),
        (b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "file.web_page"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, "file.not_spreadsheet"),  # a .doc, say
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="成绩.xls")
    assert only_problem(error).code == code
    assert only_problem(error).message().startswith("文件“成绩.xls”：")


def test_a_damaged_xlsx_is_reported_as_corrupt() -> None:
    data = bytearray(xlsx({"S": grid_cells(1, ROWS)}))
    # Keep the zip directory (so the file still looks like an .xlsx) but damage the compressed sheet data.
    start = data.find(b"xl/worksheets/sheet1.xml") + 40
    data[start : start + 200] = b"\x00" * 200
    with pytest.raises(ImportProblems) as error:
        read_table(bytes(data), filename="坏.xlsx")
    assert only_problem(error).code == "file.corrupt"


def test_a_password_protected_workbook_is_recognised() -> None:
    data = (DATA / "password-zhiliang.xlsx").read_bytes()
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="加密.xlsx")
    assert only_problem(error).code == "file.encrypted"
    assert "取消密码" in only_problem(error).message()
    with pytest.raises(ImportProblems):
        list_sheets(data, filename="加密.xlsx")


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: pathlib.Path) -> None:
    data = b"not parsed at all \x00\x01" * 100  # would be "not a spreadsheet" if it were parsed
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="大.xlsx", max_bytes=1024)
    problem = only_problem(error)
    assert problem.code == "file.too_large"
    assert problem.params == {"size": len(data), "limit": 1024}
    path = tmp_path / "大.xlsx"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(ImportProblems) as error:
        read_table(path, filename="大.xlsx", max_bytes=2 * 1024 * 1024)
    assert only_problem(error).message() == (
        "文件“大.xlsx”：文件大小为 3 MB，超过了 2 MB 的上限。请删除无关的工作表或拆分成几个文件后再上传。"
    )
    with pytest.raises(ImportProblems):
        list_sheets(path, filename="大.xlsx", max_bytes=1024)


def test_the_size_limit_is_inclusive() -> None:
    data = csv_bytes(ROWS)
    assert len(read_table(data, filename="f.csv", max_bytes=len(data)).rows) == 2


def test_an_undecodable_csv_names_the_line() -> None:
    data = "学号,姓名\n001,张三\n".encode() + b"002,\xff\xfe\xfd\n"
    with pytest.raises(ImportProblems) as error:
        read_table(data, filename="名单.csv")
    problem = only_problem(error)
    assert (problem.code, problem.row) == ("file.undecodable", 3)
    assert problem.message().startswith("文件“名单.csv”第 3 行：无法识别文件的文字编码")


def test_no_header_is_reported() -> None:
    rows = [(1, 2, 3), (4, 5, 6)]
    with pytest.raises(ImportProblems) as error:
        read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx", known_headers=["姓名", "学号"])
    problem = only_problem(error)
    assert problem.code == "header.not_found"
    assert problem.message() == (
        "文件“f.xlsx”工作表“S”：在前 20 行中找不到表头（列名所在的行）。请确认表格第一行或标题下方是列名，如“姓名”。"
    )


def test_a_cell_containing_the_name_of_the_encryption_stream_is_just_text() -> None:
    rows = [("姓名", "备注"), ("张三", "EncryptedPackage 加密包")]  # stored as UTF-16 in the .xls
    data = xls({"S": grid_cells(1, rows)})
    assert "EncryptedPackage 加密包".encode("utf-16-le") in data
    assert read_table(data, filename="f.xls").rows[0].get(1) == "EncryptedPackage 加密包"


def test_a_short_gbk_file_that_happens_to_be_valid_utf8_is_read_as_gbk() -> None:
    data = csv_bytes([("姓名", "备注"), ("张三", "注")], encoding="gbk")
    assert "注".encode("gbk").decode("utf-8") == "ע"  # D7 A2: valid UTF-8, a Hebrew letter
    table = read_table(csv_bytes([("a", "b"), ("c", "注")], encoding="gbk"), filename="f.csv")
    assert table.rows[0].values == ("c", "注")
    assert read_table(data, filename="f.csv").rows[0].values == ("张三", "注")


def test_utf8_with_only_full_width_forms_stays_utf8() -> None:
    table = read_table(csv_bytes([("a", "b"), ("c", "０a")], encoding="utf-8"), filename="f.csv")
    assert table.rows[0].values == ("c", "0a")
