"""Reading whole roster files without a database (zhiliang/core/rosters/reading.py, checks.py)."""

import datetime

from zhiliang.core.rosters import Context, read_roster

CONTEXT = Context(today=datetime.date(2025, 10, 1), year_start=datetime.date(2025, 9, 1))


def read(text, kind="students", context=CONTEXT):
    return read_roster(text.encode(), kind=kind, filename="a.csv", context=context)


def test_a_clean_file():
    roster = read("学籍号,姓名,性别,学校,年级,班级\ng001,张三,男,一中,七年级,3\n")
    assert roster.ok
    (record,) = roster.records
    assert record.row == 2
    assert record.values == {
        "student_number": "G001",
        "name": "张三",
        "sex": "M",
        "school": "一中",
        "grade": 7,
        "class": 3,
        "id_number": None,
    }


def test_the_school_column_is_optional_when_the_school_is_given():
    missing = read("学籍号,姓名,性别,年级,班级\nG1,张三,男,7,3\n")
    assert [p.code for p in missing.problems] == ["column.missing"]
    given = Context(today=CONTEXT.today, year_start=CONTEXT.year_start, school_given=True)
    assert read("学籍号,姓名,性别,年级,班级\nG1,张三,男,7,3\n", context=given).ok
    assert read("学籍号,姓名,性别,学校,年级,班级\nG1,张三,男,,7,3\n", context=given).ok


def test_required_cells_and_the_same_column_twice():
    roster = read("学籍号,姓名,性别,学校,年级,班级\nG1,,男,一中,7,3\n")
    assert [(p.code, p.row, p.column, p.header) for p in roster.problems] == [("cell.required", 2, "B", "姓名")]
    twice = read("学籍号,姓名,姓名,性别,学校,年级,班级\nG1,张三,张三,男,一中,7,3\n")
    assert [p.code for p in twice.problems] == ["column.duplicate"]


def test_school_name_wins_over_school_code_when_both_are_present():
    roster = read("学籍号,姓名,性别,学校代码,学校名称,年级,班级\nG1,张三,男,J01,一中,7,3\n")
    assert roster.ok and roster.records[0].values["school"] == "一中"


def test_blank_rows_and_rows_of_other_columns_are_skipped():
    roster = read("学籍号,姓名,性别,学校,年级,班级,备注\nG1,张三,男,一中,7,3,\n,,,,,,转学生\n")
    assert roster.ok and len(roster.records) == 1


def test_teachers_are_between_18_and_70():
    roster = read(
        "工号,姓名,性别,出生日期,学校\nT1,王,男,2010-01-01,一中\nT2,李,女,1950-01-01,一中\nT3,赵,女,1980-01-01,一中\n",
        kind="teachers",
    )
    assert [(p.code, p.row) for p in roster.problems] == [("roster.teacher_age", 2), ("roster.teacher_age", 3)]


def test_entry_dates():
    roster = read(
        "学籍号,姓名,性别,出生日期,学校,年级,班级,入学日期\n"
        "G1,甲,男,2013-01-01,一中,7,1,2014-09-01\n"
        "G2,乙,男,2013-01-01,一中,7,1,2030-09-01\n"
        "G3,丙,男,2013-01-01,一中,7,1,2019-09\n"
    )
    assert [(p.code, p.row) for p in roster.problems] == [
        ("roster.entry_before_birth", 2),
        ("roster.entry_in_future", 3),
    ]
    assert roster.records[2].values["entry_date"] == datetime.date(2019, 9, 1)
