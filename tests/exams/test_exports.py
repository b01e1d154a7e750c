"""Excel exports and the background 质量分析报告: they open, hold what the user may see, and are audited."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.exams.factories import make_exam, write_scores
from zhiliang.audit.models import AuditAction, AuditEvent
from zhiliang.exams.models import ReportFile, ReportStatus

pytestmark = pytest.mark.django_db


def workbook(response):
    assert response.status_code == 200, response.content[:500]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def all_text(book):
    return "\n".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
    )


def test_the_county_workbook_opens_with_every_school(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("bureau_analyst"))
    book = workbook(client.get(reverse("exams:export", args=[exam.pk]), {"grade": 7, "unit": "county"}))
    assert "学校汇总" in book.sheetnames
    text = all_text(book)
    assert "第一初级中学" in text and "第二初级中学" in text
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, detail__unit="county").exists()
    sheet = book["学校汇总"]
    assert sheet.freeze_panes is not None


def test_a_principal_exports_only_their_school(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("principal"))
    url = reverse("exams:export", args=[exam.pk])
    text = all_text(workbook(client.get(url, {"grade": 7, "unit": f"school:{cast.junior1.pk}"})))
    assert "第一初级中学" in text and "张三" in text
    assert "第二初级中学" not in text and "赵六" not in text
    assert client.get(url, {"grade": 7, "unit": f"school:{cast.junior2.pk}"}).status_code == 404
    assert client.get(url, {"grade": 7, "unit": "county"}).status_code == 404


def test_a_head_teacher_exports_their_class(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("head_teacher"))
    url = reverse("exams:export", args=[exam.pk])
    text = all_text(workbook(client.get(url, {"grade": 7, "unit": f"class:{cast.classes['J01-7-1'].pk}"})))
    assert "张三" in text and "李四" in text and "王五" not in text


def test_teacher_and_student_pages_export(cast, client):
    exam = make_exam(cast)
    client.force_login(cast.user("head_teacher"))
    teacher = reverse("exams:teacher", args=[exam.pk, cast.teachers["head_teacher"].pk])
    assert "语文" in all_text(workbook(client.get(teacher, {"grade": 7, "format": "xlsx"})))
    student = reverse("exams:student", args=[exam.pk, cast.students["s1"].pk])
    assert exam.name in all_text(workbook(client.get(student, {"format": "xlsx"})))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


def request_report(client, exam, unit, kind, capture):
    with capture(execute=True):
        response = client.post(reverse("exams:report_start", args=[exam.pk]), {"grade": 7, "unit": unit, "kind": kind})
    assert response.status_code == 200
    return ReportFile.objects.filter(exam=exam, scope_key=unit, kind=kind).latest("created_at")


def test_the_pdf_report_is_built_in_the_background_and_opens(cast, client, django_capture_on_commit_callbacks):
    exam = make_exam(cast)
    client.force_login(cast.user("principal"))
    unit = f"school:{cast.junior1.pk}"
    report = request_report(client, exam, unit, "pdf", django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.DONE, report.message
    status = client.get(reverse("exams:report_status", args=[report.pk]))
    assert "report-download" in status.content.decode()
    response = client.get(reverse("exams:report_download", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) >= 2
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "第一初级中学" in text
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, detail__what="report_pdf").exists()


def test_a_report_is_reused_until_the_scores_change(cast, client, django_capture_on_commit_callbacks):
    exam = make_exam(cast)
    client.force_login(cast.user("bureau_admin"))
    first = request_report(client, exam, "county", "xlsx", django_capture_on_commit_callbacks)
    again = request_report(client, exam, "county", "xlsx", django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    write_scores(cast, exam, {"s4": {"数学": 66}})
    changed = request_report(client, exam, "county", "xlsx", django_capture_on_commit_callbacks)
    assert changed.pk != first.pk and changed.status == ReportStatus.DONE
    book = openpyxl.load_workbook(io.BytesIO(bytes(changed.content)))
    assert "学生成绩" in book.sheetnames or len(book.sheetnames) > 3


def test_a_failed_report_says_why(cast, client, django_capture_on_commit_callbacks):
    exam = make_exam(cast)
    client.force_login(cast.user("bureau_admin"))
    from zhiliang.exams.reports import report_build

    report = ReportFile.objects.create(exam=exam, kind="pdf", grade=7, scope_key="class:999999", fingerprint="x")
    report = report_build(report.pk)
    assert report.status == ReportStatus.FAILED and "生成失败" in report.message
