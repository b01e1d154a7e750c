"""The class-list workbook and the intake template, opened as a person would (openpyxl)."""

import io

import openpyxl

from tests.placement.intakes import make_intake
from zhiliang.core.placement import PlacementOptions, place, read_intake
from zhiliang.core.placement.export import class_lists_xlsx, intake_template_bytes


def test_class_lists_have_a_summary_and_one_sheet_per_class_without_scores_or_flags():
    students = make_intake(40, seed=3, classes=2)
    outcome = place(students, PlacementOptions(classes=2, max_size=50, time_limit=0.5))
    content = class_lists_xlsx(
        students,
        outcome.placement,
        title="第一初级中学 七年级分班名单",
        class_names={1: "七年级(2)班", 2: "七年级(1)班"},
        head_teachers={1: "王老师"},
        notes=["抽签种子：2026-08-20"],
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["分班汇总", "七年级(2)班", "七年级(1)班"]
    summary = workbook["分班汇总"]
    assert summary["A1"].value == "第一初级中学 七年级分班名单"
    assert [c.value for c in summary[2]] == [
        "班级",
        "班主任",
        "人数",
        "男",
        "女",
        "平均分",
        "标准差",
        "特殊需要",
        "留守",
    ]
    assert [c.value for c in summary[3]][:3] == ["七年级(2)班", "王老师", outcome.placement.classes[0].size]
    assert summary["F3"].value == outcome.placement.classes[0].mean
    sheet = workbook["七年级(2)班"]
    assert sheet["A1"].value == "第一初级中学 七年级分班名单 七年级(2)班（班主任：王老师）"
    header = [c.value for c in sheet[2]]
    assert header == ["序号", "学籍号", "姓名", "性别", "出生日期", "毕业学校"]
    ids = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(ids) == sorted(k for k, v in outcome.placement.assignment.items() if v == 1)


def test_the_template_reads_back_once_filled(tmp_path):
    workbook = openpyxl.load_workbook(io.BytesIO(intake_template_bytes()))
    assert workbook.sheetnames == ["新生名单", "填写说明"]
    sheet = workbook["新生名单"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["学籍号", "姓名", "性别"] and "同胞组" in header and "指定班级" in header
    sheet.append(["G001", "王小明", "男", 260, 90, 85, 85, "2013-05-01", "否", "是", "城关中心小学", None, None, 2])
    path = tmp_path / "填好的.xlsx"
    workbook.save(path)
    (student,) = read_intake(path, filename=path.name).students
    assert (student.student_id, student.score, student.left_behind, student.fixed_class) == ("G001", 260, True, 2)
