"""Roster files as schools really make them: title rows, merged headers, full-width digits, padded names,
.xls and CSV in UTF-8 or GBK, dates as Excel dates or text in many forms, synonyms for column names."""

import datetime

import pytest

from tests.rosters.files import confirm, csv_bytes, id_number, upload, xls, xlsx
from zhiliang.imports.models import ImportStatus
from zhiliang.people.models import ClassMembership, Student

pytestmark = pytest.mark.django_db


def imported(job):
    assert job.status == ImportStatus.READY, job.problems
    confirm(job)
    return {s.student_number: s for s in Student.objects.filter(student_number__startswith="G0")}


def test_a_title_row_and_a_merged_title_above_the_header(cast):
    rows = [
        ["学籍号", "姓名", "性别", "出生日期", "学校", "年级", "班级"],
        ["G001", "陈一", "男", "2013-05-01", "第一初级中学", "七年级", "1"],
    ]
    content = xlsx(rows, title="第一初级中学2025年秋季学生名册", merge="A1:G1")
    students = imported(upload(cast.user("principal"), "students", content))
    assert students["G001"].name == "陈一"


def test_full_width_digits_spaces_and_synonyms(cast):
    rows = [
        ["全国学籍号", "学生姓名", "性 别", "出生年月", "身份证号码", "所在学校", "年级", "班号", "座号"],
        [
            "Ｇ００１ ",
            "王　五",
            " 女 ",
            "２０１３．５．１",
            " " + id_number("20130501", "002") + " ",
            "第一初级中学 ",
            "初一",
            "（２）班",
            "３",
        ],
    ]
    students = imported(upload(cast.user("principal"), "students", xlsx(rows)))
    student = students["G001"]
    assert (student.name, student.sex, student.birth_date) == ("王五", "F", datetime.date(2013, 5, 1))
    membership = ClassMembership.objects.get(student=student)
    assert (membership.school_class, membership.seat_number) == (cast.classes["J01-7-2"], 3)


def test_excel_date_cells_and_dates_as_text(cast):
    header = ["学籍号", "姓名", "性别", "出生日期", "学校", "年级", "班级"]
    rows = [
        header,
        ["G001", "甲", "男", datetime.datetime(2013, 5, 1), "第一初级中学", "7", "1"],
        ["G002", "乙", "男", "20130502", "第一初级中学", "7", "1"],
        ["G003", "丙", "男", "2013/5/3", "第一初级中学", "7", "1"],
        ["G004", "丁", "男", "2013年5月4日", "第一初级中学", "7", "1"],
        ["G005", "戊", "男", 20130505, "第一初级中学", "7", "1"],
    ]
    students = imported(upload(cast.user("principal"), "students", xlsx(rows)))
    assert [students[f"G00{i}"].birth_date for i in range(1, 6)] == [datetime.date(2013, 5, i) for i in range(1, 6)]


@pytest.mark.parametrize("grade", ["七年级", "7", "初一", "7年级", "七", "初中一年级"])
def test_grades_as_schools_write_them(cast, grade):
    rows = [["学籍号", "姓名", "性别", "学校", "年级", "班级"], ["G001", "甲", "男", "第一初级中学", grade, "1"]]
    students = imported(upload(cast.user("principal"), "students", xlsx(rows)))
    assert ClassMembership.objects.get(student=students["G001"]).school_class.grade == 7


@pytest.mark.parametrize(
    ("sex", "expected"), [("男", "M"), ("女", "F"), ("M", "M"), ("f", "F"), ("男性", "M"), (2, "F")]
)
def test_sex_as_schools_write_it(cast, sex, expected):
    rows = [["学籍号", "姓名", "性别", "学校", "年级", "班级"], ["G001", "甲", sex, "第一初级中学", "7", "1"]]
    assert imported(upload(cast.user("principal"), "students", xlsx(rows)))["G001"].sex == expected


def test_an_xls_file(cast):
    rows = [["学籍号", "姓名", "性别", "学校", "年级", "班级"], ["G001", "甲", "男", "第一初级中学", "七年级", 1.0]]
    students = imported(upload(cast.user("principal"), "students", xls(rows), filename="名册.xls"))
    assert ClassMembership.objects.get(student=students["G001"]).school_class == cast.classes["J01-7-1"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(cast, encoding):
    rows = [["学籍号", "姓名", "性别", "学校", "年级", "班级"], ["G001", "陈一", "男", "第一初级中学", "七年级", "2"]]
    students = imported(upload(cast.user("principal"), "students", csv_bytes(rows, encoding), filename="名册.csv"))
    assert students["G001"].name == "陈一"


def test_an_id_number_stored_as_a_number_has_lost_digits(cast):
    rows = [
        ["学籍号", "姓名", "性别", "身份证号", "学校", "年级", "班级"],
        ["G001", "甲", "男", 110101201305010014, "第一初级中学", "7", "1"],
    ]
    job = upload(cast.user("principal"), "students", xlsx(rows))
    assert [p["code"] for p in job.problems] == ["id_number.scientific"]


def test_a_class_with_its_grade_and_no_grade_column(cast):
    rows = [["学籍号", "姓名", "性别", "学校", "班级"], ["G001", "甲", "男", "第一初级中学", "七年级(2)班"]]
    students = imported(upload(cast.user("principal"), "students", xlsx(rows)))
    assert ClassMembership.objects.get(student=students["G001"]).school_class == cast.classes["J01-7-2"]


def test_a_class_whose_grade_contradicts_the_grade_column(cast):
    rows = [
        ["学籍号", "姓名", "性别", "学校", "年级", "班级"],
        ["G001", "甲", "男", "第一初级中学", "八年级", "七年级(2)班"],
    ]
    job = upload(cast.user("principal"), "students", xlsx(rows))
    assert [p["code"] for p in job.problems] == ["roster.grade_class_mismatch"]


def test_the_school_by_code_and_footnotes_under_the_table(cast):
    rows = [
        ["学籍号", "姓名", "性别", "学校代码", "年级", "班级"],
        ["G001", "甲", "男", "J01", "七年级", "1"],
        [],
        ["制表人：李老师"],
    ]
    students = imported(upload(cast.user("principal"), "students", xlsx(rows)))
    assert list(students) == ["G001"]


def test_an_exported_roster_can_be_imported_again_unchanged(cast, client):
    import openpyxl  # noqa: F401  (the export is an ordinary workbook)

    client.force_login(cast.user("principal"))
    response = client.get("/rosters/exports/students.xlsx")
    job = upload(cast.user("principal"), "students", response.content, filename="students.xlsx")
    assert job.status == ImportStatus.READY, job.problems
    assert job.preview["summary"] == {"unchanged": 3}
