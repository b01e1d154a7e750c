"""Reading intake files: every column, synonyms, and each problem named with its row and column."""

import datetime

import pytest

from tests.placement.intakes import write_intake
from zhiliang.core.placement import read_intake
from zhiliang.core.tabular import ImportProblems

HEADER = ["学籍号", "姓名", "性别", "成绩", "出生日期", "特殊需要", "留守", "毕业学校", "同胞组", "同班组", "指定班级"]


def read(tmp_path, rows, **kwargs):
    path = write_intake(tmp_path / "新生.xlsx", rows, **kwargs)
    return read_intake(path, filename="新生.xlsx")


def messages(tmp_path, rows):
    with pytest.raises(ImportProblems) as caught:
        read(tmp_path, rows)
    return [problem.message() for problem in caught.value.problems]


def test_it_reads_every_column_under_a_title_row(tmp_path):
    intake = read(
        tmp_path,
        [
            HEADER,
            ["g001", "王 小明", "男", 268.5, "2013-05-01", "是", "否", "城关中心小学", "王家", None, "3班"],
            ["G002", "李四", "女", None, "2013/9/2", "否", "是", "李庄小学", "王家", "申请1", None],
        ],
        title="第一初级中学2025年七年级新生名单",
    )
    first, second = intake.students
    assert (first.student_id, first.name, first.sex, first.score) == ("G001", "王小明", "M", 268.5)
    assert first.birth_date == datetime.date(2013, 5, 1)
    assert (first.special_needs, first.left_behind, first.feeder_school) == (True, False, "城关中心小学")
    assert (first.sibling_group, first.together_group, first.fixed_class) == ("王家", None, 3)
    assert first.row == 3  # row 1 is the title, row 2 the header
    assert (second.sex, second.score, second.left_behind, second.together_group) == ("F", None, True, "申请1")
    assert intake.has_scores and intake.has_birth_dates and intake.sheet == "新生名单"


def test_it_accepts_synonyms_and_sums_subjects_when_there_is_no_score_column(tmp_path):
    intake = read(
        tmp_path,
        [
            ["全国学籍号", "学生姓名", "性别", "语文", "数学", "英语", "留守儿童", "毕业小学"],
            ["G1", "甲", "女", 90, 85.5, 70, "是", "东关小学"],
            ["G2", "乙", "男", 80, None, 60, "", "东关小学"],
        ],
    )
    first, second = intake.students
    assert intake.subjects == ("语文", "数学", "英语")
    assert first.score == 245.5 and first.subjects == {"语文": 90, "数学": 85.5, "英语": 70}
    assert second.score is None  # a subject is missing: no total
    assert first.left_behind and not second.left_behind


def test_a_grade_one_intake_has_no_scores(tmp_path):
    intake = read(tmp_path, [["学籍号", "姓名", "性别", "出生日期"], ["G1", "甲", "男", "2019-03-05"]])
    assert not intake.has_scores and intake.students[0].score is None


def test_every_problem_is_named_with_row_and_column(tmp_path):
    found = messages(
        tmp_path,
        [
            HEADER,
            ["G001", "甲", "M男", 90, None, None, None, None, None, None, None],
            ["G002", None, "女", -5, "2013-02-30", "也许", None, None, None, None, "三班甲"],
            ["G001", "丙", "男", "九十", None, None, None, None, None, None, None],
        ],
    )
    assert "文件“新生.xlsx”工作表“新生名单”第 2 行 C 列（性别）：性别“M男”无法识别，请填写“男”或“女”。" in found
    assert any("第 3 行 B 列（姓名）" in m and "必须填写" in m for m in found)
    assert any("第 3 行 D 列（成绩）" in m and "不能为负数" in m for m in found)
    assert any("第 3 行 E 列（出生日期）" in m and "2013-02-30" in m for m in found)
    assert any("第 3 行 F 列（特殊需要）" in m and "“也许”无法识别" in m for m in found)
    assert any("第 3 行 K 列（指定班级）" in m and "三班甲" in m for m in found)
    assert any("第 4 行 D 列（成绩）" in m and "“九十”不是数字" in m for m in found)
    duplicated = [m for m in found if "出现了不止一次" in m]
    assert len(duplicated) == 2 and all("第 2、4 行" in m for m in duplicated)


def test_missing_required_columns_are_listed_with_accepted_names(tmp_path):
    found = messages(tmp_path, [["学籍号", "姓名", "成绩"], ["G1", "甲", 90]])
    assert len(found) == 1 and "缺少“性别”列" in found[0] and "“学生性别”" in found[0]


def test_a_file_with_only_a_header_is_refused(tmp_path):
    assert messages(tmp_path, [["学籍号", "姓名", "性别"]]) == [
        "文件“新生.xlsx”工作表“新生名单”：文件中没有学生（只有表头）。"
    ]


def test_csv_in_gbk_is_read(tmp_path):
    path = tmp_path / "新生.csv"
    path.write_bytes("学籍号,姓名,性别,成绩\nG1,张三,男,88\nG2,李四,女,92\n".encode("gbk"))
    intake = read_intake(path, filename="新生.csv")
    assert [s.name for s in intake.students] == ["张三", "李四"] and intake.students[1].score == 92
