"""Roster exports and templates, opened with openpyxl as a person would open them in Excel."""

import datetime
import io

import openpyxl
import pytest

from tests.rosters.files import confirm, upload
from zhiliang.audit.models import AuditEvent
from zhiliang.imports.models import ImportStatus
from zhiliang.people.models import ClassMembership, StudentStatus

pytestmark = pytest.mark.django_db


def rows_of(response, sheet=None):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    return [row for row in worksheet.iter_rows(values_only=True) if any(cell is not None for cell in row)]


def test_the_student_export_masks_id_numbers_and_is_audited(cast, client):
    client.force_login(cast.user("principal"))
    rows = rows_of(client.get("/rosters/exports/students.xlsx"))
    assert rows[0][0] == "学生名册"
    assert rows[1] == (
        "学籍号",
        "姓名",
        "性别",
        "出生日期",
        "身份证号（隐去）",
        "学校",
        "年级",
        "班级",
        "学号",
        "入学日期",
        "状态",
    )
    data = {row[0]: row for row in rows[2:]}
    assert set(data) == {"GS10000000001", "GS20000000001", "GS30000000001"}  # only 第一初级中学
    first = data["GS10000000001"]
    assert (first[1], first[2], first[3].date(), first[4]) == (
        "张三",
        "男",
        datetime.date(2013, 1, 1),
        "1101********0017",
    )
    assert (first[5], first[6], first[7], first[10]) == ("第一初级中学", "七年级", 1, "在读")
    assert not any("110101201301010017" in str(cell) for row in rows for cell in row)
    event = AuditEvent.objects.get(action="export")
    assert event.detail["rows"] == 3 and event.target_type == "rosters.students"


def test_students_who_left_are_exported_on_request(cast, client):
    cast.students["s3"].status = StudentStatus.DROPPED_OUT
    cast.students["s3"].save()
    client.force_login(cast.user("principal"))
    assert len(rows_of(client.get("/rosters/exports/students.xlsx"))) == 4
    assert len(rows_of(client.get("/rosters/exports/students.xlsx?include_left=on"))) == 5


def test_the_export_with_id_numbers_needs_a_purpose_and_is_audited(cast, client):
    client.force_login(cast.user("principal"))
    page = client.get("/rosters/exports/students-with-id-numbers/")
    assert page.status_code == 200 and "用途" in page.content.decode()
    assert client.post("/rosters/exports/students-with-id-numbers/", {"purpose": ""}).status_code == 200
    assert not AuditEvent.objects.filter(action__in=["export", "id_reveal"]).exists()
    rows = rows_of(client.post("/rosters/exports/students-with-id-numbers/", {"purpose": "学籍系统核对"}))
    assert rows[1][4] == "身份证号"
    data = {row[0]: row for row in rows[2:]}
    assert data["GS10000000001"][4] == "110101201301010017"
    assert data["GS30000000001"][4] in (None, "")
    export = AuditEvent.objects.get(action="export")
    assert export.detail["purpose"] == "学籍系统核对" and export.detail["with_id_numbers"] is True
    reveal = AuditEvent.objects.get(action="id_reveal")
    assert reveal.detail["count"] == 3


def test_the_export_with_id_numbers_is_only_for_school_managers(cast, client):
    for role in ("bureau_analyst", "group_leader", "grade_leader", "head_teacher", "outsider"):
        client.force_login(cast.user(role))
        assert client.get("/rosters/exports/students-with-id-numbers/").status_code == 404, role
        assert client.post("/rosters/exports/students-with-id-numbers/", {"purpose": "x"}).status_code == 404, role


def test_a_school_outside_the_scope_cannot_be_exported(cast, client):
    client.force_login(cast.user("principal"))
    assert client.get(f"/rosters/exports/students.xlsx?school={cast.junior2.pk}").status_code == 404
    assert client.get("/rosters/exports/students.xlsx?school=abc").status_code == 404
    response = client.post(
        "/rosters/exports/students-with-id-numbers/", {"purpose": "x", "school": str(cast.junior2.pk)}
    )
    assert response.status_code == 200  # not a valid choice
    assert not AuditEvent.objects.filter(action__in=["export", "id_reveal"]).exists()


def test_the_bureau_exports_one_school(cast, client):
    client.force_login(cast.user("bureau_analyst"))
    rows = rows_of(client.get(f"/rosters/exports/students.xlsx?school={cast.junior2.pk}"))
    assert [row[0] for row in rows[2:]] == ["GS40000000001"]


def test_the_class_export_has_sizes(cast, client):
    ClassMembership.objects.filter(student=cast.students["s2"]).update(left_on="2026-01-01")
    client.force_login(cast.user("bureau_admin"))
    rows = rows_of(client.get("/rosters/exports/classes.xlsx"))
    assert rows[1] == ("学校", "年级", "班号", "班级名称", "班主任工号", "班主任", "班额", "已毕业")
    by_class = {(row[0], row[2]): row for row in rows[2:]}
    assert by_class[("第一初级中学", 1)][4:7] == ("T-head_teacher", "王老师", 1)
    assert by_class[("第一初级中学", 2)][6] == 1
    assert by_class[("城关中心小学", 1)][1] == "三年级"


def test_the_school_teacher_and_assignment_exports(cast, client):
    client.force_login(cast.user("group_leader"))
    schools = rows_of(client.get("/rosters/exports/schools.xlsx"))
    assert [row[0] for row in schools[2:]] == ["J01"]
    assert schools[2][3:5] == ("初中", "城关教育集团")
    teachers = rows_of(client.get("/rosters/exports/teachers.xlsx"))
    assert {row[0] for row in teachers[2:]} == {"T-head_teacher", "T-subject_teacher"}
    assignments = rows_of(client.get("/rosters/exports/assignments.xlsx"))
    assert assignments[1] == ("学校", "年级", "班号", "学科", "教师工号", "教师姓名", "学期")
    assert ("第一初级中学", "七年级", 1, "数学", "T-subject_teacher", "李老师", "2025-2026学年第一学期") in assignments


def test_exports_are_in_chinese_for_english_users_too(cast, client):
    from django.conf import settings

    client.force_login(cast.user("principal"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = rows_of(client.get("/rosters/exports/students.xlsx"))
    assert rows[2][2] in ("男", "女")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("bureau_admin", 200),
        ("bureau_analyst", 200),
        ("group_leader", 200),
        ("principal", 200),
        ("central_principal", 200),
        ("grade_leader", 404),
        ("head_teacher", 404),
        ("subject_teacher", 404),
        ("outsider", 404),
    ],
)
def test_who_exports(cast, client, role, status):
    client.force_login(cast.user(role))
    for kind in ("schools", "classes", "students", "teachers", "assignments"):
        assert client.get(f"/rosters/exports/{kind}.xlsx").status_code == status, kind
    assert client.get("/rosters/").status_code == status


def test_templates_have_headers_an_example_and_notes(cast, client):
    client.force_login(cast.user("principal"))
    response = client.get("/rosters/templates/students.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["学生名册", "填写说明"]
    sheet = workbook["学生名册"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["学籍号", "姓名", "性别", "出生日期", "身份证号", "学校", "年级", "班级", "入学日期", "学号"]
    assert sheet["A2"].value == "G123456789012345678"
    assert sheet.column_dimensions["E"].number_format == "@"  # typed ID numbers stay text
    notes = [row for row in workbook["填写说明"].iter_rows(values_only=True) if row[0]]
    assert any(row[0] == "学籍号" and "全国学籍号" in row[3] for row in notes if len(row) > 3 and row[3])
    assert any("示例" in str(row[0]) for row in notes)


@pytest.mark.parametrize("kind", ["teachers", "classes", "students", "assignments"])
def test_a_filled_in_template_imports(cast, client, kind):
    """The template with its example row replaced by a real one is accepted as it is."""
    client.force_login(cast.user("principal"))
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/rosters/templates/{kind}.xlsx").content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    real = {
        "工号": "T300",
        "班主任工号": "",
        "教师工号": "T-head_teacher",
        "学籍号": "G300",
        "学校": "第一初级中学",
        "身份证号": "",
        "班号": "1",
        "班级": "1",
        "学科": "英语",
        "任教学科": "英语",
    }
    for index, label in enumerate(header, start=1):
        if label in real:
            sheet.cell(row=2, column=index, value=real[label])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = upload(cast.user("principal"), kind, buffer.getvalue())
    assert job.status == ImportStatus.READY, job.problems
    assert confirm(job).status == ImportStatus.DONE


def test_the_school_template_is_for_the_bureau(cast, client):
    client.force_login(cast.user("principal"))
    assert client.get("/rosters/templates/schools.xlsx").status_code == 404
    client.force_login(cast.user("bureau_admin"))
    assert client.get("/rosters/templates/schools.xlsx").status_code == 200
    assert client.get("/rosters/templates/nonsense.xlsx").status_code == 404
