"""Finding the table in sheets laid out as schools and marking systems (阅卷系统) lay them out."""

import datetime
import io

import openpyxl

from tests.core.tabular.files import csv_bytes, grid_cells, xls, xlsx
from zhiliang.core.tabular import Table, parse_number, read_table

TITLE = "XX县2025学年第一学期期末考试成绩表"
SUBJECTS = ("语文", "数学", "英语")
TOP = ("考号", "姓名", "班级", "语文", None, None, "数学", None, None, "英语", None, None)
SUB = (None, None, None, *(("得分", "校次", "班次") * 3))
STUDENTS = (
    ("20250101", "张三", "七年级(1)班", 95, 3, 1, 88.5, 10, 4, 101, 1, 1),
    ("20250102", "李四", "七年级(1)班", 87, 20, 6, 92, 5, 2, 99, 2, 2),
    ("20250103", "王五", "七年级(2)班", 78, 40, 9, 60, 50, 12, 80, 30, 10),
)
LABELS = [
    "考号",
    "姓名",
    "班级",
    *(f"{subject}/{sub}" for subject in SUBJECTS for sub in ("得分", "校次", "班次")),
]


def marking_system_cells() -> dict[str, object]:
    """Title, blank row, date row, a two-row header on rows 4-5, three students on 6-8, footnotes on 10-11."""
    cells: dict[str, object] = {"A1": TITLE, "A3": "制表日期：2025-01-20"}
    cells.update(grid_cells(4, [TOP, SUB, *STUDENTS]))
    cells["A10"] = "注：缺考记为 0 分，不参与排名。"
    cells["A11"] = "制表人：张老师"
    cells["E11"] = "审核人：李老师"
    return cells


MARKING_SYSTEM_MERGES = [
    ("A1", "L1"),
    ("A4", "A5"),
    ("B4", "B5"),
    ("C4", "C5"),
    ("D4", "F4"),
    ("G4", "I4"),
    ("J4", "L4"),
    ("A10", "L10"),
]


def assert_marking_system_table(table: Table) -> None:
    assert table.header_row == 4
    assert table.header_rows == 2
    assert [column.label for column in table.columns] == LABELS
    assert [row.number for row in table.rows] == [6, 7, 8]
    chinese = table.column("语文/得分")
    assert chinese is not None and chinese.letter == "D" and chinese.top == "语文" and chinese.sub == "得分"
    maths_rank = table.column("数学校次")
    assert maths_rank is not None and maths_rank.letter == "H"
    name = table.column("姓名")
    assert name is not None and name.sub is None
    assert [parse_number(row.get(chinese)) for row in table.rows] == [95, 87, 78]
    assert [row.get(name) for row in table.rows] == ["张三", "李四", "王五"]
    assert [column.letter for column in table.columns_under("英语")] == ["J", "K", "L"]


def test_it_reads_a_marking_system_export_with_merged_two_row_header() -> None:
    data = xlsx({"成绩": marking_system_cells()}, merges={"成绩": MARKING_SYSTEM_MERGES})
    table = read_table(data, filename="期末成绩.xlsx")
    assert table.sheet == "成绩"
    assert_marking_system_table(table)
    maths = table.column("数学/得分")
    assert maths is not None and table.rows[0].get(maths) == 88.5


def test_it_reads_the_same_export_as_xls() -> None:
    data = xls({"成绩": marking_system_cells()}, merges={"成绩": MARKING_SYSTEM_MERGES})
    assert_marking_system_table(read_table(data, filename="期末成绩.xls"))


def test_it_reads_the_same_export_as_gbk_csv_without_merges() -> None:
    # Saving as CSV loses the merges: 语文 is followed by two empty header cells.
    rows = [[TITLE], [], ["制表日期：2025-01-20"], TOP, SUB, *STUDENTS, [], ["注：缺考记为 0 分，不参与排名。"]]
    table = read_table(csv_bytes(rows, encoding="gbk"), filename="期末成绩.csv")
    assert table.sheet is None
    assert_marking_system_table(table)
    chinese = table.column("语文/得分")
    assert chinese is not None and table.rows[0].get(chinese) == "95"  # CSV cells stay text


def test_it_reads_a_two_row_header_whose_exporter_repeats_the_subject() -> None:
    top = ("考号", "姓名", "语文", "语文", "数学", "数学")
    sub = (None, None, "得分", "班次", "得分", "班次")
    data = xlsx({"Sheet1": grid_cells(1, [top, sub, ("1", "张三", 90, 1, 80, 2), ("2", "李四", 85, 2, 95, 1)])})
    table = read_table(data, filename="f.xlsx")
    assert table.header_rows == 2
    assert [column.label for column in table.columns] == [
        "考号",
        "姓名",
        "语文/得分",
        "语文/班次",
        "数学/得分",
        "数学/班次",
    ]
    assert [row.number for row in table.rows] == [3, 4]


def test_it_reads_a_grouped_header_over_text_columns() -> None:
    cells = grid_cells(
        1, [("学生信息", None, "成绩"), ("姓名", "班级", "语文"), ("张三", "七(1)班", 90), ("李四", "七(2)班", 80)]
    )
    table = read_table(xlsx({"S": cells}, merges={"S": [("A1", "B1")]}), filename="f.xlsx")
    assert table.header_rows == 2
    assert [column.label for column in table.columns] == ["学生信息/姓名", "学生信息/班级", "成绩/语文"]
    assert table.rows[0].values == ("张三", "七(1)班", 90)


def test_a_roster_whose_rows_are_all_text_has_a_one_row_header() -> None:
    rows = [
        ("姓名", "性别", "班级", "民族"),
        ("张三", "男", "七年级(1)班", "汉族"),
        ("李四", "女", "七年级(1)班", "回族"),
    ]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert table.header_rows == 1
    assert [row.get(0) for row in table.rows] == ["张三", "李四"]


def test_a_first_student_absent_from_every_exam_is_data_not_a_sub_header() -> None:
    rows = [("姓名", "语文", "数学"), ("张三", "缺考", "缺考"), ("李四", 90, 80), ("王五", 70, 60)]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert table.header_rows == 1
    assert [row.number for row in table.rows] == [2, 3, 4]


def test_it_skips_title_rows_and_keeps_excel_row_numbers() -> None:
    cells = {"B2": "城关中学七年级学生名单", "B3": "学校：城关中学", "E3": "日期：2025-09-01"}
    cells.update(grid_cells(5, [("学号", "姓名", "性别", "班级"), ("001", "张三", "男", "七(1)班")], first_column="B"))
    cells.update(grid_cells(9, [("002", "李四", "女", "七(2)班")], first_column="B"))  # rows 7-8 left empty
    table = read_table(xlsx({"名单": cells}), filename="名单.xlsx")
    assert table.header_row == 5
    assert [(column.letter, column.label) for column in table.columns] == [
        ("B", "学号"),
        ("C", "姓名"),
        ("D", "性别"),
        ("E", "班级"),
    ]
    assert [row.number for row in table.rows] == [6, 9]
    assert table.rows[1].values == (None, "002", "李四", "女", "七(2)班")
    problem = table.problem("cell.required", row=table.rows[1], column=table.columns[1])
    assert problem.message() == "文件“名单.xlsx”工作表“名单”第 9 行 C 列（姓名）：此项必须填写。"


def test_known_headers_choose_the_header_among_look_alike_rows() -> None:
    rows = [
        ("学校", "城关中学", "年级", "七年级"),  # looks like a header: four short labels
        (None, None, None, None),
        ("学号", "姓名", "性别", "班级"),
        ("001", "张三", "男", "七(1)班"),
    ]
    data = xlsx({"S": grid_cells(1, rows)})
    table = read_table(data, filename="f.xlsx", known_headers=["学号", "学籍号", "姓名", "班级"])
    assert table.header_row == 3
    assert [row.number for row in table.rows] == [4]


def test_it_normalizes_cells_and_header_labels() -> None:
    rows = [
        ("学  号", "姓　名 ", "班级（必填）", "语文"),
        ("００１", "王　五", "七年级（1）班  ", "０９５"),
        (" 002 ", "张三 ", "七年级(1)班", " 95 "),
    ]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert [column.label for column in table.columns] == ["学号", "姓名", "班级(必填)", "语文"]
    assert table.rows[0].values == ("001", "王 五", "七年级(1)班", "095")
    assert table.rows[1].values == ("002", "张三", "七年级(1)班", "95")
    chinese = table.column("语文")
    assert chinese is not None and [parse_number(row.get(chinese)) for row in table.rows] == [95, 95]
    assert table.column(["班级", "班别"]) == table.columns[2]  # "(必填)" ignored when matching


def test_it_finds_columns_by_synonyms() -> None:
    rows = [("学籍号", "学生姓名", "班别"), ("G1", "张三", "七(1)班")]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    found = table.find_columns({"学号": {"学籍号"}, "姓名": {"学生姓名"}, "性别": set()})
    assert {key: column.letter for key, column in found.items()} == {"学号": "A", "姓名": "B"}


def test_it_drops_footnotes_and_closing_remarks() -> None:
    rows = [
        ("姓名", "语文", "数学"),
        ("张三", 90, 80),
        (None, None, None),
        ("李四", 85, 75),
        (None, None, None),
        ("说明：成绩为期末统考成绩", None, None),
        ("制表人：王老师", "审核人：李老师", "日期：2025-01-20"),
        ("本表仅供学校内部使用，请勿外传", None, None),
        (None, None, None),
        (None, None, None),
    ]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert [row.number for row in table.rows] == [2, 4]


def test_a_student_with_only_a_name_is_kept() -> None:
    rows = [("姓名", "语文"), ("张三", 90), ("李四", None)]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert [row.get(0) for row in table.rows] == ["张三", "李四"]


def test_it_drops_the_header_repeated_above_each_class() -> None:
    rows = [
        ("姓名", "班级", "语文"),
        ("张三", "七(1)班", 90),
        ("姓名", "班级", "语文"),
        ("李四", "七(2)班", 80),
    ]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert [row.number for row in table.rows] == [2, 4]


def test_a_class_name_merged_down_over_its_students_belongs_to_each() -> None:
    rows = [
        ("班级", "姓名", "语文"),
        ("七(1)班", "张三", 90),
        (None, "李四", 80),
        (None, "王五", 70),
        ("七(2)班", "赵六", 60),
    ]
    data = xlsx({"S": grid_cells(1, rows)}, merges={"S": [("A2", "A4")]})
    table = read_table(data, filename="f.xlsx")
    assert [row.get(0) for row in table.rows] == ["七(1)班", "七(1)班", "七(1)班", "七(2)班"]


def test_a_header_of_question_numbers_is_found() -> None:
    rows = [("某某中学七年级数学小题分",), ("考号", "姓名", 1, 2, 3, 4, 5, 6), ("001", "张三", 3, 3, 2, 5, 4, 0)]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert table.header_row == 2
    assert [column.label for column in table.columns] == ["考号", "姓名", "1", "2", "3", "4", "5", "6"]


def test_it_keeps_dates_numbers_and_long_numbers_as_excel_has_them() -> None:
    rows = [
        ("姓名", "出生日期", "身高", "身份证号", "学号"),
        ("张三", datetime.date(2012, 3, 5), 152.5, 330102201203051234, 20250101),
    ]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    name, birth, height, id_number, number = table.rows[0].values
    assert name == "张三"
    assert birth == datetime.date(2012, 3, 5)
    assert height == 152.5
    # Excel keeps 15 significant digits: an ID typed as a number is no longer exact, so it is not made int.
    assert isinstance(id_number, float)
    assert number == 20250101 and isinstance(number, int)


def test_it_takes_the_first_non_empty_visible_sheet() -> None:
    sheets = {
        "说明": {},
        "代码表": grid_cells(1, [("代码", "名称"), ("01", "汉族")]),
        "成绩": grid_cells(1, [("姓名", "语文"), ("张三", 90)]),
    }
    table = read_table(xlsx(sheets, hidden=["代码表"]), filename="f.xlsx")
    assert table.sheet == "成绩"


def test_it_reads_the_sheet_asked_for_even_when_typed_loosely() -> None:
    sheets = {
        "七年级": grid_cells(1, [("姓名",), ("张三",)]),
        "八年级": grid_cells(1, [("姓名", "班级"), ("李四", "八(1)班")]),
    }
    data = xlsx(sheets)
    assert read_table(data, filename="f.xlsx", sheet="八年级").rows[0].get(0) == "李四"
    assert read_table(data, filename="f.xlsx", sheet=" 八年级　").sheet == "八年级"


def test_a_date_line_split_over_two_cells_is_not_the_header() -> None:
    rows = [("制表日期：", datetime.date(2025, 1, 20), None), ("姓名", "性别", "班级"), ("张三", "男", "七(1)班")]
    table = read_table(xlsx({"S": grid_cells(1, rows)}), filename="f.xlsx")
    assert table.header_row == 2


def test_a_one_column_list_has_a_header() -> None:
    table = read_table(csv_bytes([("姓名",), ("张三",), ("李四",)]), filename="f.csv")
    assert [column.label for column in table.columns] == ["姓名"]
    assert [row.values for row in table.rows] == [("张三",), ("李四",)]


def test_row_numbers_and_column_letters_point_at_the_cell_excel_shows() -> None:
    cells = marking_system_cells()
    cells.update(grid_cells(15, [("20250104", "赵六", "七年级(2)班", 66, 60, 15, 70, 40, 10, 75, 45, 12)]))
    data = xlsx({"成绩": cells}, merges={"成绩": MARKING_SYSTEM_MERGES})
    table = read_table(data, filename="f.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["成绩"]
    assert [row.number for row in table.rows] == [6, 7, 8, 15]
    for row in table.rows:
        for column in table.columns:
            excel = sheet[f"{column.letter}{row.number}"].value  # openpyxl addresses cells as Excel does
            assert row.get(column) == excel


def test_question_numbers_under_merged_groups_are_a_sub_header() -> None:
    top = ("考号", "姓名", "客观题", None, None, "主观题", None)
    sub = (None, None, 1, 2, 3, 13, 14)
    rows = [top, sub, ("001", "张三", 3, 3, 0, 8, 10), ("002", "李四", 3, 0, 3, 6, 12)]
    merges = [("A1", "A2"), ("B1", "B2"), ("C1", "E1"), ("F1", "G1")]
    table = read_table(xlsx({"小题分": grid_cells(1, rows)}, merges={"小题分": merges}), filename="f.xlsx")
    assert table.header_rows == 2
    assert [column.label for column in table.columns] == [
        "考号",
        "姓名",
        "客观题/1",
        "客观题/2",
        "客观题/3",
        "主观题/13",
        "主观题/14",
    ]
    assert [row.number for row in table.rows] == [3, 4]


def test_a_header_made_tall_by_merging_each_cell_down_is_one_header() -> None:
    rows = [("姓名", "班级"), (None, None), ("张三", "七(1)班")]
    table = read_table(xlsx({"S": grid_cells(1, rows)}, merges={"S": [("A1", "A2"), ("B1", "B2")]}), filename="f.xlsx")
    assert [column.label for column in table.columns] == ["姓名", "班级"]
    assert [row.number for row in table.rows] == [3]
