"""Downloads: a school's results in the national upload layout, and the import template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from zhiliang.accounts.scoping import get_for_user, managed_schools
from zhiliang.audit.models import AuditAction
from zhiliang.audit.services import audit_record
from zhiliang.core.fitness.sheet import known_headers
from zhiliang.core.fitness.upload import HEADERS, UploadStudent, upload_row
from zhiliang.core.xlsx_export import ColumnSpec, SheetSpec, workbook_bytes
from zhiliang.fitness.access import fitness_schools
from zhiliang.fitness.models import MEASUREMENT_FIELDS
from zhiliang.fitness.selectors import records_visible, with_related
from zhiliang.fitness.services import VISION_FIELDS
from zhiliang.fitness.views.common import xlsx_response, years_and_year


@login_required
def national_export(request: HttpRequest, school_id: int) -> HttpResponse:
    """The school's records of a year, one row per student, in the national upload template's columns."""
    school = get_for_user(fitness_schools(request.user), pk=school_id)
    _years, year = years_and_year(request)
    records = (
        list(with_related(records_visible(request.user).filter(school_year=year, school_class__school=school)))
        if year
        else []
    )
    rows = []
    for record in records:
        measurements = {key: getattr(record, key) for key in ("height", "weight", *MEASUREMENT_FIELDS, *VISION_FIELDS)}
        student = record.student
        rows.append(
            upload_row(
                UploadStudent(
                    grade=record.grade,
                    class_number=record.school_class.number,
                    class_name=record.school_class.display_name,
                    student_number=student.student_number,
                    ethnic_code=student.ethnic_code,
                    name=student.name,
                    sex=record.sex,
                    birth_date=student.birth_date,
                    measurements=measurements,
                )
            )
        )
    audit_record(actor=request.user, action=AuditAction.EXPORT, target=school, what="fitness_national", rows=len(rows))
    # Every column is text: the platform rejects reformatted codes, numbers and dates.
    sheet = SheetSpec("Sheet1", [ColumnSpec(header) for header in HEADERS], rows)
    return xlsx_response(workbook_bytes([sheet]), f"{school.display_name}-{year or ''}-体质健康上报.xlsx")


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The import template: the headers the importer reads, with one example row."""
    if not managed_schools(request.user).exists():
        raise Http404
    headers = [*known_headers(), "左眼裸眼视力", "右眼裸眼视力", "龋齿", "免测"]
    example = {"学籍号": "G110101201301010017", "姓名": "张三", "年级": "7", "性别": "男", "班级": "七年级(1)班",
               "身高": "160.5", "体重": "48.2", "肺活量": "3200", "50米跑": "8.3", "坐位体前屈": "12.4",
               "立定跳远": "205", "引体向上": "6", "1000米跑": "4'05\"", "左眼裸眼视力": "4.9",
               "右眼裸眼视力": "5.0", "龋齿": "否", "免测": ""}  # fmt: skip
    sheet = SheetSpec(
        "体测成绩",
        [ColumnSpec(header) for header in headers],
        [[example.get(header, "") for header in headers]],
        notes=["注：时间可写 9.8、1'52\"、3:35 或秒数；免测学生在“免测”列填写原因。"],
    )
    return xlsx_response(workbook_bytes([sheet]), "体质健康测试成绩模板.xlsx")
